// Inside the checker: the state of checking one rule's expressions, shared by the checker's files.
// Expressions and names are checked in checker_expressions.cpp, function calls in checker_calls.cpp,
// and the rule around them (clauses, metadata, parameter defaults) in checker.cpp.
#pragma once

#include "dsl/ast.hpp"
#include "dsl/source.hpp"
#include "engine/checker.hpp"
#include "engine/model.hpp"
#include "engine/schema_fields.hpp"

#include <optional>
#include <string>
#include <vector>

namespace dutycheck::engine::checking {

namespace ast = dsl::ast;

/// Lets std::visit take one lambda per alternative.
template <typename... Lambdas>
struct Overloaded : Lambdas... {
    using Lambdas::operator()...;
};
/// Spelt out for clang 14 (Debian 12's, used by the fuzz preset), which does not deduce it.
template <typename... Lambdas>
Overloaded(Lambdas...) -> Overloaded<Lambdas...>;

/// Adjacent string literals make one string.
std::string join(const std::vector<std::string>& parts);

/// Deepest expression tree a rule may build. Operator chains and field accesses are flat in the
/// parse tree but become left-deep trees here, which evaluation and destruction walk recursively,
/// so `a and b and …` 30,000 times long would overflow the stack. The bundled packs reach 13.
inline constexpr std::size_t max_expression_depth = 512;

/// The partnership format's top-level fields, which a name bound by nothing else reads.
const std::vector<std::string>& top_level_fields();

/// "FILE:LINE:COLUMN" of an offset in a file, for notes that point to another place.
std::string place(const dsl::SourceFile& file, std::uint32_t offset);

/// Checks the expressions of one rule (or one parameter default) into the evaluable model:
/// resolves names against the variables in scope, the pack's defs (inlined) and the rule set's
/// parameters, checks literals, arity and static types, and appends every problem to the diagnostics.
class ExpressionChecker {
public:
    ExpressionChecker(const dsl::SourceFile& file, const RuleSet& rules, std::vector<dsl::Diagnostic>& diagnostics,
                      PackDefs* defs = nullptr)
        : rules_(rules), diagnostics_(&diagnostics), root_diagnostics_(diagnostics), defs_(defs) {
        frames_.push_back(Frame{&file, {}, nullptr, nullptr, 0, 0});
    }

    /// An expression of any type.
    ExprPtr expression(const ast::Chain& chain);
    /// An expression that must be true or false; `role` names it in the diagnostic if it is not.
    ExprPtr condition(const ast::Chain& chain, const char* role);
    /// A message template's text and interpolated expressions.
    std::vector<MessagePart> message(const ast::Template& message);
    /// Reports DC301 unless `expr` can be of the `expected` type; `what` names it in the message.
    void expect_type(const Expr& expr, StaticType expected, const std::string& what);
    /// Brings a variable into scope for the rest of the rule and returns its slot; `shape` is what
    /// the schema says its value is, if it says.
    std::uint32_t bind(const ast::Name& name, StaticType type, const FieldShape* shape = nullptr);
    /// Binds the variable of `for each` or a quantifier to an element of `collection`.
    std::uint32_t bind_element(const ast::Name& name, const Expr& collection);
    /// Variable slots the rule needs when evaluated.
    std::uint32_t slot_count() const { return slots_; }
    /// Checks a def's body on its own, its parameters standing for values of any type
    /// (engine/checker_defs.cpp); true if it has no error.
    bool def_on_its_own(DefEntry& def);

    /// The file of the rule (or parameter) being checked.
    const dsl::SourceFile& file() const { return *frames_.front().file; }
    /// A node's span in the file of what is being checked: the rule's, or a def's while its body is inlined.
    Span span(const ast::Located& node) const { return Span{frames_[current_].file, node.begin, node.end}; }
    void error(const ast::Located& at, const char* code, std::string message, std::vector<std::string> notes = {}) {
        report(dsl::DiagnosticLevel::error, at, code, std::move(message), std::move(notes));
    }
    void report(dsl::DiagnosticLevel level, const ast::Located& at, const char* code, std::string message,
                std::vector<std::string> notes);

private:
    struct Binding {
        std::string name;
        std::uint32_t slot;
        StaticType type;
        const FieldShape* shape;
    };

    /// What names mean where an expression is written: in the rule, or in the body of a def
    /// being inlined, which sees only its parameters, the other defs, parameters and the file.
    struct Frame {
        const dsl::SourceFile* file;
        std::vector<Binding> scope;
        const DefEntry* def;                          ///< the def whose body this is; null for the rule
        const std::vector<ast::Chain>* arguments;     ///< the use's arguments; null when checked on its own
        std::size_t caller;                           ///< the frame the arguments are written in
        std::size_t expanding;                        ///< how many defs were being inlined where the arguments are written
    };

    ExprPtr make(const ast::Located& at, StaticType type, auto node, const FieldShape* shape = nullptr) {
        auto expr = std::make_unique<Expr>();
        expr->node = std::move(node);
        expr->type = shape != nullptr && shape->type != StaticType::any ? shape->type : type;
        expr->shape = shape;
        expr->span = span(at);
        return expr;
    }

    ExprPtr operand(const ast::Operand& operand);
    ExprPtr name(const ast::Name& name);
    ExprPtr number(const ast::NumberLit& number);
    ExprPtr date(const ast::DateLit& date);
    ExprPtr list(const ast::ListLit& list);
    ExprPtr access(const ast::Access& access);
    ExprPtr call(const ast::Call& call);
    ExprPtr quantifier(const ast::Call& call);
    ExprPtr choice(const ast::Call& call);
    ExprPtr lookup(const ast::Call& call);
    ExprPtr builtin(const ast::Call& call);
    ExprPtr wrong_arguments(const ast::Call& call, StaticType result = StaticType::any);
    ExprPtr def_use(const ast::Located& at, DefEntry& def, const ast::Call* call);
    ExprPtr def_body(const ast::Located& at, DefEntry& def, const ast::Call* call, bool on_its_own);
    ExprPtr def_argument(const ast::Name& name, std::size_t index);
    std::optional<std::size_t> def_parameter(const std::string& name) const;
    /// True if `chain` is only a name of a def's parameter, perhaps in brackets.
    bool only_a_parameter(const ast::Chain& chain) const;
    void merge_from_body(std::vector<dsl::Diagnostic>& body, const std::string& note);
    ExprPtr unary(const ast::Unary& unary);
    ExprPtr binary(const ast::Located& at, ast::Op op, ExprPtr lhs, ExprPtr rhs);
    /// Reports DC214 if the schema defines the fields of what `base` reads and `field` is none of them.
    void check_field(const FieldShape* base, const ast::Located& at, const std::string& field);
    /// Reports DC301 if the elements of list `expr` cannot be of the `expected` type.
    void expect_items(const Expr& expr, StaticType expected, const std::string& what,
                      std::vector<std::string> notes = {});
    void type_error(const Span& at, std::string message, std::vector<std::string> notes = {});
    const Binding* lookup_binding(const std::string& name) const;
    /// Adds `levels` to the depth of the tree being built for as long as it lives.
    struct Deeper {
        Deeper(ExpressionChecker& checker, std::size_t levels) : checker_(checker), levels_(levels) {
            checker_.depth_ += levels_;
        }
        ~Deeper() { checker_.depth_ -= levels_; }
        Deeper(const Deeper&) = delete;
        Deeper& operator=(const Deeper&) = delete;
        ExpressionChecker& checker_;
        std::size_t levels_;
    };
    /// Past max_expression_depth: reports DC103 once and stands in for the expression.
    ExprPtr too_deep(const ast::Located& at);

    Frame& frame() { return frames_[current_]; }
    const Frame& frame() const { return frames_[current_]; }

    const RuleSet& rules_;
    std::vector<dsl::Diagnostic>* diagnostics_;      ///< where problems go: the caller's, or a def body's own
    std::vector<dsl::Diagnostic>& root_diagnostics_;  ///< the caller's, what is already reported
    PackDefs* defs_;
    std::vector<Frame> frames_;                       ///< the rule's, then one per def being inlined
    std::size_t current_ = 0;                         ///< the frame names are looked up in
    std::vector<DefEntry*> expanding_;                ///< the defs being inlined, outermost first
    std::size_t expansions_ = 0;
    bool too_many_reported_ = false;
    std::uint32_t slots_ = 0;
    // Operators, fields and prefix operators on the path to the node being built: with the brackets
    // (at most ParseLimits::max_nesting) an upper bound of the depth of the tree.
    std::size_t depth_ = 0;
    bool too_deep_reported_ = false;
};

}  // namespace dutycheck::engine::checking
