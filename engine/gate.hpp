// The gate: which findings fail a run, what a saved baseline accepts, and how two versions compare.
#pragma once

#include "dsl/source.hpp"
#include "engine/document.hpp"
#include "engine/result.hpp"

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <variant>
#include <vector>

namespace dutycheck::engine {

/// The severity named by --fail-on ("error", "warning", "info"); nullopt for "none" or any other word.
std::optional<Severity> parse_severity(std::string_view word);

/// A failing finding's identity across runs: rule, file and JSON Pointer (not the rule alone,
/// which would hide a second gap behind a known one).
using FindingKey = std::tuple<std::string, std::string, std::string>;

/// The failing findings of a saved JSON report (`format` is `report_format`), for --baseline.
struct Baseline {
    std::set<FindingKey> keys;
};

/// Reads a baseline of at most `max_bytes`; a file that cannot be read or is not a dutycheck
/// JSON report is an error naming the file (DC504, DC507).
std::variant<Baseline, dsl::Diagnostic> read_baseline(const std::string& path, std::string_view report_format,
                                                      std::uintmax_t max_bytes);

/// What the gate decided about a run.
struct GateVerdict {
    bool failing = false;                 ///< a finding at or above the threshold fails, and no baseline accepts it
    std::vector<FindingKey> stale;        ///< baseline entries that no longer fail: to be removed
};

/// Applies the gate at `threshold` (nullopt: report only, never fail) to every file's findings,
/// with an optional baseline whose entries do not fail it.
GateVerdict judge(const std::vector<DocumentResult>& results, std::optional<Severity> threshold,
                  const Baseline* baseline);

/// The failing findings of two versions of one file, matched on rule and pointer.
struct Comparison {
    std::vector<const Finding*> added;      ///< in head only: what the change introduced
    std::vector<const Finding*> resolved;   ///< in base only
    std::vector<const Finding*> unchanged;  ///< in both (head's finding)
};

/// Compares the failing findings (any severity) of `base` and `head`.
Comparison compare(const DocumentResult& base, const DocumentResult& head);

/// True if two versions of a file set different `parameters`: their findings may then differ
/// because the check changed, not the facts.
bool parameters_differ(const Document& a, const Document& b);

/// True if any of `findings` is at or above `threshold`.
bool any_at_or_above(const std::vector<const Finding*>& findings, Severity threshold);

}  // namespace dutycheck::engine
