// `dutycheck rules list`, `dutycheck rules explain` and `dutycheck lint`: looking at rule packs without a document.
#include "tools/commands.hpp"
#include "tools/support.hpp"

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

int run_lint(const std::vector<std::string>& paths) {
    const std::vector<fs::path> packs(paths.begin(), paths.end());
    engine::LoadResult loaded = engine::load_rule_packs(packs);
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
