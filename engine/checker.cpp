// The checker: resolves names, validates literals and arity, infers static types, builds steps.
#include "engine/checker.hpp"

#include "engine/builtins.hpp"

#include <algorithm>
#include <array>

namespace dutycheck::engine {
namespace {

namespace ast = dsl::ast;
using dsl::Diagnostic;

// The partnership format's top-level fields: a bare name that is none of these and no
// variable is probably a typo, so the checker warns.
const std::vector<std::string>& top_level_fields() {
    static const std::vector<std::string> fields = {
        "format",  "rule_packs", "parameters",   "partnership",  "localities", "strategic_planning_group",
        "board",   "strategic_plan", "action_plans", "reports", "directions", "publications", "waivers"};
    return fields;
}

std::string join(const std::vector<std::string>& parts) {
    std::string out;
    for (const auto& part : parts) out += part;
    return out;
}

// Deepest expression tree a rule may build. Operator chains and field accesses are flat in the
// parse tree but become left-deep trees here, which evaluation and destruction walk recursively,
// so `a and b and …` 30,000 times long would overflow the stack. The bundled packs reach 13.
constexpr std::size_t max_expression_depth = 512;

/// Lets std::visit take one lambda per alternative.
template <typename... Lambdas>
struct Overloaded : Lambdas... {
    using Lambdas::operator()...;
};

bool compatible(StaticType actual, StaticType expected) {
    return actual == StaticType::any || expected == StaticType::any || actual == expected;
}

class RuleChecker {
public:
    RuleChecker(const dsl::SourceFile& file, const RuleSet& rules, std::vector<Diagnostic>& diagnostics)
        : file_(file), rules_(rules), diagnostics_(diagnostics) {}

    CompiledRule check(const ast::Rule& rule, std::size_t pack);
    ExprPtr expression(const ast::Chain& chain);

private:
    struct Binding {
        std::string name;
        std::uint32_t slot;
        StaticType type;
    };

    Span span(const ast::Located& node) const { return Span{&file_, node.begin, node.end}; }
    void error(const ast::Located& at, const char* code, std::string message, std::vector<std::string> notes = {}) {
        report(dsl::DiagnosticLevel::error, at, code, std::move(message), std::move(notes));
    }
    void report(dsl::DiagnosticLevel level, const ast::Located& at, const char* code, std::string message,
                std::vector<std::string> notes) {
        Diagnostic d;
        d.level = level;
        d.code = code;
        d.file = &file_;
        d.begin = at.begin;
        d.end = at.end;
        d.message = std::move(message);
        d.notes = std::move(notes);
        diagnostics_.push_back(std::move(d));
    }

    ExprPtr make(const ast::Located& at, StaticType type, auto node) {
        auto expr = std::make_unique<Expr>();
        expr->node = std::move(node);
        expr->type = type;
        expr->span = span(at);
        return expr;
    }

    ExprPtr operand(const ast::Operand& operand);
    ExprPtr name(const ast::Name& name);
    ExprPtr date(const ast::DateLit& date);
    ExprPtr list(const ast::ListLit& list);
    ExprPtr access(const ast::Access& access);
    ExprPtr call(const ast::Call& call);
    ExprPtr unary(const ast::Unary& unary);
    ExprPtr binary(const ast::Located& at, ast::Op op, ExprPtr lhs, ExprPtr rhs);
    ExprPtr condition(const ast::Chain& chain, const char* role);
    void expect_type(const Expr& expr, StaticType expected, const std::string& what);
    std::uint32_t bind(const ast::Name& name, StaticType type);
    const Binding* lookup_binding(const std::string& name) const;
    std::vector<MessagePart> message(const ast::Template& message);
    /// Adds `levels` to the depth of the tree being built for as long as it lives.
    struct Deeper {
        Deeper(RuleChecker& checker, std::size_t levels) : checker_(checker), levels_(levels) {
            checker_.depth_ += levels_;
        }
        ~Deeper() { checker_.depth_ -= levels_; }
        Deeper(const Deeper&) = delete;
        Deeper& operator=(const Deeper&) = delete;
        RuleChecker& checker_;
        std::size_t levels_;
    };
    /// Past max_expression_depth: reports DC103 once and stands in for the expression.
    ExprPtr too_deep(const ast::Located& at);

    const dsl::SourceFile& file_;
    const RuleSet& rules_;
    std::vector<Diagnostic>& diagnostics_;
    std::vector<Binding> scope_;
    std::uint32_t slots_ = 0;
    // Operators, fields and prefix operators on the path to the node being built: with the brackets
    // (at most ParseLimits::max_nesting) an upper bound of the depth of the tree.
    std::size_t depth_ = 0;
    bool too_deep_reported_ = false;
};

ExprPtr RuleChecker::too_deep(const ast::Located& at) {
    if (!too_deep_reported_) {
        too_deep_reported_ = true;
        error(at, "DC103", "expression nested too deeply (more than " + std::to_string(max_expression_depth) +
                               " levels of operators and fields)",
              {"split it with 'let' bindings"});
    }
    return make(at, StaticType::any, Constant{Value{Absent{}}});
}

const RuleChecker::Binding* RuleChecker::lookup_binding(const std::string& name) const {
    for (auto it = scope_.rbegin(); it != scope_.rend(); ++it)
        if (it->name == name) return &*it;
    return nullptr;
}

std::uint32_t RuleChecker::bind(const ast::Name& name, StaticType type) {
    if (lookup_binding(name.text) != nullptr)
        error(name, "DC212", "'" + name.text + "' is already bound in this rule", {"choose another name"});
    scope_.push_back({name.text, slots_, type});
    return slots_++;
}

void RuleChecker::expect_type(const Expr& expr, StaticType expected, const std::string& what) {
    if (compatible(expr.type, expected)) return;
    // A literal string where a date is expected is fine if it reads as a date.
    if (expected == StaticType::date && expr.type == StaticType::string) {
        if (const auto* constant = std::get_if<Constant>(&expr.node)) {
            if (const auto* text = std::get_if<std::string>(&constant->value.data); text && parse_date(*text)) return;
        }
    }
    Diagnostic d;
    d.code = "DC301";
    d.file = expr.span.file;
    d.begin = expr.span.begin;
    d.end = expr.span.end;
    d.message = what + " must be " + std::string(to_string(expected)) + ", but this is " +
                std::string(to_string(expr.type));
    diagnostics_.push_back(std::move(d));
}

ExprPtr RuleChecker::expression(const ast::Chain& chain) {
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
    if (result) result->span = span(chain);
    return result;
}

ExprPtr RuleChecker::operand(const ast::Operand& operand) {
    return std::visit(
        Overloaded{
            [&](const ast::NumberLit& node) { return make(node, StaticType::number, Constant{Value{node.value}}); },
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

ExprPtr RuleChecker::date(const ast::DateLit& date) {
    auto parsed = parse_date(date.text);
    if (!parsed) error(date, "DC209", "'" + date.text + "' is not a valid date",
                       {"dates are YYYY-MM-DD, or YYYY-MM for the end of a month"});
    return make(date, StaticType::date, Constant{parsed ? Value{*parsed} : Value{Absent{}}});
}

ExprPtr RuleChecker::list(const ast::ListLit& list) {
    ListExpr out;
    bool all_constant = true;
    for (const auto& item : list.items) {
        out.items.push_back(expression(item));
        all_constant = all_constant && std::holds_alternative<Constant>(out.items.back()->node);
    }
    if (all_constant) {  // fold, so membership tests against literal lists cost nothing per use
        std::vector<Value> values;
        for (auto& item : out.items) values.push_back(std::get<Constant>(item->node).value);
        return make(list, StaticType::list, Constant{make_list(std::move(values))});
    }
    return make(list, StaticType::list, std::move(out));
}

ExprPtr RuleChecker::name(const ast::Name& name) {
    if (const Binding* binding = lookup_binding(name.text)) return make(name, binding->type, Variable{binding->slot});
    if (name.text == "as_of") return make(name, StaticType::date, AsOf{});
    if (name.text == "param") {
        error(name, "DC203", "'param' needs a parameter name", {"write param.NAME"});
        return make(name, StaticType::any, Constant{Value{Absent{}}});
    }
    const auto& fields = top_level_fields();
    if (std::find(fields.begin(), fields.end(), name.text) == fields.end()) {
        std::vector<std::string> candidates = fields;
        for (const auto& binding : scope_) candidates.push_back(binding.name);
        std::vector<std::string> notes{"a name that is not bound by 'for each', 'let' or a quantifier reads a "
                                       "top-level field of the partnership file"};
        if (auto suggestion = dsl::closest_match(name.text, candidates); !suggestion.empty())
            notes.insert(notes.begin(), "did you mean '" + suggestion + "'?");
        report(dsl::DiagnosticLevel::warning, name, "DC211",
               "'" + name.text + "' is not a variable nor a top-level field of the partnership format",
               std::move(notes));
    }
    return make(name, StaticType::any, RootField{name.text});
}

ExprPtr RuleChecker::access(const ast::Access& access) {
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
        base = make(ast::Located{access.begin, field.end}, StaticType::any, FieldAccess{std::move(base), field.text});
    }
    return base;
}

ExprPtr RuleChecker::condition(const ast::Chain& chain, const char* role) {
    ExprPtr expr = expression(chain);
    expect_type(*expr, StaticType::boolean, role);
    return expr;
}

ExprPtr RuleChecker::call(const ast::Call& call) {
    const std::string& fn = call.function.text;
    auto wrong_arity = [&](const std::string& usage) {
        error(call, "DC202", "wrong arguments for '" + fn + "'", {"usage: " + usage});
        return make(call, StaticType::any, Constant{Value{Absent{}}});
    };
    const bool quantifier = fn == "any" || fn == "all" || fn == "none" || fn == "count" || fn == "select";
    if (quantifier && call.binding) {
        const ast::Binding& binding = *call.binding;
        if (!call.arguments.empty() || (fn != "count" && !binding.predicate))
            return wrong_arity(fn + "(x in LIST where CONDITION)");
        QuantifierExpr q;
        q.kind = fn == "any"    ? Quantifier::any
                 : fn == "all"  ? Quantifier::all
                 : fn == "none" ? Quantifier::none
                 : fn == "select" ? Quantifier::select
                                  : Quantifier::count;
        q.collection = expression(binding.collection);
        expect_type(*q.collection, StaticType::list, "the collection of '" + fn + "'");
        q.slot = bind(binding.variable, StaticType::any);
        if (binding.predicate) q.predicate = condition(*binding.predicate, "the condition after 'where'");
        scope_.pop_back();  // the variable is visible only inside the quantifier
        const StaticType type = fn == "count"    ? StaticType::number
                                : fn == "select" ? StaticType::list
                                                 : StaticType::boolean;
        return make(call, type, std::move(q));
    }
    if (call.binding) return wrong_arity(fn == "lookup" ? "lookup(LIST, \"FIELD\", VALUE)" : std::string(fn + "(…)"));
    if (fn == "any" || fn == "all" || fn == "none" || fn == "select")
        return wrong_arity(fn + "(x in LIST where CONDITION)");
    if (fn == "if") {
        if (call.arguments.size() != 3) return wrong_arity("if(CONDITION, THEN, OTHERWISE)");
        IfExpr choice;
        choice.condition = condition(call.arguments[0], "the condition of 'if'");
        choice.then = expression(call.arguments[1]);
        choice.otherwise = expression(call.arguments[2]);
        const StaticType type = choice.then->type == choice.otherwise->type ? choice.then->type : StaticType::any;
        return make(call, type, std::move(choice));
    }
    if (fn == "lookup") {
        if (call.arguments.size() != 3) return wrong_arity("lookup(LIST, \"FIELD\", VALUE)");
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
        lookup.key = expression(call.arguments[2]);
        return make(call, StaticType::any, std::move(lookup));
    }
    const BuiltinSignature* signature = find_builtin(fn);
    if (signature == nullptr) {
        std::vector<std::string> notes;
        if (auto suggestion = dsl::closest_match(fn, callable_names()); !suggestion.empty())
            notes.push_back("did you mean '" + suggestion + "'?");
        error(call.function, "DC201", "unknown function '" + fn + "'", std::move(notes));
        for (const auto& argument : call.arguments) expression(argument);  // still check the arguments
        return make(call, StaticType::any, Constant{Value{Absent{}}});
    }
    if (call.arguments.size() < signature->min_arguments || call.arguments.size() > signature->max_arguments) {
        error(call, "DC202",
              "'" + fn + "' takes " + std::to_string(signature->min_arguments) + " argument" +
                  (signature->min_arguments == 1 ? "" : "s") + ", found " + std::to_string(call.arguments.size()),
              {"usage: " + std::string(signature->usage)});
        return make(call, signature->result, Constant{Value{Absent{}}});
    }
    CallExpr out;
    out.function = signature->id;
    for (std::size_t i = 0; i < call.arguments.size(); ++i) {
        out.arguments.push_back(expression(call.arguments[i]));
        if (i < signature->parameters.size())
            expect_type(*out.arguments.back(), signature->parameters[i],
                        "argument " + std::to_string(i + 1) + " of '" + fn + "'");
    }
    if (signature->id == Builtin::matches) {
        const auto* constant = std::get_if<Constant>(&out.arguments[1]->node);
        const auto* pattern = constant ? std::get_if<std::string>(&constant->value.data) : nullptr;
        if (pattern == nullptr) {
            error(call.arguments[1], "DC209", "the pattern of 'matches' must be a string literal");
        } else {
            try {
                out.pattern = std::make_shared<const std::regex>(*pattern, std::regex::ECMAScript);
            } catch (const std::regex_error& e) {
                error(call.arguments[1], "DC209", "invalid regular expression: " + std::string(e.what()));
            }
        }
    }
    return make(call, signature->result, std::move(out));
}

ExprPtr RuleChecker::unary(const ast::Unary& unary) {
    const Deeper deeper(*this, 1);
    if (depth_ > max_expression_depth) return too_deep(unary);
    ExprPtr operand_expr = operand(unary.operand);
    if (unary.op == ast::Op::not_) {
        expect_type(*operand_expr, StaticType::boolean, "the operand of 'not'");
        return make(unary, StaticType::boolean, UnaryExpr{UnaryOp::not_, std::move(operand_expr)});
    }
    expect_type(*operand_expr, StaticType::number, "the operand of unary '-'");
    if (const auto* constant = std::get_if<Constant>(&operand_expr->node)) {  // fold negative literals
        if (const auto* number = std::get_if<double>(&constant->value.data))
            return make(unary, StaticType::number, Constant{Value{-*number}});
    }
    return make(unary, StaticType::number, UnaryExpr{UnaryOp::negate, std::move(operand_expr)});
}

ExprPtr RuleChecker::binary(const ast::Located& at, ast::Op op, ExprPtr lhs, ExprPtr rhs) {
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
        case ast::Op::not_in:
            expect_type(*rhs, StaticType::list, "the right side of 'in'");
            return node(op == ast::Op::in ? BinaryOp::in : BinaryOp::not_in, StaticType::boolean);
        default: break;
    }
    // Comparisons: both sides known and of different kinds can never be equal or ordered.
    const StaticType a = lhs->type, b = rhs->type;
    const bool date_and_string = (a == StaticType::date && b == StaticType::string) ||
                                 (a == StaticType::string && b == StaticType::date);
    if (a != StaticType::any && b != StaticType::any && a != b && !date_and_string) {
        Diagnostic d;
        d.code = "DC301";
        d.file = &file_;
        d.begin = at.begin;
        d.end = at.end;
        d.message = "cannot compare " + std::string(to_string(a)) + " with " + std::string(to_string(b));
        diagnostics_.push_back(std::move(d));
    }
    const BinaryOp bop = op == ast::Op::eq ? BinaryOp::eq
                         : op == ast::Op::ne ? BinaryOp::ne
                         : op == ast::Op::lt ? BinaryOp::lt
                         : op == ast::Op::le ? BinaryOp::le
                         : op == ast::Op::gt ? BinaryOp::gt
                                             : BinaryOp::ge;
    return node(bop, StaticType::boolean);
}

std::vector<MessagePart> RuleChecker::message(const ast::Template& message) {
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

std::optional<Severity> parse_severity(std::string_view word) {
    if (word == "error") return Severity::error;
    if (word == "warning") return Severity::warning;
    if (word == "info") return Severity::info;
    return std::nullopt;
}

std::optional<Basis> parse_basis(std::string_view word) {
    if (word == "statute") return Basis::statute;
    if (word == "regulation") return Basis::regulation;
    if (word == "statutory_guidance") return Basis::statutory_guidance;
    if (word == "local_policy") return Basis::local_policy;
    if (word == "good_practice") return Basis::good_practice;
    return std::nullopt;
}

Severity default_severity(Basis basis) {
    switch (basis) {
        case Basis::statute:
        case Basis::regulation: return Severity::error;
        case Basis::statutory_guidance:
        case Basis::local_policy: return Severity::warning;
        case Basis::good_practice: return Severity::info;
    }
    return Severity::error;
}

CompiledRule RuleChecker::check(const ast::Rule& rule, std::size_t pack) {
    CompiledRule out;
    out.info.id = rule.id.text;
    out.info.file = file_.path();
    out.info.line = file_.line_column(rule.begin).line;
    out.pack = pack;
    out.span = span(rule);
    std::vector<std::string> seen;
    auto once = [&](const ast::Name& keyword) {
        if (std::find(seen.begin(), seen.end(), keyword.text) != seen.end()) {
            error(keyword, "DC207", "'" + keyword.text + "' is given twice in rule '" + rule.id.text + "'");
            return false;
        }
        seen.push_back(keyword.text);
        return true;
    };
    std::optional<Severity> severity;
    std::optional<Basis> basis;
    bool has_require = false;
    bool has_about = false;

    for (const auto& clause : rule.clauses) {
        std::visit(
            [&](const auto& c) {
                using C = std::decay_t<decltype(c)>;
                if constexpr (std::is_same_v<C, ast::TextClause>) {
                    if (!once(c.keyword)) return;
                    std::string text = join(c.value.parts);
                    if (c.keyword.text == "title") out.info.title = std::move(text);
                    else if (c.keyword.text == "cite") out.info.citation.source = std::move(text);
                    else if (c.keyword.text == "url") out.info.citation.url = std::move(text);
                    else out.info.citation.quote = std::move(text);
                } else if constexpr (std::is_same_v<C, ast::WordsClause>) {
                    if (!once(c.keyword)) return;
                    const std::string& keyword = c.keyword.text;
                    if (keyword == "duty" || keyword == "tags") {
                        auto& list = keyword == "duty" ? out.info.duties : out.info.tags;
                        for (const auto& word : c.words) list.push_back(word.text);
                        return;
                    }
                    if (c.words.size() != 1) {
                        error(c, "DC204", "'" + keyword + "' takes one word");
                        return;
                    }
                    const ast::Name& word = c.words.front();
                    if (keyword == "severity") {
                        severity = parse_severity(word.text);
                        if (!severity)
                            error(word, "DC204", "unknown severity '" + word.text + "'",
                                  {"expected error, warning or info"});
                    } else {
                        basis = parse_basis(word.text);
                        if (!basis)
                            error(word, "DC204", "unknown basis '" + word.text + "'",
                                  {"expected statute, regulation, statutory_guidance, local_policy or "
                                   "good_practice"});
                    }
                } else if constexpr (std::is_same_v<C, ast::ForEach>) {
                    if (has_require) {
                        error(c, "DC207", "'for each' must come before the first 'require'");
                        return;
                    }
                    ForEachStep step;
                    step.variable = c.variable.text;
                    step.collection = expression(c.collection);
                    expect_type(*step.collection, StaticType::list, "the collection of 'for each'");
                    step.slot = bind(c.variable, StaticType::any);
                    if (c.filter) step.filter = condition(*c.filter, "the condition after 'where'");
                    out.steps.emplace_back(std::move(step));
                } else if constexpr (std::is_same_v<C, ast::Let>) {
                    LetStep step;
                    step.value = expression(c.value);
                    step.slot = bind(c.variable, step.value->type);
                    out.steps.emplace_back(std::move(step));
                } else if constexpr (std::is_same_v<C, ast::When>) {
                    out.steps.emplace_back(WhenStep{condition(c.condition, "the condition of 'when'")});
                } else if constexpr (std::is_same_v<C, ast::About>) {
                    if (has_about) {
                        error(c, "DC207", "'about' is given twice in rule '" + rule.id.text + "'");
                        return;
                    }
                    has_about = true;
                    out.about = expression(c.target);
                } else {
                    has_require = true;
                    RequireStep step;
                    step.condition = condition(c.condition, "a requirement");
                    if (c.message) step.message = message(*c.message);
                    out.steps.emplace_back(std::move(step));
                }
            },
            clause);
    }

    std::vector<std::string> missing;
    if (out.info.title.empty()) missing.push_back("title");
    if (out.info.duties.empty()) missing.push_back("duty");
    if (out.info.citation.source.empty()) missing.push_back("cite");
    if (!basis && std::find(seen.begin(), seen.end(), "basis") == seen.end()) missing.push_back("basis");
    if (!has_require) missing.push_back("require");
    for (const auto& clause : missing)
        error(rule.id, "DC206", "rule '" + rule.id.text + "' has no '" + clause + "' clause");
    out.info.basis = basis.value_or(Basis::statute);
    out.info.severity = severity.value_or(default_severity(out.info.basis));
    out.slot_count = slots_;
    return out;
}

}  // namespace

std::string_view to_string(StaticType type) {
    switch (type) {
        case StaticType::any: return "any value";
        case StaticType::boolean: return "true or false";
        case StaticType::number: return "a number";
        case StaticType::string: return "a string";
        case StaticType::date: return "a date";
        case StaticType::list: return "a list";
        case StaticType::object: return "an object";
    }
    return "?";
}

std::optional<Value> check_param_default(const ast::Chain& value, const dsl::SourceFile& file,
                                         std::vector<Diagnostic>& diagnostics) {
    RuleSet no_params;
    const std::size_t before = diagnostics.size();
    RuleChecker checker(file, no_params, diagnostics);
    ExprPtr expr = checker.expression(value);
    if (diagnostics.size() > before) return std::nullopt;
    if (const auto* constant = std::get_if<Constant>(&expr->node)) return constant->value;
    Diagnostic d;
    d.code = "DC209";
    d.file = &file;
    d.begin = value.begin;
    d.end = value.end;
    d.message = "a parameter's default must be a literal (number, string, boolean, date or list)";
    diagnostics.push_back(std::move(d));
    return std::nullopt;
}

CompiledRule check_rule(const ast::Rule& rule, const dsl::SourceFile& file, const RuleSet& rules, std::size_t pack,
                        std::vector<Diagnostic>& diagnostics) {
    return RuleChecker(file, rules, diagnostics).check(rule, pack);
}

}  // namespace dutycheck::engine
