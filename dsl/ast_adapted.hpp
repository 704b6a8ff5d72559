// Boost.Fusion adaptation of the AST, so X3 can fill it; included only by the grammar.
// Single-member nodes are not adapted: X3 collapses one-element sequences, so the grammar
// fills them with semantic actions instead.
#pragma once

#include "dsl/ast.hpp"

#include <boost/fusion/include/adapt_struct.hpp>

BOOST_FUSION_ADAPT_STRUCT(dutycheck::dsl::ast::Operation, op, operand)
BOOST_FUSION_ADAPT_STRUCT(dutycheck::dsl::ast::Chain, first, rest)
BOOST_FUSION_ADAPT_STRUCT(dutycheck::dsl::ast::Unary, op, operand)
BOOST_FUSION_ADAPT_STRUCT(dutycheck::dsl::ast::Access, base, fields)
BOOST_FUSION_ADAPT_STRUCT(dutycheck::dsl::ast::Binding, variable, collection, predicate)
BOOST_FUSION_ADAPT_STRUCT(dutycheck::dsl::ast::Call, function, binding, arguments)
BOOST_FUSION_ADAPT_STRUCT(dutycheck::dsl::ast::TextClause, keyword, value)
BOOST_FUSION_ADAPT_STRUCT(dutycheck::dsl::ast::WordsClause, keyword, words)
BOOST_FUSION_ADAPT_STRUCT(dutycheck::dsl::ast::ForEach, variable, collection, filter)
BOOST_FUSION_ADAPT_STRUCT(dutycheck::dsl::ast::Let, variable, value)
BOOST_FUSION_ADAPT_STRUCT(dutycheck::dsl::ast::Require, condition, message)
BOOST_FUSION_ADAPT_STRUCT(dutycheck::dsl::ast::Rule, id, clauses)
BOOST_FUSION_ADAPT_STRUCT(dutycheck::dsl::ast::PackAttribute, key, value)
BOOST_FUSION_ADAPT_STRUCT(dutycheck::dsl::ast::PackDecl, name, attributes)
BOOST_FUSION_ADAPT_STRUCT(dutycheck::dsl::ast::Param, name, value)
