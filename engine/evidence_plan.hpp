// The evidence plan: what to record next, drawn from the findings' missing evidence and the format's schema.
#pragma once

#include "engine/result.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace dutycheck::engine {

/// A place in a partnership file as the format defines it (EvidenceItem's first three fields).
struct FormatField {
    std::string field;        ///< "/localities/*/planning_group/members"
    std::string description;  ///< "" where the format does not define the place
    std::string example;      ///< JSON text; "" when the schema gives nothing honest
};

/// The field of the bundled partnership schema a JSON Pointer of a file falls on: array indexes
/// become `*`, and the schema's `$ref`s are followed. The node need not exist in any file. Where
/// the schema stops defining the place (a pack reading a field the format does not have), the
/// rest of the pointer is kept as written and the description and example are empty.
FormatField format_field(std::string_view pointer);

/// True if a finding waits on evidence the file does not give: unknown, or an expired waiver
/// over an unknown. A waived unknown is left out: the board accepted the gap until the waiver
/// expires, so it is not what to record next. A baselined unknown is still unknown and counts.
bool awaits_evidence(const Finding& finding);

/// What to record next: each missing pointer of every finding that awaits evidence, grouped by
/// its format field, with the number of distinct findings naming it (`decides`), most first, then
/// by field. Missing evidence with no place (an empty pointer) has no field and is left out.
/// A function of the final findings alone, so it can be recomputed after they are filtered.
std::vector<EvidenceItem> evidence_plan(const std::vector<Finding>& findings);

}  // namespace dutycheck::engine
