// Deadlines: the `due` clause, engine::calendar's classification, the bundled rules' dates and the
// calendar's renderers.
#include "engine/calendar.hpp"
#include "report/calendar_report.hpp"
#include "report/html_report.hpp"
#include "test_support.hpp"

#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>

using namespace dutycheck;
using dutycheck::testing::evaluate_text;
using dutycheck::testing::one_rule;
using dutycheck::testing::partnership_text;
using dutycheck::testing::rendered;
using dutycheck::testing::source_dir;

namespace {

// The due dates of the findings, in order.
std::vector<std::string> dues(const std::string& logic, const std::string& body, const char* as_of = "2026-01-01") {
    const auto result = evaluate_text(one_rule(logic), partnership_text(body), as_of);
    std::vector<std::string> out;
    for (const auto& finding : result.findings) out.push_back(finding.due);
    return out;
}

}  // namespace

// ---- the `due` clause --------------------------------------------------------------------------

TEST_CASE("a 'due' that is not a date is a load error at its place", "[calendar][language]") {
    const auto loaded = one_rule("  due count(localities)\n  require true");
    CHECK(rendered(loaded) ==
          "t.rules:6:7: error[DC301]: the date of 'due' must be a date, but this is a number\n"
          "   6 |   due count(localities)\n"
          "     |       ^~~~~~~~~~~~~~~~~\n");
}

TEST_CASE("a rule may say 'due' once", "[calendar][language]") {
    const auto loaded = one_rule("  due 2024-01-01\n  due 2025-01-01\n  require true");
    CHECK_THAT(rendered(loaded), Catch::Contains("error[DC207]: 'due' is given twice in rule 'r'"));
}

TEST_CASE("'due' gives the finding the date its let computes, whatever the verdict", "[calendar]") {
    const std::string logic =
        "  let by = add_days(date(strategic_plan.published), 7)\n  due by\n  require by >= as_of";
    CHECK(dues(logic, R"("strategic_plan": {"published": "2025-12-01"})") == std::vector<std::string>{"2025-12-08"});
    CHECK(dues(logic, R"("strategic_plan": {"published": "2026-03-01"})", "2026-04-01") ==
          std::vector<std::string>{"2026-03-08"});
}

TEST_CASE("a deadline given as a month falls due on its last day", "[calendar]") {
    CHECK(dues("  due 2024-02\n  require true", "") == std::vector<std::string>{"2024-02-29"});
    // A month from the file, moved by months, is a deadline at the end of the month it lands in.
    CHECK(dues("  due add_months(strategic_plan.published, 18)\n  require true",
               R"("strategic_plan": {"published": "2024-04"})") == std::vector<std::string>{"2025-10-31"});
}

TEST_CASE("a 'when' before 'due' that is false leaves the instance without a date", "[calendar]") {
    const std::string logic = "  for each l in localities\n  when l.id == \"a\"\n    else \"not a\"\n  due 2026-03-31\n"
                              "  require true";
    CHECK(dues(logic, R"("localities": [{"id": "a", "name": "A"}, {"id": "b", "name": "B"}])") ==
          std::vector<std::string>{"2026-03-31", ""});
}

TEST_CASE("a 'due' before the 'when' that says not yet due keeps the date of a not-applicable instance",
          "[calendar]") {
    // (A date from the file after the as-of date would not be in the file yet: a literal stands in.)
    const std::string logic = "  let by = add_days(2026-04-01, 30)\n  due by\n  when by < as_of\n"
                              "    else \"not yet due\"\n  require true";
    const auto result = evaluate_text(one_rule(logic), partnership_text(""));
    REQUIRE(result.findings.size() == 1);
    CHECK(result.findings[0].status == engine::Status::not_applicable);
    CHECK(result.findings[0].due == "2026-05-01");
}

TEST_CASE("an unknown date gives no deadline, and each instance has its own", "[calendar]") {
    const std::string logic = "  for each l in sites\n  due l.review_by\n  require true";
    CHECK(dues(logic, R"("sites": [{"id": "a", "name": "A", "review_by": "2026-02-01"},
                                       {"id": "b", "name": "B"}, {"id": "c", "name": "C", "review_by": "soon"}])") ==
          std::vector<std::string>{"2026-02-01", "", ""});
}

// ---- engine::calendar --------------------------------------------------------------------------

namespace {

const engine::RuleInfo& test_rule() {
    static const engine::RuleInfo rule = [] {
        engine::RuleInfo info;
        info.id = "r";
        info.title = "Title";
        info.duties = {"D-1"};
        info.citation.source = "Act, s1";
        return info;
    }();
    return rule;
}

engine::Finding dated(const char* due, engine::Status status, const char* pointer = "/x") {
    engine::Finding finding;
    finding.rule = &test_rule();
    finding.status = status;
    finding.pointer = pointer;
    finding.due = due;
    return finding;
}

std::vector<std::string> dates(const std::vector<engine::CalendarEntry>& entries) {
    std::vector<std::string> out;
    for (const auto& entry : entries) out.push_back(entry.date);
    return out;
}

}  // namespace

TEST_CASE("the calendar sorts deadlines into missed, due within 90 days and later", "[calendar]") {
    using engine::Status;
    engine::DocumentResult result;
    result.file = "p.json";
    result.findings = {
        dated("2026-04-01", Status::met),            // 90 days after 2026-01-01: due soon, the last such day
        dated("2026-04-02", Status::unknown),        // 91 days: later
        dated("2026-01-01", Status::met),            // on the as-of day: due soon, not missed
        dated("2025-12-31", Status::unmet),          // the day before, failing: missed
        dated("2025-06-30", Status::unknown),        // missed
        dated("2025-03-31", Status::waiver_expired), // missed
        dated("2025-12-31", Status::met),            // passed and met: done, not listed
        dated("2025-12-31", Status::waived),         // passed and waived: done
        dated("2025-12-31", Status::not_applicable), // passed and not applicable: done
        dated("", Status::unmet),                    // no deadline: not in the calendar
        dated("2026-02-01", Status::not_applicable), // still to come: listed whatever the verdict
    };
    const auto calendar = engine::calendar(result, *engine::parse_date("2026-01-01"));
    CHECK(dates(calendar.missed) == std::vector<std::string>{"2025-03-31", "2025-06-30", "2025-12-31"});
    CHECK(dates(calendar.due_soon) == std::vector<std::string>{"2026-01-01", "2026-02-01", "2026-04-01"});
    CHECK(dates(calendar.later) == std::vector<std::string>{"2026-04-02"});
    CHECK(calendar.missed[0].status == Status::waiver_expired);
    CHECK(calendar.missed[0].state == engine::DeadlineState::missed);
    CHECK(calendar.due_soon[0].state == engine::DeadlineState::due_soon);
    CHECK(calendar.later[0].rule == &test_rule());
    CHECK(calendar.later[0].pointer == "/x");
    CHECK(calendar.as_of == "2026-01-01");
}

TEST_CASE("deadlines on the same day keep the order of their findings", "[calendar]") {
    engine::DocumentResult result;
    result.findings = {dated("2026-02-01", engine::Status::met, "/b"), dated("2026-01-15", engine::Status::met, "/c"),
                       dated("2026-02-01", engine::Status::met, "/a")};
    const auto calendar = engine::calendar(result, *engine::parse_date("2026-01-01"));
    REQUIRE(calendar.due_soon.size() == 3);
    CHECK(calendar.due_soon[0].pointer == "/c");
    CHECK(calendar.due_soon[1].pointer == "/b");
    CHECK(calendar.due_soon[2].pointer == "/a");
}

// ---- the bundled rules' dates ------------------------------------------------------------------

// rules/PACK/tests/RULE/due.tsv: file, pointer, due date per line after a header: the date the
// rule's finding at that pointer must carry, worked out by hand from the fixture's facts as the
// rule's README or comment states the deadline ("" for none). Checked as of 2026-01-01, as the
// fixture tests are.
TEST_CASE("the bundled deadline rules date their findings as the law counts", "[calendar][fixtures]") {
    std::size_t checked = 0;
    for (const auto& folder : dutycheck::testing::case_folders()) {
        const auto tsv = folder / "due.tsv";
        if (!std::filesystem::exists(tsv)) continue;
        const std::string rule_id = folder.filename().string();
        std::ifstream in(tsv);
        std::string line;
        std::getline(in, line);  // header
        while (std::getline(in, line)) {
            if (line.empty()) continue;
            std::istringstream fields(line);
            std::string file, pointer, due;
            std::getline(fields, file, '\t');
            std::getline(fields, pointer, '\t');
            std::getline(fields, due, '\t');
            INFO(rule_id << "/" << file << " at " << pointer);
            auto outcome = dutycheck::testing::bundled_engine().check((folder / file).string());
            INFO(dutycheck::testing::rendered_errors(outcome));
            REQUIRE(outcome.ok());
            const engine::Finding* found = nullptr;
            for (const auto& finding : outcome.result->findings)
                if (finding.rule && finding.rule->id == rule_id && finding.pointer == pointer) found = &finding;
            REQUIRE(found != nullptr);
            CHECK(found->due == due);
            ++checked;
        }
    }
    CHECK(checked >= 20);
}

// ---- iCalendar text ----------------------------------------------------------------------------

TEST_CASE("iCalendar text escapes backslash, semicolon, comma and newline", "[calendar]") {
    CHECK(report::ics_escape("a\\b;c,d\ne") == "a\\\\b\\;c\\,d\\ne");
}

TEST_CASE("iCalendar lines fold at 75 octets and never inside a UTF-8 character", "[calendar]") {
    const std::string line = "SUMMARY:" + std::string(66, 'a') + "—" + std::string(80, 'b');  // — is 3 octets
    const std::string folded = report::ics_fold(line);
    std::vector<std::string> lines;
    for (std::size_t start = 0; start < folded.size();) {
        const auto end = folded.find("\r\n", start);
        REQUIRE(end != std::string::npos);
        lines.push_back(folded.substr(start, end - start));
        start = end + 2;
    }
    REQUIRE(lines.size() == 3);
    CHECK(lines[0] == "SUMMARY:" + std::string(66, 'a'));  // 74 octets: the dash would make 77
    CHECK(lines[1].rfind(" —", 0) == 0);
    for (const auto& l : lines) CHECK(l.size() <= 75);
    std::string unfolded = lines[0];
    for (std::size_t i = 1; i < lines.size(); ++i) unfolded += lines[i].substr(1);
    CHECK(unfolded == line);
}

// ---- the HTML report's section -----------------------------------------------------------------

TEST_CASE("the HTML report lists missed deadlines first, then those falling due within 12 months",
          "[calendar][html]") {
    using engine::Status;
    engine::DocumentResult result;
    result.file = "p.json";
    result.as_of = "2026-01-01";
    result.findings = {
        dated("2027-01-01", Status::met, "/in-a-year"),       // 12 months on, the last day shown
        dated("2027-01-02", Status::unmet, "/beyond"),        // beyond them: left to `calendar`
        dated("2025-06-30", Status::unmet, "/missed"),        // missed: first
        dated("2025-06-30", Status::met, "/done"),            // done: not shown
        dated("2026-02-01", Status::unknown, "/soon"),
    };
    result.findings[0].object_name = "<b>Group</b>";
    result.summary = {};
    for (const auto& finding : result.findings) result.summary.add(finding);
    std::ostringstream out;
    report::write_html(out, {result}, report::ReportInfo{"0.1.0", "2026-01-01", {}});
    const std::string html = out.str();
    const auto section = html.find("Falls due in the next 12 months");
    REQUIRE(section != std::string::npos);
    const auto missed = html.find("<time>2025-06-30</time><br>missed", section);
    const auto soon = html.find("<time>2026-02-01</time>", section);
    const auto year = html.find("<time>2027-01-01</time>", section);
    CHECK(missed != std::string::npos);
    CHECK(soon != std::string::npos);
    CHECK(year != std::string::npos);
    CHECK(missed < soon);
    CHECK(soon < year);
    CHECK(html.find("2027-01-02") == std::string::npos);
    CHECK(html.find("<time>2025-06-30</time>", missed + 1) == std::string::npos);  // the one met is done
    CHECK(html.find("&lt;b&gt;Group&lt;/b&gt;", section) != std::string::npos);   // escaped like every string
}
