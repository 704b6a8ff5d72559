// The pack registry: which bundled rule packs a partnership file asks for, and where they are.
#pragma once

#include "engine/document.hpp"
#include "engine/input_error.hpp"

#include <filesystem>
#include <string>
#include <variant>
#include <vector>

namespace dutycheck::engine {

/// The standard pack every file is checked against when no packs are given: Scotland's.
inline constexpr const char* standard_pack = "scotland";

/// The packs a file asks for: the standard pack, then each name in its `rule_packs`, once each.
std::variant<std::vector<std::string>, InputError> requested_packs(const Document& doc);

/// The folders of bundled packs named in `names`, under `registry`; an unknown name is an input
/// error at /rule_packs.
std::variant<std::vector<std::filesystem::path>, InputError> pack_folders(const std::filesystem::path& registry,
                                                                          const std::vector<std::string>& names);

}  // namespace dutycheck::engine
