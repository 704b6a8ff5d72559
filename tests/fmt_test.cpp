// The formatter (`dutycheck fmt`): its layout, comments, idempotence on the bundled packs, and the command.
#include "dsl/parser.hpp"
#include "dsl/printer.hpp"
#include "test_support.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <string>
#include <variant>
#include <vector>

using namespace dutycheck;
using dutycheck::testing::dutycheck_run;
using dutycheck::testing::fresh_dir;
using dutycheck::testing::read_text;
using dutycheck::testing::source_dir;

namespace {

namespace ast = dsl::ast;

template <typename... Fs>
struct overloaded : Fs... {
    using Fs::operator()...;
};

// The syntax tree written out without its spans, so two trees compare equal when they differ
// only in where their nodes stand in the text.
struct Dump {
    std::string out;

    void operator()(const ast::Name& n) { out += "name:" + n.text + " "; }
    void operator()(const ast::NumberLit& n) { out += "number:" + n.text + " "; }
    void operator()(const ast::DateLit& n) { out += "date:" + n.text + " "; }
    void operator()(const ast::BoolLit& n) { out += n.value ? "true " : "false "; }
    void operator()(const ast::StringLit& n) {
        out += "string(";
        for (const auto& part : n.parts) out += "[" + part + "]";
        out += ") ";
    }
    template <typename T>
    void operator()(const ast::Box<T>& n) { (*this)(*n); }
    template <typename... Ts>
    void operator()(const std::variant<Ts...>& n) { std::visit(*this, n); }
    template <typename T>
    void operator()(const std::optional<T>& n) {
        if (n) (*this)(*n); else out += "none ";
    }
    template <typename T>
    void operator()(const std::vector<T>& n) {
        out += "[ ";
        for (const auto& item : n) (*this)(item);
        out += "] ";
    }
    void operator()(const std::string& text) { out += "text:[" + text + "] "; }
    void op(ast::Op op) { out += "op" + std::to_string(static_cast<int>(op)) + " "; }

    void operator()(const ast::Chain& n) { out += "chain( "; (*this)(n.first); (*this)(n.rest); out += ") "; }
    void operator()(const ast::Operation& n) { op(n.op); (*this)(n.operand); }
    void operator()(const ast::Unary& n) { out += "unary( "; op(n.op); (*this)(n.operand); out += ") "; }
    void operator()(const ast::Access& n) { out += "access( "; (*this)(n.base); (*this)(n.fields); out += ") "; }
    void operator()(const ast::ListLit& n) { out += "list "; (*this)(n.items); }
    void operator()(const ast::Binding& n) { out += "binding( "; (*this)(n.variable); (*this)(n.collection); (*this)(n.predicate); out += ") "; }
    void operator()(const ast::Call& n) { out += "call( "; (*this)(n.function); (*this)(n.binding); (*this)(n.arguments); out += ") "; }
    void operator()(const ast::Template& n) {
        // The split into adjacent strings is layout, not meaning: the parts joined are compared.
        out += "template( "; (*this)(n.parts); out += ") ";
    }
    void operator()(const ast::TextClause& n) { (*this)(n.keyword); (*this)(n.value); }
    void operator()(const ast::WordsClause& n) { (*this)(n.keyword); (*this)(n.words); }
    void operator()(const ast::ForEach& n) { out += "for( "; (*this)(n.variable); (*this)(n.collection); (*this)(n.filter); (*this)(n.filter_message); out += ") "; }
    void operator()(const ast::Let& n) { out += "let( "; (*this)(n.variable); (*this)(n.value); out += ") "; }
    void operator()(const ast::When& n) { out += "when( "; (*this)(n.condition); (*this)(n.message); out += ") "; }
    void operator()(const ast::About& n) { out += "about( "; (*this)(n.target); out += ") "; }
    void operator()(const ast::Due& n) { out += "due( "; (*this)(n.date); out += ") "; }
    void operator()(const ast::Require& n) { out += "require( "; (*this)(n.condition); (*this)(n.message); out += ") "; }
    void operator()(const ast::Rule& n) { out += "\nrule( "; (*this)(n.id); (*this)(n.clauses); out += ") "; }
    void operator()(const ast::PackAttribute& n) { (*this)(n.key); (*this)(n.value); }
    void operator()(const ast::PackDecl& n) { out += "\npack( "; (*this)(n.name); (*this)(n.attributes); out += ") "; }
    void operator()(const ast::Import& n) { out += "\nimport( "; (*this)(n.path); out += ") "; }
    void operator()(const ast::Bound& n) { out += "bound" + std::to_string(static_cast<int>(n.kind)) + "( "; (*this)(n.values); out += ") "; }
    void operator()(const ast::Param& n) { out += "\nparam( "; (*this)(n.name); (*this)(n.value); (*this)(n.bounds); (*this)(n.reason); out += ") "; }
    void operator()(const ast::Def& n) { out += "\ndef( "; (*this)(n.name); (*this)(n.parameters); (*this)(n.body); out += ") "; }
};

std::string dump(const ast::File& file) {
    Dump d;
    d(file.items);
    return d.out;
}

ast::File parsed(const dsl::SourceFile& source) {
    auto result = dsl::parse_rule_file(source);
    INFO(source.path());
    REQUIRE(result.file);
    return std::move(*result.file);
}

std::string formatted(const std::string& text, const std::string& path = "test.rules") {
    const dsl::SourceFile source(path, text);
    return dsl::format_rule_file(parsed(source), source);
}

std::vector<std::string> comment_texts(const std::string& text) {
    std::vector<std::string> texts;
    for (const auto& comment : dsl::collect_comments(text)) {
        std::string one = text.substr(comment.begin, comment.end - comment.begin);
        while (!one.empty() && (one.back() == ' ' || one.back() == '\t')) one.pop_back();
        texts.push_back(one);
    }
    return texts;
}

std::vector<std::filesystem::path> bundled_rule_files() {
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(source_dir / "rules"))
        if (entry.path().extension() == ".rules") files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    return files;
}

}  // namespace

TEST_CASE("formatting lays a rule out in the canonical layout, keeping every comment where it was", "[fmt]") {
    const std::string messy =
        "# The pack.\n"
        "pack \"demo\"   version \"1.0\" description \"A demo\"\n"
        "\n\n\n"
        "# Why two.\n"
        "param   n = 2 from 1 to 10 because \"the demo says so\"\n"
        "import \"other.rules\"   # the rest\n"
        "rule demo-rule {\n"
        "  # The title.\n"
        "    title \"A demo \"\n"
        "   \"rule\"\n"
        "duty X-1,Y-2\n"
        "\n\n"
        "  for each l in localities where l.active\n"
        "  else \"{l.name} is not {{active}}\"\n"
        "  let k=count(l.members)+1  # one more\n"
        "  require k>=param.n and (l.name==\"a\"\n"
        "      or not blank(l.name))\n"
        "   else \"too few: \"\n"
        "     \"{k}\"\n"
        "  # Nothing after this.\n"
        "}\n"
        "# The end.\n";
    const std::string canonical =
        "# The pack.\n"
        "pack \"demo\" version \"1.0\"\n"
        "  description \"A demo\"\n"
        "\n"
        "# Why two.\n"
        "param n = 2\n"
        "  from 1 to 10\n"
        "  because \"the demo says so\"\n"
        "import \"other.rules\"  # the rest\n"
        "\n"
        "rule demo-rule {\n"
        "  # The title.\n"
        "  title  \"A demo \"\n"
        "         \"rule\"\n"
        "  duty   X-1, Y-2\n"
        "\n"
        "  for each l in localities where l.active\n"
        "    else  \"{l.name} is not {{active}}\"\n"
        "  let k = count(l.members) + 1  # one more\n"
        "  require k >= param.n and (l.name == \"a\"\n"
        "                            or not blank(l.name))\n"
        "    else  \"too few: \"\n"
        "          \"{k}\"\n"
        "  # Nothing after this.\n"
        "}\n"
        "# The end.\n";
    CHECK(formatted(messy) == canonical);
    CHECK(formatted(canonical) == canonical);
}

TEST_CASE("a line broken in an expression stays broken, aligned with what it continues", "[fmt]") {
    const std::string text =
        "rule r {\n"
        "  let x = select(m in members\n"
        "   where m.a\n"
        "   and m.b)\n"
        "  require g(m.x == 1,\n"
        "     2)\n"
        "    or f(\n"
        "  1, 2)\n"
        "}\n";
    CHECK(formatted(text) ==
          "rule r {\n"
          "  let x = select(m in members\n"
          "                 where m.a\n"
          "                       and m.b)\n"
          "  require g(m.x == 1,\n"
          "            2)\n"
          "          or f(\n"
          "            1, 2)\n"
          "}\n");
}

TEST_CASE("a def and a pack's severity are printed as the language writes them", "[fmt]") {
    const std::string messy =
        "pack \"demo\" version \"1.0\"   severity   error\n"
        "def   active(g)=g.status==\"active\"\n"
        "def named_groups =\n"
        "    select(g in localities.planning_group where exists(g.name))\n";
    const std::string expected =
        "pack \"demo\" version \"1.0\"\n"
        "  severity error\n"
        "def active(g) = g.status == \"active\"\n"
        "def named_groups =\n"
        "  select(g in localities.planning_group where exists(g.name))\n";
    CHECK(formatted(messy) == expected);
    CHECK(formatted(expected) == expected);
}

TEST_CASE("formatting every bundled rule file twice gives the same text", "[fmt]") {
    for (const auto& path : bundled_rule_files()) {
        INFO(path.string());
        const std::string once = formatted(read_text(path), path.string());
        CHECK(formatted(once, path.string()) == once);
    }
}

TEST_CASE("a formatted bundled rule file parses to the same syntax tree as the original", "[fmt]") {
    for (const auto& path : bundled_rule_files()) {
        INFO(path.string());
        const dsl::SourceFile original(path.string(), read_text(path));
        const dsl::SourceFile reformatted(path.string(), formatted(std::string(original.text()), path.string()));
        CHECK(dump(parsed(reformatted)) == dump(parsed(original)));
    }
}

TEST_CASE("formatting keeps every comment of every bundled rule file, in order", "[fmt]") {
    for (const auto& path : bundled_rule_files()) {
        INFO(path.string());
        const std::string text = read_text(path);
        const auto comments = comment_texts(text);
        CHECK_FALSE(comments.empty());
        CHECK(comment_texts(formatted(text, path.string())) == comments);
    }
}

TEST_CASE("a '#' inside a string is not a comment", "[fmt]") {
    const std::string text = "rule r {\n  title  \"issue #3 \\\" # still text\"  # a comment\n}\n";
    CHECK(comment_texts(text) == std::vector<std::string>{"# a comment"});
    CHECK(formatted(text) == text);
}

TEST_CASE("a quote or a '#' in a string inside a message's interpolation is not a comment", "[fmt]") {
    const std::string text = "rule r {\n"
                             "  require a == 1\n"
                             "    else  \"bad {if(a == 9, \"x#y\", \"z\\\"q\")} {{literal}}\"  # after else\n"
                             "}\n";
    CHECK(comment_texts(text) == std::vector<std::string>{"# after else"});
    CHECK(formatted(text) == text);
}

TEST_CASE("fmt --check lists a file that is not formatted and exits 1, writing nothing", "[fmt][cli]") {
    const auto dir = fresh_dir("dutycheck-fmt-check");
    const auto file = dir / "pack.rules";
    const std::string messy = "pack \"p\"\nrule r {\n  title \"T\"\n  require   true\n}\n";
    std::ofstream(file, std::ios::binary) << messy;
    const auto run = dutycheck_run("fmt --check '" + dir.string() + "'");
    CHECK(run.exit_code == 1);
    CHECK(run.out == file.string() + ":2: not formatted\n  - rule r {\n  + \n");
    CHECK(run.err == "1 rule file(s): 1 not formatted\n");
    CHECK(read_text(file) == messy);

    const auto rewrite = dutycheck_run("fmt '" + file.string() + "'");
    CHECK(rewrite.exit_code == 0);
    CHECK(rewrite.out == "formatted " + file.string() + "\n");
    CHECK(read_text(file) == "pack \"p\"\n\nrule r {\n  title  \"T\"\n  require true\n}\n");

    const auto again = dutycheck_run("fmt --check '" + dir.string() + "'");
    CHECK(again.exit_code == 0);
    CHECK(again.out.empty());
    CHECK(again.err == "1 rule file(s): 0 not formatted\n");
    std::filesystem::remove_all(dir);
}

TEST_CASE("fmt on a rule file that does not parse exits 2 with the diagnostic and writes nothing", "[fmt][cli]") {
    const auto dir = fresh_dir("dutycheck-fmt-error");
    const auto good = dir / "a.rules";
    const auto bad = dir / "b.rules";
    const std::string good_text = "rule r {\n  title \"T\"\n}\n";
    std::ofstream(good, std::ios::binary) << good_text;
    std::ofstream(bad, std::ios::binary) << "rule r {\n  require x = 1\n}\n";
    const auto run = dutycheck_run("fmt '" + dir.string() + "'");
    CHECK(run.exit_code == 2);
    CHECK(run.out.empty());
    CHECK_THAT(run.err, Catch::StartsWith(bad.string() + ":2:13: error[DC104]: '=' is not a comparison"));
    CHECK(read_text(good) == good_text);  // the file that parses is not rewritten either
    std::filesystem::remove_all(dir);
}

TEST_CASE("fmt on a path that does not exist is a usage error", "[fmt][cli]") {
    const auto run = dutycheck_run("fmt no-such-folder");
    CHECK(run.exit_code == 2);
    CHECK(run.err == "no such file or folder: 'no-such-folder'\n");
}
