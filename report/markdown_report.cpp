// Renders results as a Markdown board-paper appendix: escaped text, summary tables, findings by area.
#include "report/markdown_report.hpp"

#include <algorithm>
#include <cstddef>
#include <initializer_list>
#include <map>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "report/labels.hpp"

namespace dutycheck::report {
namespace {

using engine::DocumentResult;
using engine::Finding;
using engine::Severity;
using engine::Status;

// Text from a partnership file or a rule pack as Markdown that renders as that text: every
// character CommonMark or GitHub could read as markup (emphasis, code, links, raw HTML, headings,
// table cells, entities, strikethrough) is backslash-escaped, and line breaks become spaces so a
// value never starts a block of its own.
std::string md(std::string_view raw) {
    const std::string text = valid_utf8(raw);
    std::string out;
    out.reserve(text.size() + text.size() / 8);
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (c == '\n' || c == '\r' || c == '\t') {
            out += ' ';
        } else if (byte < 0x20 || byte == 0x7F) {
            out += "\uFFFD";  // a control character has no business in a board paper; show that it was there
        } else if (std::string_view("\\`*_[]<>#|&~").find(c) != std::string_view::npos) {
            out += '\\';
            out += c;
        } else {
            out += c;
        }
    }
    // Leading and trailing spaces could turn a value into an indented code block or a hard break.
    const auto first = out.find_first_not_of(' ');
    if (first == std::string::npos) return {};
    return out.substr(first, out.find_last_not_of(' ') - first + 1);
}

// The same for a value that opens a list item of its own: "- x", "+ x", "1. x" and "1) x" there
// would open a nested list, so a leading marker is escaped too.
std::string md_item(std::string_view raw) {
    std::string out = md(raw);
    if (out.empty()) return out;
    if (out.front() == '-' || out.front() == '+') {
        out.insert(0, 1, '\\');
    } else {
        const auto digits_end = out.find_first_not_of("0123456789");
        if (digits_end > 0 && digits_end != std::string::npos && (out[digits_end] == '.' || out[digits_end] == ')'))
            out.insert(digits_end, 1, '\\');
    }
    return out;
}

// A link to a citation's source when its URL is a web address; otherwise the source as text,
// with the URL after it, so nothing a rule pack says is lost or turned into a link of another kind.
std::string citation_link(std::string_view source, std::string_view url) {
    const std::string text = md(source.empty() ? url : source);
    if (url.empty()) return text;
    if (!is_web_url(url)) return text + " (" + md(url) + ")";
    std::string destination;
    for (const char c : url) {
        // Parentheses would end the destination and a pipe the table cell; both are valid escaped.
        if (c == '(') destination += "%28";
        else if (c == ')') destination += "%29";
        else if (c == '|') destination += "%7C";
        else destination += c;
    }
    return "[" + text + "](" + destination + ")";
}

std::string joined_md(const std::vector<std::string>& items, std::string_view separator = ", ") {
    std::vector<std::string> escaped;
    for (const auto& item : items) escaped.push_back(md(item));
    return join_items(escaped, separator);
}

// "fixtures/x.json:23:7 at /localities/0": where to look, for the person who edits the file.
std::string place(const DocumentResult& document, const Finding& finding) {
    std::string at = md(document.file);
    if (finding.line > 0) {
        // append, not ":" + string: GCC 12 warns falsely on the latter at -O2 (-Wrestrict).
        at.append(":").append(std::to_string(finding.line));
        if (finding.column > 0) at.append(":").append(std::to_string(finding.column));
    }
    const std::string pointer = finding.pointer.empty() ? "the whole file" : md(finding.pointer);
    return at.empty() ? pointer : at + ", at " + pointer;
}

void write_row(std::ostream& out, const std::vector<std::string>& cells) {
    out << '|';
    for (const auto& cell : cells) out << ' ' << cell << " |";
    out << '\n';
}

void write_table_head(std::ostream& out, const std::vector<std::string>& headers, std::size_t numeric_from) {
    write_row(out, headers);
    out << '|';
    for (std::size_t i = 0; i < headers.size(); ++i) out << (i >= numeric_from ? "--:|" : ":--|");
    out << '\n';
}

std::size_t severity_count(const engine::Summary& summary, Status status, Severity severity) {
    return summary.by_status_severity[static_cast<std::size_t>(status)][static_cast<std::size_t>(severity)];
}

// Statuses in the order a board reads them: what needs action first.
constexpr Status summary_order[] = {Status::unmet,  Status::waiver_expired, Status::unknown,
                                    Status::waived, Status::met,            Status::not_applicable};

std::string summary_row_label(Status status) {
    switch (status) {
        case Status::unmet: return "Unmet";
        case Status::waiver_expired: return "Waiver expired";
        case Status::unknown: return "Unknown: cannot be verified from the file";
        case Status::waived: return "Waived";
        case Status::met: return "Met";
        case Status::not_applicable: return "Not applicable";
    }
    return "?";
}

void write_summary(std::ostream& out, const engine::Summary& summary) {
    write_table_head(out, {"Status", "Findings", "Error", "Warning", "Info"}, 1);
    std::size_t total = 0;
    for (const Status status : summary_order) {
        total += summary.count(status);
        write_row(out, {std::string(status_symbol(status)) + " " + summary_row_label(status),
                        std::to_string(summary.count(status)),
                        std::to_string(severity_count(summary, status, Severity::error)),
                        std::to_string(severity_count(summary, status, Severity::warning)),
                        std::to_string(severity_count(summary, status, Severity::info))});
    }
    write_row(out, {"**Total**", "**" + std::to_string(total) + "**", "", "", ""});
}

// The engine's verdict on each duty for each object, the most serious first (in the engine's
// order otherwise), with the rules it was drawn from.
void write_verdicts(std::ostream& out, const DocumentResult& document) {
    if (document.verdicts.empty()) return;
    out << "### Duty verdicts\n\n"
        << "Each duty's verdict for each object is the most serious result of the rules that encode it there "
           "(unmet, then waiver expired, unknown, waived, met, not applicable): a duty reads met only when none "
           "of its rules is unmet, unknown or waived.\n\n";
    std::vector<const engine::DutyVerdict*> verdicts;
    for (const auto& verdict : document.verdicts) verdicts.push_back(&verdict);
    std::stable_sort(verdicts.begin(), verdicts.end(), [](const engine::DutyVerdict* a, const engine::DutyVerdict* b) {
        return engine::status_weight(a->status) > engine::status_weight(b->status);
    });
    write_table_head(out, {"Verdict", "Duty", "Object", "Rules"}, 4);
    for (const engine::DutyVerdict* verdict : verdicts) {
        std::vector<std::string> rules;
        for (const std::size_t i : verdict->findings) {
            const std::string& id = rule_of(document.findings[i]).id;
            if (std::find(rules.begin(), rules.end(), id) == rules.end()) rules.push_back(id);
        }
        // "Unknown" alone: the summary above says what it means.
        const std::string label = verdict->status == Status::unknown ? "Unknown" : summary_row_label(verdict->status);
        write_row(out, {std::string(status_symbol(verdict->status)) + " " + label,
                        md(verdict->duty), md(object_label(verdict->pointer, verdict->object_name)), joined_md(rules)});
    }
    out << '\n';
}

// One sentence a chair can read out: how much needs action.
std::string headline(const engine::Summary& summary) {
    const std::size_t unmet = summary.count(Status::unmet), unknown = summary.count(Status::unknown),
                      expired = summary.count(Status::waiver_expired);
    if (unmet + unknown + expired == 0)
        return "Nothing needs action: no duty is unmet, none is unknown and no waiver has expired.";
    std::vector<std::string> parts;
    if (unmet > 0) parts.push_back(std::to_string(unmet) + " unmet");
    if (expired > 0) parts.push_back(std::to_string(expired) + " with an expired waiver");
    if (unknown > 0) parts.push_back(std::to_string(unknown) + " that cannot be verified from the file");
    const std::size_t total = unmet + unknown + expired;
    return "**" + std::to_string(total) + (total == 1 ? " finding needs" : " findings need") +
           " action:** " + join_items(parts, ", ") + ".";
}

using AreaMap = std::map<std::string, std::vector<const Finding*>, decltype(&area_before)>;

// Findings with one of `statuses`, by area in board order; inside an area the most pressing
// status and the most severe rule first, otherwise in the engine's order.
AreaMap by_area(const DocumentResult& document, std::initializer_list<Status> statuses) {
    AreaMap areas(&area_before);
    for (const auto& finding : document.findings)
        if (std::find(statuses.begin(), statuses.end(), finding.status) != statuses.end())
            areas[area_of(finding.pointer)].push_back(&finding);
    for (auto& [area, findings] : areas)
        std::stable_sort(findings.begin(), findings.end(), [](const Finding* a, const Finding* b) {
            if (a->status != b->status) return action_rank(a->status) < action_rank(b->status);
            return rule_of(*a).severity > rule_of(*b).severity;
        });
    return areas;
}

std::string rule_phrase(const engine::RuleInfo& rule) {
    std::string text = md(rule.title.empty() ? rule.id : rule.title);
    if (!rule.id.empty() && !rule.title.empty()) text += " (rule " + md(rule.id) + ")";
    return text + "; " + std::string(basis_words(rule.basis));
}

std::string waiver_phrase(const engine::Waiver& waiver) {
    std::string text = md(waiver_terms(waiver));
    if (!waiver.expires.empty()) text += (text.empty() ? "" : "; ") + std::string("expires ") + md(waiver.expires);
    if (!waiver.pointer.empty()) text += " (" + md(waiver.pointer) + ")";
    return text;
}

// A labelled list item; several lines become a nested list, one line stays on the label's line.
void write_item(std::ostream& out, std::string_view label, const std::vector<std::string>& lines) {
    if (lines.empty()) return;
    out << "- **" << label << ":**";
    if (lines.size() == 1) {
        out << ' ' << md(lines.front()) << '\n';
        return;
    }
    out << '\n';
    for (const auto& line : lines) out << "  - " << md_item(line) << '\n';
}

void write_action_finding(std::ostream& out, const DocumentResult& document, const Finding& finding) {
    const engine::RuleInfo& rule = rule_of(finding);
    const Status covered = finding.status == Status::waiver_expired ? finding.underlying : finding.status;
    const std::string_view status_title = finding.status == Status::waiver_expired ? "Waiver expired" : "Unmet";
    out << "#### " << status_symbol(finding.status) << ' ' << status_title << " (" << engine::to_string(rule.severity)
        << "): " << md(object_label(finding.pointer, finding.object_name)) << "\n\n";

    out << "- **Duty:** " << rule_phrase(rule) << '\n';
    if (covered == Status::unknown) {
        write_item(out, "Cannot verify",
                   finding.missing.empty() ? split_lines(finding_text(finding)) : missing_list(finding));
    } else {
        write_item(out, "What failed", split_lines(finding.message));
    }
    if (finding.status == Status::waiver_expired) {
        if (const engine::Waiver* waiver = waiver_of(document, finding))
            out << "- **Waiver:** " << waiver_phrase(*waiver) << '\n';
    }
    if (!rule.duties.empty()) out << "- **Duty ids:** " << joined_md(rule.duties) << '\n';
    if (!rule.citation.source.empty() || !rule.citation.url.empty()) {
        out << "- **Law:** " << citation_link(rule.citation.source, rule.citation.url) << '\n';
        if (!rule.citation.quote.empty()) out << "  > " << md(rule.citation.quote) << '\n';
    }
    if (const std::string baseline = baseline_phrase(finding); !baseline.empty())
        out << "- **Baseline:** " << md(baseline) << '\n';
    out << "- **Where:** " << place(document, finding) << '\n';
    if (const std::string action = what_to_do(document, finding); !action.empty())
        out << "- **What to do:** " << md(action) << '\n';
    out << '\n';
}

void write_unmet(std::ostream& out, const DocumentResult& document) {
    out << "## Unmet duties and expired waivers\n\n";
    const AreaMap areas = by_area(document, {Status::unmet, Status::waiver_expired});
    if (areas.empty()) {
        out << "No duty is unmet and no waiver has expired.\n\n";
        return;
    }
    for (const auto& [area, findings] : areas) {
        out << "### " << md(area) << "\n\n";
        for (const Finding* finding : findings) write_action_finding(out, document, *finding);
    }
}

void write_unknown(std::ostream& out, const DocumentResult& document) {
    out << "## Cannot be verified: evidence to record\n\n";
    const AreaMap areas = by_area(document, {Status::unknown});
    if (areas.empty()) {
        out << "Every duty could be checked from the partnership file.\n\n";
        return;
    }
    out << "The partnership file does not record what these duties need, so they could not be "
           "checked. Unknown is not a pass.\n\n";
    for (const auto& [area, findings] : areas) {
        out << "### " << md(area) << "\n\n";
        // A Baseline column only in a run with a baseline, so other reports stay as they were.
        const bool baseline = std::any_of(findings.begin(), findings.end(), [](const Finding* f) {
            return f->baseline != engine::BaselineMark::none;
        });
        std::vector<std::string> headers{"Object", "Duty", "Duty ids", "Severity", "Record"};
        if (baseline) headers.push_back("Baseline");
        write_table_head(out, headers, headers.size());
        for (const Finding* finding : findings) {
            const engine::RuleInfo& rule = rule_of(*finding);
            std::vector<std::string> record = evidence_to_record(*finding);
            if (record.empty()) record = split_lines(finding->message);
            std::vector<std::string> cells{md(object_label(finding->pointer, finding->object_name)),
                                           md(rule.title.empty() ? rule.id : rule.title), joined_md(rule.duties),
                                           std::string(engine::to_string(rule.severity)), joined_md(record, "; ")};
            if (baseline) cells.push_back(md(baseline_phrase(*finding)));
            write_row(out, cells);
        }
        out << '\n';
    }
}

void write_waivers(std::ostream& out, const DocumentResult& document) {
    out << "## Waivers\n\n";
    if (document.waivers.empty()) {
        out << "No waivers are recorded.\n\n";
        return;
    }
    out << "### Waived findings\n\n";
    const AreaMap areas = by_area(document, {Status::waived});
    if (areas.empty()) {
        out << "No finding is waived.\n\n";
    } else {
        out << "Accepted exceptions: each covers an unmet or unknown finding until it expires.\n\n";
        write_table_head(out, {"Area", "Object", "Duty", "Duty ids", "Covers", "Reason", "Approved by", "Minute",
                               "Expires"},
                         9);
        for (const auto& [area, findings] : areas) {
            for (const Finding* finding : findings) {
                const engine::RuleInfo& rule = rule_of(*finding);
                const engine::Waiver* waiver = waiver_of(document, *finding);
                const engine::Waiver none{};
                const engine::Waiver& w = waiver != nullptr ? *waiver : none;
                write_row(out, {md(area), md(object_label(finding->pointer, finding->object_name)),
                                md(rule.title.empty() ? rule.id : rule.title), joined_md(rule.duties),
                                std::string(status_words(finding->underlying)), md(w.reason), md(w.approved_by),
                                md(w.minute), md(w.expires)});
            }
        }
        out << '\n';
    }

    if (document.stale_waivers.empty()) return;
    out << "### Stale waivers\n\n"
        << "These waivers cover no unmet or unknown finding: remove them, or correct their rule or target.\n\n";
    write_table_head(out, {"Waiver", "Rule or duty", "Target", "Reason", "Approved by", "Minute", "Expires"}, 7);
    for (const std::size_t index : document.stale_waivers) {
        if (index >= document.waivers.size()) continue;
        const engine::Waiver& w = document.waivers[index];
        write_row(out, {md(w.pointer), md(w.rule), w.target.empty() ? "the whole file" : md(w.target), md(w.reason),
                        md(w.approved_by), md(w.minute), md(w.expires)});
    }
    out << '\n';
}

// What to record next, right after the summary: the fields that would decide the most unknown
// findings, with what the format says each is and an example value.
void write_evidence_plan(std::ostream& out, const DocumentResult& document) {
    const auto& plan = document.evidence_plan;
    if (plan.empty()) return;
    out << "### What to record next\n\n"
        << findings_count(findings_awaiting_evidence(document))
        << " cannot be verified from the file. These are the fields they need, the most needed first; "
           "*decides* counts the findings that need the field, and a finding may need more than one.\n\n";
    write_table_head(out, {"Decides", "Field", "What to record", "Example"}, 4);
    for (std::size_t i = 0; i < plan.size() && i < evidence_plan_shown; ++i) {
        const engine::EvidenceItem& item = plan[i];
        std::string what = md(item.description);
        if (const std::string action = evidence_action(item); !action.empty())
            what += (what.empty() ? "" : " ") + std::string("**") + md(action) + "**";
        if (const std::string places = places_phrase(item); !places.empty())
            what += (what.empty() ? "" : " ") + md(places) + ".";
        write_row(out, {std::to_string(item.decides), md(item.field), what, md(item.example)});
    }
    if (plan.size() > evidence_plan_shown) {
        const std::size_t more = plan.size() - evidence_plan_shown;
        out << "\n\u2026 and " << more << (more == 1 ? " more field" : " more fields")
            << "; the JSON report lists every one.\n";
    }
    out << '\n';
}

// How this report was made: enough to run the same check again and get the same report.
void write_provenance(std::ostream& out, const DocumentResult& document, const ReportInfo& info) {
    if (info.tool_version.empty() && info.packs.empty() && document.parameters.empty()) return;
    out << "## How this report was made\n\nChecked by dutycheck";
    if (!info.tool_version.empty()) out << ' ' << md(info.tool_version);
    const std::string as_of = document.as_of.empty() ? info.as_of : document.as_of;
    if (!as_of.empty()) out << " as of **" << md(as_of) << "**";
    out << ".\n\n";
    if (!info.packs.empty()) {
        write_table_head(out, {"Rule pack", "Version", "SHA-256 of its content"}, 3);
        for (const auto& pack : info.packs) write_row(out, {md(pack.name), md(pack.version), md(pack.sha256)});
        out << '\n';
    }
    if (document.parameters.empty()) return;
    const auto differing = differing_parameters(document.parameters).size();
    out << (differing == 0 ? std::string("Every parameter is at its pack's default.")
                           : std::to_string(differing) + (differing == 1 ? " parameter differs" : " parameters differ") +
                                 " from the packs' defaults (**bold**).")
        << "\n\n";
    write_table_head(out, {"Parameter", "Value", "Set by"}, 3);
    for (const auto& p : document.parameters) {
        const std::string value =
            p.differs ? "**" + md(p.value) + "** (the pack's default is " + md(p.default_value) + ")" : md(p.value);
        write_row(out, {p.differs ? "**" + md(p.name) + "**" : md(p.name), value, md(set_by_words(p.set_by))});
    }
    out << '\n';
}

void write_document(std::ostream& out, const DocumentResult& document, const ReportInfo& info) {
    const std::string as_of = document.as_of.empty() ? info.as_of : document.as_of;
    out << "# " << md(partnership_title(document)) << ": statutory duties";
    if (!as_of.empty()) out << " as of " << md(as_of);
    out << "\n\n";

    std::vector<std::string> about;
    if (!as_of.empty()) about.push_back("Evaluated as of **" + md(as_of) + "**");
    if (!document.file.empty()) about.push_back("partnership file " + md(document.file));
    if (!info.packs.empty()) about.push_back("rule packs " + joined_md(pack_names(info.packs)));
    if (!about.empty()) out << join_items(about, " · ") << ".\n\n";
    if (document.paper) out << "**" << md(paper_phrase(document)) << ".**\n\n";

    out << "## Summary\n\n" << headline(document.summary) << "\n\n";
    // A report of a run that passes with failing findings says so, so that it never reads as clean.
    if (const std::string below = not_gating_phrase(document.summary, info.fail_on); !below.empty())
        out << md(below) << ".\n\n";
    if (const auto overrides = command_line_overrides(document.parameters); !overrides.empty())
        out << "Parameters set on the command line, not the packs' defaults: " << md(overrides_phrase(overrides))
            << ".\n\n";
    write_summary(out, document.summary);
    out << '\n';
    write_evidence_plan(out, document);
    write_verdicts(out, document);
    write_unmet(out, document);
    write_unknown(out, document);
    write_waivers(out, document);
    write_provenance(out, document, info);
}

}  // namespace

void write_markdown(std::ostream& out, const std::vector<engine::DocumentResult>& documents, const ReportInfo& info) {
    for (std::size_t i = 0; i < documents.size(); ++i) {
        if (i > 0) out << "---\n\n";
        write_document(out, documents[i], info);
    }
    if (documents.size() > 1) {
        out << "---\n\n# Total for " << documents.size() << " partnership files\n\n";
        if (const std::string below = not_gating_phrase(total_summary(documents), info.fail_on); !below.empty())
            out << md(below) << ".\n\n";
        write_summary(out, total_summary(documents));
        out << '\n';
    }
    out << "*Produced by dutycheck";
    if (!info.tool_version.empty()) out << ' ' << md(info.tool_version);
    out << ". Met and not applicable findings are counted in the summary and not listed. "
           "Unknown means the partnership file does not record the evidence; it is not a pass.*\n";
}

}  // namespace dutycheck::report
