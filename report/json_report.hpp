// The machine-readable report for CI tools: the versioned JSON format "dutycheck.report/1".
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

#include "engine/result.hpp"

namespace dutycheck::report {

/// What the report says about the run itself, beyond the results.
struct JsonReportInfo {
    std::string tool_version;             ///< dutycheck's version, e.g. "0.1.0"
    std::string as_of;                    ///< evaluation date, YYYY-MM-DD
    std::vector<std::string> rule_packs;  ///< the packs loaded, in load order
};

/// Identifies the report format; changes only when a field is removed, renamed or changes meaning.
inline constexpr const char* json_report_format = "dutycheck.report/1";

/// Writes every finding of `documents` (all statuses) as one JSON object, indented by two spaces,
/// keys in a fixed order, followed by a newline. See docs/report-format.md for the contract.
void write_json(std::ostream& out, const std::vector<engine::DocumentResult>& documents, const JsonReportInfo& info);

}  // namespace dutycheck::report
