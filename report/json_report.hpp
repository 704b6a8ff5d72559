// The machine-readable report for CI tools: the versioned JSON format "dutycheck.report/1".
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

#include "engine/result.hpp"
#include "report/report_info.hpp"

namespace dutycheck::report {

/// Kept for readability at call sites that only write JSON.
using JsonReportInfo = ReportInfo;

/// Identifies the report format; changes only when a field is removed, renamed or changes meaning.
inline constexpr const char* json_report_format = "dutycheck.report/1";

/// Writes every finding of `documents` (all statuses) as one JSON object, indented by two spaces,
/// keys in a fixed order, followed by a newline. See docs/report-format.md for the contract.
void write_json(std::ostream& out, const std::vector<engine::DocumentResult>& documents, const JsonReportInfo& info);

}  // namespace dutycheck::report
