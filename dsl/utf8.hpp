// UTF-8: what is a well-formed sequence, decided in one place for every reader of text.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace dutycheck::dsl {

/// True for the bytes that continue a UTF-8 sequence rather than start a character.
inline bool is_utf8_continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

/// Characters (Unicode code points) in UTF-8 text: what a column or a length counts.
inline std::size_t code_point_count(std::string_view text) {
    std::size_t count = 0;
    for (const char c : text) count += !is_utf8_continuation(c);
    return count;
}

/// One well-formed UTF-8 sequence: the code point it encodes and how many bytes it takes.
struct Utf8Sequence {
    char32_t code_point = 0;
    std::size_t length = 0;
};

/// The well-formed UTF-8 sequence at the start of `bytes` (Unicode Table 3-7: no overlong forms,
/// no surrogates, nothing past U+10FFFF), or nothing if its first byte does not begin one (or
/// `bytes` is empty). A caller renders such a byte its own way and goes on with the next byte.
std::optional<Utf8Sequence> decode_utf8_sequence(std::string_view bytes);

/// Appends code point `c` to `out` as UTF-8.
void append_utf8(std::string& out, char32_t c);

}  // namespace dutycheck::dsl
