// Renders the comparison of two versions of a partnership file: new, worse, better, resolved and
// unchanged findings.
#pragma once

#include "engine/gate.hpp"

#include <ostream>
#include <string>

namespace dutycheck::report {

/// The versioned name of the JSON diff format.
inline constexpr const char* json_diff_format = "dutycheck.diff/2";

/// What `dutycheck diff` compared.
struct DiffInfo {
    std::string base;               ///< BASE's path, or REV:PATH
    std::string head;
    std::string as_of;              ///< YYYY-MM-DD
    bool parameters_changed = false;  ///< the two versions set different parameters
};

/// Writes the comparison as "text" (sections with a line a finding) or "json" (`dutycheck.diff/2`).
void write_diff(std::ostream& out, const std::string& format, const DiffInfo& info,
                const engine::Comparison& comparison);

}  // namespace dutycheck::report
