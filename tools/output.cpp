// Writing report files safely: staged with O_EXCL under random names, committed together.
#include "tools/output.hpp"

#include "report/formats.hpp"
#include "tools/support.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <ext/stdio_filebuf.h>
#include <fcntl.h>
#include <iostream>
#include <sys/stat.h>
#include <unistd.h>

namespace dutycheck::tools {
namespace fs = std::filesystem;

namespace {

UsageError cannot_write(const std::string& path, int error) {
    return UsageError{path + ": error[DC508]: cannot write the report" +
                      (error != 0 ? std::string(" (") + std::strerror(error) + ")" : std::string())};
}

// The same file, however its path is spelt: its folder resolved, then its name.
fs::path identity(const std::string& path) {
    std::error_code ec;
    const fs::path absolute = fs::absolute(path, ec);
    const fs::path folder = fs::weakly_canonical(absolute.parent_path(), ec);
    return folder / absolute.filename();
}

}  // namespace

std::vector<OutputRequest> parse_outputs(const std::vector<std::string>& outputs) {
    std::vector<OutputRequest> parsed;
    std::vector<fs::path> targets;
    for (const auto& output : outputs) {
        const auto equals = output.find('=');
        const std::string format = output.substr(0, equals);
        const auto& formats = report::format_names();
        if (equals == std::string::npos || equals + 1 == output.size() ||
            std::find(formats.begin(), formats.end(), format) == formats.end())
            throw UsageError{"--output expects FORMAT=PATH with FORMAT one of " + report::format_list() + ", got '" +
                             output + "'"};
        OutputRequest request{format, output.substr(equals + 1)};
        const fs::path target = identity(request.path);
        for (std::size_t i = 0; i < targets.size(); ++i)
            if (targets[i] == target)
                throw UsageError{"--output: " + request.path + " is named twice (" + parsed[i].format + " and " +
                                 format + "); each report needs a file of its own"};
        targets.push_back(target);
        parsed.push_back(std::move(request));
    }
    return parsed;
}

OutputSet::~OutputSet() {
    if (committed_) return;
    for (const auto& staged : staged_) {
        std::error_code ignored;
        fs::remove(staged.temporary, ignored);
    }
}

void OutputSet::write(const OutputRequest& request, const std::function<void(std::ostream&)>& render) {
    const fs::path target(request.path);
    // mkostemp creates the file with O_EXCL under a random name: an existing file or a planted
    // symbolic link makes it pick another name, never write through it.
    std::string pattern =
        (target.parent_path() / ("." + target.filename().string() + ".dutycheck-XXXXXX")).string();
    const int fd = mkostemp(pattern.data(), O_CLOEXEC);
    if (fd < 0) throw cannot_write(request.path, errno);
    staged_.push_back({request.path, pattern});
    // mkostemp makes the file private (0600); a report gets the permissions a new file would.
    const mode_t mask = umask(0);
    umask(mask);
    fchmod(fd, 0666 & ~mask);
    __gnu_cxx::stdio_filebuf<char> buffer(fd, std::ios::out | std::ios::binary);
    std::ostream out(&buffer);
    render(out);
    out.flush();
    const bool written = out.good();
    const int error = written ? 0 : errno;
    if (buffer.close() == nullptr || !written) throw cannot_write(request.path, error);
}

void OutputSet::commit() {
    for (const auto& staged : staged_) {
        std::error_code ec;
        fs::rename(staged.temporary, staged.path, ec);
        if (ec) throw cannot_write(staged.path, ec.value());
    }
    committed_ = true;
}

void finish_stdout() {
    std::cout.flush();
    if (!std::cout || std::fflush(stdout) != 0)
        throw UsageError{"error[DC508]: cannot write the report to standard output"};
}

}  // namespace dutycheck::tools
