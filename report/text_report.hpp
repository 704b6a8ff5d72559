// The plain-text report a governance lead reads: per partnership, a summary and findings by area.
#pragma once

#include <cstddef>
#include <iosfwd>
#include <string_view>
#include <vector>

#include "engine/result.hpp"
#include "report/report_info.hpp"

namespace dutycheck::report {

/// How the text report is rendered.
struct TextOptions {
    bool colour = false;    ///< ANSI colours (for a terminal); the status is always also in words
    bool show_all = false;  ///< list met and not applicable findings too, not only unmet and unknown
};

/// Writes a readable report of `documents` to `out`: for each, a header, a summary line and the
/// findings grouped by area; then a total line if there is more than one document.
/// `info` adds one line under each heading when the command line overrode parameters.
void write_text(std::ostream& out, const std::vector<engine::DocumentResult>& documents,
                const TextOptions& options, const ReportInfo& info = {});

/// Writes the trace of rule `rule` (check --trace): for each of its findings, the instance's
/// object and status, then every clause in order with its value and, indented under it, each
/// fact of the file it read (JSON Pointer and value, or "absent"). From Finding::explanation.
void write_trace(std::ostream& out, const engine::DocumentResult& document, std::string_view rule);

/// Writes one paragraph of text for a terminal, word-wrapped to the text report's line width
/// (100 columns), control characters shown as escapes. The caller has already written a prefix
/// `indent` columns wide; continuation lines are indented to match. Ends the line.
void write_wrapped(std::ostream& out, std::string_view text, std::size_t indent);

}  // namespace dutycheck::report
