// The builtin functions of the rule language: one table for names, arity, types, documentation and behaviour.
#pragma once

#include "engine/model.hpp"

#include <string_view>
#include <vector>

namespace dutycheck::engine {

/// Applies a builtin to its evaluated arguments; `pattern` is the regular expression the checker
/// compiled, for a builtin whose entry says it takes one, and null otherwise.
using BuiltinFunction = Value (*)(const std::vector<Value>& arguments, const Document& doc, const re2::RE2* pattern);

/// One builtin function: all that the checker, the evaluator and docs/rule-language.md know of it.
struct Builtin {
    std::string_view name;
    std::vector<StaticType> parameters;  ///< one per argument, so also the arity (any = unchecked)
    StaticType result;
    std::string_view usage;              ///< "add_days(DATE, N)": in DC202 notes and in the docs
    std::string_view description;        ///< one line for the docs' table of functions
    BuiltinFunction implementation;
    bool literal_pattern = false;        ///< the second argument is a regular expression literal, compiled when checked
    StaticType items = StaticType::any;  ///< what a list argument's elements must be, where the schema says (sum: numbers)

    std::size_t arity() const { return parameters.size(); }
};

/// Every builtin. Adding one is adding an entry here; a test holds docs/rule-language.md to it.
const std::vector<Builtin>& builtin_table();
const Builtin* find_builtin(std::string_view name);
/// All callable names, including the special forms (any, all, none, select, if, lookup), for suggestions.
std::vector<std::string> callable_names();

/// Applies a builtin to evaluated arguments. Missing inputs make the result unknown,
/// except for exists(), which is about absence.
Value call_builtin(const Builtin* builtin, const std::vector<Value>& arguments, const Document& doc,
                   const re2::RE2* pattern);

}  // namespace dutycheck::engine
