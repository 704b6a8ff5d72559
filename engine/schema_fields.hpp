// What the partnership schema says a rule's field paths are: the checker's view of the format,
// so lint can tell a misspelt field or a mistyped comparison before any file is read.
#pragma once

#include "engine/model.hpp"

#include <map>
#include <string>
#include <string_view>

namespace dutycheck::engine {

/// A value as the bundled partnership schema defines it: its type, and for an object its fields,
/// for a list its elements. Built once from the schema and never changed, so the checker of any
/// thread may hold pointers into it.
struct FieldShape {
    StaticType type = StaticType::any;  ///< any: the schema allows several types, or says none
    std::string name;                   ///< how messages name it: "locality", "parameters"
    /// An object's fields; empty when the schema lists none (then any field may be read).
    std::map<std::string, const FieldShape*, std::less<>> fields;
    const FieldShape* items = nullptr;    ///< a list's element, where the schema says
    const FieldShape* list_of = nullptr;  ///< the list of this (what a field read across a list gives)
    /// A date the file records as text ("2019-06-24"): it may go where a string is expected, as in
    /// date(plan.approved), which reads a month as an event.
    bool date_text = false;

    bool has_fields() const { return type == StaticType::object && !fields.empty(); }
    /// The field `key`, or nullptr if the schema does not define it.
    const FieldShape* field(std::string_view key) const;
};

/// The whole partnership file: its fields are the format's top-level fields.
const FieldShape& partnership_shape();

/// A value of `type` the schema says nothing more of (a literal, a builtin's result), and a list
/// of such values: for checking what a list literal or `select` holds.
const FieldShape& scalar_shape(StaticType type);

/// What `base.key` reads, by the evaluator's rules: an object's field; across a list, the list of
/// each element's field, a list field flattened into one list. nullptr if the schema does not
/// define the field, or says too little of `base` to know.
const FieldShape* field_of_shape(const FieldShape& base, std::string_view key);

}  // namespace dutycheck::engine
