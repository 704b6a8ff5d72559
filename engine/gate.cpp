// Gating a run: fail-on thresholds, baselines of accepted findings, and comparing two versions.
#include "engine/gate.hpp"

#include "dsl/text.hpp"
#include "engine/files.hpp"
#include "engine/value_ops.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <tuple>

namespace dutycheck::engine {
namespace {

dsl::Diagnostic baseline_error(const std::string& path, const char* code, std::string message) {
    dsl::Diagnostic d;
    d.code = code;
    d.path = path;
    d.message = std::move(message);
    return d;
}

}  // namespace

std::variant<Baseline, dsl::Diagnostic> read_baseline(const std::string& path, std::string_view report_format,
                                                      std::uintmax_t max_bytes) {
    auto bytes = read_bounded(path, max_bytes);
    if (const auto* failure = std::get_if<ReadFailure>(&bytes))
        return baseline_error(path, "DC504",
                              failure->reason == ReadFailure::Reason::unreadable ? "cannot read the baseline report"
                                                                                 : failure->describe(max_bytes));
    nlohmann::json report;
    try {
        report = nlohmann::json::parse(std::get<dsl::SharedText>(bytes).view());
    } catch (const nlohmann::json::exception& e) {
        return baseline_error(path, "DC507", "the baseline is not a JSON report: " + std::string(e.what()));
    }
    const auto format = report.is_object() ? report.find("format") : report.end();
    if (!report.is_object() || format == report.end() || !format->is_string() || format->get<std::string>() != report_format)
        return baseline_error(path, "DC507",
                              "the baseline must be a dutycheck JSON report (\"format\": \"" +
                                  std::string(report_format) + "\")");
    // Every member read is checked for its type, so that a report edited by hand is refused with
    // the place at fault rather than a library's exception with none.
    auto wrong = [&](const std::string& pointer, const char* expected) {
        return baseline_error(path, "DC507", "the baseline report has " + pointer + " that is not " + expected);
    };
    auto text = [](const nlohmann::json& object, const char* key) -> std::optional<std::string> {
        const auto member = object.find(key);
        if (member == object.end()) return std::string();
        if (!member->is_string()) return std::nullopt;
        return member->get<std::string>();
    };
    Baseline baseline;
    const auto documents = report.find("documents");
    if (documents == report.end()) return baseline;
    if (!documents->is_array()) return wrong("/documents", "a list");
    for (std::size_t d = 0; d < documents->size(); ++d) {
        const auto& document = (*documents)[d];
        const std::string at = "/documents/" + std::to_string(d);
        if (!document.is_object()) return wrong(at, "an object");
        const auto file = text(document, "file");
        if (!file) return wrong(at + "/file", "a string");
        const auto findings = document.find("findings");
        if (findings == document.end()) continue;
        if (!findings->is_array()) return wrong(at + "/findings", "a list");
        for (std::size_t f = 0; f < findings->size(); ++f) {
            const auto& finding = (*findings)[f];
            const std::string finding_at = at + "/findings/" + std::to_string(f);
            if (!finding.is_object()) return wrong(finding_at, "an object");
            const auto status = text(finding, "status"), rule = text(finding, "rule"), pointer = text(finding, "pointer");
            if (!status) return wrong(finding_at + "/status", "a string");
            if (!rule) return wrong(finding_at + "/rule", "a string");
            if (!pointer) return wrong(finding_at + "/pointer", "a string");
            for (const Status failing : {Status::unmet, Status::unknown, Status::waiver_expired}) {
                if (*status != to_string(failing)) continue;
                // The same key twice (a file given twice) accepts the more serious of the two.
                const auto [entry, added] = baseline.entries.try_emplace({*rule, *file, *pointer}, failing);
                if (!added && status_weight(failing) > status_weight(entry->second)) entry->second = failing;
            }
        }
    }
    return baseline;
}

std::vector<FindingKey> apply_baseline(std::vector<DocumentResult>& results, const Baseline& baseline) {
    std::set<FindingKey> matched;
    for (auto& result : results) {
        for (auto& finding : result.findings) {
            // Every failing finding, not only those at the gate's threshold: a warning the
            // baseline lists still matches it under --fail-on error, so its entry is not stale.
            if (!fails_gate(finding, Severity::info)) continue;
            FindingKey key{finding.rule->id, result.file, finding.pointer};
            const auto entry = baseline.entries.find(key);
            if (entry == baseline.entries.end()) {
                finding.baseline = BaselineMark::new_finding;
                continue;
            }
            matched.insert(std::move(key));
            finding.baseline_status = entry->second;
            finding.baseline = status_weight(finding.status) > status_weight(entry->second) ? BaselineMark::worse
                                                                                            : BaselineMark::baselined;
        }
    }
    // A baseline may only shrink: entries that no longer match are listed so they are removed.
    std::vector<FindingKey> stale;
    for (const auto& [key, status] : baseline.entries)
        if (matched.count(key) == 0) stale.push_back(key);
    return stale;
}

bool gate_fails(const std::vector<DocumentResult>& results, std::optional<Severity> threshold) {
    if (!threshold) return false;
    for (const auto& result : results)
        for (const auto& finding : result.findings)
            if (fails_gate(finding, *threshold) && finding.baseline != BaselineMark::baselined) return true;
    return false;
}

Comparison compare(const DocumentResult& base, const Document& base_document, const DocumentResult& head,
                   const Document& head_document) {
    // A finding is the same one in both versions when its rule, its place and the identifier of
    // the record there agree: a list reordered puts another record at the same pointer, and
    // matching on the pointer alone would call a new gap "unchanged". The record is worked out
    // here, for a diff only, from the pointer (its nearest recorded node, as the finding was placed).
    auto keyed = [](const DocumentResult& result, const Document& doc) {
        std::map<std::tuple<std::string, std::string, std::string>, const Finding*> keys;
        for (const auto& finding : result.findings)
            if (finding.rule != nullptr)
                keys[{finding.rule->id, finding.pointer,
                      dsl::identity_key(object_identity(doc, doc.nearest(finding.pointer)))}] = &finding;
        return keys;
    };
    auto failing = [](const Finding* finding) { return fails_gate(*finding, Severity::info); };
    const auto before = keyed(base, base_document), after = keyed(head, head_document);
    Comparison comparison;
    for (const auto& [key, now] : after) {
        const auto then = before.find(key);
        if (!failing(now)) continue;
        if (then == before.end()) {
            comparison.added.push_back(now);
            continue;
        }
        // Matched: a status that rises is worse (met -> unknown -> unmet, waived -> waiver_expired),
        // and fails a --fail-on-new gate as a new finding would.
        const int was = status_weight(then->second->status), is = status_weight(now->status);
        if (is > was)
            comparison.worse.push_back({then->second, now});
        else if (is < was)
            comparison.better.push_back({then->second, now});
        else
            comparison.unchanged.push_back(now);
    }
    for (const auto& [key, then] : before) {
        const auto now = after.find(key);
        if (failing(then) && (now == after.end() || !failing(now->second))) comparison.resolved.push_back(then);
    }
    return comparison;
}

bool parameters_differ(const Document& a, const Document& b) {
    const auto x = a.member(a.root(), "parameters"), y = b.member(b.root(), "parameters");
    if (!x || !y) return x.has_value() != y.has_value();
    return !equal_values(a, *x, b, *y);
}

bool any_at_or_above(const std::vector<const Finding*>& findings, Severity threshold) {
    return std::any_of(findings.begin(), findings.end(),
                       [&](const Finding* f) { return f->rule->severity >= threshold; });
}

bool any_at_or_above(const std::vector<Change>& changes, Severity threshold) {
    return std::any_of(changes.begin(), changes.end(),
                       [&](const Change& c) { return c.head->rule->severity >= threshold; });
}

}  // namespace dutycheck::engine
