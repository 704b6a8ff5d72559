// Boost.Fusion adaptation of the parse tree, so X3 can fill it; included only by the grammar.
// Single-member nodes are not adapted: X3 collapses one-element sequences, so the grammar
// fills them with semantic actions instead.
#pragma once

#include "dsl/parse_tree.hpp"

#include <boost/fusion/include/adapt_struct.hpp>

BOOST_FUSION_ADAPT_STRUCT(dutycheck::dsl::parse_tree::Operation, op, operand)
BOOST_FUSION_ADAPT_STRUCT(dutycheck::dsl::parse_tree::Chain, first, rest)
BOOST_FUSION_ADAPT_STRUCT(dutycheck::dsl::parse_tree::Unary, op, operand)
BOOST_FUSION_ADAPT_STRUCT(dutycheck::dsl::parse_tree::Access, base, fields)
BOOST_FUSION_ADAPT_STRUCT(dutycheck::dsl::parse_tree::Binding, variable, collection, predicate)
BOOST_FUSION_ADAPT_STRUCT(dutycheck::dsl::parse_tree::Call, function, binding, arguments)
BOOST_FUSION_ADAPT_STRUCT(dutycheck::dsl::ast::TextClause, keyword, value)
BOOST_FUSION_ADAPT_STRUCT(dutycheck::dsl::ast::WordsClause, keyword, words)
BOOST_FUSION_ADAPT_STRUCT(dutycheck::dsl::parse_tree::ForEach, variable, collection, filter, filter_message)
BOOST_FUSION_ADAPT_STRUCT(dutycheck::dsl::parse_tree::When, condition, message)
BOOST_FUSION_ADAPT_STRUCT(dutycheck::dsl::parse_tree::Let, variable, value)
BOOST_FUSION_ADAPT_STRUCT(dutycheck::dsl::parse_tree::Require, condition, message)
BOOST_FUSION_ADAPT_STRUCT(dutycheck::dsl::parse_tree::Rule, id, clauses)
BOOST_FUSION_ADAPT_STRUCT(dutycheck::dsl::ast::PackAttribute, key, value)
BOOST_FUSION_ADAPT_STRUCT(dutycheck::dsl::ast::PackDecl, name, attributes)
BOOST_FUSION_ADAPT_STRUCT(dutycheck::dsl::parse_tree::Param, name, value, bounds, reason)
BOOST_FUSION_ADAPT_STRUCT(dutycheck::dsl::parse_tree::Def, name, parameters, body)
