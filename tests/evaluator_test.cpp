// Evaluation semantics: three-valued logic, quantifiers over empty and missing lists, dates, lookups.
#include "engine/schema_check.hpp"
#include "report/labels.hpp"
#include "test_support.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>

using namespace dutycheck;
using dutycheck::testing::evaluate_text;
using dutycheck::testing::one_rule;
using dutycheck::testing::partnership_text;

namespace {

engine::Missing not_recorded(const char* pointer) { return {pointer, engine::MissingReason::not_recorded, {}, {}}; }

// Statuses of the findings, in order.
std::vector<std::string> statuses(const engine::DocumentResult& result) {
    std::vector<std::string> out;
    for (const auto& f : result.findings) out.emplace_back(engine::to_string(f.status));
    return out;
}

std::string only_status(const std::string& logic, const std::string& body) {
    const auto result = evaluate_text(one_rule(logic), partnership_text(body));
    REQUIRE(result.findings.size() == 1);
    return std::string(engine::to_string(result.findings[0].status));
}

}  // namespace

TEST_CASE("a missing path is unknown, never met", "[evaluator]") {
    const auto result = evaluate_text(one_rule("  require strategic_plan.published <= as_of"), partnership_text(""));
    REQUIRE(result.findings.size() == 1);
    CHECK(result.findings[0].status == engine::Status::unknown);
    CHECK(result.findings[0].missing == std::vector<engine::Missing>{not_recorded("/strategic_plan/published")});
    CHECK(report::finding_text(result.findings[0]) == "cannot verify: /strategic_plan/published is not recorded");
}

TEST_CASE("null is an input error that says to leave the field out, the format's one way to say not recorded",
          "[evaluator]") {
    const auto outcome = dutycheck::testing::check_text(one_rule("  require strategic_plan.published <= as_of"),
                                                        partnership_text(R"("strategic_plan": {"published": null})"));
    REQUIRE(outcome.errors.size() == 1);
    CHECK(outcome.errors[0].code == "DC505");
    CHECK(outcome.errors[0].message == "expected a date (YYYY-MM-DD or YYYY-MM), found null: to record that it is not "
                                       "known, delete \"published\" (at /strategic_plan/published)");
}

TEST_CASE("a string where a date is needed is unknown with the pointer and the value", "[evaluator]") {
    // A field the format defines as a date is held to it by the schema before any rule runs
    // (DC505), so the rule reads a field the format leaves open.
    const auto result = evaluate_text(one_rule("  require x.published <= as_of"), partnership_text(R"("x": {"published": "tbc"})"));
    REQUIRE(result.findings.size() == 1);
    CHECK(result.findings[0].status == engine::Status::unknown);
    CHECK(result.findings[0].missing ==
          std::vector<engine::Missing>{{"/x/published", engine::MissingReason::wrong_type,
                                        "a date (YYYY-MM-DD or YYYY-MM)", "a string \"tbc\""}});
    CHECK(report::missing_list(result.findings[0]) ==
          std::vector<std::string>{"/x/published: expected a date (YYYY-MM-DD or YYYY-MM), found a string \"tbc\""});
}

TEST_CASE("three-valued logic: false decides 'and', true decides 'or'", "[evaluator]") {
    CHECK(only_status("  require x.value == 1 and false", "") == "unmet");
    CHECK(only_status("  require x.value == 1 and true", "") == "unknown");
    CHECK(only_status("  require x.value == 1 or true", "") == "met");
    CHECK(only_status("  require x.value == 1 or false", "") == "unknown");
    CHECK(only_status("  require not (x.value == 1)", "") == "unknown");
}

TEST_CASE("an unmet requirement outweighs an unknown one", "[evaluator]") {
    CHECK(only_status("  require x.value == 1\n  require 1 > 2", "") == "unmet");
}

TEST_CASE("quantifiers over an empty list: any false, all and none true, count zero", "[evaluator]") {
    const std::string body = R"("board": {"members": []})";
    CHECK(only_status("  require any(m in board.members where m.role == \"voting\")", body) == "unmet");
    CHECK(only_status("  require all(m in board.members where m.role == \"voting\")", body) == "met");
    CHECK(only_status("  require none(m in board.members where m.role == \"voting\")", body) == "met");
    CHECK(only_status("  require count(m in board.members where m.role == \"voting\") == 0", body) == "met");
}

TEST_CASE("quantifiers over a missing list are unknown", "[evaluator]") {
    CHECK(only_status("  require any(m in board.members where m.role == \"voting\")", "") == "unknown");
    CHECK(only_status("  require all(m in board.members where m.role == \"voting\")", "") == "unknown");
    CHECK(only_status("  require count(board.members) == 0", "") == "unknown");
}

TEST_CASE("any is decided by one true element even when others are unknown", "[evaluator]") {
    const std::string body = R"("board": {"members": [{"name": "a"}, {"name": "b", "role": "voting"}]})";
    CHECK(only_status("  require any(m in board.members where m.role == \"voting\")", body) == "met");
    CHECK(only_status("  require all(m in board.members where m.role == \"voting\")", body) == "unknown");
    CHECK(only_status("  require count(m in board.members where m.role == \"voting\") >= 1", body) == "unknown");
}

TEST_CASE("for each: filters give not_applicable, undecidable filters give unknown", "[evaluator]") {
    const auto result = evaluate_text(
        one_rule("  for each l in localities where l.planning_group.status == \"active\"\n  require exists(l.name)"),
        partnership_text(R"("localities": [{"id": "a", "planning_group": {"status": "active"}},
                              {"id": "b", "planning_group": {"status": "dormant"}},
                              {"id": "c"}])"));
    CHECK(statuses(result) == std::vector<std::string>{"unmet", "not_applicable", "unknown"});
    CHECK(result.findings[0].pointer == "/localities/0");
    // Without its own words, the message names the clause, never its code.
    CHECK(result.findings[1].message == "does not apply: the condition of its 'where' does not hold");
    CHECK(result.findings[2].missing == std::vector<engine::Missing>{not_recorded("/localities/2/planning_group/status")});
}

TEST_CASE("a where or when says in the rule's words why an instance does not apply", "[evaluator]") {
    const auto result = evaluate_text(
        one_rule("  for each l in localities where l.planning_group.status == \"active\"\n"
             "    else \"the group of {l} is {l.planning_group.status}, not active\"\n"
             "  when exists(l.name) else \"locality {l.id} records no name\"\n"
             "  require l.name != \"\""),
        partnership_text(R"("localities": [{"id": "a", "name": "Eildon", "planning_group": {"status": "dormant"}},
                              {"id": "b", "planning_group": {"status": "active"}},
                              {"id": "c", "name": "Teviot", "planning_group": {"status": "active"}}])"));
    CHECK(statuses(result) == std::vector<std::string>{"not_applicable", "not_applicable", "met"});
    CHECK(result.findings[0].message == "the group of Eildon is dormant, not active");
    CHECK(result.findings[1].message == "locality b records no name");
}

TEST_CASE("'else' after a for each without a where is refused", "[evaluator]") {
    const auto loaded = one_rule("  for each l in localities else \"why\"\n  require exists(l.name)");
    CHECK_THAT(dutycheck::testing::rendered(loaded),
               Catch::Contains("t.rules:6:33: error[DC207]: 'else' after 'for each' needs a 'where' whose words it gives"));
}

TEST_CASE("an empty collection is one not_applicable finding, a missing one is unknown", "[evaluator]") {
    const auto loaded = one_rule("  for each l in localities\n  require exists(l.name)");
    auto result = evaluate_text(loaded, partnership_text(R"("localities": [])"));
    REQUIRE(statuses(result) == std::vector<std::string>{"not_applicable"});
    CHECK(result.findings[0].pointer == "/localities");
    CHECK(result.findings[0].message == "nothing to check: no localities are recorded");
    result = evaluate_text(loaded, partnership_text(""));
    REQUIRE(statuses(result) == std::vector<std::string>{"unknown"});
    CHECK(result.findings[0].pointer == "/localities");
}

TEST_CASE("nested for each yields one finding per inner element, named by the object", "[evaluator]") {
    const auto result = evaluate_text(
        one_rule("  for each l in localities\n  for each m in l.planning_group.members\n  require exists(m.category) else \"{m.name} in {l.name} has no category\""),
        partnership_text(R"("localities": [{"name": "Eildon", "planning_group": {"members": [{"name": "Ann", "category": "housing"}, {"name": "Bo"}]}}])"));
    REQUIRE(statuses(result) == std::vector<std::string>{"met", "unmet"});
    CHECK(result.findings[1].pointer == "/localities/0/planning_group/members/1");
    CHECK(result.findings[1].object_name == "Bo");
    CHECK(result.findings[1].message == "Bo in Eildon has no category");
}

TEST_CASE("date arithmetic: a five-year period, month-precision dates, as_of", "[evaluator]") {
    const std::string scheme = R"("partnership": {"id": "p", "name": "P", "jurisdiction": "scotland"}, "x": {"approved": "2015-06-27", "review": "%s"})";
    const auto loaded = one_rule("  require date(x.review) <= add_days(add_years(x.approved, 5), -1)");
    auto with = [&](const char* review) {
        std::string body = scheme;
        body.replace(body.find("%s"), 2, review);
        const auto result = evaluate_text(loaded, R"({"format": "dutycheck.partnership/1", )" + body + "}");
        return std::string(engine::to_string(result.findings.at(0).status));
    };
    CHECK(with("2020-06-26") == "met");
    CHECK(with("2020-06-27") == "unmet");
    CHECK(with("2020-05") == "met");    // end of May
    CHECK(with("2020-06") == "unmet");  // end of June is after the 26th
    CHECK(only_status("  require as_of == 2026-01-01", "") == "met");
}

TEST_CASE("lookup finds the cross-referenced object, or says it is absent", "[evaluator]") {
    const auto loaded = one_rule(
        "  for each r in reports\n  let d = lookup(directions, \"reference\", r.direction.reference)\n"
        "  require exists(d) else \"no direction {r.direction.reference}\"\n  require d.to == r.direction.to");
    const auto result = evaluate_text(loaded, partnership_text(R"(
        "reports": [{"id": "A", "direction": {"reference": "D-1", "to": "both"}},
                    {"id": "B", "direction": {"reference": "D-2", "to": "both"}},
                    {"id": "C", "direction": {"to": "both"}}],
        "directions": [{"reference": "D-1", "to": "both"}])"));
    REQUIRE(statuses(result) == std::vector<std::string>{"met", "unmet", "unknown"});
    CHECK(result.findings[1].message == "no direction D-2");
}

TEST_CASE("projection collects a field across a list, skipping absent ones", "[evaluator]") {
    const std::string body = R"("board": {"members": [{"role": "voting"}, {"name": "Bo"}, {"role": "non_voting"}]})";
    CHECK(only_status("  require \"non_voting\" in board.members.role", body) == "met");
    CHECK(only_status("  require count(board.members.role) == 2", body) == "met");
    CHECK(only_status("  require \"chair\" not in board.members.role", body) == "met");
}

TEST_CASE("string helpers: empty, length, matches", "[evaluator]") {
    const std::string body = R"("x": {"remit": "", "name": "Eilean Siar – IJB"})";
    CHECK(only_status("  require empty(x.remit)", body) == "met");
    CHECK(only_status("  require length(x.name) == 17", body) == "met");
    CHECK(only_status("  require matches(x.name, \"^Eilean\")", body) == "met");
    CHECK(only_status("  require empty(x.missing)", body) == "unknown");
}

TEST_CASE("parameters: default, the file's parameters, then overrides", "[evaluator]") {
    const auto loaded = one_rule("  require count(localities) >= param.min", "param min = 2 from 0 to 100\n");
    const std::string body = R"("localities": [{"id": "a"}, {"id": "b"}])";
    CHECK(evaluate_text(loaded, partnership_text(body)).findings[0].status == engine::Status::met);
    const std::string file_says_six = partnership_text(body + R"(, "parameters": {"min": 6})");
    auto with = [&](std::map<std::string, std::string> overrides) {
        return dutycheck::testing::check_text(loaded, file_says_six, dutycheck::testing::run_options("2026-01-01", overrides));
    };
    CHECK(with({}).result->findings[0].status == engine::Status::unmet);
    CHECK(with({{"min", "1"}}).result->findings[0].status == engine::Status::met);
    CHECK(dutycheck::testing::rendered_errors(with({{"min", "six"}})) == "--param min=six: expected a number\n");
    CHECK(dutycheck::testing::rendered_errors(with({{"max", "1"}})) == "unknown parameter 'max' in --param\n");
}

TEST_CASE("a pack for another jurisdiction is not applicable, and an unrecorded jurisdiction is an input error",
          "[evaluator]") {
    const auto loaded = one_rule("  require true", "pack \"scotland\" jurisdiction \"scotland\"\n");
    auto result = evaluate_text(loaded, R"({"format": "dutycheck.partnership/1",
                                            "partnership": {"id": "p", "name": "P", "jurisdiction": "england"}})");
    REQUIRE(statuses(result) == std::vector<std::string>{"not_applicable"});
    CHECK(result.findings[0].message ==
          "the scotland pack applies only to jurisdiction 'scotland'; this partnership is 'england'");
    const auto outcome = dutycheck::testing::check_text(
        loaded, R"({"format": "dutycheck.partnership/1", "partnership": {"id": "p", "name": "P"}})");
    REQUIRE(outcome.errors.size() == 1);
    CHECK(outcome.errors[0].code == "DC505");
    CHECK(outcome.errors[0].message ==
          "missing 'jurisdiction': the country whose law applies; rule packs apply only to their own jurisdiction "
          "(at /partnership)");
}

TEST_CASE("a file without the format version is not a partnership file", "[evaluator]") {
    CHECK(engine::check_document_shape(dutycheck::testing::parse_document("[]"))->message ==
          "the top level must be an object (a partnership file), not a list or a single value");
    CHECK(engine::check_document_shape(dutycheck::testing::parse_document("{}"))->message ==
          "missing \"format\": expected \"dutycheck.partnership/1\"");
    CHECK(engine::check_document_shape(dutycheck::testing::parse_document(R"({"format": "dutycheck.partnership/2"})"))->pointer ==
          "/format");
}

TEST_CASE("if evaluates only the chosen branch and is unknown when its condition is", "[evaluator]") {
    const std::string body = R"("x": {"a": 1})";
    CHECK(only_status("  require if(x.a == 1, true, x.missing == 2)", body) == "met");
    CHECK(only_status("  require if(x.a == 2, true, false)", body) == "unmet");
    CHECK(only_status("  require if(x.missing == 1, true, true)", body) == "unknown");
}

TEST_CASE("select keeps the elements where the condition holds", "[evaluator]") {
    const std::string body = R"("publications": [{"kind": "annual_performance_report", "published": "2023-07-20"},
                                                  {"kind": "financial_statement", "published": "2023-06-30"},
                                                  {"kind": "annual_performance_report", "published": "2024-07-31"}])";
    CHECK(only_status("  require count(select(p in publications where p.kind == \"annual_performance_report\")) == 2", body) == "met");
    CHECK(only_status("  require max(select(p in publications where p.kind == \"annual_performance_report\").published) == 2024-07-31", body) == "met");
    CHECK(only_status("  require min(publications.published) == 2023-06-30", body) == "met");
    CHECK(only_status("  require not exists(max(select(p in publications where p.kind == \"equality_outcomes\").published))", body) == "met");
}

TEST_CASE("sum, abs and years_between", "[evaluator]") {
    const std::string body = R"("x": {"amounts": [1.5, 2.5], "from": "2016-02-29"})";
    CHECK(only_status("  require sum(x.amounts) == 4", body) == "met");
    CHECK(only_status("  require abs(0 - 3) == 3", body) == "met");
    CHECK(only_status("  require years_between(x.from, 2020-02-28) == 3", body) == "met");
    CHECK(only_status("  require years_between(x.from, 2020-02-29) == 4", body) == "met");
    CHECK(only_status("  require sum(x.missing) == 0", body) == "unknown");
}

TEST_CASE("lookup accepts a date as its key", "[evaluator]") {
    const std::string body = R"("strategic_plan": {"reviews": [{"date": "2019-03-31", "outcome": "replaced"}]})";
    CHECK(only_status("  require lookup(strategic_plan.reviews, \"date\", max(strategic_plan.reviews.date)).outcome == \"replaced\"", body) == "met");
}

TEST_CASE("two dates from the file compare as dates, month precision as the end of the month", "[evaluator]") {
    const std::string body = R"("x": {"month": "2023-07", "day": "2023-07-15", "same": "2023-07-31"})";
    CHECK(only_status("  require x.month > x.day", body) == "met");
    CHECK(only_status("  require x.month == x.same", body) == "met");
    CHECK(only_status("  require \"abc\" < \"abd\"", body) == "met");  // plain strings still order as text
}

TEST_CASE("an undecided 'and' names only what was missing", "[evaluator]") {
    const auto result = evaluate_text(one_rule("  require x.value == 1 and true"), partnership_text(""));
    REQUIRE(result.findings.size() == 1);
    CHECK(result.findings[0].missing == std::vector<engine::Missing>{not_recorded("/x/value")});
}

TEST_CASE("is_number tells a bare number from an object and is unknown when nothing is recorded", "[evaluator]") {
    const std::string body = R"("x": {"bare": 1250000, "object": {"amount": 5}, "text": "5"})";
    CHECK(only_status("  require is_number(x.bare)", body) == "met");
    CHECK(only_status("  require is_number(x.object)", body) == "unmet");
    CHECK(only_status("  require is_number(x.text)", body) == "unmet");  // a string of digits is not a number
    CHECK(only_status("  require is_number(x.absent)", body) == "unknown");
}

TEST_CASE("a rule over the step limit stops the evaluation and leaves none of its findings", "[evaluator]") {
    const auto loaded = engine::load_rule_text("t.rules",
        "rule first {\n  title \"t\"\n  duty D\n  cite \"c\"\n  basis statute\n  require count(localities) >= 1\n}\n"
        "rule busy {\n  title \"t\"\n  duty D\n  cite \"c\"\n  basis statute\n"
        "  for each l in localities\n  require all(m in localities where m.id != \"\")\n}\n"
        "rule last {\n  title \"t\"\n  duty D\n  cite \"c\"\n  basis statute\n  require true\n}\n");
    REQUIRE(loaded.ok());
    std::string localities;
    for (int i = 0; i < 50; ++i) localities += (i ? ", " : "") + std::string(R"({"id": "l)") + std::to_string(i) + "\"}";
    const std::string document = partnership_text("\"localities\": [" + localities + "]");

    // 50 x 50 comparisons, a few steps each: well over 1,000 and under the default.
    auto options = dutycheck::testing::run_options();
    auto outcome = dutycheck::testing::check_text(loaded, document, options);
    REQUIRE(outcome.ok());
    CHECK(outcome.result->findings.size() == 52);
    CHECK(outcome.result->most_steps > 2500);
    REQUIRE(outcome.result->most_steps_rule != nullptr);
    CHECK(outcome.result->most_steps_rule->id == "busy");

    // Over the limit, the file has no result at all: a rule cut off part-way decided nothing.
    // (Each finding costs some 1,600 steps for the bytes it holds: 'first' fits, 'busy' does not.)
    options.max_steps = 20000;
    outcome = dutycheck::testing::check_text(loaded, document, options);
    CHECK_FALSE(outcome.result);
    CHECK(dutycheck::testing::rendered_errors(outcome) ==
          "test.json: error[DC509]: rule 'busy' (t.rules:8) took more than 20000 evaluation steps on this file "
          "(limit: --max-steps)\n");
}

TEST_CASE("matches() takes time linear in the text: a megabyte of spaces is checked, not a crash", "[evaluator][regex]") {
    // std::regex recursed once per character: 20,000 spaces before "Complete" in a progress note
    // crashed North Lanarkshire's RAG rule. RE2 does not recurse.
    auto doc = nlohmann::ordered_json::parse(dutycheck::testing::read_text(dutycheck::testing::source_dir /
                                                                           "fixtures" / "north-lanarkshire-2020.json"));
    for (const std::size_t spaces : {std::size_t{20'000}, std::size_t{1'000'000}}) {
        INFO(spaces << " spaces");
        doc["action_plans"][0]["items"][0]["progress"] = std::string(spaces, ' ') + "Complete";
        doc["action_plans"][0]["items"][0]["status"] = "amber";
        const auto outcome = dutycheck::testing::bundled_engine().check_text("nl.json", doc.dump());
        INFO(dutycheck::testing::rendered_errors(outcome));
        REQUIRE(outcome.ok());
        const auto& findings = outcome.result->findings;
        const auto rag = std::find_if(findings.begin(), findings.end(), [](const engine::Finding& f) {
            return f.rule->id == "nl-rag-vocabulary" && f.pointer == "/action_plans/0/items/0";
        });
        REQUIRE(rag != findings.end());
        CHECK(rag->status == engine::Status::unmet);  // complete, yet amber
    }
}

namespace {

// A small file of `n` localities, each with an id.
std::string localities_file(int n) {
    std::string localities;
    for (int i = 0; i < n; ++i) localities += (i ? ", " : "") + std::string(R"({"id": "l)") + std::to_string(i) + "\"}";
    return partnership_text("\"localities\": [" + localities + "]");
}

// Three nested 'for each' over the same list: n^3 instances, each with a finding.
const char* const nested_rule =
    "rule nested {\n  title \"t\"\n  duty D\n  cite \"c\"\n  basis statute\n"
    "  for each a in localities\n  for each b in localities\n  for each c in localities\n"
    "  require a.id != c.id\n}\n";

}  // namespace

TEST_CASE("three nested 'for each' over 300 elements stop at the default step limit, not for want of memory",
          "[evaluator][limits]") {
    // 27 million findings would take gigabytes; the bytes of each finding are paid for in steps,
    // so the default limit stops the rule after some 600,000 of them (about 125 MB).
#if defined(__SANITIZE_ADDRESS__)
    // A billion steps take minutes under the sanitizers; the dev build runs this test.
    WARN("skipped under AddressSanitizer: a billion evaluation steps");
    return;
#endif
    const auto loaded = engine::load_rule_text("t.rules", nested_rule);
    const auto outcome = dutycheck::testing::check_text(loaded, localities_file(300));
    CHECK_FALSE(outcome.result);
    CHECK(dutycheck::testing::rendered_errors(outcome) ==
          "test.json: error[DC509]: rule 'nested' (t.rules:1) took more than 1000000000 evaluation steps on this file "
          "(limit: --max-steps)\n");
}

TEST_CASE("a rule whose findings alone would go over the step limit is stopped", "[evaluator][limits]") {
    // 200 instances take a few thousand steps to decide, but their messages name every locality:
    // 200 findings of some 1,300 bytes each, at 8 steps a byte about two million steps.
    const auto loaded = engine::load_rule_text(
        "t.rules", "rule verbose {\n  title \"t\"\n  duty D\n  cite \"c\"\n  basis statute\n"
                   "  for each l in localities\n  require false else \"{l.id} is not {localities.id}\"\n}\n");
    auto options = dutycheck::testing::run_options();
    options.max_steps = 300'000;
    const std::string file = localities_file(200);
    auto outcome = dutycheck::testing::check_text(loaded, file, options);
    CHECK_FALSE(outcome.result);
    CHECK(dutycheck::testing::rendered_errors(outcome) ==
          "test.json: error[DC509]: rule 'verbose' (t.rules:1) took more than 300000 evaluation steps on this file "
          "(limit: --max-steps)\n");
    // With room for them it passes.
    options.max_steps = 5'000'000;
    outcome = dutycheck::testing::check_text(loaded, file, options);
    REQUIRE(outcome.ok());
    CHECK(outcome.result->findings.size() == 200);
    CHECK(outcome.result->most_steps > 8 * 200 * 1200);
}

TEST_CASE("every list a rule builds or copies counts towards the step limit", "[evaluator][limits]") {
    auto steps = [](const std::string& logic) {
        const auto loaded = one_rule(logic);
        auto outcome = dutycheck::testing::check_text(loaded, localities_file(1000));
        REQUIRE(outcome.ok());
        return outcome.result->most_steps;
    };
    // The same finding each time; the difference is the list: copied for a quantifier (1,000),
    // and built again by select (1,000 more).
    const auto plain = steps("  require count(localities) >= 0");
    const auto quantified = steps("  require count(l in localities where true) >= 0");
    const auto selected = steps("  require count(select(l in localities where true)) >= 0");
    CHECK(quantified - plain >= 2000);  // the copy, then a step and a predicate per element
    CHECK(selected - quantified >= 1000);
}

TEST_CASE("the nested rule stops within 500 MB of address space, and out of memory names the rule",
          "[evaluator][limits][cli]") {
#if defined(__SANITIZE_ADDRESS__)
    WARN("skipped under AddressSanitizer, whose shadow memory does not fit an address-space limit");
    return;
#else
    const auto dir = dutycheck::testing::fresh_dir("dutycheck-memory");
    std::ofstream(dir / "p.json", std::ios::binary) << localities_file(300);
    std::ofstream(dir / "n.rules", std::ios::binary) << nested_rule;
    const std::string args = "--rules '" + (dir / "n.rules").string() + "' '" + (dir / "p.json").string() + "'";
    // ulimit -v counts kilobytes of address space: the default step limit holds the rule's
    // findings to some 125 MB, well inside it.
    auto run = dutycheck::testing::shell_run("ulimit -v 512000 && '" DUTYCHECK_BINARY "' check " + args);
    CHECK(run.exit_code == 2);
    CHECK(run.out.empty());
    CHECK_THAT(run.err, Catch::EndsWith("n.rules:1) took more than 1000000000 evaluation steps on this file "
                                        "(limit: --max-steps)\n"));
    // With no step limit to speak of, memory runs out first: an input error naming the file and the rule.
    run = dutycheck::testing::shell_run("ulimit -v 256000 && '" DUTYCHECK_BINARY "' check --max-steps 18446744073709551615 " +
                                        args);
    CHECK(run.exit_code == 2);
    CHECK(run.out.empty());
    CHECK(run.err == (dir / "p.json").string() + ": error[DC509]: rule 'nested' (" + (dir / "n.rules").string() +
                         ":1) ran out of memory on this file; a lower --max-steps stops a rule before it exhausts "
                         "memory\n");
#endif
}

TEST_CASE("nothing to check is said in words from the collection's path", "[evaluator]") {
    const auto nested = evaluate_text(one_rule("  for each r in partnership.integration_scheme.delegated_functions\n  require exists(r.id)"),
                                      R"({"format": "dutycheck.partnership/1", "partnership": {"id": "p", "name": "P",
                                          "jurisdiction": "scotland", "integration_scheme": {"delegated_functions": []}}})");
    REQUIRE(statuses(nested) == std::vector<std::string>{"not_applicable"});
    CHECK(nested.findings[0].message == "nothing to check: no delegated functions of the integration scheme are recorded");
    const auto computed = evaluate_text(
        one_rule("  for each l in select(x in localities where x.id == \"z\")\n  require exists(l.name)"),
        partnership_text(R"("localities": [{"id": "a"}])"));
    REQUIRE(statuses(computed) == std::vector<std::string>{"not_applicable"});
    CHECK(computed.findings[0].message == "nothing to check: the list it looks at is empty");
}
