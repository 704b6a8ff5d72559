// Waivers, baselines, diffs, explanations and report files: what a CI gate and an auditor rely on.
#include "report_fixtures.hpp"
#include "test_support.hpp"

#include <nlohmann/json.hpp>

#include <array>
#include <cstdio>
#include <sys/wait.h>

using namespace dutycheck;
using dutycheck::testing::dutycheck_run;
using dutycheck::testing::Run;
using dutycheck::testing::source_dir;

namespace {

// A duty of statutory guidance, which a partnership may depart from with a recorded reason.
engine::LoadResult named_localities_rule() {
    return engine::load_rule_text(
        "t.rules",
        "rule two {\n  title \"Each locality is named\"\n  duty LOC-GUIDE-NAMES\n  cite \"Localities guidance\"\n"
        "  basis statutory_guidance\n  severity error\n"
        "  for each l in localities\n  require exists(l.name) else \"{l.id} has no name\"\n}\n");
}

std::string partnership(const std::string& localities, const std::string& waivers = "") {
    return R"({"format": "dutycheck.partnership/1", "partnership": {"id": "p", "name": "P", "jurisdiction": "scotland"},
               "localities": )" + localities + (waivers.empty() ? "" : R"(, "waivers": )" + waivers) + "}";
}

engine::DocumentResult evaluate_with_waivers(const std::string& json, const char* as_of) {
    // Findings point at their rule, so the rule set outlives every result.
    static const auto loaded = named_localities_rule();
    REQUIRE(loaded.ok());
    return dutycheck::testing::evaluate_text(loaded, json, as_of);
}

const std::string waiver_for_b =
    R"([{"rule": "LOC-GUIDE-NAMES", "target": "/localities/1", "reason": "name agreed at next board",
         "approved_by": "IJB chair", "approved": "2025-12-10", "minute": "IJB/2025/12", "expires": "2026-03-31"}])";

std::filesystem::path scratch(const std::string& name) { return dutycheck::testing::fresh_dir("dutycheck-waivers-" + name); }

void write(const std::filesystem::path& path, const std::string& text) { std::ofstream(path, std::ios::binary) << text; }

// Two versions of a partnership written into `dir`, as base.json and head.json; their paths,
// quoted, as diff takes them.
std::string two_versions(const std::filesystem::path& dir, const std::string& base, const std::string& head) {
    write(dir / "base.json", base);
    write(dir / "head.json", head);
    return "'" + (dir / "base.json").string() + "' '" + (dir / "head.json").string() + "'";
}

const std::string localities_a_b = R"([{"id": "a", "name": "Annandale"}, {"id": "b"}])";

}  // namespace

TEST_CASE("a waiver by duty id and target turns that unmet finding into waived, with its details", "[waivers]") {
    const auto result = evaluate_with_waivers(partnership(localities_a_b, waiver_for_b), "2026-01-01");
    REQUIRE(result.findings.size() == 2);
    CHECK(result.findings[0].status == engine::Status::met);
    CHECK(result.findings[1].status == engine::Status::waived);
    CHECK(result.findings[1].underlying == engine::Status::unmet);
    REQUIRE(result.findings[1].waiver.has_value());
    CHECK(result.waivers[*result.findings[1].waiver].approved_by == "IJB chair");
    CHECK(result.stale_waivers.empty());
    CHECK(result.summary.count(engine::Status::waived) == 1);
}

TEST_CASE("after its expiry date a waiver's finding returns as waiver_expired and fails the gate", "[waivers]") {
    const auto on_expiry_day = evaluate_with_waivers(partnership(localities_a_b, waiver_for_b), "2026-03-31");
    CHECK(on_expiry_day.findings[1].status == engine::Status::waived);
    const auto day_after = evaluate_with_waivers(partnership(localities_a_b, waiver_for_b), "2026-04-01");
    CHECK(day_after.findings[1].status == engine::Status::waiver_expired);
    CHECK(engine::fails_gate(day_after.findings[1], engine::Severity::error));
    CHECK_FALSE(engine::fails_gate(on_expiry_day.findings[1], engine::Severity::error));
}

TEST_CASE("a waiver that covers nothing unmet or unknown is stale", "[waivers]") {
    const std::string waivers =
        R"([{"rule": "two", "target": "/localities/0", "reason": "r", "approved_by": "a", "approved": "2026-01-01",
             "expires": "2026-12"}])";
    const auto result = evaluate_with_waivers(partnership(localities_a_b, waivers), "2026-01-01");
    CHECK(result.findings[1].status == engine::Status::unmet);
    CHECK(result.stale_waivers == std::vector<std::size_t>{0});
}

TEST_CASE("a waiver without a target, a reason, an approver, an approval date or an expiry is an input error",
          "[waivers]") {
    // The schema requires all five, so the schema check (DC505) refuses the file first.
    for (const char* missing : {"target", "reason", "approved_by", "approved", "expires"}) {
        nlohmann::json waiver = {{"rule", "two"}, {"target", ""}, {"reason", "r"}, {"approved_by", "a"},
                                 {"approved", "2026-01-01"}, {"expires", "2027-01-01"}};
        waiver.erase(missing);
        static const auto loaded = named_localities_rule();
        const auto outcome =
            dutycheck::testing::check_text(loaded, partnership("[]", nlohmann::json::array({waiver}).dump()));
        REQUIRE(outcome.errors.size() == 1);
        const dutycheck::dsl::Diagnostic& error = outcome.errors.front();
        CHECK(error.code == "DC505");
        CHECK_THAT(error.message, Catch::EndsWith("(at /waivers/0)"));
        CHECK_THAT(error.message, Catch::Contains(missing));
    }
}

TEST_CASE("a waiver for the whole file says so with an empty target", "[waivers]") {
    const std::string waivers =
        R"([{"rule": "two", "target": "", "reason": "r", "approved_by": "a", "approved": "2026-01-01",
             "expires": "2026-12"}])";
    const auto result = evaluate_with_waivers(partnership(localities_a_b, waivers), "2026-01-01");
    CHECK(result.stale_waivers.empty());
    bool waived = false;
    for (const auto& finding : result.findings) waived = waived || finding.status == engine::Status::waived;
    CHECK(waived);
}

namespace {

// The guidance rule above and a duty of statute beside it.
const engine::LoadResult& statute_and_guidance_rules() {
    static const auto loaded = engine::load_rule_text(
        "t.rules",
        "rule two {\n  title \"Each locality is named\"\n  duty LOC-GUIDE-NAMES\n  cite \"Localities guidance\"\n"
        "  basis statutory_guidance\n  severity error\n"
        "  for each l in localities\n  require exists(l.name) else \"{l.id} has no name\"\n}\n"
        "rule localities-two-or-more {\n  title \"Two or more localities\"\n  duty PBJW-S29-LOCALITIES\n"
        "  cite \"Public Bodies (Joint Working) (Scotland) Act 2014, s29(3)(a)\"\n  basis statute\n"
        "  require count(localities) >= 2\n}\n");
    return loaded;
}

// A file with one waiver of `rule`, each field on its own line so a diagnostic shows just that line.
std::string with_waiver(const std::string& rule, const std::string& target, const std::string& approved,
                        const std::string& expires, const std::string& reason = "name agreed at next board") {
    return R"({"format": "dutycheck.partnership/1", "partnership": {"id": "p", "name": "P", "jurisdiction": "scotland"},
"localities": [{"id": "a", "name": "Annandale"}, {"id": "b"}],
"waivers": [{
"rule": ")" + rule + R"(",
"target": ")" + target + R"(",
"reason": ")" + reason + R"(",
"approved_by": "IJB chair",
"approved": ")" + approved + R"(",
"expires": ")" + expires + R"("}]}
)";
}

std::string waiver_errors(const std::string& json, const char* as_of = "2026-01-01", std::uint32_t horizon = 12) {
    auto options = dutycheck::testing::run_options(as_of);
    options.waiver_horizon_months = horizon;
    const auto outcome = dutycheck::testing::check_text(statute_and_guidance_rules(), json, options);
    return dutycheck::testing::rendered_errors(outcome);
}

}  // namespace

TEST_CASE("a waiver of a duty of statute, by its duty id, is an input error that says why", "[waivers][force]") {
    CHECK(waiver_errors(with_waiver("PBJW-S29-LOCALITIES", "/localities/1", "2025-12-10", "2026-03-31")) ==
          "test.json:3:13: error[DC506]: PBJW-S29-LOCALITIES is a duty of statute (Public Bodies (Joint Working) "
          "(Scotland) Act 2014, s29(3)(a)): the law allows no recorded departure from it, so it cannot be waived; "
          "record the facts or accept the finding (at /waivers/0)\n"
          "   3 | \"waivers\": [{\n"
          "     |             ^\n");
}

TEST_CASE("a waiver of a statute rule, by its rule id, is an input error that says why", "[waivers][force]") {
    CHECK(waiver_errors(with_waiver("localities-two-or-more", "/localities", "2025-12-10", "2026-03-31")) ==
          "test.json:3:13: error[DC506]: rule 'localities-two-or-more' encodes a duty of statute (Public Bodies "
          "(Joint Working) (Scotland) Act 2014, s29(3)(a)): the law allows no recorded departure from it, so it "
          "cannot be waived; record the facts or accept the finding (at /waivers/0)\n"
          "   3 | \"waivers\": [{\n"
          "     |             ^\n");
}

TEST_CASE("a whole-file waiver of a statute rule is refused like any other", "[waivers][force]") {
    CHECK_THAT(waiver_errors(with_waiver("localities-two-or-more", "", "2025-12-10", "2026-03-31")),
               Catch::StartsWith("test.json:3:13: error[DC506]: rule 'localities-two-or-more' encodes a duty of statute"));
    // A duty of statutory guidance may be waived for the whole file.
    CHECK(waiver_errors(with_waiver("two", "", "2025-12-10", "2026-03-31")).empty());
}

TEST_CASE("a waiver that never ends is beyond the horizon of its approval", "[waivers][horizon]") {
    CHECK(waiver_errors(with_waiver("two", "/localities/1", "2025-12-10", "9999-12-31")) ==
          "test.json:9:12: error[DC506]: the waiver expires on 9999-12-31, more than 12 months after its approval "
          "on 2025-12-10 (it may run until 2026-12-10 at the latest; limit: --waiver-horizon) (at /waivers/0/expires)\n"
          "   9 | \"expires\": \"9999-12-31\"}]}\n"
          "     |            ^\n");
}

TEST_CASE("a waiver that expires before its approval is an input error", "[waivers][horizon]") {
    CHECK(waiver_errors(with_waiver("two", "/localities/1", "2025-12-10", "2025-11")) ==
          "test.json:9:12: error[DC506]: the waiver expires on 2025-11, before its approval on 2025-12-10 "
          "(at /waivers/0/expires)\n"
          "   9 | \"expires\": \"2025-11\"}]}\n"
          "     |            ^\n");
}

TEST_CASE("the waiver horizon is 12 months unless --waiver-horizon says otherwise", "[waivers][horizon]") {
    const std::string eighteen_months = with_waiver("two", "/localities/1", "2025-06-30", "2026-12-31");
    CHECK(waiver_errors(eighteen_months) ==
          "test.json:9:12: error[DC506]: the waiver expires on 2026-12-31, more than 12 months after its approval "
          "on 2025-06-30 (it may run until 2026-06-30 at the latest; limit: --waiver-horizon) (at /waivers/0/expires)\n"
          "   9 | \"expires\": \"2026-12-31\"}]}\n"
          "     |            ^\n");
    // The last day of the horizon is within it.
    CHECK(waiver_errors(with_waiver("two", "/localities/1", "2025-06-30", "2026-06-30")).empty());
    CHECK(waiver_errors(eighteen_months, "2026-01-01", 24).empty());

    const auto dir = scratch("horizon");
    write(dir / "p.json", eighteen_months);
    write(dir / "t.rules", std::string(statute_and_guidance_rules().rules->sources.front().text()));
    const std::string args = "--rules '" + (dir / "t.rules").string() + "' --as-of 2026-01-01 '" +
                             (dir / "p.json").string() + "'";
    Run run = dutycheck_run("check " + args);
    CHECK(run.exit_code == 2);
    CHECK_THAT(run.err, Catch::Contains("more than 12 months after its approval on 2025-06-30"));
    run = dutycheck_run("check --waiver-horizon 24 " + args);
    CHECK(run.exit_code == 0);
    CHECK(dutycheck_run("diff --waiver-horizon 24 --rules '" + (dir / "t.rules").string() + "' --as-of 2026-01-01 '" +
                        (dir / "p.json").string() + "' '" + (dir / "p.json").string() + "'")
              .exit_code == 0);
    CHECK(dutycheck_run("check --waiver-horizon 0 " + args).exit_code == 2);
}

TEST_CASE("a waiver's reason needs a visible character", "[waivers][text]") {
    // The published schema's pattern already refuses a no-break space, as an editor's validator does.
    CHECK(waiver_errors(with_waiver("two", "/localities/1", "2025-12-10", "2026-03-31", "\u00a0")) ==
          "test.json:6:11: error[DC505]: expected a string matching '\\S', found \"\\u00a0\" (at /waivers/0/reason)\n"
          "   6 | \"reason\": \"\u00a0\",\n"
          "     |           ^\n");
    // ECMA-262's \S takes a zero-width space for a visible character; the engine's one notion of text does not.
    CHECK(waiver_errors(with_waiver("two", "/localities/1", "2025-12-10", "2026-03-31", "\u200b")) ==
          "test.json:6:11: error[DC506]: 'reason' has no visible character: an exception is accepted only with a "
          "reason and an approver a reader can see (at /waivers/0/reason)\n"
          "   6 | \"reason\": \"\u200b\",\n"
          "     |           ^\n");
}

TEST_CASE("a waiver approved after the evaluation date is not yet in force, and not stale", "[waivers][horizon]") {
    const auto loaded = named_localities_rule();
    const std::string json = with_waiver("two", "/localities/1", "2026-02-01", "2026-12-31");
    const auto before = dutycheck::testing::evaluate_text(loaded, json, "2026-01-31");
    CHECK(before.findings[1].status == engine::Status::unmet);
    CHECK(before.stale_waivers.empty());
    const auto on_the_day = dutycheck::testing::evaluate_text(loaded, json, "2026-02-01");
    CHECK(on_the_day.findings[1].status == engine::Status::waived);
}

TEST_CASE("the command line rejects an unapproved waiver with its place, exit 2", "[waivers][cli]") {
    const auto dir = scratch("unapproved");
    write(dir / "p.json", partnership("[]", R"([{"rule": "two", "target": "", "reason": "r", "approved": "2026-01-01", "expires": "2027-01-01"}])"));
    const Run run = dutycheck_run("check '" + (dir / "p.json").string() + "'");
    CHECK(run.exit_code == 2);
    CHECK(run.out.empty());
    CHECK_THAT(run.err, Catch::Contains("error[DC505]: missing 'approved_by': who accepted the exception (at /waivers/0)"));
}

TEST_CASE("a baseline lets known findings pass, fails new ones, and lists entries that no longer match", "[waivers][cli]") {
    const auto dir = scratch("baseline");
    const std::string file = (dir / "p.json").string();
    write(dir / "rules.rules",
          "rule named {\n  title \"t\"\n  duty D\n  cite \"c\"\n  basis statute\n  for each l in localities\n"
          "  require exists(l.name)\n}\n");
    const std::string rules = "--rules '" + (dir / "rules.rules").string() + "' ";
    write(dir / "p.json", partnership(R"([{"id": "a"}, {"id": "b", "name": "B"}])"));
    Run run = dutycheck_run("check " + rules + "--fail-on none --output json='" + (dir / "base.json").string() + "' '" + file + "'");
    REQUIRE(run.exit_code == 0);
    // Unchanged: the known finding at /localities/0 does not fail the gate.
    run = dutycheck_run("check " + rules + "--baseline '" + (dir / "base.json").string() + "' '" + file + "'");
    CHECK(run.exit_code == 0);
    // A new gap at another pointer of the same rule fails it: matching is by pointer, not by rule.
    write(dir / "p.json", partnership(R"([{"id": "a"}, {"id": "b"}])"));
    run = dutycheck_run("check " + rules + "--baseline '" + (dir / "base.json").string() + "' '" + file + "'");
    CHECK(run.exit_code == 1);
    // Fixed: the baseline entry is stale and said so.
    write(dir / "p.json", partnership(R"([{"id": "a", "name": "A"}, {"id": "b", "name": "B"}])"));
    run = dutycheck_run("check " + rules + "--baseline '" + (dir / "base.json").string() + "' '" + file + "'");
    CHECK(run.exit_code == 0);
    CHECK_THAT(run.err, Catch::Contains("stale baseline entry: named " + file + " /localities/0 no longer fails"));
}

TEST_CASE("diff reports new, resolved and unchanged findings and --fail-on-new gates only on new ones", "[waivers][cli]") {
    const auto dir = scratch("diff");
    write(dir / "rules.rules",
          "rule named {\n  title \"t\"\n  duty D\n  cite \"c\"\n  basis statute\n  for each l in localities\n"
          "  require exists(l.name)\n}\n");
    const std::string rules = "--rules '" + (dir / "rules.rules").string() + "' ";
    const std::string files =
        two_versions(dir, partnership(R"([{"id": "a"}, {"id": "b"}, {"id": "c", "name": "C"}])"),
                     partnership(R"([{"id": "a"}, {"id": "b", "name": "B"}, {"id": "c"}, {"id": "d"}])"));
    Run run = dutycheck_run("diff " + rules + "--format json " + files);
    CHECK(run.exit_code == 1);
    const auto diff = nlohmann::json::parse(run.out);
    CHECK(diff["format"] == "dutycheck.diff/2");
    REQUIRE(diff["new"].size() == 1);
    CHECK(diff["new"][0]["pointer"] == "/localities/3");
    // c was met and is now unmet: the same finding, worse.
    REQUIRE(diff["worse"].size() == 1);
    CHECK(diff["worse"][0]["pointer"] == "/localities/2");
    CHECK(diff["worse"][0]["was"] == "met");
    REQUIRE(diff["resolved"].size() == 1);
    CHECK(diff["resolved"][0]["pointer"] == "/localities/1");
    CHECK(diff["resolved"][0]["status"] == "unmet");
    CHECK(diff["unchanged"].size() == 1);
    CHECK(diff["better"].empty());
    CHECK(dutycheck_run("diff " + rules + "--fail-on-new " + files).exit_code == 1);
    write(dir / "head.json", partnership(R"([{"id": "a"}, {"id": "b", "name": "B"}, {"id": "c"}])"));
    CHECK(dutycheck_run("diff " + rules + "--fail-on-new " + files).exit_code == 1);  // the worse one alone
    write(dir / "head.json", partnership(R"([{"id": "a"}, {"id": "b", "name": "B"}, {"id": "c", "name": "C"}])"));
    CHECK(dutycheck_run("diff " + rules + "--fail-on-new " + files).exit_code == 0);  // only the old gap remains
}

TEST_CASE("diff checks both versions against the same packs so dropping a pack resolves nothing", "[waivers][cli]") {
    // Inverclyde's file asks for local/inverclyde; the new version drops it from rule_packs.
    const auto dir = scratch("diff-packs");
    auto head = nlohmann::json::parse(dutycheck::testing::read_text(source_dir / "fixtures" / "inverclyde-2019.json"));
    REQUIRE(head.contains("rule_packs"));
    head.erase("rule_packs");
    write(dir / "head.json", head.dump(2));
    const Run run = dutycheck_run("diff --format json --as-of 2026-01-01 fixtures/inverclyde-2019.json '" +
                                  (dir / "head.json").string() + "'");
    const auto diff = nlohmann::json::parse(run.out);
    CHECK(diff["resolved"].empty());
    bool local_rule_still_open = false;
    for (const auto& finding : diff["unchanged"])
        local_rule_still_open = local_rule_still_open || finding["rule"].get<std::string>().rfind("inv-", 0) == 0;
    CHECK(local_rule_still_open);
}

TEST_CASE("diff says when the two versions set different parameters", "[waivers][cli]") {
    const auto dir = scratch("diff-params");
    auto file = nlohmann::json::parse(dutycheck::testing::read_text(source_dir / "fixtures" / "inverclyde-2019.json"));
    file["parameters"] = {{"min_localities", 6}, {"require_third_and_independent", true}};
    write(dir / "base.json", file.dump(2));
    // The same parameters in another order are the same check.
    file["parameters"] = {{"require_third_and_independent", true}, {"min_localities", 6}};
    write(dir / "same.json", file.dump(2));
    file["parameters"] = {{"min_localities", 2}};
    write(dir / "lenient.json", file.dump(2));
    const std::string base = "'" + (dir / "base.json").string() + "' ";
    Run run = dutycheck_run("diff --format json " + base + "'" + (dir / "same.json").string() + "'");
    CHECK(nlohmann::json::parse(run.out)["parameters_changed"] == false);
    CHECK_THAT(run.err, !Catch::Contains("different parameters"));
    run = dutycheck_run("diff --format json " + base + "'" + (dir / "lenient.json").string() + "'");
    CHECK(nlohmann::json::parse(run.out)["parameters_changed"] == true);
    CHECK_THAT(run.err, Catch::Contains("note: the two versions set different parameters"));
}

TEST_CASE("explain shows what the rule read and why, for each instance", "[waivers][cli]") {
    const Run run = dutycheck_run("check --as-of 2026-01-01 --format json --explain localities-two-or-more "
                                  "rules/scotland/tests/localities-two-or-more/pass-two-localities.json");
    const auto report = nlohmann::json::parse(run.out);
    bool explained = false;
    for (const auto& finding : report["documents"][0]["findings"]) {
        if (finding["rule"] != "localities-two-or-more") {
            CHECK_FALSE(finding.contains("explanation"));
            continue;
        }
        explained = true;
        REQUIRE(finding.contains("explanation"));
        const auto& step = finding["explanation"][0];
        CHECK(step["clause"] == "require");
        CHECK(step["outcome"] == "true");
        CHECK_FALSE(step["values"].empty());
    }
    CHECK(explained);
    CHECK(dutycheck_run("check --explain no-such-rule fixtures/inverclyde-2019.json").exit_code == 2);
}

TEST_CASE("report files are written whole or not at all", "[waivers][cli]") {
    const auto dir = scratch("outputs");
    const std::string report = (dir / "report.json").string();
    Run run = dutycheck_run("check --fail-on none --output json='" + report + "' fixtures/inverclyde-2019.json");
    REQUIRE(run.exit_code == 0);
    const std::string first = dutycheck::testing::read_text(report);
    CHECK(nlohmann::json::parse(first)["format"] == "dutycheck.report/1");
    // A run that fails on its input leaves the previous report as it was, and no temporary file.
    write(dir / "bad.json", "{ not json");
    run = dutycheck_run("check --output json='" + report + "' '" + (dir / "bad.json").string() + "'");
    CHECK(run.exit_code == 2);
    CHECK(dutycheck::testing::read_text(report) == first);
    std::size_t files = 0;
    for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(dir)) ++files;
    CHECK(files == 2);  // report.json and bad.json
    CHECK(dutycheck_run("check --output yaml=x.yaml fixtures/inverclyde-2019.json").exit_code == 2);
}

TEST_CASE("diff --git compares a file with its version at a git revision", "[waivers][cli]") {
    const auto dir = scratch("git");
    write(dir / "rules.rules",
          "rule named {\n  title \"t\"\n  duty D\n  cite \"c\"\n  basis statute\n  for each l in localities\n"
          "  require exists(l.name)\n}\n");
    write(dir / "p.json", partnership(R"([{"id": "a", "name": "A"}])"));
    const std::string git = "git -C '" + dir.string() + "' ";
    REQUIRE(std::system((git + "init -q && " + git + "add p.json && " + git +
                         "-c user.name=t -c user.email=t@example.org commit -qm base").c_str()) == 0);
    write(dir / "p.json", partnership(R"([{"id": "a"}])"));
    const Run run = dutycheck_run("diff --rules '" + (dir / "rules.rules").string() + "' --format json --git HEAD '" +
                                  (dir / "p.json").string() + "'");
    CHECK(run.exit_code == 1);
    INFO(run.err);
    const auto diff = nlohmann::json::parse(run.out);
    CHECK(diff["worse"].size() == 1);  // met at the revision, unmet now
    CHECK(diff["resolved"].empty());
}

namespace {

// One rule, of the given severity, that is unknown for a locality without `population`, unmet for a
// population under 3 and met otherwise: a status that a file's edit can move up or down.
std::string sized_rule(const std::string& id, const std::string& severity) {
    return "rule " + id + " {\n  title \"t\"\n  duty D\n  cite \"c\"\n  basis statute\n  severity " + severity +
           "\n  for each l in localities\n  require l.population >= 3 else \"{l.id} is too small\"\n}\n";
}

}  // namespace

TEST_CASE("diff shows a finding that went from unknown to unmet as worse, and --fail-on-new fails on it",
          "[waivers][cli][gate]") {
    const auto dir = scratch("diff-worse");
    write(dir / "rules.rules", sized_rule("sized", "error"));
    const std::string rules = "--rules '" + (dir / "rules.rules").string() + "' ";
    const std::string files =
        two_versions(dir, partnership(R"([{"id": "a"}, {"id": "b", "population": 1}])"),
                     partnership(R"([{"id": "a", "population": 1}, {"id": "b"}])"));
    Run run = dutycheck_run("diff " + rules + "--fail-on-new --format json " + files);
    CHECK(run.exit_code == 1);
    const auto diff = nlohmann::json::parse(run.out);
    CHECK(diff["new"].empty());
    REQUIRE(diff["worse"].size() == 1);
    CHECK(diff["worse"][0]["pointer"] == "/localities/0");
    CHECK(diff["worse"][0]["status"] == "unmet");
    CHECK(diff["worse"][0]["was"] == "unknown");
    // unmet -> unknown is less certain of a gap, not a new one: better, and not a failure.
    REQUIRE(diff["better"].size() == 1);
    CHECK(diff["better"][0]["pointer"] == "/localities/1");
    CHECK(diff["better"][0]["status"] == "unknown");
    CHECK(diff["better"][0]["was"] == "unmet");
    CHECK(diff["unchanged"].empty());
    run = dutycheck_run("diff " + rules + "--fail-on-new " + files);
    CHECK(run.exit_code == 1);
    CHECK_THAT(run.out, Catch::Contains("Worse (1)\n  unmet (was unknown)  error  sized  /localities/0"));
    CHECK_THAT(run.out, Catch::Contains("Better (1)\n  unknown (was unmet)  error  sized  /localities/1"));
    // A change that only makes a gap less certain passes the pull request's gate, and fails the
    // plain gate, since the finding still fails.
    write(dir / "head.json", partnership(R"([{"id": "a"}, {"id": "b"}])"));
    CHECK(dutycheck_run("diff " + rules + "--fail-on-new " + files).exit_code == 0);
    CHECK(dutycheck_run("diff " + rules + "--fail-on error " + files).exit_code == 1);
}

TEST_CASE("deleting a locality so that one is left fails diff --fail-on-new with the standard pack",
          "[waivers][cli][gate]") {
    // s29(3)(a): the area must be divided into at least two localities. The strategic plan's
    // localities are the file's localities[], so deleting one of two is a worsening a pull
    // request's gate must catch (met -> unmet), not "unchanged".
    const auto dir = scratch("diff-locality-deleted");
    const auto base = dutycheck::testing::case_folder("localities-two-or-more") / "pass-two-localities.json";
    auto head = nlohmann::ordered_json::parse(dutycheck::testing::read_text(base));
    REQUIRE(head["localities"].size() == 2);
    head["localities"].erase(1);
    write(dir / "head.json", head.dump(2));
    const std::string files = "'" + base.string() + "' '" + (dir / "head.json").string() + "'";
    Run run = dutycheck_run("diff --as-of 2026-01-01 --fail-on-new --format json " + files);
    CHECK(run.exit_code == 1);
    const auto diff = nlohmann::json::parse(run.out);
    bool worse = false;
    for (const auto& finding : diff["worse"])
        if (finding["rule"] == "localities-two-or-more" && finding["was"] == "met" && finding["status"] == "unmet")
            worse = true;
    INFO(run.out);
    CHECK(worse);
}

TEST_CASE("diff matches a finding by its object, so reordering a list cannot hide a new gap", "[waivers][cli][gate]") {
    const auto dir = scratch("diff-reordered");
    write(dir / "rules.rules", sized_rule("sized", "error"));
    const std::string rules = "--rules '" + (dir / "rules.rules").string() + "' ";
    // A is too small at /localities/0; then B, moved to the front, is too small and A is not.
    const std::string files =
        two_versions(dir, partnership(R"([{"id": "a", "name": "A", "population": 1}, {"id": "b", "name": "B", "population": 3}])"),
                     partnership(R"([{"id": "b", "name": "B", "population": 1}, {"id": "a", "name": "A", "population": 3}])"));
    const Run run = dutycheck_run("diff " + rules + "--fail-on-new --format json " + files);
    CHECK(run.exit_code == 1);
    const auto diff = nlohmann::json::parse(run.out);
    REQUIRE(diff["new"].size() == 1);
    CHECK(diff["new"][0]["pointer"] == "/localities/0");
    CHECK(diff["new"][0]["object"] == "B");
    REQUIRE(diff["resolved"].size() == 1);
    CHECK(diff["resolved"][0]["object"] == "A");
    CHECK(diff["unchanged"].empty());
}

TEST_CASE("diff shows a finding whose waiver expired, and one newly unknown, as worse", "[waivers][cli][gate]") {
    const auto dir = scratch("diff-expired");
    write(dir / "rules.rules",
          "rule named {\n  title \"t\"\n  duty LOC-GUIDE-NAMES\n  cite \"c\"\n  basis statutory_guidance\n"
          "  severity error\n  for each l in localities\n  require exists(l.name)\n  require l.population >= 3\n}\n");
    // The base's waiver runs to the end of March; the head's to the first, and locality a lost its population.
    const std::string waiver = R"([{"rule": "LOC-GUIDE-NAMES", "target": "/localities/1", "reason": "r",
         "approved_by": "IJB chair", "approved": "2025-12-10", "expires": "2026-)";
    const std::string files =
        two_versions(dir, partnership(R"([{"id": "a", "name": "A", "population": 3}, {"id": "b", "population": 3}])", waiver + R"(03-31"}])"),
                     partnership(R"([{"id": "a", "name": "A"}, {"id": "b", "population": 3}])", waiver + R"(03-01"}])"));
    const Run run = dutycheck_run("diff --rules '" + (dir / "rules.rules").string() +
                                  "' --as-of 2026-03-15 --fail-on-new --format json " + files);
    CHECK(run.exit_code == 1);
    const auto diff = nlohmann::json::parse(run.out);
    CHECK(diff["new"].empty());
    REQUIRE(diff["worse"].size() == 2);
    CHECK(diff["worse"][0]["pointer"] == "/localities/0");
    CHECK(diff["worse"][0]["was"] == "met");
    CHECK(diff["worse"][0]["status"] == "unknown");
    CHECK(diff["worse"][1]["pointer"] == "/localities/1");
    CHECK(diff["worse"][1]["was"] == "waived");
    CHECK(diff["worse"][1]["status"] == "waiver_expired");
}

TEST_CASE("a baseline reused on the same file has no stale entry, whatever the severity of its findings",
          "[waivers][cli][gate]") {
    const auto dir = scratch("baseline-same");
    write(dir / "rules.rules", sized_rule("warned", "warning") + sized_rule("noted", "info") + sized_rule("erred", "error"));
    const std::string rules = "--rules '" + (dir / "rules.rules").string() + "' ";
    const std::string file = "'" + (dir / "p.json").string() + "'";
    const std::string baseline = "--baseline '" + (dir / "base.json").string() + "' ";
    write(dir / "p.json", partnership(R"([{"id": "a", "population": 1}, {"id": "b"}])"));
    REQUIRE(dutycheck_run("check " + rules + "--fail-on none --output json='" + (dir / "base.json").string() + "' " + file)
                .exit_code == 0);
    for (const char* level : {"error", "warning", "info", "none"}) {
        INFO(level);
        const Run run = dutycheck_run("check " + rules + baseline + "--fail-on " + level + " " + file);
        CHECK(run.exit_code == 0);
        CHECK_THAT(run.err, !Catch::Contains("stale"));
    }
    // A baselined finding that worsens is not accepted: unknown then, unmet now.
    write(dir / "p.json", partnership(R"([{"id": "a", "population": 1}, {"id": "b", "population": 2}])"));
    Run run = dutycheck_run("check " + rules + baseline + "--fail-on warning --format json " + file);
    CHECK(run.exit_code == 1);
    CHECK_THAT(run.err, !Catch::Contains("stale"));
    const auto report = nlohmann::json::parse(run.out);
    std::map<std::string, std::string> marks;
    for (const auto& finding : report["documents"][0]["findings"])
        marks[finding["rule"].get<std::string>() + finding["pointer"].get<std::string>()] =
            finding.value("baseline", std::string("(none)"));
    CHECK(marks["warned/localities/0"] == "baselined");
    CHECK(marks["warned/localities/1"] == "worse");
    CHECK(marks["noted/localities/1"] == "worse");
    // Below the threshold a worse finding is marked but does not fail the gate.
    CHECK(dutycheck_run("check " + rules + baseline + "--fail-on error " + file).exit_code == 1);
    write(dir / "rules.rules", sized_rule("warned", "warning") + sized_rule("noted", "info"));
    CHECK(dutycheck_run("check " + rules + baseline + "--fail-on error " + file).exit_code == 0);
}

TEST_CASE("every --fail-on level fails on a finding at that level and passes one just below it",
          "[waivers][cli][gate]") {
    const auto dir = scratch("fail-on");
    write(dir / "p.json", partnership(R"([{"id": "a", "population": 1}])"));
    const std::string file = " '" + (dir / "p.json").string() + "'";
    const auto check = [&](const std::string& severity, const std::string& level) {
        write(dir / "rules.rules", sized_rule("r", severity));
        return dutycheck_run("check --rules '" + (dir / "rules.rules").string() + "' --fail-on " + level + file).exit_code;
    };
    CHECK(check("error", "error") == 1);
    CHECK(check("warning", "error") == 0);
    CHECK(check("warning", "warning") == 1);
    CHECK(check("info", "warning") == 0);
    CHECK(check("info", "info") == 1);
    // `none` only reports: nothing at all fails it, an error included.
    CHECK(check("error", "none") == 0);
    // The default is error.
    write(dir / "rules.rules", sized_rule("r", "warning"));
    CHECK(dutycheck_run("check --rules '" + (dir / "rules.rules").string() + "'" + file).exit_code == 0);
    write(dir / "rules.rules", sized_rule("r", "error"));
    CHECK(dutycheck_run("check --rules '" + (dir / "rules.rules").string() + "'" + file).exit_code == 1);
}

TEST_CASE("a duty verdict is the most serious status of its rules, never met while one is unknown or unmet",
          "[waivers][verdicts]") {
    using engine::Status;
    dutycheck::testing::Rules rules;
    engine::RuleInfo info;
    info.duties = {"D"};
    info.id = "whole";
    const auto* whole = rules.add(info);
    info.id = "each";
    const auto* each = rules.add(info);
    info.id = "both";
    info.duties = {"D", "E"};
    const auto* both = rules.add(info);
    using dutycheck::testing::finding;
    // Worst first: unmet, waiver_expired, unknown, waived, met, not_applicable. Each status with
    // every one less serious than it gives that status.
    const Status order[] = {Status::unmet, Status::waiver_expired, Status::unknown,
                            Status::waived, Status::met, Status::not_applicable};
    for (std::size_t worst = 0; worst < std::size(order); ++worst) {
        for (std::size_t other = worst; other < std::size(order); ++other) {
            INFO(engine::to_string(order[worst]) << " with " << engine::to_string(order[other]));
            for (const bool swapped : {false, true}) {
                const auto verdicts = engine::duty_verdicts(
                    {finding(whole, swapped ? order[other] : order[worst], "/partnership/integration_scheme"),
                     finding(each, swapped ? order[worst] : order[other], "/partnership/integration_scheme/reviews/0")});
                REQUIRE(verdicts.size() == 1);
                CHECK(verdicts[0].status == order[worst]);
                CHECK(verdicts[0].pointer == "/partnership/integration_scheme");
                CHECK(verdicts[0].findings == std::vector<std::size_t>{0, 1});
            }
        }
    }
    // Parts of one object roll up into it, but "/localities/1" is not part of "/localities/10";
    // a rule of two duties counts towards each; a verdict takes its object's name.
    const auto verdicts =
        engine::duty_verdicts({finding(each, Status::met, "/localities/1", "One"),
                               finding(each, Status::unknown, "/localities/10/planning_group"),
                               finding(both, Status::unmet, "/localities/10", "Ten"),
                               finding(whole, Status::met, "/localities/1/planning_group")});
    REQUIRE(verdicts.size() == 3);
    CHECK(verdicts[0].duty == "D");
    CHECK(verdicts[0].pointer == "/localities/1");
    CHECK(verdicts[0].object_name == "One");
    CHECK(verdicts[0].status == Status::met);
    CHECK(verdicts[0].findings == std::vector<std::size_t>{0, 3});
    CHECK(verdicts[1].duty == "D");
    CHECK(verdicts[1].pointer == "/localities/10");
    CHECK(verdicts[1].object_name == "Ten");
    CHECK(verdicts[1].status == Status::unmet);
    CHECK(verdicts[1].findings == std::vector<std::size_t>{1, 2});
    CHECK(verdicts[2].duty == "E");
    CHECK(verdicts[2].pointer == "/localities/10");
    CHECK(verdicts[2].status == Status::unmet);
}

TEST_CASE("the JSON, Markdown and HTML reports give one verdict per duty and object", "[waivers][cli][verdicts]") {
    const auto dir = scratch("verdicts");
    // FAM-DUTY is checked on the localities as a whole and on each of them: one verdict, on the
    // localities. ONE-DUTY is checked on each locality: a verdict each.
    write(dir / "rules.rules",
          "rule count-rule {\n  title \"Two or more\"\n  duty FAM-DUTY\n  cite \"c\"\n  basis statute\n"
          "  about localities\n  require count(localities) >= 2\n}\n"
          "rule each-rule {\n  title \"Each big enough\"\n  duty FAM-DUTY\n  cite \"c\"\n  basis statute\n"
          "  for each l in localities\n  require l.population >= 3\n}\n"
          "rule named-rule {\n  title \"Each named\"\n  duty ONE-DUTY\n  cite \"c\"\n  basis statute\n"
          "  for each l in localities\n  require exists(l.name)\n}\n");
    write(dir / "p.json", partnership(R"([{"id": "a", "name": "A", "population": 3}, {"id": "b", "name": "B"}])"));
    const std::string args = "check --rules '" + (dir / "rules.rules").string() + "' --fail-on none --format ";
    const std::string file = " '" + (dir / "p.json").string() + "'";
    const auto report = nlohmann::json::parse(dutycheck_run(args + "json" + file).out);
    const auto& verdicts = report["documents"][0]["duty_verdicts"];
    REQUIRE(verdicts.size() == 3);
    CHECK(verdicts[0] == nlohmann::json::parse(R"({"duty": "FAM-DUTY", "pointer": "/localities", "object": "",
        "status": "unknown", "rules": ["count-rule", "each-rule"], "findings": [0, 1, 2]})"));
    CHECK(verdicts[1]["duty"] == "ONE-DUTY");
    CHECK(verdicts[1]["pointer"] == "/localities/0");
    CHECK(verdicts[1]["object"] == "A");
    CHECK(verdicts[1]["status"] == "met");
    CHECK(verdicts[2]["pointer"] == "/localities/1");

    const std::string markdown = dutycheck_run(args + "markdown" + file).out;
    CHECK_THAT(markdown, Catch::Contains("### Duty verdicts"));
    CHECK_THAT(markdown, Catch::Contains("| ? Unknown | FAM-DUTY | Localities | count-rule, each-rule |\n"
                                         "| \u2713 Met | ONE-DUTY | A | named-rule |\n"));

    // The matrix has the family's verdict on the localities' row, and no FAM-DUTY cell on a
    // locality's own row.
    const std::string html = dutycheck_run(args + "html" + file).out;
    CHECK_THAT(html, Catch::Contains("<td class=\"cell s-unknown\" title=\"Localities \u2014 FAM-DUTY\n"));
    CHECK_THAT(html, !Catch::Contains("A \u2014 FAM-DUTY"));
    CHECK_THAT(html, Catch::Contains("<td class=\"cell s-met\" title=\"A \u2014 ONE-DUTY\n"));
}

TEST_CASE("every check format marks which findings the baseline accepts, which are new and which are worse",
          "[waivers][cli][gate]") {
    const auto dir = scratch("marks");
    write(dir / "rules.rules", sized_rule("sized", "error"));
    const std::string rules = "--rules '" + (dir / "rules.rules").string() + "' ";
    const std::string file = " '" + (dir / "p.json").string() + "'";
    // The baseline: a unmet, b unknown. Now: a still unmet, b unmet (worse), c new.
    write(dir / "p.json", partnership(R"([{"id": "a", "population": 1}, {"id": "b"}])"));
    REQUIRE(dutycheck_run("check " + rules + "--fail-on none --output json='" + (dir / "base.json").string() + "'" + file)
                .exit_code == 0);
    write(dir / "p.json", partnership(R"([{"id": "a", "population": 1}, {"id": "b", "population": 2}, {"id": "c", "population": 0}])"));
    const std::string baseline = "--baseline '" + (dir / "base.json").string() + "' ";
    const auto run = [&](const std::string& format, bool with_baseline = true) {
        const Run result =
            dutycheck_run("check " + rules + (with_baseline ? baseline : "") + "--format " + format + file);
        CHECK(result.exit_code == 1);
        return result.out;
    };
    const std::string accepted = "baselined: in the baseline as unmet", fresh = "new: not in the baseline",
                      worse = "worse: in the baseline as unknown, now unmet";
    for (const char* format : {"text", "markdown", "junit", "github"}) {
        INFO(format);
        const std::string out = run(format);
        CHECK_THAT(out, Catch::Contains(accepted) && Catch::Contains(fresh) && Catch::Contains(worse));
        CHECK_THAT(run(format, false), !Catch::Contains("baseline"));
    }
    const std::string html = run("html");
    CHECK_THAT(html, Catch::Contains("<span class=\"baseline b-baselined\">" + accepted + "</span>"));
    CHECK_THAT(html, Catch::Contains("<span class=\"baseline b-new\">" + fresh + "</span>"));
    CHECK_THAT(html, Catch::Contains("<span class=\"baseline b-worse\">" + worse + "</span>"));
    CHECK_THAT(run("html", false), !Catch::Contains("<span class=\"baseline"));

    const auto json = nlohmann::json::parse(run("json"));
    const auto& findings = json["documents"][0]["findings"];
    REQUIRE(findings.size() == 3);
    CHECK(findings[0]["baseline"] == "baselined");
    CHECK(findings[0]["baseline_status"] == "unmet");
    CHECK(findings[1]["baseline"] == "worse");
    CHECK(findings[1]["baseline_status"] == "unknown");
    CHECK(findings[2]["baseline"] == "new");
    CHECK_FALSE(findings[2].contains("baseline_status"));
    CHECK_FALSE(nlohmann::json::parse(run("json", false))["documents"][0]["findings"][0].contains("baseline"));

    // SARIF's own vocabulary: unchanged, updated, new.
    const auto sarif = nlohmann::json::parse(run("sarif"));
    const auto& results = sarif["runs"][0]["results"];
    REQUIRE(results.size() == 3);
    CHECK(results[0]["baselineState"] == "unchanged");
    CHECK(results[1]["baselineState"] == "updated");
    CHECK(results[2]["baselineState"] == "new");
    CHECK_FALSE(nlohmann::json::parse(run("sarif", false))["runs"][0]["results"][0].contains("baselineState"));

    // TSV: the ninth field, empty without a baseline.
    CHECK(run("tsv") == "sized\t" + (dir / "p.json").string() + "\t/localities/0\tunmet\terror\t2\t" +
                           "31\ta is too small\tbaselined\n"
                           "sized\t" + (dir / "p.json").string() + "\t/localities/1\tunmet\terror\t2\t" +
                           "61\tb is too small\tworse\n"
                           "sized\t" + (dir / "p.json").string() + "\t/localities/2\tunmet\terror\t2\t" +
                           "91\tc is too small\tnew\n");
}
