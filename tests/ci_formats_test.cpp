// Tests of the CI formats (SARIF, JUnit, GitHub annotations) on results built by hand, with golden files.
#include "test_support.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <unistd.h>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/result.hpp"
#include "report/formats.hpp"
#include "report/github_report.hpp"
#include "report/junit_report.hpp"
#include "report/labels.hpp"
#include "report/report_info.hpp"
#include "report/sarif_report.hpp"
#include "report/tsv_report.hpp"
#include "report_fixtures.hpp"

using dutycheck::engine::Basis;
using dutycheck::engine::DocumentResult;
using dutycheck::engine::Finding;
using dutycheck::engine::RuleInfo;
using dutycheck::engine::Severity;
using dutycheck::engine::Status;
using dutycheck::engine::Waiver;
using dutycheck::report::ReportInfo;
using dutycheck::testing::covered;
using dutycheck::testing::finding;
using dutycheck::testing::not_recorded;
using dutycheck::testing::Rules;
using dutycheck::testing::summarise;

namespace {

namespace fs = std::filesystem;

const fs::path source_dir{DUTYCHECK_SOURCE_DIR};
const ReportInfo run_info{"0.1.0", "2026-11-22", {{"scotland", "1.0", std::string(64, '1')}, {"local/inverclyde", "", std::string(64, '2')}}};

// A rule tagged "localities", with its citation.
const RuleInfo* add_rule(Rules& rules, std::string id, Severity severity, std::string title,
                         std::vector<std::string> duties, Basis basis, std::string source, std::string quote = "",
                         std::string url = "") {
    RuleInfo rule;
    rule.id = std::move(id);
    rule.title = std::move(title);
    rule.duties = std::move(duties);
    rule.citation = {std::move(source), std::move(url), std::move(quote)};
    rule.severity = severity;
    rule.basis = basis;
    rule.tags = {"localities"};
    return rules.add(std::move(rule));
}

// The engine fills the summary as it adds findings; do the same here.
DocumentResult document(std::string file, std::string id, std::string name, std::vector<Finding> findings,
                        std::vector<Waiver> waivers = {}) {
    DocumentResult doc;
    doc.file = std::move(file);
    doc.partnership_id = std::move(id);
    doc.partnership_name = std::move(name);
    doc.as_of = "2026-11-22";
    doc.findings = std::move(findings);
    doc.waivers = std::move(waivers);
    summarise(doc);
    return doc;
}

// Two partnership files with every status between them: met, unmet, unknown, not applicable,
// waived (current waiver) and waiver_expired, at each severity, with and without a position.
std::vector<DocumentResult> every_status(Rules& rules) {
    const auto* co_chair = add_rule(rules, 
        "inv-lpg-community-co-chair", Severity::error,
        "Each locality planning group is co-chaired, with a community representative as one co-chair",
        {"INV-LPG-COCHAIR"}, Basis::local_policy, "Inverclyde IJB, 24 June 2019, report IJB/42/2019/HW, para 4.10",
        "joint chairing (co-chair model) of Locality Planning Groups (LPGs) with a community representative being "
        "one of the co-chairs");
    const auto* direction = add_rule(rules, 
        "direction-in-writing", Severity::error, "A direction is given in writing", {"PBJW-S27-DIRECTION-IN-WRITING"},
        Basis::statute, "Public Bodies (Joint Working) (Scotland) Act 2014, s27(5)(b)",
        "A direction must be given in writing.", "https://www.legislation.gov.uk/asp/2014/9/section/27");
    const auto* eqia = add_rule(rules, 
        "eqia-for-policy-change", Severity::warning,
        "A paper that introduces or revises a policy has an equality impact assessment",
        {"EQ-REG5-ASSESS", "EQ-REG5-PUBLISH"}, Basis::regulation,
        "Equality Act 2010 (Specific Duties) (Scotland) Regulations 2012 (SSI 2012/162), reg 5(1) and 5(6)");
    const auto* plan = add_rule(rules, "strategic-plan-published", Severity::info, "The strategic plan is published",
                                 {"PBJW-S39-PUBLISH"}, Basis::statute,
                                 "Public Bodies (Joint Working) (Scotland) Act 2014, s39");

    const std::vector<Waiver> waivers{
        {"direction-in-writing", "/directions/0", "Direction issued orally at the emergency meeting; written copy due",
         "Chief Officer", "IJB/12/2026", "2027-03-31", "/waivers/0", "2026-04-02"},
        {"EQ-REG5-ASSESS", "/reports/1", "Assessment commissioned", "Chief Finance Officer", "", "2026-03-31",
         "/waivers/1", "2025-09-30"},
    };
    DocumentResult inverclyde = document(
        "fixtures/inverclyde-2019.json", "inverclyde", "Inverclyde Health and Social Care Partnership",
        {
            finding(co_chair, Status::unmet, "/localities/0/planning_group", "Port Glasgow Locality Planning Group",
                    "Port Glasgow Locality Planning Group has 1 co-chairs recorded; the co-chair model has two\n"
                    "no co-chair of Port Glasgow Locality Planning Group is a community representative",
                    14, 25),
            finding(co_chair, Status::met, "/localities/1/planning_group", "Greenock Locality Planning Group", "", 31,
                    25),
            [&] {
                auto f = finding(co_chair, Status::unknown, "/localities/2/planning_group",
                                 "Inverclyde East Locality Planning Group", "", 48, 25);
                f.missing = {not_recorded("/localities/2/planning_group/status")};
                return f;
            }(),
            covered(finding(direction, Status::unmet, "/directions/0", "Direction D/2026/01",
                           "Direction D/2026/01 is not recorded as given in writing", 60, 5),
                   Status::waived, 0),
            finding(eqia, Status::not_applicable, "/reports/0", "IJB/40/2026",
                    "the paper does not introduce or revise a policy", 70, 5),
            [&] {
                auto f = finding(eqia, Status::unknown, "/reports/1/eqia", "IJB/41/2026", "", 80, 7);
                f.missing = {not_recorded("/reports/1/eqia/carried_out")};
                return covered(std::move(f), Status::waiver_expired, 1);
            }(),
            finding(plan, Status::unmet, "", "", "no strategic plan is recorded as published"),
        },
        waivers);
    DocumentResult borders = document(
        "fixtures/scottish-borders-2023.json", "scottish-borders",
        "Scottish Borders Health and Social Care Partnership",
        {
            finding(co_chair, Status::met, "/localities/0/planning_group", "Berwickshire Locality Planning Group", "",
                    12, 25),
            finding(eqia, Status::unmet, "/reports/0/eqia", "Scottish Borders IJB, 17 May 2023, item 7",
                    "IJB 17 May 2023 item 7 revises a policy but records no equality impact assessment", 40, 7),
        });
    return {std::move(inverclyde), std::move(borders)};
}

// Strings an attacker or a careless editor could put in a partnership file or a rule pack.
const std::string hostile =
    "<script>alert(1)</script> \"quotes\" 'apostrophes' a,b:c% & ]]> Eilean Siar \u2013 Comhairle\nsecond line";
const std::string control_bytes = "bell\x07 escape\x1b[31m red\x7f nul-free \xff\xfe bad utf-8\r\n::error::injected";

std::vector<DocumentResult> hostile_results(Rules& rules) {
    const auto* rule = add_rule(rules, "hostile-rule", Severity::warning, "Title " + hostile, {"DUTY-" + hostile},
                                 Basis::local_policy, "Source " + hostile, "Quote " + hostile,
                                 "javascript:alert(1)");
    const std::vector<Waiver> waivers{
        {"hostile-rule", "/localities/1", "Reason " + hostile, "Approver " + control_bytes, "M<1>", "2099-12-31",
         "/waivers/0", "2099-01-01"}};
    return {document("fixtures/dir with space/a,b:c%.json", "eilean-siar", "Eilean Siar \u2013 Comhairle " + hostile,
                     {
                         finding(rule, Status::unmet, "/localities/0", "Object " + hostile,
                                 "Message " + hostile + " " + control_bytes, 3, 5),
                         [&] {
                             auto f = finding(rule, Status::unknown, "/localities/0/a~1b", "Object " + control_bytes,
                                              "", 4, 2);
                             f.missing = {{"", dutycheck::engine::MissingReason::wrong_type, hostile, hostile}};
                             return f;
                         }(),
                         covered(finding(rule, Status::unmet, "/localities/1", "Waived " + hostile, "Message " + hostile,
                                        6, 3),
                                Status::waived, 0),
                         finding(rule, Status::not_applicable, "/localities/2", "N/A " + hostile, "Why " + hostile,
                                 7, 3),
                     },
                     waivers)};
}

std::string sarif(const std::vector<DocumentResult>& docs) {
    std::ostringstream out;
    dutycheck::report::write_sarif(out, docs, run_info);
    return out.str();
}

std::string junit(const std::vector<DocumentResult>& docs) {
    std::ostringstream out;
    dutycheck::report::write_junit(out, docs, run_info);
    return out.str();
}

std::string github(const std::vector<DocumentResult>& docs) {
    std::ostringstream out;
    dutycheck::report::write_github(out, docs, run_info);
    return out.str();
}

std::string read_text(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

std::vector<std::string> lines_of(const std::string& s) {
    std::vector<std::string> lines;
    std::istringstream in(s);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
}

// Named for this process: ctest runs test cases in parallel, each in its own process.
fs::path temp_path(const std::string& name) {
    return fs::temp_directory_path() / ("dutycheck-ci-formats-" + std::to_string(getpid()) + "-" + name);
}

// Parses XML with Python's expat-based ElementTree, a conforming XML 1.0 parser, and returns
// what the script printed (as JSON), or nothing if the document is not well-formed.
std::optional<nlohmann::json> parse_xml(const std::string& xml, const std::string& script) {
    const fs::path input = temp_path("input.xml");
    const fs::path output = temp_path("output.json");
    std::ofstream(input, std::ios::binary) << xml;
    fs::remove(output);
    const std::string command = "/usr/bin/python3 -c \"import sys, json, xml.etree.ElementTree as E; "
                                "root = E.parse(sys.argv[1]).getroot(); " +
                                script + "\" '" + input.string() + "' > '" + output.string() + "'";
    const bool ok = std::system(command.c_str()) == 0;
    const std::string printed = ok ? read_text(output) : "";
    fs::remove(input);
    fs::remove(output);
    if (!ok) return std::nullopt;
    return nlohmann::json::parse(printed);
}

bool well_formed_xml(const std::string& xml) { return parse_xml(xml, "print(json.dumps(root.tag))").has_value(); }

// A GitHub workflow command split into its name, properties and message, as the runner reads
// it: the first "::" after the name ends the properties (':' in a value is escaped as %3A).
struct Command {
    std::string name;
    std::vector<std::pair<std::string, std::string>> properties;
    std::string message;
};

std::optional<Command> parse_command(const std::string& line) {
    if (line.rfind("::", 0) != 0) return std::nullopt;
    const auto end = line.find("::", 2);
    if (end == std::string::npos) return std::nullopt;
    Command command;
    const std::string head = line.substr(2, end - 2);
    const auto space = head.find(' ');
    command.name = head.substr(0, space);
    if (space != std::string::npos) {
        std::istringstream properties(head.substr(space + 1));
        for (std::string property; std::getline(properties, property, ',');) {
            const auto equals = property.find('=');
            if (equals == std::string::npos) return std::nullopt;
            command.properties.emplace_back(property.substr(0, equals), property.substr(equals + 1));
        }
    }
    command.message = line.substr(end + 2);
    return command;
}

// The runner's unescaping, for checking that a value round-trips.
std::string unescape_github(std::string text) {
    const std::vector<std::pair<std::string, std::string>> escapes{
        {"%0D", "\r"}, {"%0A", "\n"}, {"%3A", ":"}, {"%2C", ","}, {"%25", "%"}};
    for (const auto& [from, to] : escapes)
        for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
            text.replace(at, from.size(), to);
    return text;
}

void check_golden(const std::string& name, const std::string& actual) {
    dutycheck::testing::check_golden(fs::path("formats") / name, actual);
}

const nlohmann::json* result_for(const nlohmann::json& results, const std::string& pointer) {
    for (const auto& result : results)
        if (result["properties"]["pointer"] == pointer) return &result;
    return nullptr;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Golden files: every status, all three formats. Refresh with DUTYCHECK_UPDATE_GOLDEN=1.

TEST_CASE("the CI formats of a result set with every status match their golden files", "[ci][golden]") {
    Rules rules;
    const auto results = every_status(rules);
    SECTION("sarif") { check_golden("every-status.sarif", sarif(results)); }
    SECTION("junit") { check_golden("every-status.junit.xml", junit(results)); }
    SECTION("github") { check_golden("every-status.github.txt", github(results)); }
}

// ---------------------------------------------------------------------------------------------
// SARIF

TEST_CASE("SARIF names its schema and version and describes dutycheck as the tool", "[ci][sarif]") {
    Rules rules;
    const auto log = nlohmann::json::parse(sarif(every_status(rules)));
    CHECK(log["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json");
    CHECK(log["version"] == "2.1.0");
    REQUIRE(log["runs"].size() == 1);
    const auto& run = log["runs"][0];
    CHECK(run["tool"]["driver"]["name"] == "dutycheck");
    CHECK(run["tool"]["driver"]["version"] == "0.1.0");
    CHECK(run["tool"]["driver"]["informationUri"] == "https://dutycheck.example/");
    CHECK(run["columnKind"] == "unicodeCodePoints");
    CHECK(run["properties"]["as_of"] == "2026-11-22");
    CHECK(run["properties"]["rule_packs"] == nlohmann::json::array({"scotland", "local/inverclyde"}));
}

TEST_CASE("SARIF has one rule descriptor per rule id, with its citation, duties and level", "[ci][sarif]") {
    Rules rules;
    const auto log = nlohmann::json::parse(sarif(every_status(rules)));
    const auto& descriptors = log["runs"][0]["tool"]["driver"]["rules"];
    REQUIRE(descriptors.size() == 4);  // co-chair appears in both files, once here
    CHECK(descriptors[0]["id"] == "inv-lpg-community-co-chair");
    CHECK(descriptors[0]["name"] == "InvLpgCommunityCoChair");
    CHECK(descriptors[0]["shortDescription"]["text"] ==
          "Each locality planning group is co-chaired, with a community representative as one co-chair");
    CHECK(descriptors[0]["defaultConfiguration"]["level"] == "error");
    CHECK(descriptors[0]["properties"]["duties"] == nlohmann::json::array({"INV-LPG-COCHAIR"}));
    CHECK(descriptors[0]["properties"]["basis"] == "local_policy");
    CHECK(descriptors[0]["properties"]["tags"] == nlohmann::json::array({"localities"}));
    CHECK_FALSE(descriptors[0].contains("helpUri"));  // no url in its citation
    for (const char* field : {"fullDescription", "help"}) {
        const std::string text = descriptors[0][field]["text"];
        CHECK_THAT(text, Catch::Contains("INV-LPG-COCHAIR"));
        CHECK_THAT(text, Catch::Contains("Inverclyde IJB, 24 June 2019, report IJB/42/2019/HW, para 4.10"));
        CHECK_THAT(text, Catch::Contains("joint chairing (co-chair model)"));
        CHECK(descriptors[0][field].contains("markdown"));
    }

    CHECK(descriptors[1]["id"] == "direction-in-writing");
    CHECK(descriptors[1]["helpUri"] == "https://www.legislation.gov.uk/asp/2014/9/section/27");
    CHECK_THAT(descriptors[1]["help"]["markdown"].get<std::string>(),
               Catch::Contains("<https://www.legislation.gov.uk/asp/2014/9/section/27>"));
    CHECK(descriptors[2]["defaultConfiguration"]["level"] == "warning");
    CHECK_THAT(descriptors[2]["help"]["text"].get<std::string>(),
               Catch::Contains("Duties EQ-REG5-ASSESS, EQ-REG5-PUBLISH"));
    CHECK(descriptors[3]["defaultConfiguration"]["level"] == "note");
}

TEST_CASE("SARIF reports unmet, unknown, waived and expired findings and leaves out met and not applicable",
          "[ci][sarif]") {
    Rules rules;
    const auto log = nlohmann::json::parse(sarif(every_status(rules)));
    const auto& run = log["runs"][0];
    const auto& results = run["results"];
    std::vector<std::string> statuses;
    for (const auto& result : results) statuses.push_back(result["properties"]["status"]);
    CHECK(statuses ==
          std::vector<std::string>{"unmet", "unknown", "waived", "waiver_expired", "unmet", "unmet"});
    // ruleIndex and ruleId agree with the descriptors.
    for (const auto& result : results)
        CHECK(run["tool"]["driver"]["rules"][result["ruleIndex"].get<std::size_t>()]["id"] == result["ruleId"]);
}

TEST_CASE("a SARIF result has its level, message, location, logical location and fingerprint", "[ci][sarif]") {
    Rules rules;
    const auto log = nlohmann::json::parse(sarif(every_status(rules)));
    const auto& results = log["runs"][0]["results"];

    const auto* unmet = result_for(results, "/localities/0/planning_group");
    REQUIRE(unmet != nullptr);
    CHECK((*unmet)["ruleId"] == "inv-lpg-community-co-chair");
    CHECK((*unmet)["level"] == "error");
    CHECK_THAT((*unmet)["message"]["text"].get<std::string>(),
               Catch::StartsWith("Port Glasgow Locality Planning Group has 1 co-chairs recorded"));
    const auto& location = (*unmet)["locations"][0];
    CHECK(location["physicalLocation"]["artifactLocation"]["uri"] == "fixtures/inverclyde-2019.json");
    CHECK(location["physicalLocation"]["region"] == nlohmann::json{{"startLine", 14}, {"startColumn", 25}});
    CHECK(location["logicalLocations"][0]["fullyQualifiedName"] == "/localities/0/planning_group");
    CHECK(location["logicalLocations"][0]["name"] == "Port Glasgow Locality Planning Group");
    CHECK((*unmet)["partialFingerprints"]["dutycheck/v1"] == "inv-lpg-community-co-chair|/localities/0/planning_group");
    CHECK((*unmet)["properties"]["duties"] == nlohmann::json::array({"INV-LPG-COCHAIR"}));
    CHECK((*unmet)["properties"]["object"] == "Port Glasgow Locality Planning Group");
    CHECK_FALSE(unmet->contains("suppressions"));

    const auto* unknown = result_for(results, "/localities/2/planning_group");
    REQUIRE(unknown != nullptr);
    CHECK((*unknown)["message"]["text"] == "cannot verify: /localities/2/planning_group/status is not recorded");

    // The whole file has no line: no region, and the info rule is a note.
    const auto* whole = result_for(results, "");
    REQUIRE(whole != nullptr);
    CHECK((*whole)["level"] == "note");
    CHECK_FALSE((*whole)["locations"][0]["physicalLocation"].contains("region"));
    CHECK((*whole)["partialFingerprints"]["dutycheck/v1"] == "strategic-plan-published|");
}

TEST_CASE("a waived finding is a SARIF result with an accepted external suppression and its justification",
          "[ci][sarif]") {
    Rules rules;
    const auto log = nlohmann::json::parse(sarif(every_status(rules)));
    const auto* result = result_for(log["runs"][0]["results"], "/directions/0");
    REQUIRE(result != nullptr);
    CHECK((*result)["level"] == "error");
    CHECK((*result)["properties"]["status"] == "waived");
    CHECK((*result)["properties"]["waived_status"] == "unmet");
    REQUIRE((*result)["suppressions"].size() == 1);
    const auto& suppression = (*result)["suppressions"][0];
    CHECK(suppression["kind"] == "external");
    CHECK(suppression["status"] == "accepted");
    CHECK(suppression["justification"] ==
          "Direction issued orally at the emergency meeting; written copy due; approved by Chief Officer; "
          "minute IJB/12/2026; expires 2027-03-31");
}

TEST_CASE("an expired waiver is an unsuppressed SARIF result that says the waiver expired", "[ci][sarif]") {
    Rules rules;
    const auto log = nlohmann::json::parse(sarif(every_status(rules)));
    const auto* result = result_for(log["runs"][0]["results"], "/reports/1/eqia");
    REQUIRE(result != nullptr);
    CHECK((*result)["level"] == "warning");
    CHECK((*result)["properties"]["status"] == "waiver_expired");
    CHECK_FALSE(result->contains("suppressions"));
    CHECK((*result)["message"]["text"] ==
          "waiver expired on 2026-03-31 (Assessment commissioned; approved by Chief Finance Officer): "
          "cannot verify: /reports/1/eqia/carried_out is not recorded");
}

TEST_CASE("hostile strings stay intact and valid in SARIF, and markdown cannot carry HTML", "[ci][sarif]") {
    Rules rules;
    const auto out = sarif(hostile_results(rules));
    const auto log = nlohmann::json::parse(out);  // throws if not valid JSON
    const auto& run = log["runs"][0];
    const auto& rule = run["tool"]["driver"]["rules"][0];
    CHECK(rule["shortDescription"]["text"] == "Title " + hostile);
    CHECK_FALSE(rule.contains("helpUri"));  // javascript: is never a link
    for (const char* field : {"fullDescription", "help"}) {
        const std::string markdown = rule[field]["markdown"];
        CHECK_THAT(markdown, !Catch::Contains("<script>"));
        CHECK_THAT(markdown, Catch::Contains("\\<script\\>alert(1)\\</script\\>"));
        CHECK_THAT(markdown, !Catch::Contains("<javascript"));
        CHECK_THAT(markdown, Catch::Contains("Eilean Siar \u2013 Comhairle"));
    }
    const auto& first = run["results"][0];
    const std::string message = first["message"]["text"];
    CHECK_THAT(message, Catch::StartsWith("Message " + hostile));
    CHECK_THAT(message, Catch::Contains("\xef\xbf\xbd\xef\xbf\xbd bad utf-8"));  // two bad bytes, two U+FFFD
    CHECK(first["locations"][0]["logicalLocations"][0]["name"] == "Object " + hostile);
    CHECK(first["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] ==
          "fixtures/dir%20with%20space/a,b%3Ac%25.json");
    CHECK(run["results"][1]["partialFingerprints"]["dutycheck/v1"] == "hostile-rule|/localities/0/a~1b");
    CHECK_THAT(run["results"][2]["suppressions"][0]["justification"].get<std::string>(),
               Catch::Contains("Reason " + hostile));
    CHECK(out.find("Eilean Siar \u2013 Comhairle") != std::string::npos);  // UTF-8, not \u escapes
}

TEST_CASE("an absolute document path becomes a file URI in SARIF", "[ci][sarif]") {
    Rules rules;
    const auto* rule = add_rule(rules, "r", Severity::error, "t", {"D"}, Basis::statute, "s");
    const auto log = nlohmann::json::parse(
        sarif({document("/srv/partnerships/fife.json", "fife", "Fife", {finding(rule, Status::unmet, "/a", "", "m")}),
               document(".\\windows\\dir\\x.json", "x", "X", {finding(rule, Status::unmet, "/b", "", "m")})}));
    const auto& results = log["runs"][0]["results"];
    CHECK(results[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] ==
          "file:///srv/partnerships/fife.json");
    CHECK(results[1]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "windows/dir/x.json");
    CHECK(results[0]["locations"][0]["logicalLocations"][0]["name"] == "a");
}

TEST_CASE("a finding without a rule still gives a loadable SARIF log", "[ci][sarif]") {
    const auto log = nlohmann::json::parse(
        sarif({document("f.json", "", "", {finding(nullptr, Status::unmet, "/x", "", "m")})}));
    CHECK(log["runs"][0]["results"][0]["ruleId"] == "unidentified-rule");
    CHECK(log["runs"][0]["tool"]["driver"]["rules"][0]["id"] == "unidentified-rule");
}

TEST_CASE("SARIF of no findings has an empty results list", "[ci][sarif]") {
    const auto log = nlohmann::json::parse(sarif({}));
    CHECK(log["runs"][0]["results"] == nlohmann::json::array());
    CHECK(log["runs"][0]["tool"]["driver"]["rules"] == nlohmann::json::array());
}

// ---------------------------------------------------------------------------------------------
// JUnit

TEST_CASE("JUnit has a test suite per file and a test case per finding, with counts", "[ci][junit]") {
    Rules rules;
    const auto xml = junit(every_status(rules));
    const auto parsed = parse_xml(
        xml,
        "print(json.dumps({'root': root.tag, 'attrib': root.attrib, 'suites': [{'attrib': s.attrib, 'cases': "
        "[{'attrib': c.attrib, 'children': [{'tag': k.tag, 'attrib': k.attrib, 'text': k.text} for k in c]} "
        "for c in s.iter('testcase')]} for s in root.iter('testsuite')]}))");
    REQUIRE(parsed.has_value());
    const auto& report = *parsed;
    CHECK(report["root"] == "testsuites");
    CHECK(report["attrib"] ==
          nlohmann::json{{"name", "dutycheck"}, {"tests", "9"}, {"failures", "5"}, {"errors", "0"}, {"skipped", "2"}});
    REQUIRE(report["suites"].size() == 2);
    const auto& suite = report["suites"][0];
    CHECK(suite["attrib"] == nlohmann::json{{"name", "fixtures/inverclyde-2019.json"},
                                            {"tests", "7"},
                                            {"failures", "4"},
                                            {"errors", "0"},
                                            {"skipped", "2"}});
    const auto& cases = suite["cases"];
    REQUIRE(cases.size() == 7);
    CHECK(cases[0]["attrib"]["classname"] == "inv-lpg-community-co-chair");
    CHECK(cases[0]["attrib"]["name"] == "/localities/0/planning_group (Port Glasgow Locality Planning Group)");
    CHECK(cases[0]["attrib"]["file"] == "fixtures/inverclyde-2019.json");
    CHECK(cases[0]["attrib"]["line"] == "14");

    // unmet: a failure whose message keeps its line break and whose details carry the citation.
    const auto& failure = cases[0]["children"][0];
    CHECK(failure["tag"] == "failure");
    CHECK(failure["attrib"]["type"] == "unmet");
    CHECK(failure["attrib"]["message"] ==
          "Port Glasgow Locality Planning Group has 1 co-chairs recorded; the co-chair model has two\n"
          "no co-chair of Port Glasgow Locality Planning Group is a community representative");
    const std::string details = failure["text"];
    CHECK_THAT(details, Catch::Contains("Duty INV-LPG-COCHAIR"));
    CHECK_THAT(details, Catch::Contains("Source: Inverclyde IJB, 24 June 2019, report IJB/42/2019/HW, para 4.10"));
    CHECK_THAT(details, Catch::Contains("File: fixtures/inverclyde-2019.json:14:25"));

    // met: passes, no child element.
    CHECK(cases[1]["children"].empty());
    // unknown: a failure listing what is missing.
    CHECK(cases[2]["children"][0]["attrib"]["type"] == "unknown");
    CHECK_THAT(cases[2]["children"][0]["text"].get<std::string>(),
               Catch::Contains("Missing: /localities/2/planning_group/status is not recorded"));
    // waived: skipped, saying until when and on what terms.
    CHECK(cases[3]["children"][0]["tag"] == "skipped");
    CHECK(cases[3]["children"][0]["attrib"]["message"] ==
          "waived (unmet) until 2027-03-31: Direction issued orally at the emergency meeting; written copy due; "
          "approved by Chief Officer; minute IJB/12/2026");
    // not applicable: skipped, saying why.
    CHECK(cases[4]["children"][0]["tag"] == "skipped");
    CHECK(cases[4]["children"][0]["attrib"]["message"] ==
          "not applicable: the paper does not introduce or revise a policy");
    // expired waiver: a failure of its own type.
    CHECK(cases[5]["children"][0]["attrib"]["type"] == "waiver_expired");
    CHECK_THAT(cases[5]["children"][0]["attrib"]["message"].get<std::string>(),
               Catch::StartsWith("waiver expired on 2026-03-31"));
    // the whole file: named in words, no line.
    CHECK(cases[6]["attrib"]["name"] == "(whole partnership file)");
    CHECK_FALSE(cases[6]["attrib"].contains("line"));
}

TEST_CASE("hostile strings are escaped in JUnit, which stays well-formed XML and reads back intact", "[ci][junit]") {
    Rules rules;
    const auto xml = junit(hostile_results(rules));
    CHECK(xml.find("<script>") == std::string::npos);
    CHECK(xml.find("]]>") == std::string::npos);
    CHECK(xml.find('\x1b') == std::string::npos);
    CHECK(xml.find("Eilean Siar \u2013 Comhairle") != std::string::npos);  // UTF-8, not character references
    const auto parsed = parse_xml(
        xml, "c = list(root.iter('testcase')); print(json.dumps({'suite': root.find('testsuite').get('name'), "
             "'name': c[0].get('name'), 'message': c[0][0].get('message'), 'text': c[0][0].text, "
             "'object': c[1].get('name'), 'skip': c[2][0].get('message'), "
             "'partnership': "
             "root.find('testsuite/properties/property[@name=\\\"partnership.name\\\"]').get('value')}))");
    REQUIRE(parsed.has_value());
    CHECK((*parsed)["suite"] == "fixtures/dir with space/a,b:c%.json");
    CHECK((*parsed)["name"] == "/localities/0 (Object " + hostile + ")");
    CHECK((*parsed)["partnership"] == "Eilean Siar \u2013 Comhairle " + hostile);
    // Control characters (DEL too) and bad bytes become U+FFFD; CR and LF survive as themselves.
    CHECK((*parsed)["message"] == "Message " + hostile +
                                      " bell\xef\xbf\xbd escape\xef\xbf\xbd[31m red\xef\xbf\xbd nul-free "
                                      "\xef\xbf\xbd\xef\xbf\xbd bad utf-8\r\n::error::injected");
    CHECK_THAT((*parsed)["text"].get<std::string>(), Catch::Contains("Quote: \"Quote " + hostile + "\""));
    CHECK_THAT((*parsed)["object"].get<std::string>(), Catch::StartsWith("/localities/0/a~1b (Object bell"));
    CHECK_THAT((*parsed)["skip"].get<std::string>(), Catch::Contains("Reason " + hostile));
}

TEST_CASE("the every-status JUnit report is well-formed XML", "[ci][junit]") {
    Rules rules;
    CHECK(well_formed_xml(junit(every_status(rules))));
    CHECK(well_formed_xml(junit({})));
}

// ---------------------------------------------------------------------------------------------
// GitHub annotations

TEST_CASE("GitHub annotations: one command per failing finding, by severity, then a summary notice",
          "[ci][github]") {
    Rules rules;
    const auto lines = lines_of(github(every_status(rules)));
    REQUIRE(lines.size() == 6);
    CHECK(lines[0] ==
          "::error file=fixtures/inverclyde-2019.json,line=14,col=25,title=inv-lpg-community-co-chair%3A Each locality "
          "planning group is co-chaired%2C with a community representative as one co-chair::Port Glasgow Locality "
          "Planning Group has 1 co-chairs recorded; the co-chair model has two%0Ano co-chair of Port Glasgow Locality "
          "Planning Group is a community representative (Duty INV-LPG-COCHAIR; Inverclyde IJB, 24 June 2019, report "
          "IJB/42/2019/HW, para 4.10)");
    CHECK_THAT(lines[1], Catch::StartsWith("::error file=fixtures/inverclyde-2019.json,line=48,col=25,"));
    CHECK_THAT(lines[2], Catch::StartsWith("::warning file=fixtures/inverclyde-2019.json,line=80,col=7,"));
    CHECK_THAT(lines[2], Catch::Contains("::waiver expired on 2026-03-31"));
    CHECK(lines[3] ==
          "::notice file=fixtures/inverclyde-2019.json,title=strategic-plan-published%3A The strategic plan is "
          "published::no strategic plan is recorded as published (Duty PBJW-S39-PUBLISH; Public Bodies (Joint "
          "Working) (Scotland) Act 2014, s39)");
    CHECK_THAT(lines[4], Catch::StartsWith("::warning file=fixtures/scottish-borders-2023.json,line=40,col=7,"));
    CHECK(lines[5] ==
          "::notice::dutycheck 0.1.0: 2 partnership files as of 2026-11-22: 3 unmet, 1 unknown, 1 waiver expired, "
          "1 waived, 2 met, 1 not applicable (rule packs: scotland 1.0 (sha256 111111111111), local/inverclyde (sha256 "
          "222222222222))");
}

TEST_CASE("hostile strings cannot break or inject GitHub workflow commands", "[ci][github]") {
    Rules rules;
    const std::string out = github(hostile_results(rules));
    const auto lines = lines_of(out);
    REQUIRE(lines.size() == 3);  // unmet, unknown, summary: the waived and n/a findings are not annotated
    CHECK(out.find('\r') == std::string::npos);
    CHECK(out.find('\x1b') == std::string::npos);
    CHECK(out.find('\x07') == std::string::npos);
    for (std::size_t i = 0; i < lines.size(); ++i) {
        INFO(lines[i]);
        const auto command = parse_command(lines[i]);
        REQUIRE(command.has_value());
        CHECK(command->name == (i + 1 == lines.size() ? "notice" : "warning"));
        for (const auto& [key, value] : command->properties) {
            CHECK((key == "file" || key == "line" || key == "col" || key == "title"));
            CHECK(value.find(':') == std::string::npos);
        }
    }
    const auto first = *parse_command(lines[0]);
    REQUIRE(first.properties.size() == 4);
    CHECK(unescape_github(first.properties[0].second) == "fixtures/dir with space/a,b:c%.json");
    CHECK(unescape_github(first.properties[3].second) == "hostile-rule: Title " + hostile);
    const std::string message = unescape_github(first.message);
    CHECK_THAT(message, Catch::StartsWith("Message " + hostile + " bell\xef\xbf\xbd escape\xef\xbf\xbd[31m red"));
    CHECK_THAT(message, Catch::Contains("\r\n::error::injected (Duty DUTY-"));
    CHECK(first.message.find("%0D%0A::error::injected") != std::string::npos);
    CHECK_THAT(first.message, Catch::Contains("Eilean Siar \u2013 Comhairle"));
    CHECK(first.message.find("a,b:c%25") != std::string::npos);
}

TEST_CASE("a GitHub summary of no findings is a single notice", "[ci][github]") {
    CHECK(github({}) ==
          "::notice::dutycheck 0.1.0: 0 partnership files as of 2026-11-22: 0 unmet, 0 unknown, 0 waiver expired, "
          "0 waived, 0 met, 0 not applicable (rule packs: scotland 1.0 (sha256 111111111111), local/inverclyde (sha256 "
          "222222222222))\n");
}

// ---------------------------------------------------------------------------------------------
// Shared helpers

TEST_CASE("ill-formed UTF-8 becomes U+FFFD byte by byte and well-formed text is kept", "[ci]") {
    using dutycheck::report::valid_utf8;
    CHECK(valid_utf8("Eilean Siar \u2013 Comhairle \U0001F600") == "Eilean Siar \u2013 Comhairle \U0001F600");
    CHECK(valid_utf8("a\xff" "b") == "a\xef\xbf\xbd" "b");
    CHECK(valid_utf8("\xc0\xaf") == "\xef\xbf\xbd\xef\xbf\xbd");          // overlong '/'
    CHECK(valid_utf8("\xed\xa0\x80") == "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");  // surrogate
    CHECK(valid_utf8("\xf4\x90\x80\x80").size() == 12);                     // past U+10FFFF
    CHECK(valid_utf8("\xe2\x80") == "\xef\xbf\xbd\xef\xbf\xbd");          // truncated
}

TEST_CASE("document paths are written with forward slashes and no leading ./", "[ci]") {
    using dutycheck::report::portable_path;
    CHECK(portable_path("./fixtures/x.json") == "fixtures/x.json");
    CHECK(portable_path("fixtures\\cases\\x.json") == "fixtures/cases/x.json");
    CHECK(portable_path("/abs/x.json") == "/abs/x.json");
}

TEST_CASE("the one-message wording of a finding is never empty and says why an expired waiver fails", "[ci]") {
    using dutycheck::report::finding_message;
    Rules rules;
    const auto* rule = add_rule(rules, "r", Severity::error, "The rule's title", {"D"}, Basis::statute, "s");
    const DocumentResult doc = document("f.json", "", "", {});
    auto unknown = finding(rule, Status::unknown, "/a", "", "");
    unknown.missing = {not_recorded("/a/b"), {"/a/c", dutycheck::engine::MissingReason::wrong_type, "a string", "a number 3"}};
    CHECK(finding_message(doc, unknown) == "cannot verify: /a/b is not recorded; /a/c: expected a string, found a number 3");
    CHECK(finding_message(doc, finding(rule, Status::unmet, "/a", "", "")) == "The rule's title");
    CHECK(finding_message(doc, finding(nullptr, Status::unmet, "/a", "", "")) == "unmet");
    // An expired waiver whose index is out of range (never from the engine) still reads sensibly.
    CHECK(finding_message(doc, covered(finding(rule, Status::unmet, "/a", "", "m"), Status::waiver_expired, 7)) ==
          "waiver expired: m");
}

TEST_CASE("TSV has one line per failing finding with nine fields and escapes what would split them", "[ci][tsv]") {
    Rules rules;
    const RuleInfo* rule = add_rule(rules, "lpg-has-lead", Severity::warning, "A lead", {"LOC-GUIDE-LEADERSHIP"},
                                     Basis::statutory_guidance, "Localities guidance");
    DocumentResult document;
    document.file = "dir/p\tq.json";
    document.findings = {finding(rule, Status::met, "/localities/0", "A", ""),
                         finding(rule, Status::unmet, "/localities/1", "B", "two\tparts\nand a \\ back", 12, 5),
                         finding(rule, Status::unknown, "/localities/2", "C", "", 20, 5, {not_recorded("x")}),
                         finding(rule, Status::not_applicable, "/localities/3", "D", "does not apply")};
    std::ostringstream out;
    dutycheck::report::write_tsv(out, {document}, {});
    CHECK(out.str() ==
          "lpg-has-lead\tdir/p\\tq.json\t/localities/1\tunmet\twarning\t12\t5\ttwo\\tparts\\nand a \\\\ back\t\n"
          "lpg-has-lead\tdir/p\\tq.json\t/localities/2\tunknown\twarning\t20\t5\tcannot verify: x is not recorded\t\n");

    std::ostringstream all;
    dutycheck::report::TextOptions options;
    options.show_all = true;
    dutycheck::report::write_tsv(all, {document}, options);
    const std::string lines = all.str();
    CHECK(std::count(lines.begin(), lines.end(), '\n') == 4);
}

TEST_CASE("no report format lets hostile input forge a line, drive a terminal or break its encoding", "[ci][hostile]") {
    Rules rules;
    const auto docs = hostile_results(rules);
    for (const auto& format : dutycheck::report::format_names()) {
        INFO("format " << format);
        std::ostringstream out;
        dutycheck::report::TextOptions text;
        text.show_all = true;
        dutycheck::report::write_report(out, format, docs, run_info, text);
        const std::string report = out.str();
        CHECK(dutycheck::report::valid_utf8(report) == report);
        // No control character but the line breaks and tabs a format writes itself (JSON may
        // carry DEL as it is: the standard does not count it as a control character).
        const bool json = format == "json" || format == "sarif";
        for (const char c : report) {
            const auto byte = static_cast<unsigned char>(c);
            if (c == '\n' || c == '\t' || (json && byte == 0x7F)) continue;
            INFO("byte " << static_cast<int>(byte));
            CHECK((byte >= 0x20 && byte != 0x7F));
        }
        // In the line-oriented formats a line break inside a value never starts a line of the
        // report's own (HTML and XML read a line break in text as a space; JSON escapes it).
        const bool by_line = format == "text" || format == "markdown" || format == "tsv" || format == "github";
        std::istringstream lines(by_line ? report : std::string());
        for (std::string line; std::getline(lines, line);) {
            INFO("line: " << line);
            CHECK(line.rfind("second line", 0) == std::string::npos);
            CHECK(line.rfind("::error::injected", 0) == std::string::npos);
        }
        if (format == "tsv") {
            std::istringstream rows(report);
            for (std::string row; std::getline(rows, row);) CHECK(std::count(row.begin(), row.end(), '\t') == 8);
        }
    }
}
