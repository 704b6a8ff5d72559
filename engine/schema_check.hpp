// Checking a partnership file's structure: its shape and format version, then its JSON types and
// dates against the format's JSON Schema.
#pragma once

#include "engine/document.hpp"
#include "engine/input_error.hpp"

#include <optional>
#include <string>
#include <vector>

namespace dutycheck::engine {

/// Checks what every partnership file must have before rules can be trusted with it:
/// a top-level object and `"format": "dutycheck.partnership/1"` (DC502).
std::optional<InputError> check_document_shape(const Document& doc);

/// A place where the file's structure contradicts the format: wrong JSON type or an invalid date.
struct SchemaProblem {
    NodeId node = 0;
    std::string message;  ///< "expected a date (YYYY-MM-DD or YYYY-MM), found \"2019-02-30\""
};

/// Checks types (`type`, `properties`, `items`, `$ref`) and dates (`$ref` to `#/$defs/date`) against
/// the bundled schema/partnership.schema.json, returning at most `limit` problems in document order.
///
/// Vocabularies (`enum`) are deliberately not enforced here: a rule pack may define its own
/// (North Lanarkshire's green/amber RAG), so the schema's enumerations guide editors and CI
/// schema checks, while rules judge values. `required` is not enforced either: an absent field
/// means "not recorded", which rules report as unknown.
std::vector<SchemaProblem> check_against_schema(const Document& doc, std::size_t limit = 20);

/// The bundled schema text (for `dutycheck schema`, and tests).
const std::string& partnership_schema_text();

}  // namespace dutycheck::engine
