// The board formats (Markdown and HTML) on results built by hand: golden files, escaping, no network.
#include "test_support.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "engine/result.hpp"
#include "report/html_report.hpp"
#include "report/markdown_report.hpp"
#include "report/report_info.hpp"
#include "report_fixtures.hpp"

using dutycheck::engine::Basis;
using dutycheck::engine::DocumentResult;
using dutycheck::engine::Finding;
using dutycheck::engine::RuleInfo;
using dutycheck::engine::Severity;
using dutycheck::engine::Status;
using dutycheck::engine::Waiver;
using dutycheck::report::ReportInfo;
using dutycheck::testing::covered;
using dutycheck::testing::finding;
using dutycheck::testing::not_recorded;
using dutycheck::testing::read_text;
using dutycheck::testing::Rules;
using dutycheck::testing::summarise;
using dutycheck::testing::source_dir;
namespace fs = std::filesystem;

namespace {

constexpr const char* script = "<script>alert(1)</script>";

RuleInfo rule(std::string id, std::string title, std::vector<std::string> duties, Severity severity, Basis basis,
              std::string source, std::string url, std::string quote) {
    RuleInfo r;
    r.id = std::move(id);
    r.title = std::move(title);
    r.duties = std::move(duties);
    r.severity = severity;
    r.basis = basis;
    r.citation = {std::move(source), std::move(url), std::move(quote)};
    return r;
}

// One partnership with every status, a waiver in force, an expired one and a stale one, and
// hostile text in object names, messages, a rule title, a citation and waiver reasons.
DocumentResult every_status(Rules& rules) {
    const auto* co_chair = rules.add(rule(
        "inv-lpg-community-co-chair", "Each locality planning group is co-chaired, with a community representative",
        {"INV-LPG-COCHAIR"}, Severity::error, Basis::local_policy,
        "Inverclyde IJB, 24 June 2019, report IJB/42/2019/HW, para 4.10", "https://www.inverclyde.gov.uk/ijb",
        "joint chairing (co-chair model) of Locality Planning Groups (LPGs)"));
    const auto* localities = rules.add(rule(
        "localities-two-or-more", "The strategic plan divides the area into two or more localities",
        {"PBJW-S29-LOCALITIES"}, Severity::error, Basis::statute,
        "Public Bodies (Joint Working) (Scotland) Act 2014, s29(3)(a)",
        "https://www.legislation.gov.uk/asp/2014/9/section/29",
        "dividing the area of the local authority into two or more localities"));
    const auto* hostile = rules.add(rule(
        "hostile-rule", std::string(script) + " *bold* `tick` a|b", {"EQ-REG5-ASSESS", "FSD-S1-STRATEGIC"},
        Severity::warning, Basis::statutory_guidance, "\"quotes\" & 'apostrophes' [link](javascript:alert(1))",
        "javascript:alert(1)", "a|b <b>not bold</b> _under_ # not a heading"));
    const auto* direction = rules.add(rule(
        "direction-in-writing", "A paper that needs a direction leads to a recorded direction in writing",
        {"PBJW-S27-DIRECTION-IN-WRITING"}, Severity::error, Basis::statute,
        "Public Bodies (Joint Working) (Scotland) Act 2014, s27(5)(b)",
        "https://www.legislation.gov.uk/asp/2014/9/section/27", "must be given in writing"));
    const auto* minutes = rules.add(rule("publish-minutes", "Minutes of the board are published", {"LOCAL-MINUTES"},
                                         Severity::info, Basis::good_practice, "", "", ""));

    DocumentResult doc;
    doc.file = "fixtures/eilean-siar.json";
    doc.partnership_id = "eilean-siar";
    doc.partnership_name = "Eilean Siar \u2013 Comhairle & NHS Western Isles";
    doc.as_of = "2026-11-22";
    doc.findings = {
        finding(localities, Status::met, "/localities", "", ""),
        finding(co_chair, Status::unmet, "/localities/0/planning_group", script,
                std::string(script) + " has 1 co-chairs recorded; the co-chair model has two\nno co-chair of " + script +
                    " is a community representative",
                12, 7),
        finding(co_chair, Status::unknown, "/localities/1/planning_group", "\"quotes\" & 'apostrophes'",
                "", 30, 7,
                {not_recorded("/localities/1/planning_group/co_chairs"),
                 not_recorded("/localities/1/planning_group/status")}),
        finding(co_chair, Status::not_applicable, "/localities/2/planning_group", "a|b",
                "does not apply: status == \"active\"", 48, 7),
        finding(hostile, Status::unmet, "/reports/0", "*bold* `code` [x](y)",
                "line one with a|b\n- second line starts like a list item\n# third like a heading", 60, 5),
        covered(finding(direction, Status::unknown, "/reports/1", "IJB/09/2020/HW",
                        "", 75, 5, {not_recorded("/reports/1/direction")}),
                Status::waived, 0),
        covered(finding(co_chair, Status::unmet, "/localities/3/planning_group",
                        "Eilean Siar \u2013 Comhairle\n- a name with a line break",
                        "Eilean Siar \u2013 Comhairle has no co-chairs recorded", 90, 7),
                Status::waiver_expired, 1),
        finding(minutes, Status::unknown, "", "", "", 1, 1, {not_recorded("/publications")}),
    };
    doc.waivers = {
        Waiver{"direction-in-writing", "/reports/1", "Direction drafted; <b>awaiting</b> sign-off | \"urgent\" & 'soon'",
               "Chief Officer *acting*", "IJB 2026/14 `item 7`", "2026-12-31", "/waivers/0", "2026-01-20"},
        Waiver{"INV-LPG-COCHAIR", "/localities/3", "Recruitment of a community co-chair under way", "IJB", "",
               "2026-03-31", "/waivers/1", "2025-10-02"},
        Waiver{"sb-cig-timeline", "", std::string("Old exception ") + script, "Audit & Risk Committee", "ARC 2025/3",
               "2027-01", "/waivers/2", "2026-02-11"},
    };
    doc.stale_waivers = {2};
    summarise(doc);
    return doc;
}

// A second partnership with nothing to act on, for the multi-partnership layout.
DocumentResult all_met(Rules& rules) {
    const auto* localities = rules.add(rule("localities-two-or-more", "The strategic plan divides the area into two or more localities",
                                            {"PBJW-S29-LOCALITIES"}, Severity::error, Basis::statute,
                                            "Public Bodies (Joint Working) (Scotland) Act 2014, s29(3)(a)", "", ""));
    DocumentResult doc;
    doc.file = "fixtures/inverclyde-2019.json";
    doc.partnership_id = "inverclyde";
    doc.partnership_name = "Inverclyde Health and Social Care Partnership";
    doc.as_of = "2026-11-22";
    doc.findings = {finding(localities, Status::met, "/localities", "", "", 20, 3)};
    summarise(doc);
    return doc;
}

const ReportInfo info{"0.1.0", "2026-11-22", {{"scotland", "1.0", std::string(64, '1')}, {"local/inverclyde", "", std::string(64, '2')}}};

std::string markdown(const std::vector<DocumentResult>& documents) {
    std::ostringstream out;
    dutycheck::report::write_markdown(out, documents, info);
    return out.str();
}

std::string html(const std::vector<DocumentResult>& documents) {
    std::ostringstream out;
    dutycheck::report::write_html(out, documents, info);
    return out.str();
}

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
}

void check_golden(const std::string& name, const std::string& actual) {
    dutycheck::testing::check_golden(fs::path("formats") / name, actual);
}

// A Markdown table row's cells: split at pipes that no backslash escapes.
std::size_t cell_count(const std::string& row) {
    std::size_t pipes = 0;
    for (std::size_t i = 0; i < row.size(); ++i) {
        if (row[i] == '\\') {
            ++i;  // the escaped character, whatever it is
        } else if (row[i] == '|') {
            ++pipes;
        }
    }
    return pipes - 1;  // rows start and end with a pipe
}

// True if `c` appears in `report` without a backslash before it.
bool has_unescaped(const std::string& report, char c) {
    for (std::size_t i = 0; i < report.size(); ++i) {
        if (report[i] == '\\') {
            ++i;
        } else if (report[i] == c) {
            return true;
        }
    }
    return false;
}

// Every "http://" or "https://" in the page is the target of a link (loads nothing); returns how many.
std::size_t check_only_links_to_the_web(const std::string& page) {
    CHECK_THAT(page, !Catch::Contains("src="));
    CHECK_THAT(page, !Catch::Contains("<link"));
    CHECK_THAT(page, !Catch::Contains("@import"));
    CHECK_THAT(page, !Catch::Contains("url("));
    CHECK_THAT(page, !Catch::Contains("<script"));
    CHECK_THAT(page, !Catch::Contains("<iframe"));
    std::size_t links = 0;
    for (const std::string scheme : {"http://", "https://"}) {
        for (auto at = page.find(scheme); at != std::string::npos; at = page.find(scheme, at + 1)) {
            INFO(page.substr(at < 40 ? 0 : at - 40, 80));
            REQUIRE(at >= 6);
            CHECK(page.compare(at - 6, 6, "href=\"") == 0);
            ++links;
        }
    }
    return links;
}

// Every in-page link leads to an element of the page.
void check_in_page_links(const std::string& page) {
    std::set<std::string> ids;
    const std::regex id(" id=\"([^\"]+)\"");
    for (auto it = std::sregex_iterator(page.begin(), page.end(), id); it != std::sregex_iterator(); ++it) {
        INFO((*it)[1].str());
        CHECK(ids.insert((*it)[1].str()).second);  // ids are unique
    }
    const std::regex link("href=\"#([^\"]+)\"");
    std::size_t links = 0;
    for (auto it = std::sregex_iterator(page.begin(), page.end(), link); it != std::sregex_iterator(); ++it, ++links) {
        INFO((*it)[1].str());
        CHECK(ids.count((*it)[1].str()) == 1);
    }
    CHECK(links > 0);
}

// Markdown tables: every row has as many cells as its header; returns how many tables.
std::size_t check_table_rows(const std::string& md);

// The tag names the HTML writer uses; anything else after a '<' came from the input unescaped.
const std::set<std::string> html_tags{"html", "head",    "meta",  "title",   "style",      "body",  "header", "p",
                                      "span", "main",    "nav",   "section", "h1",         "h2",    "h3",     "h4",
                                      "dl",   "dt",      "dd",    "div",     "time",       "ul",    "li",     "table",
                                      "caption", "thead", "tbody", "tr",     "th",         "td",    "a",      "wbr",
                                      "code", "article", "blockquote", "strong", "footer"};

}  // namespace

// ---------------------------------------------------------------------------------------------
// Golden files. Refresh with DUTYCHECK_UPDATE_GOLDEN=1 and review the diff.

TEST_CASE("the board formats of a result set with every status match their golden files", "[board][golden]") {
    Rules rules;
    const std::vector<DocumentResult> one{every_status(rules)};
    const std::vector<DocumentResult> two{every_status(rules), all_met(rules)};
    SECTION("markdown, one partnership") { check_golden("markdown-every-status.md", markdown(one)); }
    SECTION("markdown, two partnerships") { check_golden("markdown-two-partnerships.md", markdown(two)); }
    SECTION("html, one partnership") { check_golden("html-every-status.html", html(one)); }
    SECTION("html, two partnerships") { check_golden("html-two-partnerships.html", html(two)); }
}

TEST_CASE("the board formats are deterministic", "[board]") {
    Rules rules;
    const std::vector<DocumentResult> docs{every_status(rules), all_met(rules)};
    CHECK(markdown(docs) == markdown(docs));
    CHECK(html(docs) == html(docs));
}

// ---------------------------------------------------------------------------------------------
// Markdown

TEST_CASE("the Markdown report has a title with the date, a summary table and each kind of finding", "[board][markdown]") {
    Rules rules;
    const std::string md = markdown({every_status(rules)});
    CHECK_THAT(md, Catch::StartsWith("# Eilean Siar \u2013 Comhairle \\& NHS Western Isles: statutory duties as of 2026-11-22\n"));
    CHECK_THAT(md, Catch::Contains("| Status | Findings | Error | Warning | Info |\n"));
    CHECK_THAT(md, Catch::Contains("| \u2717 Unmet | 2 | 1 | 1 | 0 |\n"));
    CHECK_THAT(md, Catch::Contains("| ! Waiver expired | 1 | 1 | 0 | 0 |\n"));
    CHECK_THAT(md, Catch::Contains("| ? Unknown: cannot be verified from the file | 2 | 1 | 0 | 1 |\n"));
    CHECK_THAT(md, Catch::Contains("| W Waived | 1 | 1 | 0 | 0 |\n"));
    CHECK_THAT(md, Catch::Contains("| \u2713 Met | 1 | 1 | 0 | 0 |\n"));
    CHECK_THAT(md, Catch::Contains("| \u2013 Not applicable | 1 | 1 | 0 | 0 |\n"));
    CHECK_THAT(md, Catch::Contains("**5 findings need action:** 2 unmet, 1 with an expired waiver, 2 that cannot be verified"));

    // An unmet duty: its law quoted, its citation linked, where it is and what to do.
    CHECK_THAT(md, Catch::Contains("  > joint chairing (co-chair model) of Locality Planning Groups (LPGs)\n"));
    CHECK_THAT(md, Catch::Contains("- **Law:** [Inverclyde IJB, 24 June 2019, report IJB/42/2019/HW, para 4.10]"
                                   "(https://www.inverclyde.gov.uk/ijb)\n"));
    CHECK_THAT(md, Catch::Contains("- **Where:** fixtures/eilean-siar.json:12:7, at /localities/0/planning\\_group\n"));
    CHECK_THAT(md, Catch::Contains("- **Duty ids:** INV-LPG-COCHAIR\n"));
    CHECK_THAT(md, Catch::Contains("- **What to do:** Put right what failed, then record it in the partnership file.\n"));
    // The expired waiver is listed with the unmet duties, with its terms and what to do.
    CHECK_THAT(md, Catch::Contains("#### ! Waiver expired (error): Eilean Siar \u2013 Comhairle - a name with a line break\n"));
    CHECK_THAT(md, Catch::Contains("- **Waiver:** Recruitment of a community co-chair under way; approved by IJB; "
                                   "expires 2026-03-31 (/waivers/1)\n"));
    CHECK_THAT(md, Catch::Contains("- **What to do:** Renew the waiver (it expired on 2026-03-31) by a new decision, "
                                   "or put right what failed, then record it in the partnership file.\n"));
    // Unknown findings, compactly: what to record, relative to the object.
    CHECK_THAT(md, Catch::Contains("| \"quotes\" \\& 'apostrophes' | Each locality planning group is co-chaired, with a "
                                   "community representative | INV-LPG-COCHAIR | error | co\\_chairs; status |\n"));
    CHECK_THAT(md, Catch::Contains("| The whole partnership file | Minutes of the board are published | LOCAL-MINUTES | "
                                   "info | /publications |\n"));
    // Waived findings with their waiver, and the stale waiver.
    CHECK_THAT(md, Catch::Contains("| Board papers | IJB/09/2020/HW | A paper that needs a direction leads to a recorded "
                                   "direction in writing | PBJW-S27-DIRECTION-IN-WRITING | unknown | Direction drafted; "
                                   "\\<b\\>awaiting\\</b\\> sign-off \\| \"urgent\" \\& 'soon' | Chief Officer \\*acting\\* | "
                                   "IJB 2026/14 \\`item 7\\` | 2026-12-31 |\n"));
    CHECK_THAT(md, Catch::Contains("### Stale waivers\n"));
    CHECK_THAT(md, Catch::Contains("| /waivers/2 | sb-cig-timeline | the whole file | Old exception "
                                   "\\<script\\>alert(1)\\</script\\> | Audit \\& Risk Committee | ARC 2025/3 | 2027-01 |\n"));
}

TEST_CASE("Markdown escapes text from the input so it renders as text and never breaks a table", "[board][markdown]") {
    Rules rules;
    const std::string md = markdown({every_status(rules), all_met(rules)});
    CHECK_THAT(md, !Catch::Contains(script));
    CHECK_THAT(md, Catch::Contains("\\<script\\>alert(1)\\</script\\>"));
    CHECK_THAT(md, Catch::Contains("\\*bold\\* \\`code\\` \\[x\\](y)"));
    CHECK_THAT(md, Catch::Contains("Eilean Siar \u2013 Comhairle"));  // non-ASCII is kept as it is
    // The writer emits no raw HTML, code spans, entities, underscores or strikethrough of its own
    // (only its quote markers, "  > "), so none of these may appear unescaped.
    std::string body;
    for (const auto& line : lines_of(md)) body += (line.rfind("  > ", 0) == 0 ? line.substr(4) : line) + "\n";
    for (const char c : {'<', '>', '`', '_', '&', '~'}) {
        INFO(c);
        CHECK_FALSE(has_unescaped(body, c));
    }

    // A line break inside a name or message never starts a block of its own.
    for (const auto& line : lines_of(md)) {
        CHECK_THAT(line, !Catch::StartsWith("- second line"));
        CHECK_THAT(line, !Catch::StartsWith("# third"));
        CHECK_THAT(line, !Catch::StartsWith("- a name with a line break"));
    }
    // A message line that looks like a list item or heading is escaped where it starts an item.
    CHECK_THAT(md, Catch::Contains("  - \\- second line starts like a list item\n"));
    CHECK_THAT(md, Catch::Contains("  - \\# third like a heading\n"));
    // A citation URL that is not a web address is shown, never linked.
    CHECK_THAT(md, Catch::Contains("\\[link\\](javascript:alert(1)) (javascript:alert(1))"));
    for (auto at = md.find("](javascript:"); at != std::string::npos; at = md.find("](javascript:", at + 1))
        CHECK(md[at - 1] == '\\');

    // Every row of every table has as many cells as its header.
    const std::size_t tables = check_table_rows(md);
    // Summary, what to record next, duty verdicts, unknown by area (2), waived and stale, and the
    // packs of how the report was made; the second file's summary, duty verdicts and packs; the total.
    CHECK(tables == 12);
}

TEST_CASE("Markdown says so when there is nothing to act on", "[board][markdown]") {
    Rules rules;
    const std::string md = markdown({all_met(rules)});
    CHECK_THAT(md, Catch::Contains("Nothing needs action: no duty is unmet, none is unknown and no waiver has expired.\n"));
    CHECK_THAT(md, Catch::Contains("No duty is unmet and no waiver has expired.\n"));
    CHECK_THAT(md, Catch::Contains("Every duty could be checked from the partnership file.\n"));
    CHECK_THAT(md, Catch::Contains("No waivers are recorded.\n"));
}

// ---------------------------------------------------------------------------------------------
// HTML

TEST_CASE("the HTML report is one accessible page with a summary, a matrix and the findings", "[board][html]") {
    Rules rules;
    const std::string page = html({every_status(rules)});
    CHECK_THAT(page, Catch::StartsWith("<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n"));
    CHECK_THAT(page, Catch::EndsWith("</html>\n"));
    CHECK_THAT(page, Catch::Contains("<h1 id=\"p1-title\">Eilean Siar \u2013 Comhairle &amp; NHS Western Isles</h1>"));
    CHECK_THAT(page, Catch::Contains("<time>2026-11-22</time>"));
    CHECK_THAT(page, Catch::Contains("<dd>scotland, local/inverclyde</dd>"));
    CHECK_THAT(page, Catch::Contains("<th scope=\"col\""));
    CHECK_THAT(page, Catch::Contains("<th scope=\"row\""));
    CHECK_THAT(page, Catch::Contains("@media print"));

    // Summary: every status counted, unmet and unknown by severity.
    CHECK_THAT(page, Catch::Contains("\u2717 Unmet</span><span class=\"tile-count\">2</span><span class=\"tile-detail\">"
                                     "1 error · 1 warning</span>"));
    CHECK_THAT(page, Catch::Contains("? Unknown</span><span class=\"tile-count\">2</span><span class=\"tile-detail\">"
                                     "1 error · 1 info</span>"));
    CHECK_THAT(page, Catch::Contains("! Waiver expired</span><span class=\"tile-count\">1</span>"));
    CHECK_THAT(page, Catch::Contains("W Waived</span><span class=\"tile-count\">1</span>"));
    CHECK_THAT(page, Catch::Contains("\u2713 Met</span><span class=\"tile-count\">1</span>"));
    CHECK_THAT(page, Catch::Contains("\u2013 Not applicable</span><span class=\"tile-count\">1</span>"));

    // Matrix: every cell carries its status in words, not only in colour.
    const std::regex cell("<td class=\"cell ([a-z-]+)( [a-z-]+)?\"[^>]*>(.*?)</td>");
    std::size_t cells = 0;
    std::set<std::string> words;
    for (auto it = std::sregex_iterator(page.begin(), page.end(), cell); it != std::sregex_iterator(); ++it) {
        ++cells;
        const std::string text = std::regex_replace((*it)[3].str(), std::regex("<[^>]*>"), " ");
        INFO((*it)[0].str());
        CHECK(text.find_first_not_of(' ') != std::string::npos);
        words.insert(std::regex_replace(text, std::regex("^ *\\S+ +| +$"), ""));
    }
    CHECK(cells > 8);
    for (const char* word : {"met", "unmet", "unknown", "n/a", "waived", "expired"}) {
        INFO(word);
        CHECK(words.count(word) == 1);
    }
    // Columns are duty ids, with the rule title as their title; the key names them below. On
    // paper, where there is no tooltip, a short title stands under the id (the register's, or
    // with no register the rule's).
    CHECK_THAT(page, Catch::Contains("<th scope=\"col\" class=\"duty\" title=\"Each locality planning group is co-chaired, "
                                     "with a community representative\"><span class=\"col\"><span class=\"id\">INV-<wbr>"
                                     "LPG-<wbr>COCHAIR</span><span class=\"dt\">Each locality planning group is "
                                     "co-chaired\u2026</span></span></th>"));
    CHECK_THAT(page, Catch::Contains("<dt>INV-LPG-COCHAIR</dt><dd>Each locality planning group is co-chaired"));
    // Cells link to their finding.
    CHECK_THAT(page, Catch::Contains("<a href=\"#p1-f2\">"));
    CHECK_THAT(page, Catch::Contains("<article class=\"finding s-unmet\" id=\"p1-f2\">"));

    // Findings: quoted law, citation link, duties, message, what is missing, place in the file.
    CHECK_THAT(page, Catch::Contains("<blockquote><p>joint chairing (co-chair model) of Locality Planning Groups (LPGs)"
                                     "</p></blockquote>"));
    CHECK_THAT(page, Catch::Contains("<a href=\"https://www.inverclyde.gov.uk/ijb\" rel=\"noreferrer\">Inverclyde IJB, "
                                     "24 June 2019, report IJB/42/2019/HW, para 4.10</a>"));
    CHECK_THAT(page, Catch::Contains("<p class=\"duties\">Duties EQ-REG5-ASSESS, FSD-S1-STRATEGIC</p>"));
    CHECK_THAT(page, Catch::Contains("<li><code>/localities/1/planning_group/co_chairs</code> is not recorded</li>"));
    CHECK_THAT(page, Catch::Contains("<code>fixtures/eilean-siar.json:12:7</code> · <code>/localities/0/planning_group</code>"));
    CHECK_THAT(page, Catch::Contains("<strong>What to do:</strong> Record co_chairs, status in the partnership file."));
    // Waivers: the one in force and the expired one with their terms; the stale one in a table.
    CHECK_THAT(page, Catch::Contains("<dt>Approved by</dt><dd>Chief Officer *acting*</dd><dt>Minute</dt><dd>IJB 2026/14 "
                                     "`item 7`</dd><dt>Expires</dt><dd>2026-12-31</dd>"));
    CHECK_THAT(page, Catch::Contains("<dt>Expired</dt><dd>2026-03-31</dd>"));
    CHECK_THAT(page, Catch::Contains("<h3>Stale waivers</h3>"));
    CHECK_THAT(page, Catch::Contains("<td>Audit &amp; Risk Committee</td>"));
}

TEST_CASE("HTML escapes every string from the input, in text and in attributes", "[board][html]") {
    Rules rules;
    const std::string page = html({every_status(rules), all_met(rules)});
    CHECK_THAT(page, !Catch::Contains(script));
    CHECK_THAT(page, !Catch::Contains("<b>"));
    CHECK_THAT(page, Catch::Contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    CHECK_THAT(page, Catch::Contains("&quot;quotes&quot; &amp; &#39;apostrophes&#39;"));
    CHECK_THAT(page, Catch::Contains("Eilean Siar \u2013 Comhairle"));
    // In a title attribute too: the hostile object's matrix cell.
    CHECK_THAT(page, Catch::Contains("title=\"&lt;script&gt;alert(1)&lt;/script&gt; \u2014 INV-LPG-COCHAIR"));
    // Every '<' opens one of the writer's own tags.
    const std::regex tag("<(/?)([a-zA-Z0-9!]+)");
    for (auto it = std::sregex_iterator(page.begin(), page.end(), tag); it != std::sregex_iterator(); ++it) {
        const std::string name = (*it)[2].str();
        if (name == "!DOCTYPE") continue;
        INFO(name);
        CHECK(html_tags.count(name) == 1);
    }
    // A citation URL that is not a web address is shown as text, never made a link.
    CHECK_THAT(page, !Catch::Contains("href=\"javascript:"));
    CHECK_THAT(page, Catch::Contains("(javascript:alert(1))"));
}

TEST_CASE("the HTML report loads nothing from the network: its only web addresses are citation links",
          "[board][html]") {
    Rules rules;
    const std::string page = html({every_status(rules), all_met(rules)});
    CHECK_THAT(page, Catch::Contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                                     "style-src 'unsafe-inline'\">"));
    CHECK(check_only_links_to_the_web(page) == 4);  // the co-chair citation on its three listed findings, the direction's on its waived one
}

TEST_CASE("every in-page link of the HTML report leads somewhere", "[board][html]") {
    Rules rules;
    check_in_page_links(html({every_status(rules), all_met(rules)}));
}

TEST_CASE("the HTML report of partnerships with nothing to act on says so", "[board][html]") {
    Rules rules;
    const std::string page = html({all_met(rules)});
    CHECK_THAT(page, Catch::Contains("Nothing needs action: no duty is unmet, none is unknown and no waiver has expired."));
    CHECK_THAT(page, Catch::Contains("<p class=\"none-note\">No waivers are recorded.</p>"));
    CHECK_THAT(html({}), Catch::Contains("No partnership files were checked."));
}

TEST_CASE("the HTML report of several partnerships lists them and breaks the page between them", "[board][html]") {
    Rules rules;
    const std::string page = html({every_status(rules), all_met(rules)});
    CHECK_THAT(page, Catch::Contains("<li><a href=\"#p1\">Eilean Siar \u2013 Comhairle &amp; NHS Western Isles</a>: "
                                     "2 unmet, 2 unknown, 1 waiver expired, 1 met</li>"));
    CHECK_THAT(page, Catch::Contains("<section class=\"partnership\" id=\"p2\""));
    // Each partnership prints on pages of its own, headed with its name and date.
    CHECK_THAT(page, Catch::Contains("@page p2{@top-left{content:\"Inverclyde Health and Social Care Partnership\";"));
    CHECK_THAT(page, Catch::Contains("#p2{page:p2}"));
}

TEST_CASE("a finding without a rule is still reported by both board formats", "[board]") {
    DocumentResult doc;
    doc.file = "x.json";
    doc.findings = {finding(nullptr, Status::unmet, "/board", "", "no rule")};
    doc.summary.add(doc.findings.front());
    CHECK_THAT(markdown({doc}), Catch::Contains("- **What failed:** no rule\n"));
    CHECK_THAT(html({doc}), Catch::Contains("<li>no rule</li>"));
}

// ---------------------------------------------------------------------------------------------
// A real partnership file, evaluated by the engine: the Scottish Borders paper of 17 May 2023.

TEST_CASE("the board formats render the Scottish Borders fixture as the engine judges it", "[board]") {
    const auto loaded = dutycheck::engine::load_rule_packs(
        {source_dir / "rules" / "scotland", source_dir / "rules" / "local" / "scottish-borders"});
    INFO(dutycheck::testing::rendered(loaded));
    const std::string file = read_text(source_dir / "fixtures" / "scottish-borders-2023.json");
    const DocumentResult result = dutycheck::testing::evaluate_text(loaded, file, "2026-01-01");
    REQUIRE(result.summary.count(Status::unmet) > 0);
    REQUIRE(result.summary.count(Status::unknown) > 0);

    const std::string page = html({result});
    CHECK_THAT(page, Catch::Contains("<h1 id=\"p1-title\">Scottish Borders Health and Social Care Partnership</h1>"));
    check_only_links_to_the_web(page);
    check_in_page_links(page);
    // One card for each finding that needs action, and the matrix has a column for the timeline duty.
    auto count = [&](const std::string& needle) {
        std::size_t n = 0;
        for (auto at = page.find(needle); at != std::string::npos; at = page.find(needle, at + 1)) ++n;
        return n;
    };
    CHECK(count("<article class=\"finding s-unmet\"") == result.summary.count(Status::unmet));
    CHECK(count("<article class=\"finding s-unknown\"") == result.summary.count(Status::unknown));
    CHECK_THAT(page, Catch::Contains("<span class=\"id\">SB-<wbr>CIG-<wbr>TIMELINE</span>"));
    CHECK(count("<span class=\"word\">unmet</span>") >= 1);

    const std::string md = markdown({result});
    CHECK_THAT(md, Catch::Contains("**" +
                                   std::to_string(result.summary.count(Status::unmet) +
                                                  result.summary.count(Status::unknown)) +
                                   " findings need action:** " + std::to_string(result.summary.count(Status::unmet)) +
                                   " unmet, " + std::to_string(result.summary.count(Status::unknown)) +
                                   " that cannot be verified from the file.\n"));
    CHECK(check_table_rows(md) >= 2);
}

namespace {

std::size_t check_table_rows(const std::string& md) {
    std::size_t tables = 0;
    std::size_t header_cells = 0;
    bool in_table = false;
    for (const auto& line : lines_of(md)) {
        if (line.empty() || line.front() != '|') {
            in_table = false;
            continue;
        }
        if (!in_table) {
            in_table = true;
            header_cells = cell_count(line);
            ++tables;
            continue;
        }
        INFO(line);
        CHECK(cell_count(line) == header_cells);
    }
    return tables;
}

}  // namespace
