// Shared pieces of the command line: exit codes, usage errors, finding the bundled rules, walking folders.
#pragma once

#include "dsl/source.hpp"
#include "engine/engine.hpp"
#include "tools/commands.hpp"
#include "engine/loader.hpp"
#include "engine/packs.hpp"
#include "report/report_info.hpp"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace dutycheck::tools {

/// Exit codes, as documented in the README.
enum ExitCode : int { exit_ok = 0, exit_findings = 1, exit_error = 2 };

/// Thrown for usage and input errors; caught once in main, printed to stderr, exit 2.
struct UsageError {
    std::string message;
};

/// A usage error holding every diagnostic, rendered.
UsageError usage_error(const std::vector<dsl::Diagnostic>& diagnostics);

/// Where the bundled rule packs are: next to an installed binary (../share/dutycheck/rules),
/// or the source tree's rules/ for a binary in the build tree.
std::filesystem::path bundled_rules_root();

using engine::standard_pack;

/// The evaluation date --as-of names (YYYY-MM-DD), or today; a usage error for anything else.
engine::Date evaluation_date(const std::optional<std::string>& as_of);

/// How `check`, `diff` and `calendar` set up the engine from the shared options: the packs
/// (--rules, or the bundled ones, --rules-path and DUTYCHECK_RULES_PATH), parameters, as-of
/// date and limits.
engine::EngineOptions engine_options(const CheckOptions& options);

/// Prints a rule load's diagnostics to stderr: errors always, warnings unless --quiet.
void print_load_diagnostics(const engine::LoadResult& loaded);

/// Loads rule packs, printing every diagnostic to stderr; nullopt if any is an error.
std::optional<engine::LoadResult> load_or_report(const std::vector<std::filesystem::path>& packs);

/// The content of `path` at git revision `revision` (`git show REV:PATH`), at most `max_bytes` of
/// it; throws UsageError for a revision that is not a plain name (one starting with "-", or
/// holding ":" or white space), when git fails, or past the bound.
std::string git_show(const std::string& revision, const std::string& path, std::uintmax_t max_bytes);

/// How a folder given to `check` is walked.
struct FolderWalk {
    bool hidden = false;                ///< --hidden: enter folders and read files whose names begin with '.'
    std::vector<std::string> excludes;  ///< --exclude GLOB: paths (relative to the folder) or names to leave out
};

/// A file to check, and whether it was found by walking a folder rather than named.
struct InputFile {
    std::string path;
    bool found_in_folder = false;
};

/// A JSON file found in a folder that does not say it is a partnership file (an editor's
/// settings, a package.json) is skipped, not an error. A file named on the command line, or one
/// that is not valid JSON, is never skipped: a gate must not pass on what it could not read.
bool skipped(const InputFile& file, const engine::Outcome& outcome);

/// The error for a run whose inputs (the first named `first_input`) held no partnership file.
UsageError no_partnership_files(const std::string& first_input);

/// Expands folders into the JSON files (*.json) they hold, sorted, leaving out hidden folders
/// and files unless asked, and what --exclude names; files named are kept as given.
std::vector<InputFile> expand_inputs(const std::vector<std::string>& inputs, const FolderWalk& walk = {});

/// The packs a report names: those of every rule set used, each once, in the order of the files,
/// with their versions and content hashes. The parameters in force are each file's own
/// (DocumentResult::parameters).
class PackNames {
public:
    void add(const engine::RuleSet& rules);
    /// The run's ReportInfo, with the bundled register's duty titles (the HTML matrix shows them).
    report::ReportInfo info(engine::Date as_of) const;

private:
    std::vector<report::PackStamp> packs_;
};

}  // namespace dutycheck::tools
