// Bounded file reading: regular files mapped when large, standard input read up to the bound,
// everything else refused before it is read.
#include "engine/files.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace dutycheck::engine {

std::string ReadFailure::describe(std::uintmax_t max_bytes) const {
    switch (reason) {
        case Reason::too_large:
            return "file is larger than the " + std::to_string(max_bytes) + "-byte limit (" +
                   (size ? std::to_string(*size) + " bytes; " : std::string()) + "limit: --max-file-size)";
        case Reason::not_a_file:
            return "not a regular file (a folder, a device or a pipe): name a partnership file, or - for "
                   "standard input";
        case Reason::unreadable: break;
    }
    return "cannot read the file";
}

std::optional<std::string> read_descriptor(int fd, std::uintmax_t max_bytes, bool& too_large) {
    too_large = false;
    std::string text;
    char buffer[65536];
    for (;;) {
        const ssize_t n = read(fd, buffer, sizeof buffer);
        if (n < 0) return std::nullopt;
        if (n == 0) return text;
        if (text.size() + static_cast<std::size_t>(n) > max_bytes) {
            too_large = true;
            return std::nullopt;
        }
        text.append(buffer, static_cast<std::size_t>(n));
    }
}

std::variant<dsl::SharedText, ReadFailure> read_bounded(const std::filesystem::path& path, std::uintmax_t max_bytes) {
    using Reason = ReadFailure::Reason;
    if (path == standard_input_name) {
        bool too_large = false;
        auto text = read_descriptor(STDIN_FILENO, max_bytes, too_large);
        if (!text) return ReadFailure{too_large ? Reason::too_large : Reason::unreadable, std::nullopt};
        return dsl::SharedText::from_string(std::move(*text));
    }
    // O_NONBLOCK: opening a named pipe must not wait for a writer; it is refused below anyway.
    const int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) return ReadFailure{};
    struct stat info {};
    if (fstat(fd, &info) != 0) {
        close(fd);
        return ReadFailure{};
    }
    if (!S_ISREG(info.st_mode)) {
        close(fd);
        return ReadFailure{Reason::not_a_file, std::nullopt};
    }
    const auto size = static_cast<std::uintmax_t>(info.st_size);
    if (size > max_bytes) {
        close(fd);
        return ReadFailure{Reason::too_large, size};
    }
    // Mapping pays off for large files; for small ones a read into reused heap memory is cheaper
    // than a mapping and its teardown.
    constexpr std::uintmax_t map_from_bytes = 1 << 20;
    if (size >= map_from_bytes) {
        // MAP_POPULATE maps the whole file in one go rather than a page fault at a time.
        void* mapped = mmap(nullptr, size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
        close(fd);
        if (mapped == MAP_FAILED) return ReadFailure{};
        return dsl::SharedText{
            std::shared_ptr<const char>(static_cast<const char*>(mapped),
                                        [size](const char* bytes) { munmap(const_cast<char*>(bytes), size); }),
            static_cast<std::size_t>(size)};
    }
    // A file that grows while it is read is still held to the bound.
    bool too_large = false;
    auto text = read_descriptor(fd, max_bytes, too_large);
    close(fd);
    if (!text) return ReadFailure{too_large ? Reason::too_large : Reason::unreadable, std::nullopt};
    return dsl::SharedText::from_string(std::move(*text));
}

}  // namespace dutycheck::engine
