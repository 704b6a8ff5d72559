// Loading rule packs: reading files, following imports, and checking everything before any document.
#pragma once

#include "dsl/source.hpp"
#include "engine/model.hpp"

#include <filesystem>
#include <memory>
#include <vector>

namespace dutycheck::engine {

/// A checked rule set, and every problem found while loading it (sorted by file and position).
/// The rule set is kept even when there are errors, because diagnostics point into its sources.
struct LoadResult {
    std::unique_ptr<RuleSet> rules;
    std::vector<dsl::Diagnostic> diagnostics;
    bool ok() const { return !dsl::has_errors(diagnostics); }
};

/// Loads each pack: a folder (its entry file is `pack.rules`, and a `register.tsv` beside it
/// declares the pack's own duties) or a single `.rules` file. Rule ids and parameter names must be
/// unique across all of them. Given the national register, every duty id a rule cites must be in
/// it or in the pack's own register (DC215), as lint holds them; without, duty ids are not checked.
LoadResult load_rule_packs(const std::vector<std::filesystem::path>& packs,
                           const std::vector<Duty>* national_register = nullptr);

/// Loads rule text held in memory (for tests and tools); imports are resolved against `directory`.
LoadResult load_rule_text(const std::string& display_path, const std::string& text,
                          const std::filesystem::path& directory = ".");

}  // namespace dutycheck::engine
