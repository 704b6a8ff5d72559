// The subcommands of `dutycheck`, one function each; main() parses arguments and calls them.
#pragma once

#include "engine/document.hpp"
#include "engine/evaluator.hpp"
#include "engine/waivers.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace dutycheck::tools {

struct CheckOptions {
    std::vector<std::string> rules;              ///< --rules; empty: the standard pack plus the file's rule_packs
    std::vector<std::string> rules_path;         ///< --rules-path: folders of packs `rule_packs` may name
    std::map<std::string, std::string> params;   ///< --param NAME=VALUE
    std::optional<std::string> as_of;            ///< --as-of DATE; default today
    std::string format = "text";                 ///< --format text|json
    bool format_given = false;                   ///< --format was on the command line (not the default)
    std::string fail_on = "error";               ///< --fail-on error|warning|info|none
    bool show_all = false;                       ///< --all: list met and not-applicable findings too
    std::string colour = "auto";                 ///< --colour auto|always|never
    std::vector<std::string> inputs;             ///< files and folders
    std::vector<std::string> outputs;            ///< --output FORMAT=PATH, written atomically
    std::optional<std::string> baseline;         ///< --baseline REPORT.json: known findings that do not fail the gate
    std::vector<std::string> explain;            ///< --explain RULE|failing: what the rules looked at, per instance
    std::string trace;                           ///< --trace RULE: every clause of each instance and the facts it read
    engine::DocumentLimits limits;               ///< --max-file-size, --max-depth
    std::uint64_t max_steps = engine::EvaluationOptions{}.max_steps;  ///< --max-steps: per rule, per file
    std::uint32_t waiver_horizon = engine::default_waiver_horizon_months;  ///< --waiver-horizon: months after approval
    std::size_t jobs = 0;                        ///< --jobs: files checked at once; 0 = one per core
    bool hidden = false;                         ///< --hidden: walk hidden folders and files too
    std::vector<std::string> excludes;           ///< --exclude GLOB: leave matching paths out of folder walks
    std::string paper;                           ///< --paper ID|POINTER: the pre-board check of one board paper
};

struct DiffOptions {
    CheckOptions check;                          ///< rules, params, as-of, format, fail-on, limits
    std::string base;                            ///< BASE file (unused with --git)
    std::string head;                            ///< HEAD file
    std::optional<std::string> git_revision;     ///< --git REV: BASE is HEAD's file at that revision
    bool fail_on_new = false;                    ///< gate only on findings the change introduced
};

struct TestOptions {
    std::vector<std::string> packs;       ///< pack folders or registry names; empty: every bundled pack
    std::vector<std::string> rules_path;  ///< --rules-path: folders of packs a case's rule_packs may name
    bool coverage = false;                ///< --coverage: the rules and branches the cases never reached
    std::string format = "text";          ///< --format text|json
};

/// `dutycheck check`: evaluate partnership files; exit 0, 1 (findings at or above --fail-on) or 2.
int run_check(const CheckOptions& options);
/// `dutycheck diff BASE HEAD`: new, resolved and unchanged failing findings, matched on rule and pointer.
int run_diff(const DiffOptions& options);
/// `dutycheck calendar`: each file's deadlines (missed, due within 90 days, later) as text, JSON
/// or iCalendar; exit 0, or 2 on a usage or input error. Reads rules, rules_path, params, as_of,
/// format, limits, hidden, excludes and inputs of `options`.
int run_calendar(const CheckOptions& options);
/// `dutycheck rules list`: packs, rules, duties, sources and force.
int run_rules_list(const std::vector<std::string>& rules);
/// `dutycheck rules explain ID`: the rule, its citation, quote and source text.
int run_rules_explain(const std::vector<std::string>& rules, const std::string& id);
/// `dutycheck rules coverage`: every duty of the register and the rules that encode it (text or markdown);
/// exit 1 if a duty has neither a rule nor a recorded reason, or a rule names a duty not in the register.
int run_rules_coverage(const std::vector<std::string>& rules, const std::string& format);
/// `dutycheck test [PACK…]`: run each pack's cases (docs/rule-language.md, "Testing a pack");
/// exit 0, 1 if a case's findings differ from its expected.tsv, or 2 on bad input.
int run_test(const TestOptions& options);
/// `dutycheck lint [--strict] PATH…`: parse and check rule packs without a document; exit 2 on an
/// error, or with `strict` on a warning too.
int run_lint(const std::vector<std::string>& paths, bool strict);
/// `dutycheck fmt [--check] PATH…`: rewrites rule files (and the *.rules under folders) in the
/// canonical layout, each only if it changes; with `check`, writes nothing, prints where each
/// file first differs and exits 1 if any would change. A file that does not parse: exit 2, nothing written.
int run_fmt(const std::vector<std::string>& paths, bool check);

}  // namespace dutycheck::tools
