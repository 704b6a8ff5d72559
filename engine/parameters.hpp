// Rule-pack parameters for one file: the packs' defaults, the file's `parameters`, then --param.
#pragma once

#include "engine/document.hpp"
#include "engine/input_error.hpp"
#include "engine/model.hpp"
#include "engine/result.hpp"

#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace dutycheck::engine {

/// Parameter values for one document: defaults, then the file's `parameters`, then `overrides`
/// (from the command line, as text). Fails on a value of the wrong type or an unknown override
/// name, and on a file's value outside the pack's bounds (DC503); an override may go beyond them.
/// `sources`, when given, receives who set each value (indexes as the values').
std::variant<std::vector<Value>, InputError> resolve_parameters(const RuleSet& rules, const Document& doc,
                                                                const std::map<std::string, std::string>& overrides,
                                                                std::vector<ParameterSource>* sources = nullptr);

/// The parameters in force, as a report records them: each value, its default and who set it.
std::vector<ParameterSetting> parameter_settings(const RuleSet& rules, const std::vector<Value>& values,
                                                 const std::vector<ParameterSource>& sources);

/// Whether `value` (of the parameter's type) keeps to every bound of `param`.
bool within_bounds(const ParamDef& param, const Value& value);

/// The bounds in words, as a message ends "must be …": `from 2 to 1000`, `one of [false, true]`,
/// `a list including ["active"]`, `a list within ["gp"]`.
std::string describe_bounds(const ParamDef& param);

/// A parameter value as the rule language writes it: `2`, `true`, `"gp"`, `2019-11`, `["a", "b"]`.
std::string parameter_literal(const Value& value);

/// A command-line value (`--param NAME=TEXT`) read as the parameter's type, or nullopt if it is not one.
std::optional<Value> parse_parameter_text(const ParamDef& param, const std::string& text);

/// Whether two parameter values are the same (scalars by value, lists element by element).
bool same_parameter_value(const Value& a, const Value& b);

}  // namespace dutycheck::engine
