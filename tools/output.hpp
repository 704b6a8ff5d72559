// Report files: --output FORMAT=PATH, each written to a temporary file and renamed only when all are.
#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

namespace dutycheck::tools {

/// One --output: a report format and the path to write it to.
struct OutputRequest {
    std::string format;
    std::string path;
};

/// Parses every --output FORMAT=PATH; a usage error names the formats.
std::vector<OutputRequest> parse_outputs(const std::vector<std::string>& outputs);

/// Writes every report file of a run, or none: each is rendered into a temporary file beside its
/// target, and the targets are replaced only once all have been written, so an interrupted or
/// failed run leaves the previous reports intact.
class OutputSet {
public:
    OutputSet() = default;
    OutputSet(const OutputSet&) = delete;
    OutputSet& operator=(const OutputSet&) = delete;
    ~OutputSet();

    /// Renders one report into its temporary file; a write error is a usage error (DC508).
    void write(const OutputRequest& request, const std::function<void(std::ostream&)>& render);
    /// Renames every temporary file over its target.
    void commit();

private:
    struct Pending {
        std::string path;
        std::filesystem::path temporary;
    };
    std::vector<Pending> pending_;
    bool committed_ = false;
};

}  // namespace dutycheck::tools
