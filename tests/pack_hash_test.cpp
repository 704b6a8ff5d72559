// The content hash of a rule pack: what reports record so that a run can be reproduced.
#include <catch2/catch.hpp>

#include "engine/loader.hpp"
#include "test_support.hpp"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <string>

namespace engine = dutycheck::engine;

namespace {

// A pack with an import in a subfolder, so that the hash covers more than the entry file.
std::filesystem::path write_pack(const std::string& name, const std::string& entry, const std::string& imported) {
    const auto dir = dutycheck::testing::fresh_dir(name);
    std::filesystem::create_directories(dir / "p" / "sub");
    std::ofstream(dir / "p" / "pack.rules", std::ios::binary) << entry;
    std::ofstream(dir / "p" / "sub" / "a.rules", std::ios::binary) << imported;
    return dir;
}

std::string hash_of(const std::filesystem::path& pack) {
    const auto loaded = engine::load_rule_packs({pack});
    REQUIRE(loaded.ok());
    REQUIRE(loaded.rules->packs.size() == 1);
    return loaded.rules->packs[0].sha256;
}

const std::string entry = "pack \"p\" version \"1.0\"\nimport \"sub/a.rules\"\n";

}  // namespace

TEST_CASE("a pack's hash is SHA-256 over its files in load order: path, NUL, bytes, NUL", "[packs]") {
    const auto dir = write_pack("dutycheck-pack-hash", entry, "# nothing yet\n");
    // Computed independently (Python's hashlib) from the definition in docs/report-format.md.
    CHECK(hash_of(dir / "p") == "78d1d538a6b28b9c67155c963a90f18851056753e68c8eaeb92e754dee6655d7");
    // Loading the same content again, from elsewhere, gives the same hash: it does not depend on
    // where the pack lies, only on what it holds.
    const auto copy = write_pack("dutycheck-pack-hash-copy", entry, "# nothing yet\n");
    CHECK(hash_of(copy / "p") == hash_of(dir / "p"));
    std::filesystem::remove_all(dir);
    std::filesystem::remove_all(copy);
}

TEST_CASE("changing one byte of any file of a pack changes its hash", "[packs]") {
    const auto dir = write_pack("dutycheck-pack-hash-byte", entry, "# nothing yet\n");
    const std::string before = hash_of(dir / "p");
    CHECK(hash_of(dir / "p") == before);  // stable while nothing changes
    std::ofstream(dir / "p" / "sub" / "a.rules", std::ios::binary) << "# nothing yet!";
    const std::string imported_changed = hash_of(dir / "p");
    CHECK(imported_changed != before);
    std::ofstream(dir / "p" / "sub" / "a.rules", std::ios::binary) << "# nothing yet\n";
    CHECK(hash_of(dir / "p") == before);
    std::ofstream(dir / "p" / "pack.rules", std::ios::binary) << entry << " ";
    CHECK(hash_of(dir / "p") != before);
    std::filesystem::remove_all(dir);
}

TEST_CASE("a check's JSON report records the hash of each bundled pack it loaded", "[packs][cli]") {
    const auto run = dutycheck::testing::dutycheck_run(
        "check --format json --as-of 2026-01-01 --fail-on none fixtures/inverclyde-2019.json");
    REQUIRE(run.exit_code == 0);
    const auto report = nlohmann::json::parse(run.out);
    const auto rules = dutycheck::testing::source_dir / "rules";
    REQUIRE(report["packs"].size() == 2);
    CHECK(report["packs"][0]["name"] == "scotland");
    CHECK(report["packs"][0]["sha256"] == hash_of(rules / "scotland"));
    CHECK(report["packs"][1]["name"] == "local/inverclyde");
    CHECK(report["packs"][1]["sha256"] == hash_of(rules / "local" / "inverclyde"));
    CHECK(report["packs"][0]["sha256"] != report["packs"][1]["sha256"]);
}
