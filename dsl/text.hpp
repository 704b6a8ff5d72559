// Text as people read it: whether any character is visible, and the identity two names share.
// The one definition of "recorded text", with Unicode's own tables (utf8proc).
#pragma once

#include <string>
#include <string_view>

namespace dutycheck::dsl {

/// True if `text` has no visible character: it is empty, or holds only white space (including
/// the no-break space and the other Unicode spaces and line separators), format characters
/// (zero-width space and joiners, the byte-order mark, the soft hyphen), control characters,
/// default-ignorable code points, or bytes that are not UTF-8. Such text records nothing.
bool is_blank(std::string_view text);

/// The identity of a name or an id: compatibility-normalised (NFKC), case-folded, with
/// invisible characters removed and white space trimmed and collapsed to single spaces, and in
/// text with Latin letters, a Cyrillic or Greek letter that looks like a Latin one read as that
/// letter. Two spellings of one name ("Ann Smith", "ann  smith\u00a0", "Аnn Smith" with a
/// Cyrillic А) have the same identity; a name written wholly in Cyrillic or Greek keeps its own.
std::string identity_key(std::string_view text);

/// `text` without the invisible characters (is_blank's) at either end: white space of any kind,
/// zero-width and format characters, controls. The text between is kept as written.
std::string_view trim_invisible(std::string_view text);

/// Each letter of `text` in lower case (Unicode's simple mapping, so 'ß' stays), in NFC. Bytes
/// that are not UTF-8 are kept, lower-cased if ASCII.
std::string lower_case(std::string_view text);

/// True if the identity of `part` occurs in the identity of `text` (identity_key of each): "City
/// Council" is in "Aberdeen city  council".
bool identity_contains(std::string_view text, std::string_view part);

/// True if the identity of `text` begins with the identity of `prefix`.
bool identity_starts_with(std::string_view text, std::string_view prefix);

/// True if two texts have the same identity_key (without building the keys when they are equal
/// as bytes or plain ASCII).
bool same_identity(std::string_view a, std::string_view b);

}  // namespace dutycheck::dsl
