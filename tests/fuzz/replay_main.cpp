// Replays inputs through a fuzz target without libFuzzer: each file named on the command line, and
// every file under each folder named, goes once through LLVMFuzzerTestOneInput. Linked with the
// targets when they are not built for fuzzing, so any compiler builds them and ctest replays
// tests/fuzz/regressions/ with them; a crash, a sanitizer report or a trap fails the test.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <system_error>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

int main(int argc, char** argv) {
    namespace fs = std::filesystem;
    std::vector<fs::path> inputs;
    for (int i = 1; i < argc; ++i) {
        const fs::path given(argv[i]);
        std::error_code ec;
        if (!fs::is_directory(given, ec)) {
            inputs.push_back(given);
            continue;
        }
        std::vector<fs::path> found;
        for (const auto& entry : fs::recursive_directory_iterator(given, ec))
            if (entry.is_regular_file()) found.push_back(entry.path());
        if (ec) {
            std::cerr << given.string() << ": cannot list the folder: " << ec.message() << "\n";
            return 2;
        }
        std::sort(found.begin(), found.end());
        inputs.insert(inputs.end(), found.begin(), found.end());
    }
    // No inputs is a mistake in the test's set-up, not a pass.
    if (inputs.empty()) {
        std::cerr << "usage: " << (argc > 0 ? argv[0] : "replay") << " FILE|DIR...  (found no input to replay)\n";
        return 2;
    }
    for (const auto& path : inputs) {
        std::ifstream in(path, std::ios::binary);
        if (!in) {
            std::cerr << path.string() << ": cannot read\n";
            return 2;
        }
        const std::vector<char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        // Named before it runs, so the input that crashes is the last one in the log.
        std::cout << "replaying " << path.string() << " (" << bytes.size() << " bytes)" << std::endl;
        static const std::uint8_t empty = 0;
        const auto* data = bytes.empty() ? &empty : reinterpret_cast<const std::uint8_t*>(bytes.data());
        LLVMFuzzerTestOneInput(data, bytes.size());
    }
    std::cout << "replayed " << inputs.size() << " input(s)\n";
    return 0;
}
