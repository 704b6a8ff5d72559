// The engine's structural check of partnership files, driven by the bundled JSON Schema.
#include "engine/schema_check.hpp"

#include "engine/date.hpp"
#include "engine/type_nouns.hpp"

#include <nlohmann/json.hpp>

#include <cmath>
#include <unordered_map>

namespace dutycheck::engine {
namespace {

using nlohmann::json;

const json& schema() {
    static const json parsed = json::parse(partnership_schema_text());
    return parsed;
}

std::string_view kind_name(NodeKind kind) {
    switch (kind) {
        case NodeKind::null: return "null";
        case NodeKind::boolean: return type_noun(TypeNoun::boolean);
        case NodeKind::number: return type_noun(TypeNoun::number);
        case NodeKind::string: return type_noun(TypeNoun::string);
        case NodeKind::array: return type_noun(TypeNoun::list);
        case NodeKind::object: return type_noun(TypeNoun::object);
    }
    return "a value";
}

// The noun for a JSON Schema type name.
std::string schema_type_noun(const std::string& type) {
    if (type == "object") return std::string(type_noun(TypeNoun::object));
    if (type == "array") return std::string(type_noun(TypeNoun::list));
    if (type == "string") return std::string(type_noun(TypeNoun::string));
    if (type == "number") return std::string(type_noun(TypeNoun::number));
    if (type == "integer") return "a whole number";
    if (type == "boolean") return std::string(type_noun(TypeNoun::boolean));
    if (type == "null") return "null";
    return type;
}

bool has_type(const Document& doc, NodeId node, const std::string& type) {
    const NodeKind kind = doc.kind(node);
    if (type == "object") return kind == NodeKind::object;
    if (type == "array") return kind == NodeKind::array;
    if (type == "string") return kind == NodeKind::string;
    if (type == "boolean") return kind == NodeKind::boolean;
    if (type == "null") return kind == NodeKind::null;
    if (type == "number") return kind == NodeKind::number;
    if (type == "integer") return kind == NodeKind::number && std::floor(doc.as_number(node)) == doc.as_number(node);
    return true;
}

std::string found(const Document& doc, NodeId node) {
    if (doc.kind(node) == NodeKind::string) return "\"" + std::string(doc.as_string(node)) + "\"";
    if (doc.kind(node) == NodeKind::boolean) return doc.as_bool(node) ? "true" : "false";
    return std::string(kind_name(doc.kind(node)));
}

class Checker {
public:
    Checker(const Document& doc, std::size_t limit) : doc_(doc), limit_(limit) {}

    void check(NodeId node, const json& subschema, int depth = 0) {
        if (problems_.size() >= limit_ || depth > 64) return;
        const Resolved& resolved = resolve(subschema);
        if (resolved.schema == nullptr) return;
        const bool is_date = resolved.is_date;
        // JSON null is "not recorded", whatever the field: rules report it as unknown.
        if (doc_.kind(node) == NodeKind::null) return;
        if (!resolved.types.empty()) {
            bool ok = false;
            for (const auto& t : resolved.types) ok = ok || has_type(doc_, node, t);
            if (!ok) {
                std::string expected;
                for (std::size_t i = 0; i < resolved.types.size(); ++i)
                    expected += (i == 0 ? "" : i + 1 == resolved.types.size() ? " or " : ", ") +
                                schema_type_noun(resolved.types[i]);
                if (is_date) expected = type_noun(TypeNoun::date);
                problems_.push_back({node, "expected " + expected + ", found " + found(doc_, node)});
                return;
            }
        }
        if (is_date && doc_.kind(node) == NodeKind::string && !parse_date(doc_.as_string(node))) {
            problems_.push_back({node, "expected " + std::string(type_noun(TypeNoun::date)) + ", found " + found(doc_, node)});
            return;
        }
        if (doc_.kind(node) == NodeKind::object) {
            if (resolved.properties == nullptr) return;
            for (std::size_t i = 0; i < doc_.size(node); ++i) {
                const NodeId member = doc_.child(node, i);
                auto property = resolved.properties->find(doc_.key(member));
                if (property != resolved.properties->end()) check(member, *property, depth + 1);
            }
        } else if (doc_.kind(node) == NodeKind::array) {
            if (resolved.items == nullptr) return;
            for (std::size_t i = 0; i < doc_.size(node); ++i) check(doc_.child(node, i), *resolved.items, depth + 1);
        }
    }

    std::vector<SchemaProblem> take() { return std::move(problems_); }

private:
    /// A subschema with its local references followed; `is_date` if one was the date definition.
    struct Resolved {
        const json* schema = nullptr;  // null: a reference the schema does not define
        bool is_date = false;
        std::vector<std::string> types;    // the allowed JSON types; empty: any
        const json* properties = nullptr;  // for objects
        const json* items = nullptr;       // for arrays
    };

    // Every node of a large file passes through here, so each subschema's references are
    // followed once and remembered.
    const Resolved& resolve(const json& subschema) {
        auto [entry, inserted] = resolved_.try_emplace(&subschema);
        if (!inserted) return entry->second;
        Resolved& out = entry->second;
        const json* s = &subschema;
        // Follow local references; the date definition carries date semantics.
        for (int hops = 0; s->contains("$ref") && hops < 8; ++hops) {
            const std::string ref = (*s)["$ref"].get<std::string>();
            if (ref == "#/$defs/date") out.is_date = true;
            const std::string prefix = "#/$defs/";
            if (ref.rfind(prefix, 0) != 0 || !schema()["$defs"].contains(ref.substr(prefix.size()))) return out;
            s = &schema()["$defs"][ref.substr(prefix.size())];
        }
        out.schema = s;
        if (auto type = s->find("type"); type != s->end()) {
            if (type->is_string()) out.types.push_back(type->get<std::string>());
            else for (const auto& t : *type) out.types.push_back(t.get<std::string>());
        }
        if (auto properties = s->find("properties"); properties != s->end()) out.properties = &*properties;
        if (auto items = s->find("items"); items != s->end()) out.items = &*items;
        return out;
    }

    const Document& doc_;
    std::size_t limit_;
    std::unordered_map<const json*, Resolved> resolved_;
    std::vector<SchemaProblem> problems_;
};

}  // namespace

std::vector<SchemaProblem> check_against_schema(const Document& doc, std::size_t limit) {
    Checker checker(doc, limit);
    checker.check(doc.root(), schema());
    return checker.take();
}

std::optional<InputError> check_document_shape(const Document& doc) {
    if (doc.kind(doc.root()) != NodeKind::object)
        return InputError{"DC502", "", "the top level must be an object (a partnership file), not a list or a single value"};
    auto format = doc.member(doc.root(), "format");
    if (!format) return InputError{"DC502", "", "missing \"format\": expected \"dutycheck.partnership/1\""};
    if (doc.kind(*format) != NodeKind::string || doc.as_string(*format) != "dutycheck.partnership/1")
        return InputError{"DC502", "/format", "unknown format version: expected \"dutycheck.partnership/1\""};
    return std::nullopt;
}

}  // namespace dutycheck::engine
