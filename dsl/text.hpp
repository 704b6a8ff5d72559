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

/// True if two texts have the same identity_key (without building the keys when they are equal
/// as bytes or plain ASCII).
bool same_identity(std::string_view a, std::string_view b);

}  // namespace dutycheck::dsl
