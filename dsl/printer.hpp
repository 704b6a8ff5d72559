// The formatter: a parsed rule file printed back in the one canonical layout, with its comments.
#pragma once

#include "dsl/ast.hpp"
#include "dsl/source.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace dutycheck::dsl {

/// A `#` comment of a rule file: its bytes (from '#' to the end of the line, without the line
/// ending), and whether code stands before it on its line.
struct Comment {
    std::uint32_t begin = 0;
    std::uint32_t end = 0;
    bool trailing = false;
};

/// Every comment of a rule file's text, in order; a '#' inside a string is not one.
std::vector<Comment> collect_comments(std::string_view text);

/// Prints `file`, parsed from `source`, in the canonical layout (docs/rule-language.md,
/// "Formatting"). Comments are taken from the source and printed before the item or clause they
/// precede, or at the end of their block; a comment after code stays at the end of its line.
/// Formatting the result again gives the same text, and it parses to the same syntax tree.
std::string format_rule_file(const ast::File& file, const SourceFile& source);

}  // namespace dutycheck::dsl
