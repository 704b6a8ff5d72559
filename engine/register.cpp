// Reading the duties register and joining it with the rules that encode each duty.
#include "engine/register.hpp"

#include <fstream>
#include <sstream>

namespace dutycheck::engine {

std::optional<std::vector<Duty>> read_register(const std::filesystem::path& path, std::string& error) {
    std::ifstream in(path);
    if (!in) {
        error = path.string() + ": cannot read the duties register";
        return std::nullopt;
    }
    std::vector<Duty> duties;
    std::string line;
    std::size_t number = 0;
    bool header_seen = false;
    while (std::getline(in, line)) {
        ++number;
        if (line.empty() || line[0] == '#') continue;
        if (!header_seen) {  // the column names
            header_seen = true;
            continue;
        }
        std::vector<std::string> fields;
        std::stringstream columns(line);
        std::string field;
        while (std::getline(columns, field, '\t')) fields.push_back(field);
        if (line.back() == '\t') fields.emplace_back();
        if (fields.size() != 5) {
            error = path.string() + ":" + std::to_string(number) + ": expected 5 tab-separated columns, found " +
                    std::to_string(fields.size());
            return std::nullopt;
        }
        duties.push_back({fields[0], fields[1], fields[2], fields[3], fields[4]});
    }
    return duties;
}

std::vector<Duty> all_duties(const std::vector<Duty>& national, const RuleSet& rules) {
    std::vector<Duty> duties = national;
    for (const auto& pack : rules.packs) duties.insert(duties.end(), pack.duties.begin(), pack.duties.end());
    return duties;
}

Coverage compute_coverage(const std::vector<Duty>& duties, const RuleSet& rules) {
    Coverage coverage;
    for (const auto& duty : duties) coverage.duties.push_back({&duty, {}});
    for (const auto& rule : rules.rules) {
        for (const auto& id : rule.info.duties) {
            bool found = false;
            for (auto& entry : coverage.duties) {
                if (entry.duty->id != id) continue;
                entry.rules.push_back(&rule);
                found = true;
            }
            if (!found) coverage.unknown_duties.emplace_back(&rule, id);
        }
    }
    return coverage;
}

}  // namespace dutycheck::engine
