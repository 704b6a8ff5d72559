// Shared pieces of the command line: finding the bundled rules, reading files, reporting input errors.
#pragma once

#include "dsl/source.hpp"
#include "engine/document.hpp"
#include "engine/loader.hpp"

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

/// Where the bundled rule packs are: next to an installed binary (../share/dutycheck/rules),
/// or the source tree's rules/ for a binary in the build tree.
std::filesystem::path bundled_rules_root();

/// The standard pack used when neither --rules nor the file chooses: Scotland's.
inline constexpr const char* standard_pack = "scotland";

/// Reads a whole file; nullopt if it cannot be read.
std::optional<std::string> read_file(const std::filesystem::path& path);

/// The bytes of a file, mapped read-only rather than copied when it is a regular file (on a
/// large partnership file, copying costs more than parsing); nullopt if it cannot be read.
std::optional<engine::SharedText> map_file(const std::filesystem::path& path);

/// Loads rule packs, printing every diagnostic to stderr; nullopt if any is an error.
std::optional<engine::LoadResult> load_or_report(const std::vector<std::filesystem::path>& packs);

/// A partnership file read and parsed, or the rendered reason it could not be.
struct LoadedDocument {
    std::string path;
    engine::SharedText text;
    std::optional<engine::Document> document;
    /// The text with a line index, for quoting lines in input errors; made on the first error.
    mutable std::shared_ptr<const dsl::SourceFile> error_source;
};

/// Reads and parses one partnership file; on failure, throws UsageError with a
/// `file:line:col: error[DC5xx]: …` message and the caret.
LoadedDocument load_document(const std::string& path, const engine::DocumentLimits& limits);

/// The same for text already read (e.g. a file at a git revision), shown as `display_path`.
LoadedDocument load_document_text(const std::string& display_path, std::string text,
                                  const engine::DocumentLimits& limits);
LoadedDocument load_shared_text(const std::string& display_path, engine::SharedText text,
                                const engine::DocumentLimits& limits);

/// The content of `path` at git revision `revision` (`git show REV:PATH`); throws UsageError if git fails.
std::string git_show(const std::string& revision, const std::string& path);

/// Renders an input problem at a JSON Pointer of a loaded document (line:col when it can be found).
std::string render_input_error(const LoadedDocument& loaded, const std::string& pointer, const std::string& code,
                               const std::string& message);

/// Expands directories into the partnership files (*.json) they hold, sorted.
std::vector<std::string> expand_inputs(const std::vector<std::string>& inputs);

}  // namespace dutycheck::tools
