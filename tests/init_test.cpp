// `dutycheck init`: a file for each of Scotland's partnerships, as the user gets it from the
// command line, held to the Scotland-wide fixtures, the schema and the checker.
#include "test_support.hpp"

#include <nlohmann/json.hpp>

#include <set>

using dutycheck::testing::dutycheck_run;
using dutycheck::testing::fresh_dir;
using dutycheck::testing::read_text;
using dutycheck::testing::Run;
using dutycheck::testing::shell_run;
using dutycheck::testing::source_dir;
using nlohmann::json;

namespace {

// The ids of the Scotland-wide fixtures, one file per partnership, sorted.
std::vector<std::string> scotland_ids() {
    std::vector<std::string> ids;
    for (const auto& entry : std::filesystem::directory_iterator(source_dir / "fixtures" / "scotland"))
        if (entry.path().extension() == ".json") ids.push_back(entry.path().stem().string());
    std::sort(ids.begin(), ids.end());
    return ids;
}

// Every empty array or object in a value, by pointer: an empty list asserts "none".
void empty_collections(const json& value, const std::string& pointer, std::vector<std::string>& found) {
    if (value.is_structured() && value.empty()) found.push_back(pointer);
    if (value.is_object())
        for (const auto& [key, member] : value.items()) empty_collections(member, pointer + "/" + key, found);
    if (value.is_array())
        for (std::size_t i = 0; i < value.size(); ++i) empty_collections(value[i], pointer + "/" + std::to_string(i), found);
}

// Writes init's file for every partnership into a fresh folder.
std::filesystem::path init_every_partnership(const std::string& name) {
    const auto dir = fresh_dir(name);
    for (const auto& id : scotland_ids()) {
        const Run run = dutycheck_run("init " + id + " -o '" + (dir / (id + ".json")).string() + "'");
        INFO(id << ": " << run.err);
        REQUIRE(run.exit_code == 0);
    }
    return dir;
}

}  // namespace

TEST_CASE("init writes, for each of the 31 partnerships, the partnership and localities of its Scotland-wide fixture",
          "[init]") {
    const auto ids = scotland_ids();
    REQUIRE(ids.size() == 31);
    std::size_t localities = 0;
    for (const auto& id : ids) {
        const Run run = dutycheck_run("init " + id);
        INFO(id << ": " << run.err);
        REQUIRE(run.exit_code == 0);
        const json written = json::parse(run.out);
        const json fixture = json::parse(read_text(source_dir / "fixtures" / "scotland" / (id + ".json")));
        CHECK(written["format"] == "dutycheck.partnership/1");
        CHECK(written["partnership"] == fixture["partnership"]);
        CHECK(written["localities"] == fixture["localities"]);
        // Nothing else: every fact the list does not give is left for the user to record.
        std::set<std::string> keys;
        for (const auto& [key, value] : written.items()) keys.insert(key);
        CHECK(keys == std::set<std::string>{"format", "_source", "partnership", "localities"});
        std::vector<std::string> empty;
        empty_collections(written, "", empty);
        CHECK(empty.empty());
        localities += written["localities"].size();
    }
    CHECK(localities == 129);
}

TEST_CASE("init's file for every partnership validates against the schema and check accepts it, with no met finding "
          "but those its localities evidence",
          "[init]") {
    const auto dir = init_every_partnership("dutycheck-init-all");
    // The published schema, as editors and CI validate with it.
    const Run validated = shell_run("'" DUTYCHECK_PYTHON "' tests/schema/validate_fixtures.py '" + dir.string() + "'");
    INFO(validated.out << validated.err);
    CHECK(validated.exit_code == 0);

    const Run run = dutycheck_run("check --as-of 2026-01-01 --format json --fail-on none '" + dir.string() + "'");
    INFO(run.err);
    REQUIRE(run.exit_code == 0);
    const json report = json::parse(run.out);
    REQUIRE(report["documents"].size() == 31);
    // The list evidences the localities themselves, nothing else: a partnership is divided into
    // at least two localities (s29(3)(a)), each named. Any other met finding would be a pass that
    // nothing in the file evidences.
    const std::set<std::string> evidenced_by_localities = {"localities-two-or-more"};
    std::set<std::string> met;
    for (const auto& document : report["documents"]) {
        std::size_t unknown = 0;
        for (const auto& finding : document["findings"]) {
            if (finding["status"] == "unknown") ++unknown;
            if (finding["status"] != "met") continue;
            met.insert(finding["rule"].get<std::string>());
            CHECK(finding["pointer"] == "/localities");
        }
        INFO(document["file"]);
        CHECK(unknown > 0);  // what is left to record is reported, not passed
    }
    CHECK(met == evidenced_by_localities);
}

TEST_CASE("init takes a partnership's name or id in any case", "[init][cli]") {
    const std::string expected = dutycheck_run("init dumfries-and-galloway").out;
    REQUIRE_THAT(expected, Catch::Contains("\"Dumfries and Galloway Health and Social Care Partnership\""));
    for (const char* given : {"'Dumfries and Galloway'", "DUMFRIES-AND-GALLOWAY", "'dumfries & galloway'",
                              "'Dumfries and Galloway Health and Social Care Partnership'", "'Dumfries and Galloway HSCP'"}) {
        const Run run = dutycheck_run(std::string("init ") + given);
        INFO(given << ": " << run.err);
        CHECK(run.exit_code == 0);
        CHECK(run.out == expected);
    }
    const Run inverclyde = dutycheck_run("init inverclyde");
    CHECK(inverclyde.exit_code == 0);
    CHECK(json::parse(inverclyde.out)["partnership"]["id"] == "inverclyde");
}

TEST_CASE("init of an unknown partnership is a usage error naming the nearest one", "[init][cli]") {
    const Run run = dutycheck_run("init 'Dumfries and Gallowy'");
    CHECK(run.exit_code == 2);
    CHECK(run.out.empty());
    CHECK_THAT(run.err, Catch::Contains("no partnership 'Dumfries and Gallowy' in the locality list; did you mean "
                                        "'Dumfries and Galloway'?"));
    const Run missing = dutycheck_run("init");
    CHECK(missing.exit_code == 2);
    CHECK_THAT(missing.err, Catch::Contains("--list"));
    const Run list = dutycheck_run("init --list");
    CHECK(list.exit_code == 0);
    CHECK_THAT(list.out, Catch::Contains("western-isles\tWestern Isles\n"));
    CHECK(std::count(list.out.begin(), list.out.end(), '\n') == 31);
}

TEST_CASE("init -o writes the file, refuses to replace an existing one, and --force replaces it", "[init][cli]") {
    const auto dir = fresh_dir("dutycheck-init-output");
    const auto file = dir / "partnership.json";
    const Run first = dutycheck_run("init Inverclyde -o '" + file.string() + "'");
    CHECK(first.exit_code == 0);
    CHECK(first.out.empty());
    CHECK(read_text(file) == dutycheck_run("init inverclyde").out);

    // A file with a team's evidence in it is never replaced unasked.
    std::ofstream(file, std::ios::binary) << "{\"recorded\": true}\n";
    const Run again = dutycheck_run("init fife -o '" + file.string() + "'");
    CHECK(again.exit_code == 2);
    CHECK_THAT(again.err, Catch::Contains("partnership.json: error: the file exists; init does not replace it (--force "
                                          "does)"));
    CHECK(read_text(file) == "{\"recorded\": true}\n");

    const Run forced = dutycheck_run("init fife --force -o '" + file.string() + "'");
    CHECK(forced.exit_code == 0);
    CHECK(json::parse(read_text(file))["partnership"]["id"] == "fife");
    // Written atomically: nothing staged is left beside the file.
    CHECK(std::distance(std::filesystem::directory_iterator(dir), std::filesystem::directory_iterator()) == 1);
}
