// What evaluation produces: one finding per rule instance, grouped per partnership file.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dutycheck::engine {

/// How serious an unmet duty is. Ordered: info < warning < error.
enum class Severity : std::uint8_t { info, warning, error };

/// The legal force a rule encodes.
enum class Basis : std::uint8_t { statute, regulation, statutory_guidance, local_policy, good_practice };

/// The outcome of one rule instance. `waived`: unmet or unknown, but an accepted waiver in the
/// file covers it; `waiver_expired`: the same after the waiver's expiry date (it fails the gate).
enum class Status : std::uint8_t { met, unmet, unknown, not_applicable, waived, waiver_expired };
inline constexpr std::size_t status_count = 6;

std::string_view to_string(Severity severity);
/// The severity a word names ("error", "warning", "info"): a rule's or a pack's `severity`, and
/// --fail-on; nullopt for "none" or any other word.
std::optional<Severity> parse_severity(std::string_view word);
std::string_view to_string(Basis basis);
std::string_view to_string(Status status);

/// How serious a status is, from not_applicable (0) up: not_applicable, met, waived, unknown,
/// waiver_expired, unmet. A duty verdict is the most serious status of its rules, and a finding
/// whose status rises is worse than before (diff, baseline). Unknown ranks above met, so a
/// verdict is never met while one of its rules is unknown; an expired waiver above unknown,
/// since a lapsed decision on a gap is at least as serious as missing evidence; unmet is the
/// most serious, since the file shows the duty is not met.
int status_weight(Status status);

/// How a failing finding stands against the baseline a run was given (--baseline): `none` when
/// there was no baseline or the finding does not fail; `new_finding` when the baseline has no
/// entry for it; `baselined` when the baseline accepts it; `worse` when the baseline has it at a
/// less serious status (unknown then, unmet now), which the baseline does not accept.
enum class BaselineMark : std::uint8_t { none, new_finding, baselined, worse };

/// "new", "baselined", "worse"; "" for none.
std::string_view to_string(BaselineMark mark);

/// Where a rule's duty comes from.
struct Citation {
    std::string source;  ///< "Public Bodies (Joint Working) (Scotland) Act 2014, s29(3)(a)"
    std::string url;     ///< may be empty
    std::string quote;   ///< short verbatim quote; may be empty
};

/// Everything a report needs to say about a rule, independent of any document.
struct RuleInfo {
    std::string id;
    std::string title;
    std::vector<std::string> duties;  ///< duty ids of the register
    Citation citation;
    Severity severity = Severity::error;
    Basis basis = Basis::statute;
    std::vector<std::string> tags;
    std::string pack;                 ///< name of the pack that defines it
    std::string file;                 ///< rule file, as given on load
    std::uint32_t line = 0;           ///< line of the `rule` keyword
};

/// An accepted, time-limited exception recorded in the partnership file's `waivers`.
struct Waiver {
    std::string rule;         ///< rule id or register duty id
    std::string target;       ///< JSON Pointer it covers (with everything below it); empty: the whole file
    std::string reason;
    std::string approved_by;
    std::string minute;       ///< may be empty
    std::string expires;      ///< YYYY-MM-DD or YYYY-MM
    std::string pointer;      ///< where the waiver is in the file ("/waivers/0")
    std::string approved;     ///< the day it was approved (YYYY-MM-DD or YYYY-MM); not in force before it
};

/// Why a piece of evidence a rule needed could not be used.
enum class MissingReason : std::uint8_t {
    not_recorded,  ///< absent from the file, or null
    wrong_type,    ///< recorded, but not the kind of value the rule needs
    out_of_range,  ///< the right kind of value, but not a valid one (an impossible date)
    imprecise,     ///< recorded less precisely than the rule needs: a month where the day decides
};

/// "not_recorded", "wrong_type", "out_of_range", "imprecise".
std::string_view to_string(MissingReason reason);

/// Evidence a finding could not decide without: data, so that each report words it itself.
struct Missing {
    std::string pointer;     ///< JSON Pointer of where it is or would be; "" for a value with no place
    MissingReason reason = MissingReason::not_recorded;
    std::string expected;    ///< wrong_type, out_of_range, imprecise: what the rule needed ("a number")
    std::string found;       ///< wrong_type, out_of_range, imprecise: what is there ("a string \"tbc\"")

    auto operator<=>(const Missing&) const = default;
};

/// For `--explain`: one condition of a rule instance, its outcome and the values it looked at.
/// For `--trace`, also every other clause, and the facts of the file each clause read.
struct Explanation {
    std::string clause;       ///< "require", "when" or "where"; with --trace also "for each", "let", "due"
    std::string condition;    ///< its source text ("NAME in EXPR" for a for each, "NAME = EXPR" for a let)
    /// "true", "false" or "unknown"; for a let or a due, the value; for a for each, the element
    std::string outcome;
    std::vector<std::pair<std::string, std::string>> values;  ///< expression text -> value read
    /// --trace only: each field of the file the clause read, by JSON Pointer, and its value, or
    /// "absent" where the file does not record it; in the order first read, each once.
    std::vector<std::pair<std::string, std::string>> facts;
};

/// For `dutycheck test --coverage`: the outcomes a condition reached, one bit each.
enum ConditionOutcome : std::uint8_t { reached_true = 1, reached_false = 2, reached_unknown = 4 };

/// The verdict on one rule instance.
struct Finding {
    const RuleInfo* rule = nullptr;
    Status status = Status::met;
    std::string pointer;              ///< JSON Pointer of the object it is about ("" = whole file)
    std::string object_name;          ///< human name of that object, if it has one
    /// For unmet: each failed requirement, a line each; for not applicable: why; for unknown:
    /// empty, or a note on what the missing evidence would decide (reports word `missing`).
    std::string message;
    std::vector<Missing> missing;     ///< for unknown: what could not be read, sorted, each once
    std::uint32_t line = 0;           ///< where the object (or its nearest recorded ancestor) starts in the file
    std::uint32_t column = 0;
    Status underlying = Status::met;  ///< for waived and waiver_expired: the status the waiver covers
    std::optional<std::size_t> waiver;  ///< for waived and waiver_expired: index into DocumentResult::waivers
    std::vector<Explanation> explanation;  ///< filled for the rule named by --explain
    BaselineMark baseline = BaselineMark::none;  ///< against --baseline; set by engine::apply_baseline
    Status baseline_status = Status::met;  ///< for baselined and worse: the status the baseline recorded
    /// The day the instance falls due (YYYY-MM-DD), from the rule's `due` clause; empty when the
    /// rule has none, the instance stopped before it, or its date is not known.
    std::string due;
};

/// One entry of the evidence plan ("what to record next"): a field the partnership format
/// defines, and the unknown findings that recording it would decide (engine::evidence_plan).
struct EvidenceItem {
    /// The field as the format names it, array indexes as `*`: "/localities/*/planning_group/members".
    /// A place the format does not define keeps its own names from there on.
    std::string field;
    std::string description;  ///< the schema's description of the field; "" where the format does not define it
    /// An example value as JSON text ("\"2019-06-24\"", "true"): the schema's first example, else
    /// one derived from its type (first allowed value, an element for a list); "" when none is honest.
    std::string example;
    std::size_t decides = 0;          ///< distinct findings naming the field: a ceiling on what recording it settles
    std::vector<std::string> places;  ///< distinct pointers of the file, in document order
    std::vector<std::string> rules;   ///< distinct rule ids, in the order of their first finding
    /// Why the evidence could not be used, each kind once, in MissingReason order: anything other
    /// than not_recorded means a value is there but must be corrected.
    std::vector<MissingReason> reasons;
};

/// The verdict on one duty for one object: the most serious status (status_weight) of the
/// findings of every rule that encodes the duty there. A rule whose findings lie inside another
/// rule's object counts towards that object: s44's per-review rule (at
/// /partnership/integration_scheme/reviews) and its current-period rule (at
/// /partnership/integration_scheme) give one verdict on the integration scheme.
struct DutyVerdict {
    std::string duty;                  ///< duty id of the register
    std::string pointer;               ///< the object; "" = the whole file
    std::string object_name;           ///< its human name, if a finding at it has one
    Status status = Status::not_applicable;
    std::vector<std::size_t> findings;  ///< indexes into DocumentResult::findings, in their order
};

/// Counts of findings by status and, for unmet and unknown, by severity.
struct Summary {
    std::array<std::size_t, status_count> by_status{};                          ///< indexed by Status
    std::array<std::array<std::size_t, 3>, status_count> by_status_severity{};  ///< [Status][Severity]
    void add(const Finding& finding);
    std::size_t count(Status status) const { return by_status[static_cast<std::size_t>(status)]; }
};

/// A rule that took more evaluation steps on one file than EvaluationOptions::max_steps allows.
struct StepLimitExceeded {
    const RuleInfo* rule = nullptr;
    std::uint64_t limit = 0;
};

/// The board paper a pre-board check (`check --paper`) is about, and the directions it references.
struct PaperScope {
    std::string id;                       ///< the paper's `id`, if recorded
    std::string pointer;                  ///< "/reports/3"
    std::string title;                    ///< its `title`, if recorded
    std::vector<std::string> directions;  ///< pointers of the directions it references ("/directions/0")
};

/// All findings for one partnership file, in deterministic order (rule order, then instance order).
/// Who set a parameter's value for a file: the pack's default, the file's `parameters`, or the
/// command line's --param (which comes last and wins).
enum class ParameterSource : std::uint8_t { pack_default, partnership_file, command_line };

std::string_view to_string(ParameterSource source);

/// A parameter in force for one file, its values written as the rule language writes them
/// (`2`, `"gp"`, `["active"]`), so a report can be reproduced by setting them again.
struct ParameterSetting {
    std::string name;
    std::string pack;           ///< the pack that declares it
    std::string value;
    std::string default_value;  ///< the pack's default
    ParameterSource set_by = ParameterSource::pack_default;
    bool differs = false;       ///< the value is not the default (a file may restate the default)
};

struct DocumentResult {
    std::string file;                 ///< path as given on the command line
    std::string partnership_id;       ///< /partnership/id, if recorded
    std::string partnership_name;     ///< /partnership/name, if recorded
    std::string as_of;                ///< evaluation date, YYYY-MM-DD
    std::vector<Finding> findings;
    /// Every parameter of the packs in force for this file, in declaration order: parameters
    /// belong to a file, since each file's `parameters` may set them.
    std::vector<ParameterSetting> parameters;
    Summary summary;
    std::vector<DutyVerdict> verdicts;  ///< per duty and object, in the order of their first finding
    std::vector<Waiver> waivers;      ///< every waiver of the file, as recorded
    /// What to record next: the fields that would decide the unknown findings, most first.
    std::vector<EvidenceItem> evidence_plan;
    std::vector<std::size_t> stale_waivers;  ///< indexes into `waivers` of those that covered no unmet or unknown finding
    /// Set when a rule went over the step limit: evaluation stopped at that rule, its findings
    /// were dropped and no later rule ran, so the result is incomplete and must not be reported.
    std::optional<StepLimitExceeded> step_limit_exceeded;
    /// Set when a rule ran out of memory: evaluation stopped there as for the step limit.
    const RuleInfo* out_of_memory = nullptr;
    /// Set for a pre-board check: the findings, summary and verdicts are those of this paper and
    /// its directions only, with the statuses of the whole file's run.
    std::optional<PaperScope> paper;
    std::uint64_t most_steps = 0;         ///< the most evaluation steps one rule took on this file
    const RuleInfo* most_steps_rule = nullptr;  ///< the rule that took them
    /// With EvaluationOptions::coverage: for each rule of the rule set (in its order), for each of
    /// its steps, the ConditionOutcome bits its condition reached on this file (0 for a step that
    /// is no condition or never ran). Empty otherwise.
    std::vector<std::vector<std::uint8_t>> clause_outcomes;
};

/// The duty verdicts of `findings` (see DutyVerdict): duties in the order of their first finding,
/// and each duty's objects in the order of theirs.
std::vector<DutyVerdict> duty_verdicts(const std::vector<Finding>& findings);

/// True if a finding fails a gate at `threshold` severity: unmet, unknown or an expired waiver.
bool fails_gate(const Finding& finding, Severity threshold);

/// The failing findings (unmet, unknown, expired waiver) a gate at `threshold` lets pass because
/// their severity is below it, by Severity; every failing finding for nullopt (--fail-on none).
std::array<std::size_t, 3> below_gate(const Summary& summary, std::optional<Severity> threshold);

}  // namespace dutycheck::engine
