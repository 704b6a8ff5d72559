// Tests for the Document model and parse_json_document: structure, pointers, positions, rejections.
#include <catch2/catch.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "dsl/utf8.hpp"
#include "engine/document.hpp"
#include "engine/json_pointer.hpp"

using namespace dutycheck::engine;

namespace {

Document parse_ok(std::string_view text, const DocumentLimits& limits = {}) {
    ParsedDocument parsed = parse_json_document(text, limits);
    if (parsed.error) FAIL("unexpected error: " << parsed.error->message);
    REQUIRE(parsed.document);
    return std::move(*parsed.document);
}

/// A parse error, with the line and column its byte offset has in the text (0:0 without one),
/// worked out by the same SourceFile that renders diagnostics.
struct Failure : DocumentError {
    dutycheck::dsl::LineColumn position{0, 0};
};

Failure parse_fails(std::string_view text, const DocumentLimits& limits = {}) {
    ParsedDocument parsed = parse_json_document(text, limits);
    REQUIRE_FALSE(parsed.document);
    REQUIRE(parsed.error);
    Failure failure{*parsed.error};
    if (failure.offset) failure.position = dutycheck::dsl::SourceFile("", std::string(text)).line_column(*failure.offset);
    return failure;
}

// Member lookup that fails the test instead of returning nullopt.
NodeId at(const Document& doc, NodeId object, std::string_view name) {
    const auto found = doc.member(object, name);
    REQUIRE(found);
    return *found;
}

}  // namespace

TEST_CASE("nested objects and arrays keep their kinds, values and children in file order") {
    const Document doc = parse_ok(R"({"name": "Inverclyde", "count": 3, "rate": -1.5e2, "active": true,
        "closed": false, "note": null, "localities": [{"id": 1}, [], {}, "x"]})");
    const NodeId root = doc.root();
    REQUIRE(doc.kind(root) == NodeKind::object);
    REQUIRE(doc.size(root) == 7);

    CHECK(doc.key(doc.child(root, 0)) == "name");
    CHECK(doc.key(doc.child(root, 6)) == "localities");
    CHECK(doc.as_string(at(doc, root, "name")) == "Inverclyde");
    CHECK(doc.kind(at(doc, root, "count")) == NodeKind::number);
    CHECK(doc.as_number(at(doc, root, "count")) == 3.0);
    CHECK(doc.as_number(at(doc, root, "rate")) == -150.0);
    CHECK(doc.kind(at(doc, root, "active")) == NodeKind::boolean);
    CHECK(doc.as_bool(at(doc, root, "active")));
    CHECK_FALSE(doc.as_bool(at(doc, root, "closed")));
    CHECK(doc.kind(at(doc, root, "note")) == NodeKind::null);

    const NodeId localities = at(doc, root, "localities");
    REQUIRE(doc.kind(localities) == NodeKind::array);
    REQUIRE(doc.size(localities) == 4);
    const NodeId first = doc.child(localities, 0);
    CHECK(doc.kind(first) == NodeKind::object);
    CHECK(doc.as_number(at(doc, first, "id")) == 1.0);
    CHECK(doc.kind(doc.child(localities, 1)) == NodeKind::array);
    CHECK(doc.size(doc.child(localities, 1)) == 0);
    CHECK(doc.kind(doc.child(localities, 2)) == NodeKind::object);
    CHECK(doc.size(doc.child(localities, 2)) == 0);
    CHECK(doc.as_string(doc.child(localities, 3)) == "x");

    CHECK(doc.parent(first) == localities);
    CHECK(doc.parent(localities) == root);
    CHECK(doc.parent(root) == root);
    CHECK(doc.index_in_parent(doc.child(localities, 3)) == 3);
    CHECK(doc.index_in_parent(localities) == 6);
    CHECK(doc.node_count() == 13);
}

TEST_CASE("pointer() builds RFC 6901 pointers from parent links, escaping '~' and '/' in keys") {
    const Document doc = parse_ok(R"({"a": {"b/c": [10, {"m~n": true, "": 1, "~/~1": 2}]}})");
    const NodeId root = doc.root();
    CHECK(doc.pointer(root).empty());
    const NodeId a = at(doc, root, "a");
    CHECK(doc.pointer(a) == "/a");
    const NodeId list = at(doc, a, "b/c");
    CHECK(doc.pointer(list) == "/a/b~1c");
    CHECK(doc.pointer(doc.child(list, 0)) == "/a/b~1c/0");
    const NodeId inner = doc.child(list, 1);
    CHECK(doc.pointer(inner) == "/a/b~1c/1");
    CHECK(doc.pointer(at(doc, inner, "m~n")) == "/a/b~1c/1/m~0n");
    CHECK(doc.pointer(at(doc, inner, "")) == "/a/b~1c/1/");
    CHECK(doc.pointer(at(doc, inner, "~/~1")) == "/a/b~1c/1/~0~1~01");
}

TEST_CASE("a pointer is within itself and its ancestors, never a sibling that shares its start") {
    // Waivers, the pre-board check and the HTML matrix all ask this one question.
    CHECK(pointer_within("/localities/1/planning_group", "/localities/1"));
    CHECK(pointer_within("/localities/1", "/localities/1"));
    CHECK(pointer_within("/localities/1", ""));
    CHECK(pointer_within("", ""));
    CHECK_FALSE(pointer_within("/localities/10", "/localities/1"));
    CHECK_FALSE(pointer_within("/localities", "/localities/1"));
    CHECK_FALSE(pointer_within("", "/localities"));
    using Tokens = std::vector<std::string_view>;
    CHECK(pointer_tokens("") == Tokens{});
    CHECK(pointer_tokens("/a~1b/0/") == Tokens{"a~1b", "0", ""});
}

TEST_CASE("member() finds members by exact name and returns nothing for missing names or non-objects") {
    const Document doc = parse_ok(R"({"alpha": 1, "beta": [1, 2], "Alpha": 3, "s": "alpha"})");
    const NodeId root = doc.root();
    CHECK(doc.as_number(at(doc, root, "alpha")) == 1.0);
    CHECK(doc.as_number(at(doc, root, "Alpha")) == 3.0);
    CHECK_FALSE(doc.member(root, "gamma"));
    CHECK_FALSE(doc.member(root, "alph"));
    CHECK_FALSE(doc.member(at(doc, root, "beta"), "0"));  // arrays have no members
    CHECK_FALSE(doc.member(at(doc, root, "s"), "alpha"));  // nor do strings
}

TEST_CASE("key() is the member name, and empty for array elements and the root") {
    const Document doc = parse_ok(R"({"k": ["v"]})");
    const NodeId k = at(doc, doc.root(), "k");
    CHECK(doc.key(k) == "k");
    CHECK(doc.key(doc.child(k, 0)).empty());
    CHECK(doc.key(doc.root()).empty());
    CHECK(doc.as_string(k).empty());  // not a string
}

TEST_CASE("each node's position is its first character, and for members the value's, not the key's") {
    const std::string text =
        "{\n"
        "  \"name\": \"Inverclyde\",\n"
        "  \"localities\": [\n"
        "    {\"id\": 1, \"tags\": [\"a\", \"b\"]},\n"
        "    null\n"
        "  ],\n"
        "  \"ok\": true\n"
        "}\n";
    const Document doc = parse_ok(text);
    const auto expect_at = [&](NodeId node, std::uint32_t line, std::uint32_t column) {
        INFO("node " << doc.pointer(node));
        CHECK(doc.position(node).line == line);
        CHECK(doc.position(node).column == column);
    };
    const NodeId root = doc.root();
    expect_at(root, 1, 1);
    expect_at(at(doc, root, "name"), 2, 11);
    const NodeId localities = at(doc, root, "localities");
    expect_at(localities, 3, 17);
    const NodeId first = doc.child(localities, 0);
    expect_at(first, 4, 5);
    expect_at(at(doc, first, "id"), 4, 12);
    const NodeId tags = at(doc, first, "tags");
    expect_at(tags, 4, 23);
    expect_at(doc.child(tags, 0), 4, 24);
    expect_at(doc.child(tags, 1), 4, 29);
    expect_at(doc.child(localities, 1), 5, 5);
    expect_at(at(doc, root, "ok"), 7, 9);
}

TEST_CASE("columns are counted in Unicode code points, not bytes") {
    // "é" is 2 bytes, each CJK character 3, the emoji 4; "\u00e9" is six ASCII characters.
    const Document doc = parse_ok("{\"é\": \"日本語\", \"x\": 1, \"y\": [\"😀\", \"\\u00e9\", 2]}");
    const NodeId root = doc.root();
    const NodeId e = at(doc, root, "é");
    CHECK(doc.as_string(e) == "日本語");
    CHECK(doc.position(e).column == 7);
    CHECK(doc.position(at(doc, root, "x")).column == 19);
    const NodeId y = at(doc, root, "y");
    CHECK(doc.position(y).column == 27);
    CHECK(doc.position(doc.child(y, 0)).column == 28);
    CHECK(doc.position(doc.child(y, 1)).column == 33);
    CHECK(doc.as_string(doc.child(y, 1)) == "é");
    CHECK(doc.position(doc.child(y, 2)).column == 43);
}

TEST_CASE("escaped quotes and backslashes inside strings do not throw positions off") {
    const Document doc = parse_ok(R"({"a\"b": "x\\", "c": "\"\\\"", "d": 5})");
    const NodeId root = doc.root();
    CHECK(doc.key(doc.child(root, 0)) == "a\"b");
    CHECK(doc.as_string(doc.child(root, 0)) == "x\\");
    CHECK(doc.as_string(at(doc, root, "c")) == "\"\\\"");
    CHECK(doc.position(at(doc, root, "c")).column == 22);
    CHECK(doc.position(at(doc, root, "d")).column == 37);
}

TEST_CASE("CRLF line endings count as one line break") {
    const Document doc = parse_ok("{\r\n  \"a\": 1,\r\n\r\n\t\"b\": [true]\r\n}");
    CHECK(doc.position(at(doc, doc.root(), "a")).line == 2);
    CHECK(doc.position(at(doc, doc.root(), "a")).column == 8);
    CHECK(doc.position(at(doc, doc.root(), "b")).line == 4);
    CHECK(doc.position(at(doc, doc.root(), "b")).column == 7);
}

TEST_CASE("integers and floats both become numbers, and large or tiny values stay finite") {
    const Document doc = parse_ok(
        R"([0, -0, 42, -7, 18446744073709551615, 123456789012345678901234567890, 2.5, 1e3, -1E-2, 1e-400])");
    const NodeId root = doc.root();
    REQUIRE(doc.size(root) == 10);
    for (std::size_t i = 0; i < doc.size(root); ++i) CHECK(doc.kind(doc.child(root, i)) == NodeKind::number);
    CHECK(doc.as_number(doc.child(root, 2)) == 42.0);
    CHECK(doc.as_number(doc.child(root, 3)) == -7.0);
    CHECK(doc.as_number(doc.child(root, 4)) == Approx(1.8446744073709552e19));
    CHECK(doc.as_number(doc.child(root, 5)) == Approx(1.2345678901234568e29));
    CHECK(doc.as_number(doc.child(root, 6)) == 2.5);
    CHECK(doc.as_number(doc.child(root, 7)) == 1000.0);
    CHECK(doc.as_number(doc.child(root, 8)) == -0.01);
    CHECK(doc.as_number(doc.child(root, 9)) == 0.0);  // underflow is not an error
}

TEST_CASE("a top-level array or scalar parses; checking for an object is the caller's job") {
    CHECK(parse_ok("[1, 2]").kind(0) == NodeKind::array);
    const Document str = parse_ok("  \"text\"  ");
    CHECK(str.kind(0) == NodeKind::string);
    CHECK(str.as_string(0) == "text");
    CHECK(str.position(0).column == 3);
    CHECK(str.size(0) == 0);
    CHECK(str.pointer(0).empty());
    CHECK(parse_ok("3.5").as_number(0) == 3.5);
    CHECK(parse_ok("true").as_bool(0));
    CHECK(parse_ok("null").kind(0) == NodeKind::null);
    CHECK(parse_ok("\n\n  false").position(0).line == 3);
}

TEST_CASE("empty or whitespace-only input is an empty-file error at 1:1") {
    for (const std::string_view text : {std::string_view{}, std::string_view{"   "}, std::string_view{"\n\t\r\n "}}) {
        const Failure error = parse_fails(text);
        CHECK(error.message == "empty file: expected a JSON object");
        CHECK(error.position.line == 1);
        CHECK(error.position.column == 1);
    }
}

TEST_CASE("a UTF-8 byte-order mark is rejected with advice to save without it") {
    const Failure error = parse_fails("\xEF\xBB\xBF{\"a\": 1}");
    CHECK(error.message == "file starts with a UTF-8 byte-order mark; save it as UTF-8 without BOM");
    CHECK(error.position.line == 1);
    CHECK(error.position.column == 1);
    CHECK(parse_fails("\xEF\xBB\xBF").message.find("byte-order mark") != std::string::npos);
}

TEST_CASE("invalid JSON reports nlohmann's reason without its preamble, at the line and column where parsing stopped") {
    SECTION("missing comma between members: position of the last character read") {
        const Failure error = parse_fails("{\n  \"a\": 1\n  \"b\": 2\n}");
        CHECK(error.message == "invalid JSON: unexpected string literal; expected '}'");
        CHECK(error.position.line == 3);
        CHECK(error.position.column == 5);  // closing quote of "b"
        CHECK(error.pointer.empty());
    }
    SECTION("truncated input: just past the end") {
        const Failure error = parse_fails("[1, 2");
        CHECK(error.message == "invalid JSON: unexpected end of input; expected ']'");
        CHECK(error.position.line == 1);
        CHECK(error.position.column == 6);
    }
    SECTION("a misspelt literal after multi-byte characters: the column counts code points") {
        const Failure error = parse_fails("{\"é\": tru}");
        // nlohmann's "last read" text starts at the previous token; it is passed through as is.
        CHECK(error.message == "invalid JSON: invalid literal; last read: '\"é\": tru}'");
        CHECK(error.position.line == 1);
        CHECK(error.position.column == 10);
    }
    SECTION("a trailing comma") {
        const Failure error = parse_fails("{\"a\": 1,}");
        CHECK(error.message == "invalid JSON: unexpected '}'; expected string literal");
        CHECK(error.position.column == 9);
    }
    SECTION("content after the top-level value") {
        const Failure error = parse_fails("{} {}");
        CHECK(error.message == "invalid JSON: unexpected '{'; expected end of input");
        CHECK(error.position.column == 4);
    }
    SECTION("a bad escape") {
        const Failure error = parse_fails(R"({"a": "\q"})");
        CHECK(error.message == R"(invalid JSON: invalid string: forbidden character after backslash; last read: '"\q')");
        CHECK(error.position.column == 9);
    }
}

TEST_CASE("invalid UTF-8 is invalid JSON, and the message quoting it is itself valid UTF-8") {
    const Failure error = parse_fails("{\n\"name\": \"caf\xE9\"}");
    CHECK(error.message == R"(invalid JSON: invalid string: ill-formed UTF-8 byte; last read: '"caf\xE9"')");
    CHECK(error.position.line == 2);
    CHECK(error.position.column == 14);  // the quote nlohmann read while expecting a continuation byte

    const Failure outside = parse_fails("[\xFF]");
    CHECK(outside.message.rfind("invalid JSON: ", 0) == 0);
    CHECK(outside.message.find('\xFF') == std::string::npos);
    CHECK(outside.position.column == 2);
}

TEST_CASE("a duplicate key is an error with its pointer and line") {
    const std::string text =
        "{\n"
        "  \"a\": {\n"
        "    \"y/~z\": 1,\n"
        "    \"x\": 2,\n"
        "    \"y/~z\": 3\n"
        "  }\n"
        "}\n";
    const Failure error = parse_fails(text);
    CHECK(error.message == "duplicate key 'y/~z'");
    CHECK(error.pointer == "/a/y~1~0z");
    CHECK(error.position.line == 5);
    CHECK(error.position.column == 5);  // the second key itself
}

TEST_CASE("the same key in different objects is not a duplicate") {
    const Document doc = parse_ok(R"({"id": 1, "inner": {"id": 2, "inner": {"id": 3}}, "list": [{"id": 4}, {"id": 5}]})");
    CHECK(doc.as_number(at(doc, at(doc, doc.root(), "inner"), "id")) == 2.0);
}

TEST_CASE("duplicates are found in objects with thousands of members, and only within one object") {
    std::string many = "{";
    for (int i = 0; i < 5000; ++i) many += (i ? ",\n\"k" : "\n\"k") + std::to_string(i) + "\": " + std::to_string(i);
    SECTION("no duplicates: every member is reachable") {
        const Document doc = parse_ok(many + "}");
        CHECK(doc.size(doc.root()) == 5000);
        CHECK(doc.as_number(at(doc, doc.root(), "k4999")) == 4999.0);
        CHECK(doc.position(at(doc, doc.root(), "k4999")).line == 5001);
    }
    SECTION("a late duplicate of an early key") {
        const Failure error = parse_fails(many + ",\n\"k3\": 0}");
        CHECK(error.message == "duplicate key 'k3'");
        CHECK(error.pointer == "/k3");
        CHECK(error.position.line == 5002);
        CHECK(error.position.column == 1);
    }
    SECTION("nested large objects each keep their own set of keys") {
        std::string members;
        for (int i = 0; i < 40; ++i) members += (i ? ", \"m" : "\"m") + std::to_string(i) + "\": 0";
        const std::string inner = "{" + members + "}";
        // Outer object is large too; its keys repeat the inner ones without being duplicates.
        std::string outer = "{" + members + ", \"a\": " + inner + ", \"b\": [" + inner + ", " + inner + "]";
        CHECK(parse_ok(outer + "}").size(0) == 42);
        const Failure error = parse_fails(outer + ", \"m39\": 1}");
        CHECK(error.message == "duplicate key 'm39'");
        CHECK(error.pointer == "/m39");
        const DocumentError inner_error = parse_fails("{\"a\": {" + members + ", \"m0\": 1}}");
        CHECK(inner_error.pointer == "/a/m0");
    }
}

TEST_CASE("nesting deeper than the limit is rejected at the container that exceeds it") {
    DocumentLimits limits;
    limits.max_depth = 3;
    CHECK(parse_ok("[[{\"a\": 1}]]", limits).node_count() == 4);
    const Failure error = parse_fails("[[{\"a\": [1]}]]", limits);
    CHECK(error.message == "nesting deeper than 3 levels");
    CHECK(error.limit == LimitExceeded::max_depth);
    CHECK(error.pointer == "/0/0/a");
    CHECK(error.position.line == 1);
    CHECK(error.position.column == 9);
}

TEST_CASE("100000 nested arrays are rejected at the default limit without exhausting the stack") {
    const std::string text(100000, '[');
    const Failure error = parse_fails(text);
    CHECK(error.message == "nesting deeper than 512 levels");
    CHECK(error.position.line == 1);
    CHECK(error.position.column == 513);
    CHECK(error.pointer.size() == 2 * 512);
}

TEST_CASE("100000 nested arrays parse when the limit allows, and pointer() of the innermost works") {
    DocumentLimits limits;
    limits.max_depth = 200000;
    const std::string text = std::string(100000, '[') + std::string(100000, ']');
    const Document doc = parse_ok(text, limits);
    REQUIRE(doc.node_count() == 100000);
    NodeId innermost = doc.root();
    while (doc.size(innermost) == 1) innermost = doc.child(innermost, 0);
    CHECK(doc.pointer(innermost).size() == 2 * 99999);
    CHECK(doc.position(innermost).column == 100000);
    // Unclosed deep nesting under a generous limit is an ordinary syntax error.
    CHECK(parse_fails(std::string(100000, '['), limits).message == "invalid JSON: unexpected end of input; expected '[', '{', or a literal");
}

TEST_CASE("input larger than the byte limit is rejected before parsing") {
    DocumentLimits limits;
    limits.max_bytes = 10;
    CHECK(parse_ok("[1,2,3,45]", limits).size(0) == 4);  // exactly 10 bytes
    const Failure error = parse_fails("[1,2,3,456]", limits);
    CHECK(error.message == "file is larger than the 10-byte limit");
    CHECK(error.limit == LimitExceeded::max_bytes);
    CHECK(error.position.line == 0);  // no place in the file is at fault
    CHECK(parse_fails("[1,2,3,4,]", limits).limit == LimitExceeded::none);  // the content, not a limit
}

TEST_CASE("the default byte limit is 100 MiB: a 200 MB file is refused and a 33 MB one is not") {
    CHECK(DocumentLimits{}.max_bytes == 100u * 1024 * 1024);
    CHECK(DocumentLimits{}.max_bytes < 200u * 1000 * 1000);
    CHECK(DocumentLimits{}.max_bytes > 33u * 1000 * 1000);
}

TEST_CASE("a number that overflows a double is out of range, with its position and pointer") {
    const Failure error = parse_fails("{\n  \"budget\": [1, -1e400]\n}");
    CHECK(error.message == "number out of range");
    CHECK(error.pointer == "/budget/1");
    CHECK(error.position.line == 2);
    CHECK(error.position.column == 17);
    CHECK(parse_fails("1" + std::string(400, '0')).message == "number out of range");
}

TEST_CASE("a large document parses with consistent links, positions and members") {
    constexpr int count = 50000;
    std::string text = "{\"localities\": [\n";
    for (int i = 0; i < count; ++i) {
        text += "  {\"id\": " + std::to_string(i) + ", \"name\": \"Locality " + std::to_string(i) +
                "\", \"tags\": [\"a\", \"b\"], \"open\": " + (i % 2 ? "true" : "false") + "}";
        text += i + 1 < count ? ",\n" : "\n";
    }
    text += "]}";
    const Document doc = parse_ok(text);
    CHECK(doc.node_count() == 2 + static_cast<std::size_t>(count) * 7);
    const NodeId list = at(doc, doc.root(), "localities");
    REQUIRE(doc.size(list) == count);
    for (std::size_t i = 0; i < doc.size(list); i += 997) {
        const NodeId item = doc.child(list, i);
        REQUIRE(doc.parent(item) == list);
        CHECK(doc.index_in_parent(item) == i);
        CHECK(doc.as_number(at(doc, item, "id")) == static_cast<double>(i));
        CHECK(doc.as_string(at(doc, item, "name")) == "Locality " + std::to_string(i));
        CHECK(doc.as_bool(at(doc, item, "open")) == (i % 2 == 1));
        CHECK(doc.position(item).line == i + 2);
        CHECK(doc.position(item).column == 3);
        CHECK(doc.pointer(doc.child(at(doc, item, "tags"), 1)) == "/localities/" + std::to_string(i) + "/tags/1");
    }
}

TEST_CASE("equal values are equal as JSON whatever the order of object members", "[document]") {
    const Document a = parse_ok(R"({"p": {"x": 1, "y": [true, "s", null]}, "q": {"x": 1}})");
    const Document b = parse_ok(R"({"p": {"y": [true, "s", null], "x": 1.0}, "q": {"x": 2}, "r": {"x": 1, "z": 0}})");
    const auto p_a = a.member(a.root(), "p"), p_b = b.member(b.root(), "p");
    CHECK(dutycheck::engine::equal_values(a, *p_a, b, *p_b));
    CHECK_FALSE(dutycheck::engine::equal_values(a, *a.member(a.root(), "q"), b, *b.member(b.root(), "q")));
    CHECK_FALSE(dutycheck::engine::equal_values(a, *a.member(a.root(), "q"), b, *b.member(b.root(), "r")));
    CHECK_FALSE(dutycheck::engine::equal_values(a, a.root(), b, b.root()));
}

TEST_CASE("JSON Pointers escape and unescape reference tokens as RFC 6901 says, in one place") {
    std::string pointer;
    dutycheck::engine::append_pointer_token(pointer, "a/b");
    dutycheck::engine::append_pointer_token(pointer, "m~n");
    dutycheck::engine::append_pointer_token(pointer, "");
    dutycheck::engine::append_pointer_token(pointer, "Comhairle nan Eilean Siar \u2013 \u00e9");
    CHECK(pointer == "/a~1b/m~0n//Comhairle nan Eilean Siar \u2013 \u00e9");
    CHECK(dutycheck::engine::unescape_pointer_token("a~1b") == "a/b");
    CHECK(dutycheck::engine::unescape_pointer_token("m~0n") == "m~n");
    CHECK(dutycheck::engine::unescape_pointer_token("~01") == "~1");  // "~0" first, then a plain "1"
    CHECK(dutycheck::engine::unescape_pointer_token("~2") == "~2");   // not an escape: kept as written
    CHECK(dutycheck::engine::unescape_pointer_token("") == "");
    CHECK(dutycheck::engine::last_pointer_token("/localities/0/a~1b") == "a/b");
    CHECK(dutycheck::engine::last_pointer_token("") == "");

    // Every key of a document round-trips through its pointer, whatever it holds.
    const Document doc = parse_ok(R"({"a/b": {"m~n": {"": {"é–": [true]}}}})");
    const NodeId deepest = doc.child(doc.child(doc.child(doc.child(doc.child(doc.root(), 0), 0), 0), 0), 0);
    CHECK(doc.pointer(deepest) == "/a~1b/m~0n//é–/0");
    CHECK(doc.find("/a~1b/m~0n//é–/0") == deepest);
}

TEST_CASE("one UTF-8 decoder decides what a well-formed sequence is, for the reader and the reports") {
    using dutycheck::dsl::decode_utf8_sequence;
    auto decoded = [](std::string_view bytes) {
        const auto sequence = decode_utf8_sequence(bytes);
        return sequence ? std::optional<std::pair<char32_t, std::size_t>>({sequence->code_point, sequence->length})
                        : std::nullopt;
    };
    CHECK(decoded("A") == std::pair<char32_t, std::size_t>{U'A', 1});
    CHECK(decoded("\u00e9x") == std::pair<char32_t, std::size_t>{U'\u00e9', 2});
    CHECK(decoded("\u2013") == std::pair<char32_t, std::size_t>{U'\u2013', 3});
    CHECK(decoded("\U0001F600") == std::pair<char32_t, std::size_t>{U'\U0001F600', 4});
    CHECK_FALSE(decoded(""));
    CHECK_FALSE(decoded("\x80"));              // a continuation byte cannot start a character
    CHECK_FALSE(decoded("\xC0\xAF"));          // overlong "/"
    CHECK_FALSE(decoded("\xE0\x80\xAF"));      // overlong, three bytes
    CHECK_FALSE(decoded("\xED\xA0\x80"));      // a surrogate, U+D800
    CHECK_FALSE(decoded("\xF4\x90\x80\x80"));  // past U+10FFFF
    CHECK_FALSE(decoded("\xE2\x80"));          // cut short
}
