// Checking function calls: quantifiers, if(), lookup() and the builtins of the table in engine/builtins.hpp.
#include "engine/checker_expressions.hpp"

#include <re2/re2.h>

#include "engine/builtins.hpp"

namespace dutycheck::engine::checking {

ExprPtr ExpressionChecker::call(const ast::Call& call) {
    const std::string& fn = call.function.text;
    // A def's name is never a builtin's nor a special form's (check_defs refuses it).
    if (DefEntry* def = defs_ != nullptr ? defs_->find(fn) : nullptr) return def_use(call, *def, &call);
    const bool quantifier_name = fn == "any" || fn == "all" || fn == "none" || fn == "count" || fn == "select";
    if (quantifier_name && call.binding) return quantifier(call);
    if (fn == "any" || fn == "all" || fn == "none" || fn == "select") return wrong_arguments(call);
    if (fn == "if") return choice(call);
    if (fn == "lookup") return lookup(call);
    return builtin(call);
}

// What a call takes, from the builtin table (or the special forms beside it), and what it was given.
ExprPtr ExpressionChecker::wrong_arguments(const ast::Call& call, StaticType result) {
    const std::string& fn = call.function.text;
    const CallShape shape = call_shape(fn);
    const auto arguments = [](std::size_t n) {
        return n == 0 ? std::string("no arguments") : std::to_string(n) + (n == 1 ? " argument" : " arguments");
    };
    std::string found;
    const bool quantifier_name = fn == "any" || fn == "all" || fn == "none" || fn == "select";
    if (call.binding && quantifier_name && !call.binding->predicate && call.arguments.empty())
        found = "found no 'where' condition";
    else if (call.binding)
        found = "found a binding (x in LIST)" + (call.arguments.empty() ? "" : " and " + arguments(call.arguments.size()));
    else
        found = "found " + arguments(call.arguments.size());
    error(call, "DC202", "'" + fn + "' takes " + shape.takes + ": " + std::string(shape.usage), {found});
    return make(call, result, Constant{Value{Absent{}}});
}

// `any`, `all`, `none`, `count` and `select` with a binding: `fn(x in LIST where CONDITION)`.
ExprPtr ExpressionChecker::quantifier(const ast::Call& call) {
    const std::string& fn = call.function.text;
    const ast::Binding& binding = *call.binding;
    if (!call.arguments.empty() || (fn != "count" && !binding.predicate)) return wrong_arguments(call);
    QuantifierExpr q;
    q.kind = fn == "any"      ? Quantifier::any
             : fn == "all"    ? Quantifier::all
             : fn == "none"   ? Quantifier::none
             : fn == "select" ? Quantifier::select
                              : Quantifier::count;
    q.collection = expression(binding.collection);
    expect_type(*q.collection, StaticType::list, "the collection of '" + fn + "'");
    q.slot = bind_element(binding.variable, *q.collection);
    if (binding.predicate) q.predicate = condition(*binding.predicate, "the condition after 'where'");
    frame().scope.pop_back();  // the variable is visible only inside the quantifier
    const StaticType type = fn == "count"    ? StaticType::number
                            : fn == "select" ? StaticType::list
                                             : StaticType::boolean;
    const FieldShape* shape = fn == "select" ? q.collection->shape : nullptr;  // some of the same elements
    return make(call, type, std::move(q), shape);
}

// `if(CONDITION, THEN, OTHERWISE)`.
ExprPtr ExpressionChecker::choice(const ast::Call& call) {
    if (call.binding || call.arguments.size() != 3) return wrong_arguments(call);
    IfExpr choice;
    choice.condition = condition(call.arguments[0], "the condition of 'if'");
    choice.then = expression(call.arguments[1]);
    choice.otherwise = expression(call.arguments[2]);
    const StaticType type = choice.then->type == choice.otherwise->type ? choice.then->type : StaticType::any;
    const FieldShape* shape = choice.then->shape == choice.otherwise->shape ? choice.then->shape : nullptr;
    return make(call, type, std::move(choice), shape);
}

// `lookup(LIST, "FIELD", VALUE)`: the field is a literal, so the evaluator can index the list by it.
ExprPtr ExpressionChecker::lookup(const ast::Call& call) {
    if (call.binding || call.arguments.size() != 3) return wrong_arguments(call);
    LookupExpr lookup;
    lookup.collection = expression(call.arguments[0]);
    expect_type(*lookup.collection, StaticType::list, "the first argument of 'lookup'");
    ExprPtr field = expression(call.arguments[1]);
    const auto* constant = std::get_if<Constant>(&field->node);
    const auto* text = constant ? std::get_if<std::string>(&constant->value.data) : nullptr;
    if (text == nullptr)
        error(call.arguments[1], "DC209", "the field of 'lookup' must be a string literal",
              {"for example lookup(directions, \"reference\", report.direction.reference)"});
    else
        lookup.field = *text;
    const FieldShape* list = lookup.collection->shape;
    if (text != nullptr && list != nullptr && list->type == StaticType::list)
        check_field(list, call.arguments[1], *text);
    lookup.key = expression(call.arguments[2]);
    // The element found, whose fields the schema gives.
    const FieldShape* item = list != nullptr && list->type == StaticType::list ? list->items : nullptr;
    return make(call, StaticType::any, std::move(lookup), item);
}

// Every other name: a builtin of the table, with its arity and parameter types.
ExprPtr ExpressionChecker::builtin(const ast::Call& call) {
    const std::string& fn = call.function.text;
    const Builtin* builtin = find_builtin(fn);
    if (builtin == nullptr) {
        std::vector<std::string> notes;
        std::vector<std::string> names = callable_names();
        if (defs_ != nullptr)
            for (const auto& [def_name, def] : defs_->entries)
                if (!def.def->parameters.empty()) names.push_back(def_name);
        if (auto hint = foreign_function_hint(fn); !hint.empty()) notes.emplace_back(hint);
        else if (auto suggestion = dsl::closest_match(fn, names); !suggestion.empty())
            notes.push_back("did you mean '" + suggestion + "'?");
        error(call.function, "DC201", "unknown function '" + fn + "'", std::move(notes));
        for (const auto& argument : call.arguments) expression(argument);  // still check the arguments
        return make(call, StaticType::any, Constant{Value{Absent{}}});
    }
    if (call.binding || call.arguments.size() != builtin->arity()) return wrong_arguments(call, builtin->result);
    const std::size_t arity = builtin->arity();
    CallExpr out;
    out.function = builtin;
    for (std::size_t i = 0; i < arity; ++i) {
        out.arguments.push_back(expression(call.arguments[i]));
        const std::string what = "argument " + std::to_string(i + 1) + " of '" + fn + "'";
        expect_type(*out.arguments.back(), builtin->parameters[i], what);
        if (builtin->parameters[i] == StaticType::list)
            expect_items(*out.arguments.back(), builtin->items, what, {"count(LIST) counts the elements of a list"});
    }
    if (builtin->literal_pattern) {
        const auto* constant = std::get_if<Constant>(&out.arguments[1]->node);
        const auto* pattern = constant ? std::get_if<std::string>(&constant->value.data) : nullptr;
        if (pattern == nullptr) {
            error(call.arguments[1], "DC209", "the pattern of '" + fn + "' must be a string literal");
        } else {
            // RE2 matches in time linear in the text, so no pattern a pack holds can make a
            // long string in a partnership file exhaust the stack or the clock.
            re2::RE2::Options options;
            options.set_log_errors(false);
            auto compiled = std::make_shared<const re2::RE2>(*pattern, options);
            if (compiled->ok()) out.pattern = std::move(compiled);
            else error(call.arguments[1], "DC209", "invalid regular expression: " + compiled->error());
        }
    }
    // A builtin that returns its list argument's elements (distinct) keeps what the schema says of them.
    const FieldShape* shape = builtin->result == StaticType::list && arity == 1 && builtin->parameters[0] == StaticType::list
                                    ? out.arguments[0]->shape : nullptr;
    return make(call, builtin->result, std::move(out), shape);
}

}  // namespace dutycheck::engine::checking
