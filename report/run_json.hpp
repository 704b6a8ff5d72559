// The JSON shapes the JSON report, SARIF's run properties and the JSON calendar share, so that
// each records the packs, the parameters and a rule's citation the same way.
#pragma once

#include <vector>

#include <nlohmann/json.hpp>

#include "engine/result.hpp"
#include "report/report_info.hpp"

namespace dutycheck::report {

/// [{"name", "version", "sha256"}] for each pack, in load order.
nlohmann::ordered_json packs_json(const std::vector<PackStamp>& packs);

/// [{"name", "pack", "value", "default", "differs", "set_by"}] for each parameter in force. Values
/// are strings as the rule language writes them (`2`, `"gp"`, `["active"]`), so every type of
/// parameter has one shape.
nlohmann::ordered_json parameters_json(const std::vector<engine::ParameterSetting>& settings);

/// {"source", "url", "quote"} of a rule's citation.
nlohmann::ordered_json citation_json(const engine::Citation& citation);

}  // namespace dutycheck::report
