// Shared command-line support: bundled rule discovery, rule-load diagnostics, git and folders.
#include "tools/support.hpp"

#include "engine/files.hpp"
#include "engine/register.hpp"

#include <cstdlib>
#include <string_view>

#include <spdlog/spdlog.h>

#include <algorithm>
#include <csignal>
#include <fnmatch.h>
#include <iostream>
#include <sys/wait.h>
#include <unistd.h>

namespace dutycheck::tools {
namespace fs = std::filesystem;

namespace {

fs::path executable_directory() {
    std::error_code ec;
    const fs::path self = fs::read_symlink("/proc/self/exe", ec);
    return ec ? fs::path() : self.parent_path();
}

}  // namespace

fs::path bundled_rules_root() {
    std::error_code ec;
    const fs::path installed = executable_directory() / ".." / "share" / "dutycheck" / "rules";
    if (fs::is_directory(installed, ec)) return installed.lexically_normal();
#ifdef DUTYCHECK_SOURCE_RULES_DIR
    if (fs::is_directory(DUTYCHECK_SOURCE_RULES_DIR, ec)) return DUTYCHECK_SOURCE_RULES_DIR;
#endif
    throw UsageError{"cannot find the bundled rule packs (looked in " + installed.string() +
                     "); pass --rules PATH"};
}

UsageError usage_error(const std::vector<dsl::Diagnostic>& diagnostics) {
    std::string message;
    for (const auto& diagnostic : diagnostics) message += dsl::render(diagnostic);
    return UsageError{message};
}

void print_load_diagnostics(const engine::LoadResult& loaded) {
    // Errors always show; rule warnings follow --quiet like other diagnostics.
    for (const auto& diagnostic : loaded.diagnostics)
        if (diagnostic.level == dsl::DiagnosticLevel::error || spdlog::should_log(spdlog::level::warn))
            std::cerr << dsl::render(diagnostic);
    if (loaded.ok())
        spdlog::debug("loaded {} rules from {} pack(s)", loaded.rules->rules.size(), loaded.rules->packs.size());
}

std::optional<engine::LoadResult> load_or_report(const std::vector<fs::path>& packs) {
    engine::LoadResult loaded = engine::load_rule_packs(packs);
    print_load_diagnostics(loaded);
    if (!loaded.ok()) return std::nullopt;
    return loaded;
}

std::string git_show(const std::string& revision, const std::string& path, std::uintmax_t max_bytes) {
    // A revision is a name, not an option or a path: "-" would reach git as a flag, and ":"
    // or white space would change which object is shown.
    const bool plain = !revision.empty() && revision.front() != '-' &&
                       std::none_of(revision.begin(), revision.end(), [](char c) {
                           return c == ':' || static_cast<unsigned char>(c) <= ' ' || c == '\x7f';
                       });
    if (!plain)
        throw UsageError{"--git: '" + revision + "' is not a revision (a branch, a tag or a commit, such as "
                         "origin/main or HEAD~1)"};
    // Arguments go through argv, never a shell, so a revision or path cannot inject commands.
    int pipe_fds[2];
    if (pipe(pipe_fds) != 0) throw UsageError{"--git: cannot run git"};
    const pid_t child = fork();
    if (child < 0) throw UsageError{"--git: cannot run git"};
    if (child == 0) {
        dup2(pipe_fds[1], STDOUT_FILENO);
        close(pipe_fds[0]);
        close(pipe_fds[1]);
        // From the file's own folder, "REV:./NAME" names it whatever the repository's root.
        const fs::path file(path);
        if (!file.parent_path().empty() && chdir(file.parent_path().c_str()) != 0) _exit(127);
        const std::string spec = revision + ":./" + file.filename().string();
        execlp("git", "git", "show", "--end-of-options", spec.c_str(), static_cast<char*>(nullptr));
        _exit(127);
    }
    close(pipe_fds[1]);
    bool too_large = false;
    auto text = engine::read_descriptor(pipe_fds[0], max_bytes, too_large);
    close(pipe_fds[0]);
    if (too_large) kill(child, SIGTERM);
    int status = 0;
    waitpid(child, &status, 0);
    if (too_large)
        throw UsageError{revision + ":" + path + ": error[DC504]: file is larger than the " + std::to_string(max_bytes) +
                         "-byte limit (limit: --max-file-size)"};
    if (!text || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
        throw UsageError{"--git: cannot read " + path + " at revision " + revision + " (git show failed)"};
    return std::move(*text);
}

std::vector<InputFile> expand_inputs(const std::vector<std::string>& inputs, const FolderWalk& options) {
    std::vector<InputFile> files;
    auto excluded = [&](const fs::path& path, const fs::path& root) {
        const std::string relative = path.lexically_relative(root).generic_string();
        const std::string name = path.filename().string();
        return std::any_of(options.excludes.begin(), options.excludes.end(), [&](const std::string& glob) {
            return fnmatch(glob.c_str(), relative.c_str(), 0) == 0 || fnmatch(glob.c_str(), name.c_str(), 0) == 0;
        });
    };
    for (const auto& input : inputs) {
        std::error_code ec;
        if (!fs::is_directory(input, ec)) {
            files.push_back({input, false});
            continue;
        }
        std::vector<std::string> found;
        // A folder that cannot be read is said by name: skipping it would check fewer files than
        // the user asked for, and a gate must not pass on what it never saw.
        fs::recursive_directory_iterator walk(input, ec), end;
        std::string last = input;  // the folder being entered when a step fails
        for (; !ec && walk != end; walk.increment(ec)) {
            std::error_code kind;
            const fs::path& path = walk->path();
            // Hidden folders (.git, .vscode) hold tools' files, not the partnership's.
            const bool hidden = path.filename().string().starts_with(".");
            if (walk->is_directory(kind)) {
                if ((hidden && !options.hidden) || excluded(path, input)) {
                    walk.disable_recursion_pending();
                    continue;
                }
                last = path.string();
            } else if (walk->is_regular_file(kind) && path.extension() == ".json" && (!hidden || options.hidden) &&
                       !excluded(path, input)) {
                found.push_back(path.string());
            }
        }
        if (ec) throw UsageError{last + ": error[DC504]: cannot read this folder (" + ec.message() + ")"};
        if (found.empty()) throw UsageError{input + ": error[DC504]: no partnership files (*.json) in this directory"};
        std::sort(found.begin(), found.end());
        for (auto& path : found) files.push_back({std::move(path), true});
    }
    return files;
}

bool skipped(const InputFile& file, const engine::Outcome& outcome) {
    return file.found_in_folder && outcome.not_a_partnership;
}

UsageError no_partnership_files(const std::string& first_input) {
    return UsageError{first_input + ": error[DC504]: no partnership files to check: no JSON file found "
                      "has \"format\": \"dutycheck.partnership/1\""};
}

engine::Date evaluation_date(const std::optional<std::string>& as_of) {
    if (!as_of) return engine::today();
    auto date = engine::parse_date(*as_of);
    if (!date || date->month_precision) throw UsageError{"--as-of: expected a date YYYY-MM-DD, got '" + *as_of + "'"};
    return *date;
}

engine::EngineOptions engine_options(const CheckOptions& options) {
    engine::EngineOptions engine;
    engine.rules.assign(options.rules.begin(), options.rules.end());
    if (options.rules.empty()) {
        // The bundled packs first, so that no other folder can stand in for them; then the
        // folders given on the command line, then those of DUTYCHECK_RULES_PATH.
        engine.pack_registry = {bundled_rules_root()};
        engine.pack_registry.insert(engine.pack_registry.end(), options.rules_path.begin(), options.rules_path.end());
        if (const char* path = std::getenv("DUTYCHECK_RULES_PATH"); path != nullptr) {
            std::string_view folders(path);
            while (!folders.empty()) {
                const auto colon = folders.find(':');
                if (const auto folder = folders.substr(0, colon); !folder.empty()) engine.pack_registry.emplace_back(folder);
                folders.remove_prefix(colon == std::string_view::npos ? folders.size() : colon + 1);
            }
        }
    }
    engine.params = options.params;
    engine.as_of = evaluation_date(options.as_of);
    // `failing` names no rule: it asks for every rule with a failing finding.
    for (const auto& rule : options.explain)
        if (rule == "failing") engine.explain_failing = true;
        else engine.explain_rules.push_back(rule);
    engine.trace_rule = options.trace;
    engine.max_steps = options.max_steps;
    engine.waiver_horizon_months = options.waiver_horizon;
    engine.limits = options.limits;
    engine.paper = options.paper;
    return engine;
}

void PackNames::add(const engine::RuleSet& rules) {
    for (const auto& pack : rules.packs)
        if (std::none_of(packs_.begin(), packs_.end(), [&](const auto& p) { return p.name == pack.name; }))
            packs_.push_back({pack.name, pack.version, pack.sha256});
}

report::ReportInfo PackNames::info(engine::Date as_of) const {
    report::ReportInfo info{DUTYCHECK_VERSION, engine::format_date(as_of), packs_};
    // The register is the bundled one whatever packs ran; without it, duties go by their ids.
    std::string error;
    if (const auto duties = engine::read_register(bundled_rules_root() / "register.tsv", error))
        for (const auto& duty : *duties) info.duty_titles[duty.id] = duty.title;
    else
        spdlog::debug("{}", error);
    return info;
}

}  // namespace dutycheck::tools
