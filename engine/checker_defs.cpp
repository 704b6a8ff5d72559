// Checking `def`s: their names, each body once on its own, recursion, and inlining them where used.
//
// A def is inlined: each use checks its body again in a frame of its own, where names mean the
// def's parameters (each the use's argument, checked where the use is written), the pack's other
// defs, parameters and the file; never the rule's variables. The evaluator sees ordinary
// expressions, so evaluation stays bounded, and --explain and messages need nothing new. Since
// no def may use itself, inlining ends; a cap on uses per rule keeps defs that use each other
// several times from multiplying without end.
#include "engine/checker_expressions.hpp"

#include "engine/builtins.hpp"

#include <algorithm>

namespace dutycheck::engine {

DefEntry* PackDefs::find(std::string_view name) {
    const auto found = entries.find(name);
    return found == entries.end() ? nullptr : &found->second;
}

namespace {

using dsl::Diagnostic;

// Uses of defs one rule may inline, counting uses inside defs: far more than any rule needs,
// and few enough that defs using each other several times cannot build a huge rule.
constexpr std::size_t max_def_uses = 1000;

Diagnostic clash(const DefSource& at, const dsl::ast::Name& name, std::string message, std::vector<std::string> notes) {
    Diagnostic d;
    d.code = "DC208";
    d.file = at.file;
    d.begin = name.begin;
    d.end = name.end;
    d.message = std::move(message);
    d.notes = std::move(notes);
    return d;
}

// Why a def or a def's parameter may not take `name`, or empty if it may: the words of the language.
std::string reserved_name(const std::string& name) {
    const auto callables = callable_names();
    if (std::find(callables.begin(), callables.end(), name) != callables.end())
        return "'" + name + "' is a builtin function";
    if (name == "as_of") return "'as_of' is the evaluation date";
    if (name == "param") return "'param' reads the parameters";
    return {};
}

std::string usage(const dsl::ast::Def& def) {
    if (def.parameters.empty()) return def.name.text;
    std::string out = def.name.text + "(";
    for (std::size_t i = 0; i < def.parameters.size(); ++i) out += (i == 0 ? "" : ", ") + def.parameters[i].text;
    return out + ")";
}

bool same_problem(const Diagnostic& a, const Diagnostic& b) {
    return a.level == b.level && a.code == b.code && a.file == b.file && a.begin == b.begin && a.end == b.end &&
           a.message == b.message;
}

}  // namespace

void check_defs(const std::vector<DefSource>& defs, const DeclaredAt& params, const RuleSet& rules, PackDefs& out,
                std::vector<Diagnostic>& diagnostics) {
    const auto& fields = checking::top_level_fields();
    for (const DefSource& source : defs) {
        const dsl::ast::Def& def = *source.def;
        const std::string& name = def.name.text;
        if (auto reserved = reserved_name(name); !reserved.empty()) {
            diagnostics.push_back(clash(source, def.name, reserved + "; a def cannot take its name", {"choose another name"}));
            continue;
        }
        if (std::find(fields.begin(), fields.end(), name) != fields.end()) {
            diagnostics.push_back(clash(source, def.name,
                                        "'" + name + "' is a top-level field of the partnership format; a def "
                                        "cannot take its name",
                                        {"choose another name, so that rules can still read the field"}));
            continue;
        }
        if (const DefEntry* first = out.find(name)) {
            diagnostics.push_back(clash(source, def.name, "def '" + name + "' is already defined",
                                        {"first defined at " + checking::place(*first->file, first->def->name.begin)}));
            continue;
        }
        if (const auto param = params.find(name); param != params.end()) {
            diagnostics.push_back(clash(source, def.name, "def '" + name + "' has the name of a parameter",
                                        {"parameter '" + name + "' is declared at " +
                                             checking::place(*param->second.first, param->second.second),
                                         "choose another name"}));
            continue;
        }
        out.entries.emplace(name, DefEntry{&def, source.file, true});
    }
    // A parameter of a def takes a name of its own: not the language's, another parameter's, or a def's.
    for (auto& [name, entry] : out.entries) {
        const DefSource source{entry.def, entry.file};
        const auto& parameters = entry.def->parameters;
        for (std::size_t i = 0; i < parameters.size(); ++i) {
            const dsl::ast::Name& parameter = parameters[i];
            std::string problem = reserved_name(parameter.text);
            std::vector<std::string> notes{"choose another name"};
            if (!problem.empty()) {
                problem += "; a parameter of a def cannot take its name";
            } else if (std::any_of(parameters.begin(), parameters.begin() + static_cast<std::ptrdiff_t>(i),
                                   [&](const dsl::ast::Name& earlier) { return earlier.text == parameter.text; })) {
                problem = "'" + parameter.text + "' is already a parameter of '" + name + "'";
            } else if (const DefEntry* other = out.find(parameter.text)) {
                problem = "parameter '" + parameter.text + "' of '" + name + "' has the name of a def";
                notes.insert(notes.begin(), "the def is at " + checking::place(*other->file, other->def->name.begin));
            }
            if (problem.empty()) continue;
            diagnostics.push_back(clash(source, parameter, std::move(problem), std::move(notes)));
            entry.usable = false;
        }
    }
    // Each body on its own, once: unknown names, arity, types, and recursion.
    for (auto& [name, entry] : out.entries) {
        checking::ExpressionChecker checker(*entry.file, rules, diagnostics, &out);
        if (!checker.def_on_its_own(entry)) entry.usable = false;
    }
}

namespace checking {

bool ExpressionChecker::def_on_its_own(DefEntry& def) {
    const auto errors = [&] {
        return std::count_if(root_diagnostics_.begin(), root_diagnostics_.end(),
                             [](const Diagnostic& d) { return d.level == dsl::DiagnosticLevel::error; });
    };
    const auto before = errors();
    def_body(def.def->name, def, nullptr, true);
    return errors() == before;
}

std::optional<std::size_t> ExpressionChecker::def_parameter(const std::string& name) const {
    const Frame& current = frame();
    if (current.def == nullptr) return std::nullopt;
    const auto& parameters = current.def->def->parameters;
    for (std::size_t i = 0; i < parameters.size(); ++i)
        if (parameters[i].text == name) return i;
    return std::nullopt;
}

bool ExpressionChecker::only_a_parameter(const ast::Chain& chain) const {
    const ast::Chain* inner = &chain;
    while (inner->rest.empty()) {
        if (const auto* name = std::get_if<ast::Name>(&inner->first))
            return lookup_binding(name->text) == nullptr && def_parameter(name->text).has_value();
        // A path with no fields is the name alone (the grammar's postfix level).
        if (const auto* path = std::get_if<ast::Box<ast::Access>>(&inner->first); path != nullptr && (*path)->fields.empty()) {
            const auto* name = std::get_if<ast::Name>(&(*path)->base);
            return name != nullptr && lookup_binding(name->text) == nullptr && def_parameter(name->text).has_value();
        }
        const auto* bracketed = std::get_if<ast::Box<ast::Chain>>(&inner->first);
        if (bracketed == nullptr) return false;
        inner = &**bracketed;
    }
    return false;
}

// A parameter in a def's body is the use's argument, checked where the use is written: its names
// are the caller's, and its span is in the caller's text, so a message names it as written there.
ExprPtr ExpressionChecker::def_argument(const ast::Name& name, std::size_t index) {
    const Frame& current = frame();
    if (current.arguments == nullptr) return make(name, StaticType::any, Variable{0});  // on its own: any value
    const ast::Chain& argument = (*current.arguments)[index];
    const std::size_t inside = current_;
    // The argument is checked where it is written, where the defs now being inlined around it
    // were not yet: `f(f(1))` is two uses of `f`, not `f` using itself.
    std::vector<DefEntry*> inlining(expanding_.begin() + static_cast<std::ptrdiff_t>(current.expanding), expanding_.end());
    expanding_.resize(current.expanding);
    current_ = current.caller;
    ExprPtr out = expression(argument);
    current_ = inside;
    expanding_.insert(expanding_.end(), inlining.begin(), inlining.end());
    return out;
}

// A use of a def, as `NAME` or `NAME(ARGUMENTS)`: the arity, then the body inlined.
ExprPtr ExpressionChecker::def_use(const ast::Located& at, DefEntry& def, const ast::Call* call) {
    const ast::Def& definition = *def.def;
    const std::string& fn = definition.name.text;
    const std::size_t arity = definition.parameters.size();
    const std::string defined_at = "'" + fn + "' is defined at " + place(*def.file, definition.name.begin);
    auto fail = [&](const ast::Located& where, std::string message, std::vector<std::string> notes) {
        error(where, "DC202", std::move(message), std::move(notes));
        if (call != nullptr)
            for (const auto& argument : call->arguments) expression(argument);  // still check the arguments
        return make(at, StaticType::any, Constant{Value{Absent{}}});
    };
    if (call == nullptr && arity > 0)
        return fail(at, "'" + fn + "' takes " + std::to_string(arity) + " argument" + (arity == 1 ? "" : "s"),
                    {"usage: " + usage(definition), defined_at});
    if (call != nullptr && call->binding)
        return fail(*call, "wrong arguments for '" + fn + "'", {"usage: " + usage(definition), defined_at});
    if (call != nullptr && arity == 0)
        return fail(*call, "'" + fn + "' takes no arguments: write it without brackets",
                    {"usage: " + fn, defined_at});
    if (call != nullptr && call->arguments.size() != arity)
        return fail(*call,
                    "'" + fn + "' takes " + std::to_string(arity) + " argument" + (arity == 1 ? "" : "s") +
                        ", found " + std::to_string(call->arguments.size()),
                    {"usage: " + usage(definition), defined_at});
    return def_body(at, def, call, false);
}

// The body of `def` inlined at `at` (its arguments `call`'s, or none when checked on its own).
ExprPtr ExpressionChecker::def_body(const ast::Located& at, DefEntry& def, const ast::Call* call, bool on_its_own) {
    auto stand_in = [&] {
        if (call != nullptr)
            for (const auto& argument : call->arguments) expression(argument);
        return make(at, StaticType::any, Constant{Value{Absent{}}});
    };
    if (!def.usable) return stand_in();  // its problem is reported where it is defined
    if (const auto first = std::find(expanding_.begin(), expanding_.end(), &def); first != expanding_.end()) {
        // A cycle: each of its defs stops being inlined, and the cycle is reported once, from
        // whichever of its defs is met first.
        std::vector<std::string> names;
        for (auto it = first; it != expanding_.end(); ++it) {
            names.push_back((*it)->def->name.text);
            (*it)->usable = false;
        }
        std::string cycle;
        for (const auto& n : names) cycle += n + " -> ";
        cycle += def.def->name.text;
        auto key = names;
        std::rotate(key.begin(), std::min_element(key.begin(), key.end()), key.end());
        std::string key_text;
        for (const auto& n : key) key_text += n + " ";
        if (defs_->reported_cycles.insert(key_text).second)
            error(at, "DC220", "def '" + names.front() + "' uses itself: " + cycle,
                  {"a def is inlined where it is used, so it may not use itself, directly or through other defs"});
        return stand_in();
    }
    if (++expansions_ > max_def_uses) {
        if (!too_many_reported_) {
            too_many_reported_ = true;
            error(at, "DC103", "defs expand too far here (more than " + std::to_string(max_def_uses) +
                                   " uses of defs, counting those inside defs)",
                  {"a def that uses another several times multiplies it; bind a shared value with 'let'"});
        }
        return stand_in();
    }
    const Deeper deeper(*this, 1);
    if (depth_ > max_expression_depth) return too_deep(at);
    // The arguments once where they are written, so that their own problems are reported once.
    if (call != nullptr)
        for (const auto& argument : call->arguments) expression(argument);
    const std::string used_at = "in '" + def.def->name.text + "', used at " + place(*frame().file, at.begin);

    std::vector<Diagnostic> body_problems;
    std::vector<Diagnostic>* outer = diagnostics_;
    diagnostics_ = &body_problems;
    const std::size_t caller = current_;
    frames_.push_back(Frame{def.file, {}, &def, call != nullptr ? &call->arguments : nullptr, caller, expanding_.size()});
    current_ = frames_.size() - 1;
    expanding_.push_back(&def);
    ExprPtr body = expression(def.def->body);
    expanding_.pop_back();
    frames_.pop_back();
    current_ = caller;
    diagnostics_ = outer;
    if (on_its_own) diagnostics_->insert(diagnostics_->end(), body_problems.begin(), body_problems.end());
    else merge_from_body(body_problems, used_at);

    // The use stands for the whole body: a message or --explain names it as written at the use.
    body->span = span(at);
    body->def_call = true;
    return body;
}

// Problems met while inlining a body that are not already reported (the body's own, found when
// it was checked on its own, and the arguments', found where they are written) are new: they
// come of this use's arguments (a string where the body needs a number), so they say which use.
void ExpressionChecker::merge_from_body(std::vector<Diagnostic>& body, const std::string& note) {
    for (auto& d : body) {
        auto same = [&](const Diagnostic& other) { return same_problem(d, other); };
        if (std::any_of(root_diagnostics_.begin(), root_diagnostics_.end(), same) ||
            std::any_of(diagnostics_->begin(), diagnostics_->end(), same))
            continue;
        d.notes.push_back(note);
        diagnostics_->push_back(std::move(d));
    }
}

}  // namespace checking
}  // namespace dutycheck::engine
