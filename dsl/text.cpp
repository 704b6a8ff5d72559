// Visible text and identities of names, decided with utf8proc's Unicode tables.
#include "dsl/text.hpp"

#include "dsl/utf8.hpp"

#include <utf8proc.h>

#include <algorithm>
#include <cstdlib>
#include <memory>

namespace dutycheck::dsl {
namespace {

// Invisible: white space, separators, controls, format characters, unassigned and private-use
// code points, and what Unicode marks default-ignorable.
bool is_invisible(char32_t c) {
    const auto code = static_cast<utf8proc_int32_t>(c);
    const utf8proc_property_t* property = utf8proc_get_property(code);
    switch (property->category) {
        case UTF8PROC_CATEGORY_ZS:
        case UTF8PROC_CATEGORY_ZL:
        case UTF8PROC_CATEGORY_ZP:
        case UTF8PROC_CATEGORY_CC:
        case UTF8PROC_CATEGORY_CF:
        case UTF8PROC_CATEGORY_CS:
        case UTF8PROC_CATEGORY_CO:
        case UTF8PROC_CATEGORY_CN: return true;
        default: return property->ignorable != 0;
    }
}

// Cyrillic and Greek letters (after case folding) that look like a Latin letter, and that
// letter: in a name that mixes them with Latin letters, one is almost always a slip or a
// disguise ("Jоhn" with a Cyrillic о). A name written wholly in another script keeps its letters.
char latin_lookalike(char32_t c) {
    switch (c) {
        case U'\u0430': return 'a';  // Cyrillic а
        case U'\u0432': return 'b';  // в (capital В)
        case U'\u0435': return 'e';
        case U'\u043a': return 'k';
        case U'\u043c': return 'm';
        case U'\u043d': return 'h';  // н (capital Н)
        case U'\u043e': return 'o';
        case U'\u0440': return 'p';
        case U'\u0441': return 'c';
        case U'\u0442': return 't';
        case U'\u0443': return 'y';
        case U'\u0445': return 'x';
        case U'\u0456': return 'i';
        case U'\u0458': return 'j';
        case U'\u0455': return 's';
        case U'\u0501': return 'd';
        case U'\u051b': return 'q';
        case U'\u051d': return 'w';
        case U'\u04cf': return 'l';
        case U'\u03b1': return 'a';  // Greek α
        case U'\u03b2': return 'b';
        case U'\u03b5': return 'e';
        case U'\u03b6': return 'z';
        case U'\u03b7': return 'h';  // η (capital Η)
        case U'\u03b9': return 'i';
        case U'\u03ba': return 'k';
        case U'\u03bc': return 'm';
        case U'\u03bd': return 'v';
        case U'\u03bf': return 'o';
        case U'\u03c1': return 'p';
        case U'\u03c4': return 't';
        case U'\u03c5': return 'u';
        case U'\u03c7': return 'x';
        default: return 0;
    }
}

bool is_space(char32_t c) {
    const utf8proc_property_t* property = utf8proc_get_property(static_cast<utf8proc_int32_t>(c));
    return property->category == UTF8PROC_CATEGORY_ZS || property->category == UTF8PROC_CATEGORY_ZL ||
           property->category == UTF8PROC_CATEGORY_ZP || c == '\t' || c == '\n' || c == '\r' || c == '\v' ||
           c == '\f';
}

}  // namespace

bool is_blank(std::string_view text) {
    for (std::size_t i = 0; i < text.size();) {
        const auto byte = static_cast<unsigned char>(text[i]);
        // The common case, plain ASCII, needs no table.
        if (byte < 0x80) {
            if (byte > 0x20 && byte < 0x7F) return false;
            ++i;
            continue;
        }
        const auto sequence = decode_utf8_sequence(text.substr(i));
        if (!sequence) {
            ++i;
            continue;
        }
        if (!is_invisible(sequence->code_point)) return false;
        i += sequence->length;
    }
    return true;
}

std::string_view trim_invisible(std::string_view text) {
    // The first visible character's start and the last one's end; invisible characters and
    // bytes that are not UTF-8 count as is_blank counts them.
    std::size_t first = text.size(), last = 0;
    for (std::size_t i = 0; i < text.size();) {
        const auto sequence = decode_utf8_sequence(text.substr(i));
        const std::size_t length = sequence ? sequence->length : 1;
        if (sequence && !is_invisible(sequence->code_point)) {
            first = std::min(first, i);
            last = i + length;
        }
        i += length;
    }
    return first < last ? text.substr(first, last - first) : std::string_view();
}

std::string lower_case(std::string_view text) {
    utf8proc_uint8_t* mapped = nullptr;
    const auto options = static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE);
    const utf8proc_ssize_t length = utf8proc_map_custom(
        reinterpret_cast<const utf8proc_uint8_t*>(text.data()), static_cast<utf8proc_ssize_t>(text.size()), &mapped,
        options, [](utf8proc_int32_t c, void*) { return utf8proc_tolower(c); }, nullptr);
    const std::unique_ptr<utf8proc_uint8_t, decltype(&std::free)> owner(mapped, &std::free);
    if (length >= 0) return std::string(reinterpret_cast<const char*>(mapped), static_cast<std::size_t>(length));
    // Not UTF-8 (the reader refuses such files, so only text built elsewhere): ASCII letters only.
    std::string out(text);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

bool identity_contains(std::string_view text, std::string_view part) {
    return identity_key(text).find(identity_key(part)) != std::string::npos;
}

bool identity_starts_with(std::string_view text, std::string_view prefix) {
    const std::string key = identity_key(text), start = identity_key(prefix);
    return key.compare(0, start.size(), start) == 0;
}

std::string identity_key(std::string_view text) {
    // NFKC with case folding; default-ignorable code points (ZWSP, soft hyphen, BOM) removed.
    utf8proc_uint8_t* mapped = nullptr;
    const auto options = static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT |
                                                          UTF8PROC_CASEFOLD | UTF8PROC_IGNORE);
    const utf8proc_ssize_t length =
        utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(text.data()), static_cast<utf8proc_ssize_t>(text.size()),
                     &mapped, options);
    const std::unique_ptr<utf8proc_uint8_t, decltype(&std::free)> owner(mapped, &std::free);
    // Not UTF-8 (the reader refuses such files, so only text built elsewhere): compared as is.
    const std::string_view folded =
        length < 0 ? text : std::string_view(reinterpret_cast<const char*>(mapped), static_cast<std::size_t>(length));
    // Lookalikes are read as the Latin letter they imitate only in a name that has Latin letters.
    const bool has_latin = std::any_of(folded.begin(), folded.end(), [](char c) { return c >= 'a' && c <= 'z'; });
    std::string key;
    key.reserve(folded.size());
    bool pending_space = false;
    for (std::size_t i = 0; i < folded.size();) {
        const auto sequence = decode_utf8_sequence(folded.substr(i));
        if (!sequence) {
            key += folded[i++];
            continue;
        }
        const char32_t c = sequence->code_point;
        if (is_space(c)) {
            pending_space = !key.empty();
        } else if (!is_invisible(c)) {
            if (pending_space) key += ' ';
            pending_space = false;
            if (const char latin = has_latin ? latin_lookalike(c) : 0; latin != 0) key += latin;
            else key.append(folded.substr(i, sequence->length));
        }
        i += sequence->length;
    }
    return key;
}

namespace {

bool is_ascii(std::string_view text) {
    for (const char c : text)
        if (static_cast<unsigned char>(c) >= 0x80) return false;
    return true;
}

// The next character of ASCII text's identity from `i` on: lower case, runs of white space and
// controls as one space, none at the ends. 0 at the end.
char next_ascii(std::string_view text, std::size_t& i, bool& started) {
    bool space = false;
    while (i < text.size()) {
        const auto c = static_cast<unsigned char>(text[i++]);
        if (c <= 0x20 || c == 0x7F) {
            // Controls are invisible and dropped; white space separates words.
            if (c == ' ' || (c >= '\t' && c <= '\r')) space = started;
            continue;
        }
        if (space) {
            --i;  // the space first, then this character on the next call
            return ' ';
        }
        started = true;
        return static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    }
    return 0;
}

}  // namespace

bool same_identity(std::string_view a, std::string_view b) {
    if (a == b) return true;
    if (!is_ascii(a) || !is_ascii(b)) return identity_key(a) == identity_key(b);
    std::size_t i = 0, j = 0;
    bool started_a = false, started_b = false;
    for (;;) {
        const char x = next_ascii(a, i, started_a), y = next_ascii(b, j, started_b);
        if (x != y) return false;
        if (x == 0) return true;
    }
}

}  // namespace dutycheck::dsl
