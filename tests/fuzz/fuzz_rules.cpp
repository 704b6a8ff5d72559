// libFuzzer target: rule text through the parser and the checker (no crash, no hang, no leak).
#include "engine/loader.hpp"

#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    // Imports resolve against a folder with no rule files, so they fail cleanly as DC401.
    const auto loaded = dutycheck::engine::load_rule_text("fuzz.rules", text, "/nonexistent-dutycheck-fuzz");
    for (const auto& diagnostic : loaded.diagnostics) (void)dutycheck::dsl::render(diagnostic);
    return 0;
}
