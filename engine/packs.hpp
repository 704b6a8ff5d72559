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

/// Where packs named by `rule_packs` are found: the bundled packs first, then the folders given
/// with --rules-path or DUTYCHECK_RULES_PATH. A name the bundled packs hold always resolves
/// there, so no other folder can stand in for the standard pack.
using PackRegistry = std::vector<std::filesystem::path>;

/// The folders of the packs named in `names`, found in `registry`. A name is a registry name,
/// one or more segments of letters, digits, '-' and '_' joined by '/' (`local/inverclyde`):
/// an absolute path, "..", or a name no folder of the registry holds is an input error at
/// /rule_packs.
std::variant<std::vector<std::filesystem::path>, InputError> pack_folders(const PackRegistry& registry,
                                                                          const std::vector<std::string>& names);

}  // namespace dutycheck::engine
