// Variants of a partnership file that look like the original but may say something else: the
// one-value edits of a careless or hostile user, for tests that hold the engine to each of them.
#pragma once

#include <nlohmann/json.hpp>

#include <array>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace dutycheck::testing {

/// A partnership file as the variants see it: members in file order, so a variant differs from
/// the original only where it was changed.
using VariantJson = nlohmann::ordered_json;
using VariantPointer = VariantJson::json_pointer;

/// One variant of a document: what was done, to which value, and the whole document after it.
struct Variant {
    std::string_view kind;          ///< "case change", "deleted", "null element", ...
    const VariantPointer& pointer;  ///< the value changed or deleted, or the element added
    const VariantJson& document;    ///< the changed document; valid only during the call
};

namespace detail {

// The Latin letters with a Cyrillic letter that looks the same, and that letter in UTF-8.
inline constexpr std::array<std::pair<char, std::string_view>, 21> cyrillic_lookalikes{{
    {'a', "\u0430"}, {'c', "\u0441"}, {'e', "\u0435"}, {'i', "\u0456"}, {'j', "\u0458"}, {'o', "\u043e"},
    {'p', "\u0440"}, {'s', "\u0455"}, {'x', "\u0445"}, {'y', "\u0443"}, {'A', "\u0410"}, {'B', "\u0412"},
    {'C', "\u0421"}, {'E', "\u0415"}, {'H', "\u041d"}, {'K', "\u041a"}, {'M', "\u041c"}, {'O', "\u041e"},
    {'P', "\u0420"}, {'T', "\u0422"}, {'X', "\u0425"},
}};

// The first ASCII letter in the other case.
inline std::string case_changed(std::string text) {
    for (char& c : text) {
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
            c = static_cast<char>(c ^ 0x20);  // ASCII keeps the two cases 0x20 apart
            break;
        }
    }
    return text;
}

// The first letter that has a Cyrillic lookalike replaced by it.
inline std::string with_lookalike(std::string text) {
    for (std::size_t i = 0; i < text.size(); ++i)
        for (const auto& [latin, cyrillic] : cyrillic_lookalikes)
            if (text[i] == latin) return text.replace(i, 1, cyrillic);
    return text;
}

// The string variants of a value: each kind with the text it makes.
inline std::vector<std::pair<std::string_view, std::string>> string_variants(const std::string& text) {
    return {
        {"case change", case_changed(text)},
        {"leading space", " " + text},
        {"trailing space", text + " "},
        {"trailing no-break space", text + "\u00a0"},
        {"trailing zero-width space", text + "\u200b"},
        {"byte-order mark before", "\ufeff" + text},
        {"Cyrillic lookalike", with_lookalike(text)},
    };
}

// Every value's pointer, the document's root first, then depth first in file order.
inline void collect_pointers(const VariantJson& node, const VariantPointer& at, std::vector<VariantPointer>& out) {
    out.push_back(at);
    if (node.is_object())
        for (const auto& [key, value] : node.items()) collect_pointers(value, at / key, out);
    else if (node.is_array())
        for (std::size_t i = 0; i < node.size(); ++i) collect_pointers(node[i], at / i, out);
}

}  // namespace detail

/// Calls `visit(const Variant&)` for each variant of `document`, value by value in file order:
/// - a string: its first ASCII letter in the other case; a space before or after it; a no-break
///   space or a zero-width space after it; a byte-order mark before it; its first letter that has
///   a Cyrillic lookalike replaced by it (a kind that would not change the string is skipped);
/// - a list: its first element again at the end ("duplicated element"), and a null at the end
///   ("null element"); elements are only ever added at the end, so every pointer of the original
///   names the same value in the variant;
/// - an object member: deleted, and nulled (unless it is null).
/// One working copy is changed and restored around each call, so a variant costs no copy of the
/// document; a caller that keeps one copies `variant.document`.
template <class Visit>
void for_each_variant(const VariantJson& document, Visit&& visit) {
    VariantJson work = document;
    std::vector<VariantPointer> pointers;
    detail::collect_pointers(document, VariantPointer{}, pointers);
    for (const auto& pointer : pointers) {
        VariantJson& value = work.at(pointer);
        if (value.is_string()) {
            const std::string original = value.get<std::string>();
            for (const auto& [kind, text] : detail::string_variants(original)) {
                if (text == original) continue;
                work.at(pointer) = text;
                visit(Variant{kind, pointer, work});
            }
            work.at(pointer) = original;
        } else if (value.is_array()) {
            const VariantPointer added = pointer / value.size();
            if (!value.empty()) {
                value.push_back(VariantJson(value.front()));
                visit(Variant{"duplicated element", added, work});
                work.at(pointer).erase(work.at(pointer).size() - 1);
            }
            work.at(pointer).push_back(nullptr);
            visit(Variant{"null element", added, work});
            work.at(pointer).erase(work.at(pointer).size() - 1);
        }
        if (pointer.empty() || !work.at(pointer.parent_pointer()).is_object()) continue;
        VariantJson& parent = work.at(pointer.parent_pointer());
        VariantJson saved = parent;
        parent.erase(pointer.back());
        visit(Variant{"deleted", pointer, work});
        work.at(pointer.parent_pointer()) = saved;
        if (!work.at(pointer).is_null()) {
            work.at(pointer) = nullptr;
            visit(Variant{"nulled", pointer, work});
            work.at(pointer.parent_pointer()) = std::move(saved);
        }
    }
}

}  // namespace dutycheck::testing
