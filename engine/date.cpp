// Civil-calendar arithmetic (Howard Hinnant's days-from-civil algorithms) and ISO parsing.
#include "engine/date.hpp"

#include <charconv>
#include <algorithm>
#include <chrono>
#include <cstdio>

namespace dutycheck::engine {
namespace {

bool is_leap(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

std::int32_t days_from_civil(int y, unsigned m, unsigned d) {
    y -= m <= 2;
    const int era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<std::int32_t>(doe) - 719468;
}

template <typename Int>
bool parse_digits(std::string_view text, std::size_t at, std::size_t count, Int& out) {
    if (at + count > text.size()) return false;
    for (std::size_t i = at; i < at + count; ++i)
        if (text[i] < '0' || text[i] > '9') return false;
    return std::from_chars(text.data() + at, text.data() + at + count, out).ec == std::errc{};
}

}  // namespace

unsigned days_in_month(int year, unsigned month) {
    static constexpr unsigned lengths[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return month == 2 && is_leap(year) ? 29 : lengths[month - 1];
}

Date make_date(int year, unsigned month, unsigned day) { return Date{days_from_civil(year, month, day), 0, false}; }

namespace {

// A calendar month as a month-precision date: its last day, or with `whole`, any of its days.
Date month_of(int year, unsigned month, bool whole) {
    const unsigned length = days_in_month(year, month);
    return Date{days_from_civil(year, month, length), whole ? static_cast<std::int32_t>(length) - 1 : 0, true};
}

// A run of days from `first` to `last`: a day when they are the same.
Date run_of(std::int32_t first, std::int32_t last) { return Date{last, last - first, false}; }

// Applies a shift that never reorders days to each end of a run. A month shifted by months or
// years is a deadline "by the end of" the month it lands in, whether it was a deadline or an
// event's month: established in April 2024, 18 months on is due by the end of October 2025.
template <typename Shift>
Date shift_run(Date date, Shift shift_day) {
    if (date.month_precision) {
        const CivilDate month = to_civil(date);
        const CivilDate c = to_civil(shift_day(make_date(month.year, month.month, 1)));
        return month_of(c.year, c.month, false);
    }
    if (date.is_day()) return shift_day(date);
    return run_of(shift_day(run_of(date.first(), date.first())).days, shift_day(run_of(date.days, date.days)).days);
}

}  // namespace

CivilDate to_civil(Date date) {
    const std::int32_t z = date.days + 719468;
    const int era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned d = doy - (153 * mp + 2) / 5 + 1;
    const unsigned m = mp < 10 ? mp + 3 : mp - 9;
    return {static_cast<int>(yoe) + era * 400 + (m <= 2), m, d};
}

std::optional<Date> parse_date(std::string_view text) {
    int year = 0;
    unsigned month = 0;
    if (!(text.size() == 7 || text.size() == 10) || text[4] != '-' || !parse_digits(text, 0, 4, year) ||
        !parse_digits(text, 5, 2, month) || month < 1 || month > 12)
        return std::nullopt;
    if (text.size() == 7) return month_of(year, month, false);
    unsigned day = 0;
    if (text[7] != '-' || !parse_digits(text, 8, 2, day) || day < 1 || day > days_in_month(year, month))
        return std::nullopt;
    return make_date(year, month, day);
}

std::string format_date(Date date) {
    if (!date.is_day() && !date.month_precision)
        return "between " + format_date(run_of(date.first(), date.first())) + " and " + format_date(run_of(date.days, date.days));
    const CivilDate c = to_civil(date);
    char buffer[16];
    if (date.month_precision)
        std::snprintf(buffer, sizeof buffer, "%04d-%02u", c.year, c.month);
    else
        std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", c.year, c.month, c.day);
    return buffer;
}

Date last_day(Date date) { return run_of(date.days, date.days); }

Date whole_month(Date date) {
    if (!date.month_precision) return date;
    const CivilDate c = to_civil(date);
    return month_of(c.year, c.month, true);
}

Date add_months(Date date, std::int64_t months) {
    if (!date.is_day() || date.month_precision) return shift_run(date, [months](Date day) { return add_months(day, months); });
    const CivilDate c = to_civil(date);
    const std::int64_t index = static_cast<std::int64_t>(c.year) * 12 + (c.month - 1) + months;
    const int year = static_cast<int>(index >= 0 ? index / 12 : (index - 11) / 12);
    const unsigned month = static_cast<unsigned>(index - static_cast<std::int64_t>(year) * 12) + 1;
    const unsigned day = std::min(c.day, days_in_month(year, month));
    return make_date(year, month, day);
}

Date add_years(Date date, std::int64_t years) {
    if (!date.is_day() || date.month_precision) return shift_run(date, [years](Date day) { return add_years(day, years); });
    const CivilDate c = to_civil(date);
    const int year = c.year + static_cast<int>(years);
    // The duties register: a period beginning on 29 February has its anniversary on 1 March.
    if (c.month == 2 && c.day == 29 && !is_leap(year)) return make_date(year, 3, 1);
    return make_date(year, c.month, c.day);
}

Date add_days(Date date, std::int64_t days) {
    const auto last = static_cast<std::int32_t>(date.days + days);
    return Date{last, date.span, date.month_precision && days == 0};
}

Date latest(Date a, Date b) {
    if (a.first() >= b.first() && a.days >= b.days) return a;
    if (b.first() >= a.first() && b.days >= a.days) return b;
    return run_of(std::max(a.first(), b.first()), std::max(a.days, b.days));
}

Date earliest(Date a, Date b) {
    if (a.first() <= b.first() && a.days <= b.days) return a;
    if (b.first() <= a.first() && b.days <= a.days) return b;
    return run_of(std::min(a.first(), b.first()), std::min(a.days, b.days));
}

std::optional<bool> relate(Date a, DateRelation relation, Date b) {
    // A deadline's month against another month: each means "by the end of" its month, so they
    // compare as months. Two events' months are two unknown days, compared as runs of days.
    if (a.month_precision && b.month_precision && (a.is_day() || b.is_day())) {
        a.span = 0;
        b.span = 0;
    }
    switch (relation) {
        case DateRelation::before:
            if (a.days < b.first()) return true;
            if (a.first() >= b.days) return false;
            return std::nullopt;
        case DateRelation::on_or_before:
            if (a.days <= b.first()) return true;
            if (a.first() > b.days) return false;
            return std::nullopt;
        case DateRelation::after: return relate(b, DateRelation::before, a);
        case DateRelation::on_or_after: return relate(b, DateRelation::on_or_before, a);
        case DateRelation::same:
            if (a.days < b.first() || b.days < a.first()) return false;
            if (a.is_day() && b.is_day()) return true;
            return std::nullopt;
    }
    return std::nullopt;
}

// The period includes its first day, so it ends the day before the anniversary.
Date period_end(Date first_day, std::int64_t years) { return add_days(add_years(first_day, years), -1); }

Date today() {
    const auto now = std::chrono::system_clock::now();
    const auto days = std::chrono::floor<std::chrono::days>(now);
    return Date{static_cast<std::int32_t>(days.time_since_epoch().count()), 0, false};
}

}  // namespace dutycheck::engine
