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

/// Reads the file's `waivers`. A waiver without a rule, reason, approver or a valid expiry date
/// is an input error: an exception nobody approved, or one that never ends, is not accepted.
std::variant<std::vector<Waiver>, InputError> read_waivers(const Document& doc);

/// How to evaluate one document.
struct EvaluationOptions {
    Date as_of;                 ///< the evaluation date for every date rule
    std::vector<Waiver> waivers;  ///< from read_waivers
    std::string explain_rule;   ///< record what this rule looked at (empty: none)
    /// The most evaluation steps one rule may take on one file: one per expression evaluated,
    /// per element a quantifier, 'for each' or 'in' goes through, and per element of a field
    /// read across a list. The default is far above what any real partnership needs (see
    /// docs/robustness.md); a rule that goes over it stops the evaluation (step_limit_exceeded).
    std::uint64_t max_steps = 1'000'000'000;
};

/// Evaluates every rule of the set against one document, then applies the waivers: an unmet or
/// unknown finding a waiver covers becomes waived, or waiver_expired after its expiry date.
/// A rule that takes more than options.max_steps stops the evaluation: see step_limit_exceeded.
/// Deterministic: rule order, then instance order. Each finding carries the line and column of
/// its object (or the nearest recorded ancestor).
DocumentResult evaluate(const RuleSet& rules, const Document& doc, const std::vector<Value>& params,
                        const EvaluationOptions& options, const std::string& file);

/// The same with no waivers and no explanation.
DocumentResult evaluate(const RuleSet& rules, const Document& doc, const std::vector<Value>& params, Date as_of,
                        const std::string& file);

}  // namespace dutycheck::engine
