// Reading `rule_packs` and finding each named pack among the bundled ones.
#include "engine/packs.hpp"

#include <algorithm>

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

std::variant<std::vector<std::filesystem::path>, InputError> pack_folders(const std::filesystem::path& registry,
                                                                          const std::vector<std::string>& names) {
    std::vector<std::filesystem::path> paths;
    for (const auto& name : names) {
        std::error_code ec;
        if (!std::filesystem::is_directory(registry / name, ec))
            return InputError{"DC503", "/rule_packs", "unknown rule pack '" + name + "'"};
        paths.push_back(registry / name);
    }
    return paths;
}

}  // namespace dutycheck::engine
