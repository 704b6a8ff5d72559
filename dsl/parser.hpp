// Public entry point of the rule-language parser: text in, syntax tree or diagnostics out.
#pragma once

#include "dsl/ast.hpp"
#include "dsl/source.hpp"

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace dutycheck::dsl {

/// Limits that keep hostile rule text from exhausting the stack.
struct ParseLimits {
    std::size_t max_nesting = 128;  ///< brackets plus consecutive prefix operators
};

/// The syntax tree of one file, or the diagnostics that stopped it.
struct ParseResult {
    std::optional<ast::File> file;
    std::vector<Diagnostic> diagnostics;
};

/// The offset of the first token at or after `offset`, past blanks and comments. A node's span
/// may begin with the blanks before it; this is where its text begins.
std::uint32_t skip_blanks(std::string_view text, std::uint32_t offset);

/// Parses one rule file. Syntax errors are diagnostics with the position and what was expected.
ParseResult parse_rule_file(const SourceFile& source, const ParseLimits& limits = {});

}  // namespace dutycheck::dsl
