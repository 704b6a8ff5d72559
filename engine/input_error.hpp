// A problem with the partnership file itself, found by a stage before any rule runs.
#pragma once

#include <string>

namespace dutycheck::engine {

/// A problem with the partnership file itself (not a finding): an input error, exit 2. The engine
/// places it at its pointer in the file; an empty code marks a problem with a command-line value.
struct InputError {
    std::string code;     ///< "DC503"; empty for a usage problem (a --param value)
    std::string pointer;  ///< where in the file; empty for the whole file or none
    std::string message;
};

}  // namespace dutycheck::engine
