// libFuzzer target: every bundled rule pack evaluated over fuzzed partnership files, rendered in every format.
#include "engine/evaluator.hpp"
#include "engine/loader.hpp"
#include "engine/schema_check.hpp"
#include "report/formats.hpp"

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <sstream>
#include <string>

namespace {

// Loaded once: the packs are the fixed part, the document is what is fuzzed.
const dutycheck::engine::RuleSet& bundled_rules() {
    static const auto loaded = [] {
        std::vector<std::filesystem::path> packs;
        for (const auto& entry : std::filesystem::recursive_directory_iterator(DUTYCHECK_SOURCE_RULES_DIR))
            if (entry.path().filename() == "pack.rules") packs.push_back(entry.path().parent_path());
        auto result = dutycheck::engine::load_rule_packs(packs);
        if (!result.ok()) __builtin_trap();
        return result;
    }();
    return *loaded.rules;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace dutycheck;
    const std::string text(reinterpret_cast<const char*>(data), size);
    engine::DocumentLimits limits;
    limits.max_depth = 256;
    const engine::ParsedDocument parsed = engine::parse_json_document(text, limits);
    if (!parsed.document) return 0;
    const engine::Document& doc = *parsed.document;
    if (engine::check_document_shape(doc) || !engine::check_against_schema(doc, 1).empty()) return 0;
    const engine::RuleSet& rules = bundled_rules();
    auto params = engine::resolve_parameters(rules, doc, {});
    auto waivers = engine::read_waivers(doc);
    if (std::holds_alternative<engine::InputError>(params) || std::holds_alternative<engine::InputError>(waivers))
        return 0;
    engine::EvaluationOptions options;
    options.as_of = engine::make_date(2026, 1, 1);
    options.waivers = std::get<std::vector<engine::Waiver>>(waivers);
    options.explain_rule = "lpg-mandatory-membership";
    const auto result = engine::evaluate(rules, doc, std::get<std::vector<engine::Value>>(params), options, "fuzz.json");
    const std::vector<engine::DocumentResult> results{result};
    const report::ReportInfo info{"fuzz", "2026-01-01", {}};
    for (const auto& format : report::format_names()) {
        std::ostringstream out;
        report::write_report(out, format, results, info, {});
    }
    return 0;
}
