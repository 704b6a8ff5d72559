// Line index, caret rendering and ordering of diagnostics.
#include "dsl/source.hpp"

#include <algorithm>
#include <cstring>
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

SharedText SharedText::from_string(std::string text) {
    auto owner = std::make_shared<const std::string>(std::move(text));
    // The aliasing constructor: the pointer is the bytes, the ownership is the string's.
    return {std::shared_ptr<const char>(owner, owner->data()), owner->size()};
}

SourceFile::SourceFile(std::string path, std::string text)
    : SourceFile(std::move(path), SharedText::from_string(std::move(text))) {}

SourceFile::SourceFile(std::string path, SharedText text) : path_(std::move(path)), text_(std::move(text)) {}

const std::vector<std::uint32_t>& SourceFile::line_starts() const {
    std::call_once(indexed_, [this] {
        const std::string_view text = text_.view();
        // Counted first so the index is allocated once, at its final size.
        line_starts_.reserve(1 + static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')));
        line_starts_.push_back(0);
        for (const char* at = text.data(), *end = text.data() + text.size();
             (at = static_cast<const char*>(std::memchr(at, '\n', static_cast<std::size_t>(end - at)))) != nullptr;) {
            ++at;
            line_starts_.push_back(static_cast<std::uint32_t>(at - text.data()));
        }
    });
    return line_starts_;
}

LineColumn SourceFile::line_column(std::uint32_t offset) const {
    const std::string_view text = text_.view();
    const auto& starts = line_starts();
    offset = std::min<std::uint32_t>(offset, static_cast<std::uint32_t>(text.size()));
    auto it = std::upper_bound(starts.begin(), starts.end(), offset);
    const auto line = static_cast<std::uint32_t>(it - starts.begin());
    const std::uint32_t start = starts[line - 1];
    return {line, code_points(text.substr(start, offset - start)) + 1};
}

std::string_view SourceFile::line_text(std::uint32_t line) const {
    const std::string_view text = text_.view();
    const auto& starts = line_starts();
    if (line == 0 || line > starts.size()) return {};
    const std::uint32_t start = starts[line - 1];
    std::uint32_t end = line < starts.size() ? starts[line] : static_cast<std::uint32_t>(text.size());
    while (end > start && (text[end - 1] == '\n' || text[end - 1] == '\r')) --end;
    return text.substr(start, end - start);
}

std::string render(const Diagnostic& d) {
    std::string out;
    if (d.file == nullptr) {
        if (!d.path.empty()) out += d.path + ": ";
        if (d.code.empty()) out += d.message + "\n";
        else out += std::string(level_name(d.level)) + "[" + d.code + "]: " + d.message + "\n";
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
