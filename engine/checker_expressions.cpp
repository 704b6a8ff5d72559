// Checking expressions: literals, names and paths, parameters, operators, types and message templates.
#include "engine/checker_expressions.hpp"

#include <algorithm>

namespace dutycheck::engine::checking {
namespace {

using dsl::Diagnostic;

bool compatible(StaticType actual, StaticType expected) {
    return actual == StaticType::any || expected == StaticType::any || actual == expected;
}

bool known(StaticType type) { return type != StaticType::any; }

// What a list the schema types holds, in a message: "strings", "dates".
std::string_view plural(StaticType type) {
    switch (type) {
        case StaticType::boolean: return "true-or-false values";
        case StaticType::number: return "numbers";
        case StaticType::string: return "strings";
        case StaticType::date: return "dates";
        case StaticType::list: return "lists";
        case StaticType::object: return "objects";
        case StaticType::any: break;
    }
    return "values";
}

// The type of a list's elements, where the schema (or a literal) says.
StaticType item_type(const Expr& expr) {
    if (expr.type != StaticType::list || expr.shape == nullptr || expr.shape->items == nullptr) return StaticType::any;
    return expr.shape->items->type;
}

// How a message names an expression's type: a list says what it holds when that is known.
std::string describe(const Expr& expr) {
    if (const StaticType items = item_type(expr); known(items)) return "a list of " + std::string(plural(items));
    return std::string(to_string(expr.type));
}

// A way out of a type error, where there is a usual one.
std::vector<std::string> type_hint(StaticType actual, StaticType expected) {
    if (actual == StaticType::date && expected == StaticType::number)
        return {"days_between(FROM, TO) or years_between(FROM, TO) turns two dates into a number"};
    if (actual == StaticType::string && expected == StaticType::list)
        return {"length(TEXT) counts the characters of a string"};
    if (actual == StaticType::list && expected == StaticType::boolean)
        return {"test a list with exists(LIST), empty(LIST) or count(LIST)"};
    return {};
}

// A date in a file is a string, so the two compare (a string that is no date makes it unknown).
bool comparable(StaticType a, StaticType b) {
    return (a == StaticType::date && b == StaticType::string) || (a == StaticType::string && b == StaticType::date);
}

// A way out of comparing two kinds of value that never compare.
std::vector<std::string> comparison_hint(StaticType a, StaticType b) {
    auto either = [&](StaticType x, StaticType y) { return (a == x && b == y) || (a == y && b == x); };
    if (either(StaticType::date, StaticType::number))
        return {"days_between(FROM, TO) or years_between(FROM, TO) turns two dates into a number to compare"};
    if (either(StaticType::string, StaticType::number))
        return {"text never equals a number: to compare text, write the number in quotes"};
    if (a == StaticType::list || b == StaticType::list)
        return {"to ask whether a list holds a value, write 'VALUE in LIST'"};
    return {};
}

// A subject for "… has no field": a definition of the schema is "a locality", any other object
// its field's name.
std::string subject(const FieldShape& record) {
    if (record.name.empty()) return "this object";
    if (record.name.front() == '\'') return record.name;
    std::string words = record.name;
    std::replace(words.begin(), words.end(), '_', ' ');
    const bool vowel = std::string_view("aeiou").find(words.front()) != std::string_view::npos;
    return (vowel ? "an " : "a ") + words;
}

}  // namespace

// The partnership format's top-level fields, as the schema defines them.
const std::vector<std::string>& top_level_fields() {
    static const std::vector<std::string> fields = [] {
        std::vector<std::string> names;
        for (const auto& [name, shape] : partnership_shape().fields)
            if (name.front() != '$') names.push_back(name);  // `$schema` is no name a rule can write
        return names;
    }();
    return fields;
}

std::string place(const dsl::SourceFile& file, std::uint32_t offset) {
    const auto at = file.line_column(offset);
    return file.path() + ":" + std::to_string(at.line) + ":" + std::to_string(at.column);
}

std::string join(const std::vector<std::string>& parts) {
    std::string out;
    for (const auto& part : parts) out += part;
    return out;
}

void ExpressionChecker::report(dsl::DiagnosticLevel level, const ast::Located& at, const char* code,
                               std::string message, std::vector<std::string> notes) {
    Diagnostic d;
    d.level = level;
    d.code = code;
    d.file = frame().file;
    d.begin = at.begin;
    d.end = at.end;
    d.message = std::move(message);
    d.notes = std::move(notes);
    diagnostics_->push_back(std::move(d));
}

ExprPtr ExpressionChecker::too_deep(const ast::Located& at) {
    if (!too_deep_reported_) {
        too_deep_reported_ = true;
        error(at, "DC103", "expression nested too deeply (more than " + std::to_string(max_expression_depth) +
                               " levels of operators and fields)",
              {"split it with 'let' bindings"});
    }
    return make(at, StaticType::any, Constant{Value{Absent{}}});
}

const ExpressionChecker::Binding* ExpressionChecker::lookup_binding(const std::string& name) const {
    const auto& scope = frame().scope;
    for (auto it = scope.rbegin(); it != scope.rend(); ++it)
        if (it->name == name) return &*it;
    return nullptr;
}

std::uint32_t ExpressionChecker::bind(const ast::Name& name, StaticType type, const FieldShape* shape) {
    if (lookup_binding(name.text) != nullptr)
        error(name, "DC212", "'" + name.text + "' is already bound in this rule", {"choose another name"});
    else if (def_parameter(name.text))
        error(name, "DC212", "'" + name.text + "' is already a parameter of '" + frame().def->def->name.text + "'",
              {"choose another name"});
    else if (const DefEntry* def = defs_ != nullptr ? defs_->find(name.text) : nullptr)
        error(name, "DC212", "'" + name.text + "' is the name of a def of this pack",
              {"the def is at " + place(*def->file, def->def->name.begin), "choose another name"});
    frame().scope.push_back({name.text, slots_, type, shape});
    return slots_++;
}

std::uint32_t ExpressionChecker::bind_element(const ast::Name& name, const Expr& collection) {
    const FieldShape* item = collection.type == StaticType::list && collection.shape ? collection.shape->items : nullptr;
    return bind(name, item ? item->type : StaticType::any, item);
}

void ExpressionChecker::type_error(const Span& at, std::string message, std::vector<std::string> notes) {
    Diagnostic d;
    d.code = "DC301";
    d.file = at.file;
    d.begin = at.begin;
    d.end = at.end;
    d.message = std::move(message);
    d.notes = std::move(notes);
    diagnostics_->push_back(std::move(d));
}

void ExpressionChecker::check_field(const FieldShape* base, const ast::Located& at, const std::string& field) {
    if (base == nullptr) return;
    const FieldShape* record = base->type == StaticType::list ? base->items : base;
    if (record == nullptr || !record->has_fields() || record->field(field) != nullptr) return;
    std::vector<std::string> names;
    for (const auto& [name, shape] : record->fields) names.push_back(name);
    std::vector<std::string> notes;
    if (auto suggestion = dsl::closest_match(field, names); !suggestion.empty()) {
        notes.push_back("did you mean '" + suggestion + "'?");
    } else {
        std::string listed;
        for (const auto& name : names) listed += (listed.empty() ? "" : ", ") + name;
        notes.push_back("its fields are " + listed);
    }
    // The format keeps fields it does not define, and a pack may read them (partnership format,
    // "Unknown fields"), so a field the schema lacks is a warning: a typo more often than not,
    // which `lint --strict` fails on.
    notes.emplace_back("the format keeps fields it does not define, and a pack may read one: if this is not a typo, "
                       "`lint --strict` still fails on it");
    report(dsl::DiagnosticLevel::warning, at, "DC214",
           subject(*record) + " has no field '" + field + "' in the partnership format", std::move(notes));
}

void ExpressionChecker::expect_items(const Expr& expr, StaticType expected, const std::string& what,
                                     std::vector<std::string> notes) {
    const StaticType items = item_type(expr);
    if (compatible(items, expected)) return;
    type_error(expr.span, what + " must be a list of " + std::string(plural(expected)) + ", but this is " + describe(expr),
               std::move(notes));
}

void ExpressionChecker::expect_type(const Expr& expr, StaticType expected, const std::string& what) {
    if (compatible(expr.type, expected)) return;
    if (expected == StaticType::string && expr.shape != nullptr && expr.shape->date_text) return;
    // A literal string where a date is expected is fine if it reads as a date.
    if (expected == StaticType::date && expr.type == StaticType::string) {
        if (const auto* constant = std::get_if<Constant>(&expr.node)) {
            if (const auto* text = std::get_if<std::string>(&constant->value.data); text && parse_date(*text)) return;
        }
    }
    type_error(expr.span, what + " must be " + std::string(to_string(expected)) + ", but this is " + describe(expr),
               type_hint(expr.type, expected));
}

ExprPtr ExpressionChecker::expression(const ast::Chain& chain) {
    const Deeper deeper(*this, chain.rest.size());
    if (depth_ > max_expression_depth) return too_deep(chain);
    ExprPtr result = operand(chain.first);
    std::size_t comparisons = 0;
    for (const auto& operation : chain.rest) {
        const bool is_comparison = operation.op >= ast::Op::eq && operation.op <= ast::Op::not_in;
        if (is_comparison && ++comparisons > 1) {
            error(operation, "DC210", "comparisons do not chain",
                  {"write 'a < b and b < c' instead of 'a < b < c'"});
        }
        ast::Located whole{chain.begin, operation.end};
        result = binary(whole, operation.op, std::move(result), operand(operation.operand));
    }
    // The whole chain, brackets included; but a def's parameter alone stands for the use's
    // argument, and keeps its span there.
    if (result && !only_a_parameter(chain)) result->span = span(chain);
    return result;
}

ExprPtr ExpressionChecker::operand(const ast::Operand& operand) {
    return std::visit(
        Overloaded{
            [&](const ast::NumberLit& node) { return number(node); },
            [&](const ast::StringLit& node) {
                return make(node, StaticType::string, Constant{Value{join(node.parts)}});
            },
            [&](const ast::BoolLit& node) { return make(node, StaticType::boolean, Constant{Value{node.value}}); },
            [&](const ast::DateLit& node) { return date(node); },
            [&](const ast::Name& node) { return name(node); },
            [&](const ast::Box<ast::ListLit>& node) { return list(*node); },
            [&](const ast::Box<ast::Call>& node) { return call(*node); },
            [&](const ast::Box<ast::Unary>& node) { return unary(*node); },
            [&](const ast::Box<ast::Chain>& node) { return expression(*node); },
            [&](const ast::Box<ast::Access>& node) { return access(*node); },
        },
        operand);
}

ExprPtr ExpressionChecker::number(const ast::NumberLit& number) {
    auto parsed = Number::parse(number.text);
    if (!parsed) error(number, "DC209", "'" + number.text + "' is not an exact number",
                       {"a number has " + std::string(number_limits)});
    return make(number, StaticType::number, Constant{parsed ? Value{*parsed} : Value{Absent{}}});
}

ExprPtr ExpressionChecker::date(const ast::DateLit& date) {
    auto parsed = parse_date(date.text);
    if (!parsed) error(date, "DC209", "'" + date.text + "' is not a valid date",
                       {"dates are YYYY-MM-DD, or YYYY-MM for the end of a month"});
    return make(date, StaticType::date, Constant{parsed ? Value{*parsed} : Value{Absent{}}});
}

ExprPtr ExpressionChecker::list(const ast::ListLit& list) {
    ListExpr out;
    bool all_constant = true;
    std::optional<StaticType> items;  // the one type of every element, if they share one
    for (const auto& item : list.items) {
        out.items.push_back(expression(item));
        all_constant = all_constant && std::holds_alternative<Constant>(out.items.back()->node);
        const StaticType type = out.items.back()->type;
        items = !items || *items == type ? type : StaticType::any;
    }
    const FieldShape* shape = items && known(*items) ? scalar_shape(*items).list_of : nullptr;
    if (all_constant) {  // fold, so membership tests against literal lists cost nothing per use
        std::vector<Value> values;
        for (auto& item : out.items) values.push_back(std::get<Constant>(item->node).value);
        return make(list, StaticType::list, Constant{make_list(std::move(values))}, shape);
    }
    return make(list, StaticType::list, std::move(out), shape);
}

ExprPtr ExpressionChecker::name(const ast::Name& name) {
    if (const Binding* binding = lookup_binding(name.text)) return make(name, binding->type, Variable{binding->slot}, binding->shape);
    if (const auto parameter = def_parameter(name.text)) return def_argument(name, *parameter);
    if (DefEntry* def = defs_ != nullptr ? defs_->find(name.text) : nullptr) return def_use(name, *def, nullptr);
    if (name.text == "as_of") return make(name, StaticType::date, AsOf{});
    if (name.text == "param") {
        error(name, "DC203", "'param' needs a parameter name", {"write param.NAME"});
        return make(name, StaticType::any, Constant{Value{Absent{}}});
    }
    const FieldShape& file = partnership_shape();
    const FieldShape* field = file.field(name.text);
    if (field == nullptr) {
        std::vector<std::string> candidates = top_level_fields();
        for (const auto& binding : frame().scope) candidates.push_back(binding.name);
        if (frame().def != nullptr)
            for (const auto& parameter : frame().def->def->parameters) candidates.push_back(parameter.text);
        if (defs_ != nullptr)
            for (const auto& [def_name, def] : defs_->entries)
                if (def.def->parameters.empty()) candidates.push_back(def_name);
        std::vector<std::string> notes{"a name that is not bound by 'for each', 'let' or a quantifier reads a "
                                       "top-level field of the partnership file"};
        if (auto suggestion = dsl::closest_match(name.text, candidates); !suggestion.empty())
            notes.insert(notes.begin(), "did you mean '" + suggestion + "'?");
        report(dsl::DiagnosticLevel::warning, name, "DC211",
               "'" + name.text + "' is not a variable nor a top-level field of the partnership format",
               std::move(notes));
    }
    return make(name, StaticType::any, RootField{name.text}, field);
}

ExprPtr ExpressionChecker::access(const ast::Access& access) {
    const Deeper deeper(*this, access.fields.size());
    if (depth_ > max_expression_depth) return too_deep(access);
    std::size_t first_field = 0;
    ExprPtr base;
    const auto* head = std::get_if<ast::Name>(&access.base);
    if (head != nullptr && head->text == "param" && lookup_binding("param") == nullptr && !access.fields.empty()) {
        const ast::Name& param = access.fields.front();
        first_field = 1;
        if (auto index = rules_.find_param(param.text)) {
            base = make(ast::Located{access.begin, param.end}, rules_.params[*index].type, ParamRef{*index});
        } else {
            std::vector<std::string> names;
            for (const auto& p : rules_.params) names.push_back(p.name);
            std::vector<std::string> notes;
            if (auto suggestion = dsl::closest_match(param.text, names); !suggestion.empty())
                notes.push_back("did you mean 'param." + suggestion + "'?");
            else
                notes.push_back("declare it in the pack: param " + param.text + " = VALUE");
            error(param, "DC203", "unknown parameter '" + param.text + "'", std::move(notes));
            base = make(param, StaticType::any, Constant{Value{Absent{}}});
        }
    } else {
        base = operand(access.base);
    }
    for (std::size_t i = first_field; i < access.fields.size(); ++i) {
        const ast::Name& field = access.fields[i];
        check_field(base->shape, field, field.text);
        const FieldShape* shape = base->shape ? field_of_shape(*base->shape, field.text) : nullptr;
        base = make(ast::Located{access.begin, field.end}, StaticType::any, FieldAccess{std::move(base), field.text},
                    shape);
    }
    return base;
}

ExprPtr ExpressionChecker::condition(const ast::Chain& chain, const char* role) {
    ExprPtr expr = expression(chain);
    expect_type(*expr, StaticType::boolean, role);
    return expr;
}

ExprPtr ExpressionChecker::unary(const ast::Unary& unary) {
    const Deeper deeper(*this, 1);
    if (depth_ > max_expression_depth) return too_deep(unary);
    ExprPtr operand_expr = operand(unary.operand);
    if (unary.op == ast::Op::not_) {
        expect_type(*operand_expr, StaticType::boolean, "the operand of 'not'");
        return make(unary, StaticType::boolean, UnaryExpr{UnaryOp::not_, std::move(operand_expr)});
    }
    expect_type(*operand_expr, StaticType::number, "the operand of unary '-'");
    if (const auto* constant = std::get_if<Constant>(&operand_expr->node)) {  // fold negative literals
        if (const auto* number = std::get_if<Number>(&constant->value.data))
            return make(unary, StaticType::number, Constant{Value{-*number}});
    }
    return make(unary, StaticType::number, UnaryExpr{UnaryOp::negate, std::move(operand_expr)});
}

ExprPtr ExpressionChecker::binary(const ast::Located& at, ast::Op op, ExprPtr lhs, ExprPtr rhs) {
    auto node = [&](BinaryOp bop, StaticType type) {
        return make(at, type, BinaryExpr{bop, std::move(lhs), std::move(rhs)});
    };
    switch (op) {
        case ast::Op::or_:
        case ast::Op::and_: {
            const char* word = op == ast::Op::or_ ? "'or'" : "'and'";
            expect_type(*lhs, StaticType::boolean, std::string("each side of ") + word);
            expect_type(*rhs, StaticType::boolean, std::string("each side of ") + word);
            return node(op == ast::Op::or_ ? BinaryOp::or_ : BinaryOp::and_, StaticType::boolean);
        }
        case ast::Op::add:
        case ast::Op::sub:
        case ast::Op::mul:
        case ast::Op::div: {
            expect_type(*lhs, StaticType::number, "each side of an arithmetic operator");
            expect_type(*rhs, StaticType::number, "each side of an arithmetic operator");
            const BinaryOp bop = op == ast::Op::add ? BinaryOp::add
                                 : op == ast::Op::sub ? BinaryOp::sub
                                 : op == ast::Op::mul ? BinaryOp::mul
                                                      : BinaryOp::div;
            return node(bop, StaticType::number);
        }
        case ast::Op::in:
        case ast::Op::not_in: {
            if (!compatible(rhs->type, StaticType::list)) {
                type_error(rhs->span, "the right side of 'in' must be a list, but this is " + describe(*rhs),
                           {"'in' looks for a value in a list; '==' compares two values"});
            } else if (const StaticType items = item_type(*rhs);
                       known(lhs->type) && known(items) && lhs->type != items && !comparable(lhs->type, items)) {
                type_error(span(at), "cannot look for " + describe(*lhs) + " in " + describe(*rhs));
            }
            return node(op == ast::Op::in ? BinaryOp::in : BinaryOp::not_in, StaticType::boolean);
        }
        default: break;
    }
    // Comparisons: both sides known and of different kinds can never be equal or ordered.
    const StaticType a = lhs->type, b = rhs->type;
    // `kind == ["a", "b"]` is SQL's or Python's habit for membership; a list is never equal to a
    // value, so it could only ever be unknown.
    if ((op == ast::Op::eq || op == ast::Op::ne) && (a == StaticType::list) != (b == StaticType::list)) {
        const Expr& list = a == StaticType::list ? *lhs : *rhs;
        const bool eq = op == ast::Op::eq;
        Diagnostic d;
        d.code = "DC302";
        d.file = list.span.file;
        d.begin = list.span.begin;
        d.end = list.span.end;
        d.message = std::string(eq ? "'=='" : "'!='") + " compares one value with another, and this is a list";
        d.notes.push_back(eq ? "did you mean 'in'?" : "did you mean 'not in'?");
        diagnostics_->push_back(std::move(d));
    } else if (known(a) && known(b) && a != b && !comparable(a, b)) {
        type_error(span(at), "cannot compare " + describe(*lhs) + " with " + describe(*rhs), comparison_hint(a, b));
    }
    const BinaryOp bop = op == ast::Op::eq ? BinaryOp::eq
                         : op == ast::Op::ne ? BinaryOp::ne
                         : op == ast::Op::lt ? BinaryOp::lt
                         : op == ast::Op::le ? BinaryOp::le
                         : op == ast::Op::gt ? BinaryOp::gt
                                             : BinaryOp::ge;
    return node(bop, StaticType::boolean);
}

std::vector<MessagePart> ExpressionChecker::message(const ast::Template& message) {
    std::vector<MessagePart> parts;
    for (const auto& part : message.parts) {
        if (const auto* text = std::get_if<std::string>(&part)) {
            if (!parts.empty() && !parts.back().expression) parts.back().text += *text;
            else parts.push_back({*text, nullptr});
        } else {
            parts.push_back({{}, expression(std::get<ast::Chain>(part))});
        }
    }
    return parts;
}
}  // namespace dutycheck::engine::checking
