// The gate: which findings fail a run, what a saved baseline accepts, and how two versions compare.
#pragma once

#include "dsl/source.hpp"
#include "engine/document.hpp"
#include "engine/result.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <variant>
#include <vector>

namespace dutycheck::engine {

/// A failing finding's identity across runs: rule, file and JSON Pointer (not the rule alone,
/// which would hide a second gap behind a known one).
using FindingKey = std::tuple<std::string, std::string, std::string>;

/// The failing findings of a saved JSON report (`format` is `report_format`), for --baseline,
/// each with the status it had: the baseline accepts that status or a less serious one.
struct Baseline {
    std::map<FindingKey, Status> entries;
};

/// Reads a baseline of at most `max_bytes`; a file that cannot be read or is not a dutycheck
/// JSON report is an error naming the file (DC504, DC507).
std::variant<Baseline, dsl::Diagnostic> read_baseline(const std::string& path, std::string_view report_format,
                                                      std::uintmax_t max_bytes);

/// Marks every failing finding of `results`, whatever its severity, against `baseline`
/// (Finding::baseline): baselined, worse or new. Returns the baseline entries that match no
/// failing finding (stale: to be removed); an entry that still matches one, even a worse one,
/// is never stale.
std::vector<FindingKey> apply_baseline(std::vector<DocumentResult>& results, const Baseline& baseline);

/// True if a finding at or above `threshold` (nullopt: report only, never fail) fails the gate
/// and is not accepted by the baseline (marked `baselined`).
bool gate_fails(const std::vector<DocumentResult>& results, std::optional<Severity> threshold);

/// A finding of both versions whose status changed.
struct Change {
    const Finding* base = nullptr;
    const Finding* head = nullptr;
};

/// The findings of two versions of one file, matched on rule and pointer. Every list holds
/// findings that fail (any severity) in at least one version.
struct Comparison {
    std::vector<const Finding*> added;      ///< fail in head, and base has no finding of that rule and pointer
    std::vector<Change> worse;              ///< fail in head, at a more serious status than in base (status_weight)
    std::vector<Change> better;             ///< fail in both, at a less serious status in head
    std::vector<const Finding*> resolved;   ///< fail in base, and no longer in head (base's finding)
    std::vector<const Finding*> unchanged;  ///< fail in both at the same status (head's finding)
};

/// Compares the findings of `base` and `head`, each with the document it was evaluated on (to
/// tell which record a finding's pointer holds in each version).
Comparison compare(const DocumentResult& base, const Document& base_document, const DocumentResult& head,
                   const Document& head_document);

/// True if two versions of a file set different `parameters`: their findings may then differ
/// because the check changed, not the facts.
bool parameters_differ(const Document& a, const Document& b);

/// True if any of `findings` is at or above `threshold`.
bool any_at_or_above(const std::vector<const Finding*>& findings, Severity threshold);
/// True if the head finding of any of `changes` is at or above `threshold`.
bool any_at_or_above(const std::vector<Change>& changes, Severity threshold);

}  // namespace dutycheck::engine
