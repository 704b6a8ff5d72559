// Date arithmetic as the duties register counts it.
#include "engine/date.hpp"

#include <catch2/catch.hpp>

using namespace dutycheck::engine;

namespace {
Date d(const char* text) { return *parse_date(text); }
}  // namespace

TEST_CASE("impossible days and months are not dates", "[date]") {
    CHECK_FALSE(parse_date("2019-02-30"));
    CHECK_FALSE(parse_date("2023-13"));
    CHECK_FALSE(parse_date("2019-6-24"));
    CHECK_FALSE(parse_date("tbc"));
    CHECK(parse_date("2020-02-29"));
    CHECK_FALSE(parse_date("2019-02-29"));
}

TEST_CASE("a month-precision date means the last day of that month and is shown as written", "[date]") {
    const Date july = d("2023-07");
    CHECK(july == d("2023-07-31"));
    CHECK(july.month_precision);
    CHECK(format_date(july) == "2023-07");
    CHECK(d("2024-02") == d("2024-02-29"));
}

TEST_CASE("a period of 5 years beginning with a day ends the day before the fifth anniversary", "[date]") {
    CHECK(format_date(period_end(d("2015-06-27"), 5)) == "2020-06-26");
    CHECK(format_date(period_end(d("2016-04-01"), 3)) == "2019-03-31");
    // From 29 February the anniversary is 1 March, so the period ends on 28 February.
    CHECK(format_date(period_end(d("2016-02-29"), 1)) == "2017-02-28");
    CHECK(format_date(period_end(d("2016-02-29"), 4)) == "2020-02-28");
}

TEST_CASE("29 February plus a year is 1 March", "[date]") {
    CHECK(format_date(add_years(d("2016-02-29"), 1)) == "2017-03-01");
    CHECK(format_date(add_years(d("2016-02-29"), 4)) == "2020-02-29");
}

TEST_CASE("adding months keeps the day or takes the shorter month's last day", "[date]") {
    CHECK(format_date(add_months(d("2019-01-31"), 1)) == "2019-02-28");
    CHECK(format_date(add_months(d("2020-01-31"), 1)) == "2020-02-29");
    CHECK(format_date(add_months(d("2023-05-17"), 18)) == "2024-11-17");
    CHECK(format_date(add_months(d("2023-03-15"), -3)) == "2022-12-15");
}
