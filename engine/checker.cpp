// Checking rules: clauses into steps and metadata, required clauses, and parameter defaults.
#include "engine/checker.hpp"

#include "engine/checker_expressions.hpp"
#include "engine/type_nouns.hpp"

#include <algorithm>
#include <cctype>

namespace dutycheck::engine {
namespace {

namespace ast = dsl::ast;
using checking::join;
using dsl::Diagnostic;

// The words for a `for each` over an empty collection, from the collection's path: `localities`
// gives "no localities are recorded", `partnership.integration_scheme.delegated_functions` "no
// delegated functions of the integration scheme are recorded". A collection that is not a plain
// path is "the list".
std::string nothing_to_check(std::string_view collection) {
    std::vector<std::string> fields(1);
    for (const char c : collection) {
        if (c == '.') fields.emplace_back();
        else if (std::isalnum(static_cast<unsigned char>(c)) != 0) fields.back() += c;
        else if (c == '_') fields.back() += ' ';
        else return "nothing to check: the list it looks at is empty";
    }
    if (std::any_of(fields.begin(), fields.end(), [](const std::string& f) { return f.empty(); }))
        return "nothing to check: the list it looks at is empty";
    std::string words = "no " + fields.back();
    if (fields.size() >= 2) words += " of the " + fields[fields.size() - 2];
    return "nothing to check: " + words + " are recorded";
}

std::optional<Basis> parse_basis(std::string_view word) {
    if (word == "statute") return Basis::statute;
    if (word == "regulation") return Basis::regulation;
    if (word == "statutory_guidance") return Basis::statutory_guidance;
    if (word == "local_policy") return Basis::local_policy;
    if (word == "good_practice") return Basis::good_practice;
    return std::nullopt;
}

Severity default_severity(Basis basis) {
    switch (basis) {
        case Basis::statute:
        case Basis::regulation: return Severity::error;
        case Basis::statutory_guidance:
        case Basis::local_policy: return Severity::warning;
        case Basis::good_practice: return Severity::info;
    }
    return Severity::error;
}

/// Checks one rule clause by clause; the expressions go to the ExpressionChecker, which holds the scope.
class RuleChecker {
public:
    RuleChecker(checking::ExpressionChecker& expressions, const ast::Rule& rule, std::size_t pack,
                std::optional<Severity> pack_severity)
        : expressions_(expressions), rule_(rule), pack_severity_(pack_severity) {
        const dsl::SourceFile& file = expressions_.file();
        out_.info.id = rule.id.text;
        out_.info.file = file.path();
        out_.info.line = file.line_column(rule.begin).line;
        out_.pack = pack;
        out_.span = expressions_.span(rule);
    }

    void clause(const ast::TextClause& c) {
        if (!once(c.keyword)) return;
        std::string text = join(c.value.parts);
        if (c.keyword.text == "title") out_.info.title = std::move(text);
        else if (c.keyword.text == "cite") out_.info.citation.source = std::move(text);
        else if (c.keyword.text == "url") out_.info.citation.url = std::move(text);
        else out_.info.citation.quote = std::move(text);
    }

    void clause(const ast::WordsClause& c) {
        if (!once(c.keyword)) return;
        const std::string& keyword = c.keyword.text;
        if (keyword == "duty" || keyword == "tags") {
            auto& list = keyword == "duty" ? out_.info.duties : out_.info.tags;
            for (const auto& word : c.words) list.push_back(word.text);
            return;
        }
        if (c.words.size() != 1) {
            expressions_.error(c, "DC204", "'" + keyword + "' takes one word");
            return;
        }
        const ast::Name& word = c.words.front();
        if (keyword == "severity") {
            severity_ = parse_severity(word.text);
            if (!severity_)
                expressions_.error(word, "DC204", "unknown severity '" + word.text + "'",
                                   {"expected error, warning or info"});
        } else {
            basis_ = parse_basis(word.text);
            if (!basis_)
                expressions_.error(word, "DC204", "unknown basis '" + word.text + "'",
                                   {"expected statute, regulation, statutory_guidance, local_policy or good_practice"});
        }
    }

    void clause(const ast::ForEach& c) {
        if (has_require_) {
            expressions_.error(c, "DC207", "'for each' must come before the first 'require'");
            return;
        }
        ForEachStep step;
        step.variable = c.variable.text;
        step.collection = expressions_.expression(c.collection);
        expressions_.expect_type(*step.collection, StaticType::list, "the collection of 'for each'");
        step.slot = expressions_.bind_element(c.variable, *step.collection);
        if (c.filter) step.filter = expressions_.condition(*c.filter, "the condition after 'where'");
        // The message may name the element, so it is checked with the variable bound.
        if (c.filter_message && !c.filter)
            expressions_.error(*c.filter_message, "DC207", "'else' after 'for each' needs a 'where' whose words it gives");
        else if (c.filter_message) step.filter_message = expressions_.message(*c.filter_message);
        step.empty_message = nothing_to_check(step.collection->span.text());
        out_.steps.emplace_back(std::move(step));
    }

    void clause(const ast::Let& c) {
        LetStep step;
        step.variable = c.variable.text;
        step.value = expressions_.expression(c.value);
        step.slot = expressions_.bind(c.variable, step.value->type, step.value->shape);
        out_.steps.emplace_back(std::move(step));
    }

    void clause(const ast::When& c) {
        WhenStep step{expressions_.condition(c.condition, "the condition of 'when'"), {}};
        if (c.message) step.message = expressions_.message(*c.message);
        out_.steps.emplace_back(std::move(step));
    }

    void clause(const ast::About& c) {
        if (has_about_) {
            expressions_.error(c, "DC207", "'about' is given twice in rule '" + rule_.id.text + "'");
            return;
        }
        has_about_ = true;
        out_.about = expressions_.expression(c.target);
    }

    void clause(const ast::Due& c) {
        if (has_due_) {
            expressions_.error(c, "DC207", "'due' is given twice in rule '" + rule_.id.text + "'");
            return;
        }
        has_due_ = true;
        DueStep step{expressions_.expression(c.date)};
        expressions_.expect_type(*step.date, StaticType::date, "the date of 'due'");
        out_.steps.emplace_back(std::move(step));
    }

    void clause(const ast::Require& c) {
        has_require_ = true;
        RequireStep step;
        step.condition = expressions_.condition(c.condition, "a requirement");
        if (c.message) step.message = expressions_.message(*c.message);
        out_.steps.emplace_back(std::move(step));
    }

    /// Reports the required clauses that are missing and settles severity and basis.
    CompiledRule finish() {
        std::vector<std::string> missing;
        if (out_.info.title.empty()) missing.push_back("title");
        if (out_.info.duties.empty()) missing.push_back("duty");
        if (out_.info.citation.source.empty()) missing.push_back("cite");
        if (!basis_ && std::find(seen_.begin(), seen_.end(), "basis") == seen_.end()) missing.push_back("basis");
        if (!has_require_) missing.push_back("require");
        for (const auto& clause : missing)
            expressions_.error(rule_.id, "DC206", "rule '" + rule_.id.text + "' has no '" + clause + "' clause");
        out_.info.basis = basis_.value_or(Basis::statute);
        // The rule's own word, else its pack's, else its basis's: a pack of adopted local policies
        // says once that they are errors, and a rule that is only a convention says otherwise.
        out_.info.severity = severity_.value_or(pack_severity_.value_or(default_severity(out_.info.basis)));
        out_.slot_count = expressions_.slot_count();
        return std::move(out_);
    }

private:
    // Metadata clauses may be given once each.
    bool once(const ast::Name& keyword) {
        if (std::find(seen_.begin(), seen_.end(), keyword.text) != seen_.end()) {
            expressions_.error(keyword, "DC207",
                               "'" + keyword.text + "' is given twice in rule '" + rule_.id.text + "'");
            return false;
        }
        seen_.push_back(keyword.text);
        return true;
    }

    checking::ExpressionChecker& expressions_;
    const ast::Rule& rule_;
    std::optional<Severity> pack_severity_;
    CompiledRule out_;
    std::vector<std::string> seen_;
    std::optional<Severity> severity_;
    std::optional<Basis> basis_;
    bool has_require_ = false;
    bool has_about_ = false;
    bool has_due_ = false;
};

}  // namespace

std::string_view to_string(StaticType type) {
    switch (type) {
        case StaticType::any: return "any value";
        case StaticType::boolean: return type_noun(TypeNoun::boolean);
        case StaticType::number: return type_noun(TypeNoun::number);
        case StaticType::string: return type_noun(TypeNoun::string);
        case StaticType::date: return "a date";  // a rule's type, not a file's format: no pattern to show
        case StaticType::list: return type_noun(TypeNoun::list);
        case StaticType::object: return type_noun(TypeNoun::object);
    }
    return "?";
}

std::optional<Value> check_param_default(const ast::Chain& value, const dsl::SourceFile& file,
                                         std::vector<Diagnostic>& diagnostics) {
    RuleSet no_params;
    const std::size_t before = diagnostics.size();
    checking::ExpressionChecker checker(file, no_params, diagnostics);
    ExprPtr expr = checker.expression(value);
    if (diagnostics.size() > before) return std::nullopt;
    if (const auto* constant = std::get_if<Constant>(&expr->node)) return constant->value;
    Diagnostic d;
    d.code = "DC209";
    d.file = &file;
    d.begin = value.begin;
    d.end = value.end;
    d.message = "a parameter's default must be a literal (number, string, boolean, date or list)";
    diagnostics.push_back(std::move(d));
    return std::nullopt;
}

CompiledRule check_rule(const ast::Rule& rule, const dsl::SourceFile& file, const RuleSet& rules, std::size_t pack,
                        PackDefs& defs, std::vector<Diagnostic>& diagnostics) {
    checking::ExpressionChecker expressions(file, rules, diagnostics, &defs);
    RuleChecker checker(expressions, rule, pack, pack < rules.packs.size() ? rules.packs[pack].severity : std::nullopt);
    for (const auto& clause : rule.clauses) std::visit([&](const auto& c) { checker.clause(c); }, clause);
    return checker.finish();
}

}  // namespace dutycheck::engine