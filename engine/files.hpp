// Reading input files with a bound on their size: partnership files, saved reports, standard input.
#pragma once

#include "dsl/source.hpp"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <variant>

namespace dutycheck::engine {

/// The name that stands for standard input on the command line.
inline constexpr const char* standard_input_name = "-";

/// Why a file could not be read.
struct ReadFailure {
    enum class Reason : std::uint8_t { unreadable, too_large, not_a_file };
    Reason reason = Reason::unreadable;
    std::optional<std::uintmax_t> size;  ///< too_large: the file's size, when it has one (not for a pipe)

    /// The failure in words: "cannot read the file", "file is larger than the N-byte limit (…)".
    std::string describe(std::uintmax_t max_bytes) const;
};

/// The bytes of a regular file, or of standard input for "-", at most `max_bytes` of them: a
/// large regular file is mapped read-only rather than copied (on a large partnership file,
/// copying costs more than parsing); a small one is read into memory. A regular file over the
/// bound is refused from its size before any of it is read; standard input is read up to the
/// bound and refused past it. A folder, a device or a named pipe is refused without reading
/// (a pipe or /dev/zero would never end).
std::variant<dsl::SharedText, ReadFailure> read_bounded(const std::filesystem::path& path, std::uintmax_t max_bytes);

/// Reads at most `max_bytes` from an open descriptor; nullopt on a read error, or when there is
/// more (`too_large` is then set).
std::optional<std::string> read_descriptor(int fd, std::uintmax_t max_bytes, bool& too_large);

}  // namespace dutycheck::engine
