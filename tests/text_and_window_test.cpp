// The string builtins (contains, starts_with, lower, trim) and the date window (within_months):
// met, unmet, and unknown for text or dates that record nothing.
#include "test_support.hpp"

using namespace dutycheck;
using dutycheck::testing::evaluate_text;
using dutycheck::testing::one_rule;
using dutycheck::testing::partnership_text;
using dutycheck::testing::rendered;

namespace {

engine::Missing not_recorded(const char* pointer) { return {pointer, engine::MissingReason::not_recorded, {}, {}}; }

const engine::Finding& only_finding(const engine::DocumentResult& result) {
    REQUIRE(result.findings.size() == 1);
    return result.findings[0];
}

std::string status_of(const std::string& logic, const std::string& body, const char* as_of = "2026-01-01") {
    const auto result = evaluate_text(one_rule(logic), partnership_text(body), as_of);
    return std::string(engine::to_string(only_finding(result).status));
}

// The message of an unmet `require false else "TEMPLATE"`: what an expression reads as.
std::string reads_as(const std::string& interpolated, const std::string& body) {
    const auto result = evaluate_text(one_rule("  require false else \"" + interpolated + "\""), partnership_text(body));
    return only_finding(result).message;
}

}  // namespace

TEST_CASE("contains finds words as people read them: case, spacing and invisible characters aside", "[builtins]") {
    const std::string body = R"("x": {"name": "Aberdeen City  Council\u200b"})";
    CHECK(status_of("  require contains(x.name, \"city council\")", body) == "met");
    CHECK(status_of("  require contains(x.name, \"CITY\")", body) == "met");
    CHECK(status_of("  require contains(x.name, \"Dundee\")", body) == "unmet");
    // Inside a word too: whole words are matches()'s.
    CHECK(status_of("  require contains(x.name, \"counc\")", body) == "met");
}

TEST_CASE("contains on text that records nothing is unknown, never a false that passes", "[builtins]") {
    // Absent.
    auto result = evaluate_text(one_rule("  require not contains(x.status, \"draft\")"), partnership_text(R"("x": {})"));
    CHECK(only_finding(result).status == engine::Status::unknown);
    CHECK(only_finding(result).missing == std::vector<engine::Missing>{not_recorded("/x/status")});
    // Blank: a no-break space and a zero-width space are not a status.
    result = evaluate_text(one_rule("  require not contains(x.status, \"draft\")"),
                           partnership_text(R"("x": {"status": "\u00a0\u200b"})"));
    CHECK(only_finding(result).status == engine::Status::unknown);
    CHECK(only_finding(result).missing == std::vector<engine::Missing>{not_recorded("/x/status")});
    // A blank part asks nothing.
    CHECK(status_of("  require contains(x.status, \" \")", R"("x": {"status": "final"})") == "unknown");
}

TEST_CASE("contains takes text: a list is a type error that says so at load", "[builtins]") {
    const auto loaded = one_rule("  require contains([\"a\", \"b\"], \"a\")");
    CHECK(rendered(loaded) ==
          "t.rules:6:20: error[DC301]: argument 1 of 'contains' must be a string, but this is a list of strings\n"
          "   6 |   require contains([\"a\", \"b\"], \"a\")\n"
          "     |                    ^~~~~~~~~~\n");
    // At run time, a list where text is needed is unknown with the pointer.
    const auto result = evaluate_text(one_rule("  require contains(x.names, \"a\")"),
                                      partnership_text(R"("x": {"names": ["a"]})"));
    CHECK(only_finding(result).status == engine::Status::unknown);
    CHECK(only_finding(result).missing ==
          std::vector<engine::Missing>{{"/x/names", engine::MissingReason::wrong_type, "a string", "a list"}});
}

TEST_CASE("starts_with compares the beginning as contains compares; blank or absent text is unknown", "[builtins]") {
    const std::string body = R"("x": {"to": "  nhs Highland"})";
    CHECK(status_of("  require starts_with(x.to, \"NHS\")", body) == "met");
    CHECK(status_of("  require starts_with(x.to, \"Highland\")", body) == "unmet");
    CHECK(status_of("  require not starts_with(x.to, \"NHS\")", R"("x": {"to": "\u00a0"})") == "unknown");
    CHECK(status_of("  require starts_with(x.to, \"NHS\")", R"("x": {})") == "unknown");
}

TEST_CASE("lower gives each letter in lower case, in NFC; trim drops invisible characters at the ends", "[builtins]") {
    CHECK(reads_as("{lower(x.name)}", R"("x": {"name": "ANN Smith ÀÉ Straße"})") == "ann smith àé straße");
    // A decomposed "é" (e and a combining accent) comes out composed.
    CHECK(reads_as("{lower(x.name)}", R"("x": {"name": "E\u0301"})") == "\u00e9");
    CHECK(reads_as("[{trim(x.name)}]", R"("x": {"name": "\u200b Ann  Smith \u00a0\ufeff"})") == "[Ann  Smith]");
    // Blank text is "", as it reads everywhere.
    CHECK(reads_as("[{trim(x.name)}]", R"("x": {"name": "\u00a0"})") == "[]");
    CHECK(status_of("  require length(trim(x.name)) == 3", R"("x": {"name": " Ann\u200b"})") == "met");
    CHECK(status_of("  require lower(x.name) < \"b\"", R"("x": {})") == "unknown");
    CHECK(status_of("  require trim(x.name) != \"\"", R"("x": {})") == "unknown");
}

TEST_CASE("within_months: the N months that end on the as-of date, from the day after the same day N months before",
          "[builtins][dates]") {
    // As of 2026-01-01, twelve months run from 2025-01-02 to 2026-01-01.
    const auto within = [](const char* date) {
        return status_of("  require within_months(x.when, 12)", std::string(R"("x": {"when": ")") + date + "\"}");
    };
    CHECK(within("2025-06-30") == "met");
    CHECK(within("2026-01-01") == "met");
    CHECK(within("2025-01-02") == "met");
    CHECK(within("2025-01-01") == "unmet");
    CHECK(within("2024-12-31") == "unmet");
    // A date after the as-of date is not within the months before it.
    CHECK(within("2026-01-02") == "unmet");
    CHECK(status_of("  require within_months(2026-06-01, 12)", "") == "unmet");
    // Absent: unknown.
    const auto result = evaluate_text(one_rule("  require within_months(x.when, 12)"), partnership_text(R"("x": {})"));
    CHECK(only_finding(result).status == engine::Status::unknown);
    CHECK(only_finding(result).missing == std::vector<engine::Missing>{not_recorded("/x/when")});
}

TEST_CASE("within_months: an event later than the as-of date is not recorded yet, and an event's month decides only "
          "when all its days agree",
          "[builtins][dates]") {
    // The plan is published after the as-of date: as of then it is not recorded, so never within.
    CHECK(status_of("  require within_months(strategic_plan.published, 12)",
                    R"("strategic_plan": {"published": "2026-03-01"})") == "unknown");
    // Published in January 2025; as of 2026-01-15 the window begins on 2025-01-16, inside that month.
    CHECK(status_of("  require within_months(strategic_plan.published, 12)",
                    R"("strategic_plan": {"published": "2025-01"})", "2026-01-15") == "unknown");
    CHECK(status_of("  require within_months(strategic_plan.published, 12)",
                    R"("strategic_plan": {"published": "2025-01"})", "2026-02-15") == "unmet");
    CHECK(status_of("  require within_months(strategic_plan.published, 12)",
                    R"("strategic_plan": {"published": "2025-01"})", "2025-12-31") == "met");
}

TEST_CASE("within_months takes a whole number of months from 1 to 1200; any other is unknown, out of range",
          "[builtins][dates]") {
    const std::string body = R"("x": {"when": "2025-06-30"})";
    for (const char* months : {"0", "-1", "1.5", "1201"}) {
        INFO(months);
        const auto result =
            evaluate_text(one_rule(std::string("  require within_months(x.when, ") + months + ")"), partnership_text(body));
        CHECK(only_finding(result).status == engine::Status::unknown);
        REQUIRE(only_finding(result).missing.size() == 1);
        CHECK(only_finding(result).missing[0].reason == engine::MissingReason::out_of_range);
        CHECK(only_finding(result).missing[0].expected == "a whole number of months from 1 to 1200");
    }
    CHECK(status_of("  require within_months(x.when, 1200)", body) == "met");
    CHECK(status_of("  require within_months(x.when, 1)", body) == "unmet");
}
