// Evaluating a checked rule set against one partnership document, in three-valued logic.
#pragma once

#include "engine/document.hpp"
#include "engine/model.hpp"
#include "engine/result.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace dutycheck::engine {

/// How to evaluate one document.
struct EvaluationOptions {
    Date as_of;                 ///< the evaluation date for every date rule
    /// --explain: record what these rules looked at, per instance (Finding::explanation).
    std::vector<std::string> explain_rules;
    /// --explain failing: record it for every rule, and keep it for those with a failing finding.
    bool explain_failing = false;
    /// --trace: for this rule also record every clause (for each, let, due) and the facts each
    /// read (Explanation::facts); empty: none. Recording costs only the rules it is asked for.
    std::string trace_rule;
    /// For `dutycheck test --coverage`: record which outcomes each rule's conditions reached
    /// (DocumentResult::clause_outcomes). Off, it costs one test per condition evaluated.
    bool coverage = false;
    /// The most evaluation steps one rule may take on one file: one per expression evaluated,
    /// per element a quantifier, 'for each' or 'in' goes through, per element of every list it
    /// builds or copies, and 8 per byte of every finding it records, so that memory is bounded
    /// with time. The default is far above what any real partnership needs (see
    /// docs/robustness.md); a rule that goes over it stops the evaluation (step_limit_exceeded).
    std::uint64_t max_steps = 1'000'000'000;
};

/// Evaluates every rule of the set against one document whose structure has been checked.
/// A rule whose pack is for another jurisdiction is not applicable (unknown if the jurisdiction
/// is not recorded). A rule that takes more than options.max_steps stops the evaluation: see
/// step_limit_exceeded. Deterministic: rule order, then instance order. Each finding carries the
/// line and column of its object (or the nearest recorded ancestor). Waivers are not applied here.
DocumentResult evaluate(const RuleSet& rules, const Document& doc, const std::vector<Value>& params,
                        const EvaluationOptions& options, const std::string& file);

/// Records where in the file a finding is: the line and column of `node`.
void place(Finding& finding, const Document& doc, NodeId node);

}  // namespace dutycheck::engine
