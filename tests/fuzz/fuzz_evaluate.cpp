// libFuzzer target: every bundled rule pack evaluated over fuzzed partnership files, rendered in every format.
#include "engine/engine.hpp"
#include "engine/loader.hpp"
#include "report/formats.hpp"

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <sstream>
#include <string>

namespace {

// Loaded once: the packs are the fixed part, the document is what is fuzzed. Every bundled pack,
// through the engine's entry point, as `dutycheck check --rules` would run them.
const dutycheck::engine::Engine& bundled_engine() {
    static const auto engine = [] {
        std::vector<std::filesystem::path> packs;
        for (const auto& entry : std::filesystem::recursive_directory_iterator(DUTYCHECK_SOURCE_RULES_DIR))
            if (entry.path().filename() == "pack.rules") packs.push_back(entry.path().parent_path());
        auto result = dutycheck::engine::load_rule_packs(packs);
        if (!result.ok()) __builtin_trap();
        dutycheck::engine::EngineOptions options;
        options.as_of = dutycheck::engine::make_date(2026, 1, 1);
        options.explain_rules = {"lpg-mandatory-membership"};
        options.trace_rule = "lpg-mandatory-membership";
        options.limits.max_depth = 256;
        return std::make_unique<const dutycheck::engine::Engine>(
            std::shared_ptr<const dutycheck::engine::RuleSet>(std::move(result.rules)), options);
    }();
    return *engine;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace dutycheck;
    auto outcome = bundled_engine().check_text("fuzz.json", std::string(reinterpret_cast<const char*>(data), size));
    if (!outcome.ok()) return 0;
    const std::vector<engine::DocumentResult> results{std::move(*outcome.result)};
    const report::ReportInfo info{"fuzz", "2026-01-01", {}};
    for (const auto& format : report::format_names()) {
        std::ostringstream out;
        report::write_report(out, format, results, info, {});
    }
    return 0;
}
