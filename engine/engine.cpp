// The pipeline from a partnership file to its results, and the one place its input errors are made.
#include "engine/engine.hpp"

#include "engine/evaluator.hpp"
#include "engine/evidence_plan.hpp"
#include "engine/files.hpp"
#include "engine/packs.hpp"
#include "engine/paper.hpp"
#include "engine/parameters.hpp"
#include "engine/records.hpp"
#include "engine/schema_check.hpp"
#include "engine/timeline.hpp"
#include "engine/waivers.hpp"

#include <algorithm>
#include <new>

namespace dutycheck::engine {
namespace {

// The setting that refused a file, when it was a limit rather than the content.
std::string limit_flag(LimitExceeded limit) {
    if (limit == LimitExceeded::max_bytes) return "limit: --max-file-size";
    if (limit == LimitExceeded::max_depth) return "limit: --max-depth";
    return {};
}

dsl::Diagnostic parse_diagnostic(const std::shared_ptr<const dsl::SourceFile>& source, const DocumentError& error) {
    dsl::Diagnostic d;
    d.code = "DC501";
    d.message = error.message;
    const std::string limit = limit_flag(error.limit);
    if (!error.pointer.empty())
        d.message += " (at " + error.pointer + (limit.empty() ? "" : "; " + limit) + ")";
    else if (!limit.empty())
        d.message += " (" + limit + ")";
    if (error.offset) {
        d.file = source.get();
        d.begin = *error.offset;
        d.end = d.begin + 1;
    } else {
        d.path = source->path();
    }
    return d;
}

// The rule set's source location of a rule, " (FILE:LINE)", for messages about it.
std::string rule_place(const RuleInfo& rule) {
    if (rule.file.empty()) return {};
    return " (" + rule.file + (rule.line ? ":" + std::to_string(rule.line) : "") + ")";
}

// The rules --explain and --trace name, each with its option: every one must exist.
std::vector<std::pair<std::string, std::string>> named_rules(const EngineOptions& options) {
    std::vector<std::pair<std::string, std::string>> named;
    for (const auto& id : options.explain_rules) named.emplace_back("--explain", id);
    if (!options.trace_rule.empty()) named.emplace_back("--trace", options.trace_rule);
    return named;
}

std::string no_such_rule(const RuleSet& rules, const std::string& option, const std::string& id) {
    std::vector<std::string> ids;
    for (const auto& rule : rules.rules) ids.push_back(rule.info.id);
    std::string message = option + ": no rule with id '" + id + "'";
    if (const std::string match = dsl::closest_match(id, ids); !match.empty())
        message += "; did you mean '" + match + "'?";
    return message + " (see 'dutycheck rules list')";
}

// Drops what --explain failing recorded for rules without a failing finding (unmet, unknown or
// an expired waiver), except the rules --explain or --trace names.
void keep_failing_explanations(DocumentResult& result, const EngineOptions& options) {
    std::vector<const RuleInfo*> failing;
    for (const auto& finding : result.findings)
        if (finding.status == Status::unmet || finding.status == Status::unknown ||
            finding.status == Status::waiver_expired)
            failing.push_back(finding.rule);
    for (auto& finding : result.findings) {
        if (finding.rule == nullptr) continue;
        const std::string& id = finding.rule->id;
        if (std::find(failing.begin(), failing.end(), finding.rule) != failing.end() || id == options.trace_rule ||
            std::find(options.explain_rules.begin(), options.explain_rules.end(), id) != options.explain_rules.end())
            continue;
        finding.explanation.clear();
    }
}

}  // namespace

dsl::Diagnostic input_diagnostic(const std::shared_ptr<const dsl::SourceFile>& source, const Document* document,
                                 const std::string& code, const std::string& pointer, const std::string& message) {
    dsl::Diagnostic d;
    d.code = code;
    d.message = message;
    if (code.empty()) return d;  // a command-line value, not a place in the file
    if (!pointer.empty()) d.message += " (at " + pointer + ")";
    const auto node = document ? document->find(pointer) : std::nullopt;
    if (node) {
        d.file = source.get();
        d.begin = document->offset(*node);
        d.end = d.begin + 1;
    } else {
        d.path = source->path();
    }
    return d;
}

Engine::Engine(EngineOptions options, RuleLoadListener on_load)
    : options_(std::move(options)), on_load_(std::move(on_load)) {}

Engine::Engine(std::shared_ptr<const RuleSet> rules, EngineOptions options)
    : options_(std::move(options)), fixed_(std::move(rules)) {}

Input Engine::read(const std::string& path) const {
    auto bytes = read_bounded(path, options_.limits.max_bytes);
    // Standard input is shown by a name a reader recognises, not as "-".
    std::string shown = path == standard_input_name ? "<stdin>" : path;
    if (auto* failure = std::get_if<ReadFailure>(&bytes)) {
        Input input;
        input.source = std::make_shared<const dsl::SourceFile>(shown, std::string());
        dsl::Diagnostic d;
        d.code = "DC504";
        d.path = std::move(shown);
        d.message = failure->describe(options_.limits.max_bytes);
        input.errors.push_back(std::move(d));
        return input;
    }
    return prepare(std::make_shared<const dsl::SourceFile>(std::move(shown), std::move(std::get<dsl::SharedText>(bytes))));
}

Input Engine::read_text(std::string display_path, std::string text) const {
    return prepare(std::make_shared<const dsl::SourceFile>(std::move(display_path), std::move(text)));
}

Input Engine::prepare(std::shared_ptr<const dsl::SourceFile> source) const {
    Input input;
    input.source = std::move(source);
    ParsedDocument parsed = parse_json_document(input.source, options_.limits);
    if (parsed.error) {
        input.errors.push_back(parse_diagnostic(input.source, *parsed.error));
        return input;
    }
    input.document = std::move(parsed.document);
    const Document& doc = *input.document;
    auto fail = [&](const InputError& error) {
        input.errors.push_back(input_diagnostic(input.source, &doc, error.code, error.pointer, error.message));
    };
    // The structure every rule relies on, before any rule runs.
    if (auto problem = check_document_shape(doc)) {
        input.not_a_partnership = !names_partnership_format(doc);
        fail(*problem);
        return input;
    }
    for (const auto& problem : check_against_schema(doc))
        fail(InputError{"DC505", doc.pointer(problem.node), problem.message});
    if (!input.ok()) return input;
    // Lists hold records: nothing empty, nothing twice.
    for (const auto& problem : check_records(doc)) fail(problem);
    if (!input.ok()) return input;
    // As of a date, the file as it stood that day: what it dates later is not there yet.
    mark_as_of(*input.document, options_.as_of);
    // The packs it asks for matter only when the run does not choose them.
    if (options_.rules.empty() && !fixed_) {
        auto packs = requested_packs(doc);
        if (auto* error = std::get_if<InputError>(&packs)) {
            fail(*error);
            return input;
        }
        input.packs = std::move(std::get<std::vector<std::string>>(packs));
        if (auto folders = pack_folders(options_.pack_registry, input.packs); std::holds_alternative<InputError>(folders))
            fail(std::get<InputError>(folders));
    }
    return input;
}

const RuleSet* Engine::rule_set(const Input& input, const std::vector<std::string>& selection,
                                std::vector<dsl::Diagnostic>& errors) const {
    if (fixed_) return fixed_.get();
    std::vector<std::filesystem::path> paths(options_.rules.begin(), options_.rules.end());
    std::vector<std::string> key;
    for (const auto& path : paths) key.push_back(path.string());
    if (paths.empty()) {
        auto folders = pack_folders(options_.pack_registry, selection);
        if (auto* error = std::get_if<InputError>(&folders)) {
            errors.push_back(input_diagnostic(input.source, &*input.document, error->code, error->pointer, error->message));
            return nullptr;
        }
        paths = std::move(std::get<std::vector<std::filesystem::path>>(folders));
        key = selection;
    }
    const std::lock_guard lock(mutex_);
    auto found = rule_sets_.find(key);
    if (found == rule_sets_.end()) {
        // A failed load is remembered too, so its diagnostics are reported once.
        LoadResult loaded = load_rule_packs(paths);
        if (on_load_) on_load_(loaded);
        found = rule_sets_.emplace(key, loaded.ok() ? std::optional(std::move(loaded)) : std::nullopt).first;
    }
    return found->second ? found->second->rules.get() : nullptr;
}

Outcome Engine::evaluate(const Input& input, const std::vector<std::string>& packs) const {
    Outcome outcome;
    outcome.source = input.source;
    if (!input.ok()) {
        outcome.errors = input.errors;
        outcome.not_a_partnership = input.not_a_partnership;
        return outcome;
    }
    const Document& doc = *input.document;
    auto fail = [&](const InputError& error) {
        outcome.errors.push_back(input_diagnostic(input.source, &doc, error.code, error.pointer, error.message));
        return outcome;
    };
    const RuleSet* rules = rule_set(input, packs.empty() ? input.packs : packs, outcome.errors);
    if (!outcome.errors.empty()) return outcome;
    if (rules == nullptr) {
        outcome.rules_failed = true;
        return outcome;
    }
    outcome.rules = rules;
    // The paper is looked up before anything is evaluated, so a mistyped id costs no run.
    std::optional<PaperScope> paper;
    if (!options_.paper.empty()) {
        auto found = find_paper(doc, options_.paper, options_.as_of);
        if (auto* error = std::get_if<InputError>(&found)) return fail(*error);
        paper = std::move(std::get<PaperScope>(found));
    }
    for (const auto& [option, id] : named_rules(options_))
        if (rules->find_rule(id) == nullptr) return fail({{}, {}, no_such_rule(*rules, option, id)});
    std::vector<ParameterSource> param_sources;
    auto params = resolve_parameters(*rules, doc, options_.params, &param_sources);
    if (auto* error = std::get_if<InputError>(&params)) return fail(*error);
    auto waivers = read_waivers(doc, options_.waiver_horizon_months);
    if (auto* error = std::get_if<InputError>(&waivers)) return fail(*error);
    // Whether the law allows a departure is known only from the rules chosen for this file.
    for (const auto& error : unwaivable(std::get<std::vector<Waiver>>(waivers), *rules)) fail(error);
    if (!outcome.errors.empty()) return outcome;

    EvaluationOptions evaluation;
    evaluation.as_of = options_.as_of;
    evaluation.explain_rules = options_.explain_rules;
    evaluation.explain_failing = options_.explain_failing;
    evaluation.trace_rule = options_.trace_rule;
    evaluation.coverage = options_.coverage;
    evaluation.max_steps = options_.max_steps;
    // A problem of the whole evaluation, not of a place in the file: it names the file only.
    auto stop = [&](std::string message) {
        dsl::Diagnostic d;
        d.code = "DC509";
        d.path = input.source->path();
        d.message = std::move(message);
        outcome.errors.push_back(std::move(d));
        return outcome;
    };
    DocumentResult result;
    try {
        result = engine::evaluate(*rules, doc, std::get<std::vector<Value>>(params), evaluation, input.source->path());
    } catch (const std::bad_alloc&) {
        return stop("ran out of memory while evaluating the rules");
    }
    if (const RuleInfo* rule = result.out_of_memory) {
        return stop("rule '" + rule->id + "'" + rule_place(*rule) +
                    " ran out of memory on this file; a lower --max-steps stops a rule before it exhausts memory");
    }
    if (const auto& cut_off = result.step_limit_exceeded) {
        return stop("rule '" + cut_off->rule->id + "'" + rule_place(*cut_off->rule) + " took more than " +
                    std::to_string(cut_off->limit) + " evaluation steps on this file (limit: --max-steps)");
    }
    result.parameters = parameter_settings(*rules, std::get<std::vector<Value>>(params), param_sources);
    apply_waivers(result, std::move(std::get<std::vector<Waiver>>(waivers)), options_.as_of);
    // The pre-board check: the whole file was evaluated (a paper's findings depend on the rest of
    // it); from here on, every step sees only the paper's findings.
    if (paper) keep_paper_findings(result, std::move(*paper));
    // --explain failing recorded every rule; only those with a failing finding keep it, judged
    // after the waivers and the paper filter, as the reports show them.
    if (options_.explain_failing) keep_failing_explanations(result, options_);
    // Once, after the waivers and the paper filter, so that every report shows the same verdict on each duty.
    result.verdicts = duty_verdicts(result.findings);
    // Last, from the final findings: a filter of the findings recomputes it the same way.
    result.evidence_plan = evidence_plan(result.findings);
    outcome.result = std::move(result);
    return outcome;
}

std::array<Outcome, 2> Engine::evaluate_versions(const Input& base, const Input& head) const {
    std::vector<std::string> packs;
    for (const Input* input : {&base, &head})
        for (const auto& name : input->packs)
            if (std::find(packs.begin(), packs.end(), name) == packs.end()) packs.push_back(name);
    return {evaluate(base, packs), evaluate(head, packs)};
}

Outcome Engine::check(const std::string& path) const { return evaluate(read(path)); }

Outcome Engine::check_text(std::string display_path, std::string text) const {
    return evaluate(read_text(std::move(display_path), std::move(text)));
}

}  // namespace dutycheck::engine
