// What every report format says about the run itself, beyond the results.
#pragma once

#include <string>
#include <vector>

namespace dutycheck::report {

/// A parameter set on the command line (`--param`) to a value other than its pack's default.
struct ParameterOverride {
    std::string name;
    std::string value;          ///< as the rule language writes it: `0`, `"gp"`, `["active"]`
    std::string default_value;  ///< the pack's default, written the same way
};

/// The run: tool version, evaluation date and packs. Shared by every format.
struct ReportInfo {
    std::string tool_version;             ///< dutycheck's version, e.g. "0.1.0"
    std::string as_of;                    ///< evaluation date, YYYY-MM-DD
    std::vector<std::string> rule_packs;  ///< the packs loaded, in load order
    /// Parameters the command line set beyond the packs' defaults, by name; a report says so,
    /// because such a run may be weaker than the packs allow a partnership file to make it.
    std::vector<ParameterOverride> parameters_overridden = {};
};

}  // namespace dutycheck::report
