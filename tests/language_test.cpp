// The rule language: constructs that parse and check, and every load-time error with its exact place.
#include "test_support.hpp"

#include "engine/builtins.hpp"
#include "engine/parameters.hpp"

using namespace dutycheck;
using dutycheck::testing::rendered;

namespace {

engine::LoadResult load(const std::string& text) { return engine::load_rule_text("test.rules", text); }

// A valid rule with the given logic clauses.
std::string rule_with(const std::string& logic) {
    return "rule r {\n  title \"t\"\n  duty D-1\n  cite \"c\"\n  basis statute\n" + logic + "\n}\n";
}

}  // namespace

TEST_CASE("a rule with every clause loads with its metadata", "[language]") {
    const auto loaded = load(R"RULES(pack "p" version "1.0" jurisdiction "scotland" description "d"
param min = 2 from 0 to 100   # a comment
rule two-or-more.v1 {
  title    "Two"
  duty     PBJW-S29-LOCALITIES, LOC-GUIDE-PARTICIPANTS
  cite     "Act, s29(3)(a)"
  url      "https://example.org"
  quote    "dividing the area " "into localities"
  basis    statutory_guidance
  tags     localities, membership
  for each l in localities where l.id != ""
  let n = count(localities)
  when n >= 0
  about l
  require n >= param.min else "{n} < {param.min} {{literal}}"
})RULES");
    INFO(rendered(loaded));
    REQUIRE(loaded.ok());
    const auto& rules = *loaded.rules;
    CHECK(rules.packs[0].name == "p");
    CHECK(rules.packs[0].version == "1.0");
    CHECK(rules.packs[0].jurisdiction == "scotland");
    REQUIRE(rules.rules.size() == 1);
    const auto& info = rules.rules[0].info;
    CHECK(info.id == "two-or-more.v1");
    CHECK(info.duties == std::vector<std::string>{"PBJW-S29-LOCALITIES", "LOC-GUIDE-PARTICIPANTS"});
    CHECK(info.citation.quote == "dividing the area into localities");
    CHECK(info.basis == engine::Basis::statutory_guidance);
    CHECK(info.severity == engine::Severity::warning);  // the default for statutory guidance
    CHECK(info.tags == std::vector<std::string>{"localities", "membership"});
    CHECK(info.line == 3);
}

TEST_CASE("statute defaults to severity error and an explicit severity wins", "[language]") {
    auto loaded = load(rule_with("  require true"));
    REQUIRE(loaded.ok());
    CHECK(loaded.rules->rules[0].info.severity == engine::Severity::error);
    loaded = load("rule r {\n  title \"t\"\n  duty D\n  cite \"c\"\n  basis statute\n  severity info\n  require true\n}\n");
    REQUIRE(loaded.ok());
    CHECK(loaded.rules->rules[0].info.severity == engine::Severity::info);
}

TEST_CASE("a pack's severity is its rules' default: a rule's own wins, and the basis decides without either",
          "[language]") {
    auto local_rule = [](const std::string& id, const std::string& severity) {
        return "rule " + id + " {\n  title \"t\"\n  duty D\n  cite \"c\"\n  basis local_policy\n" + severity +
               "  require true\n}\n";
    };
    auto loaded = load("pack \"p\" version \"1\" severity error description \"d\"\n" + local_rule("plain", "") +
                       local_rule("convention", "  severity warning\n"));
    INFO(rendered(loaded));
    REQUIRE(loaded.ok());
    CHECK(loaded.rules->packs[0].description == "d");
    CHECK(loaded.rules->rules[0].info.severity == engine::Severity::error);    // the pack's
    CHECK(loaded.rules->rules[1].info.severity == engine::Severity::warning);  // the rule's own
    loaded = load("pack \"p\"\n" + local_rule("plain", ""));
    REQUIRE(loaded.ok());
    CHECK(loaded.rules->rules[0].info.severity == engine::Severity::warning);  // local policy's default
}

TEST_CASE("a pack's unknown severity lists the allowed words", "[language]") {
    CHECK(rendered(load("pack \"p\" severity fatal\n" + rule_with("  require true"))) ==
          "test.rules:1:19: error[DC204]: unknown severity 'fatal'\n"
          "   1 | pack \"p\" severity fatal\n"
          "     |                   ^~~~~\n"
          "   note: expected error, warning or info\n");
    // The word is bare, as in a rule's clause: a quoted one is a syntax error.
    CHECK_THAT(rendered(load("pack \"p\" severity \"error\"\n")),
               Catch::StartsWith("test.rules:1:19: error[DC101]: expected a severity (error, warning or info)"));
}

TEST_CASE("a syntax error names the place, shows the line and a caret, and says what was expected", "[language]") {
    const auto loaded = load("rule r {\n  titel \"t\"\n}\n");
    CHECK(rendered(loaded) ==
          "test.rules:2:3: error[DC101]: expected a clause (title, duty, cite, url, quote, basis, severity, tags, "
          "about, for each, let, when, due, require) or '}', found 'titel'\n"
          "   2 |   titel \"t\"\n"
          "     |   ^~~~~\n");
}

TEST_CASE("an unterminated string is reported where the line ends", "[language]") {
    const auto loaded = load("rule r {\n  title \"never closed\n}\n");
    CHECK(rendered(loaded) ==
          "test.rules:2:22: error[DC102]: unterminated string: expected a closing '\"' before the end of the line\n"
          "   2 |   title \"never closed\n"
          "     |                      ^\n");
}

TEST_CASE("a missing operand says an expression was expected", "[language]") {
    const auto loaded = load(rule_with("  require count(localities) >="));
    CHECK(rendered(loaded) ==
          "test.rules:7:1: error[DC101]: expected an expression, found '}'\n"
          "   7 | }\n"
          "     | ^\n");
}

TEST_CASE("empty braces in a message say an expression belongs between them", "[language]") {
    const auto loaded = load(rule_with("  require true else \"{}\""));
    CHECK(rendered(loaded) ==
          "test.rules:6:23: error[DC101]: expected an expression between '{' and '}', found '}'\n"
          "   6 |   require true else \"{}\"\n"
          "     |                       ^\n");
}

TEST_CASE("an unknown function suggests the closest one", "[language]") {
    const auto loaded = load(rule_with("  require cout(localities) >= 2"));
    CHECK(rendered(loaded) ==
          "test.rules:6:11: error[DC201]: unknown function 'cout'\n"
          "   6 |   require cout(localities) >= 2\n"
          "     |           ^~~~\n"
          "   note: did you mean 'count'?\n");
}

TEST_CASE("a wrong number of arguments shows the usage", "[language]") {
    const auto loaded = load(rule_with("  require add_days(2020-01-01) > as_of"));
    CHECK(rendered(loaded) ==
          "test.rules:6:11: error[DC202]: 'add_days' takes a date and a number: add_days(DATE, N)\n"
          "   6 |   require add_days(2020-01-01) > as_of\n"
          "     |           ^~~~~~~~~~~~~~~~~~~~\n"
          "   note: found 1 argument\n");
}

TEST_CASE("an unknown parameter is an error with a suggestion", "[language]") {
    const auto loaded = load("param min_localities = 2 from 2 to 1000\n" + rule_with("  require count(localities) >= param.min_locality"));
    CHECK(rendered(loaded) ==
          "test.rules:7:38: error[DC203]: unknown parameter 'min_locality'\n"
          "   7 |   require count(localities) >= param.min_locality\n"
          "     |                                      ^~~~~~~~~~~~\n"
          "   note: did you mean 'param.min_localities'?\n");
}

TEST_CASE("an unknown severity lists the allowed words", "[language]") {
    const auto loaded = load("rule r {\n  title \"t\"\n  duty D\n  cite \"c\"\n  basis statute\n  severity eror\n  require true\n}\n");
    CHECK(rendered(loaded) ==
          "test.rules:6:12: error[DC204]: unknown severity 'eror'\n"
          "   6 |   severity eror\n"
          "     |            ^~~~\n"
          "   note: expected error, warning or info\n");
}

TEST_CASE("a duplicate rule id points at both definitions", "[language]") {
    const auto loaded = load(rule_with("  require true") + rule_with("  require true"));
    CHECK(rendered(loaded) ==
          "test.rules:8:6: error[DC205]: duplicate rule id 'r'\n"
          "   8 | rule r {\n"
          "     |      ^\n"
          "   note: first defined at test.rules:1:6\n");
}

TEST_CASE("a rule without its required clauses says which are missing", "[language]") {
    const auto loaded = load("rule bare {\n  title \"t\"\n}\n");
    const std::string text = rendered(loaded);
    CHECK_THAT(text, Catch::Contains("test.rules:1:6: error[DC206]: rule 'bare' has no 'duty' clause"));
    CHECK_THAT(text, Catch::Contains("error[DC206]: rule 'bare' has no 'cite' clause"));
    CHECK_THAT(text, Catch::Contains("error[DC206]: rule 'bare' has no 'basis' clause"));
    CHECK_THAT(text, Catch::Contains("error[DC206]: rule 'bare' has no 'require' clause"));
}

TEST_CASE("'for each' after a requirement is misplaced", "[language]") {
    const auto loaded = load(rule_with("  require true\n  for each l in localities"));
    CHECK_THAT(rendered(loaded), Catch::Contains("test.rules:7:3: error[DC207]: 'for each' must come before the first 'require'"));
}

TEST_CASE("an invalid date literal is an error", "[language]") {
    const auto loaded = load(rule_with("  require as_of > 2019-02-30"));
    CHECK_THAT(rendered(loaded), Catch::Contains("test.rules:6:19: error[DC209]: '2019-02-30' is not a valid date"));
}

TEST_CASE("an invalid regular expression is caught when the pack loads", "[language]") {
    const auto loaded = load(rule_with("  require matches(partnership.name, \"([a-z\")"));
    CHECK_THAT(rendered(loaded), Catch::Contains("error[DC209]: invalid regular expression"));
}

TEST_CASE("comparisons do not chain", "[language]") {
    const auto loaded = load(rule_with("  require 1 < 2 < 3"));
    CHECK_THAT(rendered(loaded), Catch::Contains("error[DC210]: comparisons do not chain"));
}

TEST_CASE("type errors visible without a document are reported", "[language]") {
    CHECK_THAT(rendered(load(rule_with("  require \"a\" + 1 > 0"))),
               Catch::Contains("error[DC301]: each side of an arithmetic operator must be a number, but this is a string"));
    CHECK_THAT(rendered(load(rule_with("  require not 3"))),
               Catch::Contains("error[DC301]: the operand of 'not' must be true or false, but this is a number"));
    CHECK_THAT(rendered(load(rule_with("  require add_days(\"x\", 1) > as_of"))),
               Catch::Contains("error[DC301]: argument 1 of 'add_days' must be a date, but this is a string"));
    CHECK_THAT(rendered(load(rule_with("  require count(localities)"))),
               Catch::Contains("error[DC301]: a requirement must be true or false, but this is a number"));
    CHECK_THAT(rendered(load(rule_with("  require \"a\" == 1"))),
               Catch::Contains("error[DC301]: cannot compare a string with a number"));
}

TEST_CASE("a misspelt top-level field is a warning with a suggestion, not an error", "[language]") {
    const auto loaded = load(rule_with("  require count(localites) >= 2"));
    CHECK(loaded.ok());
    CHECK_THAT(rendered(loaded), Catch::Contains("warning[DC211]: 'localites' is not a variable nor a top-level field"));
    CHECK_THAT(rendered(loaded), Catch::Contains("note: did you mean 'localities'?"));
}

TEST_CASE("every problem in a file is reported in one run, in order", "[language]") {
    const auto loaded = load(rule_with("  require cout(x) >= 2\n  require param.nope"));
    const std::string text = rendered(loaded);
    const auto first = text.find("DC201");
    const auto second = text.find("DC203");
    CHECK(first != std::string::npos);
    CHECK(second != std::string::npos);
    CHECK(first < second);
}

TEST_CASE("deeply nested expressions are refused before they can exhaust the stack", "[language]") {
    const std::string deep = std::string(10000, '(') + "true" + std::string(10000, ')');
    CHECK_THAT(rendered(load(rule_with("  require " + deep))), Catch::Contains("error[DC103]: expression nested too deeply"));
    std::string nots;
    for (int i = 0; i < 10000; ++i) nots += "not ";
    CHECK_THAT(rendered(load(rule_with("  require " + nots + "true"))), Catch::Contains("error[DC103]"));
}

TEST_CASE("a byte outside ASCII between tokens is a syntax error at its place", "[language]") {
    // A byte-order mark, a no-break space pasted from a word processor, a letter with an accent:
    // Spirit's default character classes asserted on each of them.
    for (const std::string& text : {std::string("\xEF\xBB\xBF") + rule_with("  require true"),
                                    std::string("rule r\xC2\xA0{\n}\n"), rule_with("  require caf\xC3\xA9")}) {
        const auto loaded = load(text);
        CHECK_FALSE(loaded.ok());
        REQUIRE_FALSE(loaded.diagnostics.empty());
        CHECK(loaded.diagnostics[0].code == "DC101");
    }
}

TEST_CASE("long operator chains and field paths are refused before they can exhaust the stack", "[language]") {
    // Flat in the parse tree, left-deep in the checked model: 100,000 of them once overflowed it.
    std::string chain = "true", path = "localities";
    for (int i = 0; i < 100000; ++i) chain += " and true";
    for (int i = 0; i < 100000; ++i) path += ".a";
    for (const std::string& logic : {"  require " + chain, "  require count(" + path + ") >= 2"}) {
        const auto loaded = load(rule_with(logic));
        CHECK_FALSE(loaded.ok());
        REQUIRE(loaded.diagnostics.size() == 1);
        CHECK(loaded.diagnostics[0].code == "DC103");
        CHECK(loaded.diagnostics[0].message ==
              "expression nested too deeply (more than 512 levels of operators and fields)");
    }
    // A long but reasonable chain is fine.
    std::string fifty = "true";
    for (int i = 0; i < 50; ++i) fifty += " or false";
    CHECK(load(rule_with("  require " + fifty)).ok());
}

TEST_CASE("imports load once, and a cycle or an escape from the pack folder is an error", "[language]") {
    const auto dir = dutycheck::testing::fresh_dir("dutycheck-import-test");
    std::filesystem::create_directories(dir / "pack");
    auto write = [&](const std::string& name, const std::string& text) { std::ofstream(dir / name) << text; };
    write("pack/pack.rules", "pack \"p\"\nimport \"a.rules\"\nimport \"b.rules\"\n");
    write("pack/a.rules", "import \"b.rules\"\n" + rule_with("  require true"));
    write("pack/b.rules", "import \"a.rules\"\n");
    const auto cyclic = engine::load_rule_packs({dir / "pack"});
    CHECK_THAT(rendered(cyclic), Catch::Contains("error[DC402]: import cycle: a.rules -> b.rules -> a.rules"));

    write("pack/b.rules", "import \"../outside.rules\"\n");
    write("outside.rules", "");
    const auto escaping = engine::load_rule_packs({dir / "pack"});
    CHECK_THAT(rendered(escaping), Catch::Contains("error[DC403]: import '../outside.rules' is outside the pack folder"));

    write("pack/b.rules", "# nothing\n");
    const auto fine = engine::load_rule_packs({dir / "pack"});
    CHECK(fine.ok());
    CHECK(fine.rules->rules.size() == 1);
    std::filesystem::remove_all(dir);
}

TEST_CASE("the table of functions in docs/rule-language.md is the builtin table, row for row", "[language]") {
    // Each builtin's usage and description, in the table's order, and no other row; a builtin added
    // to the table fails here until documented. Refresh with DUTYCHECK_UPDATE_GOLDEN=1.
    std::string expected = "| function | result |\n|---|---|\n";
    for (const auto& builtin : engine::builtin_table())
        expected += "| `" + std::string(builtin.usage) + "` | " + std::string(builtin.description) + " |\n";
    const auto path = dutycheck::testing::source_dir / "docs" / "rule-language.md";
    std::string page = dutycheck::testing::read_text(path);
    const auto section = page.find("\n### Functions\n");
    REQUIRE(section != std::string::npos);
    const auto begin = page.find("\n|", section) + 1;
    const auto end = page.find("\n\n", begin) + 1;
    REQUIRE(end > begin);
    if (std::getenv("DUTYCHECK_UPDATE_GOLDEN") != nullptr) {
        page.replace(begin, end - begin, expected);
        std::ofstream(path, std::ios::binary) << page;
    }
    CHECK(page.substr(begin, end - begin) == expected);
}

TEST_CASE("a parameter states its bounds next to its default: a range, allowed values, what a list includes or may hold",
          "[language][params]") {
    const auto loaded = load(R"RULES(param min = 2 from 2 to 1000 because "two or more"
param by = 2019-11 from 2019-06-24 to 2019-11
param strict = false one of [false, true]
param place = "Eildon" one of ["Eildon"]
param stage = 2 one of [2, 3]
param statuses = ["active", "pathfinder"] including ["active"]
param professions = ["gp"] including ["gp"] within ["gp", "practice_manager"]
)RULES");
    INFO(rendered(loaded));
    REQUIRE(loaded.ok());
    const auto& params = loaded.rules->params;
    REQUIRE(params.size() == 7);
    std::vector<std::string> described;
    for (const auto& param : params) described.push_back(param.name + " " + engine::describe_bounds(param));
    CHECK(described == std::vector<std::string>{
                           "min from 2 to 1000",
                           "by from 2019-06-24 to 2019-11",
                           "strict one of [false, true]",
                           "place one of [\"Eildon\"]",
                           "stage one of [2, 3]",
                           "statuses a list including [\"active\"]",
                           "professions a list including [\"gp\"] and within [\"gp\", \"practice_manager\"]",
                       });
    CHECK(params[0].reason == "two or more");
    CHECK(params[1].reason.empty());
}

TEST_CASE("a parameter without bounds is a rule error", "[language][params]") {
    CHECK(rendered(load("param min = 2\n")) ==
          "test.rules:1:7: error[DC213]: parameter 'min' declares no bounds\n"
          "   1 | param min = 2\n"
          "     |       ^~~\n"
          "   note: after its default, say what a partnership file may set it to: 'from LOW to HIGH', 'one of [...]', "
          "'including [...]' or 'within [...]'\n");
}

TEST_CASE("a default outside its own bounds is a rule error", "[language][params]") {
    const std::pair<const char*, const char*> cases[] = {
        {"param min = 0 from 2 to 1000\n",
         "test.rules:1:13: error[DC213]: the default of 'min' (0) is outside its own bounds: it must be from 2 to 1000\n"
         "   1 | param min = 0 from 2 to 1000\n"
         "     |             ^\n"},
        {"param s = [\"active\"] including [\"active\", \"pathfinder\"]\n",
         "test.rules:1:11: error[DC213]: the default of 's' ([\"active\"]) is outside its own bounds: it must be a "
         "list including [\"active\", \"pathfinder\"]\n"
         "   1 | param s = [\"active\"] including [\"active\", \"pathfinder\"]\n"
         "     |           ^~~~~~~~~~\n"},
    };
    for (const auto& [text, expected] : cases) CHECK(rendered(load(text)) == expected);
}

TEST_CASE("a bound must have the default's type", "[language][params]") {
    CHECK(rendered(load("param s = \"x\" one of [\"x\", 2]\n")) ==
          "test.rules:1:22: error[DC213]: the bounds of 's' must be of its default's type (a string), found a number 2\n"
          "   1 | param s = \"x\" one of [\"x\", 2]\n"
          "     |                      ^~~~~~~~\n");
    CHECK(rendered(load("param d = 2019-11 from 1 to 2\n")) ==
          "test.rules:1:24: error[DC213]: the bounds of 'd' must be of its default's type (a date), found a number 1\n"
          "   1 | param d = 2019-11 from 1 to 2\n"
          "     |                        ^\n"
          "test.rules:1:29: error[DC213]: the bounds of 'd' must be of its default's type (a date), found a number 2\n"
          "   1 | param d = 2019-11 from 1 to 2\n"
          "     |                             ^\n");
    CHECK(rendered(load("param l = [\"a\"] from 1 to 2\n")) ==
          "test.rules:1:17: error[DC213]: 'from … to …' bounds a number or a date, but the default of 'l' is a list\n"
          "   1 | param l = [\"a\"] from 1 to 2\n"
          "     |                 ^~~~~~~~~~~\n"
          "   note: a list is bounded with 'including [...]' or 'within [...]'\n");
    CHECK(rendered(load("param b = true one of true\n")) ==
          "test.rules:1:23: error[DC213]: 'one of' takes a list of values, found true\n"
          "   1 | param b = true one of true\n"
          "     |                       ^~~~\n"
          "   note: write the values in brackets: one of [true]\n");
    CHECK(rendered(load("param n = 5 from 10 to 1\n")) ==
          "test.rules:1:13: error[DC213]: the range of 'n' is empty: 10 is above 1\n"
          "   1 | param n = 5 from 10 to 1\n"
          "     |             ^~~~~~~~~~~~\n");
}
