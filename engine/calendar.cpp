// The statutory calendar: the due dates the rules gave the findings, classified against the as-of date.
#include "engine/calendar.hpp"

#include <algorithm>

namespace dutycheck::engine {

std::string_view to_string(DeadlineState state) {
    switch (state) {
        case DeadlineState::missed: return "missed";
        case DeadlineState::due_soon: return "due_soon";
        case DeadlineState::later: return "later";
    }
    return "?";
}

Calendar calendar(const DocumentResult& result, Date as_of) {
    Calendar out{result.file, result.partnership_id, result.partnership_name, format_date(as_of), {}, {}, {}};
    const Date soon_until = add_days(as_of, due_soon_days);
    for (const Finding& finding : result.findings) {
        if (finding.due.empty()) continue;
        const auto due = parse_date(finding.due);
        if (!due) continue;  // the evaluator writes YYYY-MM-DD; anything else is no deadline
        CalendarEntry entry{finding.due, DeadlineState::later, finding.rule, finding.pointer, finding.object_name,
                            finding.status};
        if (due->days < as_of.days) {
            // A deadline gone by matters only while the duty fails: met, waived or not
            // applicable, it is done.
            const bool fails = finding.status == Status::unmet || finding.status == Status::unknown ||
                               finding.status == Status::waiver_expired;
            if (!fails) continue;
            entry.state = DeadlineState::missed;
            out.missed.push_back(std::move(entry));
        } else if (due->days <= soon_until.days) {
            entry.state = DeadlineState::due_soon;
            out.due_soon.push_back(std::move(entry));
        } else {
            out.later.push_back(std::move(entry));
        }
    }
    // ISO dates sort as text; a stable sort keeps the findings' order within a day.
    for (auto* list : {&out.missed, &out.due_soon, &out.later})
        std::stable_sort(list->begin(), list->end(),
                         [](const CalendarEntry& a, const CalendarEntry& b) { return a.date < b.date; });
    return out;
}

}  // namespace dutycheck::engine
