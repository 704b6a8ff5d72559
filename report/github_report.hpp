// The report for GitHub Actions logs: workflow commands that annotate the partnership file.
#pragma once

#include <iosfwd>
#include <vector>

#include "engine/result.hpp"
#include "report/report_info.hpp"

namespace dutycheck::report {

/// Writes one `::error`, `::warning` or `::notice` workflow command per unmet, unknown and
/// waiver_expired finding (by the rule's severity), then a `::notice::` line with the counts.
/// Every value is escaped so that no input can end a command or start another. See
/// docs/report-format.md.
void write_github(std::ostream& out, const std::vector<engine::DocumentResult>& documents, const ReportInfo& info);

}  // namespace dutycheck::report
