// The schema checker against the official JSON-Schema-Test-Suite, for the keywords it implements.
#include "engine/schema_check.hpp"
#include "test_support.hpp"

#include <nlohmann/json.hpp>

#include <map>
#include <set>

using namespace dutycheck;

namespace {

// Draft 7 is the newest draft in Debian 12's json-schema-test-suite (2.0.0) and the closest to
// the partnership schema's 2020-12: the keywords below mean the same in both, except where a
// skip says otherwise.
const std::filesystem::path suite = std::filesystem::path(DUTYCHECK_SCHEMA_TEST_SUITE) / "draft7";

// The files of the keyword groups the checker implements, each run whole but for the skips.
const std::vector<std::string> files{"type", "enum", "const", "required", "minimum", "maximum", "pattern",
                                     "minItems", "uniqueItems", "properties", "items", "ref", "default"};

// Test groups (file: description) not run, and why. Each must exist in the suite.
const std::map<std::string, std::string> skipped{
    {"properties: properties, patternProperties, additionalProperties interaction",
     "patternProperties, additionalProperties and maxItems are not implemented"},
    {"items: an array of schemas for items", "the tuple form of items (prefixItems in 2020-12) is not implemented"},
    {"items: items with boolean schemas", "the tuple form of items (prefixItems in 2020-12) is not implemented"},
    {"ref: root pointer ref", "additionalProperties is not implemented"},
    {"ref: relative pointer ref to array", "the tuple form of items (prefixItems in 2020-12) is not implemented"},
    {"ref: ref overrides any sibling keywords",
     "draft 7 ignores the siblings of $ref, 2020-12 applies them; and maxItems is not implemented"},
    {"ref: escaped pointer ref",
     "its subschemas sit under made-up keywords, which the checker refuses rather than ignores (escaped "
     "pointers are tested in schema_test.cpp)"},
    {"ref: remote ref, containing refs itself", "remote references are not implemented"},
    {"ref: Recursive references between schemas",
     "references relative to an $id ($ref \"node\") are not implemented, only fragments (\"#/...\")"},
    {"default: invalid string value for default", "minLength is not implemented"},
};

}  // namespace

TEST_CASE("the schema checker passes the JSON-Schema-Test-Suite's cases for the keywords it implements",
          "[schema][suite]") {
    INFO("the suite: " << suite.string() << " (Debian's json-schema-test-suite; scripts/install-deps)");
    REQUIRE(std::filesystem::is_directory(suite));
    std::size_t run = 0, passed = 0, skipped_cases = 0;
    std::set<std::string> seen;
    for (const auto& file : files) {
        const auto groups = nlohmann::json::parse(dutycheck::testing::read_text(suite / (file + ".json")));
        for (const auto& group : groups) {
            const std::string name = file + ": " + group["description"].get<std::string>();
            seen.insert(name);
            if (skipped.count(name) == 1) {
                skipped_cases += group["tests"].size();
                continue;
            }
            INFO(name);
            std::optional<engine::SchemaChecker> checker;
            try {
                checker.emplace(group["schema"]);
            } catch (const engine::SchemaError& error) {
                FAIL_CHECK("the checker refuses the schema, and the group is not in the skip list: " << error.what());
                continue;
            }
            for (const auto& test : group["tests"]) {
                INFO(test["description"].get<std::string>() << ": " << test["data"].dump());
                ++run;
                auto parsed = engine::parse_json_document(test["data"].dump());
                REQUIRE(parsed.document);
                const bool valid = checker->check(*parsed.document).empty();
                CHECK(valid == test["valid"].get<bool>());
                passed += valid == test["valid"].get<bool>();
            }
        }
    }
    // A skip names a group the suite has, so the list cannot outlive what it skips.
    for (const auto& [name, reason] : skipped) {
        INFO(name << " (" << reason << ")");
        CHECK(seen.count(name) == 1);
    }
    WARN("JSON-Schema-Test-Suite draft 7: " << run << " cases run, " << passed << " passed; " << skipped_cases
                                            << " cases in " << skipped.size() << " groups skipped");
    CHECK(run >= 130);
}
