// Bounded file reading: mapped when large, read when small, refused from its size when too large.
#include "engine/files.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace dutycheck::engine {

std::variant<dsl::SharedText, ReadFailure> read_bounded(const std::filesystem::path& path, std::uintmax_t max_bytes) {
    const int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return ReadFailure{};
    struct stat info {};
    if (fstat(fd, &info) != 0 || S_ISDIR(info.st_mode)) {
        close(fd);
        return ReadFailure{};
    }
    if (S_ISREG(info.st_mode) && static_cast<std::uintmax_t>(info.st_size) > max_bytes) {
        close(fd);
        return ReadFailure{static_cast<std::uintmax_t>(info.st_size)};
    }
    // Mapping pays off for large files; for small ones a read into reused heap memory is cheaper
    // than a mapping and its teardown.
    constexpr off_t map_from_bytes = 1 << 20;
    if (S_ISREG(info.st_mode) && info.st_size >= map_from_bytes) {
        const auto size = static_cast<std::size_t>(info.st_size);
        // MAP_POPULATE maps the whole file in one go rather than a page fault at a time.
        void* mapped = mmap(nullptr, size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
        close(fd);
        if (mapped == MAP_FAILED) return ReadFailure{};
        return dsl::SharedText{
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
    if (n < 0) return ReadFailure{};
    return dsl::SharedText::from_string(std::move(text));
}

}  // namespace dutycheck::engine
