// Reading `rule_packs` and finding each named pack among the bundled ones.
#include "engine/packs.hpp"

#include <algorithm>
#include <optional>
#include <string_view>

namespace dutycheck::engine {

std::variant<std::vector<std::string>, InputError> requested_packs(const Document& doc) {
    std::vector<std::string> packs{standard_pack};
    auto list = doc.member(doc.root(), "rule_packs");
    if (!list) return packs;
    if (doc.kind(*list) != NodeKind::array)
        return InputError{"DC503", "/rule_packs", "expected a list of rule pack names"};
    for (std::size_t i = 0; i < doc.size(*list); ++i) {
        const NodeId item = doc.child(*list, i);
        if (doc.kind(item) != NodeKind::string) return InputError{"DC503", doc.pointer(item), "expected a rule pack name"};
        std::string name(doc.as_string(item));
        if (std::find(packs.begin(), packs.end(), name) == packs.end()) packs.push_back(std::move(name));
    }
    return packs;
}

namespace {

// "local/inverclyde": segments of letters, digits, '-' and '_' joined by single slashes.
bool is_registry_name(std::string_view name) {
    if (name.empty() || name.front() == '/' || name.back() == '/') return false;
    std::size_t segment = 0;
    for (const char c : name) {
        if (c == '/') {
            if (segment == 0) return false;
            segment = 0;
            continue;
        }
        const bool word = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
                          c == '_';
        if (!word) return false;
        ++segment;
    }
    return true;
}

}  // namespace

std::variant<std::vector<std::filesystem::path>, InputError> pack_folders(const PackRegistry& registry,
                                                                          const std::vector<std::string>& names) {
    std::vector<std::filesystem::path> paths;
    for (const auto& name : names) {
        if (!is_registry_name(name))
            return InputError{"DC503", "/rule_packs",
                              "'" + name + "' is not a rule pack name: packs are named as the registry lists them "
                              "(such as local/inverclyde), never by a path; add a folder of packs with --rules-path"};
        std::optional<std::filesystem::path> found;
        for (const auto& root : registry) {
            std::error_code ec;
            if (std::filesystem::is_regular_file(root / name / "pack.rules", ec)) {
                found = root / name;
                break;
            }
        }
        if (!found) return InputError{"DC503", "/rule_packs", "unknown rule pack '" + name + "'"};
        paths.push_back(std::move(*found));
    }
    return paths;
}

}  // namespace dutycheck::engine
