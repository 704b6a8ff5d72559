// The builtin functions: their implementations and the one table that names, types and documents them.
#include "engine/builtins.hpp"

#include "dsl/text.hpp"

#include <re2/re2.h>

#include "dsl/source.hpp"
#include "engine/value_ops.hpp"

#include <algorithm>
#include <unordered_set>

namespace dutycheck::engine {
namespace {

using T = StaticType;

Value boolean(bool b) { return Value{b}; }

// A key that identifies a scalar value for hashing: its kind and its text.
// (Built with append rather than "x" + string: GCC 12 warns falsely on the latter at -O2.)
std::optional<std::string> scalar_key(const Value& value) {
    std::string key;
    // Text by its identity, as == compares it: "Ann Smith" and "ann smith " are one value.
    if (const auto* text = as_string(value)) return key.append("s").append(dsl::identity_key(*text));
    if (const auto number = as_number(value)) return key.append("n").append(number->key());
    if (const auto boolean = as_boolean(value)) return key.append(*boolean ? "btrue" : "bfalse");
    if (const auto* date = std::get_if<Date>(&value.data)) return key.append("d").append(std::to_string(date->days));
    return std::nullopt;
}

Value date_argument(const Document& doc, const Value& value, std::optional<Date>& out) {
    if (value.is_missing()) return unknown_from(doc, {&value});
    out = as_date(value);
    // A string shaped like a date that names no day ("2019-02-30") is out of range, not mistyped.
    const std::string* text = as_string(value);
    const bool date_shaped = text != nullptr && (text->size() == 7 || text->size() == 10) &&
                             text->find_first_not_of("0123456789-") == std::string::npos;
    if (!out)
        return type_problem(doc, value, "a date (YYYY-MM-DD or YYYY-MM)",
                            date_shaped ? MissingReason::out_of_range : MissingReason::wrong_type);
    return {};
}

Value number_argument(const Document& doc, const Value& value, std::optional<Number>& out) {
    if (value.is_missing()) return unknown_from(doc, {&value});
    out = as_number(value);
    if (!out) return type_problem(doc, value, "a number");
    return {};
}

// The most days, months or years a date may be moved: far beyond any statutory period, and near
// enough that no calendar arithmetic can overflow.
constexpr std::int64_t max_date_shift = 1'000'000;

Value shift_date(const Document& doc, const std::vector<Value>& args, Date (*shift)(Date, std::int64_t),
                 const char* unit) {
    std::optional<Date> date;
    std::optional<Number> amount;
    if (Value problem = date_argument(doc, args[0], date); problem.is_unknown()) return problem;
    if (Value problem = number_argument(doc, args[1], amount); problem.is_unknown()) return problem;
    // A calendar moves in whole days, months and years: 1.5 months is not a date, so it is never
    // rounded into one.
    const auto whole = amount->to_int64();
    if (!whole || *whole > max_date_shift || *whole < -max_date_shift)
        return type_problem(doc, args[1],
                            std::string("a whole number of ") + unit + ", at most " + std::to_string(max_date_shift) +
                                " either way",
                            MissingReason::out_of_range);
    // The result keeps the date's origin, so a question about its precision names the field.
    return Value{shift(*date, *whole), args[0].origin};
}

// A count of whole days or years between two dates: decided when it is the same for every day
// each may be, else unknown, naming the less precise date. `between` counts from one day to
// another and never decreases as the second moves later or the first earlier.
Value count_between(const Document& doc, const std::vector<Value>& args, Date from, Date to,
                    std::int64_t (*between)(std::int32_t, std::int32_t)) {
    const std::int64_t fewest = between(from.days, to.first());
    const std::int64_t most = between(from.first(), to.days);
    if (fewest == most) return Value{Number(fewest)};
    const bool from_vaguer = from.span >= to.span;
    return imprecise_date(doc, args[from_vaguer ? 0 : 1], from_vaguer ? from : to,
                          "the day (YYYY-MM-DD), which decides the count");
}

// The largest or smallest of a list of numbers, or of dates (strings from the file read as
// dates); absent for an empty list, so `exists(max(…))` asks whether there is any.
Value extreme(const Document& doc, const std::vector<Value>& items, bool largest) {
    if (items.empty()) return Value{Absent{}};
    const bool numbers = as_number(items.front()).has_value();
    std::optional<std::size_t> best;
    Number best_number;
    std::optional<Date> best_date;  // for runs of days that overlap, a run of its own
    for (std::size_t i = 0; i < items.size(); ++i) {
        const Value& item = items[i];
        if (item.is_missing()) return unknown_from(doc, {&item});
        if (numbers) {
            const auto number = as_number(item);
            if (!number) return type_problem(doc, item, "a number");
            if (!best || (largest ? *number > best_number : *number < best_number)) {
                best = i;
                best_number = *number;
            }
            continue;
        }
        const auto date = as_date(item);
        if (!date) return type_problem(doc, item, "a date (YYYY-MM-DD or YYYY-MM)");
        const Date next = !best_date ? *date : largest ? latest(*best_date, *date) : earliest(*best_date, *date);
        if (!best_date || next != *best_date) best = i;
        best_date = next;
    }
    if (numbers) return items[*best];
    return Value{*best_date, items[*best].origin};
}


// ---- the builtins, in the order of the table -----------------------------------------
// Each takes its evaluated arguments, as many as its arity. Missing inputs make the result
// unknown, except for exists(), which is about absence.

using Arguments = std::vector<Value>;

Value call_add_days(const Arguments& args, const Document& doc, const re2::RE2*) {
    return shift_date(doc, args, add_days, "days");
}

Value call_add_months(const Arguments& args, const Document& doc, const re2::RE2*) {
    return shift_date(doc, args, add_months, "months");
}

Value call_add_years(const Arguments& args, const Document& doc, const re2::RE2*) {
    return shift_date(doc, args, add_years, "years");
}

Value call_abs(const Arguments& args, const Document& doc, const re2::RE2*) {
    std::optional<Number> number;
    if (Value problem = number_argument(doc, args[0], number); problem.is_unknown()) return problem;
    return Value{number->abs()};
}

Value call_count(const Arguments& args, const Document& doc, const re2::RE2*) {
    Value problem;
    auto items = elements_of(doc, args[0], problem);
    if (!items) return problem;
    const auto count = known_count(doc, *items, problem);
    return count ? Value{Number(static_cast<std::int64_t>(*count))} : problem;
}

Value call_date(const Arguments& args, const Document& doc, const re2::RE2*) {
    std::optional<Date> date;
    if (Value problem = date_argument(doc, args[0], date); problem.is_unknown()) return problem;
    return Value{*date, args[0].origin};
}

Value call_days_between(const Arguments& args, const Document& doc, const re2::RE2*) {
    std::optional<Date> from, to;
    if (Value problem = date_argument(doc, args[0], from); problem.is_unknown()) return problem;
    if (Value problem = date_argument(doc, args[1], to); problem.is_unknown()) return problem;
    return count_between(doc, args, *from, *to,
                         [](std::int32_t a, std::int32_t b) { return static_cast<std::int64_t>(b) - a; });
}

Value call_distinct(const Arguments& args, const Document& doc, const re2::RE2*) {
    Value problem;
    auto items = elements_of(doc, args[0], problem);
    if (!items) return problem;
    // Scalars are keyed by kind and text, so `count(distinct(localities.id))` stays
    // linear on a large file; other values fall back to pairwise comparison.
    std::unordered_set<std::string> seen_scalars;
    std::vector<Value> unique;
    for (auto& item : *items) {
        if (auto key = scalar_key(item)) {
            if (seen_scalars.insert(std::move(*key)).second) unique.push_back(std::move(item));
            continue;
        }
        const bool seen = std::any_of(unique.begin(), unique.end(), [&](const Value& kept) {
            Value ignored;
            return equals(doc, item, kept, ignored) == Truth::true_;
        });
        if (!seen) unique.push_back(std::move(item));
    }
    return make_list(std::move(unique));
}

Value call_blank(const Arguments& args, const Document& doc, const re2::RE2*) {
    if (args[0].is_missing()) return unknown_from(doc, {&args[0]});
    if (const auto* text = as_string(args[0])) return boolean(dsl::is_blank(*text));
    return type_problem(doc, args[0], "a string");
}

Value call_empty(const Arguments& args, const Document& doc, const re2::RE2*) {
    if (args[0].is_missing()) return unknown_from(doc, {&args[0]});
    if (const auto* text = as_string(args[0])) return boolean(text->empty());
    if (const auto* node = std::get_if<DocNode>(&args[0].data); node && doc.kind(node->id) == NodeKind::object) {
        for (std::size_t i = 0; i < doc.size(node->id); ++i)
            if (doc.mark(doc.child(node->id, i)).kind != NodeMark::after_as_of) return boolean(false);
        return boolean(true);
    }
    // A list is empty when nothing is in it as of the date; it may be, when all it holds may not be.
    Value problem;
    if (auto items = elements_of(doc, args[0], problem)) {
        if (std::any_of(items->begin(), items->end(), [&](const Value& item) { return !may_be_absent(doc, item); }))
            return boolean(false);
        if (items->empty()) return boolean(true);
        known_count(doc, *items, problem);
        return problem;
    }
    if (std::holds_alternative<DocNode>(args[0].data) || std::holds_alternative<ListPtr>(args[0].data)) return problem;
    return type_problem(doc, args[0], "a string, list or object");
}

Value call_exists(const Arguments& args, const Document&, const re2::RE2*) {
    if (args[0].is_absent()) return boolean(false);
    if (args[0].is_unknown()) return args[0];
    return boolean(true);
}

Value call_is_number(const Arguments& args, const Document& doc, const re2::RE2*) {
    // The format lets a few fields be a bare number or an object (a direction's budget).
    if (args[0].is_missing()) return unknown_from(doc, {&args[0]});
    return boolean(as_number(args[0]).has_value());
}

Value call_length(const Arguments& args, const Document& doc, const re2::RE2*) {
    if (args[0].is_missing()) return unknown_from(doc, {&args[0]});
    if (const auto* text = as_string(args[0])) return Value{Number(static_cast<std::int64_t>(dsl::code_point_count(*text)))};
    Value problem;
    if (auto items = elements_of(doc, args[0], problem)) return Value{Number(static_cast<std::int64_t>(items->size()))};
    return type_problem(doc, args[0], "a string or list");
}

Value extreme_of(const Document& doc, const Value& list, bool largest) {
    Value problem;
    auto items = elements_of(doc, list, problem);
    if (!items) return problem;
    return extreme(doc, *items, largest);
}

Value call_max(const Arguments& args, const Document& doc, const re2::RE2*) {
    return extreme_of(doc, args[0], true);
}

Value call_min(const Arguments& args, const Document& doc, const re2::RE2*) {
    return extreme_of(doc, args[0], false);
}

Value call_matches(const Arguments& args, const Document& doc, const re2::RE2* pattern) {
    if (args[0].is_missing()) return unknown_from(doc, {&args[0]});
    const auto* text = as_string(args[0]);
    if (!text) return type_problem(doc, args[0], "a string");
    if (pattern == nullptr) return boolean(false);
    // Text is matched as written and as people read it (its identity: case folded, invisible
    // characters gone, lookalike letters read as Latin), so a byte-order mark or a Cyrillic 'о'
    // cannot hide "Complete" from a pattern that looks for it.
    return boolean(re2::RE2::PartialMatch(*text, *pattern) || re2::RE2::PartialMatch(dsl::identity_key(*text), *pattern));
}

Value call_sum(const Arguments& args, const Document& doc, const re2::RE2*) {
    Value problem;
    auto items = elements_of(doc, args[0], problem);
    if (!items) return problem;
    Number total;
    for (const auto& item : *items) {
        if (item.is_missing()) return unknown_from(doc, {&item});
        const auto number = as_number(item);
        if (!number) return type_problem(doc, item, "a number");
        const auto sum = total.plus(*number);
        if (!sum) return out_of_range_result(doc, {&item}, "sum");
        total = *sum;
    }
    return Value{total};
}

Value call_years_between(const Arguments& args, const Document& doc, const re2::RE2*) {
    std::optional<Date> from, to;
    if (Value problem = date_argument(doc, args[0], from); problem.is_unknown()) return problem;
    if (Value problem = date_argument(doc, args[1], to); problem.is_unknown()) return problem;
    // Whole years: the largest N whose anniversary of FROM is on or before TO.
    return count_between(doc, args, *from, *to, [](std::int32_t a, std::int32_t b) {
        const Date first{a, 0, false}, last{b, 0, false};
        std::int64_t years = to_civil(last).year - to_civil(first).year;
        if (add_years(first, years) > last) --years;
        return years;
    });
}

// Text a question about words can be asked of: a string that records something. Absent,
// unknown, not a string, or blank (no visible character, so nothing recorded) is unknown, so
// `not contains(status, "draft")` never passes on a status that says nothing.
Value recorded_text(const Document& doc, const Value& value, const std::string*& out) {
    if (value.is_missing()) return unknown_from(doc, {&value});
    out = as_string(value);
    if (out == nullptr) return type_problem(doc, value, "a string");
    if (dsl::is_blank(*out)) return blank_text(doc, value);
    return {};
}

Value call_contains(const Arguments& args, const Document& doc, const re2::RE2*) {
    const std::string *text = nullptr, *part = nullptr;
    if (Value problem = recorded_text(doc, args[0], text); problem.is_unknown()) return problem;
    if (Value problem = recorded_text(doc, args[1], part); problem.is_unknown()) return problem;
    return boolean(dsl::identity_contains(*text, *part));
}

Value call_starts_with(const Arguments& args, const Document& doc, const re2::RE2*) {
    const std::string *text = nullptr, *prefix = nullptr;
    if (Value problem = recorded_text(doc, args[0], text); problem.is_unknown()) return problem;
    if (Value problem = recorded_text(doc, args[1], prefix); problem.is_unknown()) return problem;
    return boolean(dsl::identity_starts_with(*text, *prefix));
}

// lower() and trim() give text, so blank text gives "" (as it reads everywhere) and the question
// asked of the result decides; the result keeps the origin, so an unknown names the field.
Value text_argument(const Document& doc, const Value& value, const std::string*& out) {
    if (value.is_missing()) return unknown_from(doc, {&value});
    out = as_string(value);
    if (out == nullptr) return type_problem(doc, value, "a string");
    return {};
}

Value call_lower(const Arguments& args, const Document& doc, const re2::RE2*) {
    const std::string* text = nullptr;
    if (Value problem = text_argument(doc, args[0], text); problem.is_unknown()) return problem;
    return Value{dsl::lower_case(*text), args[0].origin};
}

Value call_trim(const Arguments& args, const Document& doc, const re2::RE2*) {
    const std::string* text = nullptr;
    if (Value problem = text_argument(doc, args[0], text); problem.is_unknown()) return problem;
    return Value{std::string(dsl::trim_invisible(*text)), args[0].origin};
}

// The longest window within_months() looks back: a century, far beyond any statutory period.
constexpr std::int64_t max_window_months = 1200;

// `within_months(DATE, N)`, given the as-of date after its own arguments: DATE lies in the N
// months that end on the as-of date. Like a period of N years beginning with a day (period_end),
// the window ending on a day begins the day after the same day N months before, so 12 months
// as of 2025-03-31 run from 2024-04-01. A date after the as-of date is not within it.
Value call_within_months(const Arguments& args, const Document& doc, const re2::RE2*) {
    std::optional<Date> date;
    std::optional<Number> amount;
    if (Value problem = date_argument(doc, args[0], date); problem.is_unknown()) return problem;
    if (Value problem = number_argument(doc, args[1], amount); problem.is_unknown()) return problem;
    const auto months = amount->to_int64();
    if (!months || *months < 1 || *months > max_window_months)
        return type_problem(doc, args[1],
                            "a whole number of months from 1 to " + std::to_string(max_window_months),
                            MissingReason::out_of_range);
    const Date as_of = *as_date(args[2]);
    const Date before = add_months(as_of, -*months);  // the last day outside the window
    const auto after_start = relate(*date, DateRelation::after, before);
    const auto not_later = relate(*date, DateRelation::on_or_before, as_of);
    if (after_start == false || not_later == false) return boolean(false);
    if (after_start == true && not_later == true) return boolean(true);
    return imprecise_date(doc, args[0], *date,
                          "the day (YYYY-MM-DD), which decides whether it is within the " +
                              std::to_string(*months) + " months up to the as-of date");
}

}  // namespace

// The order matters only to suggestions: of two names equally close to a misspelling, the first wins.
const std::vector<Builtin>& builtin_table() {
    static const std::vector<Builtin> table = {
        {"add_days", {T::date, T::number}, T::date, "add_days(DATE, N)",
         "the date N days after DATE (before it, for a negative N); N is a whole number, as for the next two", call_add_days},
        {"add_months", {T::date, T::number}, T::date, "add_months(DATE, N)",
         "the same day of the month N months on, or the month's last day if it is shorter (below)", call_add_months},
        {"add_years", {T::date, T::number}, T::date, "add_years(DATE, N)",
         "the same day N years on; from 29 February to a year without one, 1 March (below)", call_add_years},
        {"abs", {T::number}, T::number, "abs(N)", "absolute value", call_abs},
        {"count", {T::list}, T::number, "count(LIST) or count(x in LIST where P)",
         "number of elements; with a binding, of the elements for which P holds (`where P` is optional)", call_count},
        {"contains", {T::string, T::string}, T::boolean, "contains(TEXT, PART)",
         "true if PART occurs in TEXT, compared as people read them (their identity, as `==`: case, spacing and "
         "invisible characters aside); unknown if either is absent or blank. For a list, write `VALUE in LIST`",
         call_contains},
        {"date", {T::string}, T::date, "date(\"YYYY-MM-DD\")", "the date in a string", call_date},
        {"days_between", {T::date, T::date}, T::number, "days_between(FROM, TO)", "whole days from FROM to TO",
         call_days_between},
        {"distinct", {T::list}, T::list, "distinct(LIST)", "the list without repeated values", call_distinct},
        {"blank", {T::string}, T::boolean, "blank(TEXT)",
         "true if the text has no visible character (white space of any kind, zero-width and other invisible "
         "characters only: the one definition of recorded text); unknown if TEXT is absent",
         call_blank},
        {"empty", {T::any}, T::boolean, "empty(X)", "a string, list or object has no content; unknown if X is absent",
         call_empty},
        {"exists", {T::any}, T::boolean, "exists(X)",
         "true if X is present and not null; false if absent; unknown only if X could not be computed", call_exists},
        {"is_number", {T::any}, T::boolean, "is_number(X)",
         "true if X is a number, false if it is anything else; unknown if X is absent. For fields the format lets "
         "be a bare number or an object (a direction's `budget`)",
         call_is_number},
        {"length", {T::any}, T::number, "length(STRING or LIST)", "characters of a string, elements of a list",
         call_length},
        {"lower", {T::string}, T::string, "lower(TEXT)",
         "TEXT with each letter in lower case (Unicode's simple mapping), for messages: comparisons already ignore case",
         call_lower},
        {"max", {T::list}, T::any, "max(LIST of numbers or dates)",
         "the largest number or latest date (strings from the file are read as dates); absent for an empty list",
         call_max},
        {"min", {T::list}, T::any, "min(LIST of numbers or dates)",
         "the smallest number or earliest date (strings from the file are read as dates); absent for an empty list",
         call_min},
        {"matches", {T::string, T::string}, T::boolean, "matches(STRING, \"REGEX\")",
         "RE2 regular expression search (linear in the text) on the text as written or as people read it "
         "(its identity: case folded, invisible characters dropped, lookalike letters read as Latin); the "
         "pattern must be a literal and is checked when the pack loads",
         call_matches, true},
        {"period_end", {T::date, T::number}, T::date, "period_end(DATE, N)",
         "the last day of a period of N years beginning with DATE: the day before its Nth anniversary (below)",
         [](const Arguments& args, const Document& doc, const re2::RE2*) { return shift_date(doc, args, period_end, "years"); }},
        {"starts_with", {T::string, T::string}, T::boolean, "starts_with(TEXT, PREFIX)",
         "true if TEXT begins with PREFIX, compared as `contains` compares; unknown if either is absent or blank",
         call_starts_with},
        {"sum", {T::list}, T::number, "sum(LIST of numbers)", "total of a list of numbers", call_sum, false, false,
         T::number},
        {"trim", {T::string}, T::string, "trim(TEXT)",
         "TEXT without white space or other invisible characters at either end (blank text gives `\"\"`)",
         call_trim},
        {"within_months", {T::date, T::number}, T::boolean, "within_months(DATE, N)",
         "true if DATE lies in the N months that end on the as-of date (from the day after the same day N months "
         "before, to the as-of date itself); false if it is after the as-of date; N is a whole number from 1 to "
         "1200 (below)",
         call_within_months, false, true},
        {"years_between", {T::date, T::date}, T::number, "years_between(FROM, TO)",
         "whole years from FROM to TO (the largest N whose anniversary of FROM is on or before TO)",
         call_years_between},
    };
    return table;
}

const Builtin* find_builtin(std::string_view name) {
    for (const auto& builtin : builtin_table())
        if (builtin.name == name) return &builtin;
    return nullptr;
}

const std::vector<SpecialForm>& special_forms() {
    static const std::vector<SpecialForm> forms = {
        {"any", "a binding and a condition", "any(x in LIST where CONDITION)"},
        {"all", "a binding and a condition", "all(x in LIST where CONDITION)"},
        {"none", "a binding and a condition", "none(x in LIST where CONDITION)"},
        {"select", "a binding and a condition", "select(x in LIST where CONDITION)"},
        {"if", "a condition and two values", "if(CONDITION, THEN, OTHERWISE)"},
        {"lookup", "a list, a field name and a value", "lookup(LIST, \"FIELD\", VALUE)"},
    };
    return forms;
}

namespace {

std::string_view parameter_noun(StaticType type) {
    switch (type) {
        case T::boolean: return "a condition";
        case T::number: return "a number";
        case T::string: return "a string";
        case T::date: return "a date";
        case T::list: return "a list";
        case T::object: return "an object";
        case T::any: break;
    }
    return "a value";
}

// "a list", "a date and a number", "two dates": a builtin's parameters in words, so that a new
// entry in the table needs no words of its own.
std::string parameters_in_words(const Builtin& builtin) {
    const auto& parameters = builtin.parameters;
    if (parameters.empty()) return "no arguments";
    if (parameters.size() == 2 && parameters[0] == parameters[1] && parameters[0] != T::any)
        return "two " + std::string(parameter_noun(parameters[0]).substr(2)) + "s";
    std::string words;
    for (std::size_t i = 0; i < parameters.size(); ++i) {
        if (i > 0) words += i + 1 == parameters.size() ? " and " : ", ";
        words += parameter_noun(parameters[i]);
    }
    return words;
}

}  // namespace

CallShape call_shape(std::string_view name) {
    if (const Builtin* builtin = find_builtin(name)) return {parameters_in_words(*builtin), builtin->usage};
    for (const auto& form : special_forms())
        if (form.name == name) return {std::string(form.takes), form.usage};
    return {};
}

std::vector<std::string> callable_names() {
    std::vector<std::string> names;
    for (const auto& form : special_forms()) names.emplace_back(form.name);
    for (const auto& builtin : builtin_table()) names.emplace_back(builtin.name);
    return names;
}

const std::vector<ForeignFunction>& foreign_functions() {
    // Names no edit distance leads from to the function this language has: what to write instead.
    static constexpr std::string_view length =
        "did you mean 'count'? (count(LIST) for a list's elements, length(STRING) for a string's characters)";
    static constexpr std::string_view as_of = "the date a check is run for is the value 'as_of', written without brackets";
    static constexpr std::string_view is_null = "write 'not exists(X)'";
    static constexpr std::string_view in = "write 'X in LIST'";
    static constexpr std::string_view date_diff = "write days_between(FROM, TO) or years_between(FROM, TO)";
    static const std::vector<ForeignFunction> table = {
        {"between",
         "write 'X >= LOW and X <= HIGH'; days_between(FROM, TO) counts the days from one date to another"},
        {"len", length}, {"size", length}, {"sizeof", length}, {"strlen", length},
        {"now", as_of}, {"today", as_of}, {"current_date", as_of}, {"getdate", as_of},
        {"filter", "did you mean 'select'? select(x in LIST where CONDITION)"},
        {"every", "did you mean 'all'? all(x in LIST where CONDITION)"},
        {"some", "did you mean 'any'? any(x in LIST where CONDITION)"},
        {"isnull", is_null}, {"is_null", is_null}, {"isnil", is_null},
        {"datediff", date_diff}, {"date_diff", date_diff},
        {"includes", in}, {"has", in},
    };
    return table;
}

std::string_view foreign_function_hint(std::string_view name) {
    for (const auto& foreign : foreign_functions())
        if (foreign.name == name) return foreign.hint;
    return {};
}

Value call_builtin(const Builtin* builtin, const std::vector<Value>& arguments, const Document& doc,
                   const re2::RE2* pattern) {
    return builtin->implementation(arguments, doc, pattern);
}

}  // namespace dutycheck::engine
