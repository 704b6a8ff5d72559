// `dutycheck init`: a new partnership file from the bundled list of Scotland's localities.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dutycheck::tools {

/// The bundled data/hscp_localities.csv, embedded at build time.
std::string_view locality_list_text();

/// One locality of the list.
struct ListedLocality {
    std::string id;    ///< kebab-case of its name: "Banff & Buchan" -> "banff-and-buchan"
    std::string name;
};

/// One partnership of the list, with what the list says about it.
struct ListedPartnership {
    std::string id;                              ///< kebab-case of the list's name
    std::string list_name;                       ///< the list's name: "Dumfries and Galloway"
    std::vector<std::string> council_areas;      ///< as Public Health Scotland spells them, in list order
    std::vector<ListedLocality> localities;      ///< in list order
    std::string first_quarter, last_quarter;     ///< the span of quarters the localities were reported in
    std::vector<std::string> sources;            ///< the list's `source` column, each once
};

/// The partnerships of the bundled list, in its order.
const std::vector<ListedPartnership>& listed_partnerships();

/// The id of a name as the list's ids are made: NFKD-free ASCII, '&' as "and", runs of anything
/// else as one '-'.
std::string kebab_id(std::string_view name);

/// The partnership a user named: its id, the list's name or the full name ("… Health and Social
/// Care Partnership", "… HSCP"), whatever the case. nullptr if none.
const ListedPartnership* find_partnership(std::string_view given);

/// The partnership file `init` writes for `partnership`, as text (two-space indent, a final newline).
std::string partnership_file(const ListedPartnership& partnership);

struct InitOptions {
    std::string partnership;               ///< PARTNERSHIP: name or id
    std::optional<std::string> output;     ///< -o FILE; stdout without it
    bool force = false;                    ///< --force: replace FILE if it exists
    bool list = false;                     ///< --list: print the partnerships instead
};

/// `dutycheck init`: exit 0, or a usage error (exit 2) for an unknown partnership or an existing FILE.
int run_init(const InitOptions& options);

}  // namespace dutycheck::tools
