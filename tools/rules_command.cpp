// `dutycheck rules list`, `explain` and `coverage`, and `dutycheck lint`: looking at rule packs without a document.
#include "tools/commands.hpp"
#include "engine/register.hpp"
#include "tools/support.hpp"

#include <algorithm>
#include <iostream>

namespace dutycheck::tools {
namespace fs = std::filesystem;

namespace {

// Without --rules, every bundled pack: each folder under the rules root with a pack.rules.
std::vector<fs::path> packs_or_bundled(const std::vector<std::string>& rules) {
    if (!rules.empty()) return {rules.begin(), rules.end()};
    const fs::path root = bundled_rules_root();
    std::vector<fs::path> packs;
    std::error_code ec;
    for (const auto& entry : fs::recursive_directory_iterator(root, ec))
        if (entry.is_regular_file() && entry.path().filename() == "pack.rules") packs.push_back(entry.path().parent_path());
    std::sort(packs.begin(), packs.end(), [&](const fs::path& a, const fs::path& b) {
        // The standard pack first, the rest alphabetically.
        const bool a_standard = a.filename() == standard_pack, b_standard = b.filename() == standard_pack;
        return a_standard != b_standard ? a_standard : a < b;
    });
    return packs;
}

std::string joined(const std::vector<std::string>& items, const char* separator) {
    std::string out;
    for (const auto& item : items) out += (out.empty() ? "" : separator) + item;
    return out;
}

}  // namespace

int run_rules_list(const std::vector<std::string>& rules) {
    auto loaded = load_or_report(packs_or_bundled(rules));
    if (!loaded) return exit_error;
    const engine::RuleSet& set = *loaded->rules;
    for (std::size_t p = 0; p < set.packs.size(); ++p) {
        const auto& pack = set.packs[p];
        std::cout << "pack " << pack.name << (pack.version.empty() ? "" : " " + pack.version)
                  << (pack.jurisdiction.empty() ? "" : " (jurisdiction: " + pack.jurisdiction + ")") << "\n";
        if (!pack.description.empty()) std::cout << "  " << pack.description << "\n";
        for (const auto& rule : set.rules) {
            if (rule.pack != p) continue;
            std::cout << "  " << rule.info.id << "  [" << engine::to_string(rule.info.severity) << ", "
                      << engine::to_string(rule.info.basis) << "]\n"
                      << "      " << rule.info.title << "\n"
                      << "      duty: " << joined(rule.info.duties, ", ") << "\n"
                      << "      source: " << rule.info.citation.source << "\n";
        }
        std::cout << "\n";
    }
    return exit_ok;
}

int run_rules_explain(const std::vector<std::string>& rules, const std::string& id) {
    auto loaded = load_or_report(packs_or_bundled(rules));
    if (!loaded) return exit_error;
    const engine::CompiledRule* rule = loaded->rules->find_rule(id);
    if (rule == nullptr) throw UsageError{"no rule with id '" + id + "' (see 'dutycheck rules list')"};
    const auto& info = rule->info;
    std::cout << info.id << ": " << info.title << "\n"
              << "  pack:     " << info.pack << "\n"
              << "  duty:     " << joined(info.duties, ", ") << "\n"
              << "  source:   " << info.citation.source << "\n";
    if (!info.citation.url.empty()) std::cout << "  url:      " << info.citation.url << "\n";
    if (!info.citation.quote.empty()) std::cout << "  quote:    \"" << info.citation.quote << "\"\n";
    std::cout << "  force:    " << engine::to_string(info.basis) << ", severity " << engine::to_string(info.severity)
              << "\n";
    if (!info.tags.empty()) std::cout << "  tags:     " << joined(info.tags, ", ") << "\n";
    std::cout << "  defined:  " << info.file << ":" << info.line << "\n\n" << rule->span.text() << "\n";
    return exit_ok;
}

int run_rules_coverage(const std::vector<std::string>& rules, const std::string& format) {
    auto loaded = load_or_report(packs_or_bundled(rules));
    if (!loaded) return exit_error;
    std::string error;
    const auto duties = engine::read_register(bundled_rules_root() / "register.tsv", error);
    if (!duties) throw UsageError{error};
    // The packs' own duties after the national ones, so a pack's local duty is covered like any other.
    const std::vector<engine::Duty> registered = engine::all_duties(*duties, *loaded->rules);
    const engine::Coverage coverage = engine::compute_coverage(registered, *loaded->rules);
    std::size_t covered = 0, explained = 0, gaps = 0;
    for (const auto& entry : coverage.duties) (entry.gap() ? gaps : entry.rules.empty() ? explained : covered)++;
    auto rule_ids = [](const engine::DutyCoverage& entry) {
        std::vector<std::string> ids;
        for (const auto* rule : entry.rules) ids.push_back(rule->info.id);
        return joined(ids, ", ");
    };
    if (format == "markdown") {
        std::cout << "# Statute coverage\n\n"
                     "Every duty of the duties register (`rules/register.tsv`), the rules that encode it, and why a "
                     "duty has none. Generated by `dutycheck rules coverage --format markdown`; a test keeps this "
                     "page in step with the rules.\n\n"
                  << covered << " duties encoded by rules, " << explained << " without a rule for the reason given, "
                  << gaps << " gaps.\n\n| duty | force | title | rules, or why none |\n|---|---|---|---|\n";
        for (const auto& entry : coverage.duties) {
            std::cout << "| " << entry.duty->id << " | " << entry.duty->force << " | " << entry.duty->title << " | ";
            if (!entry.rules.empty()) std::cout << "`" << rule_ids(entry) << "`";
            else if (entry.gap()) std::cout << "**gap: no rule**";
            else std::cout << "no rule: " << entry.duty->no_rule_reason;
            std::cout << " |\n";
        }
    } else {
        for (const auto& entry : coverage.duties) {
            std::cout << entry.duty->id << "  [" << entry.duty->force << "]  " << entry.duty->title << "\n";
            if (!entry.rules.empty()) std::cout << "    rules: " << rule_ids(entry) << "\n";
            else if (entry.gap()) std::cout << "    GAP: no rule encodes this duty\n";
            else std::cout << "    no rule: " << entry.duty->no_rule_reason << "\n";
        }
        std::cout << "\n" << covered << " duties encoded by rules, " << explained
                  << " without a rule for the reason given, " << gaps << " gaps\n";
    }
    for (const auto& [rule, id] : coverage.unknown_duties)
        std::cerr << rule->info.file << ":" << rule->info.line << ": warning: rule '" << rule->info.id
                  << "' names duty '" << id << "', which is not in the register\n";
    return gaps > 0 || !coverage.unknown_duties.empty() ? exit_findings : exit_ok;
}

int run_lint(const std::vector<std::string>& paths) {
    const std::vector<fs::path> packs(paths.begin(), paths.end());
    std::string error;
    const auto national = engine::read_register(bundled_rules_root() / "register.tsv", error);
    if (!national) throw UsageError{error};
    engine::LoadResult loaded = engine::load_rule_packs(packs, &*national);
    std::size_t errors = 0, warnings = 0;
    for (const auto& diagnostic : loaded.diagnostics) {
        std::cerr << dsl::render(diagnostic);
        (diagnostic.level == dsl::DiagnosticLevel::error ? errors : warnings)++;
    }
    std::cerr << loaded.rules->rules.size() << " rules in " << loaded.rules->packs.size() << " pack(s): " << errors
              << " error(s), " << warnings << " warning(s)\n";
    return errors > 0 ? exit_error : exit_ok;
}

}  // namespace dutycheck::tools
