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
        for (std::size_t i = 0; i < doc.size(node->id); ++i) out.push_back(from_node(doc, doc.child(node->id, i)));
        return out;
    }
    problem = list.is_missing() ? unknown_from(doc, {&list})
                                : type_problem(doc, list, std::string(type_noun(TypeNoun::list)));
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

// Brings two operands to a common comparable kind; a string meets a date as a date.
std::optional<int> ordered(const Document& doc, const Value& a, const Value& b, Value& problem, bool equality) {
    if (a.is_missing() || b.is_missing()) {
        problem = unknown_from(doc, {&a, &b});
        return std::nullopt;
    }
    const Kind ka = kind_of(a);
    const Kind kb = kind_of(b);
    // Two strings that both read as dates are dates: "2023-07" (the end of July) is after
    // "2023-07-15", which a string comparison would get wrong.
    const bool both_dates = ka == Kind::string && kb == Kind::string && as_date(a) && as_date(b);
    if (ka == Kind::date || kb == Kind::date || both_dates) {
        const auto da = as_date(a);
        const auto db = as_date(b);
        if (!da) problem = type_problem(doc, a, std::string(kind_noun(Kind::date)));
        else if (!db) problem = type_problem(doc, b, std::string(kind_noun(Kind::date)));
        if (!da || !db) return std::nullopt;
        return da->days < db->days ? -1 : da->days > db->days ? 1 : 0;
    }
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
    const auto order = ordered(doc, a, b, problem, true);
    if (!order) return Truth::unknown;
    return *order == 0 ? Truth::true_ : Truth::false_;
}

std::optional<int> compare(const Document& doc, const Value& a, const Value& b, Value& problem) {
    return ordered(doc, a, b, problem, false);
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
