// Renders results as one self-contained HTML page for a board: summary, compliance matrix, findings.
#include "report/html_report.hpp"

#include <algorithm>
#include <array>
#include <cstddef>
#include <iterator>
#include <map>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "engine/calendar.hpp"
#include "engine/json_pointer.hpp"
#include "report/labels.hpp"

namespace dutycheck::report {
namespace {

using engine::DocumentResult;
using engine::Finding;
using engine::Severity;
using engine::Status;

// Text from a partnership file or a rule pack, safe in element content and in quoted attribute
// values alike: the five characters HTML gives meaning to are escaped, ill-formed UTF-8 becomes
// U+FFFD and control characters other than tab and line feed (which HTML forbids) are shown as
// U+FFFD, so a name like <script> is displayed, never run.
std::string h(std::string_view raw) {
    const std::string text = valid_utf8(raw);
    std::string out;
    out.reserve(text.size() + text.size() / 8);
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&#39;"; break;
            default:
                if ((byte < 0x20 && c != '\n' && c != '\t') || byte == 0x7F) out += "\uFFFD";
                else out += c;
        }
    }
    return out;
}

// The class that colours a status; the same names in the CSS below.
std::string_view status_class(Status status) {
    switch (status) {
        case Status::met: return "s-met";
        case Status::unmet: return "s-unmet";
        case Status::unknown: return "s-unknown";
        case Status::not_applicable: return "s-na";
        case Status::waived: return "s-waived";
        case Status::waiver_expired: return "s-expired";
    }
    return "s-na";
}

std::string_view status_title(Status status) {
    switch (status) {
        case Status::met: return "Met";
        case Status::unmet: return "Unmet";
        case Status::unknown: return "Unknown";
        case Status::not_applicable: return "Not applicable";
        case Status::waived: return "Waived";
        case Status::waiver_expired: return "Waiver expired";
    }
    return "?";
}

std::string badge(Status status) {
    return "<span class=\"badge " + std::string(status_class(status)) + "\">" + std::string(status_symbol(status)) +
           " " + std::string(status_title(status)) + "</span>";
}

std::size_t severity_count(const engine::Summary& summary, Status status, Severity severity) {
    return summary.by_status_severity[static_cast<std::size_t>(status)][static_cast<std::size_t>(severity)];
}

bool needs_action(Status status) {
    return status == Status::unmet || status == Status::unknown || status == Status::waiver_expired;
}

// Ids for in-page links: partnership n, finding i of it. Only digits, so nothing from the input
// ends up in an id or a fragment.
std::string doc_id(std::size_t doc) { return std::string("p").append(std::to_string(doc + 1)); }
std::string finding_id(std::size_t doc, std::size_t index) { return doc_id(doc) + "-f" + std::to_string(index + 1); }

// A citation source as a link when its URL is a web address (the only kind of link the page
// has); a URL of any other kind is shown as text, never followed.
std::string citation_html(const engine::Citation& citation) {
    const std::string text = h(citation.source.empty() ? citation.url : citation.source);
    if (citation.url.empty()) return text;
    if (!is_web_url(citation.url)) return text + " <span class=\"url\">(" + h(citation.url) + ")</span>";
    return "<a href=\"" + h(citation.url) + "\" rel=\"noreferrer\">" + text + "</a>";
}

std::string joined_html(const std::vector<std::string>& items, std::string_view separator = ", ") {
    std::vector<std::string> escaped;
    for (const auto& item : items) escaped.push_back(h(item));
    return join_items(escaped, separator);
}

// "/localities/0/remit is not recorded": the pointer set as code, the rest as words.
std::string missing_html(const engine::Missing& missing) {
    if (missing.reason == engine::MissingReason::not_recorded && !missing.pointer.empty() &&
        missing.pointer.front() == '/')
        return "<code>" + h(missing.pointer) + "</code> is not recorded";
    return h(missing_words(missing));
}

std::string place_html(const DocumentResult& document, const Finding& finding) {
    std::string at = document.file;
    if (finding.line > 0) {
        // append, not ":" + string: GCC 12 warns falsely on the latter at -O2 (-Wrestrict).
        at.append(":").append(std::to_string(finding.line));
        if (finding.column > 0) at.append(":").append(std::to_string(finding.column));
    }
    std::string out;
    if (!at.empty()) out += "<code>" + h(at) + "</code> · ";
    out += finding.pointer.empty() ? std::string("the whole file") : "<code>" + h(finding.pointer) + "</code>";
    return out;
}

// ---------------------------------------------------------------------------------------------
// Style: inline, no web fonts or images, light backgrounds that print; each status has a tint and
// a darker ink with at least 4.5:1 contrast on it, and always a symbol and a word as well.

constexpr std::string_view css = R"css(
:root{--ink:#1b2330;--muted:#4f5867;--line:#d5dae2;--panel:#f6f7f9;--accent:#1f4e79;
--met-bg:#e3f3e8;--met:#1d5a32;--unmet-bg:#fde4e4;--unmet:#9a1b1b;--unknown-bg:#fff1cc;--unknown:#6e4700;
--waived-bg:#e2ecfa;--waived:#1c4b8c;--expired-bg:#f4e3f7;--expired:#73207f;--na-bg:#f3f4f6;--na:#555d6b}
*{box-sizing:border-box}
html{color-scheme:light}
body{margin:0;background:#fff;color:var(--ink);
font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,"Noto Sans","DejaVu Sans",sans-serif}
code{font-family:ui-monospace,"SFMono-Regular",Menlo,Consolas,"DejaVu Sans Mono",monospace;font-size:.86em;
overflow-wrap:anywhere}
a{color:var(--accent)}
.masthead{background:var(--accent);color:#fff;padding:14px 32px}
.masthead p{max-width:1116px;margin:0 auto;display:flex;flex-wrap:wrap;justify-content:space-between;gap:4px 24px;
font-size:13px}
.masthead .kicker{letter-spacing:.08em;text-transform:uppercase;font-weight:600}
main{max-width:1180px;margin:0 auto;padding:8px 32px 32px}
h1{font-size:28px;line-height:1.2;margin:24px 0 6px}
h2{font-size:20px;margin:32px 0 10px;padding-bottom:4px;border-bottom:2px solid var(--ink)}
h3{font-size:16px;margin:22px 0 8px;color:var(--accent)}
h4{margin:0}
.facts{display:flex;flex-wrap:wrap;gap:4px 28px;margin:0;color:var(--muted);font-size:14px}
.facts div{display:flex;gap:6px}.facts dt{font-weight:600}.facts dd{margin:0}
.contents li{margin:2px 0}
.headline{font-size:17px;margin:6px 0 14px}
.tiles{list-style:none;display:grid;grid-template-columns:repeat(6,1fr);gap:10px;padding:0;margin:0}
.tile{border:1px solid var(--line);border-top:6px solid;border-radius:6px;padding:8px 12px 10px;background:#fff}
.tile-label{display:block;font-weight:600;font-size:14px}
.tile-count{display:block;font-size:32px;font-weight:700;line-height:1.15}
.tile-detail{display:block;font-size:12.5px;color:var(--muted)}
.tile.zero{border-top-color:var(--line)!important}.tile.zero .tile-count{color:var(--muted)!important}
.tile.s-met{border-top-color:#2f8a4b}.tile.s-unmet{border-top-color:#c62828}
.tile.s-unknown{border-top-color:#d89a00}
.tile.s-waived{border-top-color:#3b73c4}.tile.s-expired{border-top-color:#9c3bb0}
.tile.s-na{border-top-color:#9aa2ae}
.tile.s-met .tile-count{color:var(--met)}.tile.s-unmet .tile-count{color:var(--unmet)}
.tile.s-unknown .tile-count{color:var(--unknown)}
.tile.s-waived .tile-count{color:var(--waived)}.tile.s-expired .tile-count{color:var(--expired)}
.tile.s-na .tile-count{color:var(--na)}
.s-met{--bg:var(--met-bg);--fg:var(--met)}.s-unmet{--bg:var(--unmet-bg);--fg:var(--unmet)}
.s-unknown{--bg:var(--unknown-bg);--fg:var(--unknown)}.s-waived{--bg:var(--waived-bg);--fg:var(--waived)}
.s-expired{--bg:var(--expired-bg);--fg:var(--expired)}.s-na{--bg:var(--na-bg);--fg:var(--na)}
.badge{display:inline-block;background:var(--bg);color:var(--fg);border:1px solid currentColor;border-radius:4px;
padding:0 7px;font-size:13px;font-weight:700;white-space:nowrap}
.legend{display:flex;flex-wrap:wrap;gap:6px 8px;align-items:center;font-size:13px;color:var(--muted);
margin:0 0 10px}
.legend-title{font-weight:700;color:var(--ink);margin-right:4px}
.badge.none{background:#fff;color:#5f6773;border-color:var(--line);font-weight:400}
.intro{color:var(--muted);margin:0 0 10px;max-width:70em}
.matrix-wrap{overflow-x:auto;margin:6px 0 4px}
table{border-collapse:collapse}
.matrix{font-size:12.5px}
.matrix caption{text-align:left;font-weight:700;font-size:15px;color:var(--accent);padding:6px 0}
.matrix th,.matrix td{border:1px solid var(--line)}
.matrix thead th{vertical-align:bottom;background:var(--panel);font-weight:600}
.matrix thead th.obj{text-align:left;padding:6px 8px;min-width:260px}
.matrix th.duty{padding:4px 3px;min-width:54px;max-width:96px;font-family:ui-monospace,"DejaVu Sans Mono",monospace;
font-size:11px;line-height:1.25;text-align:left}
.matrix.rotated th.duty{max-width:none;width:54px;text-align:center}
.matrix.rotated th.duty span.col{writing-mode:vertical-rl;transform:rotate(180deg);max-height:150px;text-align:left;
display:inline-block}
.matrix tbody th{text-align:left;font-weight:600;padding:4px 8px;background:#fff;max-width:340px}
.matrix tbody th .ptr{display:block;font-weight:400;font-size:11px;color:var(--muted);
font-family:ui-monospace,"DejaVu Sans Mono",monospace}
.matrix tbody th.depth-1{padding-left:22px}.matrix tbody th.depth-2{padding-left:38px}
.matrix tbody th.depth-3{padding-left:54px}
.cell{background:var(--bg);color:var(--fg);text-align:center;padding:2px 1px;line-height:1.15;font-weight:700;
white-space:nowrap}
.cell a{color:inherit;text-decoration:none;display:block}
.cell .sym{display:block;font-size:14px}.cell .word{display:block;font-size:10.5px;font-weight:600}
.cell.none{background:#fff;color:#6b7280;font-weight:400}
.key div{display:contents}
.key{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px;font-size:12.5px;margin:6px 0 18px;
color:var(--ink)}
.key dt{font-family:ui-monospace,"DejaVu Sans Mono",monospace;font-weight:600;font-size:12px}
.key dd{margin:0}
.finding{border:1px solid var(--line);border-left:6px solid var(--fg);border-radius:6px;padding:12px 16px;
margin:0 0 12px;background:#fff}
.finding-head{display:flex;flex-wrap:wrap;gap:6px 8px;align-items:center;margin-bottom:4px}
.sev,.basis{font-size:12.5px;color:var(--muted);border:1px solid var(--line);border-radius:4px;padding:0 6px}
.sev-error{color:#8c1d1d;border-color:#e3b3b3;font-weight:600}
.baseline{font-size:12.5px;color:var(--muted);border:1px dashed var(--line);border-radius:4px;padding:0 6px}
.b-new,.b-worse{color:#8c1d1d;border:1px solid #e3b3b3;font-weight:600}
.finding-object{font-size:17px}
.finding-rule{margin:2px 0 8px;font-weight:500}
.rule-id{font-family:ui-monospace,"DejaVu Sans Mono",monospace;font-size:12px;color:var(--muted);white-space:nowrap}
.finding-body{display:grid;grid-template-columns:minmax(0,1.1fr) minmax(0,1fr);gap:16px}
.label{font-size:12px;font-weight:700;text-transform:uppercase;letter-spacing:.04em;color:var(--muted);
margin:6px 0 2px}
.msg{margin:0;padding-left:20px}
.todo{margin:8px 0 4px;padding:6px 10px;background:var(--panel);border-radius:4px}
.where{font-size:13px;color:var(--muted);margin:6px 0 0}
.law{background:var(--panel);border-radius:6px;padding:8px 12px;font-size:14px;align-self:start}
.law .duties{margin:0 0 4px;font-family:ui-monospace,"DejaVu Sans Mono",monospace;font-size:12px;font-weight:600}
.law blockquote{margin:6px 0;padding:2px 0 2px 12px;border-left:3px solid #9aa2ae;font-style:italic}
.law blockquote p{margin:0}
.law .source{margin:4px 0 0;font-size:13px}
.waiver{margin:6px 0 0;display:grid;grid-template-columns:max-content 1fr;gap:0 10px;font-size:14px}
.waiver dt{font-weight:600;color:var(--muted)}.waiver dd{margin:0}
.plain{font-size:13.5px;width:100%}
.plain th,.plain td{border:1px solid var(--line);padding:4px 8px;text-align:left;vertical-align:top}
.plain thead th{background:var(--panel)}
.none-note{color:var(--muted)}
footer{max-width:1180px;margin:0 auto;padding:12px 32px 32px;color:var(--muted);font-size:13px;
border-top:1px solid var(--line)}
@media (max-width:900px){.tiles{grid-template-columns:repeat(3,1fr)}.finding-body{grid-template-columns:1fr}}
.glance-list{list-style:none;padding:0;margin:0;columns:2;column-gap:24px;font-size:13px}
.glance-list li{break-inside:avoid;display:grid;grid-template-columns:auto minmax(0,1fr) auto;gap:0 6px;
align-items:baseline;padding:1px 0;border-bottom:1px solid var(--line)}
.glance-list .sym{color:var(--fg);background:var(--bg);font-weight:700;text-align:center;min-width:1.6em;border-radius:3px}
.glance-list .t code{font-size:11px;font-weight:600;margin-right:6px}
.glance-list .n{color:var(--muted);font-size:12px;white-space:nowrap}
.matrix th.duty .dt{display:none}
.provenance .params th{white-space:nowrap}.provenance .params td:last-child{white-space:nowrap}.provenance tr.differs td,.provenance tr.differs th{background:var(--unknown-bg)}
@media print{
@page{size:A4;margin:15mm 12mm 13mm;
@bottom-right{content:"Page " counter(page) " of " counter(pages);font:7.5pt system-ui,"DejaVu Sans",sans-serif;color:#4f5867}
@bottom-left{content:"Statutory duties compliance report";font:7.5pt system-ui,"DejaVu Sans",sans-serif;color:#4f5867}}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}
body{font-size:8.5pt;line-height:1.35}
.masthead,.screen-only{display:none}
main,footer{max-width:none;padding-left:0;padding-right:0}
main{padding-bottom:0}
h1{font-size:17pt;margin:0 0 4px}
h2{font-size:12pt;margin:12px 0 6px}
h3{font-size:10pt;margin:10px 0 4px}
h1,h2,h3,caption,.label,.intro{break-after:avoid}
.summary-page{break-after:page}
.summary h2,.glance h2{margin-top:10px}
.facts{font-size:8.5pt}
.headline{font-size:10pt;margin:4px 0 8px}
.tiles{grid-template-columns:repeat(6,1fr);gap:5px}.tile{padding:3px 7px 5px;border-top-width:4px}
.tile-label{font-size:8pt}.tile-count{font-size:17pt}.tile-detail{font-size:7pt}
.glance-list{font-size:7.5pt;column-gap:14px}.glance-list .t code{font-size:6.8pt}.glance-list .n{font-size:7pt}
.intro{font-size:8pt;margin-bottom:6px}
.legend{font-size:7.5pt;margin-bottom:4px}.legend .badge{font-size:7pt}
.finding,.tile,.matrix tr,.glance li,.plain tr,.waiver{break-inside:avoid}
.matrix-area{margin-bottom:8px;break-inside:avoid}
.matrix-wrap{overflow:visible}
.matrix{font-size:7pt;width:100%}
.matrix caption{font-size:9.5pt;padding:2px 0}
.matrix thead th.obj{min-width:0;width:38mm;padding:3px 5px}
.matrix tbody th{max-width:none;padding:2px 5px}
.matrix tbody th .ptr{font-size:6pt}
.matrix th.duty,.matrix.rotated th.duty{min-width:0;width:auto;max-width:none;font-size:6.3pt;padding:3px 1px;
text-align:left;vertical-align:bottom}
.matrix th.duty span.col{writing-mode:vertical-rl;transform:rotate(180deg);display:inline-block;max-height:40mm;
text-align:left;white-space:normal}
.matrix.rotated th.duty span.col{max-height:40mm}
.matrix th.duty .dt{display:block;font-family:system-ui,"DejaVu Sans",sans-serif;font-weight:400;font-size:6pt;
color:var(--muted)}
.matrix th.duty .id{font-weight:700}
.cell{padding:1px 0}.cell .sym{font-size:8pt}.cell .word{font-size:5.8pt}
.key{display:none}
.finding{padding:4px 8px 5px;margin:0 0 5px;border-left-width:4px;border-radius:4px}
.finding-head{gap:3px 5px;margin-bottom:1px}
.badge,.sev,.basis,.baseline{font-size:7pt;padding:0 4px}
.finding-object{font-size:9.5pt}
.finding-rule{margin:0 0 2px}.rule-id{font-size:6.8pt}
.finding-body{grid-template-columns:minmax(0,1.2fr) minmax(0,1fr);gap:8px}
.label{font-size:6.8pt;margin:2px 0 1px}
.msg{padding-left:14px}
.todo{margin:3px 0 1px;padding:2px 6px}
.where{font-size:7pt;margin:2px 0 0}
.law{padding:3px 7px;font-size:7.5pt}
.law .duties{font-size:6.8pt;margin:0 0 2px}
.law blockquote{margin:2px 0;padding:0 0 0 6px}
.law .source{font-size:7pt;margin:2px 0 0}
.waiver{font-size:8pt}
.plain{font-size:7.5pt}.plain th,.plain td{padding:2px 5px}
thead{display:table-header-group}
a{color:inherit;text-decoration:none}
.law a[href]::after{content:" <" attr(href) ">";font-size:6.3pt;overflow-wrap:anywhere}
.cell a[href]::after{content:none}
footer{display:none}
}
)css";

// Text as a CSS string: quotes, backslashes and line breaks escaped, and '<' too, so that nothing
// from a partnership file can close the style element.
std::string css_string(std::string_view raw) {
    std::string out = "\"";
    for (const char c : valid_utf8(raw)) {
        const auto byte = static_cast<unsigned char>(c);
        if (c == '"') out += "\\22 ";
        else if (c == '\\') out += "\\5c ";
        else if (c == '<') out += "\\3c ";
        else if (byte < 0x20 || byte == 0x7F) out += ' ';
        else out += c;
    }
    return out + "\"";
}

// Each partnership prints on pages of its own, headed with its name and as-of date: a named page
// per partnership, since a page header cannot take its text from the page in Chromium.
std::string page_headers(const std::vector<engine::DocumentResult>& documents, const ReportInfo& info) {
    constexpr std::string_view box = ";font:7.5pt system-ui,\"DejaVu Sans\",sans-serif;color:#4f5867}";
    std::string out = "@media print{";
    for (std::size_t i = 0; i < documents.size(); ++i) {
        const std::string as_of = documents[i].as_of.empty() ? info.as_of : documents[i].as_of;
        out += "@page " + doc_id(i) + "{@top-left{content:" + css_string(partnership_title(documents[i])) +
               std::string(box) + "@top-right{content:" + css_string(as_of.empty() ? "" : "as of " + as_of) +
               std::string(box) + "}#" + doc_id(i) + "{page:" + doc_id(i) + "}";
    }
    return out + "}";
}

// ---------------------------------------------------------------------------------------------
// Summary

// "33 error · 12 warning" for the statuses that need action; severities with none left out.
std::string severity_detail(const engine::Summary& summary, Status status) {
    std::vector<std::string> parts;
    for (const Severity severity : severities_by_weight) {
        const std::size_t n = severity_count(summary, status, severity);
        if (n > 0) parts.push_back(std::to_string(n) + " " + std::string(engine::to_string(severity)));
    }
    return parts.empty() ? "none" : join_items(parts, " · ");
}

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
    return "<strong>" + std::to_string(total) + (total == 1 ? " finding needs" : " findings need") +
           " action:</strong> " + join_items(parts, ", ") + ".";
}

void write_summary(std::ostream& out, const engine::Summary& summary, const std::string& fail_on) {
    out << "<p class=\"headline\">" << headline(summary) << "</p>\n";
    // A run that passes with failing findings says so, so that the page never reads as clean.
    if (const std::string below = not_gating_phrase(summary, fail_on); !below.empty())
        out << "<p class=\"not-gating\">" << h(below) << ".</p>\n";
    out << "<ul class=\"tiles\">\n";
    struct Tile {
        Status status;
        std::string_view note;  // for statuses without a severity breakdown
    };
    constexpr Tile tiles[] = {{Status::unmet, ""},
                              {Status::unknown, ""},
                              {Status::waiver_expired, ""},
                              {Status::waived, "accepted exceptions"},
                              {Status::met, "duties met"},
                              {Status::not_applicable, "do not apply"}};
    for (const Tile& tile : tiles) {
        const std::string detail = tile.note.empty() ? severity_detail(summary, tile.status) : std::string(tile.note);
        out << "<li class=\"tile " << status_class(tile.status) << (summary.count(tile.status) == 0 ? " zero" : "")
            << "\"><span class=\"tile-label\">"
            << status_symbol(tile.status) << ' ' << status_title(tile.status) << "</span><span class=\"tile-count\">"
            << summary.count(tile.status) << "</span><span class=\"tile-detail\">" << detail << "</span></li>\n";
    }
    out << "</ul>\n";
}

// ---------------------------------------------------------------------------------------------
// Compliance matrix: for each area, the objects its findings are about by the duties they check.

// A cell: the engine's verdict on a duty for the row's object (or, for a rule that names no
// duty, that rule's finding), and the findings it was drawn from.
struct Cell {
    Status status = Status::not_applicable;
    std::vector<std::size_t> findings;
};

struct Row {
    std::string pointer;
    std::string name;
    std::map<std::string, Cell> cells;  // column key -> cell
};

struct Column {
    std::string key;                  // the duty id, or the rule id of a rule that names no duty
    std::vector<std::string> titles;  // titles of the rules that check it, in order
};

struct AreaMatrix {
    std::vector<Row> rows;
    std::vector<Column> columns;
};

template <typename T>
void add_once(std::vector<T>& list, const T& item) {
    if (!item.empty() && std::find(list.begin(), list.end(), item) == list.end()) list.push_back(item);
}

// Rows are the objects of the duty verdicts (a duty whose rules look at an object and at parts
// of it, like s44's review periods, has one row: the object); columns are duties.
std::map<std::string, AreaMatrix, decltype(&area_before)> build_matrices(const DocumentResult& document) {
    std::map<std::string, AreaMatrix, decltype(&area_before)> areas(&area_before);
    auto add = [&](const std::string& pointer, const std::string& name, const std::string& key, Status status,
                   const std::vector<std::size_t>& findings) {
        AreaMatrix& matrix = areas[area_of(pointer)];
        auto row = std::find_if(matrix.rows.begin(), matrix.rows.end(), [&](const Row& r) { return r.pointer == pointer; });
        if (row == matrix.rows.end()) {
            matrix.rows.push_back(Row{pointer, name, {}});
            row = std::prev(matrix.rows.end());
        }
        if (row->name.empty()) row->name = name;
        row->cells[key] = Cell{status, findings};
        auto column = std::find_if(matrix.columns.begin(), matrix.columns.end(),
                                   [&](const Column& c) { return c.key == key; });
        if (column == matrix.columns.end()) {
            matrix.columns.push_back(Column{key, {}});
            column = std::prev(matrix.columns.end());
        }
        for (const std::size_t i : findings) add_once(column->titles, rule_of(document.findings[i]).title);
    };
    // Findings in the engine's order, so that columns follow the order the rules were loaded (the
    // packs' own order of the law): each duty's verdicts at its first finding, and a rule that
    // names no duty by its own findings.
    std::vector<bool> placed(document.verdicts.size(), false);
    for (std::size_t i = 0; i < document.findings.size(); ++i) {
        const Finding& finding = document.findings[i];
        const engine::RuleInfo& rule = rule_of(finding);
        if (rule.duties.empty()) {
            add(finding.pointer, finding.object_name, rule.id.empty() ? std::string("(no duty)") : rule.id,
                finding.status, {i});
            continue;
        }
        for (std::size_t v = 0; v < document.verdicts.size(); ++v) {
            const engine::DutyVerdict& verdict = document.verdicts[v];
            if (placed[v] || std::find(rule.duties.begin(), rule.duties.end(), verdict.duty) == rule.duties.end())
                continue;
            placed[v] = true;
            add(verdict.pointer, verdict.object_name, verdict.duty, verdict.status, verdict.findings);
        }
    }
    // Rows follow the file, a locality right before its planning group.
    for (auto& [area, matrix] : areas)
        std::stable_sort(matrix.rows.begin(), matrix.rows.end(),
                         [](const Row& a, const Row& b) { return pointer_before(a.pointer, b.pointer); });
    return areas;
}

// A title cut to at most `limit` characters (code points) at a word boundary, with an ellipsis:
// short enough to stand under a duty id in a matrix column or a line of the summary page.
std::string short_title(std::string_view title, std::size_t limit = 44) {
    const std::string text = valid_utf8(title);
    std::size_t points = 0, cut = 0, last_space = std::string::npos;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;  // inside a code point
        if (points == limit) {
            cut = i;
            break;
        }
        if (text[i] == ' ') last_space = i;
        ++points;
    }
    if (cut == 0) return text;
    const std::size_t end = last_space != std::string::npos && last_space > cut / 2 ? last_space : cut;
    std::string out = text.substr(0, end);
    while (!out.empty() && (out.back() == ' ' || out.back() == ',' || out.back() == ';' || out.back() == ':'))
        out.pop_back();
    return out + "\u2026";
}

constexpr std::size_t max_level_columns = 9;
// The most duties one table has: as many as fit across a portrait A4 page with a title under each.
constexpr std::size_t max_table_columns = 16;

// Text, escaped, that may wrap after each `separator`: a duty id after its hyphens ("PBJW-S32-" /
// "SPG-NOMINEES"), a pointer before its slashes; line breaking rules alone would break neither
// before a digit, or would break a pointer mid-word.
std::string breakable(std::string_view text, char separator) {
    std::string out;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t at = text.find(separator, start + (separator == '/' ? 1 : 0));
        if (at != std::string_view::npos && separator == '-') ++at;  // after a hyphen, before a slash
        const std::size_t end = at == std::string_view::npos ? text.size() : at;
        out += h(text.substr(start, end - start));
        if (end < text.size()) out += "<wbr>";
        start = end;
    }
    return out;
}

// How many rows of the table are about an object that contains this row's: its indent, so a
// planning group sits under its locality, and under the area's first row if its locality has none.
std::size_t ancestor_rows(const AreaMatrix& matrix, const Row& row) {
    return static_cast<std::size_t>(std::count_if(matrix.rows.begin(), matrix.rows.end(), [&](const Row& other) {
        return other.pointer.size() < row.pointer.size() && engine::pointer_within(row.pointer, other.pointer);
    }));
}

void write_legend(std::ostream& out) {
    out << "<p class=\"legend\"><span class=\"legend-title\">Key</span>";
    for (const Status status : {Status::unmet, Status::waiver_expired, Status::unknown, Status::waived, Status::met,
                                Status::not_applicable})
        out << badge(status);
    out << "<span class=\"badge none\">\u00b7 not checked for that row</span></p>\n";
}

void write_cell(std::ostream& out, const DocumentResult& document, std::size_t doc, const Row& row,
                const Column& column) {
    const auto found = row.cells.find(column.key);
    if (found == row.cells.end()) {
        out << "<td class=\"cell none\">\u00b7</td>";
        return;
    }
    // The cell shows the verdict and links to the first finding that has its status; the tooltip
    // lists every rule's finding it was drawn from.
    const Cell& cell = found->second;
    std::size_t shown = cell.findings.front();
    for (const std::size_t i : cell.findings)
        if (document.findings[i].status == cell.status) {
            shown = i;
            break;
        }
    std::vector<std::string> notes;
    for (const std::size_t i : cell.findings) {
        const Finding& finding = document.findings[i];
        std::string note = std::string(status_words(finding.status)) + ": " + rule_of(finding).title;
        if (finding.pointer != row.pointer) note += " (" + finding.pointer + ")";
        notes.push_back(std::move(note));
    }
    const Status status = cell.status;
    const std::string tooltip =
        object_label(row.pointer, row.name) + " \u2014 " + column.key + "\n" + join_items(notes, "\n");
    out << "<td class=\"cell " << status_class(status) << "\" title=\"" << h(tooltip) << "\">";
    const bool listed = document.findings[shown].status != Status::met &&
                        document.findings[shown].status != Status::not_applicable;
    if (listed) out << "<a href=\"#" << finding_id(doc, shown) << "\">";
    // "expired" rather than "waiver expired": the column is narrow and the key says whose expiry.
    out << "<span class=\"sym\" aria-hidden=\"true\">" << status_symbol(status) << "</span><span class=\"word\">"
        << (status == Status::waiver_expired ? std::string_view("expired") : status_words(status)) << "</span>";
    if (listed) out << "</a>";
    out << "</td>";
}

void write_matrix(std::ostream& out, const DocumentResult& document, std::size_t doc, const ReportInfo& info) {
    out << "<section class=\"matrix-section\" aria-labelledby=\"" << doc_id(doc) << "-matrix\">\n<h2 id=\""
        << doc_id(doc) << "-matrix\">Compliance matrix</h2>\n";
    const auto areas = build_matrices(document);
    if (areas.empty()) {
        out << "<p class=\"none-note\">No rule produced a finding for this file.</p>\n</section>\n";
        return;
    }
    out << "<p class=\"intro\">Rows are the parts of the partnership the duties are about, grouped by area; "
           "columns are the duties of the register<span class=\"screen-only\">, named below each table</span>. Each cell is the verdict on that duty "
           "for that row: the most serious result of the rules that encode it there, the row's parts included "
           "(unmet, then waiver expired, unknown, waived, met, not applicable), so a duty reads met only when none "
           "of its rules is unmet, unknown or waived.<span class=\"screen-only\"> Select a cell to read the finding.</span></p>\n";
    write_legend(out);
    for (const auto& [area, matrix] : areas) {
        // Up to a handful of duties fit across with their ids wrapped at the hyphens; more are set
        // upright so that a wide area still fits the page. An area with more duties than fit
        // across a portrait A4 page with their titles is split into tables of even widths, each
        // with the area's rows.
        const bool rotated = matrix.columns.size() > max_level_columns;
        const std::size_t parts = (matrix.columns.size() + max_table_columns - 1) / max_table_columns;
        out << "<div class=\"matrix-area\">\n";
        for (std::size_t part = 0; part < parts; ++part) {
            const std::size_t first = matrix.columns.size() * part / parts;
            const std::size_t last = matrix.columns.size() * (part + 1) / parts;
            out << "<div class=\"matrix-wrap\"><table class=\"matrix" << (rotated ? " rotated" : "") << "\">\n<caption>"
                << h(area);
            if (parts > 1)
                out << " <span class=\"part\">(duties " << first + 1 << "\u2013" << last << " of "
                    << matrix.columns.size() << ")</span>";
            out << "</caption>\n<thead><tr><th scope=\"col\" class=\"obj\">Object</th>";
            for (std::size_t c = first; c < last; ++c) {
                const Column& column = matrix.columns[c];
                // On paper there is no tooltip and the key is left out: the duty's short title
                // goes under its id instead.
                const auto duty = info.duty_titles.find(column.key);
                const std::string title = duty != info.duty_titles.end() ? duty->second
                                          : column.titles.empty()         ? std::string()
                                                                          : column.titles.front();
                out << "<th scope=\"col\" class=\"duty\" title=\"" << h(join_items(column.titles, "\n"))
                    << "\"><span class=\"col\"><span class=\"id\">" << breakable(column.key, '-') << "</span>";
                if (!title.empty()) out << "<span class=\"dt\">" << h(short_title(title)) << "</span>";
                out << "</span></th>";
            }
            out << "</tr></thead>\n<tbody>\n";
            for (const Row& row : matrix.rows) {
                const std::size_t depth = std::min<std::size_t>(ancestor_rows(matrix, row), 3);
                out << "<tr><th scope=\"row\" class=\"obj depth-" << depth << "\">"
                    << h(object_label(row.pointer, row.name));
                if (!row.pointer.empty()) out << "<span class=\"ptr\">" << breakable(row.pointer, '/') << "</span>";
                out << "</th>";
                for (std::size_t c = first; c < last; ++c) write_cell(out, document, doc, row, matrix.columns[c]);
                out << "</tr>\n";
            }
            out << "</tbody>\n</table></div>\n";
        }
        out << "<dl class=\"key\">\n";
        for (const Column& column : matrix.columns) {
            out << "<div><dt>" << h(column.key) << "</dt><dd>" << joined_html(column.titles, "; ") << "</dd></div>\n";
        }
        out << "</dl>\n</div>\n";
    }
    out << "</section>\n";
}

// ---------------------------------------------------------------------------------------------
// Findings

void write_law(std::ostream& out, const engine::RuleInfo& rule) {
    out << "<div class=\"law\">";
    if (!rule.duties.empty())
        out << "<p class=\"duties\">" << (rule.duties.size() == 1 ? "Duty " : "Duties ") << joined_html(rule.duties)
            << "</p>";
    if (!rule.citation.quote.empty()) {
        out << "<blockquote><p>" << h(rule.citation.quote) << "</p></blockquote>";
    }
    if (!rule.citation.source.empty() || !rule.citation.url.empty())
        out << "<p class=\"source\">" << citation_html(rule.citation) << "</p>";
    out << "</div>";
}

void write_waiver_terms(std::ostream& out, const engine::Waiver& waiver, Status status) {
    out << "<p class=\"label\">" << (status == Status::waiver_expired ? "Expired waiver" : "Waiver") << "</p>"
        << "<dl class=\"waiver\">";
    if (!waiver.reason.empty()) out << "<dt>Reason</dt><dd>" << h(waiver.reason) << "</dd>";
    if (!waiver.approved_by.empty()) out << "<dt>Approved by</dt><dd>" << h(waiver.approved_by) << "</dd>";
    if (!waiver.minute.empty()) out << "<dt>Minute</dt><dd>" << h(waiver.minute) << "</dd>";
    if (!waiver.expires.empty())
        out << "<dt>" << (status == Status::waiver_expired ? "Expired" : "Expires") << "</dt><dd>" << h(waiver.expires)
            << "</dd>";
    if (!waiver.pointer.empty()) out << "<dt>Recorded at</dt><dd><code>" << h(waiver.pointer) << "</code></dd>";
    out << "</dl>";
}

void write_finding(std::ostream& out, const DocumentResult& document, std::size_t doc, std::size_t index) {
    const Finding& finding = document.findings[index];
    const engine::RuleInfo& rule = rule_of(finding);
    const bool covered_by_waiver = finding.status == Status::waived || finding.status == Status::waiver_expired;
    const Status underlying = covered_by_waiver ? finding.underlying : finding.status;

    out << "<article class=\"finding " << status_class(finding.status) << "\" id=\"" << finding_id(doc, index)
        << "\">\n<div class=\"finding-head\">" << badge(finding.status);
    if (covered_by_waiver) out << "<span class=\"basis\">covers: " << status_words(underlying) << "</span>";
    out << "<span class=\"sev" << (rule.severity == Severity::error ? " sev-error" : "") << "\">"
        << engine::to_string(rule.severity) << "</span><span class=\"basis\">" << basis_words(rule.basis)
        << "</span>";
    if (const std::string baseline = baseline_phrase(finding); !baseline.empty())
        out << "<span class=\"baseline b-" << engine::to_string(finding.baseline) << "\">" << h(baseline) << "</span>";
    out << "</div>\n<h4 class=\"finding-object\">" << h(object_label(finding.pointer, finding.object_name))
        << "</h4>\n<p class=\"finding-rule\">" << h(rule.title.empty() ? rule.id : rule.title);
    if (!rule.id.empty() && !rule.title.empty()) out << " <span class=\"rule-id\">" << h(rule.id) << "</span>";
    out << "</p>\n<div class=\"finding-body\"><div>";

    if (underlying == Status::unknown && !finding.missing.empty()) {
        out << "<p class=\"label\">Missing evidence</p><ul class=\"msg\">";
        for (const auto& item : finding.missing) out << "<li>" << missing_html(item) << "</li>";
        out << "</ul>";
    } else if (const auto lines = split_lines(finding_text(finding)); !lines.empty()) {
        out << "<p class=\"label\">" << (underlying == Status::unknown ? "Cannot verify" : "What failed")
            << "</p><ul class=\"msg\">";
        for (const auto& line : lines) out << "<li>" << h(line) << "</li>";
        out << "</ul>";
    }
    if (const engine::Waiver* waiver = waiver_of(document, finding); waiver != nullptr && covered_by_waiver)
        write_waiver_terms(out, *waiver, finding.status);
    if (const std::string action = what_to_do(document, finding); !action.empty())
        out << "<p class=\"todo\"><strong>What to do:</strong> " << h(action) << "</p>";
    out << "<p class=\"where\">In the file: " << place_html(document, finding) << "</p></div>\n";
    write_law(out, rule);
    out << "</div>\n</article>\n";
}

// Indexes of findings with one of `statuses`, by area in board order, the most pressing status
// and the most severe rule first inside an area, otherwise in the engine's order.
std::map<std::string, std::vector<std::size_t>, decltype(&area_before)> by_area(const DocumentResult& document,
                                                                                 bool (*wanted)(Status)) {
    std::map<std::string, std::vector<std::size_t>, decltype(&area_before)> areas(&area_before);
    for (std::size_t i = 0; i < document.findings.size(); ++i)
        if (wanted(document.findings[i].status)) areas[area_of(document.findings[i].pointer)].push_back(i);
    for (auto& [area, indexes] : areas)
        std::stable_sort(indexes.begin(), indexes.end(), [&](std::size_t a, std::size_t b) {
            const Finding& x = document.findings[a];
            const Finding& y = document.findings[b];
            if (x.status != y.status) return action_rank(x.status) < action_rank(y.status);
            return rule_of(x).severity > rule_of(y).severity;
        });
    return areas;
}

void write_action_findings(std::ostream& out, const DocumentResult& document, std::size_t doc) {
    out << "<section class=\"findings\" aria-labelledby=\"" << doc_id(doc) << "-action\">\n<h2 id=\"" << doc_id(doc)
        << "-action\">Findings needing action</h2>\n";
    const auto areas = by_area(document, &needs_action);
    if (areas.empty()) {
        out << "<p class=\"none-note\">None: no duty is unmet, none is unknown and no waiver has expired.</p>\n";
    } else {
        out << "<p class=\"intro\">Expired waivers and unmet duties first, then duties that cannot be verified "
               "because the partnership file does not record the evidence (unknown is not a pass).</p>\n";
    }
    for (const auto& [area, indexes] : areas) {
        out << "<h3>" << h(area) << "</h3>\n";
        for (const std::size_t i : indexes) write_finding(out, document, doc, i);
    }
    out << "</section>\n";
}

void write_waivers(std::ostream& out, const DocumentResult& document, std::size_t doc) {
    out << "<section class=\"waivers\" aria-labelledby=\"" << doc_id(doc) << "-waivers\">\n<h2 id=\"" << doc_id(doc)
        << "-waivers\">Waivers</h2>\n";
    if (document.waivers.empty()) {
        out << "<p class=\"none-note\">No waivers are recorded.</p>\n</section>\n";
        return;
    }
    const auto areas = by_area(document, [](Status s) { return s == Status::waived; });
    out << "<h3>Waived findings</h3>\n";
    out << (areas.empty() ? "<p class=\"none-note\">No finding is waived.</p>\n"
                          : "<p class=\"intro\">Accepted exceptions: each covers an unmet or unknown finding until it "
                            "expires.</p>\n");
    for (const auto& [area, indexes] : areas)
        for (const std::size_t i : indexes) write_finding(out, document, doc, i);

    if (!document.stale_waivers.empty()) {
        out << "<h3>Stale waivers</h3>\n<p class=\"intro\">These waivers cover no unmet or unknown finding: remove "
               "them, or correct their rule or target.</p>\n<table class=\"plain\"><thead><tr>";
        for (const char* header : {"Waiver", "Rule or duty", "Target", "Reason", "Approved by", "Minute", "Expires"})
            out << "<th scope=\"col\">" << header << "</th>";
        out << "</tr></thead><tbody>\n";
        for (const std::size_t index : document.stale_waivers) {
            if (index >= document.waivers.size()) continue;
            const engine::Waiver& w = document.waivers[index];
            out << "<tr><th scope=\"row\"><code>" << h(w.pointer) << "</code></th><td>" << h(w.rule) << "</td><td>"
                << (w.target.empty() ? std::string("the whole file") : "<code>" + h(w.target) + "</code>")
                << "</td><td>" << h(w.reason) << "</td><td>" << h(w.approved_by) << "</td><td>" << h(w.minute)
                << "</td><td>" << h(w.expires) << "</td></tr>\n";
        }
        out << "</tbody></table>\n";
    }
    out << "</section>\n";
}

// ---------------------------------------------------------------------------------------------
// Deadlines

/// "Falls due in the next 12 months": the missed deadlines, then those due within a year of the
/// as-of date, from engine::calendar. One short table, so that it prints on a page or two.
void write_deadlines(std::ostream& out, const DocumentResult& document, std::size_t doc) {
    const auto as_of = engine::parse_date(document.as_of);
    if (!as_of) return;
    const engine::Calendar calendar = engine::calendar(document, *as_of);
    const std::string horizon = engine::format_date(engine::add_months(*as_of, 12));
    std::vector<const engine::CalendarEntry*> rows;
    for (const auto* list : {&calendar.missed, &calendar.due_soon, &calendar.later})
        for (const auto& entry : *list)
            if (entry.date <= horizon) rows.push_back(&entry);
    out << "<section class=\"deadlines\" aria-labelledby=\"" << doc_id(doc) << "-deadlines\">\n<h2 id=\"" << doc_id(doc)
        << "-deadlines\">Falls due in the next 12 months</h2>\n";
    if (rows.empty()) {
        out << "<p class=\"none-note\">No deadline the file determines is missed or falls due by " << h(horizon)
            << ".</p>\n</section>\n";
        return;
    }
    out << "<p class=\"intro\">Missed deadlines first, then those falling due by " << h(horizon)
        << " (<code>dutycheck calendar</code> lists them all).</p>\n<table class=\"plain\"><thead><tr>";
    for (const char* header : {"Due", "Deadline", "Duty and law", "Status"}) out << "<th scope=\"col\">" << header << "</th>";
    out << "</tr></thead><tbody>\n";
    for (const engine::CalendarEntry* entry : rows) {
        static const engine::RuleInfo no_rule;
        const engine::RuleInfo& rule = entry->rule ? *entry->rule : no_rule;
        const bool missed = entry->state == engine::DeadlineState::missed;
        out << "<tr><th scope=\"row\"><time>" << h(entry->date) << "</time>" << (missed ? "<br>missed" : "")
            << "</th><td>" << h(rule.title) << "<br>" << h(object_label(entry->pointer, entry->object_name))
            << "</td><td>" << joined_html(rule.duties) << "<br>" << h(rule.citation.source) << "</td><td>"
            << badge(entry->status) << "</td></tr>\n";
    }
    out << "</tbody></table>\n</section>\n";
}

// ---------------------------------------------------------------------------------------------
// What to record next: the evidence plan, right after the summary, as a compact table.

void write_evidence_plan(std::ostream& out, const DocumentResult& document, std::size_t doc) {
    const auto& plan = document.evidence_plan;
    if (plan.empty()) return;
    out << "<section class=\"evidence-plan\" aria-labelledby=\"" << doc_id(doc) << "-plan\">\n<h2 id=\"" << doc_id(doc)
        << "-plan\">What to record next</h2>\n<p class=\"intro\">"
        << h(findings_count(findings_awaiting_evidence(document)))
        << " cannot be verified from the file. These are the fields they need, the most needed first; "
           "<strong>Decides</strong> counts the findings that need the field, and a finding may need more than one.</p>\n"
           "<table class=\"plain\"><thead><tr>";
    for (const char* header : {"Decides", "Field", "What to record", "Example"})
        out << "<th scope=\"col\">" << header << "</th>";
    out << "</tr></thead><tbody>\n";
    for (std::size_t i = 0; i < plan.size() && i < evidence_plan_shown; ++i) {
        const engine::EvidenceItem& item = plan[i];
        out << "<tr><td>" << item.decides << "</td><th scope=\"row\"><code>" << breakable(item.field, '/')
            << "</code></th><td>"
            << h(item.description);
        if (const std::string action = evidence_action(item); !action.empty())
            out << (item.description.empty() ? "" : " ") << "<strong>" << h(action) << "</strong>";
        if (const std::string places = places_phrase(item); !places.empty())
            out << "<p class=\"where\">" << h(places) << "</p>";
        out << "</td><td>";
        if (!item.example.empty()) out << "<code>" << h(item.example) << "</code>";
        out << "</td></tr>\n";
    }
    out << "</tbody></table>\n";
    if (plan.size() > evidence_plan_shown) {
        const std::size_t more = plan.size() - evidence_plan_shown;
        out << "<p class=\"none-note\">\u2026 and " << more << (more == 1 ? " more field" : " more fields")
            << "; the JSON report lists every one.</p>\n";
    }
    out << "</section>\n";
}

// ---------------------------------------------------------------------------------------------
// The summary page: what a board reads first, on one printed page.

// Each duty's verdicts over every object it was checked on, the most serious first, so the
// summary page shows every duty at a glance; the matrix gives them object by object.
void write_glance(std::ostream& out, const DocumentResult& document, std::size_t doc, const ReportInfo& info) {
    struct Duty {
        std::string id;
        Status worst = Status::not_applicable;
        std::array<std::size_t, engine::status_count> counts{};
    };
    std::vector<Duty> duties;
    for (const auto& verdict : document.verdicts) {
        auto duty = std::find_if(duties.begin(), duties.end(), [&](const Duty& d) { return d.id == verdict.duty; });
        if (duty == duties.end()) {
            duties.push_back({verdict.duty, verdict.status, {}});
            duty = std::prev(duties.end());
        }
        if (engine::status_weight(verdict.status) > engine::status_weight(duty->worst)) duty->worst = verdict.status;
        ++duty->counts[static_cast<std::size_t>(verdict.status)];
    }
    if (duties.empty()) return;
    std::stable_sort(duties.begin(), duties.end(), [](const Duty& a, const Duty& b) {
        return engine::status_weight(a.worst) > engine::status_weight(b.worst);
    });
    out << "<section class=\"glance\" aria-labelledby=\"" << doc_id(doc) << "-glance\">\n<h2 id=\"" << doc_id(doc)
        << "-glance\">Duties at a glance</h2>\n<p class=\"intro\">Each duty's verdict over every part of the "
           "partnership it was checked on, the most serious first; the matrix gives them part by part.</p>\n"
           "<ul class=\"glance-list\">\n";
    for (const Duty& duty : duties) {
        std::vector<std::string> counts;
        for (const Status status : {Status::unmet, Status::waiver_expired, Status::unknown, Status::waived, Status::met,
                                    Status::not_applicable})
            if (const std::size_t n = duty.counts[static_cast<std::size_t>(status)]; n > 0)
                counts.push_back(std::to_string(n) + " " + std::string(status_words(status)));
        const auto title = info.duty_titles.find(duty.id);
        out << "<li class=\"" << status_class(duty.worst) << "\"><span class=\"sym\" title=\""
            << status_title(duty.worst) << "\">" << status_symbol(duty.worst) << "</span><span class=\"t\"><code>"
            << h(duty.id) << "</code>"
            << (title != info.duty_titles.end() ? h(short_title(title->second, 60)) : std::string())
            << "</span><span class=\"n\">" << join_items(counts, " \u00b7 ") << "</span></li>\n";
    }
    out << "</ul>\n</section>\n";
}

// ---------------------------------------------------------------------------------------------
// How this report was made: enough to run the same check again and get the same report.

void write_provenance(std::ostream& out, const DocumentResult& document, std::size_t doc, const ReportInfo& info) {
    if (info.tool_version.empty() && info.packs.empty() && document.parameters.empty()) return;
    const std::string as_of = document.as_of.empty() ? info.as_of : document.as_of;
    out << "<section class=\"provenance\" aria-labelledby=\"" << doc_id(doc) << "-made\">\n<h2 id=\"" << doc_id(doc)
        << "-made\">How this report was made</h2>\n<p>Checked by dutycheck"
        << (info.tool_version.empty() ? std::string() : " " + h(info.tool_version));
    if (!as_of.empty()) out << " as of <time>" << h(as_of) << "</time>";
    out << ".</p>\n";
    if (!info.packs.empty()) {
        out << "<table class=\"plain\"><thead><tr><th scope=\"col\">Rule pack</th><th scope=\"col\">Version</th>"
               "<th scope=\"col\">SHA-256 of its content</th></tr></thead><tbody>\n";
        for (const auto& pack : info.packs)
            out << "<tr><th scope=\"row\">" << h(pack.name) << "</th><td>" << h(pack.version) << "</td><td><code>"
                << h(pack.sha256) << "</code></td></tr>\n";
        out << "</tbody></table>\n";
    }
    if (!document.parameters.empty()) {
        const std::size_t differing = differing_parameters(document.parameters).size();
        out << "<p>"
            << (differing == 0 ? std::string("Every parameter is at its pack's default.")
                               : std::to_string(differing) +
                                     (differing == 1 ? " parameter differs" : " parameters differ") +
                                     " from the packs' defaults (marked).")
            << "</p>\n<table class=\"plain params\"><thead><tr><th scope=\"col\">Parameter</th>"
               "<th scope=\"col\">Value</th><th scope=\"col\">Set by</th></tr></thead><tbody>\n";
        for (const auto& p : document.parameters) {
            out << "<tr" << (p.differs ? " class=\"differs\"" : "") << "><th scope=\"row\"><code>" << h(p.name)
                << "</code></th><td><code>" << h(p.value) << "</code>";
            if (p.differs) out << " <strong>differs</strong>: the pack's default is <code>" << h(p.default_value) << "</code>";
            out << "</td><td>" << h(set_by_words(p.set_by)) << "</td></tr>\n";
        }
        out << "</tbody></table>\n";
    }
    out << "</section>\n";
}

void write_document(std::ostream& out, const DocumentResult& document, std::size_t doc, const ReportInfo& info) {
    const std::string as_of = document.as_of.empty() ? info.as_of : document.as_of;
    out << "<section class=\"partnership\" id=\"" << doc_id(doc) << "\" aria-labelledby=\"" << doc_id(doc)
        << "-title\">\n<div class=\"summary-page\">\n<h1 id=\"" << doc_id(doc) << "-title\">" << h(partnership_title(document)) << "</h1>\n"
        << "<dl class=\"facts\">";
    if (document.paper) out << "<div><dt>Pre-board check</dt><dd>" << h(paper_phrase(document)) << "</dd></div>";
    if (!as_of.empty()) out << "<div><dt>Evaluated as of</dt><dd><time>" << h(as_of) << "</time></dd></div>";
    if (!document.file.empty())
        out << "<div><dt>Partnership file</dt><dd><code>" << h(document.file) << "</code></dd></div>";
    if (!info.packs.empty())
        out << "<div><dt>Rule packs</dt><dd>" << joined_html(pack_names(info.packs)) << "</dd></div>";
    out << "</dl>\n<section class=\"summary\" aria-labelledby=\"" << doc_id(doc) << "-summary\">\n<h2 id=\""
        << doc_id(doc) << "-summary\">Summary</h2>\n";
    if (const auto overrides = command_line_overrides(document.parameters); !overrides.empty())
        out << "<p class=\"overrides\">Parameters set on the command line, not the packs' defaults: "
            << h(overrides_phrase(overrides)) << ".</p>\n";
    write_summary(out, document.summary, info.fail_on);
    out << "</section>\n";
    write_glance(out, document, doc, info);
    out << "</div>\n";
    write_evidence_plan(out, document, doc);
    write_matrix(out, document, doc, info);
    write_deadlines(out, document, doc);
    write_action_findings(out, document, doc);
    write_waivers(out, document, doc);
    write_provenance(out, document, doc, info);
    out << "</section>\n";
}

}  // namespace

void write_html(std::ostream& out, const std::vector<engine::DocumentResult>& documents, const ReportInfo& info) {
    std::vector<std::string> names;
    for (const auto& document : documents) names.push_back(partnership_title(document));
    std::string title = "Statutory duties report";
    if (!names.empty()) title += ": " + join_items(names, ", ");
    if (!info.as_of.empty()) title += " (as of " + info.as_of + ")";

    // The policy makes the no-network promise hold in the browser too: nothing may be fetched,
    // whatever the page says; only the inline style applies. Links are followed only when clicked.
    out << "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n"
        << "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
        << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        << "<meta name=\"referrer\" content=\"no-referrer\">\n<meta name=\"color-scheme\" content=\"light\">\n";
    if (!info.tool_version.empty())
        out << "<meta name=\"generator\" content=\"dutycheck " << h(info.tool_version) << "\">\n";
    out << "<title>" << h(title) << "</title>\n<style>" << css << page_headers(documents, info)
        << "</style>\n</head>\n<body>\n"
        << "<header class=\"masthead\"><p><span class=\"kicker\">Statutory duties compliance report</span><span>";
    std::vector<std::string> run;
    if (!info.as_of.empty()) run.push_back("as of " + h(info.as_of));
    run.push_back("dutycheck" + (info.tool_version.empty() ? std::string() : " " + h(info.tool_version)));
    out << join_items(run, " · ") << "</span></p></header>\n<main>\n";

    if (documents.size() > 1) {
        out << "<nav class=\"contents\" aria-label=\"Partnerships\"><h2>Partnerships</h2><ul>\n";
        for (std::size_t i = 0; i < documents.size(); ++i) {
            const engine::Summary& s = documents[i].summary;
            out << "<li><a href=\"#" << doc_id(i) << "\">" << h(names[i]) << "</a>: " << s.count(Status::unmet)
                << " unmet, " << s.count(Status::unknown) << " unknown, " << s.count(Status::waiver_expired)
                << " waiver expired, " << s.count(Status::met) << " met</li>\n";
        }
        out << "</ul>\n<p class=\"label\">Total for " << documents.size() << " partnership files</p>\n";
        write_summary(out, total_summary(documents), info.fail_on);
        out << "</nav>\n";
    }
    for (std::size_t i = 0; i < documents.size(); ++i) write_document(out, documents[i], i, info);
    if (documents.empty()) out << "<p class=\"none-note\">No partnership files were checked.</p>\n";
    out << "</main>\n<footer><p>Produced by dutycheck"
        << (info.tool_version.empty() ? std::string() : " " + h(info.tool_version))
        << ". <strong>Unknown</strong> means the partnership file does not record the evidence a duty needs: it is "
           "not a pass. Met and not applicable findings appear in the matrix only.<span class=\"screen-only\"> This "
           "page loads nothing from the network; citation links open the law at its source.</span></p></footer>\n"
           "</body>\n</html>\n";
}

}  // namespace dutycheck::report
