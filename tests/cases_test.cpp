// Every rule's fixtures: each case file must produce exactly the findings its expected.tsv lists.
#include "engine/evaluator.hpp"
#include "engine/packs.hpp"
#include "engine/parameters.hpp"
#include "report/labels.hpp"
#include "test_support.hpp"

#include <nlohmann/json.hpp>

#include <map>
#include <memory>
#include <set>

using namespace dutycheck;
using dutycheck::testing::source_dir;

namespace {

struct Expected {
    std::string status;
    std::string pointer;
    auto operator<=>(const Expected& other) const = default;
};

// expected.tsv: file, status, pointer per line, after a header.
std::map<std::string, std::multiset<Expected>> read_expected(const std::filesystem::path& tsv) {
    std::map<std::string, std::multiset<Expected>> expected;
    std::istringstream lines(dutycheck::testing::read_text(tsv));
    std::string line;
    std::getline(lines, line);  // header
    while (std::getline(lines, line)) {
        if (line.empty()) continue;
        const auto tab1 = line.find('\t');
        const auto tab2 = line.find('\t', tab1 + 1);
        expected[line.substr(0, tab1)].insert({line.substr(tab1 + 1, tab2 - tab1 - 1), line.substr(tab2 + 1)});
    }
    return expected;
}

// The first of a refused file's errors has `code`.
void expect_refused(const std::vector<dutycheck::dsl::Diagnostic>& errors, const char* code) {
    REQUIRE_FALSE(errors.empty());
    INFO(dutycheck::dsl::render(errors.front()));
    CHECK(errors.front().code == code);
}

// A file under a case folder's invalid/, which the schema refuses (DC505) before any rule runs,
// evaluated by its packs' rules all the same: the rule judges the value too, should a pack's
// schema ever allow it.
engine::DocumentResult evaluate_refused(const std::filesystem::path& file) {
    const engine::Input input = dutycheck::testing::bundled_engine().read(file.string());
    expect_refused(input.errors, "DC505");
    REQUIRE(input.document);
    const auto packs = engine::requested_packs(*input.document);
    REQUIRE(std::holds_alternative<std::vector<std::string>>(packs));
    const auto& loaded = dutycheck::testing::load_packs_once(
        dutycheck::testing::pack_paths(std::get<std::vector<std::string>>(packs)));
    REQUIRE(loaded.ok());
    const auto params = engine::resolve_parameters(*loaded.rules, *input.document, {});
    REQUIRE(std::holds_alternative<std::vector<engine::Value>>(params));
    engine::EvaluationOptions options;
    options.as_of = dutycheck::testing::run_options().as_of;
    return engine::evaluate(*loaded.rules, *input.document, std::get<std::vector<engine::Value>>(params), options,
                            file.string());
}

// A parameter value as `--param NAME=TEXT` writes it: a list as its items joined by commas.
std::string command_line_text(const nlohmann::json& value) {
    if (value.is_string()) return value.get<std::string>();
    if (!value.is_array()) return value.dump();
    std::string text;
    for (const auto& item : value) text += (text.empty() ? "" : ",") + command_line_text(item);
    return text;
}

// A file under a case folder's command-line/, whose `parameters` go beyond the packs' bounds:
// the file itself is refused (DC503), and checked with those values given as --param instead,
// which only the command line may do.
engine::Outcome check_from_command_line(const std::filesystem::path& file) {
    expect_refused(dutycheck::testing::bundled_engine().check(file.string()).errors, "DC503");
    nlohmann::json json = nlohmann::json::parse(dutycheck::testing::read_text(file));
    std::map<std::string, std::string> params;
    for (const auto& [name, value] : json.at("parameters").items()) params[name] = command_line_text(value);
    json.erase("parameters");
    // Outcomes point into their engine's rule sets, so each engine lives as long as the test run.
    static std::map<std::map<std::string, std::string>, std::unique_ptr<engine::Engine>> engines;
    auto& engine = engines[params];
    if (!engine) engine = std::make_unique<engine::Engine>(dutycheck::testing::run_options("2026-01-01", params));
    return engine->check_text(file.string(), json.dump(2));
}

}  // namespace

// Every rule of every bundled pack, by id.
std::set<std::string> bundled_rule_ids() {
    const auto loaded = engine::load_rule_packs(dutycheck::testing::bundled_packs());
    INFO(dutycheck::testing::rendered(loaded));
    REQUIRE(loaded.ok());
    std::set<std::string> ids;
    for (const auto& rule : loaded.rules->rules) ids.insert(rule.info.id);
    return ids;
}

TEST_CASE("every rule of every bundled pack has a folder of fixture cases", "[cases]") {
    for (const auto& id : bundled_rule_ids()) {
        INFO("rule " << id);
        CHECK(std::filesystem::is_regular_file(source_dir / "fixtures" / "cases" / id / "expected.tsv"));
    }
}

TEST_CASE("every rule fixture produces exactly the findings it expects", "[cases]") {
    // Catch runs this body once per section, so the packs are loaded once, not once per fixture.
    static const std::set<std::string> rule_ids = bundled_rule_ids();
    std::size_t rules_checked = 0;
    for (const auto& folder : std::filesystem::directory_iterator(source_dir / "fixtures" / "cases")) {
        if (!folder.is_directory()) continue;
        const std::string rule_id = folder.path().filename().string();
        INFO("rule " << rule_id);
        CHECK(rule_ids.count(rule_id) == 1);  // no fixtures for a rule that no longer exists
        const auto expected = read_expected(folder.path() / "expected.tsv");
        REQUIRE_FALSE(expected.empty());
        std::set<std::string> statuses;
        for (const auto& [file, findings] : expected) {
            DYNAMIC_SECTION(rule_id << "/" << file) {
                // Every stage a user's `dutycheck check --as-of 2026-01-01 FILE` runs.
                std::optional<engine::Outcome> outcome;
                std::optional<engine::DocumentResult> refused;
                if (file.rfind("invalid/", 0) == 0) {
                    refused = evaluate_refused(folder.path() / file);
                } else {
                    outcome = file.rfind("command-line/", 0) == 0
                                  ? check_from_command_line(folder.path() / file)
                                  : dutycheck::testing::bundled_engine().check((folder.path() / file).string());
                    INFO(dutycheck::testing::rendered_errors(*outcome));
                    REQUIRE(outcome->ok());
                    REQUIRE(outcome->rules->find_rule(rule_id) != nullptr);
                }
                const engine::DocumentResult& result = refused ? *refused : *outcome->result;
                std::multiset<Expected> actual;
                for (const auto& finding : result.findings)
                    if (finding.rule->id == rule_id)
                        actual.insert({std::string(engine::to_string(finding.status)), finding.pointer});
                std::string shown;
                for (const auto& finding : result.findings)
                    if (finding.rule->id == rule_id)
                        shown += std::string(engine::to_string(finding.status)) + " " + finding.pointer + ": " +
                                 report::finding_text(finding) + "\n";
                INFO("actual findings:\n" << shown);
                CHECK(actual == findings);
            }
            for (const auto& finding : findings) statuses.insert(finding.status);
        }
        // Each rule is shown passing, failing and unable to decide.
        CHECK(statuses.count("met") == 1);
        CHECK(statuses.count("unmet") == 1);
        CHECK(statuses.count("unknown") == 1);
        ++rules_checked;
    }
    CHECK(rules_checked == rule_ids.size());
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
    // Every partnership file under fixtures/ (the source papers and every case), checked as
    // `dutycheck check --as-of 2026-01-01 FILE` would; files refused before any rule runs are
    // skipped. Each finding's text, as the reports show it, must be words: no operator, no
    // parameter or evaluation-date name, no builtin call, no list literal.
    const std::vector<std::string> code = {"==", "!=", ">=", "<=", "param.", "as_of", "exists(", "if(", "[\"",
                                           " in [", "select(", "count(", "any(", "all(", "none(", "lookup(",
                                           "date(", "matches(", "blank(", "empty(", "period_end(", "add_"};
    std::size_t files = 0;
    std::size_t findings = 0;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(source_dir / "fixtures")) {
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
