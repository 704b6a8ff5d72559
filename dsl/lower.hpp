// Lowering the grammar's parse tree into the public syntax tree; private to dsl/.
#pragma once

#include "dsl/ast.hpp"
#include "dsl/parse_tree.hpp"

namespace dutycheck::dsl {

/// Moves a parse tree into the public syntax tree, node for node, spans unchanged.
ast::File lower(parse_tree::File&& tree);

}  // namespace dutycheck::dsl
