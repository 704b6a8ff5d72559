// The bash completion script and the man page, written from the command line's own CLI11
// definitions, so that neither holds a copy of the commands and options to fall out of date.
#pragma once

#include <string>

namespace CLI {
class App;
}

namespace dutycheck::tools {

/// A bash completion script for `dutycheck`: commands, each command's options (with the global
/// ones), the values of options that take one of a list (--format), and file names elsewhere.
std::string bash_completion(const CLI::App& app);

/// The man page dutycheck(1), in roff (man macros): every command and option with its help.
std::string man_page(const CLI::App& app, const std::string& version);

/// Every visible command and each of its options with its help, one "COMMAND<TAB>OPTION<TAB>HELP"
/// line each ("check\t--format\t…", "\t--verbose\t…" for the program's own, "check\t\t…" for the
/// command itself), for tests that hold the generated files to the definitions.
std::string option_list(const CLI::App& app);

}  // namespace dutycheck::tools
