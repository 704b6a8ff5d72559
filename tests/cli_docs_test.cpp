// The man page, held to the command line's own definitions: every command and option the app
// defines (listed by the app itself, `dutycheck generate options`) is in the rendered page, in
// its command's section, with its help text.
#include "test_support.hpp"

using dutycheck::testing::dutycheck_run;
using dutycheck::testing::read_text;
using dutycheck::testing::Run;
using dutycheck::testing::shell_run;

namespace {

// Runs of white space as one space, so that text wrapped by the formatter compares as written.
std::string squeezed(const std::string& text) {
    std::string out;
    for (const char c : text) {
        if (std::isspace(static_cast<unsigned char>(c))) {
            if (!out.empty() && out.back() != ' ') out += ' ';
        } else {
            out += c;
        }
    }
    return out;
}

struct Entry {
    std::string command, option, help;
};

std::vector<Entry> defined_options() {
    const Run run = dutycheck_run("generate options");
    REQUIRE(run.exit_code == 0);
    std::vector<Entry> entries;
    std::istringstream in(run.out);
    for (std::string line; std::getline(in, line);) {
        const auto tab1 = line.find('\t'), tab2 = line.find('\t', tab1 + 1);
        REQUIRE(tab2 != std::string::npos);
        entries.push_back({line.substr(0, tab1), line.substr(tab1 + 1, tab2 - tab1 - 1), line.substr(tab2 + 1)});
    }
    return entries;
}

}  // namespace

TEST_CASE("the man page renders without warnings and names every command and option the command line defines, with "
          "its help",
          "[cli][man]") {
    const std::string page = DUTYCHECK_MAN_PAGE;
    CHECK(read_text(page) == dutycheck_run("generate man").out);
    const Run warnings = shell_run("groff -man -ww -z -Tutf8 '" + page + "'");
    CHECK(warnings.exit_code == 0);
    CHECK(warnings.err.empty());
    const Run rendered = shell_run("MANWIDTH=100 LC_ALL=C.UTF-8 man -l -P cat '" + page + "' | col -b");
    REQUIRE(rendered.exit_code == 0);
    const std::string text = rendered.out;

    const auto entries = defined_options();
    std::size_t commands = 0;
    for (const auto& entry : entries) {
        INFO(entry.command << " " << entry.option);
        // The command's section: from its heading to the next heading.
        const std::string heading = entry.command.empty() ? "\nOPTIONS\n" : "\n   dutycheck " + entry.command + "\n";
        const auto begin = text.find(heading);
        REQUIRE(begin != std::string::npos);
        auto end = text.find("\n   dutycheck ", begin + heading.size());
        end = std::min(end, text.find("\nEXIT STATUS", begin + 1));
        const std::string section = squeezed(text.substr(begin, end - begin));
        if (entry.option.empty()) ++commands;
        if (!entry.option.empty()) CHECK_THAT(section, Catch::Contains(entry.option));
        CHECK_THAT(section, Catch::Contains(squeezed(entry.help)));
    }
    CHECK(commands >= 8);  // check, diff, init, lint, rules and its three
    // The hidden command that writes these files is not one a user runs.
    CHECK_THAT(text, !Catch::Contains("dutycheck generate"));
}

TEST_CASE("the generated files are the ones the build installs", "[cli][man]") {
    CHECK(read_text(DUTYCHECK_COMPLETION) == dutycheck_run("generate bash-completion").out);
    const Run unknown = dutycheck_run("generate mna");
    CHECK(unknown.exit_code == 2);
    // The command that writes them is for the build: a mistyped command is never pointed at it.
    const Run near = dutycheck_run("generat man");
    CHECK(near.exit_code == 2);
    CHECK_THAT(near.err, !Catch::Contains("generate"));
}
