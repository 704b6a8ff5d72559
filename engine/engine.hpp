// The one way to check a partnership file: read → shape → schema → packs → parameters → waivers →
// evaluate. The command line and the tests both go through it, so what a fixture test proves is
// what a user's run does.
#pragma once

#include "dsl/source.hpp"
#include "engine/date.hpp"
#include "engine/document.hpp"
#include "engine/loader.hpp"
#include "engine/packs.hpp"
#include "engine/result.hpp"
#include "engine/waivers.hpp"

#include <array>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace dutycheck::engine {

/// How every file of a run is checked.
struct EngineOptions {
    /// Rule packs for every file (folders or .rules files); empty: the standard pack plus the
    /// packs each file names in `rule_packs`, looked up in `pack_registry`.
    std::vector<std::filesystem::path> rules;
    PackRegistry pack_registry;                     ///< the bundled packs' folder, then --rules-path folders
    std::map<std::string, std::string> params;      ///< overrides, as text (--param NAME=VALUE)
    Date as_of;                                     ///< the evaluation date
    std::vector<std::string> explain_rules;         ///< --explain: record what these rules looked at
    bool explain_failing = false;                   ///< --explain failing: and every rule with a failing finding
    std::string trace_rule;                         ///< --trace: every clause of this rule and the facts it read
    bool coverage = false;                          ///< record the outcomes each condition reached (DocumentResult::clause_outcomes)
    std::uint64_t max_steps = 1'000'000'000;        ///< per rule, per file (see EvaluationOptions)
    std::uint32_t waiver_horizon_months = default_waiver_horizon_months;  ///< --waiver-horizon: months a waiver may run
    DocumentLimits limits;                          ///< file size and nesting
    /// --paper: a board paper's id or pointer; keep only the findings about it and the directions
    /// it references (engine/paper.hpp). Empty: every finding.
    std::string paper;
};

/// A partnership file read, parsed and checked against the format, ready to evaluate; or the
/// input errors that stopped it (DC501 to DC505), with byte spans into the file.
struct Input {
    std::shared_ptr<const dsl::SourceFile> source;  ///< the file's name and text; diagnostics point into it
    std::optional<Document> document;
    std::vector<std::string> packs;   ///< the bundled packs it asks for: the standard pack, then `rule_packs`
    std::vector<dsl::Diagnostic> errors;
    /// Valid JSON that does not say it is a partnership file (engine::names_partnership_format);
    /// its errors then say so (DC502).
    bool not_a_partnership = false;
    bool ok() const { return errors.empty(); }
};

/// What checking one file gave: its findings, or why there are none.
struct Outcome {
    std::shared_ptr<const dsl::SourceFile> source;
    std::optional<DocumentResult> result;
    const RuleSet* rules = nullptr;       ///< the rule set that produced the result
    std::vector<dsl::Diagnostic> errors;  ///< the file's input errors, or usage errors in the options
    bool rules_failed = false;            ///< its packs did not load (their diagnostics went to the listener)
    bool not_a_partnership = false;       ///< valid JSON that does not say it is a partnership file
    bool ok() const { return result.has_value(); }
};

/// Told once per distinct selection of packs, when it is loaded: every diagnostic of the load.
using RuleLoadListener = std::function<void(const LoadResult&)>;

/// Checks partnership files. Rule sets are loaded once per distinct selection of packs and
/// shared by every file that makes it; several threads may check files at once.
class Engine {
public:
    explicit Engine(EngineOptions options, RuleLoadListener on_load = {});
    /// One rule set, already loaded, for every file (the file's `rule_packs` are not read).
    Engine(std::shared_ptr<const RuleSet> rules, EngineOptions options);
    Engine(const Engine&) = delete;
    Engine& operator=(const Engine&) = delete;

    /// Reads a file (a regular file up to limits.max_bytes, mapped rather than copied when large).
    Input read(const std::string& path) const;
    /// Reads text already in memory (a file at a git revision, a test's document), shown as `display_path`.
    Input read_text(std::string display_path, std::string text) const;

    /// Evaluates a file that was read without error. `packs` names bundled packs to use instead
    /// of those the file asks for (diff checks both versions against the same packs); the
    /// options' `rules` override both.
    Outcome evaluate(const Input& input, const std::vector<std::string>& packs = {}) const;

    /// Evaluates two versions of one file against the same packs, those either asks for (unless
    /// the options choose them): dropping a pack from `rule_packs` must not resolve its findings.
    std::array<Outcome, 2> evaluate_versions(const Input& base, const Input& head) const;

    /// read() then evaluate().
    Outcome check(const std::string& path) const;
    Outcome check_text(std::string display_path, std::string text) const;

    const EngineOptions& options() const { return options_; }

private:
    Input prepare(std::shared_ptr<const dsl::SourceFile> source) const;
    const RuleSet* rule_set(const Input& input, const std::vector<std::string>& selection,
                            std::vector<dsl::Diagnostic>& errors) const;

    EngineOptions options_;
    RuleLoadListener on_load_;
    std::shared_ptr<const RuleSet> fixed_;
    mutable std::mutex mutex_;
    mutable std::map<std::vector<std::string>, std::optional<LoadResult>> rule_sets_;
};

/// The diagnostic for a problem at a JSON Pointer of a file: at the node's line and column when
/// the document has it, else naming the file; with no code, a usage problem with no place.
dsl::Diagnostic input_diagnostic(const std::shared_ptr<const dsl::SourceFile>& source, const Document* document,
                                 const std::string& code, const std::string& pointer, const std::string& message);

}  // namespace dutycheck::engine
