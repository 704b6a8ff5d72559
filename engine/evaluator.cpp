// The evaluator: runs each rule's steps over a document in three-valued logic and records findings.
#include "engine/evaluator.hpp"

#include "engine/applicability.hpp"
#include "engine/builtins.hpp"
#include "engine/lookup_index.hpp"
#include "engine/value_ops.hpp"

#include <algorithm>
#include <new>

namespace dutycheck::engine {

void place(Finding& finding, const Document& doc, NodeId node) {
    const SourcePosition position = doc.position(node);
    finding.line = position.line;
    finding.column = position.column;
}

namespace {


Truth truth_of(const Document& doc, const Value& value, Value& problem) {
    if (const auto b = as_boolean(value)) return *b ? Truth::true_ : Truth::false_;
    problem = value.is_missing() ? unknown_from(doc, {&value}) : type_problem(doc, value, "true or false");
    return Truth::unknown;
}

Value from_truth(Truth truth, const Value& problem) {
    if (truth == Truth::unknown) return problem;
    return Value{truth == Truth::true_};
}

/// Thrown out of a rule's evaluation when it goes over its step limit; caught in evaluate().
struct OutOfSteps {};

/// What recording a finding costs, in steps per byte it holds (docs/robustness.md, "Limits"):
/// findings are what a rule keeps, so with this weight the step limit bounds their memory, at
/// most max_steps / 8 bytes per rule (125 MB at the default).
constexpr std::uint64_t steps_per_finding_byte = 8;

/// The bytes a finding holds: the record itself and the text of its strings.
std::uint64_t finding_bytes(const Finding& finding) {
    std::uint64_t bytes = sizeof(Finding) + finding.pointer.size() + finding.object_name.size() + finding.message.size() +
                          finding.due.size();
    for (const auto& missing : finding.missing)
        bytes += sizeof(Missing) + missing.pointer.size() + missing.expected.size() + missing.found.size();
    for (const auto& entry : finding.explanation) {
        bytes += sizeof(Explanation) + entry.clause.size() + entry.condition.size() + entry.outcome.size();
        for (const auto& [name, value] : entry.values) bytes += sizeof(entry.values[0]) + name.size() + value.size();
        for (const auto& [pointer, value] : entry.facts) bytes += sizeof(entry.facts[0]) + pointer.size() + value.size();
    }
    return bytes;
}

// A value as a trace or an explanation shows it: at most 120 bytes.
std::string shown(std::string text) {
    if (text.size() > 120) text = text.substr(0, 117) + "...";
    return text;
}

class RuleRun {
public:
    RuleRun(const CompiledRule& rule, const Document& doc, const std::vector<Value>& params, Date as_of,
            LookupIndex& lookups, std::vector<Finding>& findings, bool explain, bool trace, std::uint64_t max_steps,
            std::uint8_t* reached = nullptr)
        : rule_(rule), doc_(doc), params_(params), as_of_(as_of), lookups_(lookups), findings_(findings),
          slots_(rule.slot_count, Value{Absent{}}), explain_(explain || trace), trace_(trace), reached_(reached),
          max_steps_(max_steps) {}

    /// Evaluates every instance of the rule; throws OutOfSteps past the step limit.
    void run() { step(0); }
    /// The steps taken so far.
    std::uint64_t steps() const { return steps_; }

private:
    // The whole cost of the limit on the hot path: an add and a compare.
    void count_steps(std::uint64_t n = 1) {
        steps_ += n;
        if (steps_ > max_steps_) [[unlikely]]
            throw OutOfSteps{};
    }

    /// The elements of a list or array value; 0 for any other value.
    std::size_t list_size(const Value& list) const;
    /// The elements of a list, paid for (a step each) before they are copied.
    std::optional<std::vector<Value>> elements(const Value& list, Value& problem);
    Value eval(const Expr& expr);
    Value eval_binary(const BinaryExpr& binary, const Expr& expr);
    Value eval_quantifier(const QuantifierExpr& q);
    Value eval_lookup(const LookupExpr& lookup);
    Truth condition(const Expr& expr, Value& problem) { return truth_of(doc_, eval(expr), problem); }

    void step(std::size_t index);
    /// Goes on past a 'where' or 'when' that holds; one that is false makes the instance
    /// not applicable, one that cannot be decided makes it unknown.
    void gate(const Expr& applies_if, const std::vector<MessagePart>& message, std::size_t index, const char* clause);
    /// Records the instance's finding; `next_step` is where it stopped. When the collection of
    /// a 'for each' is itself absent or empty, the finding is about that collection, not `about`.
    void finish(Status status, std::string message, std::vector<Missing> missing, std::size_t next_step,
                bool about_collection = false);
    std::string render(const std::vector<MessagePart>& parts, const Expr& condition);
    /// For --explain: records a condition, its outcome and the values it read; for --coverage,
    /// that step `index` reached the outcome.
    void note(const char* clause, const Expr& condition, Truth outcome, std::size_t index);
    /// For --trace: records a clause that is not a condition (for each, let, due) and its value.
    void note_value(const char* clause, std::string text, const Value& value);
    /// For --trace: starts collecting the facts the next clause reads.
    void start_facts() {
        if (trace_) facts_.clear();
    }
    /// For --trace: the file's field (or fields, read across a list) that an access gave.
    void read_fact(const Value& value);
    void looked_at(const Expr& expr, std::vector<std::pair<std::string, std::string>>& values);

    const CompiledRule& rule_;
    const Document& doc_;
    const std::vector<Value>& params_;
    Date as_of_;
    LookupIndex& lookups_;
    std::vector<Finding>& findings_;
    std::vector<Value> slots_;
    std::vector<Value> innermost_;  // stack of for-each elements, for naming findings
    std::vector<std::string> unmet_;
    std::vector<Missing> unknown_;
    bool explain_ = false;
    bool trace_ = false;
    bool on_the_way_ = false;  ///< --trace: evaluating the base of a path, whose own fields are not facts
    std::vector<std::pair<std::string, std::string>> facts_;  ///< --trace: read by the clause being evaluated
    std::vector<Explanation> explanation_;
    std::uint8_t* reached_ = nullptr;  ///< --coverage: one ConditionOutcome mask per step, else null
    std::string due_;  ///< the instance's deadline (YYYY-MM-DD) once its `due` has run
    std::uint64_t steps_ = 0;
    std::uint64_t max_steps_;
};

std::size_t RuleRun::list_size(const Value& list) const {
    if (const auto* items = std::get_if<ListPtr>(&list.data)) return (*items)->size();
    if (const auto* node = std::get_if<DocNode>(&list.data); node && doc_.kind(node->id) == NodeKind::array)
        return doc_.size(node->id);
    return 0;
}

std::optional<std::vector<Value>> RuleRun::elements(const Value& list, Value& problem) {
    count_steps(list_size(list));
    return elements_of(doc_, list, problem);
}

void RuleRun::looked_at(const Expr& expr, std::vector<std::pair<std::string, std::string>>& values) {
    // The values a person would check: paths, parameters, the date, and whole calls and
    // quantifiers (not their insides, which depend on a bound variable), a def's by its call.
    const bool leaf = std::visit(
        [](const auto& node) {
            using N = std::decay_t<decltype(node)>;
            return std::is_same_v<N, FieldAccess> || std::is_same_v<N, RootField> || std::is_same_v<N, ParamRef> ||
                   std::is_same_v<N, AsOf> || std::is_same_v<N, Variable> || std::is_same_v<N, QuantifierExpr> ||
                   std::is_same_v<N, CallExpr> || std::is_same_v<N, LookupExpr>;
        },
        expr.node) || expr.def_call;
    if (leaf) {
        std::string text = shown(to_text(doc_, eval(expr)));
        const std::string name(expr.span.text());
        for (const auto& [seen, value] : values)
            if (seen == name) return;
        values.emplace_back(name, std::move(text));
        return;
    }
    std::visit(
        [&](const auto& node) {
            using N = std::decay_t<decltype(node)>;
            if constexpr (std::is_same_v<N, UnaryExpr>) looked_at(*node.operand, values);
            else if constexpr (std::is_same_v<N, BinaryExpr>) {
                looked_at(*node.lhs, values);
                looked_at(*node.rhs, values);
            } else if constexpr (std::is_same_v<N, ListExpr>) {
                for (const auto& item : node.items) looked_at(*item, values);
            } else if constexpr (std::is_same_v<N, IfExpr>) {
                looked_at(*node.condition, values);
                looked_at(*node.then, values);
                looked_at(*node.otherwise, values);
            }
        },
        expr.node);
}

void RuleRun::note(const char* clause, const Expr& condition, Truth outcome, std::size_t index) {
    if (reached_ != nullptr)
        reached_[index] |= outcome == Truth::true_ ? reached_true : outcome == Truth::false_ ? reached_false : reached_unknown;
    if (!explain_) return;
    Explanation entry;
    entry.clause = clause;
    entry.condition = std::string(condition.span.text());
    entry.outcome = outcome == Truth::true_ ? "true" : outcome == Truth::false_ ? "false" : "unknown";
    // The facts first: looked_at evaluates the clause's parts again, which reads nothing new.
    entry.facts = facts_;
    looked_at(condition, entry.values);
    explanation_.push_back(std::move(entry));
}

void RuleRun::note_value(const char* clause, std::string text, const Value& value) {
    if (!trace_) return;
    Explanation entry;
    entry.clause = clause;
    entry.condition = std::move(text);
    // An element of the file is named by its place, which says more than its whole text.
    const auto* node = std::get_if<DocNode>(&value.data);
    entry.outcome = node != nullptr && node->id != doc_.root() && (doc_.kind(node->id) == NodeKind::object ||
                                                                  doc_.kind(node->id) == NodeKind::array)
                        ? doc_.pointer(node->id)
                        : shown(to_text(doc_, value));
    entry.facts = facts_;
    explanation_.push_back(std::move(entry));
}

void RuleRun::read_fact(const Value& value) {
    auto add = [&](std::string pointer, std::string text) {
        for (const auto& [seen, _] : facts_)
            if (seen == pointer) return;
        facts_.emplace_back(std::move(pointer), std::move(text));
    };
    if (const auto* absent = std::get_if<Absent>(&value.data)) {
        add(absent->pointer, "absent");
    } else if (const auto* unknown = std::get_if<Unknown>(&value.data)) {
        for (const Missing& m : unknown->reasons)
            add(m.pointer, m.reason == MissingReason::not_recorded ? "absent" : shown(m.found + ", expected " + m.expected));
    } else if (const auto* node = std::get_if<DocNode>(&value.data)) {
        // An object or a list in a word or two: its fields are facts of their own when read.
        const std::string name = object_name(doc_, node->id);
        add(doc_.pointer(node->id), doc_.kind(node->id) == NodeKind::array
                                        ? "a list of " + std::to_string(doc_.size(node->id))
                                        : "an object" + (name.empty() ? std::string() : " (" + shown(name) + ")"));
    } else if (const auto* list = std::get_if<ListPtr>(&value.data)) {
        for (const Value& item : **list) read_fact(item);  // a field read across a list: each element's
    } else if (value.origin != no_origin) {
        const auto* text = std::get_if<std::string>(&value.data);
        add(doc_.pointer(value.origin), text != nullptr ? shown("\"" + *text + "\"") : shown(to_text(doc_, value)));
    }
}

Value RuleRun::eval(const Expr& expr) {
    count_steps();
    return std::visit(
        [&](const auto& node) -> Value {
            using N = std::decay_t<decltype(node)>;
            if constexpr (std::is_same_v<N, Constant>) return node.value;
            else if constexpr (std::is_same_v<N, Variable>) return slots_[node.slot];
            else if constexpr (std::is_same_v<N, RootField>) {
                Value field = field_of(doc_, Value{DocNode{doc_.root()}}, node.key);
                if (trace_ && !on_the_way_) [[unlikely]] read_fact(field);
                return field;
            }
            else if constexpr (std::is_same_v<N, ParamRef>) return params_[node.index];
            else if constexpr (std::is_same_v<N, AsOf>) return Value{as_of_};
            else if constexpr (std::is_same_v<N, FieldAccess>) {
                // --trace: a path's fact is its last field; the objects on the way are not read as such.
                const bool fact = trace_ && !on_the_way_;
                on_the_way_ = trace_ && (std::holds_alternative<FieldAccess>(node.base->node) ||
                                         std::holds_alternative<RootField>(node.base->node));
                Value base = eval(*node.base);
                on_the_way_ = false;
                // Read across a list, a field costs one step per element it collects.
                Value field = field_of(doc_, base, node.key);
                if (const auto* list = std::get_if<ListPtr>(&field.data)) count_steps((*list)->size());
                if (fact) [[unlikely]] read_fact(field);
                return field;
            }
            else if constexpr (std::is_same_v<N, UnaryExpr>) {
                Value operand = eval(*node.operand);
                if (node.op == UnaryOp::not_) {
                    Value problem;
                    const Truth t = truth_of(doc_, operand, problem);
                    return t == Truth::unknown ? problem : Value{t == Truth::false_};
                }
                if (operand.is_missing()) return unknown_from(doc_, {&operand});
                const auto number = as_number(operand);
                return number ? Value{-*number} : type_problem(doc_, operand, "a number");
            } else if constexpr (std::is_same_v<N, BinaryExpr>) return eval_binary(node, expr);
            else if constexpr (std::is_same_v<N, ListExpr>) {
                count_steps(node.items.size());  // the list it builds
                std::vector<Value> items;
                items.reserve(node.items.size());
                for (const auto& item : node.items) items.push_back(eval(*item));
                return make_list(std::move(items));
            } else if constexpr (std::is_same_v<N, QuantifierExpr>) return eval_quantifier(node);
            else if constexpr (std::is_same_v<N, CallExpr>) {
                std::vector<Value> args;
                args.reserve(node.arguments.size());
                for (const auto& argument : node.arguments) args.push_back(eval(*argument));
                // A builtin about the as-of date (within_months) is given it after its own arguments.
                if (node.function->reads_as_of) args.push_back(Value{as_of_});
                // A builtin over a list copies its elements (count, sum, max, distinct), and
                // distinct() builds a list of its own.
                for (std::size_t i = 0; i < node.arguments.size(); ++i)
                    if (node.function->parameters[i] == StaticType::list) count_steps(list_size(args[i]));
                Value result = call_builtin(node.function, args, doc_, node.pattern.get());
                count_steps(list_size(result));
                return result;
            } else if constexpr (std::is_same_v<N, IfExpr>) {
                Value problem;
                const Truth chosen = condition(*node.condition, problem);
                if (chosen == Truth::unknown) return problem;
                return eval(chosen == Truth::true_ ? *node.then : *node.otherwise);
            } else return eval_lookup(node);
        },
        expr.node);
}

Value RuleRun::eval_binary(const BinaryExpr& binary, const Expr& expr) {
    if (binary.op == BinaryOp::and_ || binary.op == BinaryOp::or_) {
        // Kleene logic with short-circuit: false decides 'and', true decides 'or'.
        const Truth decisive = binary.op == BinaryOp::and_ ? Truth::false_ : Truth::true_;
        Value left_problem, right_problem;
        const Truth left = condition(*binary.lhs, left_problem);
        if (left == decisive) return Value{decisive == Truth::true_};
        const Truth right = condition(*binary.rhs, right_problem);
        if (right == decisive) return Value{decisive == Truth::true_};
        if (left == Truth::unknown && right == Truth::unknown) return unknown_from(doc_, {&left_problem, &right_problem});
        if (left == Truth::unknown) return left_problem;
        if (right == Truth::unknown) return right_problem;
        return Value{decisive != Truth::true_};
    }
    Value lhs = eval(*binary.lhs);
    Value rhs = eval(*binary.rhs);
    Value problem;
    switch (binary.op) {
        case BinaryOp::eq:
        case BinaryOp::ne: {
            Truth t = equals(doc_, lhs, rhs, problem);
            if (binary.op == BinaryOp::ne && t != Truth::unknown) t = t == Truth::true_ ? Truth::false_ : Truth::true_;
            return from_truth(t, problem);
        }
        case BinaryOp::lt:
        case BinaryOp::le:
        case BinaryOp::gt:
        case BinaryOp::ge: {
            const Ordering ordering = binary.op == BinaryOp::lt   ? Ordering::less
                                      : binary.op == BinaryOp::le ? Ordering::less_equal
                                      : binary.op == BinaryOp::gt ? Ordering::greater
                                                                  : Ordering::greater_equal;
            return from_truth(compare(doc_, lhs, ordering, rhs, problem), problem);
        }
        case BinaryOp::in:
        case BinaryOp::not_in: {
            if (lhs.is_missing()) return unknown_from(doc_, {&lhs});
            auto items = elements(rhs, problem);
            if (!items) return problem;
            Truth found = Truth::false_;
            Unknown reasons;
            for (const Value& item : *items) {
                count_steps();
                Value item_problem;
                const Truth t = equals(doc_, lhs, item, item_problem);
                if (t == Truth::true_) {
                    found = Truth::true_;
                    break;
                }
                if (t == Truth::unknown) {
                    found = Truth::unknown;
                    collect_reasons(item_problem, reasons.reasons);
                }
            }
            if (found == Truth::unknown) return Value{std::move(reasons)};
            return Value{(found == Truth::true_) == (binary.op == BinaryOp::in)};
        }
        default: break;
    }
    // Arithmetic.
    if (lhs.is_missing() || rhs.is_missing()) return unknown_from(doc_, {&lhs, &rhs});
    const auto a = as_number(lhs);
    const auto b = as_number(rhs);
    if (!a) return type_problem(doc_, lhs, "a number");
    if (!b) return type_problem(doc_, rhs, "a number");
    std::optional<Number> result;
    switch (binary.op) {
        case BinaryOp::add: result = a->plus(*b); break;
        case BinaryOp::sub: result = a->minus(*b); break;
        case BinaryOp::mul: result = a->times(*b); break;
        default:
            if (b->sign() == 0)
                return type_problem(doc_, rhs, "a divisor other than zero in '" + std::string(expr.span.text()) + "'",
                                    MissingReason::out_of_range);
            result = a->divided_by(*b);
    }
    // Exact or nothing: a result too large or too fine for a Number is unknown, never rounded.
    if (!result) return out_of_range_result(doc_, {&lhs, &rhs}, "'" + std::string(expr.span.text()) + "'");
    return Value{*result};
}

Value RuleRun::eval_quantifier(const QuantifierExpr& q) {
    Value problem;
    auto items = elements(eval(*q.collection), problem);
    if (!items) return problem;
    if (!q.predicate) {
        const auto count = known_count(doc_, *items, problem);
        return count ? Value{Number(static_cast<std::int64_t>(*count))} : problem;
    }
    std::size_t count = 0;
    std::vector<Value> selected;
    Unknown reasons;
    bool unknown = false;
    for (Value& item : *items) {
        count_steps();
        slots_[q.slot] = item;
        Value item_problem;
        const Truth t = condition(*q.predicate, item_problem);
        if (t == Truth::unknown) {
            unknown = true;
            collect_reasons(item_problem, reasons.reasons);
            continue;
        }
        if (t == Truth::true_) {
            ++count;
            if (q.kind == Quantifier::select) {
                count_steps();  // the list it builds
                selected.push_back(std::move(item));
            }
            if (q.kind == Quantifier::any) return Value{true};
            if (q.kind == Quantifier::none) return Value{false};
        } else if (q.kind == Quantifier::all) {
            return Value{false};
        }
    }
    if (unknown) return Value{std::move(reasons)};
    switch (q.kind) {
        case Quantifier::any: return Value{false};
        case Quantifier::all:
        case Quantifier::none: return Value{true};
        case Quantifier::count: return Value{Number(static_cast<std::int64_t>(count))};
        case Quantifier::select: return make_list(std::move(selected));
    }
    return Value{Unknown{}};
}

Value RuleRun::eval_lookup(const LookupExpr& lookup) {
    Value collection = eval(*lookup.collection);
    Value key = eval(*lookup.key);
    if (collection.is_missing() || key.is_missing()) return unknown_from(doc_, {&collection, &key});
    auto key_text = LookupIndex::key_text(key);
    if (!key_text) return type_problem(doc_, key, "a string or number to look up");
    const auto* node = std::get_if<DocNode>(&collection.data);
    if (node == nullptr || doc_.kind(node->id) != NodeKind::array) return type_problem(doc_, collection, "a list");
    const auto& index = lookups_.index(doc_, node->id, lookup.field);
    if (auto found = index.find(*key_text); found != index.end()) return from_node(doc_, found->second);
    return Value{Absent{doc_.pointer(node->id) + "[" + lookup.field + "=" + *key_text + "]"}};
}

std::string RuleRun::render(const std::vector<MessagePart>& parts, const Expr& condition) {
    if (parts.empty()) return "requirement not met: " + std::string(condition.span.text());
    std::string out;
    for (const auto& part : parts) out += part.expression ? to_text(doc_, eval(*part.expression)) : part.text;
    return out;
}

void RuleRun::step(std::size_t index) {
    if (index == rule_.steps.size()) {
        if (!unmet_.empty()) {
            std::string message;
            for (const auto& m : unmet_) message += (message.empty() ? "" : "\n") + m;  // one line each
            finish(Status::unmet, std::move(message), {}, index);
        } else if (!unknown_.empty()) {
            finish(Status::unknown, {}, unknown_, index);
        } else {
            finish(Status::met, {}, {}, index);
        }
        return;
    }
    std::visit(
        [&](const auto& s) {
            using S = std::decay_t<decltype(s)>;
            if constexpr (std::is_same_v<S, ForEachStep>) {
                start_facts();
                Value collection = eval(*s.collection);
                Value problem;
                auto items = elements(collection, problem);
                const std::string heading = s.variable + " in " + std::string(s.collection->span.text());
                if (!items || items->empty()) note_value("for each", heading, collection);
                if (!items) {
                    std::vector<Missing> reasons;
                    collect_reasons(problem, reasons);
                    innermost_.push_back(collection);
                    finish(Status::unknown, {}, std::move(reasons), rule_.steps.size(), true);
                    innermost_.pop_back();
                    return;
                }
                if (items->empty()) {
                    innermost_.push_back(collection);
                    finish(Status::not_applicable, s.empty_message, {}, rule_.steps.size(), true);
                    innermost_.pop_back();
                    return;
                }
                const auto saved_unmet = unmet_;
                const auto saved_unknown = unknown_;
                const auto saved_explanation = explanation_;
                const auto saved_due = due_;
                const auto collection_facts = facts_;
                for (Value& item : *items) {
                    count_steps();
                    unmet_ = saved_unmet;
                    unknown_ = saved_unknown;
                    explanation_ = saved_explanation;
                    due_ = saved_due;
                    slots_[s.slot] = item;
                    if (trace_) {
                        facts_ = collection_facts;
                        note_value("for each", heading, item);
                    }
                    innermost_.push_back(std::move(item));
                    if (s.filter) gate(*s.filter, s.filter_message, index, "where");
                    else step(index + 1);
                    innermost_.pop_back();
                }
            } else if constexpr (std::is_same_v<S, LetStep>) {
                start_facts();
                slots_[s.slot] = eval(*s.value);
                note_value("let", s.variable + " = " + std::string(s.value->span.text()), slots_[s.slot]);
                step(index + 1);
            } else if constexpr (std::is_same_v<S, WhenStep>) {
                gate(*s.condition, s.message, index, "when");
            } else if constexpr (std::is_same_v<S, DueStep>) {
                // A date the file cannot give (absent, unknown, not a date) leaves no deadline: the
                // calendar lists only what the facts determine. A run of days (an event's month
                // moved by days) falls due on its last day, the latest the deadline can be.
                start_facts();
                const Value date = eval(*s.date);
                if (const auto day = as_date(date)) due_ = format_date(last_day(*day));
                else due_.clear();
                note_value("due", std::string(s.date->span.text()), date);
                step(index + 1);
            } else {
                Value problem;
                start_facts();
                const Truth met = condition(*s.condition, problem);
                note("require", *s.condition, met, index);
                if (met == Truth::false_) unmet_.push_back(render(s.message, *s.condition));
                else if (met == Truth::unknown) collect_reasons(problem, unknown_);
                step(index + 1);
            }
        },
        rule_.steps[index]);
}

void RuleRun::gate(const Expr& applies_if, const std::vector<MessagePart>& message, std::size_t index,
                   const char* clause) {
    Value problem;
    start_facts();
    const Truth applies = condition(applies_if, problem);
    note(clause, applies_if, applies, index);
    if (applies == Truth::true_) {
        step(index + 1);
    } else if (applies == Truth::false_) {
        // The rule's own words; without them, which clause left the instance out, never its code.
        finish(Status::not_applicable,
               message.empty() ? std::string("does not apply: the condition of its '") + clause + "' does not hold"
                               : render(message, applies_if),
               {}, index + 1);
    } else {
        std::vector<Missing> reasons;
        collect_reasons(problem, reasons);
        finish(Status::unknown, {}, std::move(reasons), index + 1);
    }
}

void RuleRun::finish(Status status, std::string message, std::vector<Missing> missing, std::size_t next_step,
                     bool about_collection) {
    // An instance that stopped early still binds its later 'let's (up to the next 'for each'),
    // so 'about' names the same object whatever the outcome.
    for (std::size_t i = next_step; i < rule_.steps.size(); ++i) {
        if (std::holds_alternative<ForEachStep>(rule_.steps[i])) break;
        if (const auto* let = std::get_if<LetStep>(&rule_.steps[i])) slots_[let->slot] = eval(*let->value);
    }
    Finding finding;
    finding.rule = &rule_.info;
    finding.status = status;
    Value about = rule_.about && !about_collection ? eval(*rule_.about)
                  : innermost_.empty()             ? Value{DocNode{doc_.root()}}
                                                   : innermost_.back();
    // Where the finding points: the object itself, or for something absent its nearest recorded
    // ancestor (found once here, from the node in hand, rather than by walking the pointer later).
    NodeId at = doc_.root();
    if (const auto* absent = std::get_if<Absent>(&about.data)) {
        finding.pointer = absent->pointer;
        at = doc_.nearest(finding.pointer);
    } else if (const auto* node = std::get_if<DocNode>(&about.data)) {
        finding.pointer = doc_.pointer(node->id);
        at = node->id;
    } else if (about.origin != no_origin) {
        finding.pointer = doc_.pointer(about.origin);
        at = about.origin;
    }
    place(finding, doc_, at);
    // Name: the object itself, else the innermost element being checked.
    if (const auto* node = std::get_if<DocNode>(&about.data)) finding.object_name = object_name(doc_, node->id);
    for (auto it = innermost_.rbegin(); finding.object_name.empty() && it != innermost_.rend(); ++it)
        if (const auto* node = std::get_if<DocNode>(&it->data)) finding.object_name = object_name(doc_, node->id);
    std::sort(missing.begin(), missing.end());
    missing.erase(std::unique(missing.begin(), missing.end()), missing.end());
    finding.message = std::move(message);
    finding.missing = std::move(missing);
    finding.explanation = explanation_;
    finding.due = due_;
    // What a rule keeps is paid for, so the step limit bounds its memory as well as its time.
    count_steps(steps_per_finding_byte * finding_bytes(finding));
    findings_.push_back(std::move(finding));
}

}  // namespace

DocumentResult evaluate(const RuleSet& rules, const Document& doc, const std::vector<Value>& params,
                        const EvaluationOptions& options, const std::string& file) {
    const Date as_of = options.as_of;
    DocumentResult result;
    result.file = file;
    result.as_of = format_date(as_of);
    const Value root{DocNode{doc.root()}};
    const Value partnership = field_of(doc, root, "partnership");
    const Value id = field_of(doc, partnership, "id");
    const Value name = field_of(doc, partnership, "name");
    if (const auto* text = as_string(id)) result.partnership_id = *text;
    if (const auto* text = as_string(name)) result.partnership_name = *text;

    // Growing a vector of a hundred thousand findings copies them and touches fresh memory at
    // every doubling. For a large file a bound by its size is reserved instead: pages never
    // written cost nothing, so a generous estimate is free and a short one only means some
    // regrowth. (Small files skip it, so a batch of thousands holds no idle reservations.)
    const std::size_t expected = rules.rules.size() * 4 + doc.node_count() / 4;
    if (expected >= 4096) result.findings.reserve(expected);
    LookupIndex lookups;
    if (options.coverage) {
        result.clause_outcomes.reserve(rules.rules.size());
        for (const auto& rule : rules.rules) result.clause_outcomes.emplace_back(rule.steps.size(), 0);
    }
    for (std::size_t r = 0; r < rules.rules.size(); ++r) {
        const CompiledRule& rule = rules.rules[r];
        if (result.step_limit_exceeded || result.out_of_memory) break;
        // A pack for one jurisdiction says nothing about another: never a pass.
        if (auto outside = outside_jurisdiction(rules.packs[rule.pack], rule.info, doc)) {
            result.findings.push_back(std::move(*outside));
            continue;
        }
        const bool named = std::find(options.explain_rules.begin(), options.explain_rules.end(), rule.info.id) !=
                           options.explain_rules.end();
        const bool traced = !options.trace_rule.empty() && rule.info.id == options.trace_rule;
        RuleRun run(rule, doc, params, as_of, lookups, result.findings, named || options.explain_failing, traced,
                    options.max_steps, options.coverage ? result.clause_outcomes[r].data() : nullptr);
        const std::size_t earlier_findings = result.findings.size();
        // A rule cut off part-way has decided nothing: none of its findings stand, not even
        // those of the instances it finished, and no later rule runs.
        auto drop_findings = [&] {
            result.findings.erase(result.findings.begin() + static_cast<std::ptrdiff_t>(earlier_findings),
                                  result.findings.end());
        };
        try {
            run.run();
        } catch (const OutOfSteps&) {
            drop_findings();
            result.step_limit_exceeded = StepLimitExceeded{&rule.info, options.max_steps};
        } catch (const std::bad_alloc&) {
            // Unwinding has freed what the rule held; dropping its findings frees the rest, so
            // the message naming it can be made.
            drop_findings();
            result.out_of_memory = &rule.info;
        }
        if (run.steps() > result.most_steps) {
            result.most_steps = run.steps();
            result.most_steps_rule = &rule.info;
        }
    }

    for (const auto& finding : result.findings) result.summary.add(finding);
    return result;
}

}  // namespace dutycheck::engine