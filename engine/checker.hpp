// Checking one parsed rule file into the evaluable model: names, arity, literals and types.
#pragma once

#include "dsl/ast.hpp"
#include "dsl/source.hpp"
#include "engine/model.hpp"

#include <vector>

namespace dutycheck::engine {

/// Turns the constant expression of a parameter default into its value, or reports why not.
std::optional<Value> check_param_default(const dsl::ast::Chain& value, const dsl::SourceFile& file,
                                         std::vector<dsl::Diagnostic>& diagnostics);

/// Checks a parameter declaration (engine/checker_params.cpp): its default a literal, at least one
/// bound, each bound's values of the default's type, and the default within its own bounds. The
/// definition has no pack yet; nullopt when anything is wrong (the problems are in `diagnostics`).
std::optional<ParamDef> check_param(const dsl::ast::Param& param, const dsl::SourceFile& file,
                                    std::vector<dsl::Diagnostic>& diagnostics);

/// Checks one rule against the rule set's parameters, appending problems to `diagnostics`.
/// Returns the compiled rule even with errors (the caller discards the set if any error).
CompiledRule check_rule(const dsl::ast::Rule& rule, const dsl::SourceFile& file, const RuleSet& rules,
                        std::size_t pack, std::vector<dsl::Diagnostic>& diagnostics);

}  // namespace dutycheck::engine
