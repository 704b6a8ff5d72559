// `dutycheck check`: load rules once per pack selection, evaluate every file, then print one report.
#include "engine/evaluator.hpp"
#include "engine/schema_check.hpp"
#include "report/json_report.hpp"
#include "report/text_report.hpp"
#include "tools/commands.hpp"
#include "tools/support.hpp"

#include <spdlog/spdlog.h>

#include <cstdlib>
#include <iostream>
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

std::size_t severity_rank(const std::string& fail_on) {
    if (fail_on == "info") return 0;
    if (fail_on == "warning") return 1;
    if (fail_on == "error") return 2;
    return 3;  // none
}

}  // namespace

int run_check(const CheckOptions& options) {
    const engine::Date as_of = [&] {
        if (!options.as_of) return engine::today();
        auto date = engine::parse_date(*options.as_of);
        if (!date || date->month_precision) throw UsageError{"--as-of: expected a date YYYY-MM-DD, got '" + *options.as_of + "'"};
        return *date;
    }();

    // Read and parse every file before printing anything: an input error leaves no partial report.
    std::vector<LoadedDocument> documents;
    for (const auto& path : expand_inputs(options.inputs)) {
        documents.push_back(load_document(path, {}));
        const LoadedDocument& loaded = documents.back();
        if (auto problem = engine::check_document_shape(*loaded.document))
            throw UsageError{render_input_error(loaded, problem->pointer, "DC502", problem->message)};
        // Wrong JSON types and impossible dates are input errors: every one of them, then exit 2.
        std::string problems;
        for (const auto& problem : engine::check_against_schema(*loaded.document))
            problems += render_input_error(loaded, loaded.document->pointer(problem.node), "DC505", problem.message);
        if (!problems.empty()) throw UsageError{problems};
    }

    // Rule sets are loaded once per distinct pack selection and reused across files.
    std::map<std::vector<std::string>, engine::LoadResult> rule_sets;
    std::vector<engine::DocumentResult> results;
    std::vector<std::string> pack_names;
    for (const auto& loaded : documents) {
        std::vector<std::string> selection = options.rules;
        std::vector<fs::path> paths(selection.begin(), selection.end());
        if (selection.empty()) {
            selection = requested_packs(loaded);
            const fs::path root = bundled_rules_root();
            paths.clear();
            for (const auto& name : selection) {
                std::error_code ec;
                if (!fs::is_directory(root / name, ec))
                    throw UsageError{render_input_error(loaded, "/rule_packs", "DC503",
                                                        "unknown rule pack '" + name + "'")};
                paths.push_back(root / name);
            }
        }
        auto found = rule_sets.find(selection);
        if (found == rule_sets.end()) {
            auto rules = load_or_report(paths);
            if (!rules) return exit_error;
            found = rule_sets.emplace(selection, std::move(*rules)).first;
            for (const auto& pack : found->second.rules->packs)
                if (std::find(pack_names.begin(), pack_names.end(), pack.name) == pack_names.end())
                    pack_names.push_back(pack.name);
        }
        const engine::RuleSet& rules = *found->second.rules;
        auto params = engine::resolve_parameters(rules, *loaded.document, options.params);
        if (auto* error = std::get_if<engine::InputError>(&params)) {
            if (error->pointer.empty()) throw UsageError{error->message};
            throw UsageError{render_input_error(loaded, error->pointer, "DC503", error->message)};
        }
        results.push_back(engine::evaluate(rules, *loaded.document, std::get<std::vector<engine::Value>>(params),
                                           as_of, loaded.path));
    }

    std::ostringstream out;
    if (options.format == "json") {
        report::JsonReportInfo info;
        info.tool_version = DUTYCHECK_VERSION;
        info.as_of = engine::format_date(as_of);
        info.rule_packs = pack_names;
        report::write_json(out, results, info);
    } else {
        report::TextOptions text;
        text.show_all = options.show_all;
        text.colour = options.colour == "always" ||
                      (options.colour == "auto" && isatty(STDOUT_FILENO) && std::getenv("NO_COLOR") == nullptr);
        report::write_text(out, results, text);
    }
    std::cout << out.str() << std::flush;

    const std::size_t threshold = severity_rank(options.fail_on);
    for (const auto& result : results)
        for (const auto& finding : result.findings)
            if ((finding.status == engine::Status::unmet || finding.status == engine::Status::unknown) &&
                static_cast<std::size_t>(finding.rule->severity) >= threshold)
                return exit_findings;
    return exit_ok;
}

}  // namespace dutycheck::tools
