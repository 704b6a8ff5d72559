// The report for CI test reporters: JUnit XML, one test case per rule instance.
#pragma once

#include <iosfwd>
#include <vector>

#include "engine/result.hpp"
#include "report/report_info.hpp"

namespace dutycheck::report {

/// Writes `documents` as JUnit XML (UTF-8): one <testsuite> per partnership file and one
/// <testcase> per finding; unmet, unknown and waiver_expired are failures, not applicable and
/// waived are skipped, met passes. See docs/report-format.md.
void write_junit(std::ostream& out, const std::vector<engine::DocumentResult>& documents, const ReportInfo& info);

}  // namespace dutycheck::report
