// RFC 6901 JSON Pointers: the one escaping and unescaping of reference tokens, for the engine and reports.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace dutycheck::engine {

/// Appends "/" and `token` escaped as a reference token: "~" as "~0", "/" as "~1"; every other
/// byte (non-ASCII included) as it is, and the empty key as nothing after the "/".
void append_pointer_token(std::string& pointer, std::string_view token);

/// The text of one reference token: "~1" is "/", "~0" is "~". A "~" followed by anything else
/// cannot come from append_pointer_token and is kept as written.
std::string unescape_pointer_token(std::string_view raw);

/// The last reference token of a pointer, unescaped ("" for the empty pointer).
std::string last_pointer_token(std::string_view pointer);

/// True if `pointer` is `ancestor` or a place inside it: "/a/b" is within "/a" and within "" (the
/// whole document), but not within "/a/bc".
bool pointer_within(std::string_view pointer, std::string_view ancestor);

/// The raw (still escaped) reference tokens of a pointer, in order: "/a/0" gives "a" and "0".
std::vector<std::string_view> pointer_tokens(std::string_view pointer);

}  // namespace dutycheck::engine
