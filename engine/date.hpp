// Calendar dates as the duties register counts them: ISO days, month precision, statutory periods.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace dutycheck::engine {

/// A calendar day. Month-precision dates ("2023-07") mean the last day of that month and
/// remember that they were written that way, so reports show them as the file did.
struct Date {
    std::int32_t days = 0;           ///< days since 1970-01-01
    bool month_precision = false;

    friend bool operator==(const Date& a, const Date& b) { return a.days == b.days; }
    friend auto operator<=>(const Date& a, const Date& b) { return a.days <=> b.days; }
};

struct CivilDate {
    int year = 1970;
    unsigned month = 1;
    unsigned day = 1;
};

/// Parses `YYYY-MM-DD` or `YYYY-MM`; rejects impossible days (2019-02-30) and months (2023-13).
std::optional<Date> parse_date(std::string_view text);
Date make_date(int year, unsigned month, unsigned day);
CivilDate to_civil(Date date);
/// `YYYY-MM-DD`, or `YYYY-MM` for a month-precision date.
std::string format_date(Date date);
unsigned days_in_month(int year, unsigned month);

/// Same day N months on, or that month's last day if it is shorter.
Date add_months(Date date, std::int64_t months);
/// Same day N years on; 29 February goes to 1 March in a year without one.
Date add_years(Date date, std::int64_t years);
Date add_days(Date date, std::int64_t days);
/// The last day of "a period of N years beginning with" `first_day`: the day before its Nth
/// anniversary (approved 2015-06-27, the 5-year period ends 2020-06-26).
Date period_end(Date first_day, std::int64_t years);

/// Today in UTC.
Date today();

}  // namespace dutycheck::engine
