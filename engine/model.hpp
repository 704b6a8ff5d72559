// The checked, evaluable form of a rule pack: names resolved, literals validated, types checked.
#pragma once

#include "dsl/source.hpp"
#include "engine/result.hpp"
#include "engine/value.hpp"

#include <deque>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace re2 {
class RE2;
}  // namespace re2

namespace dutycheck::engine {

/// What the checker can know about an expression's type before reading any document.
enum class StaticType { any, boolean, number, string, date, list, object };
std::string_view to_string(StaticType type);

enum class BinaryOp { or_, and_, eq, ne, lt, le, gt, ge, in, not_in, add, sub, mul, div };
enum class UnaryOp { not_, negate };
enum class Quantifier { any, all, none, count, select };

/// A builtin function's entry in the table (engine/builtins.hpp).
struct Builtin;
/// What the partnership schema says a value is (engine/schema_fields.hpp).
struct FieldShape;

/// Where an expression came from, for messages.
struct Span {
    const dsl::SourceFile* file = nullptr;
    std::uint32_t begin = 0;
    std::uint32_t end = 0;
    std::string_view text() const {
        return file ? std::string_view(file->text()).substr(begin, end - begin) : std::string_view();
    }
};

struct Expr;
using ExprPtr = std::unique_ptr<Expr>;

struct Constant { Value value; };
struct Variable { std::uint32_t slot = 0; };
struct RootField { std::string key; };
struct ParamRef { std::uint32_t index = 0; };
struct AsOf {};
struct FieldAccess { ExprPtr base; std::string key; };
struct UnaryExpr { UnaryOp op; ExprPtr operand; };
struct BinaryExpr { BinaryOp op; ExprPtr lhs; ExprPtr rhs; };
struct ListExpr { std::vector<ExprPtr> items; };
struct QuantifierExpr {
    Quantifier kind;
    std::uint32_t slot = 0;
    ExprPtr collection;
    ExprPtr predicate;  ///< may be null for count
};
struct CallExpr {
    const Builtin* function = nullptr;  ///< its entry in the builtin table
    std::vector<ExprPtr> arguments;
    std::shared_ptr<const re2::RE2> pattern;  ///< compiled once, for matches(): RE2, linear in the text
};
/// `if(condition, then, otherwise)`: only the chosen branch is evaluated.
struct IfExpr {
    ExprPtr condition;
    ExprPtr then;
    ExprPtr otherwise;
};
struct LookupExpr {
    ExprPtr collection;
    std::string field;
    ExprPtr key;
};

struct Expr {
    std::variant<Constant, Variable, RootField, ParamRef, AsOf, FieldAccess, UnaryExpr, BinaryExpr, ListExpr,
                 QuantifierExpr, CallExpr, IfExpr, LookupExpr>
        node;
    StaticType type = StaticType::any;
    const FieldShape* shape = nullptr;  ///< what the schema says the value is, where it says
    Span span;
    bool def_call = false;  ///< the inlined body of a `def`, its span the call's: explained as one value
};

/// A message template: literal text and interpolated expressions, in order.
struct MessagePart {
    std::string text;
    ExprPtr expression;  ///< null for literal text
};

struct ForEachStep {
    std::uint32_t slot = 0;
    std::string variable;
    ExprPtr collection;
    ExprPtr filter;                           ///< may be null
    std::vector<MessagePart> filter_message;  ///< why an element the filter leaves out is not looked at
    std::string empty_message;                ///< why an empty collection leaves nothing to check, in words
};
struct LetStep {
    std::uint32_t slot = 0;
    std::string variable;  ///< its name, for --trace
    ExprPtr value;
};
struct WhenStep {
    ExprPtr condition;
    std::vector<MessagePart> message;  ///< why the rule does not apply, when the condition is false
};
struct RequireStep {
    ExprPtr condition;
    std::vector<MessagePart> message;
};
/// `due DATE`: the instance's deadline, when DATE is known.
struct DueStep {
    ExprPtr date;
};
using Step = std::variant<ForEachStep, LetStep, WhenStep, DueStep, RequireStep>;

/// A rule pack's declaration.
/// One duty of a register: the national rules/register.tsv, or a pack's own register.tsv.
struct Duty {
    std::string id;
    std::string force;           ///< MUST, SHOULD or LOCAL (a pack's own duties are LOCAL)
    std::string section;         ///< the duties register's section; for a pack's own duty, where it comes from
    std::string title;
    std::string no_rule_reason;  ///< why no rule encodes it; empty if rules should
};

struct PackInfo {
    std::string name;
    std::string version;
    std::string jurisdiction;  ///< empty: applies everywhere
    std::string description;
    /// `severity WORD` in the declaration: the severity of its rules that give none of their own.
    std::optional<Severity> severity;
    std::filesystem::path root;
    std::string sha256;        ///< of the pack's content (see PackHasher), 64 hex digits
    std::vector<Duty> duties;  ///< its own local duties, from a register.tsv beside pack.rules
};

struct CompiledRule {
    RuleInfo info;
    std::size_t pack = 0;  ///< index into RuleSet::packs
    std::vector<Step> steps;
    ExprPtr about;         ///< may be null
    std::uint32_t slot_count = 0;
    Span span;             ///< the whole rule's source text
};

/// The kinds of bound a parameter declares (see dsl::ast::BoundKind).
enum class BoundKind { range, one_of, including, within };

/// One bound of a parameter, its values of the default's type (a list's: of its elements' type).
struct ParamBound {
    BoundKind kind = BoundKind::range;
    std::vector<Value> values;  ///< range: the lowest and highest; otherwise the values listed
};

/// A declared parameter: its default and the bounds a partnership file's value must keep to.
struct ParamDef {
    std::string name;
    Value default_value;
    StaticType type = StaticType::any;
    std::string pack;
    std::vector<ParamBound> bounds;  ///< at least one in a checked pack
    std::string reason;              ///< why the bounds are what they are (`because "…"`), or empty
};

/// Everything loaded from rule files, checked and ready to evaluate any number of documents.
struct RuleSet {
    std::deque<dsl::SourceFile> sources;  ///< kept alive for spans and `rules explain`
    std::vector<PackInfo> packs;
    std::vector<ParamDef> params;
    std::vector<CompiledRule> rules;

    const CompiledRule* find_rule(std::string_view id) const;
    std::optional<std::uint32_t> find_param(std::string_view name) const;
};

}  // namespace dutycheck::engine
