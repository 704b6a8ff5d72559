// Hints for habits from other languages, and each builtin's own message for a wrong argument shape:
// every diagnostic compared whole, caret and suggestion included.
#include "test_support.hpp"

#include "engine/builtins.hpp"

using dutycheck::testing::one_rule;
using dutycheck::testing::rendered;

// one_rule puts the logic clauses on line 6 of t.rules.

TEST_CASE("'=' in a comparison suggests '=='", "[language][hints]") {
    CHECK(rendered(one_rule("  require partnership.name = \"x\"")) ==
          "t.rules:6:28: error[DC104]: '=' is not a comparison\n"
          "   6 |   require partnership.name = \"x\"\n"
          "     |                            ^\n"
          "   note: did you mean '=='?\n");
}

TEST_CASE("'&&' suggests 'and' and '||' suggests 'or'", "[language][hints]") {
    CHECK(rendered(one_rule("  require exists(a) && exists(b)")) ==
          "t.rules:6:21: error[DC104]: '&&' is not an operator\n"
          "   6 |   require exists(a) && exists(b)\n"
          "     |                     ^~\n"
          "   note: did you mean 'and'?\n");
    CHECK(rendered(one_rule("  require count(x in a where exists(x.b) || exists(x.c)) > 0")) ==
          "t.rules:6:42: error[DC104]: '||' is not an operator\n"
          "   6 |   require count(x in a where exists(x.b) || exists(x.c)) > 0\n"
          "     |                                          ^~\n"
          "   note: did you mean 'or'?\n");
}

TEST_CASE("'!' before a value suggests 'not', and '!=' still compares", "[language][hints]") {
    CHECK(rendered(one_rule("  require !exists(a)")) ==
          "t.rules:6:11: error[DC104]: '!' is not an operator\n"
          "   6 |   require !exists(a)\n"
          "     |           ^\n"
          "   note: did you mean 'not'?\n");
    CHECK(one_rule("  require a != 1").ok());
}

TEST_CASE("a trailing comma in a list or an argument list says to remove it", "[language][hints]") {
    CHECK(rendered(one_rule("  require partnership.kind in [\"a\", \"b\",]")) ==
          "t.rules:6:40: error[DC105]: trailing comma before ']'\n"
          "   6 |   require partnership.kind in [\"a\", \"b\",]\n"
          "     |                                        ^\n"
          "   note: remove the ','\n");
    CHECK(rendered(one_rule("  require add_days(as_of, 1,) > as_of")) ==
          "t.rules:6:28: error[DC105]: trailing comma before ')'\n"
          "   6 |   require add_days(as_of, 1,) > as_of\n"
          "     |                            ^\n"
          "   note: remove the ','\n");
}

TEST_CASE("a single-quoted string suggests double quotes", "[language][hints]") {
    CHECK(rendered(one_rule("  require partnership.name == 'Fife'")) ==
          "t.rules:6:31: error[DC106]: strings are written in double quotes\n"
          "   6 |   require partnership.name == 'Fife'\n"
          "     |                               ^~~~~~\n"
          "   note: did you mean \"Fife\"?\n");
}

TEST_CASE("'where' without a name for the element suggests a binding", "[language][hints]") {
    CHECK(rendered(one_rule("  require count(localities where status == \"active\") >= 2")) ==
          "t.rules:6:28: error[DC107]: 'where' needs a name for each element of the list\n"
          "   6 |   require count(localities where status == \"active\") >= 2\n"
          "     |                            ^~~~~\n"
          "   note: did you mean 'count(x in localities where …)', with x in the condition?\n");
}

TEST_CASE("'between' as an operator or a function says how to write a range", "[language][hints]") {
    CHECK(rendered(one_rule("  require partnership.established between 2015-01-01 and 2016-01-01")) ==
          "t.rules:6:35: error[DC104]: 'between' is not an operator\n"
          "   6 |   require partnership.established between 2015-01-01 and 2016-01-01\n"
          "     |                                   ^~~~~~~\n"
          "   note: write 'X >= LOW and X <= HIGH'\n");
    CHECK(rendered(one_rule("  require between(partnership.established, 2015-01-01, 2016-01-01)")) ==
          "t.rules:6:11: error[DC201]: unknown function 'between'\n"
          "   6 |   require between(partnership.established, 2015-01-01, 2016-01-01)\n"
          "     |           ^~~~~~~\n"
          "   note: write 'X >= LOW and X <= HIGH'; days_between(FROM, TO) counts the days from one date to "
          "another\n");
}

TEST_CASE("other languages' function names point to what this one writes", "[language][hints]") {
    CHECK(rendered(one_rule("  require len(localities) >= 2")) ==
          "t.rules:6:11: error[DC201]: unknown function 'len'\n"
          "   6 |   require len(localities) >= 2\n"
          "     |           ^~~\n"
          "   note: did you mean 'count'? (count(LIST) for a list's elements, length(STRING) for a string's "
          "characters)\n");
    CHECK(rendered(one_rule("  require partnership.established <= today()")) ==
          "t.rules:6:38: error[DC201]: unknown function 'today'\n"
          "   6 |   require partnership.established <= today()\n"
          "     |                                      ^~~~~\n"
          "   note: the date a check is run for is the value 'as_of', written without brackets\n");
}

TEST_CASE("'==' or '!=' against a list suggests 'in' or 'not in'", "[language][hints]") {
    CHECK(rendered(one_rule("  require partnership.name == [\"a\", \"b\"]")) ==
          "t.rules:6:31: error[DC302]: '==' compares one value with another, and this is a list\n"
          "   6 |   require partnership.name == [\"a\", \"b\"]\n"
          "     |                               ^~~~~~~~~~\n"
          "   note: did you mean 'in'?\n");
    CHECK(rendered(one_rule("  let kinds = [\"a\", \"b\"]\n  require partnership.name != kinds")) ==
          "t.rules:7:31: error[DC302]: '!=' compares one value with another, and this is a list\n"
          "   7 |   require partnership.name != kinds\n"
          "     |                               ^~~~~\n"
          "   note: did you mean 'not in'?\n");
}

TEST_CASE("a builtin given the wrong arguments says what it takes, from the builtin table", "[language][hints]") {
    CHECK(rendered(one_rule("  require count(localities, 2) >= 2")) ==
          "t.rules:6:11: error[DC202]: 'count' takes a list: count(LIST) or count(x in LIST where P)\n"
          "   6 |   require count(localities, 2) >= 2\n"
          "     |           ^~~~~~~~~~~~~~~~~~~~\n"
          "   note: found 2 arguments\n");
    CHECK(rendered(one_rule("  require sum(x in localities where exists(x.id)) >= 2")) ==
          "t.rules:6:11: error[DC202]: 'sum' takes a list: sum(LIST of numbers)\n"
          "   6 |   require sum(x in localities where exists(x.id)) >= 2\n"
          "     |           ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~\n"
          "   note: found a binding (x in LIST)\n");
    CHECK(rendered(one_rule("  require any(x in localities)")) ==
          "t.rules:6:11: error[DC202]: 'any' takes a binding and a condition: any(x in LIST where CONDITION)\n"
          "   6 |   require any(x in localities)\n"
          "     |           ^~~~~~~~~~~~~~~~~~~~\n"
          "   note: found no 'where' condition\n");
}

TEST_CASE("an '=' where a value or 'in' belongs is not taken for a comparison", "[language][hints]") {
    CHECK(rendered(one_rule("  for each x = localities")) ==
          "t.rules:6:14: error[DC101]: expected 'in', found '='\n"
          "   6 |   for each x = localities\n"
          "     |              ^\n");
    CHECK(rendered(dutycheck::engine::load_rule_text("t.rules", "param x == 2\n")) ==
          "t.rules:1:10: error[DC101]: expected an expression, found '='\n"
          "   1 | param x == 2\n"
          "     |          ^\n");
}

TEST_CASE("every other language's function the checker knows is in the docs' table of habits", "[language][hints]") {
    const std::string page = dutycheck::testing::read_text(dutycheck::testing::source_dir / "docs" / "rule-language.md");
    const auto begin = page.find("\n## Coming from another language\n");
    REQUIRE(begin != std::string::npos);
    const std::string section = page.substr(begin, page.find("\n## ", begin + 1) - begin);
    for (const auto& foreign : dutycheck::engine::foreign_functions()) {
        INFO(foreign.name);
        CHECK(section.find("`" + std::string(foreign.name) + "(") != std::string::npos);
    }
}
