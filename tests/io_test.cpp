// Safe input and output: bounded reads of regular files only, packs from the registry only, and
// report files written all or none, never through a planted link.
#include "test_support.hpp"

#include <nlohmann/json.hpp>

#include <sys/stat.h>

using dutycheck::testing::dutycheck_run;
using dutycheck::testing::fresh_dir;
using dutycheck::testing::read_text;
using dutycheck::testing::Run;

namespace {

const std::string inverclyde = "fixtures/inverclyde-2019.json";

void write(const std::filesystem::path& path, const std::string& text) { std::ofstream(path, std::ios::binary) << text; }

std::size_t entries(const std::filesystem::path& dir) {
    std::size_t count = 0;
    for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(dir)) ++count;
    return count;
}

// The Inverclyde fixture with its rule_packs replaced.
std::string with_packs(const std::string& packs) {
    auto doc = nlohmann::ordered_json::parse(read_text(dutycheck::testing::source_dir / inverclyde));
    doc["rule_packs"] = nlohmann::ordered_json::parse(packs);
    return doc.dump(2);
}

}  // namespace

TEST_CASE("the same report file named twice is a usage error and nothing is written", "[io]") {
    const auto dir = fresh_dir("dutycheck-io-twice");
    const std::string a = (dir / "r.json").string(), b = (dir / "." / "r.json").string();
    const Run run = dutycheck_run("check --fail-on none --output json='" + a + "' --output html='" + b + "' " + inverclyde);
    CHECK(run.exit_code == 2);
    CHECK(run.out.empty());
    CHECK(run.err == "--output: " + b + " is named twice (json and html); each report needs a file of its own\n");
    CHECK(entries(dir) == 0);
}

TEST_CASE("a report that cannot be written leaves every other report as it was", "[io]") {
    const auto dir = fresh_dir("dutycheck-io-partial");
    const auto first = dir / "first.json";
    write(first, "previous report");
    const Run run = dutycheck_run("check --fail-on none --output json='" + first.string() + "' --output html='" +
                                  (dir / "no-such-folder" / "b.html").string() + "' " + inverclyde);
    CHECK(run.exit_code == 2);
    CHECK(run.out.empty());
    CHECK_THAT(run.err, Catch::StartsWith((dir / "no-such-folder" / "b.html").string() +
                                          ": error[DC508]: cannot write the report"));
    CHECK(read_text(first) == "previous report");
    CHECK(entries(dir) == 1);  // no staged file left behind
}

TEST_CASE("a symbolic link planted at a report's path is replaced, never written through", "[io]") {
    const auto dir = fresh_dir("dutycheck-io-link");
    const auto victim = dir / "victim.txt";
    write(victim, "precious");
    std::filesystem::create_symlink(victim, dir / "report.json");
    const Run run = dutycheck_run("check --fail-on none --output json='" + (dir / "report.json").string() + "' " + inverclyde);
    CHECK(run.exit_code == 0);
    CHECK(read_text(victim) == "precious");
    CHECK_FALSE(std::filesystem::is_symlink(dir / "report.json"));
    CHECK(nlohmann::json::parse(read_text(dir / "report.json"))["format"] == "dutycheck.report/1");
    // Staged under a random name with O_EXCL, so there is no predictable name to plant a link at.
    CHECK(entries(dir) == 2);
}

TEST_CASE("a write error on standard output exits 2 and commits no report file", "[io]") {
    const auto dir = fresh_dir("dutycheck-io-full");
    const auto report = dir / "r.json";
    const Run run = dutycheck_run("check --fail-on none --output json='" + report.string() + "' " + inverclyde +
                                  " >/dev/full");
    CHECK(run.exit_code == 2);
    CHECK(run.err == "error[DC508]: cannot write the report to standard output\n");
    CHECK(entries(dir) == 0);
}

TEST_CASE("only a regular file or standard input is read: a folder, a device or a pipe is an input error", "[io]") {
    const auto dir = fresh_dir("dutycheck-io-kinds");
    const auto fifo = dir / "pipe.json";
    REQUIRE(mkfifo(fifo.c_str(), 0600) == 0);
    const std::string refusal = ": error[DC504]: not a regular file (a folder, a device or a pipe): name a partnership "
                                "file, or - for standard input\n";
    for (const std::string& path : {fifo.string(), std::string("/dev/zero")}) {
        const Run run = dutycheck_run("check '" + path + "'");
        CHECK(run.exit_code == 2);
        CHECK(run.out.empty());
        CHECK(run.err == path + refusal);
    }
    const Run baseline = dutycheck_run("check --baseline /dev/zero " + inverclyde);
    CHECK(baseline.exit_code == 2);
    CHECK(baseline.err == "/dev/zero" + refusal);
    const Run folder = dutycheck_run("diff fixtures " + inverclyde);
    CHECK(folder.exit_code == 2);
    CHECK(folder.err == "fixtures" + refusal);
}

TEST_CASE("standard input is read as '-', up to the size limit", "[io]") {
    const Run run = dutycheck_run("check --fail-on none --format json - <" + inverclyde);
    REQUIRE(run.exit_code == 0);
    CHECK(nlohmann::json::parse(run.out)["documents"][0]["file"] == "<stdin>");
    const Run endless = dutycheck_run("check --max-file-size 1MiB - </dev/zero");
    CHECK(endless.exit_code == 2);
    CHECK(endless.err == "<stdin>: error[DC504]: file is larger than the 1048576-byte limit (limit: --max-file-size)\n");
}

TEST_CASE("rule_packs names packs of the registry, never a path", "[io]") {
    const auto dir = fresh_dir("dutycheck-io-packs");
    for (const std::string name : {"/etc", "../rules/scotland", "local/../local/inverclyde", "local//inverclyde"}) {
        INFO(name);
        write(dir / "p.json", with_packs(nlohmann::json::array({name}).dump()));
        const Run run = dutycheck_run("check '" + (dir / "p.json").string() + "'");
        CHECK(run.exit_code == 2);
        CHECK_THAT(run.err, Catch::Contains("error[DC503]: '" + name + "' is not a rule pack name: packs are named as "
                                            "the registry lists them (such as local/inverclyde), never by a path"));
    }
    // A folder of packs joins the registry with --rules-path, after the bundled packs.
    const auto extra = dir / "extra";
    std::filesystem::create_directories(extra / "mine");
    write(extra / "mine" / "pack.rules",
          "pack \"mine\"\nrule mine-named {\n  title \"t\"\n  duty D\n  cite \"c\"\n  basis local_policy\n"
          "  require exists(partnership.name)\n}\n");
    write(dir / "p.json", with_packs(R"(["mine"])"));
    CHECK(dutycheck_run("check '" + (dir / "p.json").string() + "'").exit_code == 2);  // not in the registry
    const Run found = dutycheck_run("check --fail-on none --format json --rules-path '" + extra.string() + "' '" +
                                    (dir / "p.json").string() + "'");
    INFO(found.err);
    REQUIRE(found.exit_code == 0);
    CHECK(nlohmann::json::parse(found.out)["rule_packs"] == nlohmann::json::array({"scotland", "mine"}));
}

TEST_CASE("diff --git takes a revision, never an option", "[io]") {
    const Run run = dutycheck_run("diff --git=--output=/tmp/x " + inverclyde);
    CHECK(run.exit_code == 2);
    CHECK(run.err == "--git: '--output=/tmp/x' is not a revision (a branch, a tag or a commit, such as origin/main or "
                     "HEAD~1)\n");
}

TEST_CASE("a baseline of the wrong shape is refused with its file and the place at fault", "[io]") {
    const auto dir = fresh_dir("dutycheck-io-baseline");
    const auto baseline = dir / "baseline.json";
    write(baseline, R"({"format": "dutycheck.report/1", "documents": [{"file": "x", "findings": [{"rule": 7}]}]})");
    const Run run = dutycheck_run("check --baseline '" + baseline.string() + "' " + inverclyde);
    CHECK(run.exit_code == 2);
    CHECK(run.out.empty());
    CHECK(run.err == baseline.string() +
                         ": error[DC507]: the baseline report has /documents/0/findings/0/rule that is not a string\n");
    write(baseline, R"({"format": "dutycheck.report/1", "documents": {}})");
    CHECK(dutycheck_run("check --baseline '" + baseline.string() + "' " + inverclyde).err ==
          baseline.string() + ": error[DC507]: the baseline report has /documents that is not a list\n");
}
