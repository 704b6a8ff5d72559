// Shared command-line support: bundled rule discovery, file reading and input-error rendering.
#include "tools/support.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <fstream>
#include <iostream>
#include <sstream>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

namespace dutycheck::tools {
namespace fs = std::filesystem;

namespace {

fs::path executable_directory() {
    std::error_code ec;
    const fs::path self = fs::read_symlink("/proc/self/exe", ec);
    return ec ? fs::path() : self.parent_path();
}

// Byte offset of a 1-based line and code-point column.
std::uint32_t offset_of(const dsl::SourceFile& source, engine::SourcePosition position) {
    const std::string_view text = source.text();
    std::uint32_t offset = source.line_start(position.line);
    for (std::uint32_t column = 1; column < position.column && offset < text.size(); ++column) {
        ++offset;
        while (offset < text.size() && dsl::is_utf8_continuation(text[offset])) ++offset;
    }
    return offset;
}

const dsl::SourceFile& error_source(const LoadedDocument& loaded) {
    if (!loaded.error_source)
        loaded.error_source = std::make_shared<const dsl::SourceFile>(loaded.path, std::string(loaded.text.view()));
    return *loaded.error_source;
}

}  // namespace

fs::path bundled_rules_root() {
    std::error_code ec;
    const fs::path installed = executable_directory() / ".." / "share" / "dutycheck" / "rules";
    if (fs::is_directory(installed, ec)) return installed.lexically_normal();
#ifdef DUTYCHECK_SOURCE_RULES_DIR
    if (fs::is_directory(DUTYCHECK_SOURCE_RULES_DIR, ec)) return DUTYCHECK_SOURCE_RULES_DIR;
#endif
    throw UsageError{"cannot find the bundled rule packs (looked in " + installed.string() +
                     "); pass --rules PATH"};
}

std::optional<std::string> read_file(const fs::path& path) {
    std::error_code ec;
    if (fs::is_directory(path, ec)) return std::nullopt;
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    std::stringstream text;
    text << in.rdbuf();
    if (in.bad()) return std::nullopt;
    return text.str();
}

std::optional<engine::SharedText> map_file(const fs::path& path) {
    const int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return std::nullopt;
    struct stat info {};
    if (fstat(fd, &info) != 0 || S_ISDIR(info.st_mode)) {
        close(fd);
        return std::nullopt;
    }
    // Mapping pays off for large files; for small ones a read into reused heap memory is cheaper
    // than a mapping and its teardown.
    constexpr off_t map_from_bytes = 1 << 20;
    if (S_ISREG(info.st_mode) && info.st_size >= map_from_bytes) {
        const auto size = static_cast<std::size_t>(info.st_size);
        // MAP_POPULATE maps the whole file in one go rather than a page fault at a time.
        void* mapped = mmap(nullptr, size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
        close(fd);
        if (mapped == MAP_FAILED) return std::nullopt;
        return engine::SharedText{
            std::shared_ptr<const char>(static_cast<const char*>(mapped),
                                        [size](const char* bytes) { munmap(const_cast<char*>(bytes), size); }),
            size};
    }
    // Small files, pipes and devices: read what there is.
    std::string text;
    if (S_ISREG(info.st_mode)) text.reserve(static_cast<std::size_t>(info.st_size));
    char buffer[65536];
    ssize_t n = 0;
    while ((n = read(fd, buffer, sizeof buffer)) > 0) text.append(buffer, static_cast<std::size_t>(n));
    close(fd);
    if (n < 0) return std::nullopt;
    return engine::SharedText::from_string(std::move(text));
}

std::optional<engine::LoadResult> load_or_report(const std::vector<fs::path>& packs) {
    engine::LoadResult loaded = engine::load_rule_packs(packs);
    // Errors always show; rule warnings follow --quiet like other diagnostics.
    for (const auto& diagnostic : loaded.diagnostics)
        if (diagnostic.level == dsl::DiagnosticLevel::error || spdlog::should_log(spdlog::level::warn))
            std::cerr << dsl::render(diagnostic);
    if (!loaded.ok()) return std::nullopt;
    spdlog::debug("loaded {} rules from {} pack(s)", loaded.rules->rules.size(), loaded.rules->packs.size());
    return loaded;
}

LoadedDocument load_document(const std::string& path, const engine::DocumentLimits& limits) {
    // From stat, before reading: a file over the limit is refused without loading any of it.
    std::error_code ec;
    const auto size = fs::file_size(path, ec);
    if (!ec && size > limits.max_bytes)
        throw UsageError{path + ": error[DC504]: file is larger than the " + std::to_string(limits.max_bytes) +
                         "-byte limit (" + std::to_string(size) + " bytes; limit: --max-file-size)"};
    auto text = map_file(path);
    if (!text) throw UsageError{path + ": error[DC504]: cannot read the file"};
    return load_shared_text(path, std::move(*text), limits);
}

LoadedDocument load_document_text(const std::string& display_path, std::string text,
                                  const engine::DocumentLimits& limits) {
    return load_shared_text(display_path, engine::SharedText::from_string(std::move(text)), limits);
}

LoadedDocument load_shared_text(const std::string& display_path, engine::SharedText text,
                                const engine::DocumentLimits& limits) {
    LoadedDocument loaded;
    loaded.path = display_path;
    loaded.text = text;
    engine::ParsedDocument parsed = engine::parse_json_document(std::move(text), limits);
    if (parsed.error) {
        dsl::Diagnostic d;
        d.code = "DC501";
        d.message = parsed.error->message;
        // The setting that refused the file, when it was a limit rather than the content.
        std::string limit;
        if (parsed.error->limit == engine::LimitExceeded::max_bytes) limit = "limit: --max-file-size";
        if (parsed.error->limit == engine::LimitExceeded::max_depth) limit = "limit: --max-depth";
        if (!parsed.error->pointer.empty())
            d.message += " (at " + parsed.error->pointer + (limit.empty() ? "" : "; " + limit) + ")";
        else if (!limit.empty())
            d.message += " (" + limit + ")";
        if (parsed.error->position.line > 0) {
            d.file = &error_source(loaded);
            d.begin = offset_of(*d.file, parsed.error->position);
            d.end = d.begin + 1;
        } else {
            d.message = display_path + ": " + d.message;
        }
        throw UsageError{dsl::render(d)};
    }
    loaded.document = std::move(parsed.document);
    return loaded;
}

std::string git_show(const std::string& revision, const std::string& path) {
    // Arguments go through argv, never a shell, so a revision or path cannot inject commands.
    int pipe_fds[2];
    if (pipe(pipe_fds) != 0) throw UsageError{"--git: cannot run git"};
    const pid_t child = fork();
    if (child < 0) throw UsageError{"--git: cannot run git"};
    if (child == 0) {
        dup2(pipe_fds[1], STDOUT_FILENO);
        close(pipe_fds[0]);
        close(pipe_fds[1]);
        // From the file's own folder, "REV:./NAME" names it whatever the repository's root.
        const fs::path file(path);
        if (!file.parent_path().empty() && chdir(file.parent_path().c_str()) != 0) _exit(127);
        const std::string spec = revision + ":./" + file.filename().string();
        execlp("git", "git", "show", spec.c_str(), static_cast<char*>(nullptr));
        _exit(127);
    }
    close(pipe_fds[1]);
    std::string text;
    char buffer[65536];
    for (ssize_t n; (n = read(pipe_fds[0], buffer, sizeof buffer)) > 0;) text.append(buffer, static_cast<std::size_t>(n));
    close(pipe_fds[0]);
    int status = 0;
    waitpid(child, &status, 0);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        throw UsageError{"--git: cannot read " + path + " at revision " + revision + " (git show failed)"};
    return text;
}

std::string render_input_error(const LoadedDocument& loaded, const std::string& pointer, const std::string& code,
                               const std::string& message) {
    dsl::Diagnostic d;
    d.code = code;
    d.message = message + (pointer.empty() ? "" : " (at " + pointer + ")");
    const auto node = loaded.document ? loaded.document->find(pointer) : std::nullopt;
    if (node) {
        d.file = &error_source(loaded);
        d.begin = loaded.document->offset(*node);
        d.end = d.begin + 1;
        return dsl::render(d);
    }
    d.message = loaded.path + ": " + d.message;
    return dsl::render(d);
}

std::vector<std::string> expand_inputs(const std::vector<std::string>& inputs) {
    std::vector<std::string> files;
    for (const auto& input : inputs) {
        std::error_code ec;
        if (!fs::is_directory(input, ec)) {
            files.push_back(input);
            continue;
        }
        std::vector<std::string> found;
        for (const auto& entry : fs::recursive_directory_iterator(input, ec))
            if (entry.is_regular_file() && entry.path().extension() == ".json") found.push_back(entry.path().string());
        if (found.empty()) throw UsageError{input + ": error[DC504]: no partnership files (*.json) in this directory"};
        std::sort(found.begin(), found.end());
        files.insert(files.end(), found.begin(), found.end());
    }
    return files;
}

}  // namespace dutycheck::tools
