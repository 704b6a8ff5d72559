// Wording and arithmetic every report format shares: areas of a partnership, status words, totals.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "engine/result.hpp"

namespace dutycheck::report {

/// The area of the partnership a finding's JSON Pointer falls in, named as a governance lead
/// would ("/reports/3/eqia" is in "Board papers"; "" is "Whole partnership").
std::string area_of(std::string_view pointer);

/// True if area `a` is listed before area `b`: the fixed areas in board reading order, then any
/// other area alphabetically.
bool area_before(std::string_view a, std::string_view b);

/// The status in words for people: "UNMET", "UNKNOWN", "MET", "N/A".
std::string_view status_label(engine::Status status);

/// The rule a finding is about, or an empty rule if the engine left none, so that no formatter
/// dereferences a null pointer or drops the finding.
const engine::RuleInfo& rule_of(const engine::Finding& finding);

/// Counts added up over every document, for the overall total.
engine::Summary total_summary(const std::vector<engine::DocumentResult>& documents);

/// Severities from most to least serious: the order breakdowns are listed in.
inline constexpr engine::Severity severities_by_weight[] = {
    engine::Severity::error, engine::Severity::warning, engine::Severity::info};

}  // namespace dutycheck::report
