// The pre-board check (`check --paper`): the findings about one board paper and the directions
// it references, kept from a run over the whole file.
#pragma once

#include "engine/date.hpp"
#include "engine/document.hpp"
#include "engine/input_error.hpp"
#include "engine/result.hpp"

#include <string_view>
#include <variant>

namespace dutycheck::engine {

/// The board paper `paper` names in `document`: its id (as recorded under /reports) or its
/// pointer ("/reports/3"), and the directions it references, by the paper's
/// `direction.reference` or by a direction's `report` naming the paper's id. An unknown id is an
/// input error (DC512) with the nearest id; a pointer that is not a paper is one too, and so is a
/// paper dated after `as_of` (or possibly after it, a month that runs past it): the as-of stage
/// leaves it out, so its check would find nothing and pass.
std::variant<PaperScope, InputError> find_paper(const Document& document, std::string_view paper, Date as_of);

/// True if a finding at `pointer` is about the paper or one of its directions: at one of their
/// pointers or anywhere under it.
bool in_scope(const PaperScope& scope, std::string_view pointer);

/// Keeps only the findings in scope, with the summary and the stale waivers to match, and records
/// the scope in the result. Run after the waivers and before the duty verdicts, so that every
/// verdict, report and the gate see only the paper's findings, with the statuses of the full run.
void keep_paper_findings(DocumentResult& result, PaperScope scope);

}  // namespace dutycheck::engine
