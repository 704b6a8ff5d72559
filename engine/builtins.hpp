// The builtin functions of the rule language: one table for names, arity, types, documentation and behaviour.
#pragma once

#include "engine/model.hpp"

#include <string>
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
    bool reads_as_of = false;            ///< also given the as-of date, as one more argument after its own
    StaticType items = StaticType::any;  ///< what a list argument's elements must be, where the schema says (sum: numbers)

    std::size_t arity() const { return parameters.size(); }
};

/// Every builtin. Adding one is adding an entry here; a test holds docs/rule-language.md to it.
const std::vector<Builtin>& builtin_table();
const Builtin* find_builtin(std::string_view name);

/// A call the checker handles itself rather than through the table (quantifiers, `if`, `lookup`).
struct SpecialForm {
    std::string_view name;
    std::string_view takes;  ///< "a binding and a condition": what a wrong-arguments message says it takes
    std::string_view usage;  ///< "any(x in LIST where CONDITION)"
};
const std::vector<SpecialForm>& special_forms();

/// How a call of `name` is written, in words and by example, for a wrong-arguments message
/// ("'count' takes a list: count(LIST) or count(x in LIST where P)"): a builtin's from its parameter
/// types and usage, a special form's from its entry. Empty `usage` for any other name.
struct CallShape {
    std::string takes;
    std::string_view usage;
};
CallShape call_shape(std::string_view name);

/// All callable names, including the special forms (any, all, none, select, if, lookup), for suggestions.
std::vector<std::string> callable_names();

/// A function other languages have and this one writes differently (`len`, `today`, `between`).
struct ForeignFunction {
    std::string_view name;
    std::string_view hint;  ///< the note of its DC201: what to write instead
};
/// Every such name; docs/rule-language.md lists each under "Coming from another language".
const std::vector<ForeignFunction>& foreign_functions();
/// The hint for `name`, or empty if it is not another language's function.
std::string_view foreign_function_hint(std::string_view name);

/// Applies a builtin to evaluated arguments. Missing inputs make the result unknown,
/// except for exists(), which is about absence.
Value call_builtin(const Builtin* builtin, const std::vector<Value>& arguments, const Document& doc,
                   const re2::RE2* pattern);

}  // namespace dutycheck::engine
