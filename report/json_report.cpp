// Renders results as "dutycheck.report/1" JSON; docs/report-format.md is the contract it keeps.
#include "report/json_report.hpp"

#include <algorithm>
#include <cstddef>
#include <ostream>
#include <utility>

#include <nlohmann/json.hpp>

#include "report/labels.hpp"
#include "report/run_json.hpp"

namespace dutycheck::report {
namespace {

// ordered_json keeps keys in insertion order, so the output is stable and reads like the docs.
using Json = nlohmann::ordered_json;

Json by_severity(const engine::Summary& summary, engine::Status status) {
    Json counts = Json::object();
    for (const engine::Severity severity : severities_by_weight)
        counts[std::string(engine::to_string(severity))] =
            summary.by_status_severity[static_cast<std::size_t>(status)][static_cast<std::size_t>(severity)];
    return counts;
}

// Each status's count in Status order, then a breakdown by severity for those that fail a gate,
// then, in a check run, how many of those --fail-on lets pass.
Json summary_json(const engine::Summary& summary, const std::string& fail_on) {
    Json json = Json::object();
    for (std::size_t s = 0; s < engine::status_count; ++s)
        json[std::string(engine::to_string(static_cast<engine::Status>(s)))] = summary.by_status[s];
    for (const engine::Status status : {engine::Status::unmet, engine::Status::unknown, engine::Status::waiver_expired})
        json[std::string(engine::to_string(status)) + "_by_severity"] = by_severity(summary, status);
    if (!fail_on.empty()) json["not_gating"] = not_gating(summary, fail_on);
    return json;
}

// Every field is always present: an unrecorded string is "" and an empty list is [], so a CI
// tool in a typed language can declare every field required.
Json waiver_json(const engine::Waiver& waiver) {
    return Json{{"rule", waiver.rule},       {"target", waiver.target},   {"reason", waiver.reason},
                {"approved_by", waiver.approved_by}, {"minute", waiver.minute}, {"expires", waiver.expires},
                {"pointer", waiver.pointer}};
}

// `due` appears only on a finding with a deadline, `waiver`/`underlying` only on waived and
// waiver_expired findings, and `explanation`
// only for the rule named by --explain: they describe something that is not always there.
Json finding_json(const engine::DocumentResult& document, const engine::Finding& finding) {
    const engine::RuleInfo& rule = rule_of(finding);
    Json json{
        {"rule", rule.id},
        {"title", rule.title},
        {"duties", rule.duties},
        {"severity", engine::to_string(rule.severity)},
        {"basis", engine::to_string(rule.basis)},
        {"status", engine::to_string(finding.status)},
        {"pointer", finding.pointer},
        {"line", finding.line},
        {"column", finding.column},
        {"object", finding.object_name},
        {"message", finding_text(finding)},
        {"missing", missing_list(finding)},
        {"citation", citation_json(rule.citation)},
        {"tags", rule.tags},
    };
    // Only where the rule says when the instance falls due and the file determines the day.
    if (!finding.due.empty()) json["due"] = finding.due;
    if (finding.waiver && *finding.waiver < document.waivers.size()) {
        json["underlying"] = engine::to_string(finding.underlying);
        json["waiver"] = waiver_json(document.waivers[*finding.waiver]);
    }
    // Only in a run with --baseline, and only on failing findings: what the baseline says of it.
    if (finding.baseline != engine::BaselineMark::none) {
        json["baseline"] = engine::to_string(finding.baseline);
        if (finding.baseline != engine::BaselineMark::new_finding)
            json["baseline_status"] = engine::to_string(finding.baseline_status);
    }
    if (!finding.explanation.empty()) {
        Json steps = Json::array();
        for (const auto& step : finding.explanation) {
            if (!explained_in_reports(step)) continue;
            Json values = Json::array();
            for (const auto& [expression, value] : step.values)
                values.push_back(Json{{"expression", expression}, {"value", value}});
            steps.push_back(Json{{"clause", step.clause},
                                 {"condition", step.condition},
                                 {"outcome", step.outcome},
                                 {"values", std::move(values)}});
        }
        json["explanation"] = std::move(steps);
    }
    return json;
}

// The engine's verdict per duty and object, with the rules and findings (indexes into
// `findings`) it was drawn from.
Json verdicts_json(const engine::DocumentResult& document) {
    Json verdicts = Json::array();
    for (const auto& verdict : document.verdicts) {
        Json rules = Json::array();
        for (const std::size_t index : verdict.findings) {
            const std::string& id = rule_of(document.findings[index]).id;
            if (std::find(rules.begin(), rules.end(), id) == rules.end()) rules.push_back(id);
        }
        verdicts.push_back(Json{{"duty", verdict.duty},
                                {"pointer", verdict.pointer},
                                {"object", verdict.object_name},
                                {"status", engine::to_string(verdict.status)},
                                {"rules", std::move(rules)},
                                {"findings", verdict.findings}});
    }
    return verdicts;
}

// What to record next, every entry, most decisive first. `example` is a JSON value (null when the
// schema gives none); `reasons` lists how the evidence failed, not_recorded or a recorded value
// to correct.
Json evidence_plan_json(const engine::DocumentResult& document) {
    Json plan = Json::array();
    for (const auto& item : document.evidence_plan) {
        Json reasons = Json::array();
        for (const auto reason : item.reasons) reasons.push_back(engine::to_string(reason));
        plan.push_back(Json{{"field", item.field},
                            {"description", item.description},
                            {"example", item.example.empty() ? Json() : Json::parse(item.example)},
                            {"decides", item.decides},
                            {"places", item.places},
                            {"rules", item.rules},
                            {"reasons", std::move(reasons)}});
    }
    return plan;
}

Json document_json(const engine::DocumentResult& document, const std::string& fail_on) {
    Json findings = Json::array();
    for (const auto& finding : document.findings) findings.push_back(finding_json(document, finding));
    Json waivers = Json::array();
    for (const auto& waiver : document.waivers) waivers.push_back(waiver_json(waiver));
    Json stale = Json::array();
    for (const std::size_t index : document.stale_waivers) stale.push_back(document.waivers[index].pointer);
    Json json{
        {"file", document.file},
        {"partnership", {{"id", document.partnership_id}, {"name", document.partnership_name}}},
        {"summary", summary_json(document.summary, fail_on)},
        {"evidence_plan", evidence_plan_json(document)},
        {"findings", std::move(findings)},
        {"duty_verdicts", verdicts_json(document)},
        {"waivers", std::move(waivers)},
        {"stale_waivers", std::move(stale)},
        {"parameters", parameters_json(document.parameters)},
    };
    // Only in a pre-board check, whose findings are those of the paper and its directions.
    if (document.paper)
        json["paper"] = {{"id", document.paper->id},
                         {"pointer", document.paper->pointer},
                         {"title", document.paper->title},
                         {"directions", document.paper->directions}};
    return json;
}

Json overrides_json(const std::vector<engine::ParameterSetting>& overrides) {
    Json list = Json::array();
    for (const auto& o : overrides) list.push_back({{"name", o.name}, {"value", o.value}, {"default", o.default_value}});
    return list;
}

}  // namespace

Json citation_json(const engine::Citation& citation) {
    return {{"source", citation.source}, {"url", citation.url}, {"quote", citation.quote}};
}

Json packs_json(const std::vector<PackStamp>& packs) {
    Json list = Json::array();
    for (const auto& pack : packs) list.push_back({{"name", pack.name}, {"version", pack.version}, {"sha256", pack.sha256}});
    return list;
}

Json parameters_json(const std::vector<engine::ParameterSetting>& settings) {
    Json list = Json::array();
    for (const auto& s : settings)
        list.push_back({{"name", s.name},
                        {"pack", s.pack},
                        {"value", s.value},
                        {"default", s.default_value},
                        {"differs", s.differs},
                        {"set_by", engine::to_string(s.set_by)}});
    return list;
}

void write_json(std::ostream& out, const std::vector<engine::DocumentResult>& documents, const JsonReportInfo& info) {
    Json document_list = Json::array();
    for (const auto& document : documents) document_list.push_back(document_json(document, info.fail_on));
    Json report{
        {"format", json_report_format},
        {"tool", {{"name", "dutycheck"}, {"version", info.tool_version}}},
        {"as_of", info.as_of},
        {"rule_packs", pack_names(info.packs)},
        {"packs", packs_json(info.packs)},
    };
    if (!info.fail_on.empty()) report["fail_on"] = info.fail_on;
    // Only when the command line overrode a parameter, so that other reports stay as they were.
    if (const auto overrides = command_line_overrides(documents); !overrides.empty())
        report["parameters_overridden"] = overrides_json(overrides);
    report["summary"] = summary_json(total_summary(documents), info.fail_on);
    report["documents"] = std::move(document_list);
    // Text from partnership files is not guaranteed to be valid UTF-8; replacing bad bytes with
    // U+FFFD keeps the report valid JSON instead of throwing halfway through the output.
    out << report.dump(2, ' ', false, Json::error_handler_t::replace) << '\n';
}

}  // namespace dutycheck::report
