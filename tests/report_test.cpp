// Tests of the text and JSON reports, on results built by hand as the engine would produce them.
#include <catch2/catch.hpp>

#include <cstddef>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/result.hpp"
#include "report/json_report.hpp"
#include "report/labels.hpp"
#include "report/text_report.hpp"
#include "report_fixtures.hpp"

using dutycheck::engine::Basis;
using dutycheck::engine::DocumentResult;
using dutycheck::engine::Finding;
using dutycheck::engine::RuleInfo;
using dutycheck::engine::Severity;
using dutycheck::engine::Status;
using dutycheck::report::JsonReportInfo;
using dutycheck::report::TextOptions;
using dutycheck::testing::finding;
using dutycheck::testing::not_recorded;
using dutycheck::testing::Rules;
using dutycheck::testing::summarise;

namespace {

// A statute rule with a default title, duty and citation.
const RuleInfo* add_rule(Rules& rules, std::string id, Severity severity, std::string title = "A duty is met") {
    RuleInfo rule;
    rule.id = std::move(id);
    rule.title = std::move(title);
    rule.duties = {"DUTY-" + rule.id};
    rule.citation.source = "Public Bodies (Joint Working) (Scotland) Act 2014, s29(3)(a)";
    rule.severity = severity;
    rule.basis = Basis::statute;
    rule.tags = {"localities"};
    return rules.add(std::move(rule));
}

// The engine fills the summary as it adds findings; do the same here.
DocumentResult document(std::vector<Finding> findings, std::string name = "Inverclyde Health and Social Care Partnership",
                        std::string file = "fixtures/inverclyde-2019.json") {
    DocumentResult doc;
    doc.file = std::move(file);
    doc.partnership_id = "inverclyde";
    doc.partnership_name = std::move(name);
    doc.as_of = "2026-11-22";
    doc.findings = std::move(findings);
    summarise(doc);
    return doc;
}

std::string text(const std::vector<DocumentResult>& docs, TextOptions options = {}) {
    std::ostringstream out;
    dutycheck::report::write_text(out, docs, options);
    return out.str();
}

nlohmann::json json(const std::vector<DocumentResult>& docs, JsonReportInfo info = {"0.1.0", "2026-11-22", {{"scotland", "1.0", std::string(64, '1')}}}) {
    std::ostringstream out;
    dutycheck::report::write_json(out, docs, info);
    return nlohmann::json::parse(out.str());
}

std::vector<std::string> lines_of(const std::string& s) {
    std::vector<std::string> lines;
    std::istringstream in(s);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
}

std::size_t code_points(const std::string& s) {
    std::size_t n = 0;
    for (const char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    return n;
}

// A document with every status and severity the summary must count.
DocumentResult mixed_document(Rules& rules) {
    const auto* error = add_rule(rules, "err", Severity::error);
    const auto* warning = add_rule(rules, "warn", Severity::warning);
    std::vector<Finding> f;
    for (int i = 0; i < 4; ++i) f.push_back(finding(error, Status::met, "/localities/" + std::to_string(i)));
    f.push_back(finding(error, Status::unmet, "/localities/0"));
    f.push_back(finding(error, Status::unmet, "/localities/1"));
    f.push_back(finding(warning, Status::unmet, "/reports/0"));
    f.push_back(finding(error, Status::unknown, "/reports/1"));
    f.push_back(finding(warning, Status::unknown, "/directions/0"));
    for (int i = 0; i < 5; ++i) f.push_back(finding(warning, Status::not_applicable, "/reports/" + std::to_string(i)));
    return document(std::move(f));
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Text report

TEST_CASE("the summary line counts every status and breaks unmet and unknown down by severity") {
    Rules rules;
    const auto out = text({mixed_document(rules)});
    CHECK_THAT(out, Catch::Contains(
                        "Summary: 4 met, 3 unmet (2 error, 1 warning), 2 unknown (1 error, 1 warning), 5 not applicable\n"));
}

TEST_CASE("a status with no findings is counted as zero without an empty breakdown") {
    Rules rules;
    const auto* info = add_rule(rules, "info-rule", Severity::info);
    const auto out = text({document({finding(info, Status::unknown, "/board")})});
    CHECK_THAT(out, Catch::Contains("Summary: 0 met, 0 unmet, 1 unknown (1 info), 0 not applicable\n"));
}

TEST_CASE("the header names the partnership, its file and the evaluation date") {
    Rules rules;
    const auto out = text({mixed_document(rules)});
    CHECK(lines_of(out).at(0) ==
          "Inverclyde Health and Social Care Partnership (fixtures/inverclyde-2019.json), as of 2026-11-22");
}

TEST_CASE("a partnership without a recorded name is headed by its id") {
    auto doc = document({}, "");
    CHECK(lines_of(text({doc})).at(0) == "inverclyde (fixtures/inverclyde-2019.json), as of 2026-11-22");
}

TEST_CASE("an unmet finding shows its status, severity, object, rule, message, duty and citation") {
    RuleInfo rule;
    rule.id = "inv-lpg-community-co-chair";
    rule.title = "Each locality planning group is co-chaired, with a community representative as one co-chair";
    rule.duties = {"INV-LPG-COCHAIR"};
    rule.citation.source = "Inverclyde IJB, 24 June 2019, report IJB/42/2019/HW, para 4.10";
    rule.citation.quote = "joint chairing (co-chair model) of Locality Planning Groups (LPGs)";
    rule.severity = Severity::error;
    rule.basis = Basis::local_policy;
    const auto out = text({document({finding(&rule, Status::unmet, "/localities/0/planning_group",
                                             "Port Glasgow Locality Planning Group",
                                             "no co-chair of Port Glasgow Locality Planning Group is a community "
                                             "representative")})});
    CHECK_THAT(out, Catch::Contains("\nLocalities\n"
                                    "  UNMET    error    Port Glasgow Locality Planning Group  [/localities/0/planning_group]\n"
                                    "           Each locality planning group is co-chaired, with a community representative as one\n"
                                    "           co-chair  (inv-lpg-community-co-chair)\n"
                                    "           no co-chair of Port Glasgow Locality Planning Group is a community representative\n"
                                    "           Duty INV-LPG-COCHAIR \u00b7 Inverclyde IJB, 24 June 2019, report IJB/42/2019/HW, para 4.10\n"
                                    "           \"joint chairing (co-chair model) of Locality Planning Groups (LPGs)\"\n"));
}

TEST_CASE("findings are grouped by area in board reading order, other areas alphabetically after") {
    Rules rules;
    const auto* r = add_rule(rules, "r", Severity::error);
    const auto out = text({document({
        finding(r, Status::unmet, "/waivers/0"),
        finding(r, Status::unmet, ""),
        finding(r, Status::unmet, "/partnership/integration_scheme"),
        finding(r, Status::unmet, "/action_plans/1/items/0"),
        finding(r, Status::unmet, "/publications/2"),
        finding(r, Status::unmet, "/board/members"),
        finding(r, Status::unmet, "/strategic_plan/reviews/0"),
        finding(r, Status::unmet, "/strategic_planning_group"),
        finding(r, Status::unmet, "/directions/3"),
        finding(r, Status::unmet, "/reports/7/eqia"),
        finding(r, Status::unmet, "/localities/2/planning_group"),
    })});
    std::vector<std::string> headings;
    for (const auto& line : lines_of(out))
        if (!line.empty() && line[0] != ' ' && line.rfind("Summary:", 0) != 0 && line.rfind("Inverclyde", 0) != 0)
            headings.push_back(line);
    CHECK(headings == std::vector<std::string>{"Localities", "Board papers", "Directions", "Strategic planning group",
                                               "Strategic plan", "Board", "Publications", "Partnership",
                                               "Whole partnership", "Action plans", "Waivers"});
}

TEST_CASE("the area is named from the first segment of the pointer") {
    using dutycheck::report::area_of;
    CHECK(area_of("/localities/0/planning_group") == "Localities");
    CHECK(area_of("/reports/3/eqia/carried_out") == "Board papers");
    CHECK(area_of("/strategic_planning_group/members") == "Strategic planning group");
    CHECK(area_of("/strategic_plan") == "Strategic plan");
    CHECK(area_of("") == "Whole partnership");
    CHECK(area_of("/action_plans/0") == "Action plans");
    CHECK(area_of("/a~1b_c") == "A/b c");
}

TEST_CASE("within an area unmet comes before unknown, and errors before warnings") {
    Rules rules;
    const auto* error = add_rule(rules, "e", Severity::error, "error rule");
    const auto* warning = add_rule(rules, "w", Severity::warning, "warning rule");
    const auto out = text({document({
        finding(error, Status::unknown, "/localities/0", "first unknown"),
        finding(warning, Status::unmet, "/localities/1", "warning unmet"),
        finding(error, Status::unmet, "/localities/2", "error unmet"),
        finding(error, Status::unknown, "/localities/3", "second unknown"),
    })});
    const auto at = [&](const char* s) { return out.find(s); };
    CHECK(at("error unmet") < at("warning unmet"));
    CHECK(at("warning unmet") < at("first unknown"));
    CHECK(at("first unknown") < at("second unknown"));
}

TEST_CASE("met and not applicable findings are hidden by default and listed with show_all") {
    Rules rules;
    const auto* r = add_rule(rules, "r", Severity::warning);
    const auto doc = document({finding(r, Status::met, "/localities/0", "Greenock South West"),
                               finding(r, Status::not_applicable, "/localities/1", "Kilmacolm"),
                               finding(r, Status::unknown, "/localities/2", "Port Glasgow")});
    const auto hidden = text({doc});
    CHECK_THAT(hidden, !Catch::Contains("Greenock South West") && !Catch::Contains("Kilmacolm"));
    CHECK_THAT(hidden, Catch::Contains("  UNKNOWN  warning  Port Glasgow  [/localities/2]"));

    TextOptions all;
    all.show_all = true;
    const auto shown = text({doc}, all);
    CHECK_THAT(shown, Catch::Contains("  MET      warning  Greenock South West  [/localities/0]"));
    CHECK_THAT(shown, Catch::Contains("  N/A      warning  Kilmacolm  [/localities/1]"));
    CHECK_THAT(shown, Catch::Contains("  UNKNOWN  warning  Port Glasgow  [/localities/2]"));
}

TEST_CASE("a document with nothing to act on says so instead of listing nothing") {
    Rules rules;
    const auto* r = add_rule(rules, "r", Severity::error);
    const auto out = text({document({finding(r, Status::met, "/localities/0")})});
    CHECK_THAT(out, Catch::Contains("Nothing to act on: no unmet or unknown findings."));
}

TEST_CASE("an unknown finding says what could not be verified") {
    Rules rules;
    const auto* r = add_rule(rules, "r", Severity::error);
    auto f = finding(r, Status::unknown, "/localities/2/planning_group", "Inverclyde East");
    f.missing = {not_recorded("/localities/2/planning_group/status"),
                 not_recorded("/localities/2/planning_group/co_chairs")};
    CHECK_THAT(text({document({f})}),
               Catch::Contains("cannot verify: /localities/2/planning_group/status is not recorded;\n"
                               "           /localities/2/planning_group/co_chairs is not recorded\n"));
}

TEST_CASE("an object without a name is shown by its pointer, and the whole file in words") {
    Rules rules;
    const auto* r = add_rule(rules, "r", Severity::error);
    const auto out = text({document({finding(r, Status::unmet, "/localities/4"), finding(r, Status::unmet, "")})});
    CHECK_THAT(out, Catch::Contains("  UNMET    error    /localities/4\n"));
    CHECK_THAT(out, Catch::Contains("  UNMET    error    the whole partnership file\n"));
}

TEST_CASE("several duties are listed together and a citation without a quote has no quotation marks") {
    RuleInfo rule;
    rule.id = "report-direction-resolves";
    rule.title = "A paper that needs a direction names its recipient";
    rule.duties = {"PBJW-S27-DIRECTION-IN-WRITING", "DIR-GUIDE-REPORT-STATES-DIRECTION"};
    rule.citation.source = "Public Bodies (Joint Working) (Scotland) Act 2014, s27(5)(b)";
    const auto out = text({document({finding(&rule, Status::unmet, "/reports/0", "IJB/42/2019/HW")})});
    CHECK_THAT(out, Catch::Contains("Duties PBJW-S27-DIRECTION-IN-WRITING, DIR-GUIDE-REPORT-STATES-DIRECTION \u00b7 "
                                    "Public Bodies\n"));
    CHECK_THAT(out, !Catch::Contains("\""));
}

TEST_CASE("colour codes appear only when asked, and the status is always in words") {
    Rules rules;
    const auto doc = mixed_document(rules);
    TextOptions plain;
    plain.show_all = true;
    const auto without = text({doc}, plain);
    CHECK(without.find('\x1b') == std::string::npos);

    TextOptions coloured = plain;
    coloured.colour = true;
    const auto with = text({doc}, coloured);
    CHECK_THAT(with, Catch::Contains("\x1b[31mUNMET\x1b[0m"));
    CHECK_THAT(with, Catch::Contains("\x1b[33mUNKNOWN\x1b[0m"));
    CHECK_THAT(with, Catch::Contains("\x1b[32mMET\x1b[0m"));
    CHECK_THAT(with, Catch::Contains("\x1b[2mN/A\x1b[0m"));
}

TEST_CASE("colour does not shift the columns") {
    Rules rules;
    const auto doc = mixed_document(rules);
    TextOptions coloured;
    coloured.colour = true;
    std::string stripped;
    const auto with = text({doc}, coloured);
    for (std::size_t i = 0; i < with.size(); ++i) {
        if (with[i] == '\x1b') {
            i = with.find('m', i);
            continue;
        }
        stripped += with[i];
    }
    CHECK(stripped == text({doc}));
}

TEST_CASE("a total line follows when there is more than one document, and not for one") {
    Rules rules;
    const auto one = mixed_document(rules);
    CHECK_THAT(text({one}), !Catch::Contains("Total"));
    const auto two = text({one, one});
    CHECK(lines_of(two).back() == "Total for 2 partnership files: 8 met, 6 unmet (4 error, 2 warning), "
                                  "4 unknown (2 error, 2 warning), 10 not applicable");
}

TEST_CASE("long text wraps to 100 columns with the details aligned and no trailing spaces") {
    Rules rules;
    const auto* r = add_rule(rules, "r", Severity::error,
                              "The strategic plan sets out separately the arrangements for each locality and the "
                              "plan is reviewed at least every three years by the integration authority");
    std::string message;
    for (int i = 0; i < 30; ++i) message += "Greenock–Gourock ";
    const auto out = text({document({finding(r, Status::unmet, "/strategic_plan", "Plan", message)})});
    for (const auto& line : lines_of(out)) {
        CHECK(code_points(line) <= 100);
        if (!line.empty()) CHECK(line.back() != ' ');
        if (line.rfind("  ", 0) == 0 && line.find("UNMET") == std::string::npos)
            CHECK(line.rfind("           ", 0) == 0);
    }
}

TEST_CASE("a message of several failed requirements keeps one line per requirement") {
    Rules rules;
    const auto* r = add_rule(rules, "r", Severity::error);
    const auto out = text({document({finding(r, Status::unmet, "/localities/0", "Group",
                                             "Group has 1 co-chairs recorded\nno co-chair of Group is a community "
                                             "representative")})});
    CHECK_THAT(out, Catch::Contains("           Group has 1 co-chairs recorded\n"
                                    "           no co-chair of Group is a community representative\n"));
}

TEST_CASE("hostile strings come out intact in the text report") {
    Rules rules;
    const auto* r = add_rule(rules, "r", Severity::error, R"(Title with "quotes" and back\slash)");
    const auto out = text({document({finding(r, Status::unmet, "/localities/0", "<script>alert(1)</script>",
                                             R"(C:\path "quoted" – Eilean Siar – Comhairle nan Eilean Siar)")},
                                    "Eilean Siar – Comhairle")});
    CHECK_THAT(out, Catch::Contains("Eilean Siar – Comhairle (fixtures"));
    CHECK_THAT(out, Catch::Contains("<script>alert(1)</script>  [/localities/0]"));
    CHECK_THAT(out, Catch::Contains(R"(Title with "quotes" and back\slash)"));
    CHECK_THAT(out, Catch::Contains(R"(C:\path "quoted" – Eilean Siar – Comhairle nan Eilean Siar)"));
}

TEST_CASE("control characters from a partnership file cannot drive the terminal") {
    Rules rules;
    const auto* r = add_rule(rules, "r", Severity::error);
    const auto out = text({document({finding(r, Status::unmet, "/localities/0", "Group\x1b[8mhidden\x07",
                                             "C1 \xc2\x9b" "31m here"),
                                     finding(r, Status::unmet, "/odd\x1b[2J_area/0")},
                                    "Name\x1b[2J")});
    CHECK(out.find('\x1b') == std::string::npos);
    CHECK(out.find('\x07') == std::string::npos);
    CHECK(out.find("\xc2\x9b") == std::string::npos);
    CHECK_THAT(out, Catch::Contains("Name\\x1B[2J"));
    CHECK_THAT(out, Catch::Contains("Group\\x1B[8mhidden\\x07"));
    CHECK_THAT(out, Catch::Contains("C1 \\x9B31m here"));
    CHECK_THAT(out, Catch::Contains("\nOdd\\x1B[2J area\n"));
}

TEST_CASE("a finding the engine left without a rule is still reported") {
    const auto out = text({document({finding(nullptr, Status::unmet, "/localities/0", "Orphan", "something failed")})});
    CHECK_THAT(out, Catch::Contains("Orphan  [/localities/0]"));
    CHECK_THAT(out, Catch::Contains("something failed"));
}

TEST_CASE("the same results always render to the same text") {
    Rules rules;
    const auto doc = mixed_document(rules);
    TextOptions all;
    all.show_all = true;
    CHECK(text({doc}, all) == text({doc}, all));
}

// ---------------------------------------------------------------------------------------------
// JSON report

TEST_CASE("the JSON report has the documented top-level fields in a fixed order") {
    Rules rules;
    std::ostringstream out;
    dutycheck::report::write_json(out, {mixed_document(rules)}, {"0.1.0", "2026-11-22", {{"scotland", "1.0", std::string(64, '1')}, {"local/inverclyde", "", std::string(64, '2')}}});
    const auto parsed = nlohmann::ordered_json::parse(out.str());
    std::vector<std::string> keys;
    for (const auto& item : parsed.items()) keys.push_back(item.key());
    CHECK(keys == std::vector<std::string>{"format", "tool", "as_of", "rule_packs", "packs", "summary", "documents"});
    CHECK(parsed["format"] == "dutycheck.report/1");
    CHECK(parsed["tool"] == nlohmann::ordered_json{{"name", "dutycheck"}, {"version", "0.1.0"}});
    CHECK(parsed["as_of"] == "2026-11-22");
    CHECK(parsed["rule_packs"] == nlohmann::ordered_json{"scotland", "local/inverclyde"});
}

TEST_CASE("the JSON report is indented by two spaces and ends with a newline") {
    std::ostringstream out;
    dutycheck::report::write_json(out, {}, {"0.1.0", "2026-11-22", {}});
    CHECK(out.str() ==
          "{\n"
          "  \"format\": \"dutycheck.report/1\",\n"
          "  \"tool\": {\n"
          "    \"name\": \"dutycheck\",\n"
          "    \"version\": \"0.1.0\"\n"
          "  },\n"
          "  \"as_of\": \"2026-11-22\",\n"
          "  \"rule_packs\": [],\n"
          "  \"packs\": [],\n"
          "  \"summary\": {\n"
          "    \"met\": 0,\n"
          "    \"unmet\": 0,\n"
          "    \"unknown\": 0,\n"
          "    \"not_applicable\": 0,\n"
          "    \"waived\": 0,\n"
          "    \"waiver_expired\": 0,\n"
          "    \"unmet_by_severity\": {\n"
          "      \"error\": 0,\n"
          "      \"warning\": 0,\n"
          "      \"info\": 0\n"
          "    },\n"
          "    \"unknown_by_severity\": {\n"
          "      \"error\": 0,\n"
          "      \"warning\": 0,\n"
          "      \"info\": 0\n"
          "    },\n"
          "    \"waiver_expired_by_severity\": {\n"
          "      \"error\": 0,\n"
          "      \"warning\": 0,\n"
          "      \"info\": 0\n"
          "    }\n"
          "  },\n"
          "  \"documents\": []\n"
          "}\n");
}

TEST_CASE("the JSON summary counts each document and all documents together") {
    Rules rules;
    const auto doc = mixed_document(rules);
    const auto parsed = json({doc, doc});
    const nlohmann::json one = {{"met", 4},
                                {"unmet", 3},
                                {"unknown", 2},
                                {"not_applicable", 5},
                                {"unmet_by_severity", {{"error", 2}, {"warning", 1}, {"info", 0}}},
                                {"unknown_by_severity", {{"error", 1}, {"warning", 1}, {"info", 0}}},
                                {"waived", 0},
                                {"waiver_expired", 0},
                                {"waiver_expired_by_severity", {{"error", 0}, {"warning", 0}, {"info", 0}}}};
    CHECK(parsed["documents"][0]["summary"] == one);
    CHECK(parsed["summary"]["met"] == 8);
    CHECK(parsed["summary"]["not_applicable"] == 10);
    CHECK(parsed["summary"]["unmet_by_severity"]["error"] == 4);
    CHECK(parsed["summary"]["unknown_by_severity"]["warning"] == 2);
}

TEST_CASE("every finding appears in JSON whatever its status, in the engine's order") {
    Rules rules;
    const auto doc = mixed_document(rules);
    const auto findings = json({doc})["documents"][0]["findings"];
    REQUIRE(findings.size() == doc.findings.size());
    for (std::size_t i = 0; i < findings.size(); ++i) {
        CHECK(findings[i]["pointer"] == doc.findings[i].pointer);
        CHECK(findings[i]["status"] == std::string(dutycheck::engine::to_string(doc.findings[i].status)));
    }
}

TEST_CASE("a JSON finding carries every documented field with its value") {
    RuleInfo rule;
    rule.id = "inv-lpg-community-co-chair";
    rule.title = "Each locality planning group is co-chaired";
    rule.duties = {"INV-LPG-COCHAIR"};
    rule.citation = {"Inverclyde IJB, 24 June 2019, report IJB/42/2019/HW, para 4.10",
                     "https://www.inverclyde.gov.uk/ijb", "joint chairing (co-chair model)"};
    rule.severity = Severity::warning;
    rule.basis = Basis::local_policy;
    rule.tags = {"localities", "leadership"};
    auto f = finding(&rule, Status::unknown, "/localities/0/planning_group", "Port Glasgow LPG");
    f.missing = {not_recorded("/localities/0/planning_group/co_chairs")};
    const auto parsed = json({document({f})});
    const auto& doc = parsed["documents"][0];
    CHECK(doc["file"] == "fixtures/inverclyde-2019.json");
    CHECK(doc["partnership"] ==
          nlohmann::json{{"id", "inverclyde"}, {"name", "Inverclyde Health and Social Care Partnership"}});
    const nlohmann::json expected = {
        {"rule", "inv-lpg-community-co-chair"},
        {"title", "Each locality planning group is co-chaired"},
        {"duties", {"INV-LPG-COCHAIR"}},
        {"severity", "warning"},
        {"basis", "local_policy"},
        {"status", "unknown"},
        {"pointer", "/localities/0/planning_group"},
        {"object", "Port Glasgow LPG"},
        {"message", "cannot verify: /localities/0/planning_group/co_chairs is not recorded"},
        {"missing", {"/localities/0/planning_group/co_chairs is not recorded"}},
        {"citation",
         {{"source", "Inverclyde IJB, 24 June 2019, report IJB/42/2019/HW, para 4.10"},
          {"url", "https://www.inverclyde.gov.uk/ijb"},
          {"quote", "joint chairing (co-chair model)"}}},
        {"tags", {"localities", "leadership"}},
        {"line", 0},
        {"column", 0}};
    CHECK(doc["findings"][0] == expected);
}

TEST_CASE("empty url, quote, object and lists are written as empty values, never left out") {
    Rules rules;
    const auto* r = add_rule(rules, "r", Severity::error);
    const auto f = json({document({finding(r, Status::not_applicable, "")})})["documents"][0]["findings"][0];
    CHECK(f["object"] == "");
    CHECK(f["pointer"] == "");
    CHECK(f["message"] == "");
    CHECK(f["missing"] == nlohmann::json::array());
    CHECK(f["citation"]["url"] == "");
    CHECK(f["citation"]["quote"] == "");
}

TEST_CASE("hostile strings survive the JSON report intact") {
    const std::string hostile = "<script>alert(1)</script> \"quoted\" back\\slash\nnew line\ttab \x01 "
                                "Eilean Siar – Comhairle nan Eilean Siar ✓";
    RuleInfo rule;
    rule.id = "r";
    rule.title = hostile;
    rule.citation.quote = hostile;
    auto f = finding(&rule, Status::unknown, "/localities/0/a~1b", hostile, hostile);
    f.missing = {not_recorded(hostile)};
    auto doc = document({f}, hostile, "fixtures/eilean-siar \"2024\".json");
    doc.partnership_id = hostile;

    std::ostringstream out;
    dutycheck::report::write_json(out, {doc}, {"0.1.0", "2026-11-22", {{hostile, hostile, std::string(64, '1')}}});
    nlohmann::json parsed;
    REQUIRE_NOTHROW(parsed = nlohmann::json::parse(out.str()));
    CHECK_THAT(out.str(), Catch::Contains("Eilean Siar – Comhairle"));  // UTF-8 as is, not \u escapes
    CHECK(parsed["rule_packs"][0] == hostile);
    const auto& d = parsed["documents"][0];
    CHECK(d["file"] == "fixtures/eilean-siar \"2024\".json");
    CHECK(d["partnership"]["id"] == hostile);
    CHECK(d["partnership"]["name"] == hostile);
    const auto& j = d["findings"][0];
    CHECK(j["title"] == hostile);
    CHECK(j["object"] == hostile);
    CHECK(j["message"] == "cannot verify: " + hostile + " is not recorded (" + hostile + ")");
    CHECK(j["missing"][0] == hostile + " is not recorded");
    CHECK(j["citation"]["quote"] == hostile);
    CHECK(j["pointer"] == "/localities/0/a~1b");
}

TEST_CASE("invalid UTF-8 in a partnership file still gives valid JSON") {
    Rules rules;
    const auto* r = add_rule(rules, "r", Severity::error);
    const auto doc = document({finding(r, Status::unmet, "/localities/0", "Bad \xff\xfe bytes")}, "Caf\xe9");
    std::ostringstream out;
    REQUIRE_NOTHROW(dutycheck::report::write_json(out, {doc}, {"0.1.0", "2026-11-22", {}}));
    nlohmann::json parsed;
    REQUIRE_NOTHROW(parsed = nlohmann::json::parse(out.str()));
    CHECK(parsed["documents"][0]["partnership"]["name"] == "Caf\xef\xbf\xbd");
    CHECK(parsed["documents"][0]["findings"][0]["object"] == "Bad \xef\xbf\xbd\xef\xbf\xbd bytes");
}
