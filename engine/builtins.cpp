// Builtin functions: signatures for the checker and implementations for the evaluator, side by side.
#include "engine/builtins.hpp"

#include "dsl/source.hpp"
#include "engine/value_ops.hpp"

#include <algorithm>
#include <cmath>
#include <unordered_set>

namespace dutycheck::engine {
namespace {

using T = StaticType;

Value boolean(bool b) { return Value{b}; }

// A key that identifies a scalar value for hashing: its kind and its text.
// (Built with append rather than "x" + string: GCC 12 warns falsely on the latter at -O2.)
std::optional<std::string> scalar_key(const Value& value) {
    std::string key;
    if (const auto* text = as_string(value)) return key.append("s").append(*text);
    if (const auto number = as_number(value)) return key.append("n").append(format_number(*number));
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

Value number_argument(const Document& doc, const Value& value, std::optional<double>& out) {
    if (value.is_missing()) return unknown_from(doc, {&value});
    out = as_number(value);
    if (!out) return type_problem(doc, value, "a number");
    return {};
}

Value shift_date(const Document& doc, const std::vector<Value>& args, Date (*shift)(Date, std::int64_t)) {
    std::optional<Date> date;
    std::optional<double> amount;
    if (Value problem = date_argument(doc, args[0], date); problem.is_unknown()) return problem;
    if (Value problem = number_argument(doc, args[1], amount); problem.is_unknown()) return problem;
    return Value{shift(*date, static_cast<std::int64_t>(*amount))};
}

// The largest or smallest of a list of numbers, or of dates (strings from the file read as
// dates); absent for an empty list, so `exists(max(…))` asks whether there is any.
Value extreme(const Document& doc, const std::vector<Value>& items, bool largest) {
    if (items.empty()) return Value{Absent{}};
    const bool numbers = as_number(items.front()).has_value();
    std::optional<std::size_t> best;
    double best_number = 0;
    std::int32_t best_day = 0;
    for (std::size_t i = 0; i < items.size(); ++i) {
        const Value& item = items[i];
        if (item.is_missing()) return unknown_from(doc, {&item});
        double key = 0;
        if (numbers) {
            const auto number = as_number(item);
            if (!number) return type_problem(doc, item, "a number");
            key = *number;
        } else {
            const auto date = as_date(item);
            if (!date) return type_problem(doc, item, "a date (YYYY-MM-DD or YYYY-MM)");
            key = date->days;
        }
        const double current = numbers ? best_number : best_day;
        if (!best || (largest ? key > current : key < current)) {
            best = i;
            best_number = key;
            best_day = static_cast<std::int32_t>(key);
        }
    }
    if (numbers) return items[*best];
    Value date{*as_date(items[*best]), items[*best].origin};
    return date;
}

}  // namespace

const std::vector<BuiltinSignature>& builtin_table() {
    static const std::vector<BuiltinSignature> table = {
        {"add_days", Builtin::add_days, 2, 2, {T::date, T::number}, T::date, "add_days(DATE, N)"},
        {"add_months", Builtin::add_months, 2, 2, {T::date, T::number}, T::date, "add_months(DATE, N)"},
        {"add_years", Builtin::add_years, 2, 2, {T::date, T::number}, T::date, "add_years(DATE, N)"},
        {"abs", Builtin::abs, 1, 1, {T::number, T::any}, T::number, "abs(N)"},
        {"count", Builtin::count, 1, 1, {T::list, T::any}, T::number, "count(LIST) or count(x in LIST where P)"},
        {"date", Builtin::date, 1, 1, {T::string, T::any}, T::date, "date(\"YYYY-MM-DD\")"},
        {"days_between", Builtin::days_between, 2, 2, {T::date, T::date}, T::number, "days_between(FROM, TO)"},
        {"distinct", Builtin::distinct, 1, 1, {T::list, T::any}, T::list, "distinct(LIST)"},
        {"empty", Builtin::empty, 1, 1, {T::any, T::any}, T::boolean, "empty(X)"},
        {"exists", Builtin::exists, 1, 1, {T::any, T::any}, T::boolean, "exists(X)"},
        {"is_number", Builtin::is_number, 1, 1, {T::any, T::any}, T::boolean, "is_number(X)"},
        {"length", Builtin::length, 1, 1, {T::any, T::any}, T::number, "length(STRING or LIST)"},
        {"max", Builtin::max, 1, 1, {T::list, T::any}, T::any, "max(LIST of numbers or dates)"},
        {"min", Builtin::min, 1, 1, {T::list, T::any}, T::any, "min(LIST of numbers or dates)"},
        {"matches", Builtin::matches, 2, 2, {T::string, T::string}, T::boolean, "matches(STRING, \"REGEX\")"},
        {"sum", Builtin::sum, 1, 1, {T::list, T::any}, T::number, "sum(LIST of numbers)"},
        {"years_between", Builtin::years_between, 2, 2, {T::date, T::date}, T::number, "years_between(FROM, TO)"},
    };
    return table;
}

const BuiltinSignature* find_builtin(std::string_view name) {
    for (const auto& signature : builtin_table())
        if (signature.name == name) return &signature;
    return nullptr;
}

std::vector<std::string> callable_names() {
    std::vector<std::string> names{"any", "all", "none", "select", "if", "lookup"};
    for (const auto& signature : builtin_table()) names.emplace_back(signature.name);
    return names;
}

Value call_builtin(Builtin id, const std::vector<Value>& args, const Document& doc, const std::regex* pattern) {
    switch (id) {
        case Builtin::exists:
            if (args[0].is_absent()) return boolean(false);
            if (args[0].is_unknown()) return args[0];
            return boolean(true);
        case Builtin::is_number:
            // The format lets a few fields be a bare number or an object (a direction's budget).
            if (args[0].is_missing()) return unknown_from(doc, {&args[0]});
            return boolean(as_number(args[0]).has_value());
        case Builtin::empty: {
            if (args[0].is_missing()) return unknown_from(doc, {&args[0]});
            if (const auto* text = as_string(args[0])) return boolean(text->empty());
            if (const auto* node = std::get_if<DocNode>(&args[0].data)) return boolean(doc.size(node->id) == 0);
            if (const auto* list = std::get_if<ListPtr>(&args[0].data)) return boolean((*list)->empty());
            return type_problem(doc, args[0], "a string, list or object");
        }
        case Builtin::length: {
            if (args[0].is_missing()) return unknown_from(doc, {&args[0]});
            if (const auto* text = as_string(args[0])) return Value{static_cast<double>(dsl::code_point_count(*text))};
            Value problem;
            if (auto items = elements_of(doc, args[0], problem)) return Value{static_cast<double>(items->size())};
            return type_problem(doc, args[0], "a string or list");
        }
        case Builtin::matches: {
            if (args[0].is_missing()) return unknown_from(doc, {&args[0]});
            const auto* text = as_string(args[0]);
            if (!text) return type_problem(doc, args[0], "a string");
            return boolean(pattern != nullptr && std::regex_search(*text, *pattern));
        }
        case Builtin::count: {
            Value problem;
            if (auto items = elements_of(doc, args[0], problem)) return Value{static_cast<double>(items->size())};
            return problem;
        }
        case Builtin::distinct: {
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
        case Builtin::max:
        case Builtin::min: {
            Value problem;
            auto items = elements_of(doc, args[0], problem);
            if (!items) return problem;
            return extreme(doc, *items, id == Builtin::max);
        }
        case Builtin::sum: {
            Value problem;
            auto items = elements_of(doc, args[0], problem);
            if (!items) return problem;
            double total = 0;
            for (const auto& item : *items) {
                if (item.is_missing()) return unknown_from(doc, {&item});
                const auto number = as_number(item);
                if (!number) return type_problem(doc, item, "a number");
                total += *number;
            }
            return Value{total};
        }
        case Builtin::abs: {
            std::optional<double> number;
            if (Value problem = number_argument(doc, args[0], number); problem.is_unknown()) return problem;
            return Value{std::fabs(*number)};
        }
        case Builtin::years_between: {
            std::optional<Date> from, to;
            if (Value problem = date_argument(doc, args[0], from); problem.is_unknown()) return problem;
            if (Value problem = date_argument(doc, args[1], to); problem.is_unknown()) return problem;
            // Whole years: the largest N whose anniversary of FROM is on or before TO.
            const CivilDate a = to_civil(*from), b = to_civil(*to);
            std::int64_t years = b.year - a.year;
            if (add_years(*from, years) > *to) --years;
            return Value{static_cast<double>(years)};
        }
        case Builtin::date: {
            std::optional<Date> date;
            if (Value problem = date_argument(doc, args[0], date); problem.is_unknown()) return problem;
            return Value{*date};
        }
        case Builtin::add_years: return shift_date(doc, args, add_years);
        case Builtin::add_months: return shift_date(doc, args, add_months);
        case Builtin::add_days: return shift_date(doc, args, add_days);
        case Builtin::days_between: {
            std::optional<Date> from, to;
            if (Value problem = date_argument(doc, args[0], from); problem.is_unknown()) return problem;
            if (Value problem = date_argument(doc, args[1], to); problem.is_unknown()) return problem;
            return Value{static_cast<double>(to->days - from->days)};
        }
    }
    return Value{Unknown{{Missing{{}, MissingReason::wrong_type, "a function the engine knows", "another"}}}};
}

}  // namespace dutycheck::engine
