// The records stage: empty elements and duplicates in the file's lists.
#include "engine/records.hpp"

#include "dsl/text.hpp"
#include "engine/value_ops.hpp"

#include <algorithm>
#include <string>
#include <string_view>
#include <unordered_map>

namespace dutycheck::engine {
namespace {

// The members that identify a record within its list: `id` anywhere; a locality's `name` and a
// direction's `reference` as well (the file speaks of them by those).
std::vector<std::string_view> keys_of(std::string_view list_key) {
    if (list_key == "localities") return {"id", "name"};
    if (list_key == "directions") return {"id", "reference"};
    return {"id"};
}

// A value's identity as a record: text by its identity key, objects with their members in key
// order, so that two elements that say the same thing have the same identity.
void append_identity(const Document& doc, NodeId node, std::string& out) {
    switch (doc.kind(node)) {
        case NodeKind::null: out += 'z'; return;
        case NodeKind::boolean: out += doc.as_bool(node) ? "t" : "f"; return;
        case NodeKind::number: {
            // By exact value; a literal beyond exact numbers by its own text.
            const auto number = number_of(doc, node);
            out += 'n' + (number ? number->key() : "?" + std::string(doc.number_text(node))) + ';';
            return;
        }
        case NodeKind::string: {
            const std::string key = dsl::identity_key(doc.as_string(node));
            out += 's' + std::to_string(key.size()) + ':' + key;
            return;
        }
        case NodeKind::array:
            out += '[';
            for (std::size_t i = 0; i < doc.size(node); ++i) append_identity(doc, doc.child(node, i), out);
            out += ']';
            return;
        case NodeKind::object: {
            std::vector<NodeId> members;
            for (std::size_t i = 0; i < doc.size(node); ++i) members.push_back(doc.child(node, i));
            std::sort(members.begin(), members.end(), [&](NodeId a, NodeId b) { return doc.key(a) < doc.key(b); });
            out += '{';
            for (const NodeId member : members) {
                out += std::to_string(doc.key(member).size()) + ':';
                out += doc.key(member);
                append_identity(doc, member, out);
            }
            out += '}';
            return;
        }
    }
}

class Checker {
public:
    Checker(const Document& doc, std::size_t limit) : doc_(doc), limit_(limit) {}

    void walk(NodeId node) {
        if (problems_.size() >= limit_) return;
        if (doc_.kind(node) == NodeKind::array) check_list(node);
        for (std::size_t i = 0; i < doc_.size(node); ++i) walk(doc_.child(node, i));
    }

    std::vector<InputError> take() { return std::move(problems_); }

private:
    void add(NodeId node, std::string code, std::string message) {
        if (problems_.size() < limit_) problems_.push_back({std::move(code), doc_.pointer(node), std::move(message)});
    }

    void check_list(NodeId list) {
        const std::string_view list_key = doc_.key(list);
        std::unordered_map<std::string, NodeId> seen;
        std::vector<std::unordered_map<std::string, NodeId>> seen_keys(keys_of(list_key).size());
        for (std::size_t i = 0; i < doc_.size(list); ++i) {
            const NodeId element = doc_.child(list, i);
            const NodeKind kind = doc_.kind(element);
            if (kind == NodeKind::object && doc_.size(element) == 0) {
                add(element, "DC511", "an empty record: delete it, or record what it stands for");
                continue;
            }
            if (kind == NodeKind::string && dsl::is_blank(doc_.as_string(element))) {
                add(element, "DC511", "text with no visible character records nothing: delete it, or write it out");
                continue;
            }
            std::string identity;
            append_identity(doc_, element, identity);
            if (const auto [first, inserted] = seen.emplace(std::move(identity), element); !inserted) {
                add(element, "DC510", "the same as " + doc_.pointer(first->second) + ": a list holds each record once");
                continue;
            }
            if (kind != NodeKind::object) continue;
            const auto keys = keys_of(list_key);
            for (std::size_t k = 0; k < keys.size(); ++k) {
                const auto member = doc_.member(element, keys[k]);
                if (!member || doc_.kind(*member) != NodeKind::string) continue;
                const std::string text(doc_.as_string(*member));
                const auto [first, inserted] = seen_keys[k].emplace(dsl::identity_key(text), element);
                if (!inserted)
                    add(*member, "DC510",
                        "duplicate " + std::string(keys[k]) + " '" + text + "': " + doc_.pointer(first->second) +
                            " has the same " + std::string(keys[k]) + " (compared without case, spacing or "
                            "invisible characters)");
            }
        }
    }

    const Document& doc_;
    std::size_t limit_;
    std::vector<InputError> problems_;
};

}  // namespace

std::vector<InputError> check_records(const Document& doc, std::size_t limit) {
    Checker checker(doc, limit);
    checker.walk(doc.root());
    return checker.take();
}

}  // namespace dutycheck::engine
