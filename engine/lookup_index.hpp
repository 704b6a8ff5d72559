// The per-document index behind the rule language's lookup(): one hash table per collection and field.
#pragma once

#include "dsl/text.hpp"
#include "engine/document.hpp"
#include "engine/value_ops.hpp"

#include <optional>
#include <string>
#include <unordered_map>
#include <utility>

namespace dutycheck::engine {

/// Per-document index for lookup(): built on first use for each (collection, field), so a
/// rule that looks up one direction per report stays linear in the document.
class LookupIndex {
public:
    const std::unordered_map<std::string, NodeId>& index(const Document& doc, NodeId collection,
                                                          const std::string& field) {
        auto& entry = indexes_[{collection, field}];
        if (!entry.built) {
            entry.built = true;
            for (std::size_t i = 0; i < doc.size(collection); ++i) {
                const NodeId element = doc.child(collection, i);
                if (doc.kind(element) != NodeKind::object || doc.mark(element).kind == NodeMark::after_as_of) continue;
                auto member = doc.member(element, field);
                if (!member) continue;
                auto key = key_text(from_node(doc, *member));
                if (key) entry.map.emplace(std::move(*key), element);  // first one wins
            }
        }
        return entry.map;
    }

    static std::optional<std::string> key_text(const Value& value) {
        if (const auto* text = as_string(value)) return dsl::identity_key(*text);  // as == compares text
        if (const auto number = as_number(value)) return number->key();  // exact: 0.1 and 0.10 are one
        if (const auto* date = std::get_if<Date>(&value.data)) return format_date(*date);
        return std::nullopt;
    }

private:
    struct Entry {
        bool built = false;
        std::unordered_map<std::string, NodeId> map;
    };
    struct KeyHash {
        std::size_t operator()(const std::pair<NodeId, std::string>& key) const {
            return std::hash<std::string>()(key.second) ^ (std::hash<NodeId>()(key.first) << 1);
        }
    };
    std::unordered_map<std::pair<NodeId, std::string>, Entry, KeyHash> indexes_;
};

}  // namespace dutycheck::engine
