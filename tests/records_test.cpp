// Lists hold records: nothing empty and nothing twice counts as evidence, compared as people read text.
#include "test_support.hpp"

using namespace dutycheck;

namespace {

// Two localities with the ids and names given, and one rule that counts them.
engine::Outcome check_localities(const std::string& localities) {
    static const auto loaded = engine::load_rule_text(
        "t.rules", "rule two {\n  title \"t\"\n  duty D\n  cite \"c\"\n  basis statute\n"
                   "  require count(localities) >= 2\n}\n");
    return dutycheck::testing::check_text(
        loaded, R"({"format": "dutycheck.partnership/1",
  "partnership": {"id": "p", "name": "P", "jurisdiction": "scotland"},
  "localities": )" + localities + "}");
}

}  // namespace

TEST_CASE("two localities with one id, however it is spelt, are an input error naming both", "[records]") {
    for (const std::string second : {"a", "a ", "A", "a\u00a0", "a\u200b"}) {
        INFO(second);
        const auto outcome = check_localities(R"([{"id": "a", "name": "One"}, {"id": ")" + second + R"(", "name": "Two"}])");
        REQUIRE_FALSE(outcome.ok());
        CHECK(dutycheck::testing::rendered_errors(outcome) ==
              "test.json:3:53: error[DC510]: duplicate id '" + second + "': /localities/0 has the same id (compared "
              "without case, spacing or invisible characters) (at /localities/1/id)\n"
              "   3 |   \"localities\": [{\"id\": \"a\", \"name\": \"One\"}, {\"id\": \"" + second +
              "\", \"name\": \"Two\"}]}\n"
              "     | " + std::string(52, ' ') + "^\n");
    }
    // Distinct letters stay distinct: a Cyrillic 'а' is another id (the schema's vocabularies,
    // not identities, are where lookalikes are refused).
    CHECK(check_localities(R"([{"id": "a", "name": "One"}, {"id": "\u0430", "name": "Two"}])").ok());
}

TEST_CASE("two localities with one name are a duplicate too", "[records]") {
    const auto outcome = check_localities(R"([{"id": "a", "name": "Port Glasgow"}, {"id": "b", "name": "port  glasgow"}])");
    REQUIRE_FALSE(outcome.ok());
    CHECK_THAT(dutycheck::testing::rendered_errors(outcome),
               Catch::Contains("error[DC510]: duplicate name 'port  glasgow': /localities/0 has the same name"));
}

TEST_CASE("an element written twice is one record: an input error", "[records]") {
    const auto outcome = check_localities(R"([{"id": "a"}, {"id": "b"}, {"id": "B "}])");
    REQUIRE_FALSE(outcome.ok());
    CHECK_THAT(dutycheck::testing::rendered_errors(outcome),
               Catch::Contains("error[DC510]: the same as /localities/1: a list holds each record once (at /localities/2)"));
}

TEST_CASE("an empty record or a blank name in a list records nothing: an input error", "[records]") {
    auto outcome = check_localities(R"([{"id": "a"}, {}])");
    CHECK_THAT(dutycheck::testing::rendered_errors(outcome),
               Catch::Contains("error[DC511]: an empty record: delete it, or record what it stands for (at /localities/1)"));
    static const auto loaded = engine::load_rule_text(
        "t.rules", "rule c {\n  title \"t\"\n  duty D\n  cite \"c\"\n  basis statute\n"
                   "  require count(partnership.local_authorities) >= 1\n}\n");
    outcome = dutycheck::testing::check_text(
        loaded, R"({"format": "dutycheck.partnership/1", "partnership": {"id": "p", "name": "P",
            "jurisdiction": "scotland", "local_authorities": ["\u200b\u00a0"]}})");
    CHECK_THAT(dutycheck::testing::rendered_errors(outcome),
               Catch::Contains("error[DC511]: text with no visible character records nothing: delete it, or write it "
                               "out (at /partnership/local_authorities/0)"));
}

TEST_CASE("text with no visible character reads as empty, so it is never a recorded name", "[records]") {
    static const auto loaded = engine::load_rule_text(
        "t.rules", "rule named {\n  title \"t\"\n  duty D\n  cite \"c\"\n  basis statute\n"
                   "  require partnership.name != \"\"\n}\n");
    for (const std::string name : {"\u00a0", "\u200b", "\ufeff", "\u00ad", " \u2028 ", "\u3000"}) {
        INFO(name);
        const auto result = dutycheck::testing::evaluate_text(
            loaded, R"({"format": "dutycheck.partnership/1", "partnership": {"id": "p", "name": ")" + name +
                        R"(", "jurisdiction": "scotland"}})");
        CHECK(result.findings.at(0).status == engine::Status::unmet);
    }
}
