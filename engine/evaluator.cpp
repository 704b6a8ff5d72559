// The evaluator: runs each rule's steps over a document in three-valued logic and records findings.
#include "engine/evaluator.hpp"

#include "engine/builtins.hpp"
#include "engine/value_ops.hpp"

#include <algorithm>
#include <cmath>
#include <unordered_map>

namespace dutycheck::engine {
namespace {

/// Records where in the file a finding is: the line and column of `node`.
void place(Finding& finding, const Document& doc, NodeId node) {
    const SourcePosition position = doc.position(node);
    finding.line = position.line;
    finding.column = position.column;
}


/// Per-document index for lookup(): built on first use for each (collection, field), so a
/// rule that looks up one direction per report stays linear in the document.
class LookupIndex {
public:
    const std::unordered_map<std::string, NodeId>& index(const Document& doc, NodeId collection,
                                                          const std::string& field) {
        auto& entry = indexes_[{collection, field}];
        if (!entry.built) {
            entry.built = true;
            for (std::size_t i = 0; i < doc.size(collection); ++i) {
                const NodeId element = doc.child(collection, i);
                if (doc.kind(element) != NodeKind::object) continue;
                auto member = doc.member(element, field);
                if (!member) continue;
                auto key = key_text(from_node(doc, *member));
                if (key) entry.map.emplace(std::move(*key), element);  // first one wins
            }
        }
        return entry.map;
    }

    static std::optional<std::string> key_text(const Value& value) {
        if (const auto* text = as_string(value)) return *text;
        if (const auto number = as_number(value)) return format_number(*number);
        if (const auto* date = std::get_if<Date>(&value.data)) return format_date(*date);
        return std::nullopt;
    }

private:
    struct Entry {
        bool built = false;
        std::unordered_map<std::string, NodeId> map;
    };
    struct KeyHash {
        std::size_t operator()(const std::pair<NodeId, std::string>& key) const {
            return std::hash<std::string>()(key.second) ^ (std::hash<NodeId>()(key.first) << 1);
        }
    };
    std::unordered_map<std::pair<NodeId, std::string>, Entry, KeyHash> indexes_;
};

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

class RuleRun {
public:
    RuleRun(const CompiledRule& rule, const Document& doc, const std::vector<Value>& params, Date as_of,
            LookupIndex& lookups, std::vector<Finding>& findings, bool explain, std::uint64_t max_steps)
        : rule_(rule), doc_(doc), params_(params), as_of_(as_of), lookups_(lookups), findings_(findings),
          slots_(rule.slot_count, Value{Absent{}}), explain_(explain), max_steps_(max_steps) {}

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

    Value eval(const Expr& expr);
    Value eval_binary(const BinaryExpr& binary, const Expr& expr);
    Value eval_quantifier(const QuantifierExpr& q);
    Value eval_lookup(const LookupExpr& lookup);
    Truth condition(const Expr& expr, Value& problem) { return truth_of(doc_, eval(expr), problem); }

    void step(std::size_t index);
    /// Goes on past a 'where' or 'when' that holds; one that is false makes the instance
    /// not applicable, one that cannot be decided makes it unknown.
    void gate(const Expr& applies_if, std::size_t index, const char* clause);
    /// Records the instance's finding; `next_step` is where it stopped. When the collection of
    /// a 'for each' is itself absent or empty, the finding is about that collection, not `about`.
    void finish(Status status, std::string message, std::vector<std::string> missing, std::size_t next_step,
                bool about_collection = false);
    std::string render(const std::vector<MessagePart>& parts, const Expr& condition);
    /// For --explain: records a condition, its outcome and the values it read.
    void note(const char* clause, const Expr& condition, Truth outcome);
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
    std::vector<std::string> unknown_;
    bool explain_ = false;
    std::vector<Explanation> explanation_;
    std::uint64_t steps_ = 0;
    std::uint64_t max_steps_;
};

void RuleRun::looked_at(const Expr& expr, std::vector<std::pair<std::string, std::string>>& values) {
    // The values a person would check: paths, parameters, the date, and whole calls and
    // quantifiers (not their insides, which depend on a bound variable).
    const bool leaf = std::visit(
        [](const auto& node) {
            using N = std::decay_t<decltype(node)>;
            return std::is_same_v<N, FieldAccess> || std::is_same_v<N, RootField> || std::is_same_v<N, ParamRef> ||
                   std::is_same_v<N, AsOf> || std::is_same_v<N, Variable> || std::is_same_v<N, QuantifierExpr> ||
                   std::is_same_v<N, CallExpr> || std::is_same_v<N, LookupExpr>;
        },
        expr.node);
    if (leaf) {
        std::string text = to_text(doc_, eval(expr));
        if (text.size() > 120) text = text.substr(0, 117) + "...";
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

void RuleRun::note(const char* clause, const Expr& condition, Truth outcome) {
    if (!explain_) return;
    Explanation entry;
    entry.clause = clause;
    entry.condition = std::string(condition.span.text());
    entry.outcome = outcome == Truth::true_ ? "true" : outcome == Truth::false_ ? "false" : "unknown";
    looked_at(condition, entry.values);
    explanation_.push_back(std::move(entry));
}

Value RuleRun::eval(const Expr& expr) {
    count_steps();
    return std::visit(
        [&](const auto& node) -> Value {
            using N = std::decay_t<decltype(node)>;
            if constexpr (std::is_same_v<N, Constant>) return node.value;
            else if constexpr (std::is_same_v<N, Variable>) return slots_[node.slot];
            else if constexpr (std::is_same_v<N, RootField>) return field_of(doc_, Value{DocNode{doc_.root()}}, node.key);
            else if constexpr (std::is_same_v<N, ParamRef>) return params_[node.index];
            else if constexpr (std::is_same_v<N, AsOf>) return Value{as_of_};
            else if constexpr (std::is_same_v<N, FieldAccess>) {
                // Read across a list, a field costs one step per element it collects.
                Value field = field_of(doc_, eval(*node.base), node.key);
                if (const auto* list = std::get_if<ListPtr>(&field.data)) count_steps((*list)->size());
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
                std::vector<Value> items;
                items.reserve(node.items.size());
                for (const auto& item : node.items) items.push_back(eval(*item));
                return make_list(std::move(items));
            } else if constexpr (std::is_same_v<N, QuantifierExpr>) return eval_quantifier(node);
            else if constexpr (std::is_same_v<N, CallExpr>) {
                std::vector<Value> args;
                args.reserve(node.arguments.size());
                for (const auto& argument : node.arguments) args.push_back(eval(*argument));
                return call_builtin(node.function, args, doc_, node.pattern.get());
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
            const auto order = compare(doc_, lhs, rhs, problem);
            if (!order) return problem;
            const bool result = binary.op == BinaryOp::lt   ? *order < 0
                                : binary.op == BinaryOp::le ? *order <= 0
                                : binary.op == BinaryOp::gt ? *order > 0
                                                            : *order >= 0;
            return Value{result};
        }
        case BinaryOp::in:
        case BinaryOp::not_in: {
            if (lhs.is_missing()) return unknown_from(doc_, {&lhs});
            auto items = elements_of(doc_, rhs, problem);
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
                    collect_reasons(doc_, item_problem, reasons.reasons);
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
    switch (binary.op) {
        case BinaryOp::add: return Value{*a + *b};
        case BinaryOp::sub: return Value{*a - *b};
        case BinaryOp::mul: return Value{*a * *b};
        default:
            if (*b == 0) return Value{Unknown{{"division by zero in '" + std::string(expr.span.text()) + "'"}}};
            return Value{*a / *b};
    }
}

Value RuleRun::eval_quantifier(const QuantifierExpr& q) {
    Value problem;
    auto items = elements_of(doc_, eval(*q.collection), problem);
    if (!items) return problem;
    if (!q.predicate) return Value{static_cast<double>(items->size())};
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
            collect_reasons(doc_, item_problem, reasons.reasons);
            continue;
        }
        if (t == Truth::true_) {
            ++count;
            if (q.kind == Quantifier::select) selected.push_back(std::move(item));
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
        case Quantifier::count: return Value{static_cast<double>(count)};
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
                Value collection = eval(*s.collection);
                Value problem;
                auto items = elements_of(doc_, collection, problem);
                if (!items) {
                    std::vector<std::string> reasons;
                    collect_reasons(doc_, problem, reasons);
                    innermost_.push_back(collection);
                    finish(Status::unknown, {}, std::move(reasons), rule_.steps.size(), true);
                    innermost_.pop_back();
                    return;
                }
                if (items->empty()) {
                    innermost_.push_back(collection);
                    finish(Status::not_applicable,
                           "nothing to check: " + std::string(s.collection->span.text()) + " is empty", {},
                           rule_.steps.size(), true);
                    innermost_.pop_back();
                    return;
                }
                const auto saved_unmet = unmet_;
                const auto saved_unknown = unknown_;
                const auto saved_explanation = explanation_;
                for (Value& item : *items) {
                    count_steps();
                    unmet_ = saved_unmet;
                    unknown_ = saved_unknown;
                    explanation_ = saved_explanation;
                    slots_[s.slot] = item;
                    innermost_.push_back(std::move(item));
                    if (s.filter) gate(*s.filter, index, "where");
                    else step(index + 1);
                    innermost_.pop_back();
                }
            } else if constexpr (std::is_same_v<S, LetStep>) {
                slots_[s.slot] = eval(*s.value);
                step(index + 1);
            } else if constexpr (std::is_same_v<S, WhenStep>) {
                gate(*s.condition, index, "when");
            } else {
                Value problem;
                const Truth met = condition(*s.condition, problem);
                note("require", *s.condition, met);
                if (met == Truth::false_) unmet_.push_back(render(s.message, *s.condition));
                else if (met == Truth::unknown) collect_reasons(doc_, problem, unknown_);
                step(index + 1);
            }
        },
        rule_.steps[index]);
}

void RuleRun::gate(const Expr& applies_if, std::size_t index, const char* clause) {
    Value problem;
    const Truth applies = condition(applies_if, problem);
    note(clause, applies_if, applies);
    if (applies == Truth::true_) {
        step(index + 1);
    } else if (applies == Truth::false_) {
        finish(Status::not_applicable, "does not apply: " + std::string(applies_if.span.text()), {}, index + 1);
    } else {
        std::vector<std::string> reasons;
        collect_reasons(doc_, problem, reasons);
        finish(Status::unknown, {}, std::move(reasons), index + 1);
    }
}

void RuleRun::finish(Status status, std::string message, std::vector<std::string> missing, std::size_t next_step,
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
    if (status == Status::unknown) {
        message = "cannot verify: ";
        for (std::size_t i = 0; i < missing.size(); ++i) message += (i ? "; " : "") + missing[i];
    }
    finding.message = std::move(message);
    finding.missing = std::move(missing);
    finding.explanation = explanation_;
    findings_.push_back(std::move(finding));
}

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

std::string kind_name(const Value& example) {
    if (as_boolean(example)) return "true or false";
    if (as_number(example)) return "a number";
    if (std::holds_alternative<Date>(example.data)) return "a date (YYYY-MM-DD or YYYY-MM)";
    if (std::holds_alternative<ListPtr>(example.data)) return "a list";
    return "a string";
}

}  // namespace

std::variant<std::vector<Value>, InputError> resolve_parameters(const RuleSet& rules, const Document& doc,
                                                                const std::map<std::string, std::string>& overrides) {
    std::vector<Value> values;
    for (const auto& param : rules.params) values.push_back(param.default_value);
    if (doc.kind(doc.root()) == NodeKind::object) {
        if (auto parameters = doc.member(doc.root(), "parameters")) {
            if (doc.kind(*parameters) != NodeKind::object)
                return InputError{"/parameters", "expected an object of parameter values"};
            // Names no loaded pack declares are left alone: the file may serve packs not loaded now.
            for (std::size_t i = 0; i < doc.size(*parameters); ++i) {
                const NodeId node = doc.child(*parameters, i);
                const auto index = rules.find_param(doc.key(node));
                if (!index) continue;
                auto value = document_parameter(doc, rules.params[*index], node);
                if (!value)
                    return InputError{doc.pointer(node), "expected " + kind_name(rules.params[*index].default_value) +
                                                             " for parameter '" + rules.params[*index].name + "'"};
                values[*index] = std::move(*value);
            }
        }
    }
    for (const auto& [name, text] : overrides) {
        const auto index = rules.find_param(name);
        if (!index) return InputError{{}, "unknown parameter '" + name + "' in --param"};
        auto value = parse_override(rules.params[*index], text);
        if (!value)
            return InputError{{}, "--param " + name + "=" + text + ": expected " +
                                      kind_name(rules.params[*index].default_value)};
        values[*index] = std::move(*value);
    }
    return values;
}

std::optional<InputError> check_document_shape(const Document& doc) {
    if (doc.kind(doc.root()) != NodeKind::object)
        return InputError{"", "the top level must be an object (a partnership file), not a list or a single value"};
    auto format = doc.member(doc.root(), "format");
    if (!format) return InputError{"", "missing \"format\": expected \"dutycheck.partnership/1\""};
    if (doc.kind(*format) != NodeKind::string || doc.as_string(*format) != "dutycheck.partnership/1")
        return InputError{"/format", "unknown format version: expected \"dutycheck.partnership/1\""};
    return std::nullopt;
}

std::variant<std::vector<Waiver>, InputError> read_waivers(const Document& doc) {
    std::vector<Waiver> waivers;
    if (doc.kind(doc.root()) != NodeKind::object) return waivers;
    auto list = doc.member(doc.root(), "waivers");
    if (!list || doc.kind(*list) == NodeKind::null) return waivers;
    if (doc.kind(*list) != NodeKind::array) return InputError{"/waivers", "expected a list of waivers"};
    for (std::size_t i = 0; i < doc.size(*list); ++i) {
        const NodeId node = doc.child(*list, i);
        const std::string at = doc.pointer(node);
        if (doc.kind(node) != NodeKind::object) return InputError{at, "expected a waiver object"};
        auto text = [&](const char* field) -> std::string {
            auto member = doc.member(node, field);
            return member && doc.kind(*member) == NodeKind::string ? std::string(doc.as_string(*member)) : "";
        };
        Waiver waiver{text("rule"), text("target"), text("reason"), text("approved_by"), text("minute"),
                      text("expires"), at};
        for (const auto& [field, value] : {std::pair<const char*, const std::string*>{"rule", &waiver.rule},
                                          {"reason", &waiver.reason},
                                          {"approved_by", &waiver.approved_by},
                                          {"expires", &waiver.expires}}) {
            if (value->find_first_not_of(" \t") == std::string::npos)
                return InputError{at, std::string("a waiver needs '") + field +
                                          "': an exception is accepted only with a rule, a reason, an approver and "
                                          "an expiry date"};
        }
        if (!parse_date(waiver.expires))
            return InputError{at + "/expires", "expected a date (YYYY-MM-DD or YYYY-MM) for the waiver's expiry"};
        // The whole file is waived only when a waiver says so (""): a missing target widening a
        // waiver to everything would let deleting one field pass the gate.
        if (auto target = doc.member(node, "target"); !target || doc.kind(*target) != NodeKind::string)
            return InputError{at, "a waiver needs 'target': the JSON Pointer of what it covers, such as "
                                  "/localities/2, or \"\" for the whole file"};
        if (!waiver.target.empty() && waiver.target[0] != '/')
            return InputError{at + "/target", "expected a JSON Pointer such as /localities/2"};
        waivers.push_back(std::move(waiver));
    }
    return waivers;
}

namespace {

bool covers(const Waiver& waiver, const Finding& finding) {
    const RuleInfo& rule = *finding.rule;
    const bool names_rule = waiver.rule == rule.id ||
                            std::find(rule.duties.begin(), rule.duties.end(), waiver.rule) != rule.duties.end();
    if (!names_rule) return false;
    if (waiver.target.empty()) return true;
    const std::string& pointer = finding.pointer;
    return pointer == waiver.target ||
           (pointer.size() > waiver.target.size() && pointer.compare(0, waiver.target.size(), waiver.target) == 0 &&
            pointer[waiver.target.size()] == '/');
}

// Unmet and unknown findings a waiver covers become waived, or waiver_expired once the
// expiry date (the last day it holds) has passed; a waiver that covers nothing is stale.
void apply_waivers(DocumentResult& result, Date as_of) {
    std::vector<bool> used(result.waivers.size(), false);
    for (auto& finding : result.findings) {
        if (finding.status != Status::unmet && finding.status != Status::unknown) continue;
        for (std::size_t w = 0; w < result.waivers.size(); ++w) {
            if (!covers(result.waivers[w], finding)) continue;
            used[w] = true;
            finding.underlying = finding.status;
            finding.waiver = w;
            const Date expires = *parse_date(result.waivers[w].expires);
            finding.status = expires >= as_of ? Status::waived : Status::waiver_expired;
            break;
        }
    }
    for (std::size_t w = 0; w < used.size(); ++w)
        if (!used[w]) result.stale_waivers.push_back(w);
}

}  // namespace

DocumentResult evaluate(const RuleSet& rules, const Document& doc, const std::vector<Value>& params, Date as_of,
                        const std::string& file) {
    EvaluationOptions options;
    options.as_of = as_of;
    return evaluate(rules, doc, params, options, file);
}

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
    const Value jurisdiction = field_of(doc, partnership, "jurisdiction");

    // Growing a vector of a hundred thousand findings copies them and touches fresh memory at
    // every doubling. For a large file a bound by its size is reserved instead: pages never
    // written cost nothing, so a generous estimate is free and a short one only means some
    // regrowth. (Small files skip it, so a batch of thousands holds no idle reservations.)
    const std::size_t expected = rules.rules.size() * 4 + doc.node_count() / 4;
    if (expected >= 4096) result.findings.reserve(expected);
    LookupIndex lookups;
    for (const auto& rule : rules.rules) {
        if (result.step_limit_exceeded) break;
        const PackInfo& pack = rules.packs[rule.pack];
        if (!pack.jurisdiction.empty()) {
            // A pack for one jurisdiction says nothing about another: never a pass.
            const std::string* actual = as_string(jurisdiction);
            if (actual == nullptr || *actual != pack.jurisdiction) {
                Finding finding;
                finding.rule = &rule.info;
                finding.pointer = "/partnership/jurisdiction";
                if (actual == nullptr) {
                    finding.status = Status::unknown;
                    finding.missing.push_back(jurisdiction.is_absent() ? "/partnership/jurisdiction is not recorded"
                                                                       : "/partnership/jurisdiction is not a string");
                    finding.message = "cannot verify: " + finding.missing.front() + " (the " + pack.name +
                                      " pack applies only to " + pack.jurisdiction + ")";
                } else {
                    finding.status = Status::not_applicable;
                    finding.message = "the " + pack.name + " pack applies only to jurisdiction '" +
                                      pack.jurisdiction + "'; this partnership is '" + *actual + "'";
                }
                place(finding, doc, doc.nearest(finding.pointer));
                result.findings.push_back(std::move(finding));
                continue;
            }
        }
        RuleRun run(rule, doc, params, as_of, lookups, result.findings, rule.info.id == options.explain_rule,
                    options.max_steps);
        const std::size_t earlier_findings = result.findings.size();
        try {
            run.run();
        } catch (const OutOfSteps&) {
            // A rule cut off part-way has decided nothing: none of its findings stand, not even
            // those of the instances it finished, and no later rule runs.
            result.findings.erase(result.findings.begin() + static_cast<std::ptrdiff_t>(earlier_findings),
                                  result.findings.end());
            result.step_limit_exceeded = StepLimitExceeded{&rule.info, options.max_steps};
        }
        if (run.steps() > result.most_steps) {
            result.most_steps = run.steps();
            result.most_steps_rule = &rule.info;
        }
    }

    result.waivers = options.waivers;
    apply_waivers(result, as_of);
    for (const auto& finding : result.findings) result.summary.add(finding);
    return result;
}

}  // namespace dutycheck::engine
