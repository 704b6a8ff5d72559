// Every report format records how it was made: dutycheck's version, the as-of date, each pack's
// name, version and content hash, and every parameter in force, marking those that differ.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "report/formats.hpp"
#include "report/report_info.hpp"
#include "report_fixtures.hpp"

#include <algorithm>
#include <sstream>
#include <string>
#include <vector>

namespace engine = dutycheck::engine;
using dutycheck::report::ReportInfo;
using engine::ParameterSetting;
using engine::ParameterSource;
using engine::Status;

namespace {

const std::string scotland_hash = "4d377a8fbf50c1c505558a8864f28ab6791405d74ebead1e05927579478dfc6c";
const std::string local_hash = "5448a6c37502516c2fc28d2a693e5687bf2a779526a69a44c51d582d7275472c";
const ReportInfo info{"0.1.0", "2026-01-01", {{"scotland", "0.2.0", scotland_hash}, {"local/inverclyde", "0.1.0", local_hash}}};

// One parameter of each kind of setting: the pack's default, the file's value (one differing
// and one restating the default) and the command line's.
std::vector<ParameterSetting> settings() {
    return {{"min_localities", "scotland", "0", "2", ParameterSource::command_line, true},
            {"lpg_statuses_in_scope", "scotland", "[\"active\"]", "[\"active\", \"pathfinder\"]",
             ParameterSource::partnership_file, true},
            {"eqia_publish_days", "scotland", "90", "90", ParameterSource::partnership_file, false},
            {"inv_lpg_count", "local/inverclyde", "6", "6", ParameterSource::pack_default, false}};
}

std::string render(const std::string& format) {
    static dutycheck::testing::Rules rules;
    static const engine::RuleInfo* rule = [] {
        engine::RuleInfo r;
        r.id = "lpg-exists";
        r.title = "Each locality has a planning group";
        r.duties = {"PBJW-S29-LOCALITIES"};
        return rules.add(r);
    }();
    engine::DocumentResult doc;
    doc.file = "fixtures/inverclyde-2019.json";
    doc.partnership_name = "Inverclyde";
    doc.as_of = "2026-01-01";
    doc.findings = {dutycheck::testing::finding(rule, Status::unmet, "/localities/0", "Port Glasgow", "no group")};
    doc.parameters = settings();
    dutycheck::testing::summarise(doc);
    std::ostringstream out;
    dutycheck::report::write_report(out, format, {doc}, info, {});
    return out.str();
}

}  // namespace

// The text as one line: the text report wraps its lines to the terminal's width.
static std::string unwrapped(std::string text) {
    std::replace(text.begin(), text.end(), '\n', ' ');
    return text;
}

TEST_CASE("the text report ends with the packs and the parameters that differ, counting the rest", "[provenance]") {
    const std::string text = unwrapped(render("text"));
    CHECK_THAT(text, Catch::Contains("Parameters: min_localities = 0 (default 2, set by --param); "
                                     "lpg_statuses_in_scope = [\"active\"] (default [\"active\", \"pathfinder\"], set "
                                     "by the partnership file); the other 2 at the packs' defaults."));
    CHECK_THAT(text, Catch::EndsWith("Checked by dutycheck 0.1.0 as of 2026-01-01 with rule packs scotland 0.2.0 "
                                     "(sha256 4d377a8fbf50), local/inverclyde 0.1.0 (sha256 5448a6c37502). "));
    // A parameter at its default is counted, not listed.
    CHECK_THAT(text, !Catch::Contains("eqia_publish_days"));
}

TEST_CASE("the JSON report records each pack's hash and every parameter with who set it", "[provenance]") {
    const auto report = nlohmann::json::parse(render("json"));
    CHECK(report["tool"]["version"] == "0.1.0");
    CHECK(report["as_of"] == "2026-01-01");
    CHECK(report["rule_packs"] == nlohmann::json::array({"scotland", "local/inverclyde"}));
    CHECK(report["packs"] == nlohmann::json::parse(R"([
        {"name": "scotland", "version": "0.2.0", "sha256": ")" + scotland_hash + R"("},
        {"name": "local/inverclyde", "version": "0.1.0", "sha256": ")" + local_hash + R"("}])"));
    const auto& parameters = report["documents"][0]["parameters"];
    REQUIRE(parameters.size() == 4);
    CHECK(parameters[0] == nlohmann::json{{"name", "min_localities"}, {"pack", "scotland"}, {"value", "0"},
                                          {"default", "2"}, {"differs", true}, {"set_by", "command_line"}});
    CHECK(parameters[1]["set_by"] == "file");
    CHECK(parameters[1]["differs"] == true);
    CHECK(parameters[2]["set_by"] == "file");    // restated by the file...
    CHECK(parameters[2]["differs"] == false);    // ...but not different
    CHECK(parameters[3]["set_by"] == "default");
    // Only what the command line changed is an override.
    CHECK(report["parameters_overridden"] ==
          nlohmann::json::parse(R"([{"name": "min_localities", "value": "0", "default": "2"}])"));
}

TEST_CASE("the SARIF log records the version, the packs and each file's parameters", "[provenance]") {
    const auto log = nlohmann::json::parse(render("sarif"));
    const auto& run = log["runs"][0];
    CHECK(run["tool"]["driver"]["version"] == "0.1.0");
    CHECK(run["properties"]["as_of"] == "2026-01-01");
    CHECK(run["properties"]["packs"][1] ==
          nlohmann::json{{"name", "local/inverclyde"}, {"version", "0.1.0"}, {"sha256", local_hash}});
    const auto& parameters = run["properties"]["parameters"]["fixtures/inverclyde-2019.json"];
    REQUIRE(parameters.size() == 4);
    CHECK(parameters[1] == nlohmann::json{{"name", "lpg_statuses_in_scope"}, {"pack", "scotland"}, {"value", "[\"active\"]"},
                                          {"default", "[\"active\", \"pathfinder\"]"}, {"differs", true},
                                          {"set_by", "file"}});
}

TEST_CASE("the JUnit report has a property per pack and per parameter", "[provenance]") {
    const std::string xml = render("junit");
    CHECK_THAT(xml, Catch::Contains("<property name=\"dutycheck.version\" value=\"0.1.0\"/>"));
    CHECK_THAT(xml, Catch::Contains("<property name=\"as_of\" value=\"2026-01-01\"/>"));
    CHECK_THAT(xml, Catch::Contains("<property name=\"rule_pack.scotland\" value=\"0.2.0 sha256 " + scotland_hash + "\"/>"));
    CHECK_THAT(xml, Catch::Contains("<property name=\"parameter.min_localities\" value=\"0 (default 2, set by --param)\"/>"));
    CHECK_THAT(xml, Catch::Contains("<property name=\"parameter.eqia_publish_days\" value=\"90\"/>"));
}

TEST_CASE("the Markdown and HTML reports end each file with how the report was made", "[provenance]") {
    const std::string markdown = render("markdown");
    CHECK_THAT(markdown, Catch::Contains("## How this report was made\n\nChecked by dutycheck 0.1.0 as of **2026-01-01**."));
    CHECK_THAT(markdown, Catch::Contains("| scotland | 0.2.0 | " + scotland_hash + " |"));
    CHECK_THAT(markdown, Catch::Contains("2 parameters differ from the packs' defaults (**bold**)."));
    CHECK_THAT(markdown, Catch::Contains("| **min\\_localities** | **0** (the pack's default is 2) | --param |"));
    CHECK_THAT(markdown, Catch::Contains("| eqia\\_publish\\_days | 90 | the partnership file |"));

    const std::string html = render("html");
    const auto made = html.find("<h2 id=\"p1-made\">How this report was made</h2>");
    REQUIRE(made != std::string::npos);
    CHECK(made > html.find("Waivers</h2>"));  // at the end of the file's section
    CHECK_THAT(html, Catch::Contains("<td><code>" + local_hash + "</code></td>"));
    CHECK_THAT(html, Catch::Contains("<tr class=\"differs\"><th scope=\"row\"><code>min_localities</code></th><td><code>0"
                                     "</code> <strong>differs</strong>: the pack's default is <code>2</code></td>"
                                     "<td>--param</td></tr>"));
    CHECK_THAT(html, Catch::Contains("<tr><th scope=\"row\"><code>inv_lpg_count</code></th><td><code>6</code></td>"
                                     "<td>the pack&#39;s default</td></tr>"));
}

TEST_CASE("GitHub annotations name the packs with short hashes, and TSV carries no record", "[provenance]") {
    CHECK_THAT(render("github"),
               Catch::Contains("(rule packs: scotland 0.2.0 (sha256 4d377a8fbf50), local/inverclyde 0.1.0 (sha256 "
                               "5448a6c37502))\n::notice::dutycheck: parameters set on the command line, not the "
                               "packs' defaults: min_localities = 0 (default 2)\n"));
    // TSV has no header lines by design: every line is a finding (docs/report-format.md).
    CHECK(render("tsv").find(scotland_hash.substr(0, 12)) == std::string::npos);
}
