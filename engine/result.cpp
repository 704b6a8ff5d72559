// Names of the result enumerations and the summary counter.
#include "engine/result.hpp"

namespace dutycheck::engine {

std::string_view to_string(Severity severity) {
    switch (severity) {
        case Severity::info: return "info";
        case Severity::warning: return "warning";
        case Severity::error: return "error";
    }
    return "?";
}

std::string_view to_string(Basis basis) {
    switch (basis) {
        case Basis::statute: return "statute";
        case Basis::regulation: return "regulation";
        case Basis::statutory_guidance: return "statutory_guidance";
        case Basis::local_policy: return "local_policy";
        case Basis::good_practice: return "good_practice";
    }
    return "?";
}

namespace {

// Indexed by Status: the machine word of each status, as the JSON report and the tests spell it.
constexpr std::array<std::string_view, status_count> status_names{
    "met", "unmet", "unknown", "not_applicable", "waived", "waiver_expired",
};

}  // namespace

std::string_view to_string(Status status) {
    const auto index = static_cast<std::size_t>(status);
    return index < status_names.size() ? status_names[index] : "?";
}

void Summary::add(const Finding& finding) {
    const auto status = static_cast<std::size_t>(finding.status);
    ++by_status[status];
    if (finding.rule != nullptr) ++by_status_severity[status][static_cast<std::size_t>(finding.rule->severity)];
}

bool fails_gate(const Finding& finding, Severity threshold) {
    const bool failing = finding.status == Status::unmet || finding.status == Status::unknown ||
                         finding.status == Status::waiver_expired;
    return failing && finding.rule != nullptr && finding.rule->severity >= threshold;
}

}  // namespace dutycheck::engine
