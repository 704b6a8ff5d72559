// `dutycheck test`: what a rule author sees when a pack's cases pass, fail or cannot be run, and
// what --coverage says was never reached. Each test writes a one-rule pack in a fresh folder.
#include "test_support.hpp"

#include <nlohmann/json.hpp>

using dutycheck::testing::dutycheck_run;

namespace {

// A pack "demo" whose one rule asks for two localities once any are recorded.
const char* const demo_pack = R"rules(pack "demo" version "0.1.0" jurisdiction "scotland"
  description "A pack for testing the test runner"

rule demo-two-localities {
  title "Two or more localities"
  duty  PBJW-S29-LOCALITIES
  cite  "Public Bodies (Joint Working) (Scotland) Act 2014, s29(3)(a)"
  basis statute
  about localities
  when  count(localities) >= 1
    else "no locality is recorded"
  require count(localities) >= 2
    else "{count(localities)} localities recorded"
}
)rules";

// Fragments: no format, no partnership; the runner completes them.
const char* const two_localities = R"({"localities": [{"id": "a", "name": "A"}, {"id": "b", "name": "B"}]})";
const char* const one_locality = R"({"localities": [{"id": "a", "name": "A"}]})";

void write(const std::filesystem::path& path, const std::string& text) {
    std::filesystem::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << text;
}

// The pack in a fresh folder, with its cases and expected.tsv; returns the pack's folder.
std::filesystem::path demo(const std::string& test, const std::string& expected,
                           const std::vector<std::pair<std::string, std::string>>& cases) {
    const auto pack = dutycheck::testing::fresh_dir(test) / "demo";
    write(pack / "pack.rules", demo_pack);
    const auto folder = pack / "tests" / "demo-two-localities";
    write(folder / "expected.tsv", expected);
    for (const auto& [name, text] : cases) write(folder / name, text);
    return pack;
}

}  // namespace

TEST_CASE("a case whose findings differ from expected.tsv fails with its file, rule, pointer and both statuses",
          "[pack-tests][cli]") {
    const auto pack = demo("dutycheck-test-wrong-row",
                           "file\tstatus\tpointer\npass.json\tmet\t/localities\nfail.json\tmet\t/localities\n",
                           {{"pass.json", two_localities}, {"fail.json", one_locality}});
    const auto run = dutycheck_run("test '" + pack.string() + "'");
    INFO(run.err);
    CHECK(run.exit_code == 1);
    CHECK(run.out == (pack / "tests" / "demo-two-localities" / "fail.json").string() +
                         ": demo-two-localities: at /localities: expected met, found unmet \"1 localities recorded\"\n"
                         "1 passed, 1 failed\n");
}

TEST_CASE("a fragment is completed with the format, a partnership and the pack, and passes", "[pack-tests][cli]") {
    // Neither case names a format, a partnership or rule_packs: without completion the engine
    // would refuse them (DC502) and the run would stop with exit 2.
    const auto pack = demo("dutycheck-test-fragment",
                           "file\tstatus\tpointer\npass.json\tmet\t/localities\nfail.json\tunmet\t/localities\n"
                           "none.json\tnot_applicable\t/localities\n",
                           {{"pass.json", two_localities}, {"fail.json", one_locality}, {"none.json", R"({"localities": []})"}});
    const auto run = dutycheck_run("test '" + pack.string() + "'");
    INFO(run.err);
    CHECK(run.exit_code == 0);
    CHECK(run.out == "3 passed, 0 failed\n");
}

TEST_CASE("an expected message, in a fourth column, is compared exactly", "[pack-tests][cli]") {
    const auto pack = demo("dutycheck-test-message",
                           "file\tstatus\tpointer\tmessage\nright.json\tunmet\t/localities\t1 localities recorded\n"
                           "wrong.json\tunmet\t/localities\tone locality recorded\n",
                           {{"right.json", one_locality}, {"wrong.json", one_locality}});
    const auto run = dutycheck_run("test '" + pack.string() + "'");
    INFO(run.err);
    CHECK(run.exit_code == 1);
    CHECK(run.out == (pack / "tests" / "demo-two-localities" / "wrong.json").string() +
                         ": demo-two-localities: at /localities: expected unmet \"one locality recorded\", found "
                         "unmet \"1 localities recorded\"\n"
                         "1 passed, 1 failed\n");
}

TEST_CASE("test --coverage lists the branches and statuses the cases never reached", "[pack-tests][cli]") {
    // Only a passing case: the require is never false or unknown, the when never false or
    // unknown, and the rule is never shown unmet or unknown.
    const auto pack = demo("dutycheck-test-coverage", "file\tstatus\tpointer\npass.json\tmet\t/localities\n",
                           {{"pass.json", two_localities}});
    const auto run = dutycheck_run("test --coverage '" + pack.string() + "'");
    INFO(run.err);
    CHECK(run.exit_code == 0);
    const std::string rules = (pack / "pack.rules").string();
    CHECK(run.out == "rules whose cases never show each of met, unmet and unknown:\n"
                     "  demo-two-localities (demo): never unmet, never unknown\n"
                     "branches never reached:\n"
                     "  " + rules + ":10:9: demo-two-localities: when count(localities) >= 1: never false, never unknown\n"
                     "  " + rules + ":12:11: demo-two-localities: require count(localities) >= 2: never false, never unknown\n"
                     "branch coverage: 33.3% (2 of 6)\n"
                     "1 passed, 0 failed\n");

    // The same as JSON, for tools: each clause's outcomes counted in cases.
    const auto json_run = dutycheck_run("test --coverage --format json '" + pack.string() + "'");
    CHECK(json_run.exit_code == 0);
    const auto json = nlohmann::json::parse(json_run.out);
    CHECK(json["passed"] == 1);
    CHECK(json["coverage"]["branches"] == nlohmann::json{{"reached", 2}, {"total", 6}});
    const auto& rule = json["coverage"]["rules"].at(0);
    CHECK(rule["statuses"] == nlohmann::json{{"met", 1}, {"unmet", 0}, {"unknown", 0}, {"not_applicable", 0}});
    CHECK(rule["clauses"].at(1)["reached"] == nlohmann::json{{"true", 1}, {"false", 0}, {"unknown", 0}});
}

TEST_CASE("a case folder for no rule of the pack, or without expected.tsv, is bad input (exit 2)", "[pack-tests][cli]") {
    const auto pack = demo("dutycheck-test-bad-input", "file\tstatus\tpointer\npass.json\tmet\t/localities\n",
                           {{"pass.json", two_localities}});
    write(pack / "tests" / "demo-two-localitis" / "expected.tsv", "file\tstatus\tpointer\n");
    auto run = dutycheck_run("test '" + pack.string() + "'");
    CHECK(run.exit_code == 2);
    CHECK(run.out.empty());
    CHECK(run.err == (pack / "tests" / "demo-two-localitis").string() +
                         ": error[DC601]: no rule 'demo-two-localitis' in pack 'demo': a folder of cases is named "
                         "for its rule; did you mean 'demo-two-localities'?\n");

    std::filesystem::remove_all(pack / "tests" / "demo-two-localitis");
    std::filesystem::remove(pack / "tests" / "demo-two-localities" / "expected.tsv");
    run = dutycheck_run("test '" + pack.string() + "'");
    CHECK(run.exit_code == 2);
    CHECK(run.err == (pack / "tests" / "demo-two-localities" / "expected.tsv").string() +
                         ": error[DC601]: cannot read expected.tsv: each case folder lists its files' findings in one\n");
}

TEST_CASE("a case file that expected.tsv does not list is bad input, not a silent pass", "[pack-tests][cli]") {
    const auto pack = demo("dutycheck-test-unlisted", "file\tstatus\tpointer\npass.json\tmet\t/localities\n",
                           {{"pass.json", two_localities}, {"fail-unlisted.json", one_locality}});
    const auto run = dutycheck_run("test '" + pack.string() + "'");
    CHECK(run.exit_code == 2);
    CHECK(run.err == (pack / "tests" / "demo-two-localities" / "fail-unlisted.json").string() +
                         ": error[DC601]: a case file that expected.tsv does not list, so it would never run: add a "
                         "line for each finding it gives, or remove it\n");
}
