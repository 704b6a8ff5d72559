// The schema check: every keyword of the published schema enforced as an input error (DC505),
// with its message, and a checker built from any schema document.
#include "engine/schema_check.hpp"
#include "test_support.hpp"

#include <nlohmann/json.hpp>

#include <chrono>

using namespace dutycheck;

namespace {

// The partnership the files below share, with `extra` members after it.
std::string partnership_file(const std::string& partnership, const std::string& extra = "") {
    return "{\"format\": \"dutycheck.partnership/1\",\n \"partnership\": {" + partnership + "}" +
           (extra.empty() ? "" : ",\n " + extra) + "}\n";
}

const std::string scottish = R"("id": "p", "name": "P", "jurisdiction": "scotland")";

// The input errors of a file, rendered as `dutycheck check` prints them.
std::string input_errors(const std::string& text) {
    static const engine::Engine engine(dutycheck::testing::run_options());
    const engine::Input input = engine.read_text("p.json", text);
    std::string out;
    for (const auto& d : input.errors) out += dsl::render(d);
    return out;
}

// Each problem as "POINTER: MESSAGE".
std::vector<std::string> problems(const engine::SchemaChecker& checker, const std::string& json) {
    const auto doc = dutycheck::testing::parse_document(json);
    std::vector<std::string> seen;
    for (const auto& p : checker.check(doc)) seen.push_back(doc.pointer(p.node) + ": " + p.message);
    return seen;
}

std::vector<std::string> partnership_problems(const std::string& json) {
    return problems(engine::partnership_schema(), json);
}

engine::SchemaChecker checker_of(const char* schema) { return engine::SchemaChecker(nlohmann::json::parse(schema)); }

}  // namespace

TEST_CASE("the schema check reports every problem of a file with its node, in document order", "[schema]") {
    CHECK(partnership_problems(R"({"format": "dutycheck.partnership/1",
        "partnership": {"id": "x", "name": "X", "jurisdiction": "scotland", "established": "2023-13"},
        "localities": [{"id": "a", "population": "many", "planning_group": {"status": "Active", "meetings": ["2019-02-30", "2019-03"]}}],
        "reports": [{"id": "A", "eqia": {"carried_out": "yes"}, "strategic_decision": null}],
        "custom_field": {"anything": [1, "two", null]}})") ==
          std::vector<std::string>{
              "/partnership/established: expected a date (YYYY-MM-DD or YYYY-MM), found \"2023-13\"",
              "/localities/0/population: expected a number, found \"many\"",
              "/localities/0/planning_group/status: expected 'planned', 'pathfinder', 'active', 'dormant' or "
              "'closed', found \"Active\"; did you mean 'active'?",
              "/localities/0/planning_group/meetings/0: expected a date (YYYY-MM-DD or YYYY-MM), found \"2019-02-30\"",
              "/reports/0/eqia/carried_out: expected true or false, found \"yes\"",
              "/reports/0/strategic_decision: expected true or false, found null: to record that it is not known, "
              "delete \"strategic_decision\""});
}

TEST_CASE("a direction's budget may be a bare number and its functions one string", "[schema]") {
    // The format allows both (partnership-format.md); neither is an input error.
    CHECK(partnership_problems(partnership_file(scottish, R"("directions": [
        {"reference": "D1", "budget": 1460806, "functions": "Adult social care"},
        {"reference": "D2", "budget": {"amount": 5}, "functions": ["adult-social-work"]},
        {"reference": "D3", "budget": "a lot", "functions": 7}])")) ==
          std::vector<std::string>{"/directions/2/budget: expected an object or a number, found \"a lot\"",
                                   "/directions/2/functions: expected a list or a string, found a number"});
}

TEST_CASE("a value outside a vocabulary is an input error naming the allowed values and the one meant",
          "[schema][enum]") {
    CHECK(input_errors(partnership_file(R"("id": "p", "name": "P", "jurisdiction": "Scotland")")) ==
          "p.json:2:58: error[DC505]: expected 'scotland', 'england', 'wales' or 'northern_ireland', found "
          "\"Scotland\"; did you mean 'scotland'? (at /partnership/jurisdiction)\n"
          "   2 |  \"partnership\": {\"id\": \"p\", \"name\": \"P\", \"jurisdiction\": \"Scotland\"}}\n"
          "     |                                                          ^\n");
    CHECK(input_errors(partnership_file(R"("id": "p", "name": "P", "jurisdiction": "scotland ")")) ==
          "p.json:2:58: error[DC505]: expected 'scotland', 'england', 'wales' or 'northern_ireland', found "
          "\"scotland \"; did you mean 'scotland'? (at /partnership/jurisdiction)\n"
          "   2 |  \"partnership\": {\"id\": \"p\", \"name\": \"P\", \"jurisdiction\": \"scotland \"}}\n"
          "     |                                                          ^\n");
    // A Cyrillic а (U+0430) looks like the Latin a: the message shows which character differs.
    CHECK(input_errors(partnership_file("\"id\": \"p\", \"name\": \"P\", \"jurisdiction\": \"scotl\u0430nd\"")) ==
          "p.json:2:58: error[DC505]: expected 'scotland', 'england', 'wales' or 'northern_ireland', found "
          "\"scotl\\u0430nd\"; did you mean 'scotland'? (at /partnership/jurisdiction)\n"
          "   2 |  \"partnership\": {\"id\": \"p\", \"name\": \"P\", \"jurisdiction\": \"scotl\u0430nd\"}}\n"
          "     |                                                          ^\n");
}

TEST_CASE("a suggestion ignores case, surrounding blanks and invisible characters, then allows a typo",
          "[schema][enum]") {
    auto jurisdiction = [](const std::string& value) {
        return partnership_problems(partnership_file("\"id\": \"p\", \"name\": \"P\", \"jurisdiction\": \"" + value + "\""));
    };
    const std::string allowed = "/partnership/jurisdiction: expected 'scotland', 'england', 'wales' or 'northern_ireland', found ";
    CHECK(jurisdiction("\u00a0SCOTLAND\u200b") ==
          std::vector<std::string>{allowed + "\"\\u00a0SCOTLAND\\u200b\"; did you mean 'scotland'?"});
    CHECK(jurisdiction("\ufeffscotland") == std::vector<std::string>{allowed + "\"\\ufeffscotland\"; did you mean 'scotland'?"});
    CHECK(jurisdiction("Northern Ireland") ==
          std::vector<std::string>{allowed + "\"Northern Ireland\"; did you mean 'northern_ireland'?"});
    CHECK(jurisdiction("scotlnad") == std::vector<std::string>{allowed + "\"scotlnad\"; did you mean 'scotland'?"});
    CHECK(jurisdiction("") == std::vector<std::string>{allowed + "\"\""});
    CHECK(jurisdiction("the moon") == std::vector<std::string>{allowed + "\"the moon\""});
}

TEST_CASE("every enumerated field of the format is closed, numbers included", "[schema][enum]") {
    CHECK(partnership_problems(partnership_file(scottish, R"("localities": [{"id": "a", "planning_group": {
        "status": "Active", "impact_assessment": {"stage": 4}}}],
        "directions": [{"reference": "D1", "to": "In force"}])")) ==
          std::vector<std::string>{
              "/localities/0/planning_group/status: expected 'planned', 'pathfinder', 'active', 'dormant' or "
              "'closed', found \"Active\"; did you mean 'active'?",
              "/localities/0/planning_group/impact_assessment/stage: expected 1, 2 or 3, found 4",
              "/directions/0/to: expected 'local_authority', 'health_board' or 'both', found \"In force\""});
}

TEST_CASE("a missing required field is an input error at the object that lacks it", "[schema][required]") {
    CHECK(input_errors(partnership_file(R"("id": "p", "name": "P")")) ==
          "p.json:2:17: error[DC505]: missing 'jurisdiction': the country whose law applies; rule packs apply only "
          "to their own jurisdiction (at /partnership)\n"
          "   2 |  \"partnership\": {\"id\": \"p\", \"name\": \"P\"}}\n"
          "     |                 ^\n");
    CHECK(input_errors("{\"format\": \"dutycheck.partnership/1\"}\n") ==
          "p.json:1:1: error[DC505]: missing 'partnership': who the partnership is\n"
          "   1 | {\"format\": \"dutycheck.partnership/1\"}\n"
          "     | ^\n");
}

TEST_CASE("a value below a minimum is an input error", "[schema][minimum]") {
    CHECK(input_errors(partnership_file(scottish, R"("localities": [{"id": "a", "population": -5}])")) ==
          "p.json:3:43: error[DC505]: expected 0 or more, found -5 (at /localities/0/population)\n"
          "   3 |  \"localities\": [{\"id\": \"a\", \"population\": -5}]}\n"
          "     |                                           ^\n");
    CHECK(partnership_problems(partnership_file(scottish, R"("parameters": {"min_localities": 1.5})")) ==
          std::vector<std::string>{"/parameters/min_localities: expected a whole number, found a number"});
    CHECK(partnership_problems(partnership_file(scottish, R"("parameters": {"min_localities": 1})")) ==
          std::vector<std::string>{"/parameters/min_localities: expected 2 or more, found 1"});
}

TEST_CASE("a string that does not match its pattern is an input error", "[schema][pattern]") {
    const std::string waiver = R"("waivers": [{"rule": "%s", "target": "%s", "reason": "%s", "approved_by": "IJB", "approved": "2026-01-31", "expires": "2027-01"}])";
    auto with = [&](const char* rule, const char* target, const char* reason) {
        std::string text = waiver;
        for (const char* value : {rule, target, reason}) text.replace(text.find("%s"), 2, value);
        return partnership_problems(partnership_file(scottish, text));
    };
    CHECK(with("two", "/localities/0", "r").empty());
    CHECK(input_errors(partnership_file(scottish, R"("waivers": [{"rule": "2 rules", "target": "", "reason": "r",
    "approved_by": "IJB", "approved": "2026-01-31", "expires": "2027-01"}])")) ==
          "p.json:3:23: error[DC505]: expected a string matching '^[A-Za-z][A-Za-z0-9_.-]*$', found \"2 rules\" "
          "(at /waivers/0/rule)\n"
          "   3 |  \"waivers\": [{\"rule\": \"2 rules\", \"target\": \"\", \"reason\": \"r\",\n"
          "     |                       ^\n");
    CHECK(with("two", "localities/0", "r") ==
          std::vector<std::string>{
              "/waivers/0/target: expected a string matching '^(/([^~]|~[01])*)*$', found \"localities/0\""});
    // JSON Schema patterns are ECMA-262's: a no-break space is blank, as editors' validators say.
    CHECK(with("two", "", "\u00a0 ") ==
          std::vector<std::string>{"/waivers/0/reason: expected a string matching '\\S', found \"\\u00a0 \""});
}

TEST_CASE("an impossible date is an input error, beyond the schema's pattern", "[schema][date]") {
    CHECK(input_errors(partnership_file(R"("id": "p", "name": "P", "jurisdiction": "scotland",
   "established": "2019-02-30")")) ==
          "p.json:3:19: error[DC505]: expected a date (YYYY-MM-DD or YYYY-MM), found \"2019-02-30\" "
          "(at /partnership/established)\n"
          "   3 |    \"established\": \"2019-02-30\"}}\n"
          "     |                   ^\n");
}

TEST_CASE("null is an input error that says to leave the field out", "[schema][null]") {
    CHECK(input_errors(partnership_file(scottish, R"("strategic_plan": {"published": null})")) ==
          "p.json:3:34: error[DC505]: expected a date (YYYY-MM-DD or YYYY-MM), found null: to record that it is "
          "not known, delete \"published\" (at /strategic_plan/published)\n"
          "   3 |  \"strategic_plan\": {\"published\": null}}\n"
          "     |                                  ^\n");
    CHECK(partnership_problems(partnership_file(scottish, R"("strategic_planning_group": {"members": [null]})")) ==
          std::vector<std::string>{"/strategic_planning_group/members/0: expected an object, found null: delete the "
                                   "element; a list holds only what is recorded"});
    // Where the format says nothing (a field for a pack of its own), the schema allows null.
    CHECK(partnership_problems(partnership_file(scottish, R"("custom": {"notes": null})")).empty());
}

TEST_CASE("every problem of a file is reported, up to twenty", "[schema]") {
    std::string localities;
    for (int i = 0; i < 25; ++i) localities += std::string(i ? ", " : "") + R"({"population": "many"})";
    const auto doc = dutycheck::testing::parse_document(partnership_file(scottish, "\"localities\": [" + localities + "]"));
    CHECK(engine::check_against_schema(doc).size() == 20);
    CHECK(engine::check_against_schema(doc, 100).size() == 25);
}

TEST_CASE("a checker built from another schema enforces const, maximum, minItems, uniqueItems and false",
          "[schema]") {
    const auto checker = checker_of(R"({"type": "object", "properties": {
        "kind": {"const": "x"}, "score": {"type": "number", "maximum": 10},
        "tags": {"type": "array", "minItems": 2, "uniqueItems": true, "items": {"type": "string"}},
        "never": false}})");
    CHECK(problems(checker, R"({"kind": "x", "score": 10, "tags": ["a", "b"]})").empty());
    CHECK(problems(checker, R"({"kind": "y", "score": 10.5, "tags": ["a"], "never": 1})") ==
          std::vector<std::string>{"/kind: expected 'x', found \"y\"", "/score: expected 10 or less, found 10.5",
                                   "/tags: expected at least 2 elements, found 1",
                                   "/never: no value is allowed here, found a number"});
    CHECK(problems(checker, R"({"tags": ["a", "b", {"k": 1, "j": [2]}, "a", {"j": [2], "k": 1.0}]})") ==
          std::vector<std::string>{"/tags/2: expected a string, found an object",
                                   "/tags/3: the same as element 0: the list's elements must differ",
                                   "/tags/4: the same as element 2: the list's elements must differ",
                                   "/tags/4: expected a string, found an object"});
}

TEST_CASE("a $ref applies beside its sibling keywords, as in 2020-12", "[schema]") {
    const auto checker = checker_of(R"({"$defs": {"small": {"type": "integer", "maximum": 3}},
        "properties": {"n": {"$ref": "#/$defs/small", "minimum": 1}}})");
    CHECK(problems(checker, R"({"n": 0})") == std::vector<std::string>{"/n: expected 1 or more, found 0"});
    CHECK(problems(checker, R"({"n": 4})") == std::vector<std::string>{"/n: expected 3 or less, found 4"});
}

TEST_CASE("a schema with a keyword the checker does not implement is refused when it is built", "[schema]") {
    auto refusal = [](const char* schema) {
        try {
            checker_of(schema);
        } catch (const engine::SchemaError& error) {
            return std::string(error.what());
        }
        return std::string("(built)");
    };
    CHECK(refusal(R"({"properties": {"a": {"minLength": 1}}})") ==
          "'/properties/a/minLength': the keyword 'minLength' is not implemented");
    CHECK(refusal(R"({"additionalProperties": false})") ==
          "'/additionalProperties': the keyword 'additionalProperties' is not implemented");
    CHECK(refusal(R"({"$ref": "other.json#/a"})") ==
          "$ref 'other.json#/a' at '': only references within the schema are supported");
    CHECK(refusal(R"({"$ref": "#/$defs/none"})") == "$ref '#/$defs/none' at '': the schema has nothing there");
    CHECK(refusal(R"j({"pattern": "(?=a)"})j").rfind("pattern '(?=a)' at '/pattern': ", 0) == 0);
    CHECK(refusal(R"({"$defs": {"a": {"$ref": "#/$defs/b"}, "b": {"$ref": "#/$defs/a"}}})") ==
          "a cycle of $ref that never reaches a value");
    CHECK(refusal(R"({"items": [{"type": "string"}]})") ==
          "'/items': only one schema for every element is supported (not a tuple)");
}

TEST_CASE("a pattern runs in linear time on a megabyte of text", "[schema][pattern]") {
    // A backtracking engine takes exponential time on this pattern; RE2 reads the text once.
    const auto checker = checker_of(R"({"properties": {"a": {"pattern": "^(x+x+)+y$"}, "b": {"pattern": "\\S"}}})");
    const std::string spaces(1 << 20, ' ');
    const std::string xs(1 << 20, 'x');
    const auto start = std::chrono::steady_clock::now();
    CHECK(problems(checker, "{\"a\": \"" + xs + "\", \"b\": \"" + spaces + "\"}").size() == 2);
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(5));
}

TEST_CASE("a $ref follows an escaped JSON Pointer: ~0, ~1 and percent-encoding", "[schema]") {
    const auto checker = checker_of(R"({"$defs": {"tilde~field": {"type": "integer"}, "slash/field": {"type": "string"},
        "percent%field": {"type": "boolean"}}, "properties": {
        "a": {"$ref": "#/$defs/tilde~0field"}, "b": {"$ref": "#/$defs/slash~1field"},
        "c": {"$ref": "#/$defs/percent%25field"}}})");
    CHECK(problems(checker, R"({"a": 1, "b": "x", "c": true})").empty());
    CHECK(problems(checker, R"({"a": "1", "b": 1, "c": 1})") ==
          std::vector<std::string>{"/a: expected a whole number, found \"1\"", "/b: expected a string, found a number",
                                   "/c: expected true or false, found a number"});
}
