// The nouns messages use for the kinds of value a rule or the schema expects and a file holds.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace dutycheck::engine {

/// The kinds of value that have a noun in messages.
enum class TypeNoun : std::uint8_t { boolean, number, string, date, list, object };

/// "expected a number, found a string": each kind's noun, with its article, written once.
inline constexpr std::array<std::string_view, 6> type_nouns{
    "true or false", "a number", "a string", "a date (YYYY-MM-DD or YYYY-MM)", "a list", "an object",
};

inline constexpr std::string_view type_noun(TypeNoun kind) { return type_nouns[static_cast<std::size_t>(kind)]; }

}  // namespace dutycheck::engine
