// The statutory calendar: a file's dated findings sorted into missed, due soon and later.
#pragma once

#include "engine/date.hpp"
#include "engine/result.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace dutycheck::engine {

/// Days after the as-of date within which a deadline is due soon (inclusive).
inline constexpr int due_soon_days = 90;

/// Where a deadline stands on the as-of date.
enum class DeadlineState : std::uint8_t {
    missed,    ///< due before the as-of date, and its finding fails (unmet, unknown, waiver_expired)
    due_soon,  ///< due from the as-of date up to due_soon_days after it
    later,     ///< due after that
};

/// "missed", "due_soon", "later".
std::string_view to_string(DeadlineState state);

/// One deadline: a finding with a due date.
struct CalendarEntry {
    std::string date;                  ///< the day it falls due, YYYY-MM-DD
    DeadlineState state = DeadlineState::later;
    const RuleInfo* rule = nullptr;    ///< id, title, duties and citation
    std::string pointer;               ///< the object it is about ("" = the whole file)
    std::string object_name;           ///< its human name, if it has one
    Status status = Status::met;       ///< the finding's verdict on the as-of date
};

/// The deadlines of one partnership file, each list sorted by date (then in finding order).
/// A deadline already passed whose finding is met, waived or not applicable is done, and in
/// none of the lists.
struct Calendar {
    std::string file;              ///< as in DocumentResult
    std::string partnership_id;
    std::string partnership_name;
    std::string as_of;             ///< YYYY-MM-DD
    std::vector<CalendarEntry> missed;
    std::vector<CalendarEntry> due_soon;
    std::vector<CalendarEntry> later;
};

/// The calendar of `result` on `as_of`, from the due dates of its findings.
Calendar calendar(const DocumentResult& result, Date as_of);

}  // namespace dutycheck::engine
