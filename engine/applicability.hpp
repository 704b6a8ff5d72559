// Whether a rule applies to a partnership at all: a pack for one jurisdiction says nothing of another.
#pragma once

#include "engine/document.hpp"
#include "engine/model.hpp"
#include "engine/result.hpp"

#include <optional>

namespace dutycheck::engine {

/// The finding for a rule whose pack is for a jurisdiction other than the file's: not applicable,
/// or unknown when the file does not record its jurisdiction (never a pass). nullopt when the
/// pack applies everywhere or to this jurisdiction, so the rule is evaluated.
std::optional<Finding> outside_jurisdiction(const PackInfo& pack, const RuleInfo& rule, const Document& doc);

}  // namespace dutycheck::engine
