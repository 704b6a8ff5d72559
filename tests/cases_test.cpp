// Every rule's cases, run as `dutycheck test` runs them: each file its expected.tsv lists gives
// exactly the findings listed; and the bundled fixtures' other promises.
#include "engine/pack_tests.hpp"
#include "report/labels.hpp"
#include "test_support.hpp"

#include <set>

using namespace dutycheck;
using dutycheck::testing::source_dir;

TEST_CASE("every rule of every bundled pack has cases, and each gives exactly the findings it expects", "[cases]") {
    engine::PackTestOptions options;
    options.registry = {source_dir / "rules"};
    options.as_of = *engine::parse_date(engine::pack_test_as_of);
    const auto report = engine::run_pack_tests(dutycheck::testing::bundled_packs(), options);
    std::string errors;
    for (const auto& error : report.errors) errors += error;
    INFO(errors);
    REQUIRE(report.errors.empty());
    for (const auto& d : report.differences)
        FAIL_CHECK(d.file << ": " << d.rule << ": at " << d.pointer << ": expected " << d.expected << ", found "
                          << d.actual);
    CHECK(report.failed == 0);
    CHECK(report.passed >= 500);
    // Every rule has cases, and they show it passing, failing and unable to decide.
    const auto& loaded = dutycheck::testing::load_packs_once(dutycheck::testing::bundled_packs());
    REQUIRE(loaded.ok());
    REQUIRE(report.coverage.size() == loaded.rules->rules.size());
    for (const auto& rule : report.coverage) {
        INFO("rule " << rule.rule);
        CHECK(rule.has_cases);
        for (const auto status : {engine::Status::met, engine::Status::unmet, engine::Status::unknown})
            CHECK(rule.statuses[static_cast<std::size_t>(status)] > 0);
    }
}

TEST_CASE("the illustrative partnership meets every duty of the standard pack as of 2026-12-01", "[cases]") {
    // fixtures/illustrative-good-practice.json is the README's "what good looks like": checked as
    // `dutycheck check --as-of 2026-12-01` would, every finding is met or, where the duty does not
    // arise, not applicable; and every rule is shown met at least once, except the one that asks
    // for the reason a paper went without an assessment, which a partnership that assesses every
    // new or revised policy never needs.
    const std::filesystem::path file = source_dir / "fixtures" / "illustrative-good-practice.json";
    const engine::Engine checker(dutycheck::testing::run_options("2026-12-01"));
    const engine::Outcome outcome = checker.check(file.string());
    INFO(dutycheck::testing::rendered_errors(outcome));
    REQUIRE(outcome.ok());
    // The reports' headline says the partnership is invented.
    CHECK_THAT(outcome.result->partnership_name, Catch::EndsWith("(illustrative)"));
    std::set<std::string> met;
    for (const auto& finding : outcome.result->findings) {
        INFO(finding.rule->id << " " << finding.pointer << ": " << engine::to_string(finding.status) << ": "
                              << report::finding_text(finding));
        CHECK((finding.status == engine::Status::met || finding.status == engine::Status::not_applicable));
        if (finding.status == engine::Status::met) met.insert(finding.rule->id);
    }
    for (const auto& rule : outcome.rules->rules) {
        if (rule.info.id == "eqia-reason-if-not-assessed") continue;
        INFO("rule " << rule.info.id << " has no met finding");
        CHECK(met.count(rule.info.id) == 1);
    }
}

TEST_CASE("every bundled rule says in its own words why it does not apply", "[cases]") {
    // Each `when`, and each `for each … where`, carries an `else` message: a governance lead reads
    // the reason, not the condition's code (the fallback only names the clause).
    const auto& loaded = dutycheck::testing::load_packs_once(dutycheck::testing::bundled_packs());
    REQUIRE(loaded.ok());
    for (const auto& rule : loaded.rules->rules) {
        INFO("rule " << rule.info.id);
        for (const auto& step : rule.steps) {
            if (const auto* when = std::get_if<engine::WhenStep>(&step)) CHECK_FALSE(when->message.empty());
            if (const auto* each = std::get_if<engine::ForEachStep>(&step); each && each->filter)
                CHECK_FALSE(each->filter_message.empty());
        }
    }
}

TEST_CASE("no finding on any fixture shows the reader rule-language code", "[cases]") {
    // Every partnership file under fixtures/ (the source papers) and every pack's cases, checked as
    // `dutycheck check --as-of 2026-01-01 FILE` would; files refused before any rule runs are
    // skipped. Each finding's text, as the reports show it, must be words: no operator, no
    // parameter or evaluation-date name, no builtin call, no list literal.
    const std::vector<std::string> code = {"==", "!=", ">=", "<=", "param.", "as_of", "exists(", "if(", "[\"",
                                           " in [", "select(", "count(", "any(", "all(", "none(", "lookup(",
                                           "date(", "matches(", "blank(", "empty(", "period_end(", "add_"};
    std::size_t files = 0;
    std::size_t findings = 0;
    for (const auto& root : dutycheck::testing::fixture_folders())
    for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
        if (!entry.is_regular_file() || entry.path().extension() != ".json") continue;
        const auto outcome = dutycheck::testing::bundled_engine().check(entry.path().string());
        if (!outcome.ok()) continue;
        ++files;
        for (const auto& finding : outcome.result->findings) {
            ++findings;
            const std::string text = report::finding_text(finding);
            for (const auto& token : code) {
                INFO(entry.path().lexically_relative(source_dir).string()
                     << ": " << finding.rule->id << " " << finding.pointer << ": " << text);
                CHECK(text.find(token) == std::string::npos);
            }
        }
    }
    CHECK(files > 300);
    CHECK(findings > 10000);
}
