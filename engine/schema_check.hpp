// Checking a partnership file's structure: its shape and format version, then everything the
// format's JSON Schema says (types, vocabularies, required fields, bounds, patterns, dates).
#pragma once

#include "engine/document.hpp"
#include "engine/input_error.hpp"

#include <nlohmann/json_fwd.hpp>

#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace dutycheck::engine {

/// Whether a document says it is a partnership file: a top-level object whose `format` names a
/// version of the partnership format ("dutycheck.partnership/…", known or not). A folder run
/// skips the JSON files that do not (an editor's settings, a package.json).
bool names_partnership_format(const Document& doc);

/// Checks what every partnership file must have before rules can be trusted with it:
/// a top-level object and `"format": "dutycheck.partnership/1"` (DC502).
std::optional<InputError> check_document_shape(const Document& doc);

/// A place where the file contradicts its schema: a wrong JSON type, a value outside a
/// vocabulary, a missing required field (placed at the object), an invalid date, a null.
struct SchemaProblem {
    NodeId node = 0;
    std::string message;  ///< "expected a date (YYYY-MM-DD or YYYY-MM), found \"2019-02-30\""
};

/// A schema the checker cannot enforce in full: a keyword it does not implement, a reference it
/// cannot follow, a pattern RE2 cannot run. Refused when the checker is built, so a schema never
/// promises more than the engine checks.
class SchemaError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// How to build a SchemaChecker beyond the schema itself.
struct SchemaOptions {
    /// A local reference ("#/$defs/date") whose values are calendar dates as dutycheck reads
    /// them (parse_date), checked beyond the definition's own pattern; empty for none.
    std::string date_definition;
};

/// A JSON Schema (draft 2020-12) compiled once, then checked against any number of documents.
///
/// The keywords it enforces: type, enum, const, required, minimum, maximum, pattern, minItems,
/// uniqueItems, properties, items (one schema for every element), $ref to a place in the same
/// document (with its siblings applying too, as in 2020-12), boolean schemas, and the annotations
/// (title, description, examples, ...) and $defs. Any other keyword is a SchemaError when the
/// checker is built. Patterns run on RE2, which is linear in the text, and follow ECMA-262's `\s`
/// as JSON Schema's patterns do.
class SchemaChecker {
public:
    /// Compiles `schema`; throws SchemaError if it uses what the checker does not implement.
    explicit SchemaChecker(const nlohmann::json& schema, SchemaOptions options = {});
    ~SchemaChecker();
    SchemaChecker(SchemaChecker&&) noexcept;
    SchemaChecker& operator=(SchemaChecker&&) noexcept;

    /// Every problem of `doc` against the schema, at most `limit`, in document order.
    std::vector<SchemaProblem> check(const Document& doc, std::size_t limit = 20) const;

private:
    struct Compiled;
    std::unique_ptr<const Compiled> compiled_;
};

/// The bundled schema/partnership.schema.json, parsed once on first use, for every stage that
/// reads it (the schema check, the as-of stage's dated places).
const nlohmann::json& partnership_schema_document();

/// The checker of the bundled schema/partnership.schema.json, built on first use.
const SchemaChecker& partnership_schema();

/// Checks `doc` against the bundled partnership schema, returning at most `limit` problems in
/// document order. A rule pack's own vocabulary must be one the schema allows.
std::vector<SchemaProblem> check_against_schema(const Document& doc, std::size_t limit = 20);

/// The bundled schema text (for `dutycheck schema`, and tests).
const std::string& partnership_schema_text();

}  // namespace dutycheck::engine
