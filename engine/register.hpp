// The duties register: which duties exist, their force, and how rules cover them.
#pragma once

#include "engine/model.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace dutycheck::engine {

/// Reads the register; nullopt with `error` set if the file is unreadable or malformed.
std::optional<std::vector<Duty>> read_register(const std::filesystem::path& path, std::string& error);

/// The register a pack folder may hold beside its pack.rules, for the pack's own duties.
inline constexpr const char* pack_register_file = "register.tsv";

/// The national register and every loaded pack's own duties, in that order: what rules may cite.
std::vector<Duty> all_duties(const std::vector<Duty>& national, const RuleSet& rules);

/// A duty and the rules that name it.
struct DutyCoverage {
    const Duty* duty = nullptr;
    std::vector<const CompiledRule*> rules;
    /// No rule encodes it and the register gives no reason: a gap to fix.
    bool gap() const { return rules.empty() && duty->no_rule_reason.empty(); }
};

struct Coverage {
    std::vector<DutyCoverage> duties;                    ///< in register order
    std::vector<std::pair<const CompiledRule*, std::string>> unknown_duties;  ///< rule, duty id not in the register
};

/// Joins the register with the duty ids that rules name.
Coverage compute_coverage(const std::vector<Duty>& duties, const RuleSet& rules);

}  // namespace dutycheck::engine
