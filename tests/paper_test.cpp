// The pre-board check (`check --paper`): the findings of a paper and its directions are exactly
// those the full run gives at them, with the same statuses; the rest of the run is left out.
#include "test_support.hpp"

#include <nlohmann/json.hpp>

using dutycheck::testing::bundled_engine;
using dutycheck::testing::dutycheck_run;
using dutycheck::testing::read_text;
using dutycheck::testing::rendered_errors;
using dutycheck::testing::run_options;
using dutycheck::testing::Run;
using dutycheck::testing::source_dir;
using namespace dutycheck;
using nlohmann::json;

namespace {

// Every bundled fixture that records a board paper, valid ones only (cases' invalid/ are refused).
std::vector<std::filesystem::path> fixtures_with_papers() {
    std::vector<std::filesystem::path> files;
    for (const auto& root : dutycheck::testing::fixture_folders())
    for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
        const auto& path = entry.path();
        if (path.extension() != ".json" || path.string().find("/invalid/") != std::string::npos) continue;
        const json doc = json::parse(read_text(path), nullptr, false);
        if (doc.is_object() && doc.contains("reports") && doc["reports"].is_array() && !doc["reports"].empty())
            files.push_back(path);
    }
    std::sort(files.begin(), files.end());
    return files;
}

// The pointers a paper's check covers, worked out here from the format's words, not the engine's
// code: the paper, and each direction whose reference is the paper's direction.reference or
// whose report is the paper's id.
std::vector<std::string> scope_of(const json& doc, std::size_t paper) {
    std::vector<std::string> scope{"/reports/" + std::to_string(paper)};
    const json& report = doc["reports"][paper];
    const json none;
    const json& reference = report.is_object() && report.contains("direction") && report["direction"].is_object() &&
                                    report["direction"].contains("reference")
                                ? report["direction"]["reference"]
                                : none;
    const json& id = report.is_object() && report.contains("id") ? report["id"] : none;
    if (doc.contains("directions") && doc["directions"].is_array())
        for (std::size_t d = 0; d < doc["directions"].size(); ++d) {
            const json& direction = doc["directions"][d];
            if (!direction.is_object()) continue;
            const bool by_reference = reference.is_string() && !reference.get<std::string>().empty() &&
                                      direction.value("reference", json()) == reference;
            const bool by_report = id.is_string() && direction.value("report", json()) == id;
            if (by_reference || by_report) scope.push_back("/directions/" + std::to_string(d));
        }
    return scope;
}

bool under_any(const std::string& pointer, const std::vector<std::string>& scope) {
    return std::any_of(scope.begin(), scope.end(), [&](const std::string& p) {
        return pointer == p || (pointer.starts_with(p) && pointer[p.size()] == '/');
    });
}

std::vector<std::string> described(const std::vector<engine::Finding>& findings) {
    std::vector<std::string> lines;
    for (const auto& f : findings)
        lines.push_back(f.rule->id + " " + f.pointer + " " + std::string(engine::to_string(f.status)) + " " + f.message);
    return lines;
}

}  // namespace

TEST_CASE("for every paper of every bundled fixture, the pre-board check's findings are the full run's findings at the "
          "paper and its directions, with the same statuses",
          "[paper][property]") {
    const auto files = fixtures_with_papers();
    REQUIRE(files.size() >= 5);
    std::size_t papers = 0, with_directions = 0;
    for (const auto& file : files) {
        INFO(file.string());
        const json doc = json::parse(read_text(file));
        const auto full = bundled_engine().check(file.string());
        if (!full.ok()) continue;  // refused inputs are the input tests' business
        for (std::size_t paper = 0; paper < doc["reports"].size(); ++paper) {
            const auto scope = scope_of(doc, paper);
            std::vector<engine::Finding> expected;
            for (const auto& finding : full.result->findings)
                if (under_any(finding.pointer, scope)) expected.push_back(finding);
            // By pointer, and by id where the paper has one of its own.
            std::vector<std::string> ways{scope.front()};
            const json& report = doc["reports"][paper];
            if (report.is_object() && report.contains("id") && report["id"].is_string()) {
                const auto id = report["id"].get<std::string>();
                bool unique = true;
                for (std::size_t other = 0; other < paper; ++other)
                    if (doc["reports"][other].value("id", json()) == report["id"]) unique = false;
                if (unique && !id.empty() && id.front() != '/') ways.push_back(id);
            }
            for (const auto& way : ways) {
                INFO("--paper " << way);
                auto options = run_options();
                options.paper = way;
                const engine::Engine engine(std::shared_ptr<const engine::RuleSet>(std::shared_ptr<const engine::RuleSet>(),
                                                                                   full.rules),
                                            options);
                const auto checked = engine.check(file.string());
                INFO(rendered_errors(checked));
                // A paper dated after the as-of date is not in the run, so checking it is refused
                // rather than passed with nothing found.
                if (!checked.ok() && rendered_errors(checked).find("after the as-of date") != std::string::npos) {
                    CHECK(report.value("date", std::string()) > "2026-01");
                    continue;
                }
                REQUIRE(checked.ok());
                const auto& result = *checked.result;
                CHECK(described(result.findings) == described(expected));
                engine::Summary summary;
                for (const auto& finding : expected) summary.add(finding);
                CHECK(result.summary.by_status == summary.by_status);
                CHECK(result.verdicts.size() == engine::duty_verdicts(expected).size());
                REQUIRE(result.paper.has_value());
                CHECK(result.paper->pointer == scope.front());
                CHECK(result.paper->directions == std::vector<std::string>(scope.begin() + 1, scope.end()));
            }
            ++papers;
            if (scope.size() > 1) ++with_directions;
        }
    }
    CHECK(papers >= 10);
    CHECK(with_directions >= 3);
}

TEST_CASE("a pre-board check of an unknown paper id is an input error naming the nearest paper; a pointer that is not "
          "a paper, a paper after the as-of date and more than one file are too",
          "[paper][cli]") {
    const Run typo = dutycheck_run("check --as-of 2025-01-01 --paper sbijb-2023-09-20-cig-rollout fixtures/examples/pre-board-check.json");
    CHECK(typo.exit_code == 2);
    CHECK(typo.out.empty());
    CHECK_THAT(typo.err, Catch::Contains("error[DC512]: --paper: no board paper with id 'sbijb-2023-09-20-cig-rollout' under /reports; "
                                         "did you mean 'sbijb-2023-09-20-cig-roll-out'?"));
    const Run pointer = dutycheck_run("check --as-of 2025-01-01 --paper /directions/0 fixtures/examples/pre-board-check.json");
    CHECK(pointer.exit_code == 2);
    CHECK_THAT(pointer.err, Catch::Contains("error[DC512]: --paper /directions/0: not a board paper"));
    // Dated after the as-of date, the paper is not in the run: refused, never an empty pass.
    const Run early = dutycheck_run("check --as-of 2023-09-01 --paper /reports/1 fixtures/examples/pre-board-check.json");
    CHECK(early.exit_code == 2);
    CHECK_THAT(early.err, Catch::Contains("the paper is dated 2023-09-20, after the as-of date 2023-09-01, so the check "
                                          "would not see it; a pre-board check runs as of the meeting: --as-of 2023-09-20"));
    const Run two = dutycheck_run("check --paper /reports/0 fixtures/examples/pre-board-check.json fixtures/inverclyde-2019.json");
    CHECK(two.exit_code == 2);
    CHECK_THAT(two.err, Catch::Contains("--paper checks one board paper of one partnership file; give one FILE, not 2 "
                                        "inputs"));
    const Run folder = dutycheck_run("check --paper /reports/0 fixtures/scotland");
    CHECK(folder.exit_code == 2);
    CHECK_THAT(folder.err, Catch::Contains("not a folder"));
}

TEST_CASE("the pre-board check says which paper it is about in every board format and in JSON", "[paper][cli]") {
    const std::string args = " --as-of 2023-09-20 --paper sbijb-2023-09-20-cig-roll-out fixtures/examples/pre-board-check.json";
    const Run text = dutycheck_run("check" + args);
    CHECK(text.exit_code == 1);
    CHECK_THAT(text.out, Catch::Contains("Pre-board check of paper sbijb-2023-09-20-cig-roll-out"));
    CHECK_THAT(text.out, Catch::Contains("/directions/1"));
    const Run as_json = dutycheck_run("check --format json" + args);
    const json report = json::parse(as_json.out);
    CHECK(report["documents"][0]["paper"]["pointer"] == "/reports/1");
    CHECK(report["documents"][0]["paper"]["directions"] == json::array({"/directions/1"}));
    for (const auto& finding : report["documents"][0]["findings"]) {
        const auto pointer = finding["pointer"].get<std::string>();
        CHECK((pointer.starts_with("/reports/1") || pointer.starts_with("/directions/1")));
    }
    CHECK_THAT(dutycheck_run("check --format markdown" + args).out, Catch::Contains("Pre-board check of paper"));
    CHECK_THAT(dutycheck_run("check --format html" + args).out, Catch::Contains("<dt>Pre-board check</dt>"));
}
