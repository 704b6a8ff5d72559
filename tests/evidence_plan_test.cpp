// The evidence plan ("what to record next"): grouping and ranking on hand-built findings, the
// format's fields and examples, the reports that show it, and its agreement with every fixture.
#include "test_support.hpp"

#include "engine/evidence_plan.hpp"
#include "report/html_report.hpp"
#include "report/json_report.hpp"
#include "report/labels.hpp"
#include "report/markdown_report.hpp"
#include "report/text_report.hpp"
#include "report_fixtures.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <set>
#include <sstream>

using namespace dutycheck;
using dutycheck::testing::covered;
using dutycheck::testing::finding;
using dutycheck::testing::not_recorded;
using dutycheck::testing::Rules;
using dutycheck::testing::source_dir;
using engine::MissingReason;
using engine::Status;

namespace {

engine::RuleInfo rule(std::string id) {
    engine::RuleInfo info;
    info.id = std::move(id);
    info.title = "A rule";
    return info;
}

engine::Finding unknown(const engine::RuleInfo* r, std::string pointer, std::vector<engine::Missing> missing) {
    return finding(r, Status::unknown, std::move(pointer), "", "", 0, 0, std::move(missing));
}

const engine::EvidenceItem* entry(const std::vector<engine::EvidenceItem>& plan, std::string_view field) {
    const auto found = std::find_if(plan.begin(), plan.end(), [&](const auto& item) { return item.field == field; });
    return found == plan.end() ? nullptr : &*found;
}

// Two localities' planning groups with no members, and one strategic plan with no review date.
engine::DocumentResult two_localities(Rules& rules) {
    const auto* members = rules.add(rule("lpg-membership"));
    const auto* chair = rules.add(rule("lpg-co-chairs"));
    const auto* review = rules.add(rule("plan-review"));
    engine::DocumentResult doc;
    doc.file = "partnership.json";
    doc.partnership_name = "Example";
    doc.as_of = "2026-01-01";
    doc.findings = {
        unknown(review, "/strategic_plan", {not_recorded("/strategic_plan/approved")}),
        unknown(members, "/localities/1/planning_group", {not_recorded("/localities/1/planning_group/members")}),
        unknown(members, "/localities/0/planning_group", {not_recorded("/localities/0/planning_group/members")}),
        unknown(chair, "/localities/0/planning_group",
                {not_recorded("/localities/0/planning_group/co_chairs"),
                 not_recorded("/localities/0/planning_group/members")}),
    };
    dutycheck::testing::summarise(doc);
    return doc;
}

}  // namespace

TEST_CASE("the members missing from two planning groups are one field to record, deciding both findings",
          "[plan]") {
    Rules rules;
    const auto doc = two_localities(rules);
    const auto& plan = doc.evidence_plan;
    REQUIRE(plan.size() == 3);

    // Three findings name the members (two localities, and the co-chairs rule too): it comes first.
    CHECK(plan[0].field == "/localities/*/planning_group/members");
    CHECK(plan[0].decides == 3);
    CHECK(plan[0].places ==
          std::vector<std::string>{"/localities/0/planning_group/members", "/localities/1/planning_group/members"});
    CHECK(plan[0].rules == std::vector<std::string>{"lpg-membership", "lpg-co-chairs"});
    CHECK(plan[0].description == "The group's members.");
    CHECK(plan[0].example == R"([{"name":"Community co-chair"}])");
    CHECK(plan[0].reasons == std::vector<MissingReason>{MissingReason::not_recorded});

    // Ties are in field order.
    CHECK(plan[1].field == "/localities/*/planning_group/co_chairs");
    CHECK(plan[1].decides == 1);
    CHECK(plan[2].field == "/strategic_plan/approved");
    CHECK(plan[2].decides == 1);
}

TEST_CASE("a finding that names one field at two places decides it once", "[plan]") {
    Rules rules;
    const auto* r = rules.add(rule("board-members"));
    const std::vector<engine::Finding> findings = {
        unknown(r, "", {not_recorded("/localities/10/planning_group/members"), not_recorded("/localities/2/planning_group/members")}),
    };
    const auto plan = engine::evidence_plan(findings);
    REQUIRE(plan.size() == 1);
    CHECK(plan[0].decides == 1);
    // Document order: the third locality before the eleventh.
    CHECK(plan[0].places ==
          std::vector<std::string>{"/localities/2/planning_group/members", "/localities/10/planning_group/members"});
}

TEST_CASE("only findings that wait on evidence are planned: an expired waiver's unknown is, a waived one is not",
          "[plan]") {
    Rules rules;
    const auto* r = rules.add(rule("r"));
    const auto gap = unknown(r, "/board", {not_recorded("/board/members")});
    auto unmet = gap;
    unmet.status = Status::unmet;
    auto baselined = gap;
    baselined.baseline = engine::BaselineMark::baselined;

    CHECK(engine::evidence_plan({covered(gap, Status::waived, 0)}).empty());
    CHECK(engine::evidence_plan({unmet}).empty());
    CHECK(engine::evidence_plan({covered(unmet, Status::waiver_expired, 0)}).empty());
    const auto expired = engine::evidence_plan({covered(gap, Status::waiver_expired, 0)});
    REQUIRE(expired.size() == 1);
    CHECK(expired[0].field == "/board/members");
    CHECK(engine::evidence_plan({baselined}).size() == 1);
    // Evidence with no place in the file has no field to record.
    CHECK(engine::evidence_plan({unknown(r, "", {not_recorded("")})}).empty());
}

TEST_CASE("a place the format does not define keeps its own names and has no description", "[plan]") {
    const auto field = engine::format_field("/localities/3/favourite_colour/0");
    CHECK(field.field == "/localities/*/favourite_colour/0");
    CHECK(field.description.empty());
    CHECK(field.example.empty());
    CHECK(engine::format_field("/nonsense").field == "/nonsense");
}

TEST_CASE("a field's description and example come from the schema, through its references", "[plan]") {
    // A date: the field's own example.
    const auto established = engine::format_field("/localities/0/planning_group/established");
    CHECK(established.description == "The date the group first met, or relaunched.");
    CHECK(established.example == "\"2023-07\"");
    // A vocabulary with no example: its first allowed value.
    CHECK(engine::format_field("/localities/0/planning_group/status").example == "\"planned\"");
    // A flag: true.
    CHECK(engine::format_field("/localities/0/planning_group/admin_support").example == "true");
    // A list of dates: one date, from the date definition's examples.
    CHECK(engine::format_field("/localities/4/planning_group/meetings").example == R"(["2019-06-24"])");
    // An array element: the definition the items refer to.
    CHECK(engine::format_field("/localities/0/planning_group/members/2/category").field ==
          "/localities/*/planning_group/members/*/category");
}

TEST_CASE("a month where the rule needs the day is planned as 'record the day', with a day as the example",
          "[plan]") {
    Rules rules;
    const auto* r = rules.add(rule("lpg-established"));
    engine::Missing month{"/localities/0/planning_group/established", MissingReason::imprecise, "a day",
                          "a month \"2023-07\""};
    const auto plan = engine::evidence_plan({unknown(r, "/localities/0/planning_group", {month})});
    REQUIRE(plan.size() == 1);
    CHECK(plan[0].reasons == std::vector<MissingReason>{MissingReason::imprecise});
    CHECK(plan[0].example == "\"2019-06-24\"");
    CHECK(report::evidence_action(plan[0]) == "Record the day, not only the month.");

    engine::Missing word{"/localities/1/planning_group/established", MissingReason::wrong_type, "a date",
                         "a string \"soon\""};
    const auto mixed = engine::evidence_plan({unknown(r, "/localities/1/planning_group", {word}),
                                              unknown(r, "/localities/2/planning_group",
                                                      {not_recorded("/localities/2/planning_group/established")})});
    REQUIRE(mixed.size() == 1);
    CHECK(report::evidence_action(mixed[0]) ==
          "Fix the type: a value there is not the kind the format defines; record it where it is missing.");
}

TEST_CASE("every report for people leads with what to record next, and the JSON report lists it all", "[plan]") {
    Rules rules;
    const std::vector<engine::DocumentResult> docs = {two_localities(rules)};

    std::ostringstream text;
    report::write_text(text, docs, {});
    CHECK_THAT(text.str(), Catch::Contains("Summary: 0 met, 0 unmet, 4 unknown (4 error), 0 not applicable\n\n"
                                           "What to record next: 4 findings cannot be verified; the fields they "
                                           "need, most needed first\n"
                                           "  3 findings  /localities/*/planning_group/members\n"
                                           "              The group's members.\n"
                                           "              Example: [{\"name\":\"Community co-chair\"}]\n"
                                           "              At 2 places: /localities/0/planning_group/members,\n"
                                           "              /localities/1/planning_group/members\n"
                                           "   1 finding  /localities/*/planning_group/co_chairs\n"));

    std::ostringstream markdown;
    report::write_markdown(markdown, docs, {});
    const auto plan_at = markdown.str().find("### What to record next");
    REQUIRE(plan_at != std::string::npos);
    CHECK(plan_at > markdown.str().find("## Summary"));
    CHECK(plan_at < markdown.str().find("### Duty verdicts"));
    CHECK_THAT(markdown.str(), Catch::Contains("| 3 | /localities/\\*/planning\\_group/members | The group's members."));

    std::ostringstream html;
    report::write_html(html, docs, {});
    const auto section = html.str().find("<h2 id=\"p1-plan\">What to record next</h2>");
    REQUIRE(section != std::string::npos);
    CHECK(section > html.str().find("id=\"p1-summary\""));
    CHECK(section < html.str().find("<section class=\"matrix-section\""));
    CHECK_THAT(html.str(), Catch::Contains("<tr><td>3</td><th scope=\"row\"><code>/localities<wbr>/*<wbr>/planning_group<wbr>/members"
                                           "</code></th><td>The group&#39;s members."));

    std::ostringstream json;
    report::write_json(json, docs, {});
    const auto plan = nlohmann::json::parse(json.str()).at("documents").at(0).at("evidence_plan");
    REQUIRE(plan.size() == 3);
    CHECK(plan[0].at("field") == "/localities/*/planning_group/members");
    CHECK(plan[0].at("decides") == 3);
    CHECK(plan[0].at("example") == nlohmann::json::parse(R"([{"name":"Community co-chair"}])"));
    CHECK(plan[0].at("places").size() == 2);
    CHECK(plan[0].at("rules") == nlohmann::json::array({"lpg-membership", "lpg-co-chairs"}));
    CHECK(plan[0].at("reasons") == nlohmann::json::array({"not_recorded"}));
    CHECK(plan[2].at("example") == nlohmann::json::parse("\"2019-06-24\""));
}

TEST_CASE("the reports show ten fields of the plan and say how many more there are", "[plan]") {
    Rules rules;
    const auto* r = rules.add(rule("r"));
    engine::DocumentResult doc;
    for (int i = 0; i < 12; ++i)
        doc.findings.push_back(unknown(r, "", {not_recorded("/board/field_" + std::to_string(10 + i))}));
    dutycheck::testing::summarise(doc);
    std::ostringstream out;
    report::write_text(out, {doc}, {});
    // The plan ends at the first blank line after its heading; the findings follow.
    const std::string text = out.str();
    const auto start = text.find("What to record next");
    REQUIRE(start != std::string::npos);
    const std::string plan = text.substr(start, text.find("\n\n", start) - start);
    CHECK_THAT(plan, Catch::Contains("/board/field_19\n"));
    CHECK_THAT(plan, !Catch::Contains("/board/field_20"));
    CHECK_THAT(plan, Catch::EndsWith("\u2026 and 2 more fields (the JSON report lists every one)"));
}

// Every fixture, through the engine's entry point: each unknown finding's missing places appear
// in the plan under their field, each field decides exactly the findings that name it, the plan
// is in order, and a field the schema describes carries its description.
TEST_CASE("the evidence plan of every fixture accounts for each unknown finding's missing evidence", "[plan]") {
    std::vector<std::filesystem::path> files;
    for (const auto& folder : {source_dir / "fixtures", source_dir / "fixtures" / "scotland"})
        for (const auto& entry : std::filesystem::directory_iterator(folder))
            if (entry.is_regular_file() && entry.path().extension() == ".json") files.push_back(entry.path());
    for (const auto& folder : dutycheck::testing::case_folders())
            for (const auto& entry : std::filesystem::directory_iterator(folder))
                if (entry.is_regular_file() && entry.path().extension() == ".json") files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    REQUIRE(files.size() >= 500);

    std::size_t planned = 0, unknowns = 0;
    for (const auto& path : files) {
        const auto outcome = dutycheck::testing::bundled_engine().check(path.string());
        if (!outcome.ok()) continue;  // the input errors of error fixtures
        const auto& result = *outcome.result;
        const auto& plan = result.evidence_plan;
        INFO(path.string());

        std::map<std::string, std::set<std::size_t>> naming;  // field -> findings naming it
        for (std::size_t i = 0; i < result.findings.size(); ++i) {
            const auto& f = result.findings[i];
            const bool waits = f.status == Status::unknown ||
                               (f.status == Status::waiver_expired && f.underlying == Status::unknown);
            if (!waits) continue;
            ++unknowns;
            for (const auto& missing : f.missing) {
                if (missing.pointer.empty()) continue;
                const auto field = engine::format_field(missing.pointer);
                const auto* item = entry(plan, field.field);
                INFO(missing.pointer);
                REQUIRE(item != nullptr);
                CHECK(std::find(item->places.begin(), item->places.end(), missing.pointer) != item->places.end());
                if (!field.description.empty()) CHECK(item->description == field.description);
                naming[field.field].insert(i);
            }
        }
        CHECK(plan.size() == naming.size());
        for (const auto& item : plan) {
            INFO(item.field);
            CHECK(item.decides == naming[item.field].size());
        }
        CHECK(std::is_sorted(plan.begin(), plan.end(), [](const auto& a, const auto& b) {
            return a.decides != b.decides ? a.decides > b.decides : a.field < b.field;
        }));
        planned += plan.size();
    }
    CHECK(unknowns > 0);
    CHECK(planned > 0);
}
