// Calendar dates as the duties register counts them: ISO days, month precision, statutory periods.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace dutycheck::engine {

/// A calendar day, or the run of days a date written with less than a day's precision may be.
///
/// The format says a month-precision date ("2023-07") means "by the end of that month". As a
/// deadline, a parameter or a date in a rule, that is the month's last day. As the date of an
/// event (a meeting held, a plan approved: the fields docs/partnership-format.md marks as events)
/// it is one of the month's days, and which one is not recorded. So a Date is an interval of days,
/// `days - span` to `days`: a day, and a month read as a deadline, have span 0; a month read as an
/// event spans its days (`whole_month`). Both remember they were written as a month, so reports
/// show them as the file did. Arithmetic keeps the interval (a month plus 18 months is a month; a
/// month less a day is a run of days, a month plus months a deadline at that month's end), and a comparison is decided only when it holds, or fails,
/// for every day each side may be (`relate`).
struct Date {
    std::int32_t days = 0;           ///< the last day it may be: days since 1970-01-01
    std::int32_t span = 0;           ///< how many days before `days` it may also be
    bool month_precision = false;    ///< a calendar month (as written, or by month arithmetic)

    /// The first day it may be.
    std::int32_t first() const { return days - span; }
    bool is_day() const { return span == 0; }

    friend bool operator==(const Date& a, const Date& b) { return a.days == b.days && a.span == b.span; }
    /// Orders by the last day, then the first: an order for sorting and keys, not a verdict
    /// (use `relate` for that).
    friend auto operator<=>(const Date& a, const Date& b) {
        if (auto c = a.days <=> b.days; c != 0) return c;
        return b.span <=> a.span;
    }
};

/// A month-precision date read as an event: any day of its month. Other dates are unchanged.
Date whole_month(Date date);

/// The last day a date may be, as a day: a deadline's month or a run of days falls due then.
Date last_day(Date date);

/// How two dates may be compared.
enum class DateRelation { before, on_or_before, after, on_or_after, same };

/// Whether `a RELATION b` holds: true or false when it does for every day each may be, nullopt
/// when it depends on a day the file does not record. A deadline's month against a month
/// compares as months ("2025-10" is on or before the deadline 2025-10: both mean the end of
/// October); an event's month against a day inside it, or against another event in the same
/// month, decides nothing.
std::optional<bool> relate(Date a, DateRelation relation, Date b);

struct CivilDate {
    int year = 1970;
    unsigned month = 1;
    unsigned day = 1;
};

/// Parses `YYYY-MM-DD` or `YYYY-MM` (the month's last day, remembered as a month); rejects
/// impossible days (2019-02-30) and months (2023-13).
std::optional<Date> parse_date(std::string_view text);
Date make_date(int year, unsigned month, unsigned day);
CivilDate to_civil(Date date);
/// `YYYY-MM-DD`, `YYYY-MM` for a month-precision date, or "between YYYY-MM-DD and YYYY-MM-DD"
/// for another run of days.
std::string format_date(Date date);
unsigned days_in_month(int year, unsigned month);

/// Same day N months on, or that month's last day if it is shorter. A month (a deadline's or
/// an event's) N months on is a deadline: the end of that month.
Date add_months(Date date, std::int64_t months);
/// Same day N years on; 29 February goes to 1 March in a year without one. A month N years on
/// is a deadline: the end of that month.
Date add_years(Date date, std::int64_t years);
/// N days on. A month N days on is the run of days N days after each of its days.
Date add_days(Date date, std::int64_t days);
/// The latest, or earliest, of two dates: when their runs of days overlap, a run of its own
/// (the later of each end, or the earlier).
Date latest(Date a, Date b);
Date earliest(Date a, Date b);
/// The last day of "a period of N years beginning with" `first_day`: the day before its Nth
/// anniversary (approved 2015-06-27, the 5-year period ends 2020-06-26).
Date period_end(Date first_day, std::int64_t years);

/// Today in UTC.
Date today();

}  // namespace dutycheck::engine
