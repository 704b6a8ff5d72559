// The board report as one self-contained HTML page: summary, compliance matrix and findings.
#pragma once

#include <iosfwd>
#include <vector>

#include "engine/result.hpp"
#include "report/report_info.hpp"

namespace dutycheck::report {

/// Writes `documents` as one HTML5 page with inline CSS and no scripts, fonts, images or other
/// resources to load, for reading on screen and printing: for each partnership a summary, a
/// compliance matrix (objects by duty, every cell labelled in words) and each finding that needs
/// action with its law, citation and place in the file. Every string from the input is
/// HTML-escaped. See docs/report-format.md.
void write_html(std::ostream& out, const std::vector<engine::DocumentResult>& documents, const ReportInfo& info);

}  // namespace dutycheck::report
