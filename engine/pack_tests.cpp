// Running a pack's cases through the engine and comparing their findings with expected.tsv.
#include "engine/pack_tests.hpp"
#include "engine/engine.hpp"
#include "engine/evaluator.hpp"
#include "engine/files.hpp"
#include "engine/parameters.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <memory>
#include <optional>
#include <set>

namespace dutycheck::engine {
namespace fs = std::filesystem;

namespace {

constexpr const char* test_error = "DC601";
constexpr std::uintmax_t max_case_bytes = 64 * 1024 * 1024;

/// One line of expected.tsv after its header.
struct ExpectedRow {
    std::string status;
    std::string pointer;
    std::optional<std::string> message;  ///< compared only when the line has a fourth column
};

/// A finding of the rule under test, as the comparison sees it.
struct ActualRow {
    std::string status;
    std::string pointer;
    std::string message;
};

std::string problem(const std::string& path, const std::string& message) {
    dsl::Diagnostic d;
    d.code = test_error;
    d.path = path;
    d.message = message;
    return dsl::render(d);
}

/// A message column: `\n`, `\t` and `\\` stand for a line break, a tab and a backslash.
std::string unescaped(std::string_view text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\\' && i + 1 < text.size()) {
            const char next = text[++i];
            out += next == 'n' ? '\n' : next == 't' ? '\t' : next;
        } else {
            out += text[i];
        }
    }
    return out;
}

std::string escaped(std::string_view text) {
    std::string out;
    for (const char c : text) out += c == '\n' ? "\\n" : c == '\t' ? "\\t" : c == '\\' ? "\\\\" : std::string(1, c);
    return out;
}

std::vector<std::string> split_tabs(std::string_view line) {
    std::vector<std::string> fields;
    for (;;) {
        const auto tab = line.find('\t');
        fields.emplace_back(line.substr(0, tab));
        if (tab == std::string_view::npos) return fields;
        line.remove_prefix(tab + 1);
    }
}

std::optional<std::string> read_file(const fs::path& path) {
    auto read = read_bounded(path, max_case_bytes);
    if (const auto* text = std::get_if<dsl::SharedText>(&read)) return std::string(text->view());
    return std::nullopt;
}

/// expected.tsv's lines by file, files in the order of their first line; or why it cannot be read.
using Expectations = std::vector<std::pair<std::string, std::vector<ExpectedRow>>>;
std::variant<Expectations, std::string> read_expected(const fs::path& tsv) {
    const auto text = read_file(tsv);
    if (!text) return problem(tsv.string(), "cannot read expected.tsv: each case folder lists its files' findings in one");
    Expectations expected;
    std::size_t number = 0;
    std::string_view rest = *text;
    while (!rest.empty()) {
        const auto end = rest.find('\n');
        std::string_view line = rest.substr(0, end);
        rest.remove_prefix(end == std::string_view::npos ? rest.size() : end + 1);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (++number == 1 || line.empty()) continue;  // the header
        auto fields = split_tabs(line);
        const std::string where = tsv.string() + ":" + std::to_string(number);
        if (fields.size() < 3 || fields.size() > 4)
            return problem(where, "expected file, status, pointer and an optional message, separated by tabs; found " +
                                      std::to_string(fields.size()) + " fields");
        static const std::vector<std::string> statuses = {"met", "unmet", "unknown", "not_applicable"};
        if (std::find(statuses.begin(), statuses.end(), fields[1]) == statuses.end()) {
            std::string message = "unknown status '" + fields[1] + "': expected met, unmet, unknown or not_applicable";
            if (const auto near = dsl::closest_match(fields[1], statuses); !near.empty())
                message += "; did you mean '" + near + "'?";
            return problem(where, message);
        }
        if (fields[0].empty() || fields[0].find("..") != std::string::npos || fields[0].front() == '/')
            return problem(where, "the file must be a path inside the case folder, found '" + fields[0] + "'");
        ExpectedRow row{fields[1], fields[2], std::nullopt};
        if (fields.size() == 4) row.message = unescaped(fields[3]);
        auto found = std::find_if(expected.begin(), expected.end(), [&](const auto& e) { return e.first == fields[0]; });
        if (found == expected.end()) found = expected.insert(expected.end(), {fields[0], {}});
        found->second.push_back(std::move(row));
    }
    if (expected.empty()) return problem(tsv.string(), "lists no case: expected a header, then file, status, pointer");
    return expected;
}

/// A file without `format` is a fragment: it gains the format, a partnership (each of id, name
/// and jurisdiction it lacks) and, for any pack but the standard one, `rule_packs` naming the pack.
std::string completed(const std::string& text, const std::string& pack, const std::string& jurisdiction) {
    auto json = nlohmann::ordered_json::parse(text, nullptr, false);
    if (json.is_discarded() || !json.is_object() || json.contains("format")) return text;
    nlohmann::ordered_json whole = {{"format", "dutycheck.partnership/1"}};
    auto partnership = json.contains("partnership") ? json["partnership"] : nlohmann::ordered_json::object();
    if (partnership.is_object()) {
        if (!partnership.contains("id")) partnership["id"] = "test";
        if (!partnership.contains("name")) partnership["name"] = "Test Health and Social Care Partnership";
        if (!partnership.contains("jurisdiction")) partnership["jurisdiction"] = jurisdiction.empty() ? "scotland" : jurisdiction;
    }
    whole["partnership"] = std::move(partnership);
    if (pack != standard_pack && !json.contains("rule_packs")) whole["rule_packs"] = {pack};
    for (auto& [key, value] : json.items())
        if (key != "partnership") whole[key] = std::move(value);
    return whole.dump(2) + "\n";
}

/// A parameter value as `--param NAME=TEXT` writes it: a list as its items joined by commas.
std::string command_line_text(const nlohmann::json& value) {
    if (value.is_string()) return value.get<std::string>();
    if (!value.is_array()) return value.dump();
    std::string text;
    for (const auto& item : value) text += (text.empty() ? "" : ",") + command_line_text(item);
    return text;
}

std::string shown(const std::string& status, const std::optional<std::string>& message) {
    return message ? status + " \"" + escaped(*message) + "\"" : status;
}

/// The differences between what a case expects of its rule and what it found; none when it passes.
std::vector<CaseDifference> compare(const std::string& file, const std::string& rule, std::vector<ExpectedRow> expected,
                                    std::vector<ActualRow> actual) {
    auto same = [](const ExpectedRow& e, const ActualRow& a) {
        return e.status == a.status && e.pointer == a.pointer && (!e.message || *e.message == a.message);
    };
    // Exact matches first, so that two findings at one pointer pair up whatever their order.
    for (auto e = expected.begin(); e != expected.end();) {
        const auto a = std::find_if(actual.begin(), actual.end(), [&](const ActualRow& row) { return same(*e, row); });
        if (a == actual.end()) {
            ++e;
            continue;
        }
        actual.erase(a);
        e = expected.erase(e);
    }
    std::vector<CaseDifference> differences;
    for (const auto& e : expected) {
        CaseDifference d{file, rule, e.pointer, shown(e.status, e.message), ""};
        const auto a = std::find_if(actual.begin(), actual.end(), [&](const ActualRow& row) { return row.pointer == e.pointer; });
        if (a != actual.end()) {
            d.actual = a->message.empty() && !e.message ? a->status : shown(a->status, a->message);
            actual.erase(a);
        }
        differences.push_back(std::move(d));
    }
    for (const auto& a : actual)
        differences.push_back({file, rule, a.pointer, "", a.message.empty() ? a.status : shown(a.status, a.message)});
    return differences;
}

/// The name a case's `rule_packs` gives a pack folder: its path under the registry folder that
/// holds it; or, for a folder no registry folder holds, its own name, found through its parent.
std::string registry_name(const fs::path& folder, PackRegistry& registry) {
    std::error_code ec;
    const fs::path pack = fs::weakly_canonical(folder, ec);
    for (const auto& root : registry) {
        const fs::path base = fs::weakly_canonical(root, ec);
        const fs::path relative = pack.lexically_relative(base);
        if (!relative.empty() && *relative.begin() != ".." && relative != ".") return relative.generic_string();
    }
    registry.push_back(pack.parent_path());
    return pack.filename().string();
}

/// One pack's run: its engines (one per set of --param values a command-line/ case gives) and the
/// rule sets its invalid/ cases load.
class PackRun {
public:
    PackRun(const PackTestOptions& options, PackRegistry registry, PackTestReport& report)
        : options_(options), registry_(std::move(registry)), report_(report) {}

    const Engine& engine(const std::map<std::string, std::string>& params = {}) {
        auto& engine = engines_[params];
        if (!engine) {
            EngineOptions engine_options;
            engine_options.pack_registry = registry_;
            engine_options.as_of = options_.as_of;
            engine_options.coverage = options_.coverage;
            engine_options.params = params;
            engine = std::make_unique<Engine>(std::move(engine_options), [this](const LoadResult& loaded) {
                for (const auto& d : loaded.diagnostics)
                    if (d.level == dsl::DiagnosticLevel::error) report_.errors.push_back(dsl::render(d));
            });
        }
        return *engine;
    }

    /// A file the schema refuses (DC505), evaluated by its packs' rules all the same: the rule
    /// judges the value too, should a pack's schema ever allow it.
    std::optional<DocumentResult> evaluate_refused(const Input& input, const RuleSet*& rules) {
        const auto packs = requested_packs(*input.document);
        if (!std::holds_alternative<std::vector<std::string>>(packs)) return std::nullopt;
        auto folders = pack_folders(registry_, std::get<std::vector<std::string>>(packs));
        if (!std::holds_alternative<std::vector<fs::path>>(folders)) return std::nullopt;
        auto& loaded = refused_[std::get<std::vector<fs::path>>(folders)];
        if (!loaded) loaded = std::make_unique<LoadResult>(load_rule_packs(std::get<std::vector<fs::path>>(folders)));
        if (!loaded->ok()) return std::nullopt;
        const auto params = resolve_parameters(*loaded->rules, *input.document, {});
        if (!std::holds_alternative<std::vector<Value>>(params)) return std::nullopt;
        EvaluationOptions evaluation;
        evaluation.as_of = options_.as_of;
        evaluation.coverage = options_.coverage;
        rules = loaded->rules.get();
        return evaluate(*loaded->rules, *input.document, std::get<std::vector<Value>>(params), evaluation,
                        input.source->path());
    }

private:
    const PackTestOptions& options_;
    PackRegistry registry_;
    PackTestReport& report_;
    std::map<std::map<std::string, std::string>, std::unique_ptr<Engine>> engines_;
    std::map<std::vector<fs::path>, std::unique_ptr<LoadResult>> refused_;
};

std::string first_error(const std::vector<dsl::Diagnostic>& errors) {
    return errors.empty() ? std::string() : dsl::render(errors.front());
}

}  // namespace

std::vector<fs::path> packs_under(const fs::path& root) {
    std::vector<fs::path> packs;
    std::error_code ec;
    for (const auto& entry : fs::recursive_directory_iterator(root, ec))
        if (entry.is_regular_file() && entry.path().filename() == "pack.rules") packs.push_back(entry.path().parent_path());
    std::sort(packs.begin(), packs.end(), [&](const fs::path& a, const fs::path& b) {
        const bool a_standard = a.filename() == standard_pack, b_standard = b.filename() == standard_pack;
        return a_standard != b_standard ? a_standard : a < b;
    });
    return packs;
}

PackTestReport run_pack_tests(const std::vector<fs::path>& packs, const PackTestOptions& options) {
    PackTestReport report;
    for (const auto& folder : packs) {
        // The pack alone: its rules, in order, and where each branch clause is.
        const LoadResult own = load_rule_packs({folder});
        if (!own.ok()) {
            for (const auto& d : own.diagnostics)
                if (d.level == dsl::DiagnosticLevel::error) report.errors.push_back(dsl::render(d));
            continue;
        }
        PackRegistry registry = options.registry;
        const std::string pack = registry_name(folder, registry);
        const std::string jurisdiction = own.rules->packs.empty() ? "" : own.rules->packs.front().jurisdiction;
        const std::size_t first_rule = report.coverage.size();
        std::vector<std::string> rule_ids;
        std::map<std::string, std::vector<int>> clause_of_step;  // rule -> step -> its clause, or -1
        for (const auto& rule : own.rules->rules) {
            RuleCoverage coverage{rule.info.id, pack, false, {}, {}};
            auto& steps = clause_of_step[rule.info.id];
            for (const auto& step : rule.steps) {
                const Expr* condition = nullptr;
                const char* clause = "";
                if (const auto* s = std::get_if<RequireStep>(&step)) condition = s->condition.get(), clause = "require";
                else if (const auto* w = std::get_if<WhenStep>(&step)) condition = w->condition.get(), clause = "when";
                else if (const auto* f = std::get_if<ForEachStep>(&step)) condition = f->filter.get(), clause = "where";
                if (condition == nullptr || !options.coverage) {
                    steps.push_back(-1);
                    continue;
                }
                steps.push_back(static_cast<int>(coverage.clauses.size()));
                const auto at = condition->span.file->line_column(condition->span.begin);
                coverage.clauses.push_back({clause, std::string(condition->span.text()), condition->span.file->path(),
                                            at.line, at.column, {}});
            }
            rule_ids.push_back(rule.info.id);
            report.coverage.push_back(std::move(coverage));
        }

        const fs::path tests = folder / "tests";
        std::error_code ec;
        if (!fs::is_directory(tests, ec)) continue;
        std::vector<fs::path> case_folders;
        for (const auto& entry : fs::directory_iterator(tests, ec))
            if (entry.is_directory()) case_folders.push_back(entry.path());
        std::sort(case_folders.begin(), case_folders.end());
        PackRun run(options, registry, report);
        for (const auto& case_folder : case_folders) {
            const std::string rule = case_folder.filename().string();
            const auto known = std::find(rule_ids.begin(), rule_ids.end(), rule);
            if (known == rule_ids.end()) {
                std::string message = "no rule '" + rule + "' in pack '" + pack + "': a folder of cases is named for its rule";
                if (const auto near = dsl::closest_match(rule, rule_ids); !near.empty())
                    message += "; did you mean '" + near + "'?";
                report.errors.push_back(problem(case_folder.string(), message));
                continue;
            }
            RuleCoverage& coverage = report.coverage[first_rule + static_cast<std::size_t>(known - rule_ids.begin())];
            coverage.has_cases = true;
            auto expected = read_expected(case_folder / "expected.tsv");
            if (const auto* error = std::get_if<std::string>(&expected)) {
                report.errors.push_back(*error);
                continue;
            }
            // A case file expected.tsv does not list would never run, and the pack would look tested.
            std::set<std::string> listed;
            for (const auto& [name, rows] : std::get<Expectations>(expected)) listed.insert(name);
            std::vector<std::string> unlisted;
            for (const auto& entry : fs::recursive_directory_iterator(case_folder, ec))
                if (entry.is_regular_file() && entry.path().extension() == ".json" &&
                    listed.count(entry.path().lexically_relative(case_folder).generic_string()) == 0)
                    unlisted.push_back(entry.path().string());
            std::sort(unlisted.begin(), unlisted.end());
            for (const auto& path : unlisted)
                report.errors.push_back(problem(path, "a case file that expected.tsv does not list, so it would never run: "
                                                      "add a line for each finding it gives, or remove it"));
            for (auto& [name, rows] : std::get<Expectations>(expected)) {
                const fs::path path = case_folder / name;
                const std::string shown_path = path.string();
                const auto text = read_file(path);
                if (!text) {
                    report.errors.push_back(problem(shown_path, "cannot read the case file expected.tsv lists"));
                    continue;
                }
                const std::string whole = completed(*text, pack, jurisdiction);
                const DocumentResult* result = nullptr;
                const RuleSet* rules = nullptr;
                std::optional<Outcome> outcome;
                std::optional<DocumentResult> refused;
                if (name.rfind("invalid/", 0) == 0) {
                    // Refused by the schema before any rule runs; its rule is shown judging it anyway.
                    const Input input = run.engine().read_text(shown_path, whole);
                    if (input.errors.empty() || input.errors.front().code != "DC505" || !input.document) {
                        report.errors.push_back(
                            input.errors.empty()
                                ? problem(shown_path, "a case under invalid/ must be one the schema refuses (DC505), "
                                                      "but the file is valid")
                                : first_error(input.errors));
                        continue;
                    }
                    refused = run.evaluate_refused(input, rules);
                    if (!refused) {
                        report.errors.push_back(problem(shown_path, "its packs or parameters cannot be loaded"));
                        continue;
                    }
                    result = &*refused;
                } else if (name.rfind("command-line/", 0) == 0) {
                    // Parameters beyond the packs' bounds: refused in the file (DC503), and checked
                    // with the same values given as --param, which only the command line may do.
                    const Outcome in_file = run.engine().check_text(shown_path, whole);
                    if (in_file.errors.empty() || in_file.errors.front().code != "DC503") {
                        report.errors.push_back(
                            in_file.errors.empty()
                                ? problem(shown_path, "a case under command-line/ must hold parameters beyond the "
                                                      "packs' bounds (DC503), but the file is accepted")
                                : first_error(in_file.errors));
                        continue;
                    }
                    auto json = nlohmann::ordered_json::parse(whole);
                    std::map<std::string, std::string> params;
                    for (const auto& [param, value] : json.at("parameters").items()) params[param] = command_line_text(value);
                    json.erase("parameters");
                    outcome = run.engine(params).check_text(shown_path, json.dump(2));
                } else {
                    outcome = run.engine().check_text(shown_path, whole);
                }
                if (outcome) {
                    if (!outcome->ok()) {
                        if (!outcome->errors.empty()) report.errors.push_back(first_error(outcome->errors));
                        continue;
                    }
                    result = &*outcome->result;
                    rules = outcome->rules;
                }
                const auto* compiled = rules->find_rule(rule);
                if (compiled == nullptr) {
                    report.errors.push_back(problem(shown_path, "the case does not load rule '" + rule +
                                                                    "': its rule_packs must name '" + pack + "'"));
                    continue;
                }
                std::vector<ActualRow> actual;
                for (const auto& finding : result->findings) {
                    if (finding.rule->id != rule) continue;
                    actual.push_back({std::string(to_string(finding.status)), finding.pointer, finding.message});
                    ++coverage.statuses[static_cast<std::size_t>(finding.status)];
                }
                if (options.coverage && !result->clause_outcomes.empty()) {
                    const auto index = static_cast<std::size_t>(compiled - rules->rules.data());
                    const auto& reached = result->clause_outcomes[index];
                    const auto& steps = clause_of_step[rule];
                    for (std::size_t s = 0; s < reached.size() && s < steps.size(); ++s) {
                        if (steps[s] < 0) continue;
                        auto& counts = coverage.clauses[static_cast<std::size_t>(steps[s])].reached;
                        if (reached[s] & reached_true) ++counts[0];
                        if (reached[s] & reached_false) ++counts[1];
                        if (reached[s] & reached_unknown) ++counts[2];
                    }
                }
                auto differences = compare(shown_path, rule, std::move(rows), std::move(actual));
                if (differences.empty()) {
                    ++report.passed;
                } else {
                    ++report.failed;
                    for (auto& d : differences) report.differences.push_back(std::move(d));
                }
            }
        }
    }
    return report;
}

BranchCount branch_count(const std::vector<RuleCoverage>& coverage) {
    BranchCount count;
    for (const auto& rule : coverage)
        for (const auto& clause : rule.clauses)
            for (const auto reached : clause.reached) {
                ++count.total;
                if (reached > 0) ++count.reached;
            }
    return count;
}

}  // namespace dutycheck::engine
