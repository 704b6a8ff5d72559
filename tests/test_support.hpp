// Helpers shared by the test files: reading fixtures, loading packs, evaluating text.
#pragma once

#include "engine/engine.hpp"
#include "engine/loader.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

namespace dutycheck::testing {

inline const std::filesystem::path source_dir{DUTYCHECK_SOURCE_DIR};

inline std::string read_text(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

inline engine::Document parse_document(const std::string& json) {
    auto parsed = engine::parse_json_document(json);
    REQUIRE(parsed.document);
    return std::move(*parsed.document);
}

/// Every bundled pack: each folder under rules/ with a pack.rules, in a fixed order.
inline std::vector<std::filesystem::path> bundled_packs() {
    std::vector<std::filesystem::path> packs;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(source_dir / "rules"))
        if (entry.path().filename() == "pack.rules") packs.push_back(entry.path().parent_path());
    std::sort(packs.begin(), packs.end());
    return packs;
}

/// The folders whose JSON files are partnership files the tests check: fixtures/, and rules/,
/// whose only JSON files are the packs' cases (rules/PACK/tests/RULE/).
inline std::vector<std::filesystem::path> fixture_folders() { return {source_dir / "fixtures", source_dir / "rules"}; }

/// Every bundled rule's folder of cases, rules/PACK/tests/RULE, sorted by rule id.
inline std::vector<std::filesystem::path> case_folders() {
    std::vector<std::filesystem::path> folders;
    for (const auto& pack : bundled_packs())
        if (std::filesystem::is_directory(pack / "tests"))
            for (const auto& entry : std::filesystem::directory_iterator(pack / "tests"))
                if (entry.is_directory()) folders.push_back(entry.path());
    std::sort(folders.begin(), folders.end(),
              [](const auto& a, const auto& b) { return a.filename() < b.filename(); });
    return folders;
}

/// The folder of cases of one bundled rule (rules/PACK/tests/RULE).
inline std::filesystem::path case_folder(const std::string& rule_id) {
    for (const auto& folder : case_folders())
        if (folder.filename() == rule_id) return folder;
    FAIL("no folder of cases for rule " << rule_id);
    return {};
}

/// Loads each distinct selection of packs once per test run, as the engine does per run.
inline const engine::LoadResult& load_packs_once(const std::vector<std::filesystem::path>& packs) {
    static std::map<std::vector<std::filesystem::path>, engine::LoadResult> cache;
    auto cached = cache.find(packs);
    if (cached == cache.end()) cached = cache.emplace(packs, engine::load_rule_packs(packs)).first;
    return cached->second;
}

/// The folders of the bundled packs named.
inline std::vector<std::filesystem::path> pack_paths(const std::vector<std::string>& names) {
    std::vector<std::filesystem::path> paths;
    for (const auto& name : names) paths.push_back(source_dir / "rules" / name);
    return paths;
}

/// Engine options as the command line sets them for a run as of `as_of`, with the bundled packs.
inline engine::EngineOptions run_options(const char* as_of = "2026-01-01",
                                         std::map<std::string, std::string> params = {}) {
    engine::EngineOptions options;
    options.pack_registry = {source_dir / "rules"};
    options.as_of = *engine::parse_date(as_of);
    options.params = std::move(params);
    return options;
}

/// The engine a plain `dutycheck check --as-of 2026-01-01` runs: the standard pack plus the packs
/// each file names, each distinct selection loaded once for the whole test run.
inline const engine::Engine& bundled_engine() {
    static const engine::Engine engine(run_options());
    return engine;
}

/// A loaded rule set, shared without ownership with an engine that lives no longer than it.
inline std::shared_ptr<const engine::RuleSet> borrowed(const engine::LoadResult& loaded) {
    return std::shared_ptr<const engine::RuleSet>(std::shared_ptr<const engine::RuleSet>(), loaded.rules.get());
}

/// Every diagnostic that stopped a check, rendered as the command line prints them.
inline std::string rendered_errors(const engine::Outcome& outcome) {
    std::string out;
    for (const auto& d : outcome.errors) out += dsl::render(d);
    return out;
}

/// Renders every diagnostic of a load, for whole-message comparisons.
inline std::string rendered(const engine::LoadResult& loaded) {
    std::string out;
    for (const auto& d : loaded.diagnostics) out += dsl::render(d);
    return out;
}

/// One rule `r` (file t.rules) with the given logic clauses, after `preamble` (params, imports).
inline engine::LoadResult one_rule(const std::string& logic, const std::string& preamble = "") {
    return engine::load_rule_text("t.rules", preamble + "rule r {\n  title \"t\"\n  duty D\n  cite \"c\"\n  basis statute\n" +
                                                 logic + "\n}\n");
}

/// A Scottish partnership file with the given top-level members after its partnership.
inline std::string partnership_text(const std::string& members) {
    return R"({"format": "dutycheck.partnership/1", "partnership": {"id": "p", "name": "P", "jurisdiction": "scotland"})" +
           (members.empty() ? std::string() : ", " + members) + "}";
}

/// Checks a JSON document (as text) against rules loaded from text, through the engine's one
/// entry point, exactly as `dutycheck check --rules` would: shape, schema, parameters, waivers.
inline engine::Outcome check_text(const engine::LoadResult& loaded, const std::string& json,
                                  engine::EngineOptions options = run_options()) {
    REQUIRE(loaded.ok());
    const engine::Engine engine(borrowed(loaded), std::move(options));
    return engine.check_text("test.json", json);
}

/// The findings of check_text(), which must succeed.
inline engine::DocumentResult evaluate_text(const engine::LoadResult& loaded, const std::string& json,
                                            const char* as_of = "2026-01-01") {
    auto outcome = check_text(loaded, json, run_options(as_of));
    INFO(rendered_errors(outcome));
    REQUIRE(outcome.ok());
    return std::move(*outcome.result);
}

/// Compares `actual` with the golden file tests/golden/RELATIVE, naming the first line that
/// differs; with DUTYCHECK_UPDATE_GOLDEN set it rewrites the file instead, for review in the diff.
inline void check_golden(const std::filesystem::path& relative, const std::string& actual) {
    const std::filesystem::path path = source_dir / "tests" / "golden" / relative;
    if (std::getenv("DUTYCHECK_UPDATE_GOLDEN") != nullptr) {
        std::filesystem::create_directories(path.parent_path());
        std::ofstream(path, std::ios::binary) << actual;
    }
    INFO("golden file " << path.string() << " (refresh with DUTYCHECK_UPDATE_GOLDEN=1 and review the diff)");
    REQUIRE(std::filesystem::exists(path));
    const std::string expected = read_text(path);
    auto lines_of = [](const std::string& text) {
        std::vector<std::string> lines;
        std::istringstream in(text);
        for (std::string line; std::getline(in, line);) lines.push_back(line);
        return lines;
    };
    const auto want = lines_of(expected), got = lines_of(actual);
    for (std::size_t i = 0; i < std::min(want.size(), got.size()); ++i) {
        INFO("line " << i + 1);
        REQUIRE(got[i] == want[i]);
    }
    CHECK(got.size() == want.size());
    CHECK(actual == expected);
}

/// What running the built binary gave.
struct Run {
    int exit_code = -1;
    std::string out;  ///< stdout
    std::string err;  ///< stderr
};

/// Runs a shell command from the source folder.
inline Run shell_run(const std::string& command_line) {
    // One stderr file per test process: ctest runs tests in parallel, and a shared file let one
    // test read another's stderr.
    const auto err_file =
        std::filesystem::temp_directory_path() / ("dutycheck-test-run-" + std::to_string(getpid()) + ".err");
    const std::string command = "cd '" + source_dir.string() + "' && " + command_line + " 2>'" + err_file.string() + "'";
    Run run;
    FILE* pipe = popen(command.c_str(), "r");
    REQUIRE(pipe != nullptr);
    std::array<char, 4096> buffer{};
    while (auto n = fread(buffer.data(), 1, buffer.size(), pipe)) run.out.append(buffer.data(), n);
    const int status = pclose(pipe);
    run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    run.err = read_text(err_file);
    std::filesystem::remove(err_file);
    return run;
}

/// Runs the built `dutycheck` from the source folder with `arguments` (shell words).
inline Run dutycheck_run(const std::string& arguments) { return shell_run("'" DUTYCHECK_BINARY "' " + arguments); }

/// A fresh, empty folder in the temporary folder, named for the test and this process, so that
/// tests running in parallel (ctest -j, or several checkouts) never share one.
inline std::filesystem::path fresh_dir(const std::string& name) {
    const auto dir = std::filesystem::temp_directory_path() / (name + "-" + std::to_string(getpid()));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    return dir;
}

/// Writes a file in the temporary folder, named for this process, and returns its path.
inline std::string temp_file(const std::string& name, const std::string& text) {
    const auto path = std::filesystem::temp_directory_path() / (std::to_string(getpid()) + "-" + name);
    std::ofstream(path, std::ios::binary) << text;
    return path.string();
}

}  // namespace dutycheck::testing
