// Coercion, comparison and navigation of runtime values against the document.
#include "engine/value_ops.hpp"

#include "dsl/text.hpp"
#include "engine/json_pointer.hpp"
#include "engine/type_nouns.hpp"


namespace dutycheck::engine {
namespace {

// The pointer of `base` followed by `key`.
std::string member_pointer(std::string base, const std::string& key) {
    append_pointer_token(base, key);
    return base;
}

std::string pointer_of(const Document& doc, const Value& value) {
    if (const auto* absent = std::get_if<Absent>(&value.data)) return absent->pointer;
    if (const auto* node = std::get_if<DocNode>(&value.data)) return doc.pointer(node->id);
    if (value.origin != no_origin) return doc.pointer(value.origin);
    return {};
}

}  // namespace

Value from_node(const Document& doc, NodeId node) {
    // As of a date, what the file records after it is not there yet, and what it dates only to
    // that date's month may or may not be (engine/timeline.hpp).
    switch (const NodeMark mark = doc.mark(node); mark.kind) {
        case NodeMark::after_as_of: return Value{Absent{doc.pointer(node)}};
        case NodeMark::may_be_after_as_of:
            return Value{Unknown{{Missing{doc.pointer(mark.date), MissingReason::imprecise,
                                          "the day (YYYY-MM-DD), to tell whether it was on or before the as-of date",
                                          "the month " + std::string(doc.as_string(mark.date))}}},
                         node};
        case NodeMark::event_month:
            if (const auto date = parse_date(doc.as_string(node))) return Value{whole_month(*date), node};
            break;
        case NodeMark::none: break;
    }
    switch (doc.kind(node)) {
        case NodeKind::null: return Value{Absent{doc.pointer(node)}};
        case NodeKind::boolean: return Value{doc.as_bool(node), node};
        case NodeKind::number: {
            // The exact value of the literal as the file writes it, not the double the reader
            // keeps for the schema: 0.05 is 0.05.
            if (auto number = number_of(doc, node)) return Value{*number, node};
            return Value{Unknown{{Missing{doc.pointer(node), MissingReason::out_of_range,
                                          "a number of " + std::string(number_limits),
                                          "a number " + std::string(doc.number_text(node))}}}};
        }
        case NodeKind::string: {
            // Text with no visible character records nothing: it reads as the empty string, so a
            // no-break space or a zero-width space can never stand for a name, a reason or a text.
            const std::string_view text = doc.as_string(node);
            return Value{dsl::is_blank(text) ? std::string() : std::string(text), node};
        }
        case NodeKind::array:
        case NodeKind::object: return Value{DocNode{node}, node};
    }
    return Value{Absent{doc.pointer(node)}};
}

Value field_of(const Document& doc, const Value& base, const std::string& key) {
    if (const auto* absent = std::get_if<Absent>(&base.data))
        return Value{Absent{member_pointer(absent->pointer, key)}};
    if (base.is_unknown()) return base;
    if (const auto* node = std::get_if<DocNode>(&base.data)) {
        if (doc.kind(node->id) == NodeKind::object) {
            if (auto member = doc.member(node->id, key)) return from_node(doc, *member);
            return Value{Absent{member_pointer(doc.pointer(node->id), key)}};
        }
    }
    Value problem;
    if (auto items = elements_of(doc, base, problem)) {
        std::vector<Value> projected;
        projected.reserve(items->size());
        for (const Value& item : *items) {
            Value field = field_of(doc, item, key);
            if (field.is_absent()) continue;
            Value nested_problem;
            auto nested = std::holds_alternative<DocNode>(field.data) ? elements_of(doc, field, nested_problem)
                                                                         : std::nullopt;
            if (nested) {
                for (auto& element : *nested) projected.push_back(std::move(element));
            } else {
                projected.push_back(std::move(field));
            }
        }
        return make_list(std::move(projected));
    }
    return type_problem(doc, base, "an object with a field '" + key + "'");
}

std::optional<std::vector<Value>> elements_of(const Document& doc, const Value& list, Value& problem) {
    if (const auto* items = std::get_if<ListPtr>(&list.data)) return **items;
    if (const auto* node = std::get_if<DocNode>(&list.data); node && doc.kind(node->id) == NodeKind::array) {
        std::vector<Value> out;
        out.reserve(doc.size(node->id));
        for (std::size_t i = 0; i < doc.size(node->id); ++i) {
            const NodeId child = doc.child(node->id, i);
            // An element dated after the as-of date is not in the list as of that day.
            if (doc.mark(child).kind != NodeMark::after_as_of) out.push_back(from_node(doc, child));
        }
        return out;
    }
    problem = list.is_missing() ? unknown_from(doc, {&list})
                                : type_problem(doc, list, std::string(type_noun(TypeNoun::list)));
    return std::nullopt;
}

bool may_be_absent(const Document& doc, const Value& element) {
    return element.is_unknown() && element.origin != no_origin &&
           doc.mark(element.origin).kind == NodeMark::may_be_after_as_of;
}

std::optional<std::size_t> known_count(const Document& doc, const std::vector<Value>& items, Value& problem) {
    Unknown unsure;
    for (const Value& item : items)
        if (may_be_absent(doc, item)) collect_reasons(item, unsure.reasons);
    if (unsure.reasons.empty()) return items.size();
    problem = Value{std::move(unsure)};
    return std::nullopt;
}

void collect_reasons(const Value& value, std::vector<Missing>& out) {
    if (const auto* absent = std::get_if<Absent>(&value.data)) {
        out.push_back(Missing{absent->pointer, MissingReason::not_recorded, {}, {}});
    } else if (const auto* unknown = std::get_if<Unknown>(&value.data)) {
        out.insert(out.end(), unknown->reasons.begin(), unknown->reasons.end());
    }
}

Value unknown_from(const Document& doc, std::initializer_list<const Value*> values) {
    Unknown unknown;
    (void)doc;
    for (const Value* value : values) collect_reasons(*value, unknown.reasons);
    return Value{std::move(unknown)};
}

Value type_problem(const Document& doc, const Value& about, const std::string& expected, MissingReason reason) {
    if (about.is_missing()) return unknown_from(doc, {&about});
    return Value{Unknown{{Missing{pointer_of(doc, about), reason, expected, describe(doc, about)}}}};
}

Value blank_text(const Document& doc, const Value& about) {
    return Value{Unknown{{Missing{pointer_of(doc, about), MissingReason::not_recorded, {}, {}}}}};
}

Value imprecise_date(const Document& doc, const Value& about, const Date& date, const std::string& expected) {
    return Value{Unknown{{Missing{pointer_of(doc, about), MissingReason::imprecise, expected,
                                  (date.month_precision ? "the month " : "a date ") + format_date(date)}}}};
}

std::optional<Number> number_of(const Document& doc, NodeId node) {
    if (doc.kind(node) != NodeKind::number) return std::nullopt;
    return Number::parse(doc.number_text(node));
}

Value out_of_range_result(const Document& doc, std::initializer_list<const Value*> operands, const std::string& what) {
    const Value* about = *operands.begin();
    for (const Value* operand : operands)
        if (operand->origin != no_origin) {
            about = operand;
            break;
        }
    return type_problem(doc, *about, "numbers whose " + what + " has " + std::string(number_limits),
                        MissingReason::out_of_range);
}

std::optional<Number> as_number(const Value& value) {
    if (const auto* number = std::get_if<Number>(&value.data)) return *number;
    return std::nullopt;
}

std::optional<bool> as_boolean(const Value& value) {
    if (const auto* boolean = std::get_if<bool>(&value.data)) return *boolean;
    return std::nullopt;
}

const std::string* as_string(const Value& value) { return std::get_if<std::string>(&value.data); }

std::optional<Date> as_date(const Value& value) {
    if (const auto* date = std::get_if<Date>(&value.data)) return *date;
    if (const auto* text = as_string(value)) return parse_date(*text);
    return std::nullopt;
}

namespace {

enum class Kind { boolean, number, string, date, node, list, other };

Kind kind_of(const Value& value) {
    if (std::holds_alternative<bool>(value.data)) return Kind::boolean;
    if (std::holds_alternative<Number>(value.data)) return Kind::number;
    if (std::holds_alternative<std::string>(value.data)) return Kind::string;
    if (std::holds_alternative<Date>(value.data)) return Kind::date;
    if (std::holds_alternative<DocNode>(value.data)) return Kind::node;
    if (std::holds_alternative<ListPtr>(value.data)) return Kind::list;
    return Kind::other;
}

std::string_view kind_noun(Kind kind) {
    switch (kind) {
        case Kind::boolean: return type_noun(TypeNoun::boolean);
        case Kind::number: return type_noun(TypeNoun::number);
        case Kind::string: return type_noun(TypeNoun::string);
        case Kind::date: return type_noun(TypeNoun::date);
        case Kind::node: return type_noun(TypeNoun::object);
        case Kind::list: return type_noun(TypeNoun::list);
        case Kind::other: return "a value";
    }
    return "a value";
}

// Whether two operands meet as dates: either is a date (a string then reads as one), or both are
// strings that read as dates ("2023-07", the end of July, is after "2023-07-15", which a string
// comparison would get wrong).
bool meet_as_dates(const Value& a, const Value& b) {
    const Kind ka = kind_of(a), kb = kind_of(b);
    return ka == Kind::date || kb == Kind::date ||
           (ka == Kind::string && kb == Kind::string && as_date(a) && as_date(b));
}

// `a RELATION b` on two operands that meet as dates; unknown when a side is not a date, or when
// the answer depends on a day the file does not record (the less precise side is named).
Truth relate_dates(const Document& doc, const Value& a, DateRelation relation, const Value& b, Value& problem) {
    const auto da = as_date(a);
    const auto db = as_date(b);
    if (!da) problem = type_problem(doc, a, std::string(kind_noun(Kind::date)));
    else if (!db) problem = type_problem(doc, b, std::string(kind_noun(Kind::date)));
    if (!da || !db) return Truth::unknown;
    // The same field read twice is the same day, whichever day of its month that was.
    if (a.origin != no_origin && a.origin == b.origin && *da == *db) {
        const Date day{da->days, 0, false};
        const auto holds = relate(day, relation, day);
        return *holds ? Truth::true_ : Truth::false_;
    }
    if (const auto holds = relate(*da, relation, *db)) return *holds ? Truth::true_ : Truth::false_;
    const bool a_vaguer = da->span > db->span || (da->span == db->span && a.origin != no_origin);
    const Value& vague = a_vaguer ? a : b;
    const Date& other = a_vaguer ? *db : *da;
    problem = imprecise_date(doc, vague, a_vaguer ? *da : *db, "the day (YYYY-MM-DD), to compare with " + format_date(other));
    return Truth::unknown;
}

// Brings two operands to a common comparable kind (dates are compared by relate_dates).
std::optional<int> ordered(const Document& doc, const Value& a, const Value& b, Value& problem, bool equality) {
    const Kind ka = kind_of(a);
    const Kind kb = kind_of(b);
    if (ka != kb) {
        // The side from the document is the one in the wrong; name it.
        const bool a_from_document = a.origin != no_origin;
        problem = a_from_document ? type_problem(doc, a, std::string(kind_noun(kb)))
                                  : type_problem(doc, b, std::string(kind_noun(ka)));
        return std::nullopt;
    }
    switch (ka) {
        case Kind::number: {
            const auto order = std::get<Number>(a.data) <=> std::get<Number>(b.data);
            return order < 0 ? -1 : order > 0 ? 1 : 0;
        }
        case Kind::string: {
            const std::string& x = std::get<std::string>(a.data);
            const std::string& y = std::get<std::string>(b.data);
            // Equal text is the same name however it is spelt: case, spacing, compatibility
            // forms and invisible characters aside. Order is the order of the bytes.
            if (equality) return dsl::same_identity(x, y) ? 0 : 1;
            const int c = x.compare(y);
            return c < 0 ? -1 : c > 0 ? 1 : 0;
        }
        case Kind::boolean:
            if (equality) return std::get<bool>(a.data) == std::get<bool>(b.data) ? 0 : 1;
            break;
        case Kind::node:
            if (equality) return std::get<DocNode>(a.data).id == std::get<DocNode>(b.data).id ? 0 : 1;
            break;
        default: break;
    }
    problem = type_problem(doc, a, equality ? "a value that can be compared" : "a number, date or string");
    return std::nullopt;
}

}  // namespace

Truth equals(const Document& doc, const Value& a, const Value& b, Value& problem) {
    if (a.is_missing() || b.is_missing()) {
        problem = unknown_from(doc, {&a, &b});
        return Truth::unknown;
    }
    if (meet_as_dates(a, b)) return relate_dates(doc, a, DateRelation::same, b, problem);
    const auto order = ordered(doc, a, b, problem, true);
    if (!order) return Truth::unknown;
    return *order == 0 ? Truth::true_ : Truth::false_;
}

Truth compare(const Document& doc, const Value& a, Ordering ordering, const Value& b, Value& problem) {
    if (a.is_missing() || b.is_missing()) {
        problem = unknown_from(doc, {&a, &b});
        return Truth::unknown;
    }
    if (meet_as_dates(a, b)) {
        static constexpr DateRelation relations[] = {DateRelation::before, DateRelation::on_or_before,
                                                     DateRelation::after, DateRelation::on_or_after};
        return relate_dates(doc, a, relations[static_cast<int>(ordering)], b, problem);
    }
    const auto order = ordered(doc, a, b, problem, false);
    if (!order) return Truth::unknown;
    bool holds = false;
    switch (ordering) {
        case Ordering::less: holds = *order < 0; break;
        case Ordering::less_equal: holds = *order <= 0; break;
        case Ordering::greater: holds = *order > 0; break;
        case Ordering::greater_equal: holds = *order >= 0; break;
    }
    return holds ? Truth::true_ : Truth::false_;
}

std::string object_identity(const Document& doc, NodeId node) {
    for (;;) {
        if (doc.kind(node) == NodeKind::object) {
            for (const char* key : {"id", "reference"}) {
                if (auto member = doc.member(node, key); member && doc.kind(*member) == NodeKind::string)
                    return std::string(doc.as_string(*member));
            }
        }
        if (node == doc.root()) return {};
        node = doc.parent(node);
    }
}

std::string object_name(const Document& doc, NodeId node) {
    if (doc.kind(node) != NodeKind::object) return {};
    for (const char* key : {"name", "reference", "id", "title"}) {
        if (auto member = doc.member(node, key); member && doc.kind(*member) == NodeKind::string) {
            const auto text = doc.as_string(*member);
            if (!text.empty()) return std::string(text);
        }
    }
    return {};
}

std::string to_text(const Document& doc, const Value& value) {
    return std::visit(
        [&](const auto& data) -> std::string {
            using T = std::decay_t<decltype(data)>;
            if constexpr (std::is_same_v<T, Absent> || std::is_same_v<T, Unknown>) return "(not recorded)";
            else if constexpr (std::is_same_v<T, bool>) return data ? "true" : "false";
            else if constexpr (std::is_same_v<T, Number>) return data.text();
            else if constexpr (std::is_same_v<T, std::string>) return data;
            else if constexpr (std::is_same_v<T, Date>) return format_date(data);
            else if constexpr (std::is_same_v<T, DocNode>) {
                std::string name = object_name(doc, data.id);
                return name.empty() ? doc.pointer(data.id) : name;
            } else {
                std::string out;
                for (const Value& item : *data) out += (out.empty() ? "" : ", ") + to_text(doc, item);
                return out.empty() ? "(none)" : out;
            }
        },
        value.data);
}

std::string describe(const Document& doc, const Value& value) {
    if (const auto* text = as_string(value)) return "a string \"" + *text + "\"";
    if (const auto* node = std::get_if<DocNode>(&value.data))
        return std::string(type_noun(doc.kind(node->id) == NodeKind::array ? TypeNoun::list : TypeNoun::object));
    if (value.is_absent()) return "nothing";
    return std::string(kind_noun(kind_of(value))) + " " + to_text(doc, value);
}

}  // namespace dutycheck::engine
