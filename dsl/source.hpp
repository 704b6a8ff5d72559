// Source text of a rule or partnership file, and compiler-style diagnostics with a caret.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "dsl/utf8.hpp"

namespace dutycheck::dsl {

/// 1-based line and column (column counted in Unicode code points).
struct LineColumn {
    std::uint32_t line = 1;
    std::uint32_t column = 1;
};

/// The bytes of a file, owned as a string or mapped from disk. Shared, so that whatever is read
/// from the text (a document's unescaped strings and keys, a diagnostic's quoted line) can keep
/// views into it for as long as it lives, without a copy.
struct SharedText {
    std::shared_ptr<const char> bytes;
    std::size_t size = 0;

    std::string_view view() const { return {bytes.get(), size}; }
    /// Takes ownership of a string's bytes.
    static SharedText from_string(std::string text);
};

/// A file's text and name: the one place byte offsets become line:col, for rule files and
/// partnership files alike. The line index is built on the first request (safe from any
/// thread), since a large partnership file usually needs positions for a handful of nodes and
/// indexing a million lines costs more than reading them.
class SourceFile {
public:
    SourceFile(std::string path, std::string text);
    SourceFile(std::string path, SharedText text);
    SourceFile(const SourceFile&) = delete;
    SourceFile& operator=(const SourceFile&) = delete;

    const std::string& path() const { return path_; }
    std::string_view text() const { return text_.view(); }
    /// The shared bytes, for a reader that keeps views into them.
    const SharedText& shared_text() const { return text_; }
    /// Line and column of a byte offset (clamped to the end of the text).
    LineColumn line_column(std::uint32_t offset) const;
    /// The text of a 1-based line, without its line ending.
    std::string_view line_text(std::uint32_t line) const;
    /// Byte offset where a 1-based line starts.
    std::uint32_t line_start(std::uint32_t line) const { return line_starts()[line - 1]; }

private:
    const std::vector<std::uint32_t>& line_starts() const;

    std::string path_;
    SharedText text_;
    mutable std::once_flag indexed_;
    mutable std::vector<std::uint32_t> line_starts_;
};

enum class DiagnosticLevel { error, warning, note };

/// One problem at a place in a source file. Codes are stable and grouped by phase
/// (DC1xx syntax, DC2xx names and structure, DC3xx types, DC4xx files and imports,
/// DC5xx partnership files). A problem with a file but no place in it (one that cannot be read)
/// names the file by `path`; a problem with neither (a command-line option) has no code either.
struct Diagnostic {
    DiagnosticLevel level = DiagnosticLevel::error;
    std::string code;                 ///< "DC201"; empty for a usage problem, rendered as the bare message
    const SourceFile* file = nullptr; ///< null for problems with no source text
    std::uint32_t begin = 0;          ///< byte offsets of the fault
    std::uint32_t end = 0;
    std::string path;                 ///< without `file`: the file the problem is about, if any
    std::string message;
    std::vector<std::string> notes;   ///< rendered as "note: …" lines
};

/// Renders `path:line:col: error[DC201]: message`, the source line, a caret under the
/// fault (`^~~~` for its width on that line) and any notes, each line ending in '\n'. Without a
/// source file: `path: error[DC504]: message`; without a path either, `error[DC…]: message`, or the
/// bare message for a usage problem.
std::string render(const Diagnostic& diagnostic);

/// Sorts by file path, then position, then code: the order a user fixes them in.
void sort_diagnostics(std::vector<Diagnostic>& diagnostics);

/// True if any diagnostic is an error.
bool has_errors(const std::vector<Diagnostic>& diagnostics);

/// Edit distance, for "did you mean" notes.
std::size_t edit_distance(std::string_view a, std::string_view b);

/// The closest candidate within a small edit distance, or empty.
std::string closest_match(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace dutycheck::dsl
