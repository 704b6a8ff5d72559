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
    CHECK(july.days == d("2023-07-31").days);
    CHECK(july.is_day());
    CHECK(july.month_precision);
    CHECK(format_date(july) == "2023-07");
    CHECK(d("2024-02").days == d("2024-02-29").days);
}

TEST_CASE("a month-precision event is one of the month's days", "[date]") {
    const Date july = whole_month(d("2023-07"));
    CHECK(july.first() == d("2023-07-01").days);
    CHECK(july.days == d("2023-07-31").days);
    CHECK(format_date(july) == "2023-07");
    CHECK(whole_month(d("2024-02")).span == 28);
    CHECK(whole_month(d("2023-07-10")) == d("2023-07-10"));  // a day stays a day
}

// The worked examples of docs/rule-language.md, "Dates recorded as a month".
TEST_CASE("an event's month against a day inside it decides nothing; against a day outside it, everything", "[date]") {
    const Date july = whole_month(d("2023-07"));
    CHECK_FALSE(relate(july, DateRelation::before, d("2023-07-10")).has_value());
    CHECK_FALSE(relate(july, DateRelation::after, d("2023-07-10")).has_value());
    CHECK_FALSE(relate(july, DateRelation::same, d("2023-07-10")).has_value());
    CHECK(relate(july, DateRelation::on_or_before, d("2023-07-31")) == true);
    CHECK_FALSE(relate(july, DateRelation::before, d("2023-07-31")).has_value());
    CHECK(relate(july, DateRelation::before, d("2023-08-01")) == true);
    CHECK(relate(july, DateRelation::after, d("2023-06-30")) == true);
    CHECK(relate(july, DateRelation::same, d("2023-08-01")) == false);
    CHECK(relate(july, DateRelation::on_or_after, d("2023-07-01")) == true);
    // A deadline's month is its last day: the 10th is before it.
    CHECK(relate(d("2023-07"), DateRelation::after, d("2023-07-10")) == true);
}

TEST_CASE("a deadline's month against a month compares as months; two events' months do not", "[date]") {
    const Date october = whole_month(d("2025-10"));
    CHECK(relate(october, DateRelation::on_or_before, d("2025-10")) == true);
    CHECK(relate(october, DateRelation::same, d("2025-10")) == true);
    CHECK(relate(october, DateRelation::before, d("2025-10")) == false);
    CHECK(relate(whole_month(d("2025-11")), DateRelation::on_or_before, d("2025-10")) == false);
    // A plan published in March 2025 and its statement published in March 2025: either may be first.
    CHECK_FALSE(relate(october, DateRelation::on_or_before, october).has_value());
    CHECK_FALSE(relate(october, DateRelation::same, october).has_value());
    CHECK(relate(october, DateRelation::before, whole_month(d("2025-11"))) == true);
}

TEST_CASE("a month plus months or years is a deadline at that month's end; an event's month plus days is a run", "[date]") {
    // A group established in April 2024: 18 months on is due by the end of October 2025, so a
    // participatory budget from October 2025, or from 31 October 2025, is in time.
    const Date due = add_months(whole_month(d("2024-04")), 18);
    CHECK(format_date(due) == "2025-10");
    CHECK(due.month_precision);
    CHECK(due.is_day());
    CHECK(relate(whole_month(d("2025-10")), DateRelation::on_or_before, due) == true);
    CHECK(relate(d("2025-10-31"), DateRelation::on_or_before, due) == true);
    CHECK(relate(d("2025-11-01"), DateRelation::on_or_before, due) == false);
    CHECK(format_date(add_months(d("2024-04"), 18)) == "2025-10");
    CHECK(format_date(add_years(whole_month(d("2019-02")), 1)) == "2020-02");
    CHECK(add_years(whole_month(d("2019-02")), 1).days == d("2020-02-29").days);
    // A period of five years beginning in April 2019 ends, at the latest, on 29 April 2024.
    CHECK(format_date(add_days(add_years(whole_month(d("2019-04")), 5), -1)) == "2024-04-29");
    // An event's month a week on is a run of days.
    const Date week_on = add_days(whole_month(d("2023-07")), 7);
    CHECK(format_date(week_on) == "between 2023-07-08 and 2023-08-07");
    CHECK_FALSE(week_on.month_precision);
    CHECK(relate(d("2023-07-07"), DateRelation::before, week_on) == true);
    CHECK_FALSE(relate(d("2023-07-20"), DateRelation::before, week_on).has_value());
}

TEST_CASE("the latest of overlapping dates is a run from the later start to the later end", "[date]") {
    const Date july = whole_month(d("2023-07"));
    CHECK(latest(july, d("2023-06-15")) == july);
    CHECK(format_date(latest(july, d("2023-07-10"))) == "between 2023-07-10 and 2023-07-31");
    CHECK(format_date(earliest(july, d("2023-07-10"))) == "between 2023-07-01 and 2023-07-10");
    CHECK(earliest(d("2023-07-10"), whole_month(d("2023-08"))) == d("2023-07-10"));
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
