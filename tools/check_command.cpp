// `dutycheck check` and `dutycheck diff`: read every input, load rules once per pack selection,
// evaluate, then write every requested report (stdout and files) only when all of it succeeded.
#include "engine/evaluator.hpp"
#include "engine/schema_check.hpp"
#include "report/formats.hpp"
#include "report/json_report.hpp"
#include "tools/commands.hpp"
#include "tools/support.hpp"

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include <atomic>
#include <exception>
#include <mutex>
#include <thread>

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <set>
#include <sstream>
#include <unistd.h>

namespace dutycheck::tools {
namespace fs = std::filesystem;

namespace {

// The packs a file asks for with `rule_packs`, after the standard pack.
std::vector<std::string> requested_packs(const LoadedDocument& loaded) {
    std::vector<std::string> packs{standard_pack};
    const engine::Document& doc = *loaded.document;
    auto list = doc.member(doc.root(), "rule_packs");
    if (!list) return packs;
    if (doc.kind(*list) != engine::NodeKind::array)
        throw UsageError{render_input_error(loaded, "/rule_packs", "DC503", "expected a list of rule pack names")};
    for (std::size_t i = 0; i < doc.size(*list); ++i) {
        const engine::NodeId item = doc.child(*list, i);
        if (doc.kind(item) != engine::NodeKind::string)
            throw UsageError{render_input_error(loaded, doc.pointer(item), "DC503", "expected a rule pack name")};
        std::string name(doc.as_string(item));
        if (std::find(packs.begin(), packs.end(), name) == packs.end()) packs.push_back(std::move(name));
    }
    return packs;
}

// The folders of bundled packs named by a file; an unknown name is an input error at its /rule_packs.
std::vector<fs::path> bundled_pack_paths(const LoadedDocument& loaded, const std::vector<std::string>& names) {
    const fs::path root = bundled_rules_root();
    std::vector<fs::path> paths;
    for (const auto& name : names) {
        std::error_code ec;
        if (!fs::is_directory(root / name, ec))
            throw UsageError{render_input_error(loaded, "/rule_packs", "DC503", "unknown rule pack '" + name + "'")};
        paths.push_back(root / name);
    }
    return paths;
}

engine::Severity threshold_of(const std::string& fail_on) {
    if (fail_on == "info") return engine::Severity::info;
    if (fail_on == "warning") return engine::Severity::warning;
    return engine::Severity::error;
}

engine::Date evaluation_date(const std::optional<std::string>& as_of) {
    if (!as_of) return engine::today();
    auto date = engine::parse_date(*as_of);
    if (!date || date->month_precision) throw UsageError{"--as-of: expected a date YYYY-MM-DD, got '" + *as_of + "'"};
    return *date;
}

// The structure checks every file passes before any rule runs; each problem is an input error.
void check_structure(const LoadedDocument& loaded) {
    if (auto problem = engine::check_document_shape(*loaded.document))
        throw UsageError{render_input_error(loaded, problem->pointer, "DC502", problem->message)};
    std::string problems;
    for (const auto& problem : engine::check_against_schema(*loaded.document))
        problems += render_input_error(loaded, loaded.document->pointer(problem.node), "DC505", problem.message);
    if (!problems.empty()) throw UsageError{problems};
}

/// Evaluates loaded documents; rule sets are loaded once per distinct pack selection. Several
/// threads may evaluate at once: loading and the cache of rule sets are guarded, and the rule
/// sets themselves are only read.
class Evaluation {
public:
    explicit Evaluation(const CheckOptions& options) : options_(options), as_of_(evaluation_date(options.as_of)) {}

    /// A file's findings and the rule set that produced them.
    struct Evaluated {
        engine::DocumentResult result;
        const engine::RuleSet* rules = nullptr;
    };

    /// nullopt when a rule pack failed to load (its diagnostics are already on stderr). The
    /// packs used are recorded for the report only by record_packs(), in an order the caller
    /// chooses, so that a parallel run names them as a sequential one would.
    /// `packs` names bundled packs to use instead of those the file asks for (diff uses it to
    /// check both versions of a file against the same packs); --rules overrides both.
    std::optional<Evaluated> evaluate(const LoadedDocument& loaded, std::vector<std::string> packs = {}) {
        std::vector<std::string> selection = options_.rules;
        std::vector<fs::path> paths(selection.begin(), selection.end());
        if (selection.empty()) {
            selection = packs.empty() ? requested_packs(loaded) : std::move(packs);
            paths = bundled_pack_paths(loaded, selection);
        }
        const engine::RuleSet* loaded_rules = rule_set(selection, paths);
        if (loaded_rules == nullptr) return std::nullopt;
        const engine::RuleSet& rules = *loaded_rules;
        if (!options_.explain.empty() && rules.find_rule(options_.explain) == nullptr)
            throw UsageError{"--explain: no rule with id '" + options_.explain + "' (see 'dutycheck rules list')"};
        auto params = engine::resolve_parameters(rules, *loaded.document, options_.params);
        if (auto* error = std::get_if<engine::InputError>(&params)) {
            if (error->pointer.empty()) throw UsageError{error->message};
            throw UsageError{render_input_error(loaded, error->pointer, "DC503", error->message)};
        }
        auto waivers = engine::read_waivers(*loaded.document);
        if (auto* error = std::get_if<engine::InputError>(&waivers))
            throw UsageError{render_input_error(loaded, error->pointer, "DC506", error->message)};
        engine::EvaluationOptions evaluation;
        evaluation.as_of = as_of_;
        evaluation.waivers = std::move(std::get<std::vector<engine::Waiver>>(waivers));
        evaluation.explain_rule = options_.explain;
        evaluation.max_steps = options_.max_steps;
        auto result = engine::evaluate(rules, *loaded.document, std::get<std::vector<engine::Value>>(params),
                                       evaluation, loaded.path);
        spdlog::debug("{}: the most evaluation steps one rule took: {}{}", loaded.path, result.most_steps,
                      result.most_steps_rule ? " ('" + result.most_steps_rule->id + "')" : "");
        if (const auto& cut_off = result.step_limit_exceeded) {
            const engine::RuleInfo& rule = *cut_off->rule;
            const std::string where =
                rule.file.empty() ? "" : " (" + rule.file + (rule.line ? ":" + std::to_string(rule.line) : "") + ")";
            throw UsageError{loaded.path + ": error[DC509]: rule '" + rule.id + "'" + where + " took more than " +
                             std::to_string(cut_off->limit) + " evaluation steps on this file (limit: --max-steps)"};
        }
        return Evaluated{std::move(result), &rules};
    }

    /// Adds the packs of a rule set to those the report names, each once, in the order given.
    void record_packs(const engine::RuleSet& rules) {
        for (const auto& pack : rules.packs)
            if (std::find(pack_names_.begin(), pack_names_.end(), pack.name) == pack_names_.end())
                pack_names_.push_back(pack.name);
    }

    report::ReportInfo info() const {
        return report::ReportInfo{DUTYCHECK_VERSION, engine::format_date(as_of_), pack_names_};
    }

private:
    /// The rule set for a selection of packs, loaded on first use; null if it does not load.
    const engine::RuleSet* rule_set(const std::vector<std::string>& selection, const std::vector<fs::path>& paths) {
        const std::lock_guard lock(mutex_);
        auto found = rule_sets_.find(selection);
        // A failed load is remembered too, so its diagnostics are printed once.
        if (found == rule_sets_.end()) found = rule_sets_.emplace(selection, load_or_report(paths)).first;
        return found->second ? found->second->rules.get() : nullptr;
    }

    const CheckOptions& options_;
    engine::Date as_of_;
    std::mutex mutex_;
    std::map<std::vector<std::string>, std::optional<engine::LoadResult>> rule_sets_;
    std::vector<std::string> pack_names_;
};

/// A failing finding's identity across runs: rule, file and JSON Pointer (not the rule alone,
/// which would hide a second gap behind a known one).
using FindingKey = std::tuple<std::string, std::string, std::string>;

// Reads the failing findings of a saved JSON report, for --baseline.
std::set<FindingKey> read_baseline(const std::string& path) {
    auto text = read_file(path);
    if (!text) throw UsageError{path + ": error[DC504]: cannot read the baseline report"};
    nlohmann::json report;
    try {
        report = nlohmann::json::parse(*text);
    } catch (const nlohmann::json::exception& e) {
        throw UsageError{path + ": error[DC507]: the baseline is not a JSON report: " + std::string(e.what())};
    }
    if (!report.is_object() || report.value("format", "") != report::json_report_format)
        throw UsageError{path + ": error[DC507]: the baseline must be a dutycheck JSON report (\"format\": \"" +
                         std::string(report::json_report_format) + "\")"};
    std::set<FindingKey> keys;
    for (const auto& document : report.value("documents", nlohmann::json::array())) {
        for (const auto& finding : document.value("findings", nlohmann::json::array())) {
            const std::string status = finding.value("status", "");
            if (status == "unmet" || status == "unknown" || status == "waiver_expired")
                keys.insert({finding.value("rule", ""), document.value("file", ""), finding.value("pointer", "")});
        }
    }
    return keys;
}

// Renders a report straight into a stream: a report can be far larger than its input, so it is
// never held whole in memory.
void render(std::ostream& out, const std::string& format, const std::vector<engine::DocumentResult>& results,
            const report::ReportInfo& info, const CheckOptions& options, bool to_terminal) {
    report::TextOptions text;
    text.show_all = options.show_all;
    text.colour = options.colour == "always" ||
                  (options.colour == "auto" && to_terminal && std::getenv("NO_COLOR") == nullptr);
    report::write_report(out, format, results, info, text);
}

/// A report file being written: a temporary file beside its target until every report has been
/// rendered, then renamed over the target, so an interrupted run leaves the previous report intact.
class PendingOutput {
public:
    explicit PendingOutput(std::string path)
        : path_(std::move(path)),
          temporary_(fs::path(path_).parent_path() /
                     (fs::path(path_).filename().string() + ".tmp." + std::to_string(getpid()))) {}
    PendingOutput(const PendingOutput&) = delete;
    PendingOutput& operator=(const PendingOutput&) = delete;
    ~PendingOutput() {
        if (!committed_) {
            std::error_code ignored;
            fs::remove(temporary_, ignored);
        }
    }

    template <typename Write>
    void write(Write&& write_to) {
        std::ofstream out(temporary_, std::ios::binary | std::ios::trunc);
        if (out) write_to(out);
        out.flush();
        if (!out) throw UsageError{path_ + ": error[DC508]: cannot write the report"};
    }

    void commit() {
        std::error_code ec;
        fs::rename(temporary_, path_, ec);
        if (ec) throw UsageError{path_ + ": error[DC508]: cannot write the report"};
        committed_ = true;
    }

private:
    std::string path_;
    fs::path temporary_;
    bool committed_ = false;
};

// Parses --output FORMAT=PATH.
std::vector<std::pair<std::string, std::string>> parse_outputs(const std::vector<std::string>& outputs) {
    std::vector<std::pair<std::string, std::string>> parsed;
    for (const auto& output : outputs) {
        const auto equals = output.find('=');
        const std::string format = output.substr(0, equals);
        const auto& formats = report::format_names();
        if (equals == std::string::npos || equals + 1 == output.size() ||
            std::find(formats.begin(), formats.end(), format) == formats.end())
            throw UsageError{"--output expects FORMAT=PATH with FORMAT one of " + report::format_list() + ", got '" +
                             output + "'"};
        parsed.emplace_back(format, output.substr(equals + 1));
    }
    return parsed;
}

/// What became of one input file in a parallel run.
struct FileOutcome {
    std::optional<Evaluation::Evaluated> evaluated;
    bool rules_failed = false;   // its rule packs did not load (diagnostics already printed)
    std::exception_ptr error;    // an input error, rethrown in file order
};

/// Worker threads for --jobs: 0 means one per core.
std::size_t job_count(std::size_t requested) {
    if (requested > 0) return requested;
    return std::max(1u, std::thread::hardware_concurrency());
}

}  // namespace

int run_check(const CheckOptions& options) {
    const auto outputs = parse_outputs(options.outputs);
    const auto baseline = options.baseline ? std::optional(read_baseline(*options.baseline)) : std::nullopt;
    Evaluation evaluation(options);
    const std::vector<std::string> paths = expand_inputs(options.inputs);
    std::vector<FileOutcome> outcomes(paths.size());
    // Each file is read, checked and evaluated on its own, keeping only its findings, so memory
    // is reused from file to file; files are shared among the worker threads. Nothing is
    // printed until every file has been, so an input error still leaves no partial report, and
    // the run reports the error of the first bad file in the order given, as one thread would.
    std::atomic<std::size_t> next{0};
    std::atomic<std::size_t> first_failure{paths.size()};
    auto work = [&] {
        for (std::size_t i = next++; i < paths.size() && i < first_failure; i = next++) {
            try {
                const LoadedDocument loaded = load_document(paths[i], options.limits);
                check_structure(loaded);
                outcomes[i].evaluated = evaluation.evaluate(loaded);
                if (!outcomes[i].evaluated) outcomes[i].rules_failed = true;
            } catch (...) {
                outcomes[i].error = std::current_exception();
            }
            if (outcomes[i].rules_failed || outcomes[i].error) {
                std::size_t known = first_failure;
                while (i < known && !first_failure.compare_exchange_weak(known, i)) {
                }
            }
        }
    };
    const std::size_t jobs = std::min<std::size_t>(paths.size(), job_count(options.jobs));
    {
        std::vector<std::jthread> helpers;
        for (std::size_t k = 1; k < jobs; ++k) helpers.emplace_back(work);
        work();
    }
    std::vector<engine::DocumentResult> results;
    results.reserve(paths.size());
    for (auto& outcome : outcomes) {
        if (outcome.error) std::rethrow_exception(outcome.error);
        if (outcome.rules_failed) return exit_error;
        evaluation.record_packs(*outcome.evaluated->rules);
        results.push_back(std::move(outcome.evaluated->result));
    }

    // Report files first, each complete in a temporary file before any replaces its target;
    // then stdout.
    const report::ReportInfo info = evaluation.info();
    std::vector<std::unique_ptr<PendingOutput>> files;
    for (const auto& [format, path] : outputs) {
        files.push_back(std::make_unique<PendingOutput>(path));
        files.back()->write([&](std::ostream& out) { render(out, format, results, info, options, false); });
    }
    for (auto& file : files) file->commit();
    render(std::cout, options.format, results, info, options, isatty(STDOUT_FILENO) != 0);
    std::cout << std::flush;

    if (options.fail_on == "none") return exit_ok;
    const engine::Severity threshold = threshold_of(options.fail_on);
    bool failing = false;
    std::set<FindingKey> still_known;
    for (const auto& result : results) {
        for (const auto& finding : result.findings) {
            if (!engine::fails_gate(finding, threshold)) continue;
            const FindingKey key{finding.rule->id, result.file, finding.pointer};
            if (baseline && baseline->count(key) > 0) {
                still_known.insert(key);  // accepted by the baseline
                continue;
            }
            failing = true;
        }
    }
    if (baseline) {
        // A baseline may only shrink: entries that no longer match are listed so they are removed.
        for (const auto& key : *baseline)
            if (still_known.count(key) == 0)
                std::cerr << "stale baseline entry: " << std::get<0>(key) << " " << std::get<1>(key) << " "
                          << (std::get<2>(key).empty() ? "(whole file)" : std::get<2>(key))
                          << " no longer fails; remove it from the baseline\n";
    }
    return failing ? exit_findings : exit_ok;
}

int run_diff(const DiffOptions& options) {
    // BASE is a file, or with --git the same file at a git revision.
    std::vector<LoadedDocument> documents;
    if (options.git_revision) {
        documents.push_back(load_document_text(options.git_revision.value() + ":" + options.head,
                                               git_show(*options.git_revision, options.head), options.check.limits));
    } else {
        documents.push_back(load_document(options.base, options.check.limits));
    }
    documents.push_back(load_document(options.head, options.check.limits));
    for (const auto& loaded : documents) check_structure(loaded);
    // Both versions are checked against the same packs: those either asks for. Otherwise a change
    // that drops a pack from `rule_packs` would make that pack's open findings look resolved.
    std::vector<std::string> packs;
    if (options.check.rules.empty()) {
        for (const auto& loaded : documents) {
            const auto requested = requested_packs(loaded);
            bundled_pack_paths(loaded, requested);  // an unknown name is reported against its own file
            for (const auto& name : requested)
                if (std::find(packs.begin(), packs.end(), name) == packs.end()) packs.push_back(name);
        }
    }
    Evaluation evaluation(options.check);
    auto base_evaluated = evaluation.evaluate(documents[0], packs);
    auto head_evaluated = evaluation.evaluate(documents[1], packs);
    if (!base_evaluated || !head_evaluated) return exit_error;
    evaluation.record_packs(*base_evaluated->rules);
    evaluation.record_packs(*head_evaluated->rules);
    const engine::DocumentResult* base = &base_evaluated->result;
    const engine::DocumentResult* head = &head_evaluated->result;

    // The two sides are one logical file, so findings match on rule and pointer.
    const engine::Severity threshold = threshold_of(options.check.fail_on == "none" ? "info" : options.check.fail_on);
    auto failing = [&](const engine::DocumentResult& result) {
        std::map<std::pair<std::string, std::string>, const engine::Finding*> keyed;
        for (const auto& finding : result.findings)
            if (engine::fails_gate(finding, engine::Severity::info)) keyed[{finding.rule->id, finding.pointer}] = &finding;
        return keyed;
    };
    // Findings can also change because the check changed rather than the facts: a parameter set
    // differently (a stricter or a more lenient reading) is said, so a reviewer does not take a
    // finding resolved by leniency for a gap closed.
    const bool parameters_changed = [&] {
        const engine::Document& a = *documents[0].document;
        const engine::Document& b = *documents[1].document;
        const auto x = a.member(a.root(), "parameters"), y = b.member(b.root(), "parameters");
        if (!x || !y) return x.has_value() != y.has_value();
        return !engine::equal_values(a, *x, b, *y);
    }();
    if (parameters_changed)
        std::cerr << "note: the two versions set different parameters, so findings may differ because the "
                     "check changed, not the facts\n";

    const auto before = failing(*base), after = failing(*head);
    std::vector<const engine::Finding*> added, resolved, unchanged;
    for (const auto& [key, finding] : after) (before.count(key) ? unchanged : added).push_back(finding);
    for (const auto& [key, finding] : before)
        if (!after.count(key)) resolved.push_back(finding);

    if (options.check.format == "json") {
        auto list = [](const std::vector<const engine::Finding*>& findings) {
            nlohmann::ordered_json out = nlohmann::ordered_json::array();
            for (const auto* f : findings)
                out.push_back({{"rule", f->rule->id}, {"pointer", f->pointer}, {"object", f->object_name},
                               {"status", engine::to_string(f->status)},
                               {"severity", engine::to_string(f->rule->severity)}, {"message", f->message}});
            return out;
        };
        nlohmann::ordered_json out{{"format", "dutycheck.diff/1"}, {"base", documents[0].path},
                                   {"head", documents[1].path}, {"as_of", evaluation.info().as_of},
                                   {"parameters_changed", parameters_changed},
                                   {"new", list(added)}, {"resolved", list(resolved)}, {"unchanged", list(unchanged)}};
        std::cout << out.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << '\n';
    } else {
        auto section = [](const char* heading, const std::vector<const engine::Finding*>& findings) {
            std::cout << heading << " (" << findings.size() << ")\n";
            for (const auto* f : findings)
                std::cout << "  " << engine::to_string(f->status) << "  " << engine::to_string(f->rule->severity)
                          << "  " << f->rule->id << "  " << (f->pointer.empty() ? "(whole file)" : f->pointer)
                          << (f->object_name.empty() ? "" : "  " + f->object_name) << "\n";
        };
        std::cout << "Comparing " << documents[0].path << " with " << documents[1].path << ", as of "
                  << evaluation.info().as_of << "\n";
        section("New", added);
        section("Resolved", resolved);
        std::cout << "Unchanged (" << unchanged.size() << ")\n";
    }

    auto gate = [&](const std::vector<const engine::Finding*>& findings) {
        return std::any_of(findings.begin(), findings.end(),
                           [&](const engine::Finding* f) { return f->rule->severity >= threshold; });
    };
    if (options.check.fail_on == "none") return exit_ok;
    if (options.fail_on_new) return gate(added) ? exit_findings : exit_ok;
    return gate(added) || gate(unchanged) ? exit_findings : exit_ok;
}

}  // namespace dutycheck::tools
