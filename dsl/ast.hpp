// The parse tree of a rule file: plain structs and variants, each node with its source span.
//
// Shaped for Boost.Spirit X3 attribute propagation (x3::variant, forward_ast); only the
// lightweight AST support header of Spirit is included, never the parser machinery.
// The engine's checker turns this tree into its own evaluable model.
#pragma once

#include <boost/spirit/home/x3/support/ast/variant.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace dutycheck::dsl::ast {

namespace x3 = boost::spirit::x3;

/// Byte offsets of a node in its source file, filled in by the parser.
struct Located {
    std::uint32_t begin = 0;
    std::uint32_t end = 0;
};

/// An identifier, rule id, duty id or keyword argument, with its span.
struct Name : Located {
    std::string text;
};

struct NumberLit : Located {
    double value = 0;
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

struct ListLit;
struct Call;
struct Unary;
struct Chain;
struct Access;

/// Anything that can stand where a value is expected.
struct Operand : x3::variant<NumberLit, DateLit, StringLit, BoolLit, Name, x3::forward_ast<ListLit>,
                             x3::forward_ast<Call>, x3::forward_ast<Unary>, x3::forward_ast<Chain>,
                             x3::forward_ast<Access>> {
    using base_type::base_type;
    using base_type::operator=;
};

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
struct TemplatePart : x3::variant<std::string, Chain> {
    using base_type::base_type;
    using base_type::operator=;
};

/// A message with `{expression}` interpolation.
struct Template : Located {
    std::vector<TemplatePart> parts;
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

struct ForEach : Located {
    Name variable;
    Chain collection;
    std::optional<Chain> filter;
};

struct Let : Located {
    Name variable;
    Chain value;
};

struct When : Located {
    Chain condition;
};

struct About : Located {
    Chain target;
};

struct Require : Located {
    Chain condition;
    std::optional<Template> message;
};

struct Clause : x3::variant<TextClause, WordsClause, ForEach, Let, When, About, Require> {
    using base_type::base_type;
    using base_type::operator=;
};

struct Rule : Located {
    Name id;
    std::vector<Clause> clauses;
};

/// `version "…"`, `jurisdiction "…"`, `description "…"` after `pack "name"`.
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

struct Param : Located {
    Name name;
    Chain value;
};

struct Item : x3::variant<PackDecl, Import, Param, Rule> {
    using base_type::base_type;
    using base_type::operator=;
};

/// A whole rule file.
struct File {
    std::vector<Item> items;
};

}  // namespace dutycheck::dsl::ast
