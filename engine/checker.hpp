// Checking one parsed rule file into the evaluable model: names, arity, literals and types.
#pragma once

#include "dsl/ast.hpp"
#include "dsl/source.hpp"
#include "engine/model.hpp"

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace dutycheck::engine {

/// One `def` of a pack, as the checker inlines it where it is used.
struct DefEntry {
    const dsl::ast::Def* def = nullptr;
    const dsl::SourceFile* file = nullptr;
    bool usable = true;  ///< false once found recursive or in error: its uses are not expanded again
};

/// The `def`s of one pack by name: every rule of the pack sees all of them, whatever the file
/// or the order. Filled by check_defs, then read by check_rule.
struct PackDefs {
    std::map<std::string, DefEntry, std::less<>> entries;
    std::set<std::string> reported_cycles;  ///< each recursive cycle is reported once

    DefEntry* find(std::string_view name);
};

/// A `def` where it is written, for check_defs.
struct DefSource {
    const dsl::ast::Def* def = nullptr;
    const dsl::SourceFile* file = nullptr;
};

/// Where each declaration of a name is (a parameter's), for the note of a clash.
using DeclaredAt = std::map<std::string, std::pair<const dsl::SourceFile*, std::uint32_t>, std::less<>>;

/// Checks the `def`s of one pack (engine/checker_defs.cpp) into `out`: a name that clashes with a
/// builtin, a word of the language, a top-level field, a parameter or another def, or a def
/// parameter that clashes, is an error (DC208) naming both places; then each body is checked once
/// on its own, its parameters of any type, and a def that uses itself, directly or through others,
/// is an error (DC220) that shows the cycle.
void check_defs(const std::vector<DefSource>& defs, const DeclaredAt& params, const RuleSet& rules, PackDefs& out,
                std::vector<dsl::Diagnostic>& diagnostics);

/// Turns the constant expression of a parameter default into its value, or reports why not.
std::optional<Value> check_param_default(const dsl::ast::Chain& value, const dsl::SourceFile& file,
                                         std::vector<dsl::Diagnostic>& diagnostics);

/// Checks a parameter declaration (engine/checker_params.cpp): its default a literal, at least one
/// bound, each bound's values of the default's type, and the default within its own bounds. The
/// definition has no pack yet; nullopt when anything is wrong (the problems are in `diagnostics`).
std::optional<ParamDef> check_param(const dsl::ast::Param& param, const dsl::SourceFile& file,
                                    std::vector<dsl::Diagnostic>& diagnostics);

/// Checks one rule against the rule set's parameters and its pack's defs (inlined where used),
/// appending problems to `diagnostics`. Returns the compiled rule even with errors (the caller
/// discards the set if any error).
CompiledRule check_rule(const dsl::ast::Rule& rule, const dsl::SourceFile& file, const RuleSet& rules,
                        std::size_t pack, PackDefs& defs, std::vector<dsl::Diagnostic>& diagnostics);

}  // namespace dutycheck::engine
