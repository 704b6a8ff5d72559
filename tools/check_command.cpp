// `dutycheck check` and `dutycheck diff`: the engine checks each file; this reads the options,
// shares the files among workers, and writes every report (stdout and files) only when all of it
// succeeded.
#include "engine/engine.hpp"
#include "engine/gate.hpp"
#include "engine/parameters.hpp"
#include "report/diff_report.hpp"
#include "report/formats.hpp"
#include "report/json_report.hpp"
#include "report/text_report.hpp"
#include "tools/commands.hpp"
#include "tools/output.hpp"
#include "tools/support.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <filesystem>
#include <atomic>
#include <cstdlib>
#include <string_view>
#include <iostream>
#include <thread>
#include <unistd.h>

namespace dutycheck::tools {
namespace {

/// The results of a checked file; its input errors as a usage error (exit 2). nullopt when its
/// packs did not load, whose diagnostics are already on stderr.
std::optional<engine::DocumentResult> result_of(engine::Outcome& outcome, PackNames& packs) {
    if (!outcome.errors.empty()) throw usage_error(outcome.errors);
    if (outcome.rules_failed) return std::nullopt;
    const engine::DocumentResult& result = *outcome.result;
    spdlog::debug("{}: the most evaluation steps one rule took: {}{}", result.file, result.most_steps,
                  result.most_steps_rule ? " ('" + result.most_steps_rule->id + "')" : "");
    packs.add(*outcome.rules);
    return std::move(outcome.result);
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

/// Worker threads for --jobs: 0 means one per core.
std::size_t job_count(std::size_t requested) {
    if (requested > 0) return requested;
    return std::max(1u, std::thread::hardware_concurrency());
}

/// Checks every file, sharing them among `jobs` workers. Each file is read, checked and evaluated
/// on its own, keeping only its findings, so memory is reused from file to file. Outcomes keep
/// the files' order, and no file after the first that fails is started, so the run reports the
/// error a single worker would.
std::vector<engine::Outcome> check_all(const engine::Engine& engine, const std::vector<InputFile>& paths,
                                       std::size_t jobs) {
    std::vector<engine::Outcome> outcomes(paths.size());
    std::atomic<std::size_t> next{0};
    std::atomic<std::size_t> first_failure{paths.size()};
    auto work = [&] {
        for (std::size_t i = next++; i < paths.size() && i < first_failure; i = next++) {
            outcomes[i] = engine.check(paths[i].path);
            if (outcomes[i].ok() || skipped(paths[i], outcomes[i])) continue;
            std::size_t known = first_failure;
            while (i < known && !first_failure.compare_exchange_weak(known, i)) {
            }
        }
    };
    std::vector<std::jthread> helpers;
    for (std::size_t k = 1; k < std::min(paths.size(), jobs); ++k) helpers.emplace_back(work);
    work();
    return outcomes;
}

}  // namespace

int run_check(const CheckOptions& options) {
    // A paper belongs to one file: its id means nothing in another.
    if (!options.paper.empty()) {
        std::error_code ec;
        if (options.inputs.size() != 1 || std::filesystem::is_directory(options.inputs.front(), ec))
            throw UsageError{"--paper checks one board paper of one partnership file; give one FILE, not " +
                             (options.inputs.size() == 1 ? std::string("a folder") :
                                                           std::to_string(options.inputs.size()) + " inputs")};
    }
    auto outputs = parse_outputs(options.outputs);
    // FORMAT=- is stdout, as '-' is standard input: that report takes the place of --format's.
    std::string stdout_format = options.format;
    if (auto to_stdout = std::find_if(outputs.begin(), outputs.end(), [](const auto& o) { return o.path == "-"; });
        to_stdout != outputs.end()) {
        if (options.format_given && options.format != to_stdout->format)
            throw UsageError{"--output " + to_stdout->format + "=- and --format " + options.format +
                             " both name stdout, which holds one report; write one of them to a file"};
        stdout_format = to_stdout->format;
        outputs.erase(to_stdout);
    }
    std::optional<engine::Baseline> baseline;
    if (options.baseline) {
        auto read = engine::read_baseline(*options.baseline, report::json_report_format, options.limits.max_bytes);
        if (auto* error = std::get_if<dsl::Diagnostic>(&read)) throw usage_error({*error});
        baseline = std::move(std::get<engine::Baseline>(read));
    }
    const engine::Engine engine(engine_options(options), print_load_diagnostics);
    const auto inputs = expand_inputs(options.inputs, FolderWalk{options.hidden, options.excludes});
    auto outcomes = check_all(engine, inputs, job_count(options.jobs));
    PackNames packs;
    std::vector<engine::DocumentResult> results;
    results.reserve(outcomes.size());
    std::vector<std::string> skipped_files;
    for (std::size_t i = 0; i < outcomes.size(); ++i) {
        if (skipped(inputs[i], outcomes[i])) {
            skipped_files.push_back(inputs[i].path);
            continue;
        }
        auto result = result_of(outcomes[i], packs);
        if (!result) return exit_error;
        results.push_back(std::move(*result));
    }
    // Skipped files are listed, so that a file meant as a partnership file but missing its
    // `format` is seen; a run that found none to check is an error, never a clean pass.
    for (const auto& path : skipped_files)
        spdlog::info("skipped {}: not a partnership file (no \"format\": \"dutycheck.partnership/1\")", path);
    if (!skipped_files.empty() && spdlog::should_log(spdlog::level::warn))
        std::cerr << "note: skipped " << skipped_files.size() << " JSON file" << (skipped_files.size() == 1 ? "" : "s")
                  << " that " << (skipped_files.size() == 1 ? "is" : "are")
                  << " not a partnership file (-v lists them)\n";
    if (results.empty())
        throw no_partnership_files(options.inputs.front());

    // The trace goes to stderr, so that it never changes a report, whatever its format.
    if (!options.trace.empty()) {
        for (const auto& result : results) report::write_trace(std::cerr, result, options.trace);
        std::cerr.flush();
    }

    // The baseline marks each finding before any report is written, so that every format shows
    // which findings it accepts.
    const std::vector<engine::FindingKey> stale =
        baseline ? engine::apply_baseline(results, *baseline) : std::vector<engine::FindingKey>{};

    // Every report file staged, then stdout; the files replace their targets only when all of
    // it was written, so a failure anywhere leaves the previous reports as they were.
    report::ReportInfo info = packs.info(engine.options().as_of);
    info.fail_on = options.fail_on;
    OutputSet files;
    for (const auto& output : outputs)
        files.write(output, [&](std::ostream& out) { render(out, output.format, results, info, options, false); });
    render(std::cout, stdout_format, results, info, options, isatty(STDOUT_FILENO) != 0);
    finish_stdout();
    files.commit();

    for (const auto& [rule, file, pointer] : stale)
        std::cerr << "stale baseline entry: " << rule << " " << file << " " << (pointer.empty() ? "(whole file)" : pointer)
                  << " no longer fails; remove it from the baseline\n";
    return engine::gate_fails(results, engine::parse_severity(options.fail_on)) ? exit_findings : exit_ok;
}

int run_diff(const DiffOptions& options) {
    const engine::Engine engine(engine_options(options.check), print_load_diagnostics);
    // BASE is a file, or with --git the same file at a git revision.
    const engine::Input base =
        options.git_revision
            ? engine.read_text(*options.git_revision + ":" + options.head, git_show(*options.git_revision, options.head,
                                                                                  options.check.limits.max_bytes))
            : engine.read(options.base);
    const engine::Input head = engine.read(options.head);
    for (const auto* input : {&base, &head})
        if (!input->ok()) throw usage_error(input->errors);
    auto outcomes = engine.evaluate_versions(base, head);
    PackNames packs;
    const auto base_result = result_of(outcomes[0], packs);
    const auto head_result = result_of(outcomes[1], packs);
    if (!base_result || !head_result) return exit_error;

    report::DiffInfo info{base.source->path(), head.source->path(), engine::format_date(engine.options().as_of),
                          engine::parameters_differ(*base.document, *head.document)};
    // A finding "resolved" by a more lenient setting is not a gap closed: say so.
    if (info.parameters_changed)
        std::cerr << "note: the two versions set different parameters, so findings may differ because the "
                     "check changed, not the facts\n";
    const engine::Comparison comparison =
        engine::compare(*base_result, *base.document, *head_result, *head.document);
    report::write_diff(std::cout, options.check.format, info, comparison);
    finish_stdout();

    const auto threshold = engine::parse_severity(options.check.fail_on);
    if (!threshold) return exit_ok;
    // A worse finding is new to the gate: the change made it fail at a more serious status.
    const bool failing = engine::any_at_or_above(comparison.added, *threshold) ||
                         engine::any_at_or_above(comparison.worse, *threshold) ||
                         (!options.fail_on_new && (engine::any_at_or_above(comparison.unchanged, *threshold) ||
                                                   engine::any_at_or_above(comparison.better, *threshold)));
    return failing ? exit_findings : exit_ok;
}

}  // namespace dutycheck::tools
