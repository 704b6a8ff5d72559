// What every report format says about the run itself, beyond the results.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace dutycheck::report {

/// A rule pack as loaded for the run: enough to load exactly the same rules again.
struct PackStamp {
    std::string name;     ///< e.g. "scotland", "local/inverclyde"
    std::string version;  ///< as its `pack` declaration says; "" when it declares none
    std::string sha256;   ///< of its content (engine::PackHasher), 64 hex digits
};

/// The run: tool version, evaluation date and packs. Shared by every format. The parameters in
/// force belong to each file (engine::DocumentResult::parameters), since its `parameters` set them.
struct ReportInfo {
    std::string tool_version;      ///< dutycheck's version, e.g. "0.1.0"
    std::string as_of;             ///< evaluation date, YYYY-MM-DD
    std::vector<PackStamp> packs;  ///< the packs loaded, each once, in load order
    /// The duties register's title of each duty, by id: the HTML matrix and summary name duties
    /// by them. Empty when the register was not read; reports then name duties by id alone.
    std::map<std::string, std::string> duty_titles = {};
    /// The run's --fail-on ("error", "warning", "info" or "none"): reports say how many failing
    /// findings it lets pass. Empty where no gate applies; reports then say nothing of it.
    std::string fail_on = {};
};

}  // namespace dutycheck::report
