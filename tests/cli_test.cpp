// The command line, run as a user would: exit codes, both formats, and errors with their place.
#include "test_support.hpp"

#include <nlohmann/json.hpp>

#include <array>
#include <cstdio>
#include <fcntl.h>
#include <grp.h>
#include <optional>
#include <pwd.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

using dutycheck::testing::dutycheck_run;
using dutycheck::testing::fresh_dir;
using dutycheck::testing::Run;
using dutycheck::testing::source_dir;
using dutycheck::testing::temp_file;

namespace {


// Runs the built binary as the user 'nobody' from `dir`, with stdout and stderr in files there:
// root reads any file, so a permission test must not run as root. nullopt, with a warning, when
// there is no such user or it cannot run the build's binary.
std::optional<Run> run_as_nobody(std::vector<std::string> arguments, const std::filesystem::path& dir) {
    const passwd* nobody = getpwnam("nobody");
    if (nobody == nullptr) {
        WARN("skipped: there is no user 'nobody' to run the binary without root's access to every file");
        return std::nullopt;
    }
    const uid_t uid = nobody->pw_uid;
    const gid_t gid = nobody->pw_gid;
    const auto out_path = dir / "run.out", err_path = dir / "run.err";
    const int out = open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    const int err = open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    REQUIRE(out >= 0);
    REQUIRE(err >= 0);
    arguments.insert(arguments.begin(), DUTYCHECK_BINARY);
    std::vector<char*> argv;
    for (auto& argument : arguments) argv.push_back(argument.data());
    argv.push_back(nullptr);
    const pid_t child = fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        // The output files were opened as root and stay open across the change of user.
        if (dup2(out, STDOUT_FILENO) < 0 || dup2(err, STDERR_FILENO) < 0) _exit(126);
        if (setgroups(0, nullptr) != 0 || setgid(gid) != 0 || setuid(uid) != 0) _exit(126);
        if (access(DUTYCHECK_BINARY, X_OK) != 0) _exit(77);
        if (chdir(dir.c_str()) != 0) _exit(126);
        execv(DUTYCHECK_BINARY, argv.data());
        _exit(126);
    }
    close(out);
    close(err);
    int status = 0;
    REQUIRE(waitpid(child, &status, 0) == child);
    const int code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    if (code == 77) {
        WARN("skipped: the user 'nobody' cannot run " DUTYCHECK_BINARY " (a folder on its path is closed to other "
             "users)");
        return std::nullopt;
    }
    REQUIRE(code != 126);  // the child could not change user or start the binary
    return Run{code, dutycheck::testing::read_text(out_path), dutycheck::testing::read_text(err_path)};
}

}  // namespace

TEST_CASE("checking the bundled Inverclyde file prints a report and exits 1 for its unknown finding", "[cli]") {
    const Run run = dutycheck_run("check --as-of 2026-01-01 fixtures/inverclyde-2019.json");
    CHECK(run.exit_code == 1);
    CHECK_THAT(run.out, Catch::StartsWith("Inverclyde Health and Social Care Partnership (fixtures/inverclyde-2019.json), as of 2026-01-01"));
    CHECK_THAT(run.out, Catch::Contains("UNKNOWN"));
    CHECK_THAT(run.out, Catch::Contains("IJB/42/2019/HW"));
    CHECK_THAT(run.out, Catch::Contains("PBJW-S27-DIRECTION-IN-WRITING"));
    CHECK_THAT(run.out, Catch::Contains("s27(5)(b)"));
    CHECK(run.err.empty());
}

TEST_CASE("a report-only run with fail-on none exits 0", "[cli]") {
    CHECK(dutycheck_run("check --fail-on none fixtures/inverclyde-2019.json").exit_code == 0);
}

TEST_CASE("a partnership that meets every rule exits 0", "[cli]") {
    const std::string rules = temp_file("dutycheck-two.rules",
        "rule two {\n  title \"t\"\n  duty D\n  cite \"c\"\n  basis statute\n  require count(localities) >= 2\n}\n");
    const Run run = dutycheck_run("check --rules '" + rules + "' rules/scotland/tests/localities-two-or-more/pass-six-localities.json");
    CHECK(run.exit_code == 0);
    CHECK_THAT(run.out, Catch::Contains("Summary: 1 met, 0 unmet, 0 unknown, 0 not applicable"));
}

TEST_CASE("JSON output parses and carries rule, duties, status, pointer and citation", "[cli]") {
    const Run run = dutycheck_run("check --format json --as-of 2026-01-01 fixtures/inverclyde-2019.json");
    CHECK(run.exit_code == 1);
    const auto report = nlohmann::json::parse(run.out);
    CHECK(report["format"] == "dutycheck.report/1");
    CHECK(report["as_of"] == "2026-01-01");
    const auto& findings = report["documents"][0]["findings"];
    bool found = false;
    for (const auto& finding : findings) {
        if (finding["rule"] != "direction-in-writing") continue;
        found = true;
        CHECK(finding["status"] == "unknown");
        CHECK(finding["pointer"] == "/reports/0");
        CHECK(finding["duties"][0] == "PBJW-S27-DIRECTION-IN-WRITING");
        CHECK(finding["citation"]["source"].get<std::string>().find("s27(5)(b)") != std::string::npos);
    }
    CHECK(found);
}

TEST_CASE("a file from another jurisdiction is not applicable, not a pass", "[cli]") {
    const std::string file = temp_file("dutycheck-england.json",
        R"({"format": "dutycheck.partnership/1", "partnership": {"id": "lancs", "name": "Lancashire", "jurisdiction": "england"}})");
    const Run run = dutycheck_run("check --format json '" + file + "'");
    CHECK(run.exit_code == 0);
    const auto report = nlohmann::json::parse(run.out);
    CHECK(report["documents"][0]["summary"]["met"] == 0);
    CHECK(report["documents"][0]["summary"]["not_applicable"].get<int>() > 0);
}

TEST_CASE("malformed JSON gives its line and column and exit 2, with nothing on stdout", "[cli]") {
    const std::string file = temp_file("dutycheck-bad.json", "{\n  \"format\": \"dutycheck.partnership/1\",\n  \"x\": [1, 2\n}\n");
    const Run run = dutycheck_run("check '" + file + "'");
    CHECK(run.exit_code == 2);
    CHECK(run.out.empty());
    CHECK_THAT(run.err, Catch::Contains(file + ":4:1: error[DC501]: invalid JSON"));
}

TEST_CASE("an unknown format version is an input error at /format", "[cli]") {
    const std::string file = temp_file("dutycheck-v9.json", "{\n  \"format\": \"dutycheck.partnership/9\"\n}\n");
    const Run run = dutycheck_run("check '" + file + "'");
    CHECK(run.exit_code == 2);
    CHECK(run.out.empty());
    CHECK_THAT(run.err, Catch::Contains(file + ":2:13: error[DC502]: unknown format version"));
}

TEST_CASE("a rule file with a syntax error gives file:line:col, the line, a caret, and exit 2", "[cli]") {
    const std::string file = temp_file("dutycheck-bad.rules", "rule r {\n  title \"t\"\n  require count(localities >= 2\n}\n");
    const Run run = dutycheck_run("check --rules '" + file + "' fixtures/inverclyde-2019.json");
    CHECK(run.exit_code == 2);
    CHECK(run.out.empty());
    CHECK_THAT(run.err, Catch::Contains(file + ":4:1: error[DC101]: expected ')' to close the call, found '}'\n"
                                        "   4 | }\n"
                                        "     | ^\n"));
}

TEST_CASE("lint reports rule problems without a document", "[cli]") {
    CHECK(dutycheck_run("lint rules/scotland rules/local/inverclyde").exit_code == 0);
    const std::string file = temp_file("dutycheck-lint.rules", "rule r {\n  title \"t\"\n  duty D\n  cite \"c\"\n  basis law\n  require true\n}\n");
    const Run run = dutycheck_run("lint '" + file + "'");
    CHECK(run.exit_code == 2);
    CHECK_THAT(run.err, Catch::Contains("error[DC204]: unknown basis 'law'"));
}

TEST_CASE("rules list and explain show sources and force", "[cli]") {
    Run run = dutycheck_run("rules list");
    CHECK(run.exit_code == 0);
    CHECK_THAT(run.out, Catch::StartsWith("pack scotland"));
    CHECK_THAT(run.out, Catch::Contains("localities-two-or-more  [error, statute]"));
    CHECK_THAT(run.out, Catch::Contains("pack local/inverclyde"));
    run = dutycheck_run("rules explain eqia-for-policy-change");
    CHECK(run.exit_code == 0);
    CHECK_THAT(run.out, Catch::Contains("quote:    \"A listed authority must"));
    CHECK_THAT(run.out, Catch::Contains("rule eqia-for-policy-change {"));
    CHECK(dutycheck_run("rules explain no-such-rule").exit_code == 2);
}

namespace {

// A local pack of three rules about a file's partnership: two fail (unmet), one holds.
std::string local_pack(const std::string& declaration) {
    auto rule = [](const std::string& id, const std::string& logic) {
        return "rule " + id + " {\n  title \"" + id + "\"\n  duty LOCAL-1\n  cite \"a board paper\"\n  basis local_policy\n" +
               logic + "\n}\n";
    };
    const auto dir = fresh_dir("dutycheck-local-pack");
    std::ofstream(dir / "pack.rules") << declaration << "\n"
                                      << rule("id-is-q", "  require partnership.id == \"q\"")
                                      << rule("name-is-q", "  require partnership.name == \"Q\"")
                                      << rule("name-is-p", "  let name = partnership.name\n  require name == \"P\"\n"
                                                           "  require date(partnership.integration_start_day) <= as_of");
    return dir.string();
}

const std::string partnership_file = temp_file(
    "local.json", R"({"format": "dutycheck.partnership/1", "partnership": {"id": "p", "name": "P", "jurisdiction": "scotland"}})");

}  // namespace

TEST_CASE("a failing local pack of warnings passes, and its summary says the failures do not gate", "[cli]") {
    const std::string pack = local_pack("pack \"local/p\" version \"1\"");
    Run run = dutycheck_run("check --as-of 2026-01-01 --rules " + pack + " " + partnership_file);
    CHECK(run.exit_code == 0);
    CHECK_THAT(run.out, Catch::Contains(
                            "\nSummary: 0 met, 2 unmet (2 warning), 1 unknown (1 warning), 0 not applicable; 3 unmet or "
                            "unknown findings (3 warning) are below --fail-on error and do not fail this run\n"));
    run = dutycheck_run("check --as-of 2026-01-01 --fail-on none --format json --rules " + pack + " " + partnership_file);
    CHECK(run.exit_code == 0);
    const auto report = nlohmann::json::parse(run.out);
    CHECK(report["fail_on"] == "none");
    CHECK(report["summary"]["not_gating"] == 3);
    CHECK(report["documents"][0]["summary"]["not_gating"] == 3);
    run = dutycheck_run("check --as-of 2026-01-01 --fail-on none --format markdown --rules " + pack + " " + partnership_file);
    CHECK_THAT(run.out, Catch::Contains("\n3 unmet or unknown findings do not fail this run (--fail-on none).\n"));
}

TEST_CASE("a local pack that declares severity error fails the run, and its summary names no passing failure", "[cli]") {
    const std::string pack = local_pack("pack \"local/p\" version \"1\" severity error");
    const Run run = dutycheck_run("check --as-of 2026-01-01 --rules " + pack + " " + partnership_file);
    CHECK(run.exit_code == 1);
    CHECK_THAT(run.out, Catch::Contains("\nSummary: 0 met, 2 unmet (2 error), 1 unknown (1 error), 0 not applicable\n"));
}

TEST_CASE("check --explain takes several rules, or every failing one, and an unknown id suggests the nearest", "[cli]") {
    const std::string pack = local_pack("pack \"local/p\"");
    auto explained = [&](const std::string& explain) {
        const Run run = dutycheck_run("check --as-of 2026-01-01 --format json --fail-on none --rules " + pack + " " +
                                      explain + " " + partnership_file);
        INFO(run.err);
        REQUIRE(run.exit_code == 0);
        std::vector<std::string> rules;
        const auto report = nlohmann::json::parse(run.out);
        for (const auto& finding : report["documents"][0]["findings"])
            if (finding.contains("explanation")) rules.push_back(finding["rule"]);
        return rules;
    };
    CHECK(explained("--explain id-is-q --explain name-is-p") == std::vector<std::string>{"id-is-q", "name-is-p"});
    CHECK(explained("--explain id-is-q,name-is-p") == std::vector<std::string>{"id-is-q", "name-is-p"});
    CHECK(explained("--explain failing") == std::vector<std::string>{"id-is-q", "name-is-q", "name-is-p"});
    const Run run = dutycheck_run("check --rules " + pack + " --explain id-is-q --explain nam-is-p " + partnership_file);
    CHECK(run.exit_code == 2);
    CHECK_THAT(run.err, Catch::Contains("--explain: no rule with id 'nam-is-p'; did you mean 'name-is-p'? "
                                        "(see 'dutycheck rules list')"));
}

TEST_CASE("check --trace shows each clause's value and the facts it read, absent ones included", "[cli]") {
    const std::string pack = local_pack("pack \"local/p\"");
    const Run run = dutycheck_run("check --as-of 2026-01-01 --format json --rules " + pack + " --trace name-is-p " +
                                  partnership_file);
    CHECK(run.exit_code == 0);
    CHECK_NOTHROW(nlohmann::json::parse(run.out));  // the report is untouched
    CHECK(run.err == "Trace of name-is-p in " + partnership_file + ", as of 2026-01-01: 1 instance\n"
                     "instance 1: the whole partnership file: unknown\n"
                     "  let name = partnership.name  => P\n"
                     "      /partnership/name = \"P\"\n"
                     "  require name == \"P\"  => met\n"
                     "  require date(partnership.integration_start_day) <= as_of  => unknown\n"
                     "      /partnership/integration_start_day: absent\n");
    CHECK(dutycheck_run("check --rules " + pack + " --trace name-is " + partnership_file).exit_code == 2);
}

TEST_CASE("parameters from the command line override, and a bad one is a usage error", "[cli]") {
    const std::string fixture = "rules/scotland/tests/localities-two-or-more/pass-two-localities.json";
    CHECK(dutycheck_run("check --format json " + fixture).exit_code == 1);  // its LPG evidence is missing
    CHECK(dutycheck_run("check --param min_localities=3 --format json " + fixture).exit_code == 1);
    const Run run = dutycheck_run("check --param min_localities=three " + fixture);
    CHECK(run.exit_code == 2);
    CHECK_THAT(run.err, Catch::Contains("--param min_localities=three: expected a number"));
}

TEST_CASE("a repeatable option takes one value each time, so the files after it are checked", "[cli]") {
    // `--rules DIR FILE FILE` once read the first FILE as a second rule pack.
    const std::string files = " fixtures/inverclyde-2019.json fixtures/lancashire.json";
    const Run run = dutycheck_run("check --fail-on none --format json --rules rules/scotland" + files);
    REQUIRE(run.exit_code == 0);
    const auto documents = nlohmann::json::parse(run.out)["documents"];
    REQUIRE(documents.size() == 2);
    CHECK(documents[0]["file"] == "fixtures/inverclyde-2019.json");
    CHECK(documents[1]["file"] == "fixtures/lancashire.json");
    CHECK(dutycheck_run("check --fail-on none --format json --param min_localities=3" + files).exit_code == 0);
    CHECK(dutycheck_run("calendar --format json --rules rules/scotland" + files).exit_code == 0);
}

TEST_CASE("a folder of partnership files is checked file by file", "[cli]") {
    const Run run = dutycheck_run("check --format json --fail-on none rules/scotland/tests/localities-two-or-more");
    CHECK(run.exit_code == 0);
    CHECK(nlohmann::json::parse(run.out)["documents"].size() == 7);
}

TEST_CASE("a mistyped command or option gets a suggestion, and -v and -q work after the command", "[cli]") {
    Run run = dutycheck_run("chek fixtures/lancashire.json");
    CHECK(run.exit_code == 2);
    CHECK_THAT(run.err, Catch::EndsWith("did you mean 'check'?\n"));
    run = dutycheck_run("rules lsit");
    CHECK(run.exit_code == 2);
    CHECK_THAT(run.err, Catch::EndsWith("did you mean 'list'?\n"));
    run = dutycheck_run("check --exlude x fixtures/lancashire.json");
    CHECK(run.exit_code == 2);
    CHECK_THAT(run.err, Catch::EndsWith("did you mean '--exclude'?\n"));
    run = dutycheck_run("check --fail-on-nwe fixtures/lancashire.json");
    CHECK_THAT(run.err, Catch::EndsWith("did you mean '--fail-on'?\n"));
    // Nothing near: no guess.
    run = dutycheck_run("check --zzzzzzzz fixtures/lancashire.json");
    CHECK(run.exit_code == 2);
    CHECK_THAT(run.err, !Catch::Contains("did you mean"));
    // -q and -v after the command, as before it.
    const std::string folder = "check --as-of 2026-01-01 --fail-on none --format json rules/scotland/tests/localities-two-or-more";
    CHECK(dutycheck_run(folder + " -q").exit_code == 0);
    run = dutycheck_run("check -v --as-of 2026-01-01 --fail-on none fixtures/lancashire.json");
    CHECK(run.exit_code == 0);
    CHECK_THAT(run.err, Catch::Contains("debug: "));
    CHECK(dutycheck_run("check -q --as-of 2026-01-01 --fail-on none fixtures/lancashire.json").err.empty());
}

TEST_CASE("a report output to '-' goes to stdout, never to a file named '-'", "[cli]") {
    const auto dir = fresh_dir("dutycheck-output-stdout");
    const std::string file = (source_dir / "fixtures" / "lancashire.json").string();
    const Run run = dutycheck_run("check --as-of 2026-01-01 --fail-on none --output json=- --output tsv='" +
                                  (dir / "r.tsv").string() + "' '" + file + "'");
    CHECK(run.exit_code == 0);
    CHECK(nlohmann::json::parse(run.out)["documents"].size() == 1);
    CHECK(std::filesystem::exists(dir / "r.tsv"));
    CHECK_FALSE(std::filesystem::exists("-"));
    // The same format by both names is one report; two different ones cannot share stdout.
    CHECK(dutycheck_run("check --as-of 2026-01-01 --fail-on none --format json --output json=- '" + file + "'").exit_code == 0);
    const Run clash = dutycheck_run("check --format html --output json=- '" + file + "'");
    CHECK(clash.exit_code == 2);
    CHECK(clash.out.empty());
    CHECK(clash.err == "--output json=- and --format html both name stdout, which holds one report; write one of them "
                       "to a file\n");
}

TEST_CASE("usage errors exit 2", "[cli]") {
    CHECK(dutycheck_run("check").exit_code == 2);
    CHECK(dutycheck_run("check --format yaml fixtures/inverclyde-2019.json").exit_code == 2);
    CHECK(dutycheck_run("check no-such-file.json").exit_code == 2);
    CHECK(dutycheck_run("--version").exit_code == 0);
}

// Golden files: the reports a governance lead and a CI tool would read for the bundled
// partnership. Refresh with DUTYCHECK_UPDATE_GOLDEN=1 and review the diff.
TEST_CASE("the reports of the bundled partnership match their golden files", "[cli][golden]") {
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"inverclyde-2019.txt", "check --as-of 2026-01-01 --colour never fixtures/inverclyde-2019.json"},
        {"inverclyde-2019-all.txt", "check --as-of 2026-01-01 --colour never --all fixtures/inverclyde-2019.json"},
        {"inverclyde-2019.json", "check --as-of 2026-01-01 --format json fixtures/inverclyde-2019.json"},
        {"inverclyde-2020-strategic-plan.txt",
         "check --as-of 2026-01-01 --colour never fixtures/inverclyde-2020-strategic-plan.json"},
        {"scottish-borders-2023.txt", "check --as-of 2026-01-01 --colour never fixtures/scottish-borders-2023.json"},
        {"scottish-borders-2023-at-board.txt",
         "check --as-of 2023-05-17 --colour never fixtures/scottish-borders-2023.json"},
        {"north-lanarkshire-2020.txt", "check --as-of 2026-01-01 --colour never fixtures/north-lanarkshire-2020.json"},
        {"lancashire.txt", "check --as-of 2026-01-01 --colour never --all fixtures/lancashire.json"},
        {"lpg-mixed-four-localities.txt",
         "check --as-of 2026-01-01 --colour never rules/scotland/tests/lpg-mandatory-membership/mixed-four-localities.json"},
    };
    for (const auto& [name, arguments] : cases) {
        DYNAMIC_SECTION(name) {
            dutycheck::testing::check_golden(name, dutycheck_run(arguments).out);
        }
    }
}

TEST_CASE("a wrong type is an input error with its line, column and pointer, exit 2", "[cli]") {
    const std::string file = temp_file("dutycheck-types.json",
        "{\n  \"format\": \"dutycheck.partnership/1\",\n  \"partnership\": {\"id\": \"x\", \"name\": \"X\", \"jurisdiction\": \"scotland\"},\n"
        "  \"reports\": [{\"id\": \"A\", \"eqia\": {\"carried_out\": \"yes\"}}]\n}\n");
    const Run run = dutycheck_run("check '" + file + "'");
    CHECK(run.exit_code == 2);
    CHECK(run.out.empty());
    CHECK_THAT(run.err, Catch::Contains(file + ":4:51: error[DC505]: expected true or false, found \"yes\" (at /reports/0/eqia/carried_out)"));
}

TEST_CASE("statute coverage has no gap, every rule names a registered duty, and the docs page matches", "[cli][golden]") {
    const Run run = dutycheck_run("rules coverage --format markdown");
    CHECK(run.exit_code == 0);
    CHECK(run.err.empty());  // a rule naming a duty that is not in the register is reported here
    CHECK_THAT(run.out, Catch::Contains(" 0 gaps."));
    const auto path = source_dir / "docs" / "coverage.md";
    if (std::getenv("DUTYCHECK_UPDATE_GOLDEN") != nullptr) std::ofstream(path, std::ios::binary) << run.out;
    CHECK(run.out == dutycheck::testing::read_text(path));
}

TEST_CASE("a folder with editor settings and a package.json beside partnership files checks cleanly", "[cli]") {
    // A real repository: partnership files, a package.json, an editor's settings (JSON with
    // comments, in a hidden folder) and git's own folder.
    const auto dir = fresh_dir("dutycheck-repository");
    std::filesystem::create_directories(dir / "partnerships");
    std::filesystem::create_directories(dir / ".vscode");
    std::filesystem::create_directories(dir / ".git");
    std::filesystem::copy_file(source_dir / "fixtures" / "inverclyde-2019.json", dir / "partnerships" / "inverclyde.json");
    std::filesystem::copy_file(source_dir / "fixtures" / "lancashire.json", dir / "partnerships" / "lancashire.json");
    std::ofstream(dir / "package.json") << R"({"name": "governance", "version": "1.0.0"})";
    std::ofstream(dir / ".vscode" / "settings.json") << "{\n  // dutycheck's schema\n  \"json.schemas\": []\n}\n";
    std::ofstream(dir / ".git" / "config.json") << "{}";
    const std::string folder = "'" + dir.string() + "'";

    Run run = dutycheck_run("check --as-of 2026-01-01 --fail-on none --format json " + folder);
    CHECK(run.exit_code == 0);
    const auto report = nlohmann::json::parse(run.out);
    REQUIRE(report["documents"].size() == 2);
    CHECK(report["documents"][0]["file"] == (dir / "partnerships" / "inverclyde.json").string());
    CHECK(run.err == "note: skipped 1 JSON file that is not a partnership file (-v lists them)\n");
    // -v names it; -q says nothing.
    run = dutycheck_run("-v check --as-of 2026-01-01 --fail-on none --format json " + folder);
    CHECK_THAT(run.err, Catch::Contains("skipped " + (dir / "package.json").string() + ": not a partnership file"));
    CHECK(dutycheck_run("-q check --as-of 2026-01-01 --fail-on none --format json " + folder).err.empty());

    // --exclude leaves out paths relative to the folder, or names.
    run = dutycheck_run("check --as-of 2026-01-01 --fail-on none --format json --exclude 'partnerships/lanc*' " + folder);
    CHECK(nlohmann::json::parse(run.out)["documents"].size() == 1);
    run = dutycheck_run("check --as-of 2026-01-01 --fail-on none --format json --exclude partnerships " + folder);
    CHECK(run.exit_code == 2);  // nothing left to check

    // --hidden walks the hidden folders too: settings with comments are not JSON, and a file that
    // cannot be read is an error, since it might have been a partnership file.
    run = dutycheck_run("check --as-of 2026-01-01 --fail-on none --hidden " + folder);
    CHECK(run.exit_code == 2);
    CHECK_THAT(run.err, Catch::Contains((dir / ".vscode" / "settings.json").string() + ":2:3: error[DC501]"));

    // A file named on the command line is never skipped.
    run = dutycheck_run("check '" + (dir / "package.json").string() + "'");
    CHECK(run.exit_code == 2);
    CHECK_THAT(run.err, Catch::Contains("error[DC502]: missing \"format\""));

    // A folder whose JSON files are none of them partnership files has nothing to check.
    const auto other = fresh_dir("dutycheck-no-partnership");
    std::ofstream(other / "package.json") << R"({"name": "x"})";
    run = dutycheck_run("check '" + other.string() + "'");
    CHECK(run.exit_code == 2);
    CHECK_THAT(run.err, Catch::Contains("error[DC504]: no partnership files to check"));
}

TEST_CASE("a directory with no partnership files is an input error, exit 2", "[cli]") {
    const auto dir = fresh_dir("dutycheck-empty-dir");
    std::ofstream(dir / "notes.txt") << "not a partnership file";
    const Run run = dutycheck_run("check '" + dir.string() + "'");
    CHECK(run.exit_code == 2);
    CHECK(run.out.empty());
    CHECK_THAT(run.err, Catch::Contains(dir.string() + ": error[DC504]: no partnership files (*.json) in this directory"));
}

TEST_CASE("the TSV report lists the failing findings of the JSON report one a line", "[cli][tsv]") {
    const Run tsv = dutycheck_run("check --format tsv fixtures/inverclyde-2019.json");
    const Run json = dutycheck_run("check --format json fixtures/inverclyde-2019.json");
    CHECK(tsv.exit_code == json.exit_code);
    std::size_t failing = 0;
    const auto report = nlohmann::json::parse(json.out);
    for (const auto& document : report["documents"])
        for (const auto& finding : document["findings"]) {
            const std::string status = finding["status"];
            failing += status == "unmet" || status == "unknown" || status == "waiver_expired";
        }
    std::istringstream lines(tsv.out);
    std::size_t count = 0;
    for (std::string line; std::getline(lines, line); ++count) {
        CHECK(std::count(line.begin(), line.end(), '\t') == 8);
        CHECK_THAT(line, Catch::Contains("\tfixtures/inverclyde-2019.json\t/"));
    }
    CHECK(count == failing);
    CHECK(count > 0);
}

TEST_CASE("the benchmark's core pack gives one finding per missing group and skips what the benchmark skips",
          "[cli][bench]") {
    // bench/rules/core restates the peer benchmark's five rules (bench/README.md).
    const std::string file = temp_file("dutycheck-bench.json", R"({"format": "dutycheck.partnership/1",
      "partnership": {"id": "p", "name": "P", "jurisdiction": "scotland"},
      "localities": [
        {"id": "a", "planning_group": {"status": "active", "members": [{"category": "housing"}],
                                        "co_chairs": [{"role": "community_representative"}]}},
        {"id": "b", "planning_group": {"status": "dormant"}},
        {"id": "c", "planning_group": {"status": "pathfinder", "members": [
          {"category": "health_professional"}, {"category": "housing"}, {"category": "third_sector"},
          {"category": "carer_representative"}, {"category": "service_manager"}]}}],
      "reports": [
        {"id": "R1", "policy_change": "new", "eqia": {"carried_out": false},
         "direction": {"required": true, "to": "local_authority", "reference": "D2"}},
        {"id": "R2", "policy_change": "revised", "eqia": {"carried_out": true},
         "direction": {"required": true, "to": "both", "reference": "D9"}},
        {"id": "R3", "policy_change": "none", "direction": {"required": false, "to": "local_authority"}},
        {"id": "R4", "policy_change": "new", "direction": {"required": true, "to": "both", "reference": "D1"}}],
      "directions": [{"reference": "D1"}]})");
    const Run run = dutycheck_run("check --rules bench/rules/core --format tsv '" + file + "'");
    CHECK(run.exit_code == 1);
    std::vector<std::string> found;
    std::istringstream lines(run.out);
    for (std::string line; std::getline(lines, line);) {
        std::istringstream fields(line);
        std::string rule, path, pointer;
        std::getline(fields, rule, '\t');
        std::getline(fields, path, '\t');
        std::getline(fields, pointer, '\t');
        found.push_back(rule + " " + pointer);
    }
    // Three localities: R1 holds. Group b is dormant, so the benchmark does not check it (the schema
    // refuses a status outside its vocabulary, such as "ACTIVE", before any rule runs); group c has
    // every category and no co-chairs key.
    CHECK(found == std::vector<std::string>{
                       "lpg.membership.health_or_social_care /localities/0",
                       "lpg.membership.third_or_independent_sector /localities/0",
                       "lpg.membership.carer_or_service_user /localities/0",
                       "lpg.membership.service_manager /localities/0",
                       "lpg.community_cochair /localities/0",   // one co-chair, not two
                       "eqia.trigger /reports/0",               // carried_out is false
                       "eqia.trigger /reports/3",               // no eqia recorded: unknown
                       "direction.target /reports/0",           // D2 is not a recorded direction
                       "direction.target /reports/1",           // D9 is not a recorded direction
                   });
}

TEST_CASE("a 200 MB file is refused from its size before it is read", "[cli][limits]") {
    // Sparse: the size is set, no data written, so the test costs no disk and no time.
    const auto dir = fresh_dir("dutycheck-200mb");
    const std::string file = (dir / "partnership-200mb.json").string();
    const int fd = open(file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    REQUIRE(fd >= 0);
    REQUIRE(ftruncate(fd, off_t{200} * 1000 * 1000) == 0);
    close(fd);
    const Run run = dutycheck_run("check '" + file + "'");
    CHECK(run.exit_code == 2);
    CHECK(run.out.empty());
    CHECK(run.err == file + ": error[DC504]: file is larger than the 104857600-byte limit (200000000 bytes; "
                            "limit: --max-file-size)\n");
    std::filesystem::remove_all(dir);
}

TEST_CASE("a file size limit takes bytes or a unit and refuses only larger files", "[cli][limits]") {
    const std::string fixture = "fixtures/inverclyde-2019.json";  // 5,732 bytes
    REQUIRE(std::filesystem::file_size(source_dir / fixture) == 5732);
    Run run = dutycheck_run("check --max-file-size 1KB " + fixture);
    CHECK(run.exit_code == 2);
    CHECK(run.out.empty());
    CHECK(run.err == fixture + ": error[DC504]: file is larger than the 1000-byte limit (5732 bytes; "
                               "limit: --max-file-size)\n");
    run = dutycheck_run("check --max-file-size 1KiB " + fixture);
    CHECK(run.exit_code == 2);
    CHECK_THAT(run.err, Catch::Contains("larger than the 1024-byte limit"));
    CHECK(dutycheck_run("check --fail-on none --max-file-size 6kB " + fixture).exit_code == 0);
    CHECK(dutycheck_run("check --fail-on none --max-file-size 5732 " + fixture).exit_code == 0);  // at the limit
    CHECK(dutycheck_run("check --fail-on none --max-file-size 1MiB " + fixture).exit_code == 0);
    // A limit is a whole number of at least 1: CLI11 alone would read -1 as 2^64 - 1.
    for (const char* bad : {"0", "-1", "1.5MB", "010", "1XB"}) {
        INFO("--max-file-size " << bad);
        run = dutycheck_run("check --max-file-size " + std::string(bad) + " " + fixture);
        CHECK(run.exit_code == 2);
        CHECK(run.out.empty());
        CHECK_THAT(run.err, Catch::StartsWith("--max-file-size: "));
    }
}

TEST_CASE("a nesting limit refuses a file at the container that exceeds it", "[cli][limits]") {
    const std::string fixture = "fixtures/inverclyde-2019.json";
    const std::string message = fixture + ":23:25: error[DC501]: nesting deeper than 3 levels "
                                          "(at /localities/0/planning_group; limit: --max-depth)\n"
                                          "  23 |       \"planning_group\": {\n"
                                          "     |                         ^\n";
    Run run = dutycheck_run("check --max-depth 3 " + fixture);
    CHECK(run.exit_code == 2);
    CHECK(run.out.empty());
    CHECK(run.err == message);
    run = dutycheck_run("diff --max-depth 3 " + fixture + " " + fixture);
    CHECK(run.exit_code == 2);
    CHECK(run.out.empty());
    CHECK(run.err == message);
    CHECK(dutycheck_run("check --fail-on none --max-depth 6 " + fixture).exit_code == 0);
    CHECK(dutycheck_run("check --max-depth 0 " + fixture).exit_code == 2);
}

TEST_CASE("a rule over the step limit is an input error and no report is written", "[cli][limits]") {
    const std::string fixture = "fixtures/inverclyde-2019.json";
    const auto dir = fresh_dir("dutycheck-steps");
    const auto report = dir / "report.json";
    Run run = dutycheck_run("check --max-steps 10 --output json='" + report.string() + "' " + fixture);
    CHECK(run.exit_code == 2);
    CHECK(run.out.empty());
    CHECK_THAT(run.err, Catch::StartsWith(fixture + ": error[DC509]: rule 'localities-two-or-more' ("));
    CHECK_THAT(run.err, Catch::EndsWith("rules/scotland/localities.rules:30) took more than 10 evaluation steps on "
                                        "this file (limit: --max-steps)\n"));
    CHECK_FALSE(std::filesystem::exists(report));
    CHECK(std::filesystem::is_empty(dir));  // no temporary file left either
    run = dutycheck_run("diff --max-steps 10 " + fixture + " " + fixture);
    CHECK(run.exit_code == 2);
    CHECK(run.out.empty());
    CHECK_THAT(run.err, Catch::Contains("error[DC509]"));
    // The default is far above what the bundled packs take on a real file.
    CHECK(dutycheck_run("check --output json='" + report.string() + "' " + fixture).exit_code == 1);
    CHECK(std::filesystem::exists(report));
    std::filesystem::remove_all(dir);
}

TEST_CASE("a file without read permission cannot be read: exit 2 and nothing on stdout", "[cli][limits]") {
    const auto dir = fresh_dir("dutycheck-unreadable");
    std::filesystem::permissions(dir, std::filesystem::perms::all);
    const std::string file = (dir / "unreadable.json").string();
    std::ofstream(file) << R"({"format": "dutycheck.partnership/1"})";
    REQUIRE(chmod(file.c_str(), 0) == 0);
    std::optional<Run> run;
    if (geteuid() == 0) run = run_as_nobody({"check", file}, dir);
    else run = dutycheck_run("check '" + file + "'");
    if (run) {
        CHECK(run->exit_code == 2);
        CHECK(run->out.empty());
        CHECK(run->err == file + ": error[DC504]: cannot read the file\n");
    }
    std::filesystem::remove_all(dir);
}

TEST_CASE("a folder run names a subfolder it cannot read rather than pass without it", "[cli][limits]") {
    const auto dir = fresh_dir("dutycheck-unreadable-folder");
    std::filesystem::copy_file(dutycheck::testing::source_dir / "fixtures" / "inverclyde-2019.json", dir / "a.json");
    std::filesystem::create_directories(dir / "closed");
    std::filesystem::copy_file(dutycheck::testing::source_dir / "fixtures" / "inverclyde-2019.json", dir / "closed" / "b.json");
    REQUIRE(chmod((dir / "closed").c_str(), 0) == 0);
    std::optional<Run> run;
    if (geteuid() == 0) run = run_as_nobody({"check", "--fail-on", "none", dir.string()}, dir);
    else run = dutycheck_run("check --fail-on none '" + dir.string() + "'");
    if (run) {
        CHECK(run->exit_code == 2);
        CHECK(run->out.empty());
        CHECK(run->err == (dir / "closed").string() + ": error[DC504]: cannot read this folder (Permission denied)\n");
    }
    chmod((dir / "closed").c_str(), 0755);
    std::filesystem::remove_all(dir);
}

TEST_CASE("files checked in parallel give the same report as one at a time", "[cli][jobs]") {
    const Run one = dutycheck_run("check -j 1 --format json --fail-on none --as-of 2026-01-01 fixtures/scotland");
    const Run four = dutycheck_run("check -j 4 --format json --fail-on none --as-of 2026-01-01 fixtures/scotland");
    CHECK(one.exit_code == 0);
    CHECK(four.exit_code == 0);
    CHECK(four.out == one.out);
}

TEST_CASE("in a parallel run the first bad file in order is the one reported", "[cli][jobs]") {
    const auto dir = fresh_dir("dutycheck-jobs");
    for (const char* name : {"a.json", "c.json", "e.json"})
        std::filesystem::copy_file(source_dir / "fixtures" / "inverclyde-2019.json", dir / name);
    std::ofstream(dir / "b.json") << "{\"format\": \"dutycheck.partnership/1\",\n \"localities\": 7}\n";
    std::ofstream(dir / "d.json") << "{ not json";
    for (const char* jobs : {"1", "2", "4"}) {
        const Run run = dutycheck_run(std::string("check -j ") + jobs + " '" + dir.string() + "'");
        CHECK(run.exit_code == 2);
        CHECK(run.out.empty());
        CHECK_THAT(run.err, Catch::Contains("b.json:2:16: error[DC505]"));
        CHECK_THAT(run.err, !Catch::Contains("d.json"));
    }
    std::filesystem::remove_all(dir);
}

TEST_CASE("calendar lists a file's deadlines under three headings and exits 0 even with deadlines missed",
          "[cli][calendar]") {
    const auto run = dutycheck_run("calendar --as-of 2024-01-01 fixtures/scottish-borders-2023.json");
    INFO(run.err);
    CHECK(run.exit_code == 0);
    CHECK(run.err.empty());
    dutycheck::testing::check_golden("calendar/scottish-borders-2023-2024-01-01.txt", run.out);
}

TEST_CASE("calendar refuses a bad --as-of and an unknown format with exit 2", "[cli][calendar]") {
    const auto bad_date = dutycheck_run("calendar --as-of 2024-13-01 fixtures/lancashire.json");
    CHECK(bad_date.exit_code == 2);
    CHECK(bad_date.err == "--as-of: expected a date YYYY-MM-DD, got '2024-13-01'\n");
    const auto bad_format = dutycheck_run("calendar --format pdf fixtures/lancashire.json");
    CHECK(bad_format.exit_code == 2);
    CHECK_THAT(bad_format.err, Catch::Contains("--format"));
}
