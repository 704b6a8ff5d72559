// The board-paper appendix in Markdown: per partnership, a summary table and what needs action.
#pragma once

#include <iosfwd>
#include <vector>

#include "engine/result.hpp"
#include "report/report_info.hpp"

namespace dutycheck::report {

/// Writes `documents` as GitHub-flavoured Markdown for a board paper: for each partnership a
/// title with the evaluation date, a summary table by status and severity, every unmet duty and
/// expired waiver by area with its law and what to do, the evidence to record for unknown
/// findings, and the waived findings and stale waivers. Text from the input is escaped, so it
/// renders as text and never breaks a table. See docs/report-format.md.
void write_markdown(std::ostream& out, const std::vector<engine::DocumentResult>& documents, const ReportInfo& info);

}  // namespace dutycheck::report
