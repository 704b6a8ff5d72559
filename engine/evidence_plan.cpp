// The evidence plan: missing pointers turned into the format's fields, grouped and ranked.
#include "engine/evidence_plan.hpp"

#include "engine/json_pointer.hpp"
#include "engine/schema_check.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <set>

namespace dutycheck::engine {
namespace {

using nlohmann::json;

// The format has no recursive definition; the bound only guards against one.
constexpr int max_depth = 16;

// A schema node and the nodes its `$ref`s lead to, nearest first: in 2020-12 a `$ref`'s siblings
// apply too, and the node's own annotations (a field's description) win over the definition's.
std::vector<const json*> layers(const json& node) {
    const json& schema = partnership_schema_document();
    std::vector<const json*> out;
    const json* at = &node;
    for (int depth = 0; at != nullptr && at->is_object() && depth < max_depth; ++depth) {
        out.push_back(at);
        const auto ref = at->find("$ref");
        if (ref == at->end() || !ref->is_string()) break;
        const std::string target = ref->get<std::string>();
        if (target.empty() || target.front() != '#') break;
        const auto pointer = json::json_pointer(target.substr(1));
        at = schema.contains(pointer) ? &schema.at(pointer) : nullptr;
    }
    return out;
}

// The first layer that has `key`, or nullptr.
const json* find(const std::vector<const json*>& nodes, const char* key) {
    for (const json* node : nodes)
        if (auto found = node->find(key); found != node->end()) return &*found;
    return nullptr;
}

bool is_index(std::string_view token) {
    return !token.empty() && std::all_of(token.begin(), token.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// An example of a value the schema allows, from the schema alone: its first example; else its
// constant or first allowed value; else one built from its type where only one honest value
// exists (true for a flag, the minimum for a bounded number, a list of one example element, an
// object with its required members or its name). Nothing is made up that the schema does not say.
std::optional<json> derive_example(const json& node, int depth) {
    if (depth > 4) return std::nullopt;
    const auto nodes = layers(node);
    if (const json* examples = find(nodes, "examples"); examples && examples->is_array() && !examples->empty())
        return examples->front();
    if (const json* constant = find(nodes, "const")) return *constant;
    if (const json* allowed = find(nodes, "enum"); allowed && allowed->is_array() && !allowed->empty())
        return allowed->front();
    const json* type = find(nodes, "type");
    if (type == nullptr) return std::nullopt;
    const std::string kind = type->is_string()                            ? type->get<std::string>()
                             : type->is_array() && !type->empty() && type->front().is_string() ? type->front().get<std::string>()
                                                                                                : std::string();
    if (kind == "boolean") return json(true);
    if (kind == "integer" || kind == "number") {
        if (const json* minimum = find(nodes, "minimum"); minimum && minimum->is_number()) return *minimum;
        return std::nullopt;
    }
    if (kind == "array") {
        const json* items = find(nodes, "items");
        if (items == nullptr) return std::nullopt;
        auto element = derive_example(*items, depth + 1);
        if (!element) return std::nullopt;
        return json::array({std::move(*element)});
    }
    if (kind == "object") {
        const json* properties = find(nodes, "properties");
        if (properties == nullptr || !properties->is_object()) return std::nullopt;
        json object = json::object();
        if (const json* required = find(nodes, "required"); required && required->is_array()) {
            for (const auto& name : *required) {
                if (!name.is_string() || !properties->contains(name.get<std::string>())) continue;
                if (auto value = derive_example(properties->at(name.get<std::string>()), depth + 1))
                    object[name.get<std::string>()] = std::move(*value);
            }
        }
        // Without required members, the member that names the object shows its shape best.
        for (const char* name : {"name", "id", "title"}) {
            if (!object.empty()) break;
            if (!properties->contains(name)) continue;
            if (auto value = derive_example(properties->at(name), depth + 1)) object[name] = std::move(*value);
        }
        if (object.empty()) return std::nullopt;
        return object;
    }
    return std::nullopt;
}

// The schema node a pointer falls on, and its field; nullptr once the schema stops defining it.
struct Walk {
    std::string field;
    const json* node = nullptr;
};

Walk walk(std::string_view pointer) {
    Walk out;
    const json* node = &partnership_schema_document();
    for (const std::string_view raw : pointer_tokens(pointer)) {
        if (node != nullptr) {
            const auto nodes = layers(*node);
            const std::string token = unescape_pointer_token(raw);
            const json* properties = find(nodes, "properties");
            const json* items = find(nodes, "items");
            if (properties && properties->is_object() && properties->contains(token)) {
                node = &properties->at(token);
                append_pointer_token(out.field, token);
            } else if (items && is_index(raw)) {
                node = items;
                out.field += "/*";
            } else {
                node = nullptr;  // the format does not define this place: keep the rest as written
            }
        }
        if (node == nullptr) out.field.append("/").append(raw);
    }
    out.node = node;
    return out;
}

// The array indexes of a pointer, for putting the places of one field in document order: they
// differ only where the field has `*`, and a later element comes later in the file.
std::vector<std::uint64_t> indexes(std::string_view pointer) {
    std::vector<std::uint64_t> out;
    for (const std::string_view raw : pointer_tokens(pointer)) {
        if (!is_index(raw)) continue;
        std::uint64_t value = 0;
        if (std::from_chars(raw.data(), raw.data() + raw.size(), value).ec != std::errc())
            value = std::numeric_limits<std::uint64_t>::max();
        out.push_back(value);
    }
    return out;
}

// Every example a field's schema gives, its own first.
std::vector<const json*> all_examples(const json& node) {
    std::vector<const json*> out;
    for (const json* layer : layers(node))
        if (auto examples = layer->find("examples"); examples != layer->end() && examples->is_array())
            for (const auto& example : *examples) out.push_back(&example);
    return out;
}

}  // namespace

FormatField format_field(std::string_view pointer) {
    const Walk found = walk(pointer);
    FormatField field;
    field.field = found.field;
    if (found.node == nullptr) return field;
    if (const json* description = find(layers(*found.node), "description"); description && description->is_string())
        field.description = description->get<std::string>();
    if (auto example = derive_example(*found.node, 0)) field.example = example->dump();
    return field;
}

bool awaits_evidence(const Finding& finding) {
    return finding.status == Status::unknown ||
           (finding.status == Status::waiver_expired && finding.underlying == Status::unknown);
}

std::vector<EvidenceItem> evidence_plan(const std::vector<Finding>& findings) {
    struct Entry {
        EvidenceItem item;
        std::set<std::size_t> findings;
        std::set<MissingReason> reasons;
    };
    std::map<std::string, Entry> entries;
    std::map<std::string, FormatField, std::less<>> fields;  // each pointer walked once
    for (std::size_t i = 0; i < findings.size(); ++i) {
        const Finding& finding = findings[i];
        if (!awaits_evidence(finding)) continue;
        for (const Missing& missing : finding.missing) {
            if (missing.pointer.empty()) continue;
            auto known = fields.find(missing.pointer);
            if (known == fields.end()) known = fields.emplace(missing.pointer, format_field(missing.pointer)).first;
            Entry& entry = entries[known->second.field];
            if (entry.item.field.empty()) {
                entry.item.field = known->second.field;
                entry.item.description = known->second.description;
                entry.item.example = known->second.example;
            }
            entry.findings.insert(i);
            entry.reasons.insert(missing.reason);
            auto& places = entry.item.places;
            if (std::find(places.begin(), places.end(), missing.pointer) == places.end()) places.push_back(missing.pointer);
            if (finding.rule != nullptr && !finding.rule->id.empty()) {
                auto& rules = entry.item.rules;
                if (std::find(rules.begin(), rules.end(), finding.rule->id) == rules.end())
                    rules.push_back(finding.rule->id);
            }
        }
    }
    std::vector<EvidenceItem> plan;
    plan.reserve(entries.size());
    for (auto& [field, entry] : entries) {
        EvidenceItem item = std::move(entry.item);
        item.decides = entry.findings.size();
        item.reasons.assign(entry.reasons.begin(), entry.reasons.end());
        std::stable_sort(item.places.begin(), item.places.end(),
                         [](const std::string& a, const std::string& b) { return indexes(a) < indexes(b); });
        // A value recorded as a month where the day decides: show a day, not the month again.
        if (entry.reasons.count(MissingReason::imprecise) != 0) {
            if (const Walk found = walk(item.places.front()); found.node != nullptr)
                for (const json* example : all_examples(*found.node))
                    if (example->is_string() && example->get<std::string>().size() == 10) {
                        item.example = example->dump();
                        break;
                    }
        }
        plan.push_back(std::move(item));
    }
    // entries is ordered by field, so a stable sort by decides keeps the field order within a count.
    std::stable_sort(plan.begin(), plan.end(),
                     [](const EvidenceItem& a, const EvidenceItem& b) { return a.decides > b.decides; });
    return plan;
}

}  // namespace dutycheck::engine
