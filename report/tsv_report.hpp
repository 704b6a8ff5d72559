// The tab-separated report: one finding a line, for shell pipelines and spreadsheets.
#pragma once

#include <iosfwd>
#include <vector>

#include "engine/result.hpp"
#include "report/text_report.hpp"

namespace dutycheck::report {

/// Writes one line per finding that fails a gate (unmet, unknown, waiver_expired), or per
/// finding with `options.show_all`:
/// `RULE<TAB>FILE<TAB>POINTER<TAB>STATUS<TAB>SEVERITY<TAB>LINE<TAB>COLUMN<TAB>MESSAGE`.
/// No header line, so every line is a finding; tabs, line breaks and backslashes inside a field
/// are written as `\t`, `\n`, `\r` and `\\`. See docs/report-format.md.
void write_tsv(std::ostream& out, const std::vector<engine::DocumentResult>& documents, const TextOptions& options);

}  // namespace dutycheck::report
