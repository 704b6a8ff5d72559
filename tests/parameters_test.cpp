// Bounded parameters: a partnership file's value must keep to its pack's bounds; --param may go beyond them.
#include "test_support.hpp"

#include "engine/parameters.hpp"

#include <nlohmann/json.hpp>

using namespace dutycheck;
using dutycheck::testing::dutycheck_run;
using dutycheck::testing::Run;
using dutycheck::testing::temp_file;

namespace {

std::string scottish_file(const std::string& name, const std::string& parameters) {
    return temp_file(name, "{\n  \"format\": \"dutycheck.partnership/1\",\n  \"parameters\": " + parameters +
                               ",\n  \"partnership\": {\"id\": \"p\", \"name\": \"P\", \"jurisdiction\": \"scotland\"}\n}\n");
}

}  // namespace

TEST_CASE("a file's min_localities below the statutory floor is refused with its bounds and why", "[params]") {
    // The schema refuses it first (DC505, with the same floor); the pack's bounds say why.
    const std::string file = scottish_file("dutycheck-min-localities-0.json", R"({"min_localities": 0})");
    Run run = dutycheck_run("check '" + file + "'");
    CHECK(run.exit_code == 2);
    CHECK(run.out.empty());
    CHECK(run.err == file + ":3:36: error[DC505]: expected 2 or more, found 0 (at /parameters/min_localities)\n"
                            "   3 |   \"parameters\": {\"min_localities\": 0},\n"
                            "     |                                    ^\n");
    const auto parsed = engine::parse_json_document(R"({"parameters": {"min_localities": 0}})");
    REQUIRE(parsed.document);
    const auto& loaded = dutycheck::testing::load_packs_once(dutycheck::testing::pack_paths({"scotland"}));
    REQUIRE(loaded.ok());
    const auto resolved = engine::resolve_parameters(*loaded.rules, *parsed.document, {});
    REQUIRE(std::holds_alternative<engine::InputError>(resolved));
    const auto& error = std::get<engine::InputError>(resolved);
    CHECK(error.code == "DC503");
    CHECK(error.pointer == "/parameters/min_localities");
    CHECK(error.message == "min_localities must be from 2 to 1000 (the pack's bounds), found 0: the Act requires two or "
                           "more localities (s29(3)(a))");
    // Above the pack's range, which the schema does not bound, the pack's bounds speak.
    const std::string high = scottish_file("dutycheck-min-localities-high.json", R"({"min_localities": 1001})");
    run = dutycheck_run("check '" + high + "'");
    CHECK(run.exit_code == 2);
    CHECK(run.err == high + ":3:36: error[DC503]: min_localities must be from 2 to 1000 (the pack's bounds), found 1001: "
                            "the Act requires two or more localities (s29(3)(a)) (at /parameters/min_localities)\n"
                            "   3 |   \"parameters\": {\"min_localities\": 1001},\n"
                            "     |                                    ^\n");
}

TEST_CASE("a file's empty lpg_statuses_in_scope is refused: it would switch the planning group rules off",
          "[params]") {
    const std::string file = scottish_file("dutycheck-lpg-statuses-empty.json", R"({"lpg_statuses_in_scope": []})");
    const Run run = dutycheck_run("check '" + file + "'");
    CHECK(run.exit_code == 2);
    CHECK(run.out.empty());
    CHECK(run.err == file + ":3:43: error[DC503]: lpg_statuses_in_scope must be a list including [\"active\"] (the "
                            "pack's bounds), found []: the Localities guidance applies to each active planning group "
                            "(at /parameters/lpg_statuses_in_scope)\n"
                            "   3 |   \"parameters\": {\"lpg_statuses_in_scope\": []},\n"
                            "     |                                           ^\n");
}

TEST_CASE("a file's stricter parameter values are accepted", "[params]") {
    const std::string file = scottish_file(
        "dutycheck-stricter.json",
        R"({"min_localities": 6, "lpg_statuses_in_scope": ["active", "pathfinder", "planned"], "eqia_publish_days": 30,
            "require_third_and_independent": true})");
    const Run run = dutycheck_run("check --as-of 2026-01-01 --format json '" + file + "'");
    CHECK(run.err.empty());
    CHECK(run.exit_code == 1);  // findings, not an input error
    CHECK(run.out.find("parameters_overridden") == std::string::npos);  // the file's own values are not overrides
}

TEST_CASE("a parameter set on the command line may go beyond the bounds, and the text and JSON reports say so", "[params][cli]") {
    const std::string fixture = "fixtures/inverclyde-2019.json";
    Run run = dutycheck_run("check --as-of 2026-01-01 --param min_localities=0 " + fixture);
    CHECK(run.exit_code == 1);
    CHECK(run.err.empty());
    CHECK_THAT(run.out, Catch::StartsWith("Inverclyde Health and Social Care Partnership (" + fixture +
                                          "), as of 2026-01-01\n"
                                          "Parameters set on the command line, not the packs' defaults: "
                                          "min_localities = 0 (default 2)\n"
                                          "Summary: "));
    run = dutycheck_run("check --as-of 2026-01-01 --format json --param min_localities=0 "
                        "--param require_third_and_independent=false " + fixture);
    CHECK(run.exit_code == 1);
    const auto report = nlohmann::json::parse(run.out);
    // The value the default already has is not an override.
    CHECK(report.at("parameters_overridden") ==
          nlohmann::json::parse(R"([{"name": "min_localities", "value": "0", "default": "2"}])"));
    // Without an override the report has no such field, as before.
    run = dutycheck_run("check --as-of 2026-01-01 --format json --param min_localities=2 " + fixture);
    CHECK_FALSE(nlohmann::json::parse(run.out).contains("parameters_overridden"));
}
