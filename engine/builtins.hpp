// The builtin functions of the rule language: one table for names, arity, types and behaviour.
#pragma once

#include "engine/model.hpp"

#include <array>
#include <regex>
#include <string_view>
#include <vector>

namespace dutycheck::engine {

/// Signature of a builtin as the checker sees it.
struct BuiltinSignature {
    std::string_view name;
    Builtin id;
    std::size_t min_arguments;
    std::size_t max_arguments;
    std::array<StaticType, 2> parameters;  ///< expected type of the first two arguments (any = unchecked)
    StaticType result;
    std::string_view usage;                ///< "add_days(DATE, N)"
};

/// Every ordinary builtin, in alphabetical order.
const std::vector<BuiltinSignature>& builtin_table();
const BuiltinSignature* find_builtin(std::string_view name);
/// All callable names, including the special forms (any, all, none, count, lookup), for suggestions.
std::vector<std::string> callable_names();

/// Applies a builtin to evaluated arguments. Missing inputs make the result unknown,
/// except for exists(), which is about absence.
Value call_builtin(Builtin id, const std::vector<Value>& arguments, const Document& doc, const std::regex* pattern);

}  // namespace dutycheck::engine
