// `dutycheck lint` against the partnership schema and the duties register: each problem's whole
// message, as a rule author sees it, with its place and suggestion.
#include "test_support.hpp"

using dutycheck::testing::dutycheck_run;
using dutycheck::testing::Run;
using dutycheck::testing::temp_file;

namespace {

// Lints one rule `r` citing `duty` with the given logic clauses; the rule file's path is `file`.
Run lint_rule(const std::string& name, const std::string& logic, std::string& file,
              const std::string& duty = "PBJW-S29-LOCALITIES") {
    file = temp_file(name, "rule r {\n  title \"t\"\n  duty " + duty + "\n  cite \"c\"\n  basis statute\n" + logic + "\n}\n");
    return dutycheck_run("lint '" + file + "'");
}

}  // namespace

TEST_CASE("lint: a misspelt field of a for-each element names the nearest field", "[lint]") {
    std::string file;
    const Run run = lint_rule("lint-field.rules", "  for each l in localities\n  require exists(l.planing_group)", file);
    CHECK(run.exit_code == 0);  // a warning: the format keeps fields it does not define, and packs may read them
    CHECK(run.err == file + ":7:20: warning[DC214]: a locality has no field 'planing_group' in the partnership format\n"
                            "   7 |   require exists(l.planing_group)\n"
                            "     |                    ^~~~~~~~~~~~~\n"
                            "   note: did you mean 'planning_group'?\n"
                            "   note: the format keeps fields it does not define, and a pack may read one: if this is not a typo, `lint --strict` still fails on it\n"
                            "1 rules in 1 pack(s): 0 error(s), 1 warning(s)\n");
    // --strict fails on it, for CI.
    CHECK(dutycheck_run("lint --strict '" + file + "'").exit_code == 2);
}

TEST_CASE("lint: a misspelt field deep inside nested for-each loops is found through each binding", "[lint]") {
    std::string file;
    const Run run = lint_rule("lint-nested.rules",
                              "  for each l in localities\n"
                              "  for each m in l.planning_group.members\n"
                              "  require m.categroy == \"carer\"",
                              file);
    CHECK(run.exit_code == 0);
    CHECK(run.err == file + ":8:13: warning[DC214]: a member has no field 'categroy' in the partnership format\n"
                            "   8 |   require m.categroy == \"carer\"\n"
                            "     |             ^~~~~~~~\n"
                            "   note: did you mean 'category'?\n"
                            "   note: the format keeps fields it does not define, and a pack may read one: if this is not a typo, `lint --strict` still fails on it\n"
                            "1 rules in 1 pack(s): 0 error(s), 1 warning(s)\n");
}

TEST_CASE("lint: a date field compared with a number is a type error naming both types", "[lint]") {
    std::string file;
    const Run run = lint_rule("lint-date.rules", "  require strategic_plan.approved > 2019", file);
    CHECK(run.exit_code == 2);
    CHECK(run.err == file + ":6:11: error[DC301]: cannot compare a date with a number\n"
                            "   6 |   require strategic_plan.approved > 2019\n"
                            "     |           ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~\n"
                            "   note: days_between(FROM, TO) or years_between(FROM, TO) turns two dates into a "
                            "number to compare\n"
                            "1 rules in 1 pack(s): 1 error(s), 0 warning(s)\n");
}

TEST_CASE("lint: sum of a list of strings is a type error with a suggestion", "[lint]") {
    std::string file;
    const Run run = lint_rule("lint-sum.rules", "  require sum(localities.name) >= 2", file);
    CHECK(run.exit_code == 2);
    CHECK(run.err == file + ":6:15: error[DC301]: argument 1 of 'sum' must be a list of numbers, but this is a "
                            "list of strings\n"
                            "   6 |   require sum(localities.name) >= 2\n"
                            "     |               ^~~~~~~~~~~~~~~\n"
                            "   note: count(LIST) counts the elements of a list\n"
                            "1 rules in 1 pack(s): 1 error(s), 0 warning(s)\n");
}

TEST_CASE("lint: a let variable and a quantifier's variable carry the schema's fields and types", "[lint]") {
    std::string file;
    const Run run = lint_rule("lint-let.rules",
                              "  let plan = strategic_plan\n"
                              "  require any(r in plan.reviews where r.date + 1 > 2)",
                              file);
    CHECK(run.exit_code == 2);
    CHECK(run.err == file + ":7:39: error[DC301]: each side of an arithmetic operator must be a number, but this is "
                            "a date\n"
                            "   7 |   require any(r in plan.reviews where r.date + 1 > 2)\n"
                            "     |                                       ^~~~~~\n"
                            "   note: days_between(FROM, TO) or years_between(FROM, TO) turns two dates into a "
                            "number\n"
                            "1 rules in 1 pack(s): 1 error(s), 0 warning(s)\n");
}

TEST_CASE("lint: a misspelt duty id is an error with the nearest registered id", "[lint]") {
    std::string file;
    const Run run = lint_rule("lint-duty.rules", "  require count(localities) >= 2", file, "PBJW-S29-LOCALITEIS");
    CHECK(run.exit_code == 2);
    CHECK(run.err == file + ":3:8: error[DC215]: duty 'PBJW-S29-LOCALITEIS' is not in the register\n"
                            "   3 |   duty PBJW-S29-LOCALITEIS\n"
                            "     |        ^~~~~~~~~~~~~~~~~~~\n"
                            "   note: did you mean 'PBJW-S29-LOCALITIES'?\n"
                            "   note: a pack's own duties go in a register.tsv beside its pack.rules\n"
                            "1 rules in 1 pack(s): 1 error(s), 0 warning(s)\n");
}

TEST_CASE("lint: a pack's own register.tsv declares its local duties, and rules coverage lists them", "[lint]") {
    const auto pack = dutycheck::testing::fresh_dir("dutycheck-local-register");
    std::ofstream(pack / "pack.rules") << "pack \"local/test\"\n"
                                          "rule group-meets-quarterly {\n  title \"The group meets four times a year\"\n"
                                          "  duty TEST-MEETS-QUARTERLY\n  cite \"Terms of reference, 4\"\n"
                                          "  basis local_policy\n  require count(strategic_planning_group.meetings) >= 4\n}\n";
    std::ofstream(pack / "register.tsv") << "id\tforce\tsection\ttitle\tno_rule_reason\n"
                                            "TEST-MEETS-QUARTERLY\tLOCAL\tTerms of reference\tThe group meets quarterly\t\n";
    Run run = dutycheck_run("lint '" + pack.string() + "'");
    CHECK(run.exit_code == 0);
    CHECK(run.err == "1 rules in 1 pack(s): 0 error(s), 0 warning(s)\n");
    run = dutycheck_run("rules coverage --rules '" + pack.string() + "'");
    CHECK_THAT(run.out, Catch::Contains("TEST-MEETS-QUARTERLY  [LOCAL]  The group meets quarterly\n"
                                        "    rules: group-meets-quarterly\n"));
    CHECK_THAT(run.err, !Catch::Contains("TEST-MEETS-QUARTERLY"));  // not an unknown duty

    // A pack's own duty is LOCAL: a statutory one belongs in the national register.
    std::ofstream(pack / "register.tsv") << "id\tforce\tsection\ttitle\tno_rule_reason\n"
                                            "TEST-MEETS-QUARTERLY\tMUST\t1\tThe group meets quarterly\t\n";
    run = dutycheck_run("lint '" + pack.string() + "'");
    CHECK(run.exit_code == 2);
    CHECK_THAT(run.err, Catch::Contains("register.tsv: error[DC404]: duty 'TEST-MEETS-QUARTERLY' has force 'MUST'; "
                                        "a pack's own duties are LOCAL\n"));
}

TEST_CASE("lint finds no error in any bundled pack", "[lint]") {
    for (const char* pack : {"rules/scotland", "rules/local/inverclyde", "rules/local/lancashire",
                             "rules/local/north-lanarkshire", "rules/local/scottish-borders"}) {
        const Run run = dutycheck_run(std::string("lint ") + pack);
        INFO(pack << "\n" << run.err);
        CHECK(run.exit_code == 0);
        CHECK_THAT(run.err, Catch::EndsWith(" 0 error(s), 0 warning(s)\n"));
    }
}
