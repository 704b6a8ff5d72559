// Renders the statutory calendar: text for people, JSON for tools, iCalendar for calendar programs.
#include "report/calendar_report.hpp"

#include "report/labels.hpp"
#include "report/run_json.hpp"
#include "report/text_report.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <map>
#include <ostream>
#include <stdexcept>

namespace dutycheck::report {
namespace {

using engine::Calendar;
using engine::CalendarEntry;
using Json = nlohmann::ordered_json;

struct Section {
    const char* heading;
    const std::vector<CalendarEntry> Calendar::*entries;
};

// The three lists in the order a reader acts on them.
constexpr Section sections[] = {
    {"Missed", &Calendar::missed},
    {"Due within 90 days", &Calendar::due_soon},
    {"Later", &Calendar::later},
};

const engine::RuleInfo& rule_of(const CalendarEntry& entry) {
    static const engine::RuleInfo none;
    return entry.rule ? *entry.rule : none;
}

std::string what(const CalendarEntry& entry) {
    const std::string title = rule_of(entry).title;
    return valid_utf8(title + " — " + object_label(entry.pointer, entry.object_name));
}

Json entry_json(const CalendarEntry& entry) {
    const engine::RuleInfo& rule = rule_of(entry);
    return Json{
        {"date", entry.date},
        {"state", engine::to_string(entry.state)},
        {"rule", rule.id},
        {"title", rule.title},
        {"duties", rule.duties},
        {"citation", citation_json(rule.citation)},
        {"pointer", entry.pointer},
        {"object", entry.object_name},
        {"status", engine::to_string(entry.status)},
    };
}

// FNV-1a over the parts, each followed by a NUL so that ("ab", "c") and ("a", "bc") differ.
std::uint64_t stable_hash(std::initializer_list<std::string_view> parts) {
    std::uint64_t hash = 14695981039346656037ULL;
    for (const auto part : parts) {
        for (const char c : part) hash = (hash ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
        hash = (hash ^ 0U) * 1099511628211ULL;
    }
    return hash;
}

std::string hex(std::uint64_t value) {
    static constexpr char digits[] = "0123456789abcdef";
    std::string out(16, '0');
    for (int i = 15; i >= 0; --i, value >>= 4) out[static_cast<std::size_t>(i)] = digits[value & 0xF];
    return out;
}

// 2024-07-31 -> 20240731.
std::string ics_date(std::string_view iso) {
    std::string out;
    for (const char c : iso)
        if (c != '-') out += c;
    return out;
}

}  // namespace

const std::vector<std::string>& calendar_format_names() {
    static const std::vector<std::string> names{"text", "json", "ics"};
    return names;
}

// Where a deadline's words start: after two spaces, the date and two spaces.
constexpr std::size_t detail_indent = 14;

void write_calendar_text(std::ostream& out, const std::vector<Calendar>& calendars) {
    bool first = true;
    for (const Calendar& calendar : calendars) {
        if (!first) out << '\n';
        first = false;
        out << "Deadlines of " << valid_utf8(calendar.file);
        if (!calendar.partnership_name.empty()) out << " (" << valid_utf8(calendar.partnership_name) << ")";
        out << " as of " << calendar.as_of << '\n';
        for (const Section& section : sections) {
            const auto& entries = calendar.*section.entries;
            out << '\n' << section.heading << " (" << entries.size() << ")\n";
            if (entries.empty()) out << "  none\n";
            for (const CalendarEntry& entry : entries) {
                const engine::RuleInfo& rule = rule_of(entry);
                // A deadline still to come may already be settled; one missed says how it fails.
                std::string line = what(entry);
                if (entry.state == engine::DeadlineState::missed || entry.status != engine::Status::met)
                    line += " [" + std::string(status_words(entry.status)) + "]";
                out << "  " << entry.date << "  ";
                write_wrapped(out, line, detail_indent);
                out << std::string(detail_indent, ' ');
                write_wrapped(out, join_items(rule.duties, ", ") + "; " + rule.citation.source, detail_indent);
            }
        }
    }
}

void write_calendar_json(std::ostream& out, const std::vector<Calendar>& calendars, const ReportInfo& info) {
    Json documents = Json::array();
    for (const Calendar& calendar : calendars) {
        Json document{{"file", calendar.file},
                      {"partnership", {{"id", calendar.partnership_id}, {"name", calendar.partnership_name}}}};
        for (const auto& [key, list] : {std::pair{"missed", &calendar.missed}, std::pair{"due_soon", &calendar.due_soon},
                                        std::pair{"later", &calendar.later}}) {
            Json entries = Json::array();
            for (const CalendarEntry& entry : *list) entries.push_back(entry_json(entry));
            document[key] = std::move(entries);
        }
        documents.push_back(std::move(document));
    }
    const Json report{
        {"format", json_calendar_format},
        {"tool", {{"name", "dutycheck"}, {"version", info.tool_version}}},
        {"as_of", info.as_of},
        {"due_soon_days", engine::due_soon_days},
        {"rule_packs", pack_names(info.packs)},
        {"packs", packs_json(info.packs)},
        {"documents", std::move(documents)},
    };
    out << report.dump(2, ' ', false, Json::error_handler_t::replace) << '\n';
}

std::string ics_escape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (const char c : text) {
        switch (c) {
            case '\\': out += "\\\\"; break;
            case ';': out += "\\;"; break;
            case ',': out += "\\,"; break;
            case '\n': out += "\\n"; break;
            case '\r': break;  // a CRLF in the text is one line break, written once
            default: out += c;
        }
    }
    return out;
}

std::string ics_fold(std::string_view line) {
    std::string out;
    std::size_t width = 0;  // octets on the current output line
    for (std::size_t i = 0; i < line.size();) {
        // The whole UTF-8 character starting at i, so that a fold never splits it.
        std::size_t length = 1;
        while (i + length < line.size() && (static_cast<unsigned char>(line[i + length]) & 0xC0) == 0x80) ++length;
        if (width + length > 75) {
            out += "\r\n ";
            width = 1;
        }
        out.append(line.substr(i, length));
        width += length;
        i += length;
    }
    return out + "\r\n";
}

void write_calendar_ics(std::ostream& out, const std::vector<Calendar>& calendars) {
    auto line = [&](std::string_view text) { out << ics_fold(text); };
    line("BEGIN:VCALENDAR");
    line("VERSION:2.0");
    line("PRODID:-//dutycheck//statutory calendar//EN");
    line("CALSCALE:GREGORIAN");
    line("METHOD:PUBLISH");
    std::map<std::string, int> uids;  // a UID seen twice (two instances at one pointer) gets a suffix
    for (const Calendar& calendar : calendars) {
        for (const Section& section : sections) {
            for (const CalendarEntry& entry : calendar.*section.entries) {
                const engine::RuleInfo& rule = rule_of(entry);
                const auto day = engine::parse_date(entry.date);
                if (!day) continue;
                std::string uid = hex(stable_hash({calendar.file, rule.id, entry.pointer}));
                if (const int seen = uids[uid]++; seen > 0) uid += "-" + std::to_string(seen + 1);
                std::string description = "Duty: " + join_items(rule.duties, ", ") + "\nCitation: " +
                                          rule.citation.source;
                if (!rule.citation.url.empty()) description += "\n" + rule.citation.url;
                description += "\nStatus on " + calendar.as_of + ": " + std::string(status_words(entry.status));
                description += "\nRule: " + rule.id + "\nFile: " + calendar.file +
                               (entry.pointer.empty() ? std::string() : " at " + entry.pointer);
                line("BEGIN:VEVENT");
                line("UID:" + uid + "@dutycheck");
                line("DTSTAMP:" + ics_date(calendar.as_of) + "T000000Z");
                line("DTSTART;VALUE=DATE:" + ics_date(entry.date));
                line("DTEND;VALUE=DATE:" + ics_date(engine::format_date(engine::add_days(*day, 1))));
                line("SUMMARY:" + ics_escape(what(entry)));
                line("DESCRIPTION:" + ics_escape(valid_utf8(description)));
                line("CATEGORIES:" + std::string(engine::to_string(entry.state)));
                line("TRANSP:TRANSPARENT");
                line("END:VEVENT");
            }
        }
    }
    line("END:VCALENDAR");
}

void write_calendar(std::ostream& out, std::string_view format, const std::vector<Calendar>& calendars,
                    const ReportInfo& info) {
    if (format == "text") write_calendar_text(out, calendars);
    else if (format == "json") write_calendar_json(out, calendars, info);
    else if (format == "ics") write_calendar_ics(out, calendars);
    else throw std::invalid_argument("unknown calendar format '" + std::string(format) + "'");
}

}  // namespace dutycheck::report
