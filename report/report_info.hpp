// What every report format says about the run itself, beyond the results.
#pragma once

#include <string>
#include <vector>

namespace dutycheck::report {

/// The run: tool version, evaluation date and packs. Shared by every format.
struct ReportInfo {
    std::string tool_version;             ///< dutycheck's version, e.g. "0.1.0"
    std::string as_of;                    ///< evaluation date, YYYY-MM-DD
    std::vector<std::string> rule_packs;  ///< the packs loaded, in load order
};

}  // namespace dutycheck::report
