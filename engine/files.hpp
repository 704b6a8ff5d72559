// Reading input files with a bound on their size: partnership files and saved reports.
#pragma once

#include "dsl/source.hpp"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <variant>

namespace dutycheck::engine {

/// Why a file could not be read.
struct ReadFailure {
    /// Set when the file is larger than the bound: its size (the bytes were not read).
    std::optional<std::uintmax_t> too_large;
};

/// The bytes of a file, at most `max_bytes` of them: a large regular file is mapped read-only
/// rather than copied (on a large partnership file, copying costs more than parsing); a small
/// one, a pipe or a device is read into memory. A regular file over the bound is refused from
/// its size before any of it is read.
std::variant<dsl::SharedText, ReadFailure> read_bounded(const std::filesystem::path& path, std::uintmax_t max_bytes);

}  // namespace dutycheck::engine
