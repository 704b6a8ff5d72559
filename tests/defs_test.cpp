// Shared definitions (`def`): visible to every rule of their pack, inlined with their arguments,
// and every mistake (recursion, a taken name, a wrong number of arguments) refused at load.
#include "test_support.hpp"

using namespace dutycheck;
using dutycheck::testing::evaluate_text;
using dutycheck::testing::one_rule;
using dutycheck::testing::partnership_text;
using dutycheck::testing::rendered;

namespace {

std::vector<std::string> statuses(const engine::DocumentResult& result) {
    std::vector<std::string> out;
    for (const auto& f : result.findings) out.emplace_back(engine::to_string(f.status));
    return out;
}

void write(const std::filesystem::path& path, const std::string& text) {
    std::filesystem::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << text;
}

// A field the format leaves open, so that the rules may read any shape.
const std::string members = R"("x": {"members": [{"name": "A", "role": "chair"}, {"name": "B", "role": "member"}]})";

}  // namespace

TEST_CASE("a def is shared by the rules of its pack, in any file and in any order", "[defs]") {
    const auto dir = dutycheck::testing::fresh_dir("defs-shared");
    write(dir / "pack" / "pack.rules", "pack \"p\"\nimport \"rules.rules\"\n"
                                       "def chair_named = any(m in x.members where m.role == \"chair\")\n");
    // Used before it is defined, in another file, and a def using a def defined later.
    write(dir / "pack" / "rules.rules",
          "rule one {\n  title \"t\"\n  duty D\n  cite \"c\"\n  basis statute\n  require chair_named\n}\n"
          "rule two {\n  title \"t\"\n  duty D\n  cite \"c\"\n  basis statute\n  require not no_chair\n}\n"
          "def no_chair = not chair_named\n");
    const auto loaded = engine::load_rule_packs({dir / "pack"});
    INFO(rendered(loaded));
    REQUIRE(loaded.ok());
    auto result = evaluate_text(loaded, partnership_text(members));
    CHECK(statuses(result) == std::vector<std::string>{"met", "met"});
    result = evaluate_text(loaded, partnership_text(R"("x": {"members": [{"name": "B", "role": "member"}]})"));
    CHECK(statuses(result) == std::vector<std::string>{"unmet", "unmet"});
    // Evidence that is missing stays unknown through a def, as if the body were written out.
    result = evaluate_text(loaded, partnership_text(R"("x": {})"));
    CHECK(statuses(result) == std::vector<std::string>{"unknown", "unknown"});
    std::filesystem::remove_all(dir);
}

TEST_CASE("a def of one pack is not seen by another pack's rules", "[defs]") {
    const auto dir = dutycheck::testing::fresh_dir("defs-other-pack");
    write(dir / "a" / "pack.rules", "pack \"a\"\ndef yes = true\n");
    write(dir / "b" / "pack.rules",
          "pack \"b\"\nrule r {\n  title \"t\"\n  duty D\n  cite \"c\"\n  basis statute\n  require yes\n}\n");
    const auto loaded = engine::load_rule_packs({dir / "a", dir / "b"});
    CHECK(!rendered(loaded).empty());
    CHECK(rendered(loaded).find("warning[DC211]: 'yes' is not a variable nor a top-level field") != std::string::npos);
    std::filesystem::remove_all(dir);
}

TEST_CASE("a def with parameters takes its arguments where it is used, without capturing the rule's names", "[defs]") {
    // The body binds `m`; the rule's `m` passed as an argument keeps meaning the rule's.
    const auto loaded = one_rule("  for each m in localities\n  require has(m.gp_clusters, m.id)",
                                 "def has(list, value) = any(m in list where m == value)\n");
    INFO(rendered(loaded));
    REQUIRE(loaded.ok());
    const auto result = evaluate_text(
        loaded, partnership_text(R"("localities": [{"id": "a", "name": "A", "gp_clusters": ["a"]},)"
                                 R"( {"id": "b", "name": "B", "gp_clusters": ["a"]}, {"id": "c", "name": "C"}])"));
    CHECK(statuses(result) == std::vector<std::string>{"met", "unmet", "unknown"});
}

TEST_CASE("a def's body sees its parameters, other defs and the file, never a rule's variables", "[defs]") {
    const auto loaded = one_rule("  for each l in localities\n  require named", "def named = l.name != \"\"\n");
    CHECK(rendered(loaded) ==
          "t.rules:1:13: warning[DC211]: 'l' is not a variable nor a top-level field of the partnership format\n"
          "   1 | def named = l.name != \"\"\n"
          "     |             ^\n"
          "   note: a name that is not bound by 'for each', 'let' or a quantifier reads a top-level field of the "
          "partnership file\n");
}

TEST_CASE("a def used in a message and in explain reads as its use", "[defs]") {
    const auto loaded = one_rule("  require chairs(x) >= 2 else \"{chairs(x)} chair\"",
                                 "def chairs(b) = count(m in b.members where m.role == \"chair\")\n");
    REQUIRE(loaded.ok());
    auto options = dutycheck::testing::run_options();
    options.explain_rules = {"r"};
    const auto outcome = dutycheck::testing::check_text(loaded, partnership_text(members), options);
    REQUIRE(outcome.ok());
    const auto& finding = outcome.result->findings.at(0);
    CHECK(finding.message == "1 chair");
    REQUIRE(finding.explanation.size() == 1);
    CHECK(finding.explanation[0].values ==
          std::vector<std::pair<std::string, std::string>>{{"chairs(x)", "1"}});
}

TEST_CASE("a def that uses itself is refused, with the cycle", "[defs]") {
    CHECK(rendered(one_rule("  require f(1)", "def f(x) = f(x) + 1\n")) ==
          "t.rules:1:12: error[DC220]: def 'f' uses itself: f -> f\n"
          "   1 | def f(x) = f(x) + 1\n"
          "     |            ^~~~\n"
          "   note: a def is inlined where it is used, so it may not use itself, directly or through other defs\n");
    CHECK(rendered(one_rule("  require a", "def a = b\ndef b = not a\n")) ==
          "t.rules:2:13: error[DC220]: def 'a' uses itself: a -> b -> a\n"
          "   2 | def b = not a\n"
          "     |             ^\n"
          "   note: a def is inlined where it is used, so it may not use itself, directly or through other defs\n"
          "   note: in 'b', used at t.rules:1:9\n");
}

TEST_CASE("a def used in the argument of a use of itself is two uses, not recursion", "[defs]") {
    // The argument is checked where it is written, outside the body being inlined.
    const auto nested = one_rule("  require inc(inc(1)) == 3 and double(inc(1)) == 4 and inc(double(1)) == 3",
                                 "def inc(x) = x + 1\ndef double(y) = inc(y) - 1 + y - 0 * inc(0)\n");
    INFO(rendered(nested));
    REQUIRE(nested.ok());
    CHECK(rendered(nested).empty());
    CHECK(statuses(evaluate_text(nested, partnership_text(""))) == std::vector<std::string>{"met"});
}

TEST_CASE("a def's name may not be taken already: by a builtin, a parameter or another def", "[defs]") {
    CHECK(rendered(one_rule("  require true", "def count = 1\n")) ==
          "t.rules:1:5: error[DC208]: 'count' is a builtin function; a def cannot take its name\n"
          "   1 | def count = 1\n"
          "     |     ^~~~~\n"
          "   note: choose another name\n");
    CHECK(rendered(one_rule("  require true", "param floor = 2 from 1 to 9\ndef x = 1\ndef floor = 3\n")) ==
          "t.rules:3:5: error[DC208]: def 'floor' has the name of a parameter\n"
          "   3 | def floor = 3\n"
          "     |     ^~~~~\n"
          "   note: parameter 'floor' is declared at t.rules:1:7\n"
          "   note: choose another name\n");
    CHECK(rendered(one_rule("  require x", "def x = true\ndef x = false\n")) ==
          "t.rules:2:5: error[DC208]: def 'x' is already defined\n"
          "   2 | def x = false\n"
          "     |     ^\n"
          "   note: first defined at t.rules:1:5\n");
    CHECK(rendered(one_rule("  require true", "def board = 1\n")) ==
          "t.rules:1:5: error[DC208]: 'board' is a top-level field of the partnership format; a def cannot take its "
          "name\n"
          "   1 | def board = 1\n"
          "     |     ^~~~~\n"
          "   note: choose another name, so that rules can still read the field\n");
    CHECK(rendered(one_rule("  let x = 1\n  require x == 1", "def x = 2\n")) ==
          "t.rules:7:7: error[DC212]: 'x' is the name of a def of this pack\n"
          "   7 |   let x = 1\n"
          "     |       ^\n"
          "   note: the def is at t.rules:1:5\n"
          "   note: choose another name\n");
    CHECK(rendered(one_rule("  require f(1, 2)", "def f(a, a) = a\n")) ==
          "t.rules:1:10: error[DC208]: 'a' is already a parameter of 'f'\n"
          "   1 | def f(a, a) = a\n"
          "     |          ^\n"
          "   note: choose another name\n");
}

TEST_CASE("a def used with the wrong number of arguments shows its usage and where it is defined", "[defs]") {
    const std::string def = "def has(group, role) = any(m in group.members where m.role == role)\n";
    CHECK(rendered(one_rule("  require has(board)", def)) ==
          "t.rules:7:11: error[DC202]: 'has' takes 2 arguments, found 1\n"
          "   7 |   require has(board)\n"
          "     |           ^~~~~~~~~~\n"
          "   note: usage: has(group, role)\n"
          "   note: 'has' is defined at t.rules:1:5\n");
    CHECK(rendered(one_rule("  require has", def)) ==
          "t.rules:7:11: error[DC202]: 'has' takes 2 arguments\n"
          "   7 |   require has\n"
          "     |           ^~~\n"
          "   note: usage: has(group, role)\n"
          "   note: 'has' is defined at t.rules:1:5\n");
    CHECK(rendered(one_rule("  require yes()", "def yes = true\n")) ==
          "t.rules:7:11: error[DC202]: 'yes' takes no arguments: write it without brackets\n"
          "   7 |   require yes()\n"
          "     |           ^~~~~\n"
          "   note: usage: yes\n"
          "   note: 'yes' is defined at t.rules:1:5\n");
}

TEST_CASE("an argument of the wrong type for a def's body is an error at the argument, naming the use", "[defs]") {
    CHECK(rendered(one_rule("  require plus_one(\"a\") > 1", "def plus_one(n) = n + 1\n")) ==
          "t.rules:7:20: error[DC301]: each side of an arithmetic operator must be a number, but this is a string\n"
          "   7 |   require plus_one(\"a\") > 1\n"
          "     |                    ^~~\n"
          "   note: in 'plus_one', used at t.rules:7:11\n");
}

TEST_CASE("an unknown function in a def's body is reported once, where it is written", "[defs]") {
    CHECK(rendered(one_rule("  require f(1) and f(2)", "def f(x) = cout(x) > 1\n")) ==
          "t.rules:1:12: error[DC201]: unknown function 'cout'\n"
          "   1 | def f(x) = cout(x) > 1\n"
          "     |            ^~~~\n"
          "   note: did you mean 'count'?\n");
}

TEST_CASE("empty brackets after a def's name do not parse", "[defs]") {
    CHECK(rendered(one_rule("  require true", "def f() = 1\n")) ==
          "t.rules:1:7: error[DC101]: expected the name of a parameter, found ')'\n"
          "   1 | def f() = 1\n"
          "     |       ^\n");
}
