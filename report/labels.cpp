// Areas of a partnership, status words and totals shared by the text and JSON reports.
#include "report/labels.hpp"

#include <algorithm>
#include <array>
#include <cstddef>
#include <utility>

namespace dutycheck::report {
namespace {

// First segments of the partnership format with a reader's name, in the order a board paper
// would take them: local arrangements first, the partnership as a whole last.
constexpr std::array<std::pair<std::string_view, std::string_view>, 8> named_areas{{
    {"localities", "Localities"},
    {"reports", "Board papers"},
    {"directions", "Directions"},
    {"strategic_planning_group", "Strategic planning group"},
    {"strategic_plan", "Strategic plan"},
    {"board", "Board"},
    {"publications", "Publications"},
    {"partnership", "Partnership"},
}};
constexpr std::string_view whole_partnership = "Whole partnership";

// Fixed areas by position (the whole partnership right after them); every other area shares the
// rank after that and is ordered by name.
std::size_t area_rank(std::string_view area) {
    for (std::size_t i = 0; i < named_areas.size(); ++i)
        if (named_areas[i].second == area) return i;
    if (area == whole_partnership) return named_areas.size();
    return named_areas.size() + 1;
}

// RFC 6901: "~1" stands for "/" and "~0" for "~" inside a reference token.
std::string unescape_token(std::string_view token) {
    std::string out;
    for (std::size_t i = 0; i < token.size(); ++i) {
        if (token[i] == '~' && i + 1 < token.size() && (token[i + 1] == '0' || token[i + 1] == '1')) {
            out += token[i + 1] == '1' ? '/' : '~';
            ++i;
        } else {
            out += token[i];
        }
    }
    return out;
}

}  // namespace

std::string area_of(std::string_view pointer) {
    if (!pointer.empty() && pointer.front() == '/') pointer.remove_prefix(1);
    const std::string segment = unescape_token(pointer.substr(0, pointer.find('/')));
    if (segment.empty()) return std::string(whole_partnership);
    for (const auto& [key, name] : named_areas)
        if (key == segment) return std::string(name);
    std::string name = segment;
    std::replace(name.begin(), name.end(), '_', ' ');
    if (name.front() >= 'a' && name.front() <= 'z') name.front() = static_cast<char>(name.front() - 'a' + 'A');
    return name;
}

bool area_before(std::string_view a, std::string_view b) {
    const auto rank_a = area_rank(a);
    const auto rank_b = area_rank(b);
    return rank_a != rank_b ? rank_a < rank_b : a < b;
}

std::string_view status_label(engine::Status status) {
    switch (status) {
        case engine::Status::met: return "MET";
        case engine::Status::unmet: return "UNMET";
        case engine::Status::unknown: return "UNKNOWN";
        case engine::Status::not_applicable: return "N/A";
        case engine::Status::waived: return "WAIVED";
        case engine::Status::waiver_expired: return "EXPIRED";
    }
    return "?";
}

const engine::RuleInfo& rule_of(const engine::Finding& finding) {
    static const engine::RuleInfo no_rule{};
    return finding.rule != nullptr ? *finding.rule : no_rule;
}

engine::Summary total_summary(const std::vector<engine::DocumentResult>& documents) {
    engine::Summary total;
    for (const auto& document : documents) {
        for (std::size_t s = 0; s < total.by_status.size(); ++s) {
            total.by_status[s] += document.summary.by_status[s];
            for (std::size_t v = 0; v < total.by_status_severity[s].size(); ++v)
                total.by_status_severity[s][v] += document.summary.by_status_severity[s][v];
        }
    }
    return total;
}

}  // namespace dutycheck::report
