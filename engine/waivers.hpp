// Waivers: accepted, time-limited exceptions recorded in the file, read and applied to findings.
#pragma once

#include "engine/date.hpp"
#include "engine/document.hpp"
#include "engine/input_error.hpp"
#include "engine/model.hpp"
#include "engine/result.hpp"

#include <cstdint>
#include <variant>
#include <vector>

namespace dutycheck::engine {

/// How long after its approval a waiver may run, in months, unless --waiver-horizon says
/// otherwise: the cycle of an integration joint board's annual review of its governance, so no
/// exception outlives the review that should look at it again (docs/gating.md).
inline constexpr std::uint32_t default_waiver_horizon_months = 12;

/// Reads the file's `waivers`. A waiver without a rule, a reason and an approver in visible
/// text, an approval date, or an expiry date from its approval to `horizon_months` after it, is
/// an input error (DC506): an exception nobody approved, or one that never ends, is not accepted.
std::variant<std::vector<Waiver>, InputError> read_waivers(const Document& doc,
                                                           std::uint32_t horizon_months = default_waiver_horizon_months);

/// The waivers the law does not allow: those naming a rule, or a duty id, that a loaded rule of
/// basis statute or regulation encodes. Only statutory guidance and local policy (and good
/// practice) may be departed from with a recorded reason. One input error (DC506) for each.
std::vector<InputError> unwaivable(const std::vector<Waiver>& waivers, const RuleSet& rules);

/// Applies `waivers` to a file's findings: an unmet or unknown finding a waiver covers becomes
/// waived, or waiver_expired once the expiry date (the last day it holds) is before `as_of`; a
/// waiver that covers nothing is listed as stale. A waiver approved after `as_of` is not yet in
/// force: it covers nothing and is not stale. Recounts the summary.
void apply_waivers(DocumentResult& result, std::vector<Waiver> waivers, Date as_of);

}  // namespace dutycheck::engine
