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

std::string_view to_string(Status status) {
    switch (status) {
        case Status::met: return "met";
        case Status::unmet: return "unmet";
        case Status::unknown: return "unknown";
        case Status::not_applicable: return "not_applicable";
        case Status::waived: return "waived";
        case Status::waiver_expired: return "waiver_expired";
    }
    return "?";
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
