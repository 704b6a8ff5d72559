// A pack's tests (`dutycheck test`): each rule's cases beside its pack, checked through the engine
// and compared with the findings they expect; and, when asked, which outcomes the cases reached.
#pragma once

#include "dsl/source.hpp"
#include "engine/date.hpp"
#include "engine/packs.hpp"
#include "engine/result.hpp"

#include <array>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace dutycheck::engine {

/// The date every case is checked as of: cases are written for one day, so that they do not
/// change verdict as time passes.
inline constexpr const char* pack_test_as_of = "2026-01-01";

/// How a pack's cases are run.
struct PackTestOptions {
    /// Where `rule_packs` names are looked up (the bundled packs, then --rules-path); a pack
    /// tested from a folder that no registry folder holds is found through its parent folder.
    PackRegistry registry;
    Date as_of;             ///< the evaluation date of every case (pack_test_as_of)
    bool coverage = false;  ///< record which outcomes each condition reached (RuleCoverage::clauses)
};

/// One difference between a case's findings of its rule and its expected.tsv.
struct CaseDifference {
    std::string file;      ///< the case file (the pack folder / tests / RULE / FILE)
    std::string rule;      ///< the rule the case folder is for
    std::string pointer;   ///< where the finding is, or was expected
    std::string expected;  ///< "unmet", or `unmet "MESSAGE"` when expected.tsv gives one; "" for no finding
    std::string actual;    ///< the same for the finding the case gave; "" for none
};

/// A branch clause of a rule (a `require`, a `when`, a `for each … where`) and how many cases
/// reached each of its outcomes.
struct ClauseCoverage {
    std::string clause;        ///< "require", "when" or "where"
    std::string condition;     ///< its source text
    std::string file;          ///< the rule file, and where the condition starts in it
    std::uint32_t line = 0;
    std::uint32_t column = 0;
    std::array<std::size_t, 3> reached{};  ///< cases where it was true, false, unknown
};

/// What a rule's own cases showed of it.
struct RuleCoverage {
    std::string rule;
    std::string pack;                                  ///< the pack's registry name
    bool has_cases = false;                            ///< the pack has a folder of cases for it
    std::array<std::size_t, status_count> statuses{};  ///< its findings in its own cases, by Status
    std::vector<ClauseCoverage> clauses;               ///< with PackTestOptions::coverage, in rule order
};

/// The outcome of a run of pack tests.
struct PackTestReport {
    std::size_t passed = 0;  ///< cases (a file listed in a rule's expected.tsv) whose findings are all as expected
    std::size_t failed = 0;
    std::vector<CaseDifference> differences;  ///< in pack, rule and file order
    /// Bad input, each diagnostic rendered (DC601: a case folder without expected.tsv, for no
    /// rule of the pack, or with a malformed line; a case the engine refuses; a pack that does
    /// not load): the run proves nothing.
    std::vector<std::string> errors;
    std::vector<RuleCoverage> coverage;  ///< every rule of the packs tested, in pack and rule order
};

/// Every pack under `root` (each folder with a pack.rules), the standard pack first, then by path.
std::vector<std::filesystem::path> packs_under(const std::filesystem::path& root);

/// Runs the cases of each pack folder (`FOLDER/tests/RULE/`, see docs/rule-language.md, "Testing
/// a pack"): every file expected.tsv lists is checked through the engine as of options.as_of,
/// and its findings of RULE compared with the lines for it. A file without `format` is a
/// fragment, completed first with the format, a partnership and the pack in `rule_packs`.
PackTestReport run_pack_tests(const std::vector<std::filesystem::path>& packs, const PackTestOptions& options);

/// Branch clauses reached and counted: each outcome (true, false, unknown) of each clause is a branch.
struct BranchCount {
    std::size_t reached = 0;
    std::size_t total = 0;
};
BranchCount branch_count(const std::vector<RuleCoverage>& coverage);

}  // namespace dutycheck::engine
