// In-process timings of the engine's phases with Google Benchmark: loading the bundled packs,
// reading a partnership file, checking its shape, and evaluating every bundled pack over it.
// bench/run passes the file (the benchmark's realistic partnership) as DUTYCHECK_BENCH_FILE;
// without it, the bundled Inverclyde file is used.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "engine/date.hpp"
#include "engine/document.hpp"
#include "engine/evaluator.hpp"
#include "engine/loader.hpp"
#include "engine/parameters.hpp"
#include "engine/schema_check.hpp"

namespace {

namespace fs = std::filesystem;
using namespace dutycheck;

const fs::path source_dir{DUTYCHECK_SOURCE_DIR};

std::vector<fs::path> bundled_packs() {
    std::vector<fs::path> packs{source_dir / "rules" / "scotland"};
    for (const auto& entry : fs::directory_iterator(source_dir / "rules" / "local")) packs.push_back(entry.path());
    return packs;
}

std::string partnership_text() {
    const char* chosen = std::getenv("DUTYCHECK_BENCH_FILE");
    const fs::path path = chosen ? fs::path(chosen) : source_dir / "fixtures" / "inverclyde-2019.json";
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path.string());
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

engine::Document parsed(const std::string& text) {
    auto result = engine::parse_json_document(text);
    if (!result.document) throw std::runtime_error("the benchmark file is not a valid partnership file");
    return std::move(*result.document);
}

void load_bundled_packs(benchmark::State& state) {
    const auto packs = bundled_packs();
    for (auto _ : state) {
        auto loaded = engine::load_rule_packs(packs);
        benchmark::DoNotOptimize(loaded);
    }
}
BENCHMARK(load_bundled_packs)->Unit(benchmark::kMillisecond);

void read_document(benchmark::State& state) {
    const std::string text = partnership_text();
    for (auto _ : state) {
        auto result = engine::parse_json_document(text);
        benchmark::DoNotOptimize(result);
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
}
BENCHMARK(read_document)->Unit(benchmark::kMicrosecond);

void check_shape(benchmark::State& state) {
    const engine::Document doc = parsed(partnership_text());
    for (auto _ : state) {
        auto problems = engine::check_against_schema(doc);
        benchmark::DoNotOptimize(problems);
    }
}
BENCHMARK(check_shape)->Unit(benchmark::kMicrosecond);

void evaluate_bundled_packs(benchmark::State& state) {
    const engine::Document doc = parsed(partnership_text());
    const auto loaded = engine::load_rule_packs(bundled_packs());
    if (!loaded.ok()) throw std::runtime_error("the bundled packs do not load");
    const auto params = engine::resolve_parameters(*loaded.rules, doc, {});
    const auto& values = std::get<std::vector<engine::Value>>(params);
    engine::EvaluationOptions options;
    options.as_of = *engine::parse_date("2026-01-01");
    for (auto _ : state) {
        auto result = engine::evaluate(*loaded.rules, doc, values, options, "bench.json");
        benchmark::DoNotOptimize(result);
    }
}
BENCHMARK(evaluate_bundled_packs)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
