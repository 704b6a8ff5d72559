// Helpers shared by the test files: reading fixtures, loading packs, evaluating text.
#pragma once

#include "engine/evaluator.hpp"
#include "engine/loader.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace dutycheck::testing {

inline const std::filesystem::path source_dir{DUTYCHECK_SOURCE_DIR};

inline std::string read_text(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

inline engine::Document parse_document(const std::string& json) {
    auto parsed = engine::parse_json_document(json);
    REQUIRE(parsed.document);
    return std::move(*parsed.document);
}

/// Renders every diagnostic of a load, for whole-message comparisons.
inline std::string rendered(const engine::LoadResult& loaded) {
    std::string out;
    for (const auto& d : loaded.diagnostics) out += dsl::render(d);
    return out;
}

/// Evaluates rules (given as text) against a JSON document with default parameters.
inline engine::DocumentResult evaluate_text(const engine::LoadResult& loaded, const std::string& json,
                                            const char* as_of = "2026-01-01") {
    REQUIRE(loaded.ok());
    const engine::Document doc = parse_document(json);
    auto params = engine::resolve_parameters(*loaded.rules, doc, {});
    REQUIRE(std::holds_alternative<std::vector<engine::Value>>(params));
    return engine::evaluate(*loaded.rules, doc, std::get<std::vector<engine::Value>>(params),
                            *engine::parse_date(as_of), "test.json");
}

}  // namespace dutycheck::testing
