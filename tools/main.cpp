// The `dutycheck` command line: argument parsing (CLI11), logging set-up, and the one place errors are caught.
#include "dsl/source.hpp"
#include "report/calendar_report.hpp"
#include "report/formats.hpp"
#include "tools/cli_docs.hpp"
#include "tools/commands.hpp"
#include "tools/init.hpp"
#include "tools/output.hpp"
#include "tools/support.hpp"

#include <CLI/CLI.hpp>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <charconv>
#include <cstdint>
#include <iostream>
#include <string_view>

namespace {

// A whole decimal number from 1 to 2^64 - 1, optionally followed by a unit that a transform after
// this one reads. CLI11 reads numbers with strtoull(text, 0), which on its own would take "-1" and
// "99999999999999999999" as 2^64 - 1, and "010" as octal.
CLI::Validator whole_number(bool unit_allowed) {
    return CLI::Validator(
        [unit_allowed](std::string& text) -> std::string {
            std::uint64_t number = 0;
            const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
            const std::string_view unit = std::string_view(end, text.data() + text.size() - end);
            const bool unit_ok = unit.empty() || (unit_allowed && unit.find_first_not_of(
                " abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ") == std::string_view::npos);
            if (error != std::errc() || number == 0 || text[0] == '0' || !unit_ok)
                return "expected a whole number from 1 to 2^64 - 1" +
                       std::string(unit_allowed ? ", with an optional unit" : "") + ", got '" + text + "'";
            return {};
        },
        "");
}

// "100MiB" for the help text when the size is a whole number of MiB.
std::string size_text(std::size_t bytes) {
    constexpr std::size_t mib = 1024 * 1024;
    return bytes % mib == 0 ? std::to_string(bytes / mib) + "MiB" : std::to_string(bytes);
}

// The resource limits, shared by every subcommand that reads partnership files; defaults from the engine.
// A repeatable option takes one value each time it is given, so `--rules DIR FILE` reads FILE as
// an input rather than as a second pack.
CLI::Option* repeatable(CLI::Option* option) { return option->allow_extra_args(false); }

// Which rules, with which parameters, as of which day: the options every command that evaluates
// files shares (check, diff, calendar), worded once.
void add_pack_options(CLI::App& command, dutycheck::tools::CheckOptions& options, std::vector<std::string>& params,
                      const std::string& as_of_help) {
    repeatable(command.add_option("--rules", options.rules,
                                  "Rule pack folder or file (repeatable); default: the standard pack plus the file's "
                                  "rule_packs"));
    repeatable(command.add_option("--rules-path", options.rules_path,
                                  "A folder of rule packs that a file's rule_packs may name, after the bundled packs "
                                  "(repeatable; also DUTYCHECK_RULES_PATH, folders separated by ':')"));
    repeatable(command.add_option("--param", params, "Override a rule-pack parameter: NAME=VALUE (repeatable)"));
    command.add_option("--as-of", options.as_of, as_of_help + " (YYYY-MM-DD); default today");
}

// Which files of a folder are checked: the options of commands that walk folders (check, calendar).
void add_folder_options(CLI::App& command, dutycheck::tools::CheckOptions& options) {
    repeatable(command.add_option("--exclude", options.excludes,
                                  "Leave out of folder walks the paths (relative to the folder) or names matching "
                                  "GLOB (repeatable)"))
        ->type_name("GLOB");
    command.add_flag("--hidden", options.hidden, "Walk hidden folders and files (names beginning with '.') too");
}

void add_limit_options(CLI::App& command, dutycheck::tools::CheckOptions& options) {
    command.add_option("--max-file-size", options.limits.max_bytes,
                       "Refuse a partnership file larger than SIZE: bytes, or with a unit (kB = 1000 bytes, "
                       "KiB = 1024, MB, MiB, GB, GiB; case does not matter)")
        // A transform runs before those added earlier: the number is checked, then its unit applied.
        ->transform(CLI::AsSizeValue(true).description(""))
        ->transform(whole_number(true))
        ->type_name("SIZE")
        ->default_str(size_text(options.limits.max_bytes));
    command.add_option("--max-depth", options.limits.max_depth, "Refuse a partnership file nested deeper than N levels")
        ->check(whole_number(false))
        ->type_name("N")
        ->capture_default_str();
    command.add_option("--max-steps", options.max_steps,
                       "Stop with an error if one rule takes more than N evaluation steps on one file")
        ->check(whole_number(false))
        ->type_name("N")
        ->capture_default_str();
    // At most a century, which keeps the date arithmetic within the calendar.
    command.add_option("--waiver-horizon", options.waiver_horizon,
                       "Refuse a waiver that expires more than MONTHS after its approval")
        ->check(whole_number(false))
        ->check(CLI::Range(1u, 1200u))
        ->type_name("MONTHS")
        ->capture_default_str();
}

// After a parse error, the nearest command or option to what was mistyped, in the words of the
// diagnostics elsewhere: "did you mean 'check'?".
void suggest(const CLI::App& app, int argc, char** argv) {
    // The deepest subcommand given: the options it knows are the ones a mistyped flag meant.
    const CLI::App* command = &app;
    std::vector<std::string> chain;  // the names of the commands given, in order
    for (;;) {
        const auto chosen = command->get_subcommands();
        if (chosen.empty()) break;
        command = chosen.front();
        chain.push_back(command->get_name());
    }
    std::vector<std::string> subcommands, options;
    // A hidden command (no group: `generate`, for the build) is not one to suggest.
    for (const CLI::App* sub : command->get_subcommands({}))
        if (!sub->get_group().empty()) subcommands.push_back(sub->get_name());
    for (const CLI::App* level = command; level != nullptr; level = level->get_parent())
        for (const CLI::Option* option : level->get_options({}))
            for (const auto& name : option->get_lnames()) options.push_back("--" + name);
    std::size_t named = 0;  // how many of the chain's names have gone by
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        if (named < chain.size() && arg == chain[named]) {
            ++named;
            continue;
        }
        if (arg.starts_with("--")) {
            const std::string name(arg.substr(0, arg.find('=')));
            if (std::find(options.begin(), options.end(), name) != options.end()) continue;
            if (const auto match = dutycheck::dsl::closest_match(name, options); !match.empty()) {
                std::cerr << "did you mean '" << match << "'?\n";
                return;
            }
        } else if (!arg.starts_with("-") && !subcommands.empty() && command->get_subcommands().empty()) {
            // The first word where a command was expected.
            if (std::find(subcommands.begin(), subcommands.end(), arg) != subcommands.end()) return;
            if (const auto match = dutycheck::dsl::closest_match(arg, subcommands); !match.empty())
                std::cerr << "did you mean '" << match << "'?\n";
            return;
        }
    }
}

}  // namespace

int main(int argc, char** argv) {
    using namespace dutycheck::tools;
    CLI::App app{"dutycheck: checks a health and social care partnership's setup against its statutory duties"};
    app.set_version_flag("--version", std::string("dutycheck ") + DUTYCHECK_VERSION);
    app.require_subcommand(1);
    // -v and -q are accepted after the subcommand too (`dutycheck check -q …`): subcommands
    // made after this pass the options they do not know to the app.
    app.fallthrough();
    bool verbose = false, quiet = false;
    app.add_flag("-v,--verbose", verbose, "Diagnostics on stderr in detail");
    app.add_flag("-q,--quiet", quiet, "Only errors on stderr");

    CheckOptions check;
    std::vector<std::string> params;
    auto* check_cmd = app.add_subcommand("check", "Check partnership files (or folders of them) against rule packs");
    add_pack_options(*check_cmd, check, params, "Evaluate date rules as on DATE");
    check_cmd->add_option("--format", check.format, "Report format on stdout: " + dutycheck::report::format_list())
        ->check(CLI::IsMember(dutycheck::report::format_names()));
    repeatable(check_cmd->add_option("--output", check.outputs,
                                     "Also write a report to a file: FORMAT=PATH (repeatable; written atomically); "
                                     "FORMAT=- writes it to stdout instead of --format's"));
    check_cmd->add_option("--baseline", check.baseline,
                          "A saved JSON report: its failing findings do not fail the gate; stale entries are listed");
    repeatable(check_cmd->add_option("--explain", check.explain,
                                     "Show what RULE looked at and why, for each instance (repeatable, or RULE,RULE; "
                                     "'failing': every rule with an unmet or unknown finding)"))
        ->delimiter(',')
        ->type_name("RULE");
    check_cmd->add_option("--trace", check.trace,
                          "Print on stderr every clause of each instance of RULE, its value and the facts it read")
        ->type_name("RULE");
    check_cmd->add_option("--fail-on", check.fail_on,
                          "Exit 1 if an unmet or unknown finding is at least this severe; 'none' only reports")
        ->check(CLI::IsMember({"error", "warning", "info", "none"}));
    check_cmd->add_flag("--all", check.show_all, "List met and not-applicable findings too (text format)");
    check_cmd->add_option("--colour,--color", check.colour, "Colour in the text report")
        ->check(CLI::IsMember({"auto", "always", "never"}));
    add_limit_options(*check_cmd, check);
    check_cmd->add_option("-j,--jobs", check.jobs,
                          "Check up to N files at once (0: one per core); the report is the same whatever N")
        ->check(CLI::NonNegativeNumber)
        ->type_name("N")
        ->capture_default_str();
    check_cmd->add_option("--paper", check.paper,
                          "Pre-board check: only the findings about this board paper (its id, or /reports/N) and "
                          "the directions it references, from a check of the whole FILE")
        ->type_name("ID|POINTER");
    add_folder_options(*check_cmd, check);
    check_cmd->add_option("inputs", check.inputs,
                          "Partnership files (JSON) or folders of them; in a folder, JSON files that are not "
                          "partnership files are skipped")
        ->required();

    DiffOptions diff;
    std::vector<std::string> diff_params;
    auto* diff_cmd = app.add_subcommand("diff", "Compare the findings of two versions of a partnership file");
    add_pack_options(*diff_cmd, diff.check, diff_params, "Evaluate date rules as on DATE");
    diff_cmd->add_option("--format", diff.check.format, "Output format")->check(CLI::IsMember({"text", "json"}));
    diff_cmd->add_option("--fail-on", diff.check.fail_on, "Severity that fails the gate")
        ->check(CLI::IsMember({"error", "warning", "info", "none"}));
    diff_cmd->add_flag("--fail-on-new", diff.fail_on_new, "Exit 1 only for failing findings the change introduced");
    diff_cmd->add_option("--git", diff.git_revision, "BASE is HEAD's file at this git revision");
    add_limit_options(*diff_cmd, diff.check);
    std::vector<std::string> diff_files;
    diff_cmd->add_option("files", diff_files, "BASE HEAD, or HEAD with --git REV")->required()->expected(1, 2);

    CheckOptions calendar;
    std::vector<std::string> calendar_params;
    calendar.format = "text";
    auto* calendar_cmd = app.add_subcommand(
        "calendar", "List the deadlines the files' facts determine: missed, due within 90 days, and later");
    add_pack_options(*calendar_cmd, calendar, calendar_params, "Sort deadlines as on DATE");
    calendar_cmd->add_option("--format", calendar.format, "Output format: text, json or ics (iCalendar)")
        ->check(CLI::IsMember(dutycheck::report::calendar_format_names()));
    add_limit_options(*calendar_cmd, calendar);
    add_folder_options(*calendar_cmd, calendar);
    calendar_cmd->add_option("inputs", calendar.inputs, "Partnership files (JSON) or folders of them")->required();

    auto* rules_cmd = app.add_subcommand("rules", "Look at rule packs");
    rules_cmd->require_subcommand(1);
    std::vector<std::string> rule_packs;
    auto* list_cmd = rules_cmd->add_subcommand("list", "List packs and rules with their duties, sources and force");
    repeatable(list_cmd->add_option("--rules", rule_packs, "Rule pack folder or file (repeatable); default: every bundled pack"));
    std::string rule_id;
    auto* explain_cmd = rules_cmd->add_subcommand("explain", "Show one rule: its citation, quote and text");
    repeatable(explain_cmd->add_option("--rules", rule_packs, "Rule pack folder or file (repeatable); default: every bundled pack"));
    explain_cmd->add_option("id", rule_id, "Rule id")->required();

    std::string coverage_format = "text";
    auto* coverage_cmd = rules_cmd->add_subcommand("coverage", "Every duty of the register and the rules that encode it");
    repeatable(coverage_cmd->add_option("--rules", rule_packs, "Rule pack folder or file (repeatable); default: every bundled pack"));
    coverage_cmd->add_option("--format", coverage_format, "Output format")->check(CLI::IsMember({"text", "markdown"}));

    std::vector<std::string> lint_paths;
    auto* lint_cmd = app.add_subcommand("lint", "Parse and check rule packs without a partnership file");
    bool lint_strict = false;
    lint_cmd->add_flag("--strict", lint_strict,
                       "Fail on warnings too (a field the format does not define, a name that is no field)");
    lint_cmd->add_option("paths", lint_paths, "Rule pack folders or files")->required();

    TestOptions test;
    auto* test_cmd = app.add_subcommand("test", "Run rule packs' test cases: each rule's cases beside its pack, "
                                                "against the findings they expect");
    repeatable(test_cmd->add_option("--rules-path", test.rules_path,
                                    "A folder of rule packs that a case's rule_packs may name, after the bundled "
                                    "packs (repeatable; also DUTYCHECK_RULES_PATH)"));
    test_cmd->add_flag("--coverage", test.coverage,
                       "Also list the rules and branches (each require, when and where: true, false, unknown) "
                       "the cases never reached, and the branch coverage");
    test_cmd->add_option("--format", test.format, "Output format")->check(CLI::IsMember({"text", "json"}));
    test_cmd->add_option("packs", test.packs, "Pack folders or names (local/inverclyde); default: every bundled pack");

    std::vector<std::string> fmt_paths;
    bool fmt_check = false;
    auto* fmt_cmd = app.add_subcommand("fmt", "Rewrite rule files in the one canonical layout");
    fmt_cmd->add_flag("--check", fmt_check,
                      "Write nothing; list the files that are not formatted and exit 1 if there are any");
    fmt_cmd->add_option("paths", fmt_paths, "Rule files, or folders of them (every *.rules beneath)")->required();

    InitOptions init;
    auto* init_cmd = app.add_subcommand("init", "Write a new partnership file for one of Scotland's partnerships, "
                                                "holding its localities from the bundled list");
    init_cmd->add_option("partnership", init.partnership,
                         "The partnership: its name or id, in any case ('inverclyde', \"Dumfries and Galloway\")");
    init_cmd->add_option("-o,--output", init.output, "Write the file to FILE (atomically) instead of stdout")
        ->type_name("FILE");
    init_cmd->add_flag("--force", init.force, "Replace FILE if it exists");
    init_cmd->add_flag("--list", init.list, "List the partnerships, id and name, instead");

    // Hidden: the build writes the completion script and the man page from these very definitions.
    auto* generate_cmd = app.add_subcommand("generate", "Write a file generated from the command-line definitions");
    generate_cmd->group("");
    generate_cmd->require_subcommand(1);
    std::string generated_file;
    generate_cmd->add_option("-o,--output", generated_file, "Write to FILE (atomically) instead of stdout");
    auto* completion_cmd = generate_cmd->add_subcommand("bash-completion", "The bash completion script");
    auto* man_cmd = generate_cmd->add_subcommand("man", "The man page dutycheck(1)");
    generate_cmd->add_subcommand("options", "Every command and option, one a line");

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        const int code = app.exit(e);
        if (code != 0) suggest(app, argc, argv);
        return code == 0 ? exit_ok : exit_error;
    }

    auto logger = spdlog::stderr_logger_st("dutycheck");
    logger->set_pattern("%l: %v");
    spdlog::set_default_logger(logger);
    spdlog::set_level(verbose ? spdlog::level::debug : quiet ? spdlog::level::err : spdlog::level::warn);

    try {
        auto parse_params = [](const std::vector<std::string>& given, std::map<std::string, std::string>& into) {
            for (const auto& param : given) {
                const auto equals = param.find('=');
                if (equals == std::string::npos || equals == 0)
                    throw UsageError{"--param expects NAME=VALUE, got '" + param + "'"};
                into[param.substr(0, equals)] = param.substr(equals + 1);
            }
        };
        parse_params(params, check.params);
        parse_params(diff_params, diff.check.params);
        parse_params(calendar_params, calendar.params);
        if (check_cmd->parsed()) {
            check.format_given = check_cmd->count("--format") > 0;
            return run_check(check);
        }
        if (diff_cmd->parsed()) {
            diff.head = diff_files.back();
            if (diff_files.size() == 2) diff.base = diff_files.front();
            if (diff.git_revision.has_value() == !diff.base.empty())
                throw UsageError{"diff takes BASE HEAD, or HEAD with --git REV"};
            return run_diff(diff);
        }
        if (calendar_cmd->parsed()) return run_calendar(calendar);
        if (list_cmd->parsed()) return run_rules_list(rule_packs);
        if (explain_cmd->parsed()) return run_rules_explain(rule_packs, rule_id);
        if (coverage_cmd->parsed()) return run_rules_coverage(rule_packs, coverage_format);
        if (lint_cmd->parsed()) return run_lint(lint_paths, lint_strict);
        if (test_cmd->parsed()) return run_test(test);
        if (fmt_cmd->parsed()) return run_fmt(fmt_paths, fmt_check);
        if (init_cmd->parsed()) return run_init(init);
        if (generate_cmd->parsed()) {
            const std::string text = completion_cmd->parsed() ? bash_completion(app)
                                     : man_cmd->parsed()      ? man_page(app, DUTYCHECK_VERSION)
                                                              : option_list(app);
            if (generated_file.empty() || generated_file == "-") {
                std::cout << text;
                finish_stdout();
            } else {
                OutputSet files;
                files.write({"text", generated_file}, [&](std::ostream& out) { out << text; });
                files.commit();
            }
            return exit_ok;
        }
    } catch (const UsageError& e) {
        std::cerr << e.message << (e.message.empty() || e.message.back() != '\n' ? "\n" : "");
        return exit_error;
    } catch (const std::exception& e) {
        std::cerr << "error: " << e.what() << "\n";
        return exit_error;
    }
    return exit_error;
}
