// Waivers: accepted, time-limited exceptions recorded in the file, read and applied to findings.
#pragma once

#include "engine/date.hpp"
#include "engine/document.hpp"
#include "engine/input_error.hpp"
#include "engine/result.hpp"

#include <variant>
#include <vector>

namespace dutycheck::engine {

/// Reads the file's `waivers`. A waiver without a rule, reason, approver or a valid expiry date
/// is an input error: an exception nobody approved, or one that never ends, is not accepted.
std::variant<std::vector<Waiver>, InputError> read_waivers(const Document& doc);

/// Applies `waivers` to a file's findings: an unmet or unknown finding a waiver covers becomes
/// waived, or waiver_expired once the expiry date (the last day it holds) is before `as_of`; a
/// waiver that covers nothing is listed as stale. Recounts the summary.
void apply_waivers(DocumentResult& result, std::vector<Waiver> waivers, Date as_of);

}  // namespace dutycheck::engine
