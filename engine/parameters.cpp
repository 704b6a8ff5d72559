// Resolving parameters: each value must have the kind of the pack's default.
#include "engine/parameters.hpp"

#include "engine/type_nouns.hpp"
#include "engine/value_ops.hpp"

#include <cmath>
#include <cstdlib>

namespace dutycheck::engine {
namespace {

std::optional<Value> parse_override(const ParamDef& param, const std::string& text) {
    const Value& example = param.default_value;
    if (as_boolean(example)) {
        if (text == "true") return Value{true};
        if (text == "false") return Value{false};
        return std::nullopt;
    }
    if (as_number(example)) {
        char* end = nullptr;
        const double number = std::strtod(text.c_str(), &end);
        if (text.empty() || end != text.c_str() + text.size() || !std::isfinite(number)) return std::nullopt;
        return Value{number};
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

}  // namespace

std::variant<std::vector<Value>, InputError> resolve_parameters(const RuleSet& rules, const Document& doc,
                                                                const std::map<std::string, std::string>& overrides) {
    std::vector<Value> values;
    for (const auto& param : rules.params) values.push_back(param.default_value);
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
                if (!value)
                    return InputError{"DC503", doc.pointer(node), "expected " + kind_name(rules.params[*index].default_value) +
                                                             " for parameter '" + rules.params[*index].name + "'"};
                values[*index] = std::move(*value);
            }
        }
    }
    for (const auto& [name, text] : overrides) {
        const auto index = rules.find_param(name);
        if (!index) return InputError{{}, {}, "unknown parameter '" + name + "' in --param"};
        auto value = parse_override(rules.params[*index], text);
        if (!value)
            return InputError{{}, {}, "--param " + name + "=" + text + ": expected " +
                                      kind_name(rules.params[*index].default_value)};
        values[*index] = std::move(*value);
    }
    return values;
}

}  // namespace dutycheck::engine
