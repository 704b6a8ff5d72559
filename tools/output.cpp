// Writing report files atomically, all of a run's or none.
#include "tools/output.hpp"

#include "report/formats.hpp"
#include "tools/support.hpp"

#include <algorithm>
#include <fstream>
#include <unistd.h>

namespace dutycheck::tools {
namespace fs = std::filesystem;

std::vector<OutputRequest> parse_outputs(const std::vector<std::string>& outputs) {
    std::vector<OutputRequest> parsed;
    for (const auto& output : outputs) {
        const auto equals = output.find('=');
        const std::string format = output.substr(0, equals);
        const auto& formats = report::format_names();
        if (equals == std::string::npos || equals + 1 == output.size() ||
            std::find(formats.begin(), formats.end(), format) == formats.end())
            throw UsageError{"--output expects FORMAT=PATH with FORMAT one of " + report::format_list() + ", got '" +
                             output + "'"};
        parsed.push_back({format, output.substr(equals + 1)});
    }
    return parsed;
}

OutputSet::~OutputSet() {
    if (committed_) return;
    for (const auto& pending : pending_) {
        std::error_code ignored;
        fs::remove(pending.temporary, ignored);
    }
}

void OutputSet::write(const OutputRequest& request, const std::function<void(std::ostream&)>& render) {
    const fs::path target(request.path);
    Pending& pending = pending_.emplace_back(
        Pending{request.path, target.parent_path() / (target.filename().string() + ".tmp." + std::to_string(getpid()))});
    std::ofstream out(pending.temporary, std::ios::binary | std::ios::trunc);
    if (out) render(out);
    out.flush();
    if (!out) throw UsageError{request.path + ": error[DC508]: cannot write the report"};
}

void OutputSet::commit() {
    for (const auto& pending : pending_) {
        std::error_code ec;
        fs::rename(pending.temporary, pending.path, ec);
        if (ec) throw UsageError{pending.path + ": error[DC508]: cannot write the report"};
    }
    committed_ = true;
}

}  // namespace dutycheck::tools
