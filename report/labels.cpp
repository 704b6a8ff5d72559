// Areas of a partnership, status words and totals shared by the report formats; CI wording and UTF-8 hygiene.
#include "report/labels.hpp"

#include "engine/evidence_plan.hpp"
#include "engine/json_pointer.hpp"

#include <algorithm>
#include <array>
#include <cctype>
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

// How reports speak of each status, indexed by Status: the label for people ("N/A"), the words
// for sentences and cells ("n/a"), a symbol that does not depend on colour, and the order in
// which findings need attention (0 first).
struct StatusWording {
    std::string_view label;
    std::string_view words;
    std::string_view symbol;
    int rank;
};
constexpr std::array<StatusWording, engine::status_count> status_wordings{{
    {"MET", "met", "\u2713", 4},  // met
    {"UNMET", "unmet", "\u2717", 1},  // unmet
    {"UNKNOWN", "unknown", "?", 2},  // unknown
    {"N/A", "n/a", "\u2013", 5},  // not_applicable
    {"WAIVED", "waived", "W", 3},  // waived
    {"EXPIRED", "waiver expired", "!", 0},  // waiver_expired
}};

const StatusWording& wording(engine::Status status) {
    static constexpr StatusWording unknown_status{"?", "?", "?", 6};
    const auto index = static_cast<std::size_t>(status);
    return index < status_wordings.size() ? status_wordings[index] : unknown_status;
}

// Fixed areas by position (the whole partnership right after them); every other area shares the
// rank after that and is ordered by name.
std::size_t area_rank(std::string_view area) {
    for (std::size_t i = 0; i < named_areas.size(); ++i)
        if (named_areas[i].second == area) return i;
    if (area == whole_partnership) return named_areas.size();
    return named_areas.size() + 1;
}

}  // namespace

std::string area_of(std::string_view pointer) {
    if (!pointer.empty() && pointer.front() == '/') pointer.remove_prefix(1);
    const std::string segment = engine::unescape_pointer_token(pointer.substr(0, pointer.find('/')));
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

std::string_view status_label(engine::Status status) { return wording(status).label; }

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

namespace {
std::array<std::size_t, 3> counts_below(const engine::Summary& summary, const std::string& fail_on) {
    if (fail_on.empty()) return {};
    return engine::below_gate(summary, engine::parse_severity(fail_on));
}
}  // namespace

std::size_t not_gating(const engine::Summary& summary, const std::string& fail_on) {
    const auto counts = counts_below(summary, fail_on);
    return counts[0] + counts[1] + counts[2];
}

std::string not_gating_phrase(const engine::Summary& summary, const std::string& fail_on) {
    const auto counts = counts_below(summary, fail_on);
    const std::size_t total = counts[0] + counts[1] + counts[2];
    if (total == 0) return "";
    const bool one = total == 1;
    std::string text = std::to_string(total) + " unmet or unknown finding" + (one ? "" : "s");
    // Below a threshold: which severities, so a reader sees they are warnings, not errors.
    if (engine::parse_severity(fail_on)) {
        std::vector<std::string> parts;
        for (const engine::Severity severity : severities_by_weight)
            if (const std::size_t n = counts[static_cast<std::size_t>(severity)]; n > 0)
                parts.push_back(std::to_string(n) + " " + std::string(engine::to_string(severity)));
        return text + " (" + join_items(parts, ", ") + (one ? ") is" : ") are") + " below --fail-on " + fail_on +
               " and " + (one ? "does" : "do") + " not fail this run";
    }
    return text + (one ? " does" : " do") + " not fail this run (--fail-on " + fail_on + ")";
}

std::string join_items(const std::vector<std::string>& items, std::string_view separator) {
    std::string out;
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (i > 0) out += separator;
        out += items[i];
    }
    return out;
}

std::string overrides_phrase(const std::vector<engine::ParameterSetting>& overrides) {
    std::vector<std::string> items;
    for (const auto& o : overrides) items.push_back(o.name + " = " + o.value + " (default " + o.default_value + ")");
    return join_items(items, ", ");
}

std::vector<engine::ParameterSetting> command_line_overrides(const std::vector<engine::ParameterSetting>& settings) {
    std::vector<engine::ParameterSetting> out;
    for (const auto& s : settings)
        if (s.differs && s.set_by == engine::ParameterSource::command_line) out.push_back(s);
    return out;
}

std::vector<engine::ParameterSetting> command_line_overrides(const std::vector<engine::DocumentResult>& documents) {
    std::vector<engine::ParameterSetting> overrides;
    for (const auto& document : documents)
        for (auto& o : command_line_overrides(document.parameters))
            if (std::none_of(overrides.begin(), overrides.end(), [&](const auto& seen) { return seen.name == o.name; }))
                overrides.push_back(std::move(o));
    return overrides;
}

std::vector<engine::ParameterSetting> differing_parameters(const std::vector<engine::ParameterSetting>& settings) {
    std::vector<engine::ParameterSetting> out;
    for (const auto& s : settings)
        if (s.differs) out.push_back(s);
    return out;
}

std::string_view set_by_words(engine::ParameterSource source) {
    switch (source) {
        case engine::ParameterSource::pack_default: return "the pack's default";
        case engine::ParameterSource::partnership_file: return "the partnership file";
        case engine::ParameterSource::command_line: return "--param";
    }
    return "";
}

std::string parameters_phrase(const std::vector<engine::ParameterSetting>& settings) {
    if (settings.empty()) return {};
    std::vector<std::string> items;
    for (const auto& s : differing_parameters(settings))
        items.push_back(s.name + " = " + s.value + " (default " + s.default_value + ", set by " +
                        std::string(set_by_words(s.set_by)) + ")");
    const std::size_t rest = settings.size() - items.size();
    if (items.empty()) return "all " + std::to_string(rest) + " at the packs' defaults";
    std::string out = join_items(items, "; ");
    if (rest > 0) out += "; the other " + std::to_string(rest) + " at the packs' defaults";
    return out;
}

std::vector<std::string> pack_names(const std::vector<PackStamp>& packs) {
    std::vector<std::string> names;
    for (const auto& pack : packs) names.push_back(pack.name);
    return names;
}

std::string packs_phrase(const std::vector<PackStamp>& packs, std::size_t digits) {
    std::vector<std::string> items;
    for (const auto& pack : packs)
        items.push_back(pack.name + (pack.version.empty() ? "" : " " + pack.version) + " (sha256 " +
                        pack.sha256.substr(0, digits) + ")");
    return join_items(items, ", ");
}

std::string duties_phrase(const engine::RuleInfo& rule) {
    if (rule.duties.empty()) return {};
    return (rule.duties.size() == 1 ? "Duty " : "Duties ") + join_items(rule.duties, ", ");
}

const engine::Waiver* waiver_of(const engine::DocumentResult& document, const engine::Finding& finding) {
    if (!finding.waiver || *finding.waiver >= document.waivers.size()) return nullptr;
    return &document.waivers[*finding.waiver];
}

std::string waiver_terms(const engine::Waiver& waiver) {
    std::vector<std::string> parts;
    if (!waiver.reason.empty()) parts.push_back(waiver.reason);
    if (!waiver.approved_by.empty()) parts.push_back("approved by " + waiver.approved_by);
    if (!waiver.minute.empty()) parts.push_back("minute " + waiver.minute);
    return join_items(parts, "; ");
}

std::string missing_words(const engine::Missing& missing) {
    if (missing.reason == engine::MissingReason::not_recorded)
        return (missing.pointer.empty() ? std::string("the value") : missing.pointer) + " is not recorded";
    // A value of the wrong kind, or of the right kind out of range, is said the same way: what
    // the rule needed and what the file holds.
    return (missing.pointer.empty() ? std::string() : missing.pointer + ": ") + "expected " + missing.expected +
           ", found " + missing.found;
}

std::vector<std::string> missing_list(const engine::Finding& finding) {
    std::vector<std::string> words;
    words.reserve(finding.missing.size());
    for (const auto& missing : finding.missing) words.push_back(missing_words(missing));
    return words;
}

std::string finding_text(const engine::Finding& finding) {
    const bool unknown = finding.status == engine::Status::unknown ||
                         ((finding.status == engine::Status::waived || finding.status == engine::Status::waiver_expired) &&
                          finding.underlying == engine::Status::unknown);
    if (!unknown) return finding.message;
    std::string text = "cannot verify: " + join_items(missing_list(finding), "; ");
    if (!finding.message.empty()) text += " (" + finding.message + ")";
    return text;
}

std::string finding_message(const engine::DocumentResult& document, const engine::Finding& finding) {
    std::string message = finding_text(finding);
    if (message.empty()) message = rule_of(finding).title;
    if (message.empty()) message = std::string(engine::to_string(finding.status));
    if (finding.status != engine::Status::waiver_expired) return message;

    // An expired waiver fails the gate like the finding it covered; say why it is back.
    std::string preface = "waiver expired";
    if (const engine::Waiver* waiver = waiver_of(document, finding)) {
        if (!waiver->expires.empty()) preface += " on " + waiver->expires;
        if (const std::string terms = waiver_terms(*waiver); !terms.empty()) preface += " (" + terms + ")";
    }
    return preface + ": " + message;
}

std::string baseline_phrase(const engine::Finding& finding) {
    const std::string was(status_words(finding.baseline_status));
    switch (finding.baseline) {
        case engine::BaselineMark::none: return {};
        case engine::BaselineMark::new_finding: return "new: not in the baseline";
        case engine::BaselineMark::baselined: return "baselined: in the baseline as " + was;
        case engine::BaselineMark::worse:
            return "worse: in the baseline as " + was + ", now " + std::string(status_words(finding.status));
    }
    return {};
}

std::string portable_path(std::string_view path) {
    std::string out(path);
    std::replace(out.begin(), out.end(), '\\', '/');
    while (out.size() > 2 && out.compare(0, 2, "./") == 0) out.erase(0, 2);
    return out;
}

std::u32string decode_utf8(std::string_view text) {
    constexpr char32_t replacement = 0xFFFD;
    std::u32string out;
    out.reserve(text.size());
    std::size_t i = 0;
    while (i < text.size()) {
        if (const auto sequence = dsl::decode_utf8_sequence(text.substr(i))) {
            out += sequence->code_point;
            i += sequence->length;
        } else {
            out += replacement;
            ++i;
        }
    }
    return out;
}

std::string valid_utf8(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (const char32_t c : decode_utf8(text)) append_utf8(out, c);
    return out;
}

// ---------------------------------------------------------------------------------------------
// Board formats (Markdown, HTML)

std::string partnership_title(const engine::DocumentResult& document) {
    if (!document.partnership_name.empty()) return document.partnership_name;
    if (!document.partnership_id.empty()) return document.partnership_id;
    return "Unnamed partnership";
}

std::string object_label(std::string_view pointer, std::string_view object_name) {
    if (!object_name.empty()) return std::string(object_name);
    if (pointer.empty()) return "The whole partnership file";
    std::string label;
    std::size_t start = pointer.front() == '/' ? 1 : 0;
    while (start <= pointer.size()) {
        std::size_t end = pointer.find('/', start);
        if (end == std::string_view::npos) end = pointer.size();
        std::string segment = engine::unescape_pointer_token(pointer.substr(start, end - start));
        // An array index (a member name of digits would be too, and is short enough to count as one).
        const bool index = !segment.empty() && segment.size() <= 9 &&
                           std::all_of(segment.begin(), segment.end(), [](char c) { return c >= '0' && c <= '9'; });
        // People count from one; the pointer, shown beside the label, keeps the index.
        if (index) segment = "no. " + std::to_string(std::stoul(segment) + 1);
        std::replace(segment.begin(), segment.end(), '_', ' ');
        if (!label.empty()) label += " \u203a ";
        label += segment;
        start = end + 1;
    }
    if (label.empty()) return std::string(pointer);  // "/": a member with an empty name
    if (label.front() >= 'a' && label.front() <= 'z') label.front() = static_cast<char>(label.front() - 'a' + 'A');
    return label;
}

bool pointer_before(std::string_view a, std::string_view b) {
    auto next = [](std::string_view& rest) {
        if (!rest.empty() && rest.front() == '/') rest.remove_prefix(1);
        const std::size_t end = std::min(rest.find('/'), rest.size());
        const std::string_view segment = rest.substr(0, end);
        rest.remove_prefix(end);
        return segment;
    };
    auto numeric = [](std::string_view s) {
        return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
    };
    while (!a.empty() && !b.empty()) {
        const std::string_view x = next(a), y = next(b);
        if (x == y) continue;
        if (numeric(x) && numeric(y)) {
            // Compare as numbers without overflow: the shorter digit string (leading zeros aside) is smaller.
            const auto digits_x = x.substr(std::min(x.find_first_not_of('0'), x.size()));
            const auto digits_y = y.substr(std::min(y.find_first_not_of('0'), y.size()));
            if (digits_x.size() != digits_y.size()) return digits_x.size() < digits_y.size();
            if (digits_x != digits_y) return digits_x < digits_y;
            return x < y;
        }
        return x < y;
    }
    return a.empty() && !b.empty();  // a parent before its children
}

std::string_view status_symbol(engine::Status status) { return wording(status).symbol; }

std::string_view status_words(engine::Status status) { return wording(status).words; }

std::string_view basis_words(engine::Basis basis) {
    switch (basis) {
        case engine::Basis::statute: return "Statute";
        case engine::Basis::regulation: return "Regulation";
        case engine::Basis::statutory_guidance: return "Statutory guidance";
        case engine::Basis::local_policy: return "Local policy";
        case engine::Basis::good_practice: return "Good practice";
    }
    return "?";
}

int action_rank(engine::Status status) { return wording(status).rank; }

std::vector<std::string> evidence_to_record(const engine::Finding& finding) {
    std::vector<std::string> items;
    for (const auto& missing : finding.missing) {
        if (missing.reason != engine::MissingReason::not_recorded || missing.pointer.empty()) {
            items.push_back(missing_words(missing));
            continue;
        }
        std::string_view item = missing.pointer;
        // Relative only to name a field of the object itself: "0/in_strategic_plan" under
        // /localities would read as nonsense, so a path through a list keeps its full pointer.
        const std::string& object = finding.pointer;
        if (!object.empty() && item.size() > object.size() + 1 && item.substr(0, object.size()) == object &&
            item[object.size()] == '/' && !(item[object.size() + 1] >= '0' && item[object.size() + 1] <= '9'))
            item.remove_prefix(object.size() + 1);
        items.emplace_back(item);
    }
    return items;
}

namespace {

std::string action_for(engine::Status status, const engine::Finding& finding) {
    if (status == engine::Status::unmet)
        return "put right what failed, then record it in the partnership file";
    if (status == engine::Status::unknown) {
        const auto items = evidence_to_record(finding);
        if (items.empty()) return "record the evidence this duty needs in the partnership file";
        return "record " + join_items(items, ", ") + " in the partnership file";
    }
    return {};
}

}  // namespace

std::string what_to_do(const engine::DocumentResult& document, const engine::Finding& finding) {
    std::string action;
    if (finding.status == engine::Status::waiver_expired) {
        const engine::Waiver* waiver = waiver_of(document, finding);
        action = "renew the waiver";
        if (waiver != nullptr && !waiver->expires.empty()) action += " (it expired on " + waiver->expires + ")";
        action += " by a new decision";
        if (const std::string underlying = action_for(finding.underlying, finding); !underlying.empty())
            action += ", or " + underlying;
    } else {
        action = action_for(finding.status, finding);
    }
    if (!action.empty()) action.front() = static_cast<char>(action.front() - 'a' + 'A');
    return action.empty() ? action : action + ".";
}

std::vector<std::string> split_lines(std::string_view text) {
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size();
        std::string_view line = text.substr(start, end - start);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (!line.empty()) lines.emplace_back(line);
        start = end + 1;
    }
    return lines;
}

bool is_web_url(std::string_view url) {
    const bool scheme = url.substr(0, 8) == "https://" || url.substr(0, 7) == "http://";
    return scheme && url.find_first_of(" \t\r\n\"'<>`\\") == std::string_view::npos;
}

std::string findings_count(std::size_t count) {
    return std::to_string(count) + (count == 1 ? " finding" : " findings");
}

std::string evidence_action(const engine::EvidenceItem& item) {
    std::vector<std::string> actions;
    bool missing_too = false;
    for (const engine::MissingReason reason : item.reasons) {
        switch (reason) {
            case engine::MissingReason::not_recorded: missing_too = true; break;
            case engine::MissingReason::wrong_type:
                actions.emplace_back("fix the type: a value there is not the kind the format defines");
                break;
            case engine::MissingReason::out_of_range:
                actions.emplace_back("correct the value: one there is not a valid value (an impossible date, say)");
                break;
            case engine::MissingReason::imprecise: actions.emplace_back("record the day, not only the month"); break;
        }
    }
    if (actions.empty()) return {};
    if (missing_too) actions.emplace_back("record it where it is missing");
    std::string sentence = join_items(actions, "; ") + ".";
    sentence.front() = static_cast<char>(std::toupper(static_cast<unsigned char>(sentence.front())));
    return sentence;
}

std::string places_phrase(const engine::EvidenceItem& item, std::size_t shown) {
    if (item.places.empty() || (item.places.size() == 1 && item.places.front() == item.field)) return {};
    std::vector<std::string> places(item.places.begin(), item.places.begin() + std::min(shown, item.places.size()));
    std::string phrase = (places.size() == item.places.size() && places.size() == 1)
                             ? std::string("At ")
                             : "At " + std::to_string(item.places.size()) + " places: ";
    phrase += join_items(places, ", ");
    if (item.places.size() > places.size()) phrase += " and " + std::to_string(item.places.size() - places.size()) + " more";
    return phrase;
}

std::size_t findings_awaiting_evidence(const engine::DocumentResult& document) {
    return static_cast<std::size_t>(std::count_if(document.findings.begin(), document.findings.end(),
                                                   [](const engine::Finding& f) { return engine::awaits_evidence(f); }));
}

std::string paper_phrase(const engine::DocumentResult& document) {
    if (!document.paper) return {};
    const engine::PaperScope& paper = *document.paper;
    std::string phrase = "Pre-board check of paper " + (paper.id.empty() ? paper.pointer : paper.id);
    if (!paper.title.empty()) phrase += " \"" + paper.title + "\"";
    phrase += " (" + paper.pointer + ")";
    if (paper.directions.empty()) return phrase + ", which references no recorded direction: only its findings are shown";
    phrase += paper.directions.size() == 1 ? " and the direction it references (" : " and the directions it references (";
    phrase += join_items(paper.directions, ", ") + "): only their findings are shown";
    return phrase;
}

}  // namespace dutycheck::report
