// Checking parameter declarations: the default a literal, and bounds of its type that hold it.
#include "engine/checker.hpp"

#include "engine/checker_expressions.hpp"
#include "engine/parameters.hpp"

#include <algorithm>

namespace dutycheck::engine {
namespace {

namespace ast = dsl::ast;
using dsl::Diagnostic;

// Problems of a parameter's bounds are DC213, reported like every other rule error.
void report(std::vector<Diagnostic>& diagnostics, const dsl::SourceFile& file, const ast::Located& at,
            std::string message, std::vector<std::string> notes = {}) {
    static const RuleSet no_params;
    checking::ExpressionChecker(file, no_params, diagnostics).error(at, "DC213", std::move(message), std::move(notes));
}

StaticType type_of(const Value& value) {
    return std::visit(
        [](const auto& data) {
            using D = std::decay_t<decltype(data)>;
            if constexpr (std::is_same_v<D, bool>) return StaticType::boolean;
            else if constexpr (std::is_same_v<D, Number>) return StaticType::number;
            else if constexpr (std::is_same_v<D, std::string>) return StaticType::string;
            else if constexpr (std::is_same_v<D, Date>) return StaticType::date;
            else if constexpr (std::is_same_v<D, ListPtr>) return StaticType::list;
            else return StaticType::any;
        },
        value.data);
}

BoundKind model_kind(ast::BoundKind kind) {
    switch (kind) {
        case ast::BoundKind::range: return BoundKind::range;
        case ast::BoundKind::one_of: return BoundKind::one_of;
        case ast::BoundKind::including: return BoundKind::including;
        case ast::BoundKind::within: return BoundKind::within;
    }
    return BoundKind::range;
}

std::string keyword_of(ast::BoundKind kind) {
    switch (kind) {
        case ast::BoundKind::range: return "from … to …";
        case ast::BoundKind::one_of: return "one of";
        case ast::BoundKind::including: return "including";
        case ast::BoundKind::within: return "within";
    }
    return "?";
}

/// Checks one bound against the default's type; its values, or nullopt after reporting why not.
std::optional<ParamBound> check_bound(const ast::Bound& bound, const ast::Param& param, const Value& default_value,
                                      const dsl::SourceFile& file, std::vector<Diagnostic>& diagnostics) {
    const std::string name = "'" + param.name.text + "'";
    const StaticType type = type_of(default_value);
    const std::string keyword = "'" + keyword_of(bound.kind) + "'";
    const bool for_lists = bound.kind == ast::BoundKind::including || bound.kind == ast::BoundKind::within;
    if (bound.kind == ast::BoundKind::range && type != StaticType::number && type != StaticType::date) {
        report(diagnostics, file, bound,
               keyword + " bounds a number or a date, but the default of " + name + " is " +
                   std::string(to_string(type)),
               {type == StaticType::list ? "a list is bounded with 'including [...]' or 'within [...]'"
                                         : "give the allowed values with 'one of [...]'"});
        return std::nullopt;
    }
    if (bound.kind == ast::BoundKind::one_of && type == StaticType::list) {
        report(diagnostics, file, bound, keyword + " bounds a single value, but the default of " + name + " is a list",
               {"a list is bounded with 'including [...]' or 'within [...]'"});
        return std::nullopt;
    }
    if (for_lists && type != StaticType::list) {
        report(diagnostics, file, bound,
               keyword + " bounds a list, but the default of " + name + " is " + std::string(to_string(type)),
               {type == StaticType::boolean || type == StaticType::string
                    ? "give the allowed values with 'one of [...]'"
                    : "give a range with 'from LOW to HIGH' or the allowed values with 'one of [...]'"});
        return std::nullopt;
    }
    ParamBound out;
    out.kind = model_kind(bound.kind);
    // The type each bound value must have: the default's, or for a list the type of its elements.
    std::optional<StaticType> element = type;
    if (type == StaticType::list) {
        const auto& items = *std::get<ListPtr>(default_value.data);
        element = items.empty() ? std::nullopt : std::optional(type_of(items.front()));
    }
    bool ok = true;
    for (const auto& chain : bound.values) {
        auto value = check_param_default(chain, file, diagnostics);
        if (!value) {
            ok = false;
            continue;
        }
        std::vector<Value> values{*value};
        if (bound.kind != ast::BoundKind::range) {
            if (type_of(*value) != StaticType::list) {
                report(diagnostics, file, chain, keyword + " takes a list of values, found " + parameter_literal(*value),
                       {"write the values in brackets: " + keyword_of(bound.kind) + " [" +
                        parameter_literal(default_value) + "]"});
                ok = false;
                continue;
            }
            values = *std::get<ListPtr>(value->data);
        }
        for (const auto& item : values) {
            if (!element) element = type_of(item);
            if (type_of(item) == *element) continue;
            report(diagnostics, file, chain,
                   "the bounds of " + name + " must be " +
                       (for_lists ? "of the type of its elements (" : "of its default's type (") +
                       std::string(to_string(*element)) + "), found " + std::string(to_string(type_of(item))) + " " +
                       parameter_literal(item));
            ok = false;
            break;
        }
        out.values.insert(out.values.end(), values.begin(), values.end());
    }
    if (!ok) return std::nullopt;
    if (out.kind == BoundKind::range) {
        const auto& low = out.values[0];
        const auto& high = out.values[1];
        const bool empty = type == StaticType::number ? std::get<Number>(low.data) > std::get<Number>(high.data)
                                                      : std::get<Date>(low.data) > std::get<Date>(high.data);
        if (empty) {
            report(diagnostics, file, bound,
                   "the range of " + name + " is empty: " + parameter_literal(low) + " is above " +
                       parameter_literal(high));
            return std::nullopt;
        }
    }
    return out;
}

}  // namespace

std::optional<ParamDef> check_param(const ast::Param& param, const dsl::SourceFile& file,
                                    std::vector<Diagnostic>& diagnostics) {
    const std::size_t before = diagnostics.size();
    auto value = check_param_default(param.value, file, diagnostics);
    if (param.bounds.empty())
        report(diagnostics, file, param.name, "parameter '" + param.name.text + "' declares no bounds",
               {"after its default, say what a partnership file may set it to: 'from LOW to HIGH', 'one of [...]', "
                "'including [...]' or 'within [...]'"});
    ParamDef def;
    def.name = param.name.text;
    std::vector<ast::BoundKind> seen;
    for (const auto& bound : param.bounds) {
        const auto single = [](ast::BoundKind kind) {
            return kind == ast::BoundKind::range || kind == ast::BoundKind::one_of;
        };
        if (!seen.empty() && (single(bound.kind) || single(seen.front()) ||
                              std::find(seen.begin(), seen.end(), bound.kind) != seen.end())) {
            const bool twice = std::find(seen.begin(), seen.end(), bound.kind) != seen.end();
            report(diagnostics, file, bound,
                   twice ? "'" + keyword_of(bound.kind) + "' is given twice for parameter '" + param.name.text + "'"
                         : "'" + keyword_of(bound.kind) + "' cannot be combined with '" + keyword_of(seen.front()) +
                               "' for parameter '" + param.name.text + "'",
                   {"a parameter takes one 'from … to …' or one 'one of', or a list's 'including' and 'within'"});
            continue;
        }
        seen.push_back(bound.kind);
        if (!value) continue;
        if (auto checked = check_bound(bound, param, *value, file, diagnostics)) def.bounds.push_back(std::move(*checked));
    }
    if (param.reason)
        for (const auto& part : param.reason->parts) def.reason += part;
    if (diagnostics.size() > before) return std::nullopt;
    def.default_value = std::move(*value);
    def.type = type_of(def.default_value);
    if (!within_bounds(def, def.default_value)) {
        report(diagnostics, file, param.value,
               "the default of '" + def.name + "' (" + parameter_literal(def.default_value) +
                   ") is outside its own bounds: it must be " + describe_bounds(def));
        return std::nullopt;
    }
    return def;
}

}  // namespace dutycheck::engine
