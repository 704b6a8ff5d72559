// The statutory calendar as text, JSON ("dutycheck.calendar/1") and iCalendar (RFC 5545).
#pragma once

#include "engine/calendar.hpp"
#include "report/report_info.hpp"

#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

namespace dutycheck::report {

/// Identifies the JSON calendar; changes only when a field is removed, renamed or changes meaning.
inline constexpr const char* json_calendar_format = "dutycheck.calendar/1";

/// The calendar format names: text, json, ics.
const std::vector<std::string>& calendar_format_names();

/// Each file's calendar under three headings (missed, due within 90 days, later), a line per
/// deadline: its date, the rule's title, the object, the duties and the citation.
void write_calendar_text(std::ostream& out, const std::vector<engine::Calendar>& calendars);

/// One JSON object, `dutycheck.calendar/1` (docs/report-format.md), indented by two spaces.
void write_calendar_json(std::ostream& out, const std::vector<engine::Calendar>& calendars, const ReportInfo& info);

/// An iCalendar object: one all-day VEVENT per deadline, CRLF line endings, lines folded at 75
/// octets without splitting a UTF-8 character, text escaped. DTSTAMP is the as-of date at
/// midnight UTC, so the same run gives the same file; each UID is stable across runs for the
/// same file, rule and object.
void write_calendar_ics(std::ostream& out, const std::vector<engine::Calendar>& calendars);

/// Writes `calendars` in `format` (one of calendar_format_names()).
void write_calendar(std::ostream& out, std::string_view format, const std::vector<engine::Calendar>& calendars,
                    const ReportInfo& info);

/// iCalendar TEXT escaping (RFC 5545 3.3.11): backslash, semicolon, comma and newline.
std::string ics_escape(std::string_view text);

/// One content line folded as RFC 5545 3.1 asks: at most 75 octets a line, continuation lines
/// beginning with a space, never inside a UTF-8 character; each line ends with CRLF.
std::string ics_fold(std::string_view line);

}  // namespace dutycheck::report
