// `dutycheck fmt [--check] PATH…`: rule files printed back in the one canonical layout.
#include "dsl/parser.hpp"
#include "dsl/printer.hpp"
#include "tools/commands.hpp"
#include "tools/output.hpp"
#include "tools/support.hpp"

#include <algorithm>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

namespace dutycheck::tools {
namespace fs = std::filesystem;

namespace {

// The rule files named, and the *.rules files under each folder named (sorted, each once).
std::vector<fs::path> rule_files(const std::vector<std::string>& paths) {
    std::vector<fs::path> files;
    for (const auto& path : paths) {
        std::error_code ec;
        if (fs::is_directory(path, ec)) {
            std::vector<fs::path> found;
            for (const auto& entry : fs::recursive_directory_iterator(path, ec))
                if (entry.is_regular_file() && entry.path().extension() == ".rules") found.push_back(entry.path());
            if (ec) throw UsageError{"cannot read folder '" + path + "': " + ec.message()};
            std::sort(found.begin(), found.end());
            files.insert(files.end(), found.begin(), found.end());
        } else if (fs::exists(path, ec)) {
            files.emplace_back(path);
        } else {
            throw UsageError{"no such file or folder: '" + path + "'"};
        }
    }
    std::vector<fs::path> unique;
    for (const auto& file : files)
        if (std::find(unique.begin(), unique.end(), file) == unique.end()) unique.push_back(file);
    return unique;
}

std::string read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    if (!in) throw UsageError{"cannot read rule file '" + path.string() + "'"};
    return text.str();
}

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        lines.push_back(std::move(line));
    }
    return lines;
}

// `PATH:LINE: not formatted` at the first line that differs, with the line as it is and as it
// would be.
std::string first_difference(const std::string& path, const std::string& before, const std::string& after) {
    const auto old_lines = lines_of(before), new_lines = lines_of(after);
    std::size_t line = 0;
    while (line < old_lines.size() && line < new_lines.size() && old_lines[line] == new_lines[line]) ++line;
    std::string out = path + ":" + std::to_string(line + 1) + ": not formatted\n";
    out += line < old_lines.size() ? "  - " + old_lines[line] + "\n" : "  - (end of file)\n";
    out += line < new_lines.size() ? "  + " + new_lines[line] + "\n" : "  + (end of file)\n";
    return out;
}

struct Formatted {
    fs::path path;
    std::string before;
    std::string after;
};

}  // namespace

int run_fmt(const std::vector<std::string>& paths, bool check) {
    std::vector<Formatted> files;
    std::vector<dsl::Diagnostic> problems;
    std::vector<std::unique_ptr<dsl::SourceFile>> sources;  // the diagnostics point into them
    for (const auto& path : rule_files(paths)) {
        auto& source = *sources.emplace_back(std::make_unique<dsl::SourceFile>(path.string(), read_file(path)));
        dsl::ParseResult parsed = dsl::parse_rule_file(source);
        if (!parsed.file) {
            problems.insert(problems.end(), parsed.diagnostics.begin(), parsed.diagnostics.end());
            continue;
        }
        std::string formatted = dsl::format_rule_file(*parsed.file, source);
        // A formatter must never lose a rule or a comment: the text it would write parses, and
        // keeps every comment. Anything else is this program's fault, and nothing is written.
        const dsl::SourceFile reformatted(path.string(), formatted);
        if (!dsl::parse_rule_file(reformatted).file ||
            dsl::collect_comments(formatted).size() != dsl::collect_comments(source.text()).size())
            throw UsageError{"error: formatting '" + path.string() +
                             "' would change its meaning; the file is left as it is (please report this)"};
        files.push_back({path, std::string(source.text()), std::move(formatted)});
    }
    if (!problems.empty()) {
        dsl::sort_diagnostics(problems);
        throw usage_error(problems);
    }

    std::size_t changed = 0;
    OutputSet outputs;
    for (const auto& file : files) {
        if (file.before == file.after) continue;
        ++changed;
        if (check) {
            std::cout << first_difference(file.path.string(), file.before, file.after);
        } else {
            outputs.write({"rules", file.path.string()}, [&](std::ostream& out) { out << file.after; });
            std::cout << "formatted " << file.path.string() << "\n";
        }
    }
    outputs.commit();
    finish_stdout();
    std::cerr << files.size() << " rule file(s): " << changed << (check ? " not formatted" : " reformatted") << "\n";
    return check && changed > 0 ? exit_findings : exit_ok;
}

}  // namespace dutycheck::tools
