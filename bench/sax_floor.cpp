// The parse-speed floor: read a file whole and run nlohmann's SAX parser over it with a handler
// that does nothing (json::accept). dutycheck's own reader is built on the same parser, so this
// is what checking a file could cost at the very least with it.
#include <cstdio>
#include <fstream>
#include <string>

#include <nlohmann/json.hpp>

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: dutycheck_sax_floor FILE\n");
        return 2;
    }
    std::ifstream in(argv[1], std::ios::binary | std::ios::ate);
    if (!in) return 2;
    std::string text(static_cast<std::size_t>(in.tellg()), '\0');
    in.seekg(0);
    in.read(text.data(), static_cast<std::streamsize>(text.size()));
    return nlohmann::json::accept(text) ? 0 : 1;
}
