// Resolving parameters: each value must have the kind of the pack's default, and a file's must keep
// to the pack's bounds.
#include "engine/parameters.hpp"

#include "engine/type_nouns.hpp"
#include "engine/value_ops.hpp"

#include <algorithm>

namespace dutycheck::engine {
namespace {

std::optional<Value> parse_override_text(const ParamDef& param, const std::string& text) {
    const Value& example = param.default_value;
    if (as_boolean(example)) {
        if (text == "true") return Value{true};
        if (text == "false") return Value{false};
        return std::nullopt;
    }
    if (as_number(example)) {
        // Read exactly, as a number in a file is: --param inv_rag_amber_tolerance=0.05 is 0.05.
        if (auto number = Number::parse(text)) return Value{*number};
        return std::nullopt;
    }
    if (std::holds_alternative<Date>(example.data)) {
        if (auto date = parse_date(text)) return Value{*date};
        return std::nullopt;
    }
    if (std::holds_alternative<ListPtr>(example.data)) {
        std::vector<Value> items;
        std::size_t start = 0;
        while (start <= text.size() && !text.empty()) {
            const std::size_t comma = text.find(',', start);
            items.push_back(Value{text.substr(start, comma == std::string::npos ? std::string::npos : comma - start)});
            if (comma == std::string::npos) break;
            start = comma + 1;
        }
        return make_list(std::move(items));
    }
    return Value{text};
}

// A parameter from the partnership file must have the default's kind.
std::optional<Value> document_parameter(const Document& doc, const ParamDef& param, NodeId node) {
    Value value = from_node(doc, node);
    const Value& example = param.default_value;
    if (as_boolean(example)) return as_boolean(value) ? std::optional<Value>(value) : std::nullopt;
    if (as_number(example)) return as_number(value) ? std::optional<Value>(value) : std::nullopt;
    if (std::holds_alternative<Date>(example.data)) {
        auto date = as_date(value);
        return date ? std::optional<Value>(Value{*date, node}) : std::nullopt;
    }
    if (std::holds_alternative<ListPtr>(example.data)) {
        Value problem;
        auto items = elements_of(doc, value, problem);
        return items ? std::optional<Value>(make_list(std::move(*items))) : std::nullopt;
    }
    return as_string(value) ? std::optional<Value>(value) : std::nullopt;
}

TypeNoun kind_of(const Value& example) {
    if (as_boolean(example)) return TypeNoun::boolean;
    if (as_number(example)) return TypeNoun::number;
    if (std::holds_alternative<Date>(example.data)) return TypeNoun::date;
    if (std::holds_alternative<ListPtr>(example.data)) return TypeNoun::list;
    return TypeNoun::string;
}

std::string kind_name(const Value& example) { return std::string(type_noun(kind_of(example))); }

bool contains(const std::vector<Value>& values, const Value& value) {
    return std::any_of(values.begin(), values.end(), [&](const Value& v) { return same_parameter_value(v, value); });
}

std::string list_literal(const std::vector<Value>& values) {
    std::string out = "[";
    for (std::size_t i = 0; i < values.size(); ++i) out += (i > 0 ? ", " : "") + parameter_literal(values[i]);
    return out + "]";
}

}  // namespace

bool same_parameter_value(const Value& a, const Value& b) {
    if (a.data.index() != b.data.index()) return false;
    if (const auto* list = std::get_if<ListPtr>(&a.data)) {
        const auto& other = *std::get<ListPtr>(b.data);
        return (*list)->size() == other.size() &&
               std::equal((*list)->begin(), (*list)->end(), other.begin(), same_parameter_value);
    }
    if (const auto* flag = std::get_if<bool>(&a.data)) return *flag == std::get<bool>(b.data);
    if (const auto* number = std::get_if<Number>(&a.data)) return *number == std::get<Number>(b.data);
    if (const auto* text = std::get_if<std::string>(&a.data)) return *text == std::get<std::string>(b.data);
    if (const auto* date = std::get_if<Date>(&a.data)) return *date == std::get<Date>(b.data);
    return false;
}

bool within_bounds(const ParamDef& param, const Value& value) {
    for (const auto& bound : param.bounds) {
        switch (bound.kind) {
            case BoundKind::range: {
                if (const auto* number = std::get_if<Number>(&value.data)) {
                    if (*number < std::get<Number>(bound.values[0].data) || *number > std::get<Number>(bound.values[1].data))
                        return false;
                } else if (const auto* date = std::get_if<Date>(&value.data)) {
                    if (*date < std::get<Date>(bound.values[0].data) || *date > std::get<Date>(bound.values[1].data))
                        return false;
                } else {
                    return false;
                }
                break;
            }
            case BoundKind::one_of:
                if (!contains(bound.values, value)) return false;
                break;
            case BoundKind::including:
            case BoundKind::within: {
                const auto* list = std::get_if<ListPtr>(&value.data);
                if (list == nullptr) return false;
                const auto& items = **list;
                const bool ok =
                    bound.kind == BoundKind::including
                        ? std::all_of(bound.values.begin(), bound.values.end(), [&](const Value& v) { return contains(items, v); })
                        : std::all_of(items.begin(), items.end(), [&](const Value& v) { return contains(bound.values, v); });
                if (!ok) return false;
                break;
            }
        }
    }
    return true;
}

std::string describe_bounds(const ParamDef& param) {
    std::string out;
    bool said_list = false;
    for (const auto& bound : param.bounds) {
        if (!out.empty()) out += " and ";
        switch (bound.kind) {
            case BoundKind::range:
                out += "from " + parameter_literal(bound.values[0]) + " to " + parameter_literal(bound.values[1]);
                break;
            case BoundKind::one_of: out += "one of " + list_literal(bound.values); break;
            case BoundKind::including:
            case BoundKind::within:
                out += std::string(said_list ? "" : "a list ") +
                       (bound.kind == BoundKind::including ? "including " : "within ") + list_literal(bound.values);
                said_list = true;
                break;
        }
    }
    return out;
}

std::string parameter_literal(const Value& value) {
    if (const auto* list = std::get_if<ListPtr>(&value.data)) return list_literal(**list);
    if (const auto* flag = std::get_if<bool>(&value.data)) return *flag ? "true" : "false";
    if (const auto* number = std::get_if<Number>(&value.data)) return number->text();
    if (const auto* date = std::get_if<Date>(&value.data)) return format_date(*date);
    if (const auto* text = std::get_if<std::string>(&value.data)) {
        std::string out = "\"";
        for (const char c : *text) {
            if (c == '"' || c == '\\') out += '\\';
            if (c == '\n') out += "\\n";
            else if (c == '\t') out += "\\t";
            else out += c;
        }
        return out + "\"";
    }
    return "(not a value)";
}

std::optional<Value> parse_parameter_text(const ParamDef& param, const std::string& text) {
    return parse_override_text(param, text);
}

std::variant<std::vector<Value>, InputError> resolve_parameters(const RuleSet& rules, const Document& doc,
                                                                const std::map<std::string, std::string>& overrides,
                                                                std::vector<ParameterSource>* sources) {
    std::vector<Value> values;
    for (const auto& param : rules.params) values.push_back(param.default_value);
    std::vector<ParameterSource> set_by(values.size(), ParameterSource::pack_default);
    if (doc.kind(doc.root()) == NodeKind::object) {
        if (auto parameters = doc.member(doc.root(), "parameters")) {
            if (doc.kind(*parameters) != NodeKind::object)
                return InputError{"DC503", "/parameters", "expected an object of parameter values"};
            // Names no loaded pack declares are left alone: the file may serve packs not loaded now.
            for (std::size_t i = 0; i < doc.size(*parameters); ++i) {
                const NodeId node = doc.child(*parameters, i);
                const auto index = rules.find_param(doc.key(node));
                if (!index) continue;
                auto value = document_parameter(doc, rules.params[*index], node);
                if (!value) {
                    // A number that cannot be exact is the right kind, so say what it lacks.
                    const std::string expected = as_number(rules.params[*index].default_value) &&
                                                         doc.kind(node) == NodeKind::number
                                                     ? "a number of " + std::string(number_limits)
                                                     : kind_name(rules.params[*index].default_value);
                    return InputError{"DC503", doc.pointer(node),
                                      "expected " + expected + " for parameter '" + rules.params[*index].name + "'"};
                }
                const ParamDef& def = rules.params[*index];
                if (!within_bounds(def, *value))
                    return InputError{"DC503", doc.pointer(node),
                                      def.name + " must be " + describe_bounds(def) + " (the pack's bounds), found " +
                                          parameter_literal(*value) + (def.reason.empty() ? "" : ": " + def.reason)};
                values[*index] = std::move(*value);
                set_by[*index] = ParameterSource::partnership_file;
            }
        }
    }
    for (const auto& [name, text] : overrides) {
        const auto index = rules.find_param(name);
        if (!index) return InputError{{}, {}, "unknown parameter '" + name + "' in --param"};
        auto value = parse_override_text(rules.params[*index], text);
        if (!value)
            return InputError{{}, {}, "--param " + name + "=" + text + ": expected " +
                                      kind_name(rules.params[*index].default_value)};
        values[*index] = std::move(*value);
        set_by[*index] = ParameterSource::command_line;
    }
    if (sources != nullptr) *sources = std::move(set_by);
    return values;
}

std::vector<ParameterSetting> parameter_settings(const RuleSet& rules, const std::vector<Value>& values,
                                                 const std::vector<ParameterSource>& sources) {
    std::vector<ParameterSetting> settings;
    for (std::size_t i = 0; i < rules.params.size() && i < values.size(); ++i) {
        const ParamDef& param = rules.params[i];
        settings.push_back({param.name, param.pack, parameter_literal(values[i]), parameter_literal(param.default_value),
                            i < sources.size() ? sources[i] : ParameterSource::pack_default,
                            !same_parameter_value(values[i], param.default_value)});
    }
    return settings;
}

}  // namespace dutycheck::engine
