// Exact numbers: decimals keep their value from the file to the verdict, and what cannot be exact is unknown.
#include "engine/number.hpp"
#include "report/labels.hpp"
#include "test_support.hpp"

using namespace dutycheck;
using dutycheck::testing::evaluate_text;
using engine::Number;

namespace {

Number number(const char* text) {
    const auto parsed = Number::parse(text);
    INFO(text);
    REQUIRE(parsed);
    return *parsed;
}

engine::LoadResult rule(const std::string& logic) {
    return engine::load_rule_text("t.rules", "rule r {\n  title \"t\"\n  duty D\n  cite \"c\"\n  basis statute\n" + logic +
                                                 "\n}\n");
}

std::string doc(const std::string& body) {
    return R"({"format": "dutycheck.partnership/1", "partnership": {"id": "p", "name": "P", "jurisdiction": "scotland"}, )" +
           body + "}";
}

engine::Finding only_finding(const std::string& logic, const std::string& body) {
    const auto result = evaluate_text(rule(logic), doc(body));
    REQUIRE(result.findings.size() == 1);
    return result.findings[0];
}

}  // namespace

TEST_CASE("decimals are exact: 0.1 + 0.2 is 0.3 and a third times three is one", "[number]") {
    CHECK(number("0.1").plus(number("0.2")) == number("0.3"));
    CHECK(Number(1).divided_by(Number(3))->times(Number(3)) == Number(1));
    CHECK(number("14.91").minus(number("14.2"))->divided_by(number("14.2")) == number("0.05"));
    CHECK(number("0.3") > number("0.29999999999999999999999999999999999999"));
    CHECK(number("-0.3") < number("-0.29999999999999999999999999999999999999"));
    CHECK(*Number(1).divided_by(Number(3)) > number("0.33333333333333333333333333333333333333"));
}

TEST_CASE("a decimal is read with its exponent, as JSON writes it", "[number]") {
    CHECK(number("1.5e3") == Number(1500));
    CHECK(number("5E-2") == number("0.05"));
    CHECK(number("1200.50") == number("1200.5"));
    CHECK(number("12E+1") == Number(120));
    CHECK(number("0e999999999") == Number(0));
    CHECK_FALSE(Number::parse("1e"));
    CHECK_FALSE(Number::parse("."));
    CHECK_FALSE(Number::parse("0x10"));
    CHECK_FALSE(Number::parse("1.5 "));
}

TEST_CASE("negative zero is zero", "[number]") {
    CHECK(number("-0") == Number(0));
    CHECK(number("-0.0e5") == Number(0));
    CHECK(number("-0").text() == "0");
    CHECK(-Number(0) == Number(0));
    CHECK(only_finding("  require x.a == 0 and x.a >= 0", R"("x": {"a": -0.0})").status == engine::Status::met);
}

TEST_CASE("numbers read as exact decimals in messages, integers as integers, a third rounded", "[number]") {
    CHECK(number("0.05").text() == "0.05");
    CHECK(number("-1200.5").text() == "-1200.5");
    CHECK(number("1.5e3").text() == "1500");
    CHECK(number("1e-38").text() == "0.00000000000000000000000000000000000001");
    CHECK(number("1000").minus(number("949.9"))->divided_by(Number(1000))->text() == "0.0501");
    CHECK(Number(1).divided_by(Number(3))->text() == "0.333333");
    CHECK(Number(-2).divided_by(Number(3))->text() == "-0.666667");
    CHECK(Number(1234567).divided_by(Number(3))->text() == "411522.3");
    CHECK(Number(6).minus(*Number(1).divided_by(Number(30000000)))->text() == "6.0");
    CHECK(Number(1).divided_by(Number(70000000000))->text() == "0.0000000000142857");
}

TEST_CASE("a number in a file keeps its decimal value: 0.1 + 0.2 == 0.3 is met", "[number]") {
    CHECK(only_finding("  require x.a + x.b == 0.3", R"("x": {"a": 0.1, "b": 0.2})").status == engine::Status::met);
    CHECK(only_finding("  require x.a == 1500 and x.b == 0.05", R"("x": {"a": 1.5e3, "b": 5E-2})").status ==
          engine::Status::met);
    const auto finding = only_finding("  require x.a < x.b else \"{x.a} is not below {x.b}\"",
                                      R"("x": {"a": 0.30000000000000000001, "b": 0.3})");
    CHECK(finding.status == engine::Status::unmet);
    CHECK(finding.message == "0.30000000000000000001 is not below 0.3");
}

TEST_CASE("a literal in a file beyond exact numbers is unknown, out of range, with its pointer", "[number]") {
    for (const char* literal : {"1e39", "1e38", "1E+38", "123456789012345678901234567890123456789", "0.1234567890123456789012345678901234567891",
                                "1e-39"}) {
        INFO(literal);
        const auto finding = only_finding("  require x.a > 0", R"("x": {"a": )" + std::string(literal) + "}");
        CHECK(finding.status == engine::Status::unknown);
        CHECK(finding.missing ==
              std::vector<engine::Missing>{{"/x/a", engine::MissingReason::out_of_range,
                                            "a number of " + std::string(engine::number_limits),
                                            "a number " + std::string(literal)}});
    }
}

TEST_CASE("a sum or product too large to be exact is unknown, never a wrong value", "[number]") {
    const auto sum = only_finding("  require sum(x.values) > 0", R"("x": {"values": [9e37, 8e37, 7e37]})");
    CHECK(sum.status == engine::Status::unknown);
    CHECK(report::missing_list(sum) ==
          std::vector<std::string>{"/x/values/2: expected numbers whose sum has " + std::string(engine::number_limits) +
                                   ", found a number 70000000000000000000000000000000000000"});
    const auto product = only_finding("  require x.a * x.a > 0", R"("x": {"a": 1e20})");
    CHECK(product.status == engine::Status::unknown);
    CHECK(report::missing_list(product) ==
          std::vector<std::string>{"/x/a: expected numbers whose 'x.a * x.a' has " + std::string(engine::number_limits) +
                                   ", found a number 100000000000000000000"});
    // Too fine is out of range as well: (1/10^20)^2 needs 40 decimal places.
    CHECK(only_finding("  require x.a * x.a >= 0", R"("x": {"a": 1e-20})").status == engine::Status::unknown);
    CHECK_FALSE(number("9e37").plus(number("9e37")));
    CHECK_FALSE(number("1e-38").times(number("0.1")));
    CHECK_FALSE(Number(1).divided_by(Number(0)));
}

TEST_CASE("dates move by a whole number of days, months or years, within a million", "[number]") {
    CHECK(only_finding("  require add_days(x.d, x.n) == 2020-01-03", R"("x": {"d": "2020-01-01", "n": 2.0})").status ==
          engine::Status::met);
    const auto half = only_finding("  require add_months(x.d, x.n) > x.d", R"("x": {"d": "2020-01-01", "n": 1.5})");
    CHECK(half.status == engine::Status::unknown);
    CHECK(report::missing_list(half) ==
          std::vector<std::string>{"/x/n: expected a whole number of months, at most 1000000 either way, found a number 1.5"});
    CHECK(only_finding("  require add_years(x.d, x.n) > x.d", R"("x": {"d": "2020-01-01", "n": 1e30})").status ==
          engine::Status::unknown);
}

TEST_CASE("a rule's number literal beyond exact numbers is a load error that says why", "[number]") {
    CHECK(dutycheck::testing::rendered(rule("  require 1 < 1e400")) ==
          "t.rules:6:15: error[DC209]: '1e400' is not an exact number\n"
          "   6 |   require 1 < 1e400\n"
          "     |               ^~~~~\n"
          "   note: a number has at most 38 significant digits and 38 decimal places, and less than 10^38 in size\n");
    CHECK_THAT(dutycheck::testing::rendered(rule("  require 1 < 0.1234567890123456789012345678901234567891")),
               Catch::Contains("error[DC209]: '0.1234567890123456789012345678901234567891' is not an exact number"));
    CHECK(rule("  require 1 < 1.5e3 and -0.05 < 5E-2").ok());
}

TEST_CASE("a commitment just over 5% off its target is red, and the message gives the gap exactly", "[number]") {
    const auto outcome = dutycheck::testing::bundled_engine().check(
        (dutycheck::testing::source_dir / "rules/local/inverclyde/tests/inv-sop-rag-measure/fail-amber-just-over-five-percent.json")
            .string());
    REQUIRE(outcome.ok());
    std::vector<std::string> messages;
    for (const auto& finding : outcome.result->findings)
        if (finding.rule->id == "inv-sop-rag-measure") messages.push_back(finding.message);
    CHECK(messages == std::vector<std::string>{
                          "commitment BA4.5 of Big Action big-action-4 is recorded amber, but its actual 949.9 against a "
                          "target of 1000 makes it red (gap 0.0501; amber up to 0.05)"});
}

TEST_CASE("the schema's bounds and integers hold exactly, not as doubles", "[number]") {
    const auto check = [](const std::string& body) {
        const auto outcome = dutycheck::testing::bundled_engine().check_text("t.json", doc(body));
        std::string errors;
        for (const auto& error : outcome.errors) errors += error.message + "\n";
        return errors;
    };
    // Each is the boundary itself as a double, which the schema once compared.
    CHECK(check(R"("parameters": {"min_localities": 1.99999999999999999999})") ==
          "expected a whole number, found a number (at /parameters/min_localities)\n");
    CHECK(check(R"("parameters": {"min_localities": 2.00000000000000000001})") ==
          "expected a whole number, found a number (at /parameters/min_localities)\n");
    CHECK(check(R"("parameters": {"min_localities": 2.0})").empty());
    CHECK(check(R"("localities": [{"id": "a", "name": "A", "population": -1e-400}])") ==
          "expected 0 or more, found -1e-400 (at /localities/0/population)\n");
    CHECK(check(R"("localities": [{"id": "a", "name": "A", "population": -0.000000000000000000001}])") ==
          "expected 0 or more, found -0.000000000000000000001 (at /localities/0/population)\n");
    CHECK(check(R"("localities": [{"id": "a", "name": "A", "population": -0.0}])").empty());
}

TEST_CASE("decimal texts of any size compare exactly", "[number]") {
    using engine::compare_decimal_texts;
    CHECK((compare_decimal_texts("1.99999999999999999999999999999999999999999", "2") < 0));
    CHECK((compare_decimal_texts("-1e-400", "0") < 0));
    CHECK((compare_decimal_texts("-0.0", "0") == 0));
    CHECK((compare_decimal_texts("1.5e3", "1500.000") == 0));
    CHECK((compare_decimal_texts("0.05", "5E-2") == 0));
    CHECK((compare_decimal_texts("-2", "-10") > 0));
    CHECK((compare_decimal_texts("123456789012345678901234567890123456789012", "1.23456789012345678901234567890123456789012e41") == 0));
    CHECK((compare_decimal_texts("10", "9.99") > 0));
    CHECK(engine::is_whole_decimal_text("1.5e3"));
    CHECK(engine::is_whole_decimal_text("2.000"));
    CHECK(engine::is_whole_decimal_text("-0.0"));
    CHECK_FALSE(engine::is_whole_decimal_text("2.00000000000000000001"));
    CHECK_FALSE(engine::is_whole_decimal_text("15e-1"));
}

TEST_CASE("two numbers in files are the same value only if they are exactly equal", "[number]") {
    // What diff and uniqueItems compare: 0.10000000000000001 is 0.1 as a double, but not as written.
    const auto doc = dutycheck::testing::parse_document(
        "[0.1, 0.10000000000000001, 1.0e-1, 1e300, 10e299, 1.00000000000000000000000000000000000000001e300]");
    const auto at = [&](std::size_t i) { return doc.child(doc.root(), i); };
    CHECK_FALSE(engine::equal_values(doc, at(0), doc, at(1)));
    CHECK(engine::equal_values(doc, at(0), doc, at(2)));
    CHECK(engine::equal_values(doc, at(3), doc, at(4)));  // beyond a Number, still exact
    CHECK_FALSE(engine::equal_values(doc, at(3), doc, at(5)));
}

TEST_CASE("a parameter in a file that cannot be exact is refused, saying why", "[number]") {
    const auto outcome = dutycheck::testing::bundled_engine().check_text(
        "t.json", doc(R"("rule_packs": ["local/inverclyde"], "parameters": {"inv_rag_amber_tolerance": 5e-40})"));
    REQUIRE(outcome.errors.size() == 1);
    CHECK(outcome.errors[0].code == "DC503");
    CHECK(outcome.errors[0].message == "expected a number of " + std::string(engine::number_limits) +
                                           " for parameter 'inv_rag_amber_tolerance' (at /parameters/inv_rag_amber_tolerance)");
}
