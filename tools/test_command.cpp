// `dutycheck test`: a pack's cases, run through the engine; the differences, the branches the
// cases never reached (--coverage), and a closing count.
#include "engine/pack_tests.hpp"
#include "tools/commands.hpp"
#include "tools/output.hpp"
#include "tools/support.hpp"

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>
#include <iostream>

namespace dutycheck::tools {
namespace fs = std::filesystem;

namespace {

// A path as the user would write it from where they are: relative when it is below the current folder.
fs::path display(const fs::path& path) {
    std::error_code ec;
    const fs::path relative = path.lexically_normal().lexically_relative(fs::current_path(ec));
    return relative.empty() || *relative.begin() == ".." ? path.lexically_normal() : relative;
}

// A PACK argument: a folder holding pack.rules, or a name the registry knows (`local/inverclyde`).
fs::path pack_folder(const std::string& pack, const engine::PackRegistry& registry) {
    std::error_code ec;
    if (fs::is_regular_file(fs::path(pack) / "pack.rules", ec)) return pack;
    auto found = engine::pack_folders(registry, {pack});
    if (auto* folders = std::get_if<std::vector<fs::path>>(&found)) return folders->front();
    std::vector<std::string> names;
    for (const auto& root : registry)
        for (const auto& folder : engine::packs_under(root)) names.push_back(folder.lexically_relative(root).generic_string());
    std::string message = "test: no pack '" + pack + "': expected a folder with a pack.rules, or a pack's name";
    if (const auto near = dsl::closest_match(pack, names); !near.empty()) message += "; did you mean '" + near + "'?";
    throw UsageError{message};
}

const char* const outcome_names[] = {"true", "false", "unknown"};

// "never false, never unknown": the outcomes a clause did not reach.
std::string never_reached(const engine::ClauseCoverage& clause) {
    std::string text;
    for (std::size_t i = 0; i < clause.reached.size(); ++i)
        if (clause.reached[i] == 0) text += (text.empty() ? "never " : ", never ") + std::string(outcome_names[i]);
    return text;
}

// The statuses among met, unmet and unknown a rule's cases never showed.
std::string statuses_never_shown(const engine::RuleCoverage& rule) {
    if (!rule.has_cases) return "no cases";
    std::string text;
    for (const auto status : {engine::Status::met, engine::Status::unmet, engine::Status::unknown})
        if (rule.statuses[static_cast<std::size_t>(status)] == 0)
            text += (text.empty() ? "never " : ", never ") + std::string(engine::to_string(status));
    return text;
}

// "branch coverage: 93.1% (270 of 290)", rounded down so that it never claims more than was reached.
std::string branch_line(const engine::BranchCount& count) {
    const double percent = count.total == 0 ? 100.0 : std::floor(1000.0 * static_cast<double>(count.reached) /
                                                                 static_cast<double>(count.total)) / 10.0;
    char number[16];
    std::snprintf(number, sizeof number, "%.1f", percent);
    return "branch coverage: " + std::string(number) + "% (" + std::to_string(count.reached) + " of " +
           std::to_string(count.total) + ")";
}

void print_text(const engine::PackTestReport& report, bool coverage) {
    for (const auto& d : report.differences)
        std::cout << d.file << ": " << d.rule << ": at " << (d.pointer.empty() ? "(whole file)" : d.pointer)
                  << ": expected " << (d.expected.empty() ? "no finding" : d.expected) << ", found "
                  << (d.actual.empty() ? "no finding" : d.actual) << "\n";
    if (coverage) {
        bool heading = false;
        for (const auto& rule : report.coverage) {
            const std::string missing = statuses_never_shown(rule);
            if (missing.empty()) continue;
            if (!heading) std::cout << "rules whose cases never show each of met, unmet and unknown:\n";
            heading = true;
            std::cout << "  " << rule.rule << " (" << rule.pack << "): " << missing << "\n";
        }
        heading = false;
        for (const auto& rule : report.coverage)
            for (const auto& clause : rule.clauses) {
                const std::string missing = never_reached(clause);
                if (missing.empty()) continue;
                if (!heading) std::cout << "branches never reached:\n";
                heading = true;
                std::cout << "  " << display(clause.file).generic_string() << ":" << clause.line << ":" << clause.column
                          << ": " << rule.rule << ": " << clause.clause << " " << clause.condition << ": " << missing
                          << "\n";
            }
        std::cout << branch_line(engine::branch_count(report.coverage)) << "\n";
    }
    std::cout << report.passed << " passed, " << report.failed << " failed\n";
}

void print_json(const engine::PackTestReport& report, bool coverage) {
    nlohmann::ordered_json out = {{"passed", report.passed}, {"failed", report.failed}};
    auto failures = nlohmann::ordered_json::array();
    for (const auto& d : report.differences)
        failures.push_back({{"file", d.file}, {"rule", d.rule}, {"pointer", d.pointer}, {"expected", d.expected},
                            {"actual", d.actual}});
    out["failures"] = std::move(failures);
    if (coverage) {
        const auto count = engine::branch_count(report.coverage);
        auto rules = nlohmann::ordered_json::array();
        for (const auto& rule : report.coverage) {
            nlohmann::ordered_json statuses = nlohmann::ordered_json::object();
            for (const auto status : {engine::Status::met, engine::Status::unmet, engine::Status::unknown,
                                      engine::Status::not_applicable})
                statuses[std::string(engine::to_string(status))] = rule.statuses[static_cast<std::size_t>(status)];
            auto clauses = nlohmann::ordered_json::array();
            for (const auto& clause : rule.clauses) {
                nlohmann::ordered_json reached = nlohmann::ordered_json::object();
                for (std::size_t i = 0; i < clause.reached.size(); ++i) reached[outcome_names[i]] = clause.reached[i];
                clauses.push_back({{"clause", clause.clause}, {"condition", clause.condition},
                                   {"file", display(clause.file).generic_string()}, {"line", clause.line},
                                   {"column", clause.column}, {"reached", std::move(reached)}});
            }
            rules.push_back({{"rule", rule.rule}, {"pack", rule.pack}, {"has_cases", rule.has_cases},
                             {"statuses", std::move(statuses)}, {"clauses", std::move(clauses)}});
        }
        out["coverage"] = {{"branches", {{"reached", count.reached}, {"total", count.total}}}, {"rules", std::move(rules)}};
    }
    std::cout << out.dump(2) << "\n";
}

}  // namespace

int run_test(const TestOptions& options) {
    CheckOptions registry_options;
    registry_options.rules_path = options.rules_path;
    engine::PackTestOptions run;
    run.registry = engine_options(registry_options).pack_registry;
    run.as_of = *engine::parse_date(engine::pack_test_as_of);
    run.coverage = options.coverage;
    std::vector<fs::path> packs;
    if (options.packs.empty()) packs = engine::packs_under(bundled_rules_root());
    for (const auto& pack : options.packs) packs.push_back(pack_folder(pack, run.registry));
    for (auto& pack : packs) pack = display(pack);

    const engine::PackTestReport report = engine::run_pack_tests(packs, run);
    if (!report.errors.empty()) {
        for (const auto& error : report.errors) std::cerr << error;
        return exit_error;
    }
    if (options.format == "json") print_json(report, options.coverage);
    else print_text(report, options.coverage);
    finish_stdout();
    return report.failed == 0 ? exit_ok : exit_findings;
}

}  // namespace dutycheck::tools
