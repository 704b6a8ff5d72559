// `dutycheck init`: a partnership file holding only what the bundled locality list says, so that
// every rule needing another fact says `unknown` and names the field to record.
#include "tools/init.hpp"

#include "dsl/source.hpp"
#include "tools/output.hpp"
#include "tools/support.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <map>

namespace dutycheck::tools {
namespace {

constexpr std::string_view columns[] = {"hscp", "council_area", "locality", "first_quarter", "last_quarter", "source"};

/// The rows of RFC 4180 text: fields split on commas, double quotes around a field that holds
/// one ("Skye, Lochalsh and West Ross"), CRLF or LF line ends.
std::vector<std::vector<std::string>> csv_rows(std::string_view text) {
    std::vector<std::vector<std::string>> rows;
    std::vector<std::string> row;
    std::string field;
    bool quoted = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') field += text[++i];
            else if (c == '"') quoted = false;
            else field += c;
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            row.push_back(std::move(field));
            field.clear();
        } else if (c == '\n' || c == '\r') {
            if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
            row.push_back(std::move(field));
            field.clear();
            rows.push_back(std::move(row));
            row.clear();
        } else {
            field += c;
        }
    }
    if (!field.empty() || !row.empty()) {
        row.push_back(std::move(field));
        rows.push_back(std::move(row));
    }
    return rows;
}

std::vector<ListedPartnership> read_list() {
    const auto rows = csv_rows(locality_list_text());
    // The list is part of the build: a malformed copy is a defect of the build, not of a run.
    if (rows.empty() || !std::equal(std::begin(columns), std::end(columns), rows.front().begin(), rows.front().end()))
        throw std::logic_error("the bundled locality list does not have the columns hscp,council_area,locality,…");
    std::vector<ListedPartnership> partnerships;
    std::map<std::string, std::size_t> by_name;
    for (std::size_t r = 1; r < rows.size(); ++r) {
        const auto& row = rows[r];
        if (row.size() != std::size(columns))
            throw std::logic_error("the bundled locality list's row " + std::to_string(r + 1) + " has " +
                                   std::to_string(row.size()) + " fields");
        auto [at, added] = by_name.try_emplace(row[0], partnerships.size());
        if (added) partnerships.push_back({kebab_id(row[0]), row[0], {}, {}, row[3], row[4], {}});
        ListedPartnership& p = partnerships[at->second];
        if (std::find(p.council_areas.begin(), p.council_areas.end(), row[1]) == p.council_areas.end())
            p.council_areas.push_back(row[1]);
        p.localities.push_back({kebab_id(row[2]), row[2]});
        // Quarters are written "YYYY/YY Qn", so they compare as text.
        p.first_quarter = std::min(p.first_quarter, row[3]);
        p.last_quarter = std::max(p.last_quarter, row[4]);
        if (std::find(p.sources.begin(), p.sources.end(), row[5]) == p.sources.end()) p.sources.push_back(row[5]);
    }
    return partnerships;
}

// "Public-Health-Scotland/social-care@COMMIT:PATH" → its repository's address.
std::string source_text(const std::vector<std::string>& sources) {
    std::string text;
    for (const auto& source : sources) {
        if (!text.empty()) text += "; ";
        text += source + " (https://github.com/" + source.substr(0, source.find('@')) + ")";
    }
    return text;
}

}  // namespace

std::string kebab_id(std::string_view name) {
    std::string id;
    bool gap = false;
    auto add = [&](std::string_view word) {
        if (gap && !id.empty()) id += '-';
        gap = false;
        id += word;
    };
    for (const char c : name) {
        if (c >= 'A' && c <= 'Z') add(std::string(1, static_cast<char>(c - 'A' + 'a')));
        else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) add(std::string(1, c));
        else if (c == '&') {
            gap = true;
            add("and");
            gap = true;
        } else gap = true;
    }
    return id;
}

const std::vector<ListedPartnership>& listed_partnerships() {
    static const std::vector<ListedPartnership> list = read_list();
    return list;
}

const ListedPartnership* find_partnership(std::string_view given) {
    std::string id = kebab_id(given);
    for (const std::string_view suffix : {"-health-and-social-care-partnership", "-hscp"})
        if (id.size() > suffix.size() && id.ends_with(suffix)) id.resize(id.size() - suffix.size());
    const auto& list = listed_partnerships();
    const auto found = std::find_if(list.begin(), list.end(), [&](const auto& p) { return p.id == id; });
    return found == list.end() ? nullptr : &*found;
}

std::string partnership_file(const ListedPartnership& p) {
    nlohmann::ordered_json file;
    file["format"] = "dutycheck.partnership/1";
    file["_source"] =
        "Started with dutycheck init from its bundled copy of Public Health Scotland's locality list (Insights in "
        "Social Care: Statistics for Scotland 2019/20-2020/21, home care by locality): " + source_text(p.sources) +
        ". The localities are as reported for " + p.first_quarter + " to " + p.last_quarter +
        "; the list is not the maintained lookup, so check them against the partnership's own papers. Only the "
        "name, the jurisdiction, the council areas and the localities come from it; every other field is left "
        "out, which means not recorded. See 'Starting a file' in docs/partnership-format.md for what to add next.";
    nlohmann::ordered_json partnership;
    partnership["id"] = p.id;
    partnership["name"] = p.list_name + " Health and Social Care Partnership";
    partnership["jurisdiction"] = "scotland";
    partnership["local_authorities"] = p.council_areas;
    file["partnership"] = std::move(partnership);
    auto localities = nlohmann::ordered_json::array();
    for (const auto& locality : p.localities) localities.push_back({{"id", locality.id}, {"name", locality.name}});
    file["localities"] = std::move(localities);
    return file.dump(2) + "\n";
}

int run_init(const InitOptions& options) {
    const auto& list = listed_partnerships();
    if (options.list) {
        for (const auto& p : list) std::cout << p.id << "\t" << p.list_name << "\n";
        finish_stdout();
        return exit_ok;
    }
    if (options.partnership.empty()) throw UsageError{"init: name a partnership (dutycheck init --list lists them)"};
    const ListedPartnership* partnership = find_partnership(options.partnership);
    if (partnership == nullptr) {
        // Compared as ids, so that case and spacing do not count against a near miss.
        std::vector<std::string> ids;
        for (const auto& p : list) ids.push_back(p.id);
        const std::string near = dsl::closest_match(kebab_id(options.partnership), ids);
        std::string message = "init: no partnership '" + options.partnership + "' in the locality list";
        if (!near.empty()) {
            const auto index = std::find(ids.begin(), ids.end(), near) - ids.begin();
            message += "; did you mean '" + list[static_cast<std::size_t>(index)].list_name + "'?";
        }
        throw UsageError{message + " (dutycheck init --list lists the " + std::to_string(list.size()) + ")"};
    }
    const std::string text = partnership_file(*partnership);
    if (!options.output || *options.output == "-") {
        std::cout << text;
        finish_stdout();
        return exit_ok;
    }
    std::error_code ec;
    // A partnership file holds a team's evidence: it is replaced only when asked.
    if (!options.force && std::filesystem::symlink_status(*options.output, ec).type() != std::filesystem::file_type::not_found)
        throw UsageError{*options.output + ": error: the file exists; init does not replace it (--force does)"};
    OutputSet files;
    files.write({"json", *options.output}, [&](std::ostream& out) { out << text; });
    files.commit();
    return exit_ok;
}

}  // namespace dutycheck::tools
