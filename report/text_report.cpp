// Renders results as text for people: wording, grouping by area, wrapping and optional colour.
#include "report/text_report.hpp"

#include "dsl/source.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdio>
#include <map>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "report/labels.hpp"

namespace dutycheck::report {
namespace {

using engine::Finding;
using engine::Severity;
using engine::Status;

constexpr std::size_t line_width = 100;
constexpr std::size_t label_width = 9;     // "UNKNOWN" and two spaces
constexpr std::size_t severity_width = 9;  // "warning" and two spaces
constexpr std::size_t finding_indent = 2;
// Details sit under the severity column so that the status labels stand out on the left.
constexpr std::size_t detail_indent = finding_indent + label_width;
constexpr std::size_t object_indent = detail_indent + severity_width;

// Wraps text in ANSI escape codes only when colour was asked for.
class Painter {
public:
    explicit Painter(bool enabled) : enabled_(enabled) {}
    std::string paint(std::string_view text, std::string_view code) const {
        if (!enabled_) return std::string(text);
        return "\x1b[" + std::string(code) + "m" + std::string(text) + "\x1b[0m";
    }
    std::string bold(std::string_view text) const { return paint(text, "1"); }
    std::string status(Status outcome, std::string_view text) const {
        switch (outcome) {
            case Status::unmet: return paint(text, "31");
            case Status::unknown: return paint(text, "33");
            case Status::met: return paint(text, "32");
            case Status::not_applicable: return paint(text, "2");
            case Status::waived: return paint(text, "36");
            case Status::waiver_expired: return paint(text, "35");
        }
        return std::string(text);
    }

private:
    bool enabled_;
};

// Text from a partnership file must not drive the terminal: a stray ESC could recolour or hide
// the report. Tabs and carriage returns become spaces; other C0 and C1 controls are shown as
// \xNN, and ill-formed UTF-8 as U+FFFD. Newlines are handled by the caller (kept in messages,
// folded elsewhere).
std::string printable(std::string_view raw) {
    const std::string text = valid_utf8(raw);
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        // U+0080..U+009F arrive in UTF-8 as 0xC2 0x80..0x9F.
        const bool c1 = c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) >= 0x80 &&
                        static_cast<unsigned char>(text[i + 1]) <= 0x9F;
        if (c == '\t' || c == '\r' || c == '\n') {
            out += ' ';
        } else if (c < 0x20 || c == 0x7F || c1) {
            const unsigned code = c1 ? static_cast<unsigned char>(text[++i]) : c;
            char escaped[8];
            std::snprintf(escaped, sizeof escaped, "\\x%02X", code);
            out += escaped;
        } else {
            out += text[i];
        }
    }
    return out;
}

// Columns a string takes on screen: one per UTF-8 code point (wide scripts are rare in these files).
std::size_t columns(std::string_view text) { return dsl::code_point_count(text); }


// A detail line under a finding; a multi-line text (several failed requirements) keeps its lines.
void write_detail(std::ostream& out, std::string_view text) {
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size();
        out << std::string(detail_indent, ' ');
        write_wrapped(out, text.substr(start, end - start), detail_indent);
        start = end + 1;
    }
}

// "3 unmet (2 error, 1 warning)": severities with no findings are left out.
std::string count_with_severities(const engine::Summary& summary, Status status, std::string_view word) {
    std::string text = std::to_string(summary.count(status)) + " " + std::string(word);
    std::vector<std::string> parts;
    for (const Severity severity : severities_by_weight) {
        const auto n = summary.by_status_severity[static_cast<std::size_t>(status)][static_cast<std::size_t>(severity)];
        if (n > 0) parts.push_back(std::to_string(n) + " " + std::string(engine::to_string(severity)));
    }
    if (!parts.empty()) text += " (" + join_items(parts, ", ") + ")";
    return text;
}

// The counts, then the failing findings --fail-on lets pass: a run that exits 0 with them must
// not read as clean.
std::string summary_phrase(const engine::Summary& summary, const std::string& fail_on) {
    std::string phrase = std::to_string(summary.count(Status::met)) + " met, " +
                         count_with_severities(summary, Status::unmet, "unmet") + ", " +
                         count_with_severities(summary, Status::unknown, "unknown") + ", " +
                         std::to_string(summary.count(Status::not_applicable)) + " not applicable";
    // Waivers are named only where a file has them, so reports of files without any stay short.
    if (summary.count(Status::waived) > 0) phrase += ", " + std::to_string(summary.count(Status::waived)) + " waived";
    if (summary.count(Status::waiver_expired) > 0)
        phrase += ", " + count_with_severities(summary, Status::waiver_expired, "with an expired waiver");
    if (const std::string below = not_gating_phrase(summary, fail_on); !below.empty()) phrase += "; " + below;
    return phrase;
}

// What needs action first: expired waivers and unmet, then unknown, waived, met, n/a.
int status_rank(Status status) {
    switch (status) {
        case Status::waiver_expired: return 0;
        case Status::unmet: return 1;
        case Status::unknown: return 2;
        case Status::waived: return 3;
        case Status::met: return 4;
        case Status::not_applicable: return 5;
    }
    return 6;
}

// Waived findings are listed too: a board should see every accepted exception.
bool listed(const Finding& finding, const TextOptions& options) {
    return options.show_all || (finding.status != Status::met && finding.status != Status::not_applicable);
}

std::string waiver_phrase(const engine::Waiver& waiver) {
    std::string text = waiver.reason + " (approved by " + waiver.approved_by;
    if (!waiver.minute.empty()) text += ", minute " + waiver.minute;
    return text + ")";
}

void write_finding(std::ostream& out, const engine::DocumentResult& document, const Finding& finding,
                   const Painter& painter) {
    const engine::RuleInfo& rule = rule_of(finding);
    const std::string label(status_label(finding.status));
    const std::string severity(engine::to_string(rule.severity));

    // Pad outside the colour codes so that the columns line up with or without colour.
    out << std::string(finding_indent, ' ') << painter.status(finding.status, label)
        << std::string(label_width - label.size(), ' ') << severity
        << std::string(severity_width - severity.size(), ' ');
    std::string object;
    if (!finding.object_name.empty()) {
        object = finding.object_name;
        if (!finding.pointer.empty()) object += "  [" + finding.pointer + "]";
    } else {
        object = finding.pointer.empty() ? "the whole partnership file" : finding.pointer;
    }
    if (finding.line > 0) object += "  line " + std::to_string(finding.line);
    write_wrapped(out, object, object_indent);

    std::string rule_line = rule.title;
    if (!rule.id.empty()) rule_line += (rule_line.empty() ? "(" : "  (") + rule.id + ")";
    if (!rule_line.empty()) write_detail(out, rule_line);
    if (const std::string text = finding_text(finding); !text.empty()) write_detail(out, text);

    std::string source;
    if (!rule.duties.empty()) source = (rule.duties.size() == 1 ? "Duty " : "Duties ") + join_items(rule.duties, ", ");
    if (!rule.citation.source.empty()) source += (source.empty() ? "" : " \u00b7 ") + rule.citation.source;
    if (!source.empty()) write_detail(out, source);
    if (!rule.citation.quote.empty()) write_detail(out, "\"" + rule.citation.quote + "\"");
    if (!rule.citation.url.empty()) write_detail(out, rule.citation.url);
    if (finding.waiver && *finding.waiver < document.waivers.size()) {
        const engine::Waiver& waiver = document.waivers[*finding.waiver];
        write_detail(out, (finding.status == Status::waived ? "Waived until " + waiver.expires + ": "
                                                            : "Waiver expired on " + waiver.expires + ": ") +
                              waiver_phrase(waiver) + " [" + waiver.pointer + "]");
    }
    if (const std::string baseline = baseline_phrase(finding); !baseline.empty()) write_detail(out, "Baseline: " + baseline);
    for (const auto& step : finding.explanation) {
        if (!explained_in_reports(step)) continue;
        std::string line = "Why: " + step.clause + " " + step.condition + " is " + step.outcome;
        std::vector<std::string> values;
        for (const auto& [expression, value] : step.values) values.push_back(expression + " = " + value);
        if (!values.empty()) line += "; it read " + join_items(values, "; ");
        write_detail(out, line);
    }
}

// What to record next: the fields that would decide the most unknown findings, each with what
// the format says it is and an example value, so a lead knows where to start.
void write_evidence_plan(std::ostream& out, const engine::DocumentResult& document, const Painter& painter) {
    const auto& plan = document.evidence_plan;
    if (plan.empty()) return;
    out << '\n'
        << painter.bold("What to record next") << ": " << findings_count(findings_awaiting_evidence(document))
        << " cannot be verified; the fields they need, most needed first\n";
    // The count column is as wide as the largest count, so the fields line up.
    const std::size_t width = findings_count(plan.front().decides).size();
    const std::size_t indent = finding_indent + width + 2;
    for (std::size_t i = 0; i < plan.size() && i < evidence_plan_shown; ++i) {
        const engine::EvidenceItem& item = plan[i];
        const std::string count = findings_count(item.decides);
        out << std::string(finding_indent + width - count.size(), ' ') << count << "  ";
        write_wrapped(out, item.field, indent);
        auto line = [&](const std::string& text) {
            out << std::string(indent, ' ');
            write_wrapped(out, text, indent);
        };
        if (!item.description.empty()) line(item.description);
        if (const std::string action = evidence_action(item); !action.empty()) line(action);
        if (!item.example.empty()) line("Example: " + item.example);
        if (const std::string places = places_phrase(item); !places.empty()) line(places);
    }
    if (plan.size() > evidence_plan_shown) {
        const std::size_t more = plan.size() - evidence_plan_shown;
        out << std::string(finding_indent, ' ') << "\u2026 and " << more << (more == 1 ? " more field" : " more fields")
            << " (the JSON report lists every one)\n";
    }
}

void write_document(std::ostream& out, const engine::DocumentResult& document, const TextOptions& options,
                    const ReportInfo& info, const Painter& painter) {
    std::string heading = !document.partnership_name.empty() ? document.partnership_name
                          : !document.partnership_id.empty() ? document.partnership_id
                                                             : "Unnamed partnership";
    heading = painter.bold(printable(heading));
    if (!document.file.empty()) heading += " (" + printable(document.file) + ")";
    if (!document.as_of.empty()) heading += ", as of " + printable(document.as_of);
    out << heading << '\n';
    if (document.paper) write_wrapped(out, printable(paper_phrase(document)) + ".", 0);
    if (const auto overrides = command_line_overrides(document.parameters); !overrides.empty())
        write_wrapped(out, "Parameters set on the command line, not the packs' defaults: " +
                               printable(overrides_phrase(overrides)), 0);
    // One line however long, so that a script can find it.
    out << "Summary: " << summary_phrase(document.summary, info.fail_on) << '\n';
    write_evidence_plan(out, document, painter);

    // Group by area, keeping the engine's order inside each status and severity so the output is
    // deterministic; std::map with area_before gives the fixed area order.
    std::map<std::string, std::vector<const Finding*>, decltype(&area_before)> areas(&area_before);
    for (const auto& finding : document.findings)
        if (listed(finding, options)) areas[area_of(finding.pointer)].push_back(&finding);

    if (areas.empty()) {
        out << '\n'
            << std::string(finding_indent, ' ')
            << (options.show_all ? "No findings." : "Nothing to act on: no unmet or unknown findings.") << '\n';
    }
    for (auto& [area, findings] : areas) {
        std::stable_sort(findings.begin(), findings.end(), [](const Finding* a, const Finding* b) {
            if (a->status != b->status) return status_rank(a->status) < status_rank(b->status);
            return rule_of(*a).severity > rule_of(*b).severity;
        });
        out << '\n' << painter.bold(printable(area)) << '\n';
        for (std::size_t i = 0; i < findings.size(); ++i) {
            if (i > 0) out << '\n';
            write_finding(out, document, *findings[i], painter);
        }
    }
    if (!document.stale_waivers.empty()) {
        out << '\n' << painter.bold("Stale waivers (they cover no unmet or unknown finding; remove them)") << '\n';
        for (const std::size_t index : document.stale_waivers) {
            const engine::Waiver& waiver = document.waivers[index];
            write_wrapped(out, waiver.pointer + "  " + waiver.rule + (waiver.target.empty() ? "" : " at " + waiver.target) +
                                   ": " + waiver_phrase(waiver) + ", expires " + waiver.expires,
                          finding_indent);
        }
    }
    if (!document.parameters.empty()) {
        out << '\n';
        write_wrapped(out, "Parameters: " + parameters_phrase(document.parameters) + ".", 0);
    }
}

// A short footer, enough to run the same check again: the full record is in the JSON report.
void write_run_footer(std::ostream& out, const ReportInfo& info) {
    if (info.tool_version.empty() && info.packs.empty()) return;
    out << '\n';
    std::string line = "Checked by dutycheck" + (info.tool_version.empty() ? "" : " " + info.tool_version);
    if (!info.as_of.empty()) line += " as of " + info.as_of;
    if (!info.packs.empty()) line += " with rule packs " + packs_phrase(info.packs, 12);
    write_wrapped(out, line + ".", 0);
}

}  // namespace

// Writes one paragraph word-wrapped to the line width. The caller has already written a prefix
// `indent` columns wide; continuation lines are indented to match. A word longer than a line
// (a URL, a long pointer) is kept whole rather than broken.
void write_wrapped(std::ostream& out, std::string_view text, std::size_t indent) {
    const std::string clean = printable(text);
    std::size_t used = indent;
    bool line_has_words = false;
    std::size_t pending_spaces = 0;  // runs of spaces are kept inside a line, dropped at a break
    std::size_t start = 0;
    while (start <= clean.size()) {
        std::size_t end = clean.find(' ', start);
        if (end == std::string::npos) end = clean.size();
        const std::string_view word = std::string_view(clean).substr(start, end - start);
        if (start > 0 && line_has_words) ++pending_spaces;
        start = end + 1;
        if (word.empty()) continue;
        const std::size_t width = columns(word);
        if (line_has_words && used + pending_spaces + width > line_width) {
            out << '\n' << std::string(indent, ' ');
            used = indent;
            pending_spaces = 0;
        }
        out << std::string(pending_spaces, ' ') << word;
        used += pending_spaces + width;
        pending_spaces = 0;
        line_has_words = true;
    }
    out << '\n';
}

void write_trace(std::ostream& out, const engine::DocumentResult& document, std::string_view rule) {
    std::vector<const Finding*> instances;
    for (const auto& finding : document.findings)
        if (rule_of(finding).id == rule) instances.push_back(&finding);
    out << "Trace of " << rule << " in " << printable(document.file);
    if (!document.as_of.empty()) out << ", as of " << document.as_of;
    out << ": " << instances.size() << (instances.size() == 1 ? " instance\n" : " instances\n");
    for (std::size_t i = 0; i < instances.size(); ++i) {
        const Finding& finding = *instances[i];
        std::string object = finding.pointer.empty() ? "the whole partnership file" : finding.pointer;
        if (!finding.object_name.empty()) object += " (" + finding.object_name + ")";
        out << "instance " << i + 1 << ": " << printable(object) << ": " << engine::to_string(finding.status) << '\n';
        // A requirement holds or fails; every other clause has a value or a truth.
        for (const auto& step : finding.explanation) {
            const std::string value = step.clause != "require" ? step.outcome
                                      : step.outcome == "true"  ? "met"
                                      : step.outcome == "false" ? "unmet"
                                                                : step.outcome;
            out << "  " << step.clause << ' ' << printable(step.condition) << "  => " << printable(value) << '\n';
            for (const auto& [pointer, fact] : step.facts)
                out << "      " << printable(pointer.empty() ? "(the whole file)" : pointer)
                    << (fact == "absent" ? ": absent" : " = " + printable(fact)) << '\n';
        }
        if (finding.explanation.empty()) out << "  (no clause ran: " << printable(finding_text(finding)) << ")\n";
    }
}

void write_text(std::ostream& out, const std::vector<engine::DocumentResult>& documents, const TextOptions& options,
                const ReportInfo& info) {
    const Painter painter(options.colour);
    for (std::size_t i = 0; i < documents.size(); ++i) {
        if (i > 0) out << '\n' << '\n';
        write_document(out, documents[i], options, info, painter);
    }
    if (documents.size() > 1) {
        // A batch run ends with one line per partnership, so a reader can compare them at a glance.
        out << '\n' << painter.bold("Partnership files") << '\n';
        for (const auto& document : documents) {
            const std::string name = !document.partnership_name.empty() ? document.partnership_name
                                                                        : document.partnership_id;
            write_wrapped(out, printable(name.empty() ? document.file : name) + ": " + summary_phrase(document.summary, info.fail_on),
                          finding_indent);
        }
        out << '\n'
            << painter.bold("Total for " + std::to_string(documents.size()) + " partnership files:") << ' '
            << summary_phrase(total_summary(documents), info.fail_on) << '\n';
    }
    write_run_footer(out, info);
}

}  // namespace dutycheck::report
