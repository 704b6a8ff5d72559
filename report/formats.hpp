// One entry point for every report format, so the command line chooses formats by name.
#pragma once

#include "engine/result.hpp"
#include "report/report_info.hpp"
#include "report/text_report.hpp"

#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

namespace dutycheck::report {

/// The format names: text, json, sarif, junit, github, markdown, html.
const std::vector<std::string>& format_names();
/// "text, json, …" for messages.
std::string format_list();

/// Writes `documents` in `format` (one of format_names()); `text` options apply to the text format.
void write_report(std::ostream& out, std::string_view format, const std::vector<engine::DocumentResult>& documents,
                  const ReportInfo& info, const TextOptions& text);

}  // namespace dutycheck::report
