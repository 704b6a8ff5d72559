// The report for code-scanning tools: SARIF 2.1.0, as GitHub code scanning and other SARIF viewers load it.
#pragma once

#include <iosfwd>
#include <vector>

#include "engine/result.hpp"
#include "report/report_info.hpp"

namespace dutycheck::report {

/// Writes `documents` as one SARIF 2.1.0 log with one run: a rule descriptor for every rule that
/// produced a finding, and a result for every unmet, unknown, waived (with an accepted
/// suppression) and waiver_expired finding; met and not applicable findings are left out.
/// Indented by two spaces, followed by a newline. See docs/report-format.md.
void write_sarif(std::ostream& out, const std::vector<engine::DocumentResult>& documents, const ReportInfo& info);

}  // namespace dutycheck::report
