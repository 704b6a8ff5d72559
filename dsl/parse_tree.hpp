// The parse tree the grammar fills: private to dsl/, lowered into the public syntax tree (dsl/ast.hpp).
//
// Shaped for Boost.Spirit X3 attribute propagation (x3::variant, forward_ast), which Boost 1.74
// cannot do with std::variant. Only the lightweight AST support header of Spirit is included here,
// and only dsl/*.cpp include this file. Nodes without sub-expressions are the public ones.
#pragma once

#include "dsl/ast.hpp"

#include <boost/spirit/home/x3/support/ast/variant.hpp>

#include <optional>
#include <string>
#include <vector>

namespace dutycheck::dsl::parse_tree {

namespace x3 = boost::spirit::x3;

using ast::BoolLit;
using ast::BoundKind;
using ast::DateLit;
using ast::Import;
using ast::Located;
using ast::Name;
using ast::NumberLit;
using ast::Op;
using ast::PackAttribute;
using ast::PackDecl;
using ast::StringLit;
using ast::TextClause;
using ast::WordsClause;

struct ListLit;
struct Call;
struct Unary;
struct Chain;
struct Access;

struct Operand : x3::variant<NumberLit, DateLit, StringLit, BoolLit, Name, x3::forward_ast<ListLit>,
                             x3::forward_ast<Call>, x3::forward_ast<Unary>, x3::forward_ast<Chain>,
                             x3::forward_ast<Access>> {
    using base_type::base_type;
    using base_type::operator=;
};

struct Operation : Located {
    Op op = Op::add;
    Operand operand;
};

struct Chain : Located {
    Operand first;
    std::vector<Operation> rest;
};

struct Unary : Located {
    Op op = Op::not_;
    Operand operand;
};

struct Access : Located {
    Operand base;
    std::vector<Name> fields;
};

struct ListLit : Located {
    std::vector<Chain> items;
};

struct Binding : Located {
    Name variable;
    Chain collection;
    std::optional<Chain> predicate;
};

struct Call : Located {
    Name function;
    std::optional<Binding> binding;
    std::vector<Chain> arguments;
};

struct TemplatePart : x3::variant<std::string, Chain> {
    using base_type::base_type;
    using base_type::operator=;
};

struct Template : Located {
    std::vector<TemplatePart> parts;
    std::vector<std::size_t> breaks;
};

struct ForEach : Located {
    Name variable;
    Chain collection;
    std::optional<Chain> filter;
    std::optional<Template> filter_message;
};

struct Let : Located {
    Name variable;
    Chain value;
};

struct When : Located {
    Chain condition;
    std::optional<Template> message;
};

struct About : Located {
    Chain target;
};

struct Due : Located {
    Chain date;
};

struct Require : Located {
    Chain condition;
    std::optional<Template> message;
};

struct Clause : x3::variant<TextClause, WordsClause, ForEach, Let, When, About, Due, Require> {
    using base_type::base_type;
    using base_type::operator=;
};

struct Rule : Located {
    Name id;
    std::vector<Clause> clauses;
};

struct Bound : Located {
    BoundKind kind = BoundKind::range;
    std::vector<Chain> values;
};

struct Param : Located {
    Name name;
    Chain value;
    std::vector<Bound> bounds;
    std::optional<StringLit> reason;
};

struct Def : Located {
    Name name;
    std::vector<Name> parameters;
    Chain body;
};

struct Item : x3::variant<PackDecl, Import, Param, Def, Rule> {
    using base_type::base_type;
    using base_type::operator=;
};

struct File {
    std::vector<Item> items;
};

}  // namespace dutycheck::dsl::parse_tree
