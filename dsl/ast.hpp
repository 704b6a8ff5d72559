// The syntax tree of a rule file: plain structs and std::variant, each node with its source span.
//
// This is what the parser hands out and the engine's checker walks (with std::visit). It holds
// nothing of Boost.Spirit: the grammar fills its own parse tree (dsl/parse_tree.hpp, private to
// dsl/) and lowers it into this one, so no includer compiles Spirit's headers.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace dutycheck::dsl::ast {

/// Byte offsets of a node in its source file, filled in by the parser.
struct Located {
    std::uint32_t begin = 0;
    std::uint32_t end = 0;
};

/// An identifier, rule id, duty id or keyword argument, with its span.
struct Name : Located {
    std::string text;
};

/// `2`, `0.05`, `1.5e3`: kept as written, so the engine reads its exact value (checked then).
struct NumberLit : Located {
    std::string text;
};

/// One or more adjacent string literals, joined when checked.
struct StringLit : Located {
    std::vector<std::string> parts;
};

struct BoolLit : Located {
    bool value = false;
};

/// `2019-06-24` or `2023-07`, validated when checked.
struct DateLit : Located {
    std::string text;
};

enum class Op {
    or_, and_, not_, negate,
    eq, ne, lt, le, gt, ge, in, not_in,
    add, sub, mul, div,
};

/// Owns one node of a recursive tree, never empty once built; copying copies the node.
template <typename T>
class Box {
public:
    Box(T node) : node_(std::make_unique<T>(std::move(node))) {}
    Box(const Box& other) : Box(*other) {}
    Box(Box&&) noexcept = default;
    Box& operator=(const Box& other) { return *this = Box(other); }
    Box& operator=(Box&&) noexcept = default;
    ~Box() = default;

    const T& operator*() const { return *node_; }
    T& operator*() { return *node_; }
    const T* operator->() const { return node_.get(); }
    T* operator->() { return node_.get(); }

private:
    std::unique_ptr<T> node_;
};

struct ListLit;
struct Call;
struct Unary;
struct Chain;
struct Access;

/// Anything that can stand where a value is expected.
using Operand = std::variant<NumberLit, DateLit, StringLit, BoolLit, Name, Box<ListLit>, Box<Call>, Box<Unary>,
                             Box<Chain>, Box<Access>>;

/// One binary operator and its right-hand operand.
struct Operation : Located {
    Op op = Op::add;
    Operand operand;
};

/// `first op operand op operand …` at one precedence level (left-associative).
/// Every expression is a Chain; parenthesised sub-expressions are Chains inside Operands.
struct Chain : Located {
    Operand first;
    std::vector<Operation> rest;
};

struct Unary : Located {
    Op op = Op::not_;
    Operand operand;
};

/// `base.field.field…`: a path into the document, a parameter (`param.x`) or a field of a call result.
struct Access : Located {
    Operand base;
    std::vector<Name> fields;
};

struct ListLit : Located {
    std::vector<Chain> items;
};

/// `m in collection where predicate` inside a quantifier call.
struct Binding : Located {
    Name variable;
    Chain collection;
    std::optional<Chain> predicate;
};

/// `name(args…)` or `name(m in collection where predicate)`.
struct Call : Located {
    Name function;
    std::optional<Binding> binding;
    std::vector<Chain> arguments;
};

/// A piece of a message template: literal text or an interpolated `{expression}`.
using TemplatePart = std::variant<std::string, Chain>;

/// A message with `{expression}` interpolation, written as one or more adjacent strings.
struct Template : Located {
    std::vector<TemplatePart> parts;
    /// Where each adjacent string after the first begins, as an index into `parts`: the joined
    /// message does not need it, the formatter does, to keep the author's split.
    std::vector<std::size_t> breaks;
};

/// `title "…"`, `cite "…"`, `url "…"`, `quote "…"`.
struct TextClause : Located {
    Name keyword;
    StringLit value;
};

/// `duty A, B`, `tags a, b`, `severity error`, `basis statute`.
struct WordsClause : Located {
    Name keyword;
    std::vector<Name> words;
};

/// `for each NAME in COLLECTION [where FILTER] [else "why an element is not looked at"]`.
struct ForEach : Located {
    Name variable;
    Chain collection;
    std::optional<Chain> filter;
    std::optional<Template> filter_message;  ///< only with a filter
};

struct Let : Located {
    Name variable;
    Chain value;
};

/// `when CONDITION [else "why the rule does not apply"]`.
struct When : Located {
    Chain condition;
    std::optional<Template> message;
};

struct About : Located {
    Chain target;
};

/// `due DATE`: the date the instance falls due, evaluated where it stands among the clauses.
struct Due : Located {
    Chain date;
};

struct Require : Located {
    Chain condition;
    std::optional<Template> message;
};

using Clause = std::variant<TextClause, WordsClause, ForEach, Let, When, About, Due, Require>;

struct Rule : Located {
    Name id;
    std::vector<Clause> clauses;
};

/// `version "…"`, `jurisdiction "…"`, `description "…"` or `severity WORD` after `pack "name"`;
/// a severity's bare word is the value's one part.
struct PackAttribute : Located {
    Name key;
    StringLit value;
};

struct PackDecl : Located {
    StringLit name;
    std::vector<PackAttribute> attributes;
};

struct Import : Located {
    StringLit path;
};

/// The kinds of bound a parameter declares next to its default.
enum class BoundKind {
    range,      ///< `from LOW to HIGH`: a number or date within an inclusive range
    one_of,     ///< `one of [A, B]`: a boolean, string, number or date among these values
    including,  ///< `including [A, B]`: a list that holds each of these values
    within,     ///< `within [A, B]`: a list that holds only these values
};

/// One bound of a parameter: `from LOW to HIGH` (two values) or a keyword and a list (one).
struct Bound : Located {
    BoundKind kind = BoundKind::range;
    std::vector<Chain> values;
};

/// `param NAME = DEFAULT BOUND… [because "REASON"]`.
struct Param : Located {
    Name name;
    Chain value;
    std::vector<Bound> bounds;
    std::optional<StringLit> reason;
};

/// `def NAME = BODY` or `def NAME(PARAMETER, …) = BODY`: an expression shared by the rules of a pack,
/// inlined where it is used. `parameters` is empty for the first form (`def NAME() = …` does not parse).
struct Def : Located {
    Name name;
    std::vector<Name> parameters;
    Chain body;
};

using Item = std::variant<PackDecl, Import, Param, Def, Rule>;

/// A whole rule file.
struct File {
    std::vector<Item> items;
};

}  // namespace dutycheck::dsl::ast
