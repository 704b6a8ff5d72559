// Bash completion and the man page from the CLI11 app: one walk over its visible commands.
#include "tools/cli_docs.hpp"

#include "report/labels.hpp"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <sstream>
#include <vector>

namespace dutycheck::tools {
namespace {

using report::join_items;

struct Command {
    std::string path;                     ///< "" for the program, "check", "rules list"
    const CLI::App* app = nullptr;
    std::vector<const CLI::Option*> options;     ///< its own named options, then those of the commands above it
    std::size_t own = 0;                         ///< how many of `options` are its own
    std::vector<const CLI::Option*> positionals;
    std::vector<std::string> subcommands;
};

// A command's visible subcommands: a hidden one (no group) is for building the project.
std::vector<const CLI::App*> visible_subcommands(const CLI::App& app) {
    std::vector<const CLI::App*> visible;
    for (const CLI::App* sub : app.get_subcommands([](const CLI::App* s) { return !s->get_group().empty(); }))
        visible.push_back(sub);
    return visible;
}

void walk(const CLI::App& app, const std::string& path, std::vector<Command>& out) {
    Command command;
    command.path = path;
    command.app = &app;
    for (const CLI::App* level = &app; level != nullptr; level = level->get_parent())
        for (const CLI::Option* option : level->get_options({}))
            if (option->nonpositional()) {
                command.options.push_back(option);
                if (level == &app) ++command.own;
            } else if (level == &app) {
                command.positionals.push_back(option);
            }
    const auto subs = visible_subcommands(app);
    for (const CLI::App* sub : subs) command.subcommands.push_back(sub->get_name());
    out.push_back(command);
    for (const CLI::App* sub : subs) walk(*sub, path.empty() ? sub->get_name() : path + " " + sub->get_name(), out);
}

std::vector<Command> commands(const CLI::App& app) {
    std::vector<Command> all;
    walk(app, "", all);
    return all;
}

std::vector<std::string> names(const CLI::Option& option) {
    std::vector<std::string> all;
    for (const auto& name : option.get_snames()) all.push_back("-" + name);
    for (const auto& name : option.get_lnames()) all.push_back("--" + name);
    return all;
}

bool takes_value(const CLI::Option& option) { return option.get_expected_max() > 0 && option.get_type_size_max() > 0; }

// The values an option accepts when a validator lists them: CLI::IsMember describes itself as
// "{text,json}" in the option's type name.
std::vector<std::string> choices(const CLI::Option& option) {
    const std::string type = option.get_type_name();
    const auto open = type.rfind('{'), close = type.rfind('}');
    if (open == std::string::npos || close == std::string::npos || close < open) return {};
    std::vector<std::string> values;
    std::stringstream list(type.substr(open + 1, close - open - 1));
    for (std::string value; std::getline(list, value, ',');)
        if (!value.empty()) values.push_back(value);
    return values;
}

// A word for a bash single-quoted string.
std::string quoted(const std::string& text) {
    std::string out = "'";
    for (const char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

// Text for roff: backslashes escaped, and a line that would start with a control character
// guarded, so help text is shown as written.
std::string roff(const std::string& text) {
    std::string out;
    bool line_start = true;
    for (const char c : text) {
        if (line_start && (c == '.' || c == '\'')) out += "\\&";
        if (c == '\\') out += "\\e";
        else if (c == '-') out += "\\-";
        else out += c;
        line_start = c == '\n';
    }
    return out;
}

std::string capitalised(std::string text) {
    if (!text.empty() && text[0] >= 'a' && text[0] <= 'z') text[0] = static_cast<char>(text[0] - 'a' + 'A');
    return text;
}

std::string value_name(const CLI::Option& option) {
    std::string type = option.get_type_name();
    if (const auto colon = type.find(':'); colon != std::string::npos) type.resize(colon);
    return type.empty() ? "VALUE" : type;
}

}  // namespace

std::string bash_completion(const CLI::App& app) {
    const auto all = commands(app);
    std::ostringstream out;
    out << "# bash completion for dutycheck, generated from its command-line definitions "
           "(dutycheck generate bash-completion).\n\n";
    // Each table is a case over the command path: "" for the program, "rules list" for a subcommand.
    out << "_dutycheck_subcommands() {\n    case \"$1\" in\n";
    for (const auto& c : all)
        if (!c.subcommands.empty()) out << "        " << quoted(c.path) << ") echo " << quoted(join_items(c.subcommands, " ")) << " ;;\n";
    out << "    esac\n}\n\n_dutycheck_options() {\n    case \"$1\" in\n";
    for (const auto& c : all) {
        std::vector<std::string> words;
        // Every level has its own --help: each name once.
        for (const auto* option : c.options)
            for (const auto& name : names(*option))
                if (std::find(words.begin(), words.end(), name) == words.end()) words.push_back(name);
        out << "        " << quoted(c.path) << ") echo " << quoted(join_items(words, " ")) << " ;;\n";
    }
    out << "    esac\n}\n\n# The options that take a value: the next word is that value, not a command.\n"
           "_dutycheck_takes_value() {\n    case \"$1 $2\" in\n";
    for (const auto& c : all) {
        std::vector<std::string> patterns;
        for (const auto* option : c.options)
            if (takes_value(*option))
                for (const auto& name : names(*option)) patterns.push_back(quoted(c.path + " " + name));
        if (!patterns.empty()) out << "        " << join_items(patterns, "|") << ") return 0 ;;\n";
    }
    out << "    esac\n    return 1\n}\n\n# The values an option accepts, where it lists them.\n"
           "_dutycheck_choices() {\n    case \"$1 $2\" in\n";
    for (const auto& c : all)
        for (const auto* option : c.options)
            if (const auto values = choices(*option); !values.empty()) {
                std::vector<std::string> patterns;
                for (const auto& name : names(*option)) patterns.push_back(quoted(c.path + " " + name));
                out << "        " << join_items(patterns, "|") << ") echo " << quoted(join_items(values, " ")) << " ;;\n";
            }
    out << "    esac\n}\n\n";
    out << R"BASH(_dutycheck() {
    local cur=${COMP_WORDS[COMP_CWORD]} path="" word i value=0 subs
    COMPREPLY=()
    # The command the words so far name, skipping options and their values.
    for ((i = 1; i < COMP_CWORD; i++)); do
        word=${COMP_WORDS[i]}
        if ((value)); then value=0; continue; fi
        case $word in
            --*=*) ;;
            -*) _dutycheck_takes_value "$path" "$word" && value=1 ;;
            *)
                subs=" $(_dutycheck_subcommands "$path") "
                [[ $subs == *" $word "* ]] && path=${path:+$path }$word
                ;;
        esac
    done
    local prev=${COMP_WORDS[COMP_CWORD-1]}
    if ((value)) && [[ $prev == -* ]]; then
        local values
        values=$(_dutycheck_choices "$path" "$prev")
        if [[ -n $values ]]; then
            COMPREPLY=($(compgen -W "$values" -- "$cur"))
        else
            compopt -o filenames 2>/dev/null
            COMPREPLY=($(compgen -f -- "$cur"))
        fi
        return 0
    fi
    if [[ $cur == --*=* ]]; then
        local values
        values=$(_dutycheck_choices "$path" "${cur%%=*}")
        [[ -n $values ]] && COMPREPLY=($(compgen -P "${cur%%=*}=" -W "$values" -- "${cur#*=}"))
        return 0
    fi
    if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "$(_dutycheck_options "$path")" -- "$cur"))
        return 0
    fi
    subs=$(_dutycheck_subcommands "$path")
    if [[ -n $subs ]]; then
        COMPREPLY=($(compgen -W "$subs" -- "$cur"))
    else
        compopt -o filenames 2>/dev/null
        COMPREPLY=($(compgen -f -- "$cur"))
    fi
    return 0
}
complete -F _dutycheck dutycheck
)BASH";
    return out.str();
}

std::string man_page(const CLI::App& app, const std::string& version) {
    const auto all = commands(app);
    std::string summary = app.get_description();
    if (const auto colon = summary.find(": "); colon != std::string::npos) summary = summary.substr(colon + 2);
    std::ostringstream out;
    out << ".\\\" Generated from dutycheck's command-line definitions (dutycheck generate man).\n"
        << ".TH DUTYCHECK 1 \"\" \"dutycheck " << version << "\" \"User Commands\"\n"
        // No hyphenation and a ragged right: option names and values stay whole, as typed.
        << ".nh\n.ad l\n"
        << ".SH NAME\ndutycheck \\- " << roff(summary) << "\n"
        << ".SH SYNOPSIS\n.B dutycheck\n[\\fIOPTIONS\\fR] \\fICOMMAND\\fR [\\fIOPTIONS\\fR] [\\fIARGUMENTS\\fR]\n"
        << ".SH DESCRIPTION\n" << roff(capitalised(summary)) << ".\nThe commands are:\n";
    for (const auto& c : all)
        if (!c.path.empty() && c.subcommands.empty()) out << ".TP\n.B dutycheck " << c.path << "\n" << roff(c.app->get_description()) << "\n";
    // Each command's own options; the program's, accepted anywhere, are under OPTIONS once.
    auto option_entries = [&](const Command& c) {
        for (std::size_t i = 0; i < c.own; ++i) {
            const CLI::Option* option = c.options[i];
            out << ".TP\n";
            std::vector<std::string> shown;
            for (const auto& name : names(*option)) shown.push_back("\\fB" + roff(name) + "\\fR");
            out << join_items(shown, ", ");
            if (takes_value(*option)) out << " \\fI" << roff(value_name(*option)) << "\\fR";
            out << "\n" << roff(option->get_description());
            if (const auto values = choices(*option); !values.empty()) out << " (one of: " << roff(join_items(values, ", ")) << ")";
            out << "\n";
        }
    };
    out << ".SH OPTIONS\nThese are accepted before or after the command.\n";
    option_entries(all.front());
    out << ".SH COMMANDS\n";
    for (const auto& c : all) {
        if (c.path.empty()) continue;
        out << ".SS \"dutycheck " << c.path << "\"\n" << roff(c.app->get_description()) << ".\n";
        if (!c.subcommands.empty()) out << "Its commands: " << roff(join_items(c.subcommands, ", ")) << ".\n";
        for (const auto* positional : c.positionals)
            out << ".TP\n\\fI" << roff(positional->get_name()) << "\\fR\n" << roff(positional->get_description()) << "\n";
        option_entries(c);
    }
    out << ".SH EXIT STATUS\n.TP\n.B 0\nSuccess: no finding fails the gate.\n.TP\n.B 1\n"
           "A finding fails the gate (\\fB\\-\\-fail\\-on\\fR).\n.TP\n.B 2\n"
           "A usage or input error: nothing was judged.\n"
        << ".SH SEE ALSO\nThe README and docs/ of the dutycheck sources.\n";
    return out.str();
}

std::string option_list(const CLI::App& app) {
    std::string list;
    for (const auto& c : commands(app)) {
        for (std::size_t i = 0; i < c.own; ++i)
            list += c.path + "\t" + names(*c.options[i]).back() + "\t" + c.options[i]->get_description() + "\n";
        for (const auto* positional : c.positionals)
            list += c.path + "\t" + positional->get_name() + "\t" + positional->get_description() + "\n";
        if (!c.path.empty()) list += c.path + "\t\t" + c.app->get_description() + "\n";
    }
    return list;
}

}  // namespace dutycheck::tools
