// Exact numbers: decimals keep their value from the file to the verdict, and what cannot be exact is unknown.
#include "engine/number.hpp"

#include <catch2/catch.hpp>

using dutycheck::engine::Number;

namespace {

Number number(const char* text) {
    const auto parsed = Number::parse(text);
    INFO(text);
    REQUIRE(parsed);
    return *parsed;
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

TEST_CASE("decimal texts of any size compare exactly", "[number]") {
    using dutycheck::engine::compare_decimal_texts;
    CHECK((compare_decimal_texts("1.99999999999999999999999999999999999999999", "2") < 0));
    CHECK((compare_decimal_texts("-1e-400", "0") < 0));
    CHECK((compare_decimal_texts("-0.0", "0") == 0));
    CHECK((compare_decimal_texts("1.5e3", "1500.000") == 0));
    CHECK((compare_decimal_texts("0.05", "5E-2") == 0));
    CHECK((compare_decimal_texts("-2", "-10") > 0));
    CHECK((compare_decimal_texts("123456789012345678901234567890123456789012", "1.23456789012345678901234567890123456789012e41") == 0));
    CHECK((compare_decimal_texts("10", "9.99") > 0));
    CHECK(dutycheck::engine::is_whole_decimal_text("1.5e3"));
    CHECK(dutycheck::engine::is_whole_decimal_text("2.000"));
    CHECK(dutycheck::engine::is_whole_decimal_text("-0.0"));
    CHECK_FALSE(dutycheck::engine::is_whole_decimal_text("2.00000000000000000001"));
    CHECK_FALSE(dutycheck::engine::is_whole_decimal_text("15e-1"));
}
