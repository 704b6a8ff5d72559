// Report files: --output FORMAT=PATH, each staged beside its target and renamed only when every
// report of the run has been written, so a run leaves all its reports or none.
#pragma once

#include <filesystem>
#include <functional>
#include <ostream>
#include <string>
#include <vector>

namespace dutycheck::tools {

/// One --output: a report format and the path to write it to.
struct OutputRequest {
    std::string format;
    std::string path;
};

/// Parses every --output FORMAT=PATH. A usage error names the formats; the same file named
/// twice (by any spelling of its path) is a usage error too, before anything is written.
std::vector<OutputRequest> parse_outputs(const std::vector<std::string>& outputs);

/// Writes every report file of a run, or none. Each report is rendered into a file created
/// beside its target with a random name, O_EXCL and no symlink following (a planted link or
/// file makes the creation fail rather than be written through); the targets are replaced by
/// rename only in commit(), after every report, and standard output, have been written.
/// Uncommitted files are removed.
class OutputSet {
public:
    OutputSet() = default;
    OutputSet(const OutputSet&) = delete;
    OutputSet& operator=(const OutputSet&) = delete;
    ~OutputSet();

    /// Renders one report into its staged file; a write error is a usage error (DC508).
    void write(const OutputRequest& request, const std::function<void(std::ostream&)>& render);
    /// Renames every staged file over its target.
    void commit();

private:
    struct Staged {
        std::string path;
        std::filesystem::path temporary;
    };
    std::vector<Staged> staged_;
    bool committed_ = false;
};

/// Flushes standard output; a failed write (a full disk, a closed pipe) is a usage error, so
/// the run exits 2 rather than 0 with a report cut short.
void finish_stdout();

}  // namespace dutycheck::tools
