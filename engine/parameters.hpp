// Rule-pack parameters for one file: the packs' defaults, the file's `parameters`, then --param.
#pragma once

#include "engine/document.hpp"
#include "engine/input_error.hpp"
#include "engine/model.hpp"

#include <map>
#include <string>
#include <variant>
#include <vector>

namespace dutycheck::engine {

/// Parameter values for one document: defaults, then the file's `parameters`, then `overrides`
/// (from the command line, as text). Fails on a value of the wrong type or an unknown override name.
std::variant<std::vector<Value>, InputError> resolve_parameters(const RuleSet& rules, const Document& doc,
                                                                const std::map<std::string, std::string>& overrides);

}  // namespace dutycheck::engine
