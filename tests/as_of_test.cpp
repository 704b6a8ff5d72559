// As of a date, the checker sees the file as it stood that day. For every fixture and a spread
// of dates, checking it as of a date gives the findings of checking it with every record and
// event dated after that date deleted: nothing later counts, and nothing else changes.
#include "engine/timeline.hpp"
#include "test_support.hpp"

#include <nlohmann/json.hpp>

#include <map>
#include <regex>
#include <set>

using namespace dutycheck;
using dutycheck::testing::source_dir;

namespace {

using Json = nlohmann::ordered_json;

// Dates spread over the fixtures' years, each in the middle of a month a fixture records an
// event in (so a month-precision date may straddle it), and the usual evaluation date.
const std::vector<const char*> spread = {"2016-03-31", "2017-09-15", "2019-06-24", "2019-11-15", "2020-03-31",
                                         "2021-07-15", "2023-05-17", "2023-07-10", "2024-04-15", "2025-10-15",
                                         "2026-01-01"};

// Whether a date from the file is wholly after `as_of` (a month-precision date: all its days).
bool after(const Json& value, engine::Date as_of) {
    if (!value.is_string()) return false;
    const auto date = engine::parse_date(value.get<std::string>());
    return date && engine::relate(engine::whole_month(*date), engine::DateRelation::after, as_of) == true;
}

// `node` with everything the dated place `place` dates after `as_of` deleted, from `at` on.
// Returns how many values were deleted.
std::size_t strip(Json& node, const engine::DatedPlace& place, std::size_t at, engine::Date as_of) {
    const auto& path = place.path;
    // The last step: the element or member that is the record or the event.
    const bool last = at + 1 == path.size();
    auto dated = [&](const Json& value) {
        if (place.kind == engine::DatedPlace::event) return after(value, as_of);
        return value.is_object() && value.contains(place.field) && after(value[place.field], as_of);
    };
    std::size_t deleted = 0;
    if (path[at] == "*") {
        if (!node.is_array()) return 0;
        for (std::size_t i = node.size(); i-- > 0;) {
            if (last && dated(node[i])) {
                node.erase(i);
                ++deleted;
            } else if (!last) {
                deleted += strip(node[i], place, at + 1, as_of);
            }
        }
        return deleted;
    }
    if (!node.is_object() || !node.contains(path[at])) return 0;
    if (last) {
        if (!dated(node[path[at]])) return 0;
        node.erase(path[at]);
        return 1;
    }
    return strip(node[path[at]], place, at + 1, as_of);
}

// A finding as it can be compared across the two files: list indexes shift where a record was
// deleted, so pointers are compared with their indexes as "*", the findings as a multiset.
std::string without_indexes(const std::string& pointer) {
    static const std::regex index("/[0-9]+(?=/|$)");
    return std::regex_replace(pointer, index, "/*");
}

std::multiset<std::string> findings_of(const engine::DocumentResult& result) {
    std::multiset<std::string> out;
    for (const auto& f : result.findings) {
        std::string line = f.rule->id + " " + std::string(engine::to_string(f.status)) + " " +
                           without_indexes(f.pointer) + " | " + f.message;
        for (const auto& m : f.missing) line += " | " + without_indexes(m.pointer) + " " + m.expected + " " + m.found;
        out.insert(line);
    }
    return out;
}

std::string listed(const std::multiset<std::string>& lines) {
    std::string out;
    for (const auto& line : lines) out += "  " + line + "\n";
    return out;
}

}  // namespace

TEST_CASE("as of any date, a file is checked as if everything dated after it were deleted", "[as-of][property]") {
    std::map<std::string, engine::Engine> engines;  // one per date, each loading its packs once
    std::size_t files = 0, compared = 0, refused = 0;
    for (const auto& root : dutycheck::testing::fixture_folders())
    for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
        if (entry.path().extension() != ".json") continue;
        Json original;
        try {
            original = Json::parse(dutycheck::testing::read_text(entry.path()));
        } catch (const Json::exception&) {
            continue;  // the fixtures of unreadable input
        }
        if (!original.is_object()) continue;
        ++files;
        // Waivers name findings by pointer, which shift with the deletions; both files go without.
        original.erase("waivers");
        for (const char* day : spread) {
            const engine::Date as_of = *engine::parse_date(day);
            Json stripped = original;
            std::size_t deleted = 0;
            for (const auto& place : engine::dated_places()) deleted += strip(stripped, place, 0, as_of);
            if (deleted == 0) continue;  // the same file: nothing to compare
            auto [engine, inserted] = engines.try_emplace(day, dutycheck::testing::run_options(day));
            const auto before = engine->second.check_text("original.json", original.dump());
            const auto after_deletion = engine->second.check_text("deleted.json", stripped.dump());
            // A deletion the schema refuses (a required date) is not a file anyone could have had.
            if (!before.ok() || !after_deletion.ok()) {
                ++refused;
                continue;
            }
            ++compared;
            const auto seen = findings_of(*before.result);
            const auto expected = findings_of(*after_deletion.result);
            if (seen != expected) {
                INFO(entry.path().lexically_relative(source_dir).string() << " as of " << day << ", " << deleted
                                                                           << " dated values deleted\n"
                                                                           << "as of the date:\n"
                                                                           << listed(seen) << "with them deleted:\n"
                                                                           << listed(expected));
                CHECK(seen == expected);
            }
        }
    }
    INFO(files << " files, " << compared << " compared, " << refused << " refused");
    CHECK(files > 500);
    CHECK(compared > 500);
    CHECK(refused < compared / 4);
}

TEST_CASE("the dated places are the format's events and the records they bring into being", "[as-of]") {
    std::set<std::string> events, records;
    for (const auto& place : engine::dated_places())
        (place.kind == engine::DatedPlace::event ? events : records).insert(place.pattern() + (place.field.empty() ? "" : " by " + place.field));
    CHECK(records.count("/reports/* by date") == 1);
    CHECK(records.count("/directions/* by approved") == 1);
    CHECK(records.count("/publications/* by published") == 1);
    CHECK(records.count("/strategic_plan/reviews/* by date") == 1);
    CHECK(records.count("/partnership/integration_scheme/reviews/* by decided") == 1);
    CHECK(events.count("/directions/*/reviews/*") == 1);
    CHECK(events.count("/localities/*/planning_group/reviews_due/*/done") == 1);
    CHECK(events.count("/localities/*/planning_group/meetings/*") == 1);
    CHECK(events.count("/strategic_planning_group/meetings/*") == 1);
    // Deadlines and periods are not events: a due date in the future is the point of it.
    CHECK(events.count("/directions/*/review_by") == 0);
    CHECK(events.count("/localities/*/planning_group/reviews_due/*/due") == 0);
    // docs/partnership-format.md lists every one of them.
    const std::string doc = dutycheck::testing::read_text(source_dir / "docs" / "partnership-format.md");
    for (const auto& place : engine::dated_places()) {
        INFO(place.pattern());
        CHECK(doc.find("`" + place.pattern() + "`") != std::string::npos);
    }
}
