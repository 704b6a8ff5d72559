// Never a false pass: no one-value variant of a partnership file (a field deleted or nulled, text
// with a case change, a space, an invisible character or a lookalike letter, a list with an
// element repeated or null) is accepted with a finding met that was not, nor turns a failing
// finding, rule or file into a passing one. Each variant is refused (exit 2) or no better.
#include "engine/schema_check.hpp"
#include "test_support.hpp"
#include "variants.hpp"

#include <nlohmann/json.hpp>

#include <chrono>
#include <map>
#include <set>

using namespace dutycheck;
using dutycheck::testing::source_dir;

namespace {

// ordered_json keeps members in file order, so a mutated file differs from the original only
// where it was mutated.
using Json = nlohmann::ordered_json;
using Pointer = Json::json_pointer;

// Every finding of a run, by rule id and JSON Pointer, with the statuses in instance order
// (a rule may record more than one instance about the same object).
using Findings = std::map<std::pair<std::string, std::string>, std::vector<engine::Status>>;

// The evaluation date of the case fixtures, so that the test does not change with the calendar.
const engine::Date as_of = engine::make_date(2026, 1, 1);

// What the command line does with a file once its packs are chosen, up to the exit code, through
// the engine's entry point: the shape and schema checks, parameters and waivers, then evaluation
// with the waivers applied, as of `day`. nullopt where the command line would stop with an input
// error (exit 2), which is not a pass.
std::optional<engine::DocumentResult> check_like_cli(const engine::RuleSet& rules, const std::string& text,
                                                     const std::string& file, const char* day) {
    const engine::Engine engine(std::shared_ptr<const engine::RuleSet>(std::shared_ptr<const engine::RuleSet>(), &rules),
                                dutycheck::testing::run_options(day));
    auto outcome = engine.check_text(file, text);
    if (!outcome.ok()) return std::nullopt;
    return std::move(outcome.result);
}

// One rule on its own, sharing its pack selection's packs and parameters: a case fixture is
// aimed at one rule, and evaluating the whole pack for each of its mutations would take several
// times as long. Each selection is loaded once; its rules are moved into sets of their own,
// while the loaded sources they point into stay alive in `loaded`.
const engine::RuleSet& single_rule(const std::vector<std::filesystem::path>& packs, const std::string& id) {
    struct Split {
        engine::LoadResult loaded;
        std::map<std::string, engine::RuleSet> by_id;
    };
    static std::map<std::vector<std::filesystem::path>, Split> cache;
    auto found = cache.find(packs);
    if (found == cache.end()) {
        Split split{engine::load_rule_packs(packs), {}};
        INFO(dutycheck::testing::rendered(split.loaded));
        REQUIRE(split.loaded.ok());
        for (auto& rule : split.loaded.rules->rules) {
            engine::RuleSet one;
            one.packs = split.loaded.rules->packs;
            one.params = split.loaded.rules->params;
            const std::string rule_id = rule.info.id;
            one.rules.push_back(std::move(rule));
            split.by_id.emplace(rule_id, std::move(one));
        }
        found = cache.emplace(packs, std::move(split)).first;
    }
    const auto rule = found->second.by_id.find(id);
    REQUIRE(rule != found->second.by_id.end());
    return rule->second;
}

Findings by_rule_and_pointer(const engine::DocumentResult& result) {
    Findings findings;
    for (const auto& finding : result.findings) findings[{finding.rule->id, finding.pointer}].push_back(finding.status);
    return findings;
}

bool gate_fails(const engine::DocumentResult& result, engine::Severity threshold) {
    return std::any_of(result.findings.begin(), result.findings.end(),
                       [&](const engine::Finding& finding) { return engine::fails_gate(finding, threshold); });
}

bool is_met(engine::Status status) { return status == engine::Status::met; }

// unmet, unknown and waiver_expired: the statuses that fail the gate (at the rule's severity).
bool fails(engine::Status status) {
    return status == engine::Status::unmet || status == engine::Status::unknown ||
           status == engine::Status::waiver_expired;
}

std::size_t count_of(const std::vector<engine::Status>& list, bool (*test)(engine::Status)) {
    return static_cast<std::size_t>(std::count_if(list.begin(), list.end(), test));
}

// The rules with a finding that fails the gate (unmet, unknown, expired waiver), at any severity.
std::set<std::string> failing_rules(const engine::DocumentResult& result) {
    std::set<std::string> rules;
    for (const auto& finding : result.findings)
        if (engine::fails_gate(finding, engine::Severity::info)) rules.insert(finding.rule->id);
    return rules;
}

std::string statuses(const std::vector<engine::Status>& list) {
    if (list.empty()) return "(no finding)";
    std::string out;
    for (auto status : list) out += (out.empty() ? "" : ",") + std::string(engine::to_string(status));
    return out;
}

std::string statuses_at(const Findings& findings, const std::pair<std::string, std::string>& key) {
    const auto found = findings.find(key);
    return statuses(found == findings.end() ? std::vector<engine::Status>{} : found->second);
}

// The top-level members that say how to check the file rather than what the partnership did.
// Deleting one asks for a different check; it does not hide a fact. They are not mutated:
// - `parameters`: a deleted parameter takes the pack's documented default, which may well be
//   more lenient than the file's own choice (a stricter `min_localities`); nulling one is an
//   input error.
// - `rule_packs`: the packs are chosen once per fixture, from the original file, as --rules
//   would; no rule reads this field.
// - `waivers`: accepted exceptions, read by the waiver step, not by any rule.
bool is_configuration(const Pointer& member) {
    const std::string text = member.to_string();
    for (const std::string top : {"/parameters", "/rule_packs", "/waivers"})
        if (text == top || text.rfind(top + "/", 0) == 0) return true;
    return false;
}

struct Tally {
    std::size_t fixtures = 0;
    std::size_t mutations = 0;  // variants built (tests/variants.hpp), configuration members left out
    std::size_t evaluated = 0;  // of those, accepted as input and evaluated
    std::size_t rejected = 0;   // of those, refused as input (exit 2), which is not a pass
    std::set<std::string> rules_moved;  // rules with a finding whose status some mutation changed
    std::vector<std::string> violations;
};

// Compares the run of a mutated file (`after`) with the run of the original (`before`) and
// records every false pass, each starting with `mutation` (the file, the kind and the pointer).
void compare(const std::string& mutation, const engine::DocumentResult& before, const engine::DocumentResult& after,
             Tally& tally) {
    const std::size_t reported = tally.violations.size();
    const Findings findings_before = by_rule_and_pointer(before), findings_after = by_rule_and_pointer(after);
    std::set<std::string> explained;  // rules already reported for this mutation

    // Finding by finding, at the same rule and JSON Pointer: one that was not met is not met
    // now, and one that failed the gate (unmet, unknown) still fails it (not_applicable passes
    // the gate as surely as met). Pointers are comparable across the two runs because no array
    // element is added or removed: every index names the same element before and after.
    // - A finding with no counterpart before (a new pointer) must not be met. No exception is
    //   made for a finding inside the mutated subtree: that subtree no longer exists, and a duty
    //   met by something that is not in the file is the plainest false pass there is. (In
    //   practice a new pointer is a `for each` collection that became absent: unknown.)
    // - A finding may disappear (a deleted collection gives one unknown finding at its pointer
    //   instead of one per element); the rule-level check below covers what it took with it.
    // - Where a rule records several instances at one pointer and their number is unchanged,
    //   they are compared in instance order; where it changed, no more may be met than before,
    //   and if one failed, one still fails.
    for (const auto& [key, now] : findings_after) {
        const auto found = findings_before.find(key);
        const std::vector<engine::Status> was =
            found == findings_before.end() ? std::vector<engine::Status>{} : found->second;
        bool false_pass = false;
        if (was.size() == now.size()) {
            for (std::size_t i = 0; i < now.size(); ++i)
                false_pass = false_pass || (is_met(now[i]) && !is_met(was[i])) ||
                             (fails(was[i]) && !fails(now[i]));
        } else {
            false_pass = count_of(now, is_met) > count_of(was, is_met) ||
                         (count_of(was, fails) > 0 && count_of(now, fails) == 0);
        }
        if (false_pass) {
            tally.violations.push_back(mutation + "rule " + key.first + " at '" + key.second + "' was " +
                                       statuses(was) + ", is " + statuses(now));
            explained.insert(key.first);
        }
        if (was != now) tally.rules_moved.insert(key.first);
    }
    for (const auto& [key, was] : findings_before)
        if (findings_after.count(key) == 0) tally.rules_moved.insert(key.first);

    // Rule by rule: a rule that failed the file still fails it, wherever its findings now are.
    // (For a case fixture, checked with its own rule alone, this is the file's gate.) Reported
    // unless a finding of the rule already was.
    const auto failed_after = failing_rules(after);
    for (const auto& rule : failing_rules(before)) {
        if (failed_after.count(rule) == 1 || explained.count(rule) == 1) continue;
        std::string what = mutation + "rule " + rule + " failed the file and no longer does:";
        for (const auto& [key, was] : findings_before)
            if (key.first == rule) what += " at '" + key.second + "' was " + statuses(was) + ", is " +
                                           statuses_at(findings_after, key) + ";";
        tally.violations.push_back(what);
    }

    // The file: its gate (the exit code of `check`) never goes from failing to passing, at any
    // --fail-on threshold. The rule-level check implies it; it is asserted as well because it is
    // what a user of the command line sees, and reported only if nothing above explained it.
    for (const auto threshold : {engine::Severity::info, engine::Severity::warning, engine::Severity::error})
        if (gate_fails(before, threshold) && !gate_fails(after, threshold) && tally.violations.size() == reported)
            tally.violations.push_back(mutation + "the file failed the gate at --fail-on " +
                                       std::string(engine::to_string(threshold)) + " and now passes it");
}

// Checks the property for every variant of one fixture (tests/variants.hpp: every member deleted
// and nulled; every string with a case change, a space before or after, a no-break or zero-width
// space, a byte-order mark, a Cyrillic lookalike; every list with a duplicated and a null
// element), evaluated with `rules` as of `day`. Variants of the configuration members are left out.
// With `structure_only`, only the variants that take a value away or add a list element (deleted,
// nulled, duplicated element, null element), not the string variants.
void check_fixture(const std::string& file, const Json& original, const engine::RuleSet& rules, Tally& tally,
                   const char* day = "2026-01-01", bool structure_only = false) {
    INFO(file << " as of " << day);
    const auto before = check_like_cli(rules, original.dump(), file, day);
    REQUIRE(before);  // every fixture is a valid partnership file
    ++tally.fixtures;
    dutycheck::testing::for_each_variant(original, [&](const dutycheck::testing::Variant& variant) {
        if (variant.pointer.empty() || is_configuration(variant.pointer)) return;
        if (structure_only && variant.kind != "deleted" && variant.kind != "nulled" &&
            variant.kind != "duplicated element" && variant.kind != "null element")
            return;
        ++tally.mutations;
        const auto after = check_like_cli(rules, variant.document.dump(), file, day);
        if (!after) {
            ++tally.rejected;
            return;
        }
        ++tally.evaluated;
        compare(file + ": " + std::string(variant.kind) + " " + variant.pointer.to_string() + ": ", *before, *after,
                tally);
    });
}

std::vector<std::filesystem::path> json_files(const std::filesystem::path& folder) {
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(folder))
        if (entry.is_regular_file() && entry.path().extension() == ".json") files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    return files;
}

// Fails the test with every false pass (the first 50 shown), and reports the counts and time.
void report(const Tally& tally, std::chrono::steady_clock::time_point start) {
    const auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::string shown;
    for (std::size_t i = 0; i < std::min<std::size_t>(tally.violations.size(), 50); ++i)
        shown += tally.violations[i] + "\n";
    INFO(tally.violations.size() << " false passes:\n" << shown);
    CHECK(tally.violations.empty());
    WARN(tally.fixtures << " files, " << tally.mutations << " mutations: " << tally.evaluated << " evaluated, "
                        << tally.rejected << " rejected as input; " << tally.rules_moved.size()
                        << " rules changed a finding; " << seconds << " s");
}

}  // namespace

TEST_CASE("no one-value variant of a top-level fixture turns a finding or the file into a pass",
          "[property]") {
    // The source-paper fixtures and the illustrative partnership, each with every rule of its
    // packs, as `dutycheck check` runs them.
    const auto start = std::chrono::steady_clock::now();
    Tally tally;
    for (const auto& path : json_files(source_dir / "fixtures")) {
        const Json original = Json::parse(dutycheck::testing::read_text(path));
        // The rule set `dutycheck check` picks for the file: the standard pack and its rule_packs.
        const engine::Outcome outcome = dutycheck::testing::bundled_engine().check(path.string());
        INFO(dutycheck::testing::rendered_errors(outcome));
        REQUIRE(outcome.ok());
        // The illustrative partnership as of the date it is shown on, when it holds every record it
        // has: as of an earlier date, its later papers and directions are not there yet, and the
        // as-of stage cannot hide one whose date a variant deletes (see docs/robustness.md). It
        // records every fact the standard pack reads, so taking each away is what it can show; the
        // string variants, which test how text compares, run on the source papers and every case
        // (and all of them on this file in fuzz_variants), and here would double the test's time.
        const bool illustrative = path.filename() == "illustrative-good-practice.json";
        check_fixture(std::filesystem::relative(path, source_dir).generic_string(), original, *outcome.rules, tally,
                      illustrative ? "2026-12-01" : "2026-01-01", illustrative);
    }
    report(tally, start);
    REQUIRE(tally.fixtures == 6);
    REQUIRE(tally.mutations >= 7000);
    REQUIRE(tally.evaluated >= 3500);
}

TEST_CASE("no one-value variant of a rule's case fixture turns that rule's findings into a pass",
          "[property]") {
    // Each case fixture with the rule it is aimed at, on the packs the file selects. Alone, that
    // rule decides the file's gate, so the gate check is the rule's own.
    const auto start = std::chrono::steady_clock::now();
    Tally tally;
    std::set<std::string> folders;
    for (const auto& folder : dutycheck::testing::case_folders()) {
        const std::string rule_id = folder.filename().string();
        folders.insert(rule_id);
        for (const auto& path : json_files(folder)) {
            const Json original = Json::parse(dutycheck::testing::read_text(path));
            const engine::Input input = dutycheck::testing::bundled_engine().read(path.string());
            REQUIRE(input.ok());
            const engine::RuleSet& rule = single_rule(dutycheck::testing::pack_paths(input.packs), rule_id);
            check_fixture(std::filesystem::relative(path, source_dir).generic_string(), original, rule, tally);
        }
    }
    report(tally, start);
    REQUIRE(tally.fixtures >= 500);
    REQUIRE(tally.mutations >= 65000);
    REQUIRE(tally.evaluated >= 33000);
    // The mutations reach every rule of every bundled pack: each has a folder of cases, and a
    // finding that some mutation changed.
    const engine::LoadResult& all = dutycheck::testing::load_packs_once(dutycheck::testing::bundled_packs());
    REQUIRE(all.ok());
    for (const auto& rule : all.rules->rules) {
        INFO("rule " << rule.info.id);
        CHECK(folders.count(rule.info.id) == 1);
        CHECK(tally.rules_moved.count(rule.info.id) == 1);
    }
}
