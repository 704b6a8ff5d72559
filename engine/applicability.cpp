// The jurisdiction gate: a rule of a jurisdiction's pack is evaluated only for that jurisdiction.
#include "engine/applicability.hpp"

#include "engine/evaluator.hpp"
#include "engine/value_ops.hpp"

namespace dutycheck::engine {

std::optional<Finding> outside_jurisdiction(const PackInfo& pack, const RuleInfo& rule, const Document& doc) {
    if (pack.jurisdiction.empty()) return std::nullopt;
    const Value jurisdiction =
        field_of(doc, field_of(doc, Value{DocNode{doc.root()}}, "partnership"), "jurisdiction");
    const std::string* actual = as_string(jurisdiction);
    if (actual != nullptr && *actual == pack.jurisdiction) return std::nullopt;
    Finding finding;
    finding.rule = &rule;
    finding.pointer = "/partnership/jurisdiction";
    if (actual == nullptr) {
        finding.status = Status::unknown;
        const Value problem = type_problem(doc, jurisdiction, "a string");
        collect_reasons(problem, finding.missing);
        finding.message = "the " + pack.name + " pack applies only to " + pack.jurisdiction;
    } else {
        finding.status = Status::not_applicable;
        finding.message = "the " + pack.name + " pack applies only to jurisdiction '" + pack.jurisdiction +
                          "'; this partnership is '" + *actual + "'";
    }
    place(finding, doc, doc.nearest(finding.pointer));
    return finding;
}

}  // namespace dutycheck::engine
