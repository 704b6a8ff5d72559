// Wording and arithmetic every report format shares: areas of a partnership, status words, totals.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "dsl/utf8.hpp"
#include "engine/result.hpp"
#include "report/report_info.hpp"

namespace dutycheck::report {

/// The area of the partnership a finding's JSON Pointer falls in, named as a governance lead
/// would ("/reports/3/eqia" is in "Board papers"; "" is "Whole partnership").
std::string area_of(std::string_view pointer);

/// True if area `a` is listed before area `b`: the fixed areas in board reading order, then any
/// other area alphabetically.
bool area_before(std::string_view a, std::string_view b);

/// The status in words for people: "UNMET", "UNKNOWN", "MET", "N/A".
std::string_view status_label(engine::Status status);

/// The rule a finding is about, or an empty rule if the engine left none, so that no formatter
/// dereferences a null pointer or drops the finding.
const engine::RuleInfo& rule_of(const engine::Finding& finding);

/// Counts added up over every document, for the overall total.
engine::Summary total_summary(const std::vector<engine::DocumentResult>& documents);

/// Severities from most to least serious: the order breakdowns are listed in.
inline constexpr engine::Severity severities_by_weight[] = {
    engine::Severity::error, engine::Severity::warning, engine::Severity::info};

/// True for the clauses --explain shows in a report (require, when, where): --trace records the
/// others too (for each, let, due) and prints them itself.
inline bool explained_in_reports(const engine::Explanation& step) {
    return step.clause == "require" || step.clause == "when" || step.clause == "where";
}

/// The unmet and unknown findings (expired waivers included) that --fail-on `fail_on` lets pass;
/// 0 when `fail_on` is empty (no gate).
std::size_t not_gating(const engine::Summary& summary, const std::string& fail_on);

/// Those findings in a sentence without a full stop, so that a run that passes with failing
/// findings never reads as clean: "3 unmet or unknown findings (2 warning, 1 info) are below
/// --fail-on error and do not fail this run", or for --fail-on none "… do not fail this run
/// (--fail-on none)"; "" when there are none.
std::string not_gating_phrase(const engine::Summary& summary, const std::string& fail_on);

// ---------------------------------------------------------------------------------------------
// Shared by the CI formats (SARIF, JUnit, GitHub annotations): one wording of a finding for
// formats that have room for a single message, and the text hygiene they all need.

/// `items` joined with `separator` between them.
std::string join_items(const std::vector<std::string>& items, std::string_view separator);

/// The parameters the command line set to other than their defaults, for a sentence:
/// `min_localities = 0 (default 2), …`; callers escape it for their format and say only when
/// there are any (see command_line_overrides).
std::string overrides_phrase(const std::vector<engine::ParameterSetting>& overrides);

/// The parameters of `settings` that --param set to other than the pack's default: such a run
/// may be weaker than the packs allow a partnership file to make it, so reports say so up front.
std::vector<engine::ParameterSetting> command_line_overrides(const std::vector<engine::ParameterSetting>& settings);

/// The same over every file of a run, each name once (--param is the same for every file).
std::vector<engine::ParameterSetting> command_line_overrides(const std::vector<engine::DocumentResult>& documents);

/// The parameters that differ from their packs' defaults, whoever set them.
std::vector<engine::ParameterSetting> differing_parameters(const std::vector<engine::ParameterSetting>& settings);

/// Who set a parameter, for a sentence: "the pack's default", "the partnership file", "--param".
std::string_view set_by_words(engine::ParameterSource source);

/// A file's parameters for a short sentence: those that differ from the defaults in full, then a
/// count of the rest: `min_localities = 0 (default 2, set by --param); the other 11 at the packs'
/// defaults`, or `all 12 at the packs' defaults`; "" when the packs declare none.
std::string parameters_phrase(const std::vector<engine::ParameterSetting>& settings);

/// The packs' names, in order.
std::vector<std::string> pack_names(const std::vector<PackStamp>& packs);

/// The packs for a sentence: `scotland 1.0 (sha256 0123456789ab), …`, each hash cut to its
/// first `digits` hex digits.
std::string packs_phrase(const std::vector<PackStamp>& packs, std::size_t digits = 64);

/// "Duty X" or "Duties X, Y" for the duties a rule encodes; "" when it names none.
std::string duties_phrase(const engine::RuleInfo& rule);

/// The waiver a waived or waiver_expired finding refers to, or nullptr when it has none (or the
/// index is out of range, so a formatter never reads past the list).
const engine::Waiver* waiver_of(const engine::DocumentResult& document, const engine::Finding& finding);

/// The terms a waiver was accepted on, "REASON; approved by WHO; minute M", leaving out what was
/// not recorded. The expiry is not included: callers word it for their status.
std::string waiver_terms(const engine::Waiver& waiver);

/// One piece of missing evidence in words: "/localities/0/remit is not recorded",
/// "/reports/1/date: expected a date (YYYY-MM-DD or YYYY-MM), found a string \"soon\"".
std::string missing_words(const engine::Missing& missing);

/// Every piece of missing evidence of a finding in words, in the engine's order.
std::vector<std::string> missing_list(const engine::Finding& finding);

/// What a finding says in one text: for an unknown finding (or one a waiver covers), "cannot
/// verify: " and what is missing, with the engine's note in brackets; otherwise the engine's
/// message (each failed requirement a line; why a rule does not apply).
std::string finding_text(const engine::Finding& finding);

/// What a finding says, for formats with room for one message: the engine's message; for an
/// unknown finding without one, "cannot verify: " and what is missing; for waiver_expired,
/// "waiver expired on DATE (TERMS): " before it. Never empty: falls back to the rule's title.
std::string finding_message(const engine::DocumentResult& document, const engine::Finding& finding);

/// How a failing finding stands against the run's baseline, for people: "new: not in the
/// baseline", "baselined: in the baseline as unmet", "worse: in the baseline as unknown, now
/// unmet"; "" when the run had no baseline or the finding does not fail.
std::string baseline_phrase(const engine::Finding& finding);

/// A file path as CI tools match it against the repository: backslashes as forward slashes and
/// no leading "./".
std::string portable_path(std::string_view path);

/// The code points of UTF-8 `text`; each byte that is not part of a well-formed sequence
/// (overlong forms, surrogates and values past U+10FFFF included) becomes U+FFFD, so bad input
/// is shown, not dropped, and never reaches an output format as invalid UTF-8.
std::u32string decode_utf8(std::string_view text);

/// Appends code point `c` to `out` as UTF-8.
using dsl::append_utf8;

/// `text` with every ill-formed UTF-8 byte replaced by U+FFFD.
std::string valid_utf8(std::string_view text);

// ---------------------------------------------------------------------------------------------
// Shared by the board formats (Markdown, HTML): how a finding is named and what to do about it,
// worded for a governance lead rather than for a CI log.

/// For a pre-board check (`check --paper`), what it covers: "Pre-board check of paper
/// IJB/42/2019/HW "Title" (/reports/0) and the direction it references (/directions/0)"; else "".
std::string paper_phrase(const engine::DocumentResult& document);

/// The partnership's name, else its id, else "Unnamed partnership".
std::string partnership_title(const engine::DocumentResult& document);

/// The object a finding is about, for people: its name if it has one; "The whole partnership
/// file" for the empty pointer; otherwise the pointer's segments in words, capitalised
/// ("/partnership/integration_scheme" is "Partnership › integration scheme").
std::string object_label(std::string_view pointer, std::string_view object_name);

/// True if JSON Pointer `a` is listed before `b`: segment by segment, array indexes by number,
/// so a locality comes right before its planning group and "/localities/10" after "/localities/9".
bool pointer_before(std::string_view a, std::string_view b);

/// A symbol for each status that does not depend on colour: ✓ ✗ ? – W !
std::string_view status_symbol(engine::Status status);

/// The status in lower-case words for sentences and cells: "met", "waiver expired", "n/a".
std::string_view status_words(engine::Status status);

/// The legal force of a rule in words: "Statute", "Statutory guidance", "Local policy".
std::string_view basis_words(engine::Basis basis);

/// Order in which findings need attention: expired waivers, unmet, unknown, waived, met, n/a.
int action_rank(engine::Status status);

/// For a finding that could not be verified: each piece of evidence to record, by its pointer,
/// relative to the object when it lies inside it ("admin_support" for
/// /localities/1/planning_group). Other problems (a value of the wrong type) are worded whole.
std::vector<std::string> evidence_to_record(const engine::Finding& finding);

/// What the partnership can do about a finding, derived only from what the finding says:
/// for unmet, put right what failed; for unknown, record the missing evidence; for an expired
/// waiver, renew it or do either. Empty for met, not applicable and waived.
std::string what_to_do(const engine::DocumentResult& document, const engine::Finding& finding);

/// `text` split at line breaks (a message holds one failed requirement a line); no empty lines.
std::vector<std::string> split_lines(std::string_view text);

/// True for an absolute http or https URL without spaces or quotes: the only citation URLs the
/// board formats turn into links, so that a rule pack cannot smuggle in a javascript: link.
bool is_web_url(std::string_view url);

// ---------------------------------------------------------------------------------------------
// The evidence plan (engine::evidence_plan), as the text, Markdown and HTML reports show it.

/// How many entries of the evidence plan the reports for people show; the JSON report has all.
/// Ten keep the plan to a screen and a printed page, and the first few decide the most.
inline constexpr std::size_t evidence_plan_shown = 10;

/// "1 finding", "12 findings".
std::string findings_count(std::size_t count);

/// What to do with a field beyond recording it, from its reasons: "" when it is simply not
/// recorded; otherwise a sentence, "Record the day, not only the month." or "Fix the type: a
/// value there is not the kind the format defines; record it where it is missing."
std::string evidence_action(const engine::EvidenceItem& item);

/// Where in the file a field is to be recorded, for a sentence: "At /localities/0/remit", "At 6
/// places: " and up to `shown` pointers, then "and N more". "" when the one place is the field
/// itself (no list in it), since saying so again adds nothing.
std::string places_phrase(const engine::EvidenceItem& item, std::size_t shown = 3);

/// The unknown findings the whole plan would decide at most: the findings that await evidence.
std::size_t findings_awaiting_evidence(const engine::DocumentResult& document);

}  // namespace dutycheck::report
