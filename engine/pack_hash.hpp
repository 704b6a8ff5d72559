// The content hash of a rule pack: what a report records so that a run can be reproduced, and
// what a cache of loaded packs can be keyed on.
#pragma once

#include <memory>
#include <string>
#include <string_view>

namespace dutycheck::engine {

/// SHA-256 over a pack's files in load order, each fed as its pack-relative path ('/'-separated),
/// a NUL byte, its bytes and a NUL byte; the NULs keep a path and its bytes from running into
/// the next file's. One object per pack.
class PackHasher {
public:
    PackHasher();
    ~PackHasher();
    PackHasher(PackHasher&&) noexcept;
    PackHasher& operator=(PackHasher&&) noexcept;

    /// Adds one file, in the order the loader first reads it.
    void add_file(std::string_view relative_path, std::string_view bytes);
    /// The digest of every file added, as 64 lower-case hex digits; the hasher is spent after it.
    std::string hex_digest();

private:
    struct State;
    std::unique_ptr<State> state_;
};

}  // namespace dutycheck::engine
