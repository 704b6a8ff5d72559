// The engine and Debian's python3-jsonschema agree on which partnership files are valid: every
// fixture, and every variant of each (tests/variants.hpp).
#include "engine/schema_check.hpp"
#include "test_support.hpp"
#include "variants.hpp"

#include <chrono>

using namespace dutycheck;
using dutycheck::testing::source_dir;
using dutycheck::testing::VariantJson;

namespace {

// Whether the engine reads a file's text as a partnership file: JSON, its shape and format, and
// the schema; the stages before rule packs are chosen.
bool engine_accepts(const std::string& text) {
    const auto parsed = engine::parse_json_document(text);
    return parsed.document && !engine::check_document_shape(*parsed.document) &&
           engine::check_against_schema(*parsed.document, 1).empty();
}

// Every *.json under fixtures/ and the packs' cases, the deliberately invalid ones included.
std::vector<std::filesystem::path> all_fixtures() {
    std::vector<std::filesystem::path> files;
    for (const auto& root : dutycheck::testing::fixture_folders())
    for (const auto& entry : std::filesystem::recursive_directory_iterator(root))
        if (entry.is_regular_file() && entry.path().extension() == ".json") files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    return files;
}

}  // namespace

TEST_CASE("the engine and python3-jsonschema agree on every fixture and every variant of it",
          "[schema][differential]") {
    const auto start = std::chrono::steady_clock::now();
    // One line for python3-jsonschema per file and per variant (tests/schema/verdicts.py says
    // how a variant is written: the value it replaces), and the engine's verdict on each, in step.
    const auto lines_path = std::filesystem::temp_directory_path() /
                            ("dutycheck-variants-" + std::to_string(getpid()) + ".jsonl");
    std::ofstream lines(lines_path, std::ios::binary);
    std::vector<std::string> what;
    std::vector<bool> engine_verdicts;
    for (const auto& path : all_fixtures()) {
        const std::string file = std::filesystem::relative(path, source_dir).generic_string();
        const VariantJson original = VariantJson::parse(dutycheck::testing::read_text(path));
        lines << VariantJson{{"document", original}}.dump() << '\n';
        what.push_back(file);
        engine_verdicts.push_back(engine_accepts(original.dump()));
        dutycheck::testing::for_each_variant(original, [&](const dutycheck::testing::Variant& variant) {
            // The value that holds the change: a deleted member's object, an added element's list.
            const bool in_parent = variant.kind == "deleted" || variant.kind == "duplicated element" ||
                                   variant.kind == "null element";
            const auto at = in_parent ? variant.pointer.parent_pointer() : variant.pointer;
            lines << VariantJson{{"at", at.to_string()}, {"value", variant.document.at(at)}}.dump() << '\n';
            what.push_back(file + ": " + std::string(variant.kind) + " " + variant.pointer.to_string());
            engine_verdicts.push_back(engine_accepts(variant.document.dump()));
        });
    }
    lines.close();
    const auto run = dutycheck::testing::shell_run("'" DUTYCHECK_PYTHON "' tests/schema/verdicts.py < '" +
                                                   lines_path.string() + "'");
    std::filesystem::remove(lines_path);
    INFO(run.err);
    REQUIRE(run.exit_code == 0);

    std::istringstream verdicts(run.out);
    std::vector<std::string> disagreements;
    std::size_t count = 0, valid = 0;
    for (std::string verdict; std::getline(verdicts, verdict); ++count) {
        REQUIRE(count < what.size());
        const bool python_accepts = verdict == "valid";
        valid += python_accepts;
        if (python_accepts != engine_verdicts[count])
            disagreements.push_back(what[count] + ": python3-jsonschema says " + verdict + ", the engine " +
                                    (engine_verdicts[count] ? "valid" : "invalid"));
    }
    REQUIRE(count == what.size());
    std::string shown;
    for (std::size_t i = 0; i < std::min<std::size_t>(disagreements.size(), 30); ++i) shown += disagreements[i] + "\n";
    INFO(disagreements.size() << " disagreements:\n" << shown);
    CHECK(disagreements.empty());
    const auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    WARN(count << " files and variants, " << valid << " valid, " << count - valid << " invalid; " << seconds << " s");
    CHECK(count >= 80000);
}
