// Evaluating a checked rule set against partnership documents.
#pragma once

#include "engine/document.hpp"
#include "engine/model.hpp"
#include "engine/result.hpp"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace dutycheck::engine {

/// A problem with the partnership file itself (not a finding): reported as an input error, exit 2.
struct InputError {
    std::string pointer;
    std::string message;
};

/// Parameter values for one document: defaults, then the file's `parameters`, then `overrides`
/// (from the command line, as text). Fails on a value of the wrong type or an unknown override name.
std::variant<std::vector<Value>, InputError> resolve_parameters(const RuleSet& rules, const Document& doc,
                                                                const std::map<std::string, std::string>& overrides);

/// Checks what every partnership file must have before rules can be trusted with it:
/// a top-level object and `"format": "dutycheck.partnership/1"`.
std::optional<InputError> check_document_shape(const Document& doc);

/// Evaluates every rule of the set against one document. Deterministic: rule order, then instance order.
DocumentResult evaluate(const RuleSet& rules, const Document& doc, const std::vector<Value>& params, Date as_of,
                        const std::string& file);

}  // namespace dutycheck::engine
