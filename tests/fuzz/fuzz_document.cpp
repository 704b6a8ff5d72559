// libFuzzer target: partnership-file text through the JSON reader, positions and the input checks.
#include "engine/document.hpp"
#include "engine/schema_check.hpp"
#include "engine/waivers.hpp"

#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace dutycheck::engine;
    const std::string text(reinterpret_cast<const char*>(data), size);
    DocumentLimits limits;
    limits.max_depth = 256;
    const ParsedDocument parsed = parse_json_document(text, limits);
    if (!parsed.document) return 0;
    const Document& doc = *parsed.document;
    (void)check_document_shape(doc);
    (void)check_against_schema(doc);
    (void)read_waivers(doc);
    // Every node's pointer leads back to it, and positions stay inside the text.
    for (NodeId node = 0; node < doc.node_count(); ++node) {
        const std::string pointer = doc.pointer(node);
        const auto found = doc.find(pointer);
        if (!found || *found != node) __builtin_trap();
        (void)doc.nearest(pointer + "/missing/0");
    }
    return 0;
}
