// Line index, caret rendering and ordering of diagnostics.
#include "dsl/source.hpp"

#include <algorithm>
#include <tuple>

namespace dutycheck::dsl {
namespace {

// Columns count code points, so a caret lines up under non-ASCII names.
std::uint32_t code_points(std::string_view text) { return static_cast<std::uint32_t>(code_point_count(text)); }

std::string_view level_name(DiagnosticLevel level) {
    switch (level) {
        case DiagnosticLevel::error: return "error";
        case DiagnosticLevel::warning: return "warning";
        case DiagnosticLevel::note: return "note";
    }
    return "error";
}

}  // namespace

SourceFile::SourceFile(std::string path, std::string text) : path_(std::move(path)), text_(std::move(text)) {
    line_starts_.push_back(0);
    for (std::uint32_t i = 0; i < text_.size(); ++i)
        if (text_[i] == '\n') line_starts_.push_back(i + 1);
}

LineColumn SourceFile::line_column(std::uint32_t offset) const {
    offset = std::min<std::uint32_t>(offset, static_cast<std::uint32_t>(text_.size()));
    auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
    const auto line = static_cast<std::uint32_t>(it - line_starts_.begin());
    const std::uint32_t start = line_starts_[line - 1];
    return {line, code_points(std::string_view(text_).substr(start, offset - start)) + 1};
}

std::string_view SourceFile::line_text(std::uint32_t line) const {
    if (line == 0 || line > line_starts_.size()) return {};
    const std::uint32_t start = line_starts_[line - 1];
    std::uint32_t end = line < line_starts_.size() ? line_starts_[line] : static_cast<std::uint32_t>(text_.size());
    while (end > start && (text_[end - 1] == '\n' || text_[end - 1] == '\r')) --end;
    return std::string_view(text_).substr(start, end - start);
}

std::string render(const Diagnostic& d) {
    std::string out;
    if (d.file == nullptr) {
        out += std::string(level_name(d.level)) + "[" + d.code + "]: " + d.message + "\n";
    } else {
        const LineColumn at = d.file->line_column(d.begin);
        out += d.file->path() + ":" + std::to_string(at.line) + ":" + std::to_string(at.column) + ": " +
               std::string(level_name(d.level)) + "[" + d.code + "]: " + d.message + "\n";
        const std::string number = std::to_string(at.line);
        const std::string gutter(std::max<std::size_t>(number.size(), 4), ' ');
        const std::string_view line = d.file->line_text(at.line);
        std::string padded_number = std::string(gutter.size() - number.size(), ' ') + number;
        out += padded_number + " | " + std::string(line) + "\n";
        // Underline the fault up to the end of its first line; tabs are kept so the caret aligns.
        const std::uint32_t line_start = d.file->line_start(at.line);
        const std::uint32_t line_end = line_start + static_cast<std::uint32_t>(line.size());
        const std::uint32_t fault_end = std::clamp(d.end, d.begin, line_end);
        std::string marker;
        for (std::uint32_t i = line_start; i < std::min(d.begin, line_end); ++i) {
            if (is_utf8_continuation(d.file->text()[i])) continue;
            marker += d.file->text()[i] == '\t' ? '\t' : ' ';
        }
        marker += '^';
        const std::uint32_t width =
            code_points(std::string_view(d.file->text()).substr(d.begin, fault_end - std::min(d.begin, fault_end)));
        if (width > 1) marker += std::string(width - 1, '~');
        out += gutter + " | " + marker + "\n";
    }
    for (const auto& note : d.notes) out += "   note: " + note + "\n";
    return out;
}

void sort_diagnostics(std::vector<Diagnostic>& diagnostics) {
    std::stable_sort(diagnostics.begin(), diagnostics.end(), [](const Diagnostic& a, const Diagnostic& b) {
        const std::string empty;
        const std::string& pa = a.file ? a.file->path() : empty;
        const std::string& pb = b.file ? b.file->path() : empty;
        return std::tie(pa, a.begin, a.code) < std::tie(pb, b.begin, b.code);
    });
}

bool has_errors(const std::vector<Diagnostic>& diagnostics) {
    return std::any_of(diagnostics.begin(), diagnostics.end(),
                       [](const Diagnostic& d) { return d.level == DiagnosticLevel::error; });
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t above = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diagonal = above;
        }
    }
    return row[b.size()];
}

std::string closest_match(std::string_view word, const std::vector<std::string>& candidates) {
    std::string best;
    std::size_t best_distance = std::max<std::size_t>(2, word.size() / 3) + 1;
    for (const auto& candidate : candidates) {
        const std::size_t distance = edit_distance(word, candidate);
        if (distance < best_distance) {
            best_distance = distance;
            best = candidate;
        }
    }
    return best;
}

}  // namespace dutycheck::dsl
