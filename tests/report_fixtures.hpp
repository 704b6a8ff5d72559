// Results built by hand, as the engine would produce them, for the tests of the report formats.
#pragma once

#include "engine/evidence_plan.hpp"
#include "engine/result.hpp"

#include <cstddef>
#include <cstdint>
#include <deque>
#include <string>
#include <utility>

namespace dutycheck::testing {

/// Findings point at their rule, so rules live in a deque whose elements never move.
struct Rules {
    std::deque<engine::RuleInfo> all;

    const engine::RuleInfo* add(engine::RuleInfo rule) {
        all.push_back(std::move(rule));
        return &all.back();
    }
};

/// Evidence that is not recorded at `pointer`.
inline engine::Missing not_recorded(std::string pointer) {
    return {std::move(pointer), engine::MissingReason::not_recorded, {}, {}};
}

/// A finding about the object at `pointer`, with the place it starts in the file when given.
inline engine::Finding finding(const engine::RuleInfo* rule, engine::Status status, std::string pointer,
                               std::string object_name = "", std::string message = "", std::uint32_t line = 0,
                               std::uint32_t column = 0, std::vector<engine::Missing> missing = {}) {
    engine::Finding f;
    f.rule = rule;
    f.status = status;
    f.pointer = std::move(pointer);
    f.object_name = std::move(object_name);
    f.message = std::move(message);
    f.line = line;
    f.column = column;
    f.missing = std::move(missing);
    return f;
}

/// The finding as the waiver at index `waiver` covers it: `status` is waived or waiver_expired,
/// and the status it had becomes the underlying one.
inline engine::Finding covered(engine::Finding f, engine::Status status, std::size_t waiver) {
    f.underlying = f.status;
    f.status = status;
    f.waiver = waiver;
    return f;
}

/// Fills a document's summary, duty verdicts and evidence plan from its findings, as the engine does.
inline void summarise(engine::DocumentResult& doc) {
    for (const auto& f : doc.findings) doc.summary.add(f);
    doc.verdicts = engine::duty_verdicts(doc.findings);
    doc.evidence_plan = engine::evidence_plan(doc.findings);
}

}  // namespace dutycheck::testing
