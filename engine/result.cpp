// Names of the result enumerations and the summary counter.
#include "engine/result.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <utility>

namespace dutycheck::engine {

std::string_view to_string(Severity severity) {
    switch (severity) {
        case Severity::info: return "info";
        case Severity::warning: return "warning";
        case Severity::error: return "error";
    }
    return "?";
}

std::optional<Severity> parse_severity(std::string_view word) {
    for (const Severity severity : {Severity::info, Severity::warning, Severity::error})
        if (to_string(severity) == word) return severity;
    return std::nullopt;
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

int status_weight(Status status) {
    switch (status) {
        case Status::not_applicable: return 0;
        case Status::met: return 1;
        case Status::waived: return 2;
        case Status::unknown: return 3;
        case Status::waiver_expired: return 4;
        case Status::unmet: return 5;
    }
    return 5;  // never reached: an unnamed status is taken as the most serious, never as a pass
}

std::string_view to_string(BaselineMark mark) {
    switch (mark) {
        case BaselineMark::none: return "";
        case BaselineMark::new_finding: return "new";
        case BaselineMark::baselined: return "baselined";
        case BaselineMark::worse: return "worse";
    }
    return "";
}

std::string_view to_string(MissingReason reason) {
    switch (reason) {
        case MissingReason::not_recorded: return "not_recorded";
        case MissingReason::wrong_type: return "wrong_type";
        case MissingReason::out_of_range: return "out_of_range";
        case MissingReason::imprecise: return "imprecise";
    }
    return "";
}

std::string_view to_string(ParameterSource source) {
    switch (source) {
        case ParameterSource::pack_default: return "default";
        case ParameterSource::partnership_file: return "file";
        case ParameterSource::command_line: return "command_line";
    }
    return "";
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

std::array<std::size_t, 3> below_gate(const Summary& summary, std::optional<Severity> threshold) {
    std::array<std::size_t, 3> counts{};
    for (const Status status : {Status::unmet, Status::unknown, Status::waiver_expired})
        for (std::size_t s = 0; s < counts.size(); ++s)
            if (!threshold || static_cast<Severity>(s) < *threshold)
                counts[s] += summary.by_status_severity[static_cast<std::size_t>(status)][s];
    return counts;
}

std::vector<DutyVerdict> duty_verdicts(const std::vector<Finding>& findings) {
    // Each duty's findings, duties in the order of their first finding.
    std::vector<std::pair<std::string, std::vector<std::size_t>>> families;
    for (std::size_t i = 0; i < findings.size(); ++i) {
        if (findings[i].rule == nullptr) continue;
        for (const auto& duty : findings[i].rule->duties) {
            auto family = std::find_if(families.begin(), families.end(), [&](const auto& f) { return f.first == duty; });
            if (family == families.end()) family = families.insert(families.end(), {duty, {}});
            family->second.push_back(i);
        }
    }
    std::vector<DutyVerdict> verdicts;
    for (const auto& [duty, members] : families) {
        std::set<std::string_view> pointers;
        for (const std::size_t i : members) pointers.insert(findings[i].pointer);
        std::map<std::string_view, std::size_t> verdict_at;  // object -> index into verdicts
        for (const std::size_t i : members) {
            // The object is the outermost pointer of the family that holds this finding: its own,
            // or the shortest of its ancestors (cut at a '/') at which the family has a finding.
            const std::string_view pointer = findings[i].pointer;
            std::string_view object = pointer;
            for (std::size_t cut = 0; cut < pointer.size(); cut = pointer.find('/', cut + 1)) {
                if (pointers.count(pointer.substr(0, cut)) > 0) {
                    object = pointer.substr(0, cut);
                    break;
                }
                if (pointer.find('/', cut + 1) == std::string_view::npos) break;
            }
            auto [at, added] = verdict_at.try_emplace(object, verdicts.size());
            if (added) {
                DutyVerdict fresh;
                fresh.duty = duty;
                fresh.pointer = std::string(object);
                fresh.status = findings[i].status;
                verdicts.push_back(std::move(fresh));
            }
            DutyVerdict& verdict = verdicts[at->second];
            if (status_weight(findings[i].status) > status_weight(verdict.status)) verdict.status = findings[i].status;
            if (verdict.object_name.empty() && pointer == verdict.pointer) verdict.object_name = findings[i].object_name;
            verdict.findings.push_back(i);
        }
    }
    return verdicts;
}

}  // namespace dutycheck::engine
