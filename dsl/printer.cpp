// The formatter: walks the syntax tree and prints it in the canonical layout, weaving the
// source's comments back in. Not a grammar translation unit: it needs no Spirit.
#include "dsl/printer.hpp"

#include "dsl/parser.hpp"
#include "dsl/utf8.hpp"

#include <algorithm>
#include <limits>
#include <type_traits>
#include <utility>
#include <variant>

namespace dutycheck::dsl {
namespace {

template <typename... Fs>
struct overloaded : Fs... {
    using Fs::operator()...;
};

// The layout's columns: a rule's clauses are indented 2, `where` and `else` under a clause 4.
// Header clauses (title, duty, cite…) pad their keyword to 7 columns, the clauses that test or
// bind (require, when, about, due) to 8, so their values line up as the bundled packs have them.
constexpr std::size_t clause_indent = 2;
constexpr std::size_t continuation_indent = 4;
constexpr std::size_t header_width = 7;
constexpr std::size_t logic_width = 8;

std::string_view op_text(ast::Op op) {
    switch (op) {
        case ast::Op::or_: return "or";
        case ast::Op::and_: return "and";
        case ast::Op::not_: return "not";
        case ast::Op::negate: return "-";
        case ast::Op::eq: return "==";
        case ast::Op::ne: return "!=";
        case ast::Op::lt: return "<";
        case ast::Op::le: return "<=";
        case ast::Op::gt: return ">";
        case ast::Op::ge: return ">=";
        case ast::Op::in: return "in";
        case ast::Op::not_in: return "not in";
        case ast::Op::add: return "+";
        case ast::Op::sub: return "-";
        case ast::Op::mul: return "*";
        case ast::Op::div: return "/";
    }
    return "?";
}

// The text of a string between its quotes, escaped back; a message template doubles its braces.
std::string escaped(std::string_view text, bool in_template) {
    std::string out;
    for (const char c : text) {
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\t': out += "\\t"; break;
            case '{': out += in_template ? "{{" : "{"; break;
            case '}': out += in_template ? "}}" : "}"; break;
            default: out += c;
        }
    }
    return out;
}

template <typename T>
const ast::Located& located(const T& node) {
    return node;
}
template <typename T>
const ast::Located& located(const ast::Box<T>& node) {
    return *node;
}
template <typename... Ts>
const ast::Located& located(const std::variant<Ts...>& node) {
    return std::visit([](const auto& alternative) -> const ast::Located& { return located(alternative); }, node);
}

class Printer {
public:
    explicit Printer(const SourceFile& source) : text_(source.text()), comments_(collect_comments(text_)) {}

    std::string print(const ast::File& file) {
        for (std::size_t i = 0; i < file.items.size(); ++i) {
            const auto& item = file.items[i];
            // A rule is a block: always a blank line on either side of it.
            const bool rule_next_door =
                std::holds_alternative<ast::Rule>(item) || (i > 0 && std::holds_alternative<ast::Rule>(file.items[i - 1]));
            break_line(0, start(located(item).begin), i == 0 ? Blank::inside : rule_next_door ? Blank::force : Blank::keep);
            std::visit([this](const auto& node) { print_item(node); }, item);
            previous_end_ = std::max(previous_end_, located(item).end);
        }
        break_line(0, std::numeric_limits<std::uint32_t>::max(), Blank::close);
        return std::move(out_);
    }

private:
    // Blank lines where a line is broken: none; as in the source (at most one) before the comments
    // and between them and what follows; always one before; none before the first comment of a
    // block; none after the last comment before a closing brace or the end of the file.
    enum class Blank { none, keep, force, inside, close };

    std::string_view text_;
    std::vector<Comment> comments_;
    std::size_t next_comment_ = 0;
    std::string out_;
    std::size_t column_ = 0;
    std::uint32_t previous_end_ = 0;  // source end of the last code or comment printed
    bool flat_ = false;               // inside a message's interpolation: one line

    // ---- output and source positions -------------------------------------------------

    void put(std::string_view text) {
        out_ += text;
        column_ += code_point_count(text);
    }
    void pad_to(std::size_t column) {
        if (column_ < column) put(std::string(column - column_, ' '));
    }
    // A clause keyword padded so that what follows starts `width` columns after it (at least one space).
    void keyword(std::string_view word, std::size_t width) {
        const std::size_t at = column_;
        put(word);
        put(" ");
        pad_to(at + width);
    }
    std::size_t line_indent() const {
        const auto newline = out_.rfind('\n');
        std::size_t i = newline == std::string::npos ? 0 : newline + 1;
        std::size_t indent = 0;
        while (i < out_.size() && out_[i] == ' ') ++i, ++indent;
        return indent;
    }

    std::uint32_t start(std::uint32_t begin) const { return skip_blanks(text_, begin); }
    bool newline_between(std::uint32_t from, std::uint32_t to) const {
        if (from >= to || to > text_.size()) return false;
        return text_.substr(from, to - from).find('\n') != std::string_view::npos;
    }
    bool blank_between(std::uint32_t from, std::uint32_t to) const {
        to = std::min<std::uint32_t>(to, static_cast<std::uint32_t>(text_.size()));
        if (from >= to) return false;
        const auto between = text_.substr(from, to - from);
        return std::count(between.begin(), between.end(), '\n') >= 2;
    }
    std::string_view comment_text(const Comment& comment) const {
        auto text = text_.substr(comment.begin, comment.end - comment.begin);
        while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
        return text;
    }
    bool comment_before(std::uint32_t next) const {
        return next_comment_ < comments_.size() && comments_[next_comment_].begin < next;
    }

    // Ends the current line and starts the next at `indent`, for what begins at source offset
    // `next`. A comment after code on the line just printed stays at its end; the comments
    // before `next` come first, each on a line of its own at `comment_indent`.
    void break_line(std::size_t indent, std::uint32_t next, Blank blank, std::size_t comment_indent) {
        if (!out_.empty() && comment_before(next) && comments_[next_comment_].trailing) {
            const Comment& comment = comments_[next_comment_++];
            put("  ");
            put(comment_text(comment));
            previous_end_ = comment.end;
        }
        const bool keep_inner = blank != Blank::none;
        const std::uint32_t leading = comment_before(next) ? comments_[next_comment_].begin : next;
        const bool blank_before = blank == Blank::force ||
                                  ((blank == Blank::keep || blank == Blank::close) && blank_between(previous_end_, leading));
        if (!out_.empty()) out_ += blank_before ? "\n\n" : "\n";
        column_ = 0;
        while (comment_before(next)) {
            const Comment& comment = comments_[next_comment_++];
            pad_to(comment_indent);
            put(comment_text(comment));
            out_ += '\n';
            column_ = 0;
            previous_end_ = comment.end;
            const bool last = !comment_before(next);
            if (keep_inner && !(last && blank == Blank::close) && blank_between(comment.end, last ? next : comments_[next_comment_].begin))
                out_ += '\n';
        }
        pad_to(indent);
    }
    void break_line(std::size_t indent, std::uint32_t next, Blank blank) { break_line(indent, next, blank, indent); }

    // A line break inside an expression, kept where the author broke the line: before the
    // element at source offset `element` that follows what ended at `previous`. Continuation
    // lines align with the start of their list, chain or binding.
    bool broke(std::uint32_t previous, std::uint32_t element) const { return !flat_ && newline_between(previous, start(element)); }
    void continue_line(std::size_t column, std::uint32_t next) { break_line(column, next, Blank::none); }

    // ---- items -------------------------------------------------------------------------

    void print_item(const ast::PackDecl& pack) {
        put("pack ");
        print_string(pack.name);
        // Version and jurisdiction share the pack's line; the other attributes, and any after them, have lines of their own.
        bool own_lines = false;
        for (const auto& attribute : pack.attributes) {
            own_lines = own_lines || (attribute.key.text != "version" && attribute.key.text != "jurisdiction");
            if (own_lines)
                continue_line(clause_indent, start(attribute.begin));
            else
                put(" ");
            put(attribute.key.text);
            put(" ");
            // `severity` takes a bare word, as a rule's own `severity` clause does.
            if (attribute.key.text == "severity" && attribute.value.parts.size() == 1)
                put(attribute.value.parts.front());
            else
                print_string(attribute.value);
        }
    }

    void print_item(const ast::Def& def) {
        put("def ");
        put(def.name.text);
        if (!def.parameters.empty()) {
            put("(");
            for (std::size_t i = 0; i < def.parameters.size(); ++i) {
                if (i > 0) put(", ");
                put(def.parameters[i].text);
            }
            put(")");
        }
        // A long body may start on the next line, as the author wrote it.
        const std::uint32_t head_end = def.parameters.empty() ? def.name.end : def.parameters.back().end;
        if (broke(head_end, def.body.begin)) {
            put(" =");
            continue_line(clause_indent, start(def.body.begin));
        } else {
            put(" = ");
        }
        print(def.body);
    }

    void print_item(const ast::Import& import) {
        put("import ");
        print_string(import.path);
    }

    void print_item(const ast::Param& param) {
        put("param ");
        put(param.name.text);
        put(" = ");
        print(param.value);
        std::uint32_t end = param.value.end;
        for (std::size_t i = 0; i < param.bounds.size(); ++i) {
            const auto& bound = param.bounds[i];
            if (i == 0)
                continue_line(clause_indent, start(bound.begin));
            else
                put(" ");
            print_bound(bound);
            end = bound.end;
        }
        if (param.reason) {
            continue_line(clause_indent, start(end));
            put("because ");
            print_string(*param.reason);
        }
    }

    void print_bound(const ast::Bound& bound) {
        switch (bound.kind) {
            case ast::BoundKind::range: put("from "); break;
            case ast::BoundKind::one_of: put("one of "); break;
            case ast::BoundKind::including: put("including "); break;
            case ast::BoundKind::within: put("within "); break;
        }
        for (std::size_t i = 0; i < bound.values.size(); ++i) {
            if (i > 0) put(" to ");
            print(bound.values[i]);
        }
    }

    void print_item(const ast::Rule& rule) {
        put("rule ");
        put(rule.id.text);
        put(" {");
        for (std::size_t i = 0; i < rule.clauses.size(); ++i) {
            const auto& clause = rule.clauses[i];
            break_line(clause_indent, start(located(clause).begin), i == 0 ? Blank::inside : Blank::keep);
            std::visit([this](const auto& node) { print_clause(node); }, clause);
            previous_end_ = std::max(previous_end_, located(clause).end);
        }
        const std::uint32_t closing = rule.end > 0 ? rule.end - 1 : 0;
        break_line(0, closing, rule.clauses.empty() ? Blank::inside : Blank::close, clause_indent);
        put("}");
    }

    // ---- clauses -----------------------------------------------------------------------

    void print_clause(const ast::TextClause& clause) {
        keyword(clause.keyword.text, header_width);
        print_string(clause.value);
    }

    void print_clause(const ast::WordsClause& clause) {
        keyword(clause.keyword.text, header_width);
        for (std::size_t i = 0; i < clause.words.size(); ++i) {
            if (i > 0) put(", ");
            put(clause.words[i].text);
        }
    }

    void print_clause(const ast::ForEach& clause) {
        put("for each ");
        put(clause.variable.text);
        put(" in ");
        print(clause.collection);
        std::uint32_t end = clause.collection.end;
        if (clause.filter) {
            if (broke(end, clause.filter->begin))
                continue_line(continuation_indent, start(end));
            else
                put(" ");
            put("where ");
            print(*clause.filter);
            end = clause.filter->end;
        }
        if (clause.filter_message) print_else(*clause.filter_message, end);
    }

    void print_clause(const ast::Let& clause) {
        put("let ");
        put(clause.variable.text);
        put(" = ");
        print(clause.value);
    }

    void print_clause(const ast::When& clause) {
        keyword("when", logic_width);
        print(clause.condition);
        if (clause.message) print_else(*clause.message, clause.condition.end);
    }

    void print_clause(const ast::About& clause) {
        keyword("about", logic_width);
        print(clause.target);
    }

    void print_clause(const ast::Due& clause) {
        keyword("due", logic_width);
        print(clause.date);
    }

    void print_clause(const ast::Require& clause) {
        keyword("require", logic_width);
        print(clause.condition);
        if (clause.message) print_else(*clause.message, clause.condition.end);
    }

    // `else "message"` on a line of its own under the clause; the message starts where a
    // require's condition does.
    void print_else(const ast::Template& message, std::uint32_t after) {
        continue_line(continuation_indent, start(after));
        keyword("else", 6);
        print_template(message);
    }

    // ---- strings -----------------------------------------------------------------------

    // Adjacent strings, each after the first on a line of its own under the first, as written.
    void print_string(const ast::StringLit& string) {
        const std::size_t column = column_;
        for (std::size_t i = 0; i < string.parts.size(); ++i) {
            if (i > 0) {
                if (flat_)
                    put(" ");
                else
                    continue_line(column, 0);
            }
            put("\"");
            put(escaped(string.parts[i], false));
            put("\"");
        }
    }

    void print_template(const ast::Template& message) {
        const std::size_t column = column_;
        std::size_t next_break = 0;
        auto split_here = [&](std::size_t index) {
            for (; next_break < message.breaks.size() && message.breaks[next_break] == index; ++next_break) {
                put("\"");
                continue_line(column, 0);
                put("\"");
            }
        };
        put("\"");
        for (std::size_t i = 0; i < message.parts.size(); ++i) {
            split_here(i);
            std::visit(overloaded{[&](const std::string& text) { put(escaped(text, true)); },
                                  [&](const ast::Chain& expression) {
                                      put("{");
                                      const bool was_flat = std::exchange(flat_, true);
                                      print(expression);
                                      flat_ = was_flat;
                                      put("}");
                                  }},
                       message.parts[i]);
        }
        split_here(message.parts.size());
        put("\"");
    }

    // ---- expressions -------------------------------------------------------------------

    // Binary operators with a space either side; a broken line starts with the operator,
    // aligned with the chain's first operand.
    void print(const ast::Chain& chain) {
        const std::size_t column = column_;
        print(chain.first);
        std::uint32_t previous = located(chain.first).end;
        for (const auto& operation : chain.rest) {
            if (broke(previous, located(operation.operand).begin))
                continue_line(column, start(operation.begin));
            else
                put(" ");
            put(op_text(operation.op));
            put(" ");
            print(operation.operand);
            previous = located(operation.operand).end;
        }
    }

    void print(const ast::Operand& operand) {
        std::visit(overloaded{
                       [&](const ast::NumberLit& number) { put(number.text); },
                       [&](const ast::DateLit& date) { put(date.text); },
                       [&](const ast::StringLit& string) { print_string(string); },
                       [&](const ast::BoolLit& boolean) { put(boolean.value ? "true" : "false"); },
                       [&](const ast::Name& name) { put(name.text); },
                       [&](const ast::Box<ast::ListLit>& list) { print(*list); },
                       [&](const ast::Box<ast::Call>& call) { print(*call); },
                       [&](const ast::Box<ast::Unary>& unary) { print(*unary); },
                       // A chain as an operand is the next precedence level: the grammar's nesting, not brackets.
                       [&](const ast::Box<ast::Chain>& chain) { print(*chain); },
                       [&](const ast::Box<ast::Access>& access) { print(*access); },
                   },
                   operand);
    }

    void print(const ast::Unary& unary) {
        put(unary.op == ast::Op::not_ ? "not " : "-");
        print(unary.operand);
    }

    // A chain as the base of an access is a bracketed expression: the only place brackets come from.
    void print(const ast::Access& access) {
        if (const auto* chain = std::get_if<ast::Box<ast::Chain>>(&access.base)) {
            put("(");
            print(**chain);
            put(")");
        } else {
            print(access.base);
        }
        for (const auto& field : access.fields) {
            put(".");
            put(field.text);
        }
    }

    // Items after a comma; a broken line aligns with the first item.
    template <typename Element>
    void print_items(const std::vector<Element>& items, std::uint32_t previous, std::size_t column) {
        for (std::size_t i = 0; i < items.size(); ++i) {
            if (i > 0) put(",");
            if (i > 0 && broke(previous, items[i].begin))
                continue_line(column, start(items[i].begin));
            else if (i > 0)
                put(" ");
            print(items[i]);
            previous = items[i].end;
        }
    }

    void print(const ast::ListLit& list) {
        put("[");
        print_items(list.items, list.begin, column_);
        put("]");
    }

    // After `name(` a broken line is indented 2 past the line's indent; later arguments and a
    // binding's `where` align with the first.
    void print(const ast::Call& call) {
        put(call.function.text);
        put("(");
        const std::uint32_t first = call.binding       ? call.binding->begin
                                    : call.arguments.empty() ? call.end
                                                             : call.arguments.front().begin;
        if (first != call.end && broke(call.function.end, first)) continue_line(line_indent() + 2, start(first));
        const std::size_t column = column_;
        std::uint32_t previous = call.function.end;
        if (call.binding) {
            print(*call.binding, column);
            previous = call.binding->end;
            if (!call.arguments.empty()) put(" ");
        }
        print_items(call.arguments, previous, column);
        put(")");
    }

    void print(const ast::Binding& binding, std::size_t column) {
        put(binding.variable.text);
        put(" in ");
        print(binding.collection);
        if (binding.predicate) {
            if (broke(binding.collection.end, binding.predicate->begin))
                continue_line(column, start(binding.collection.end));
            else
                put(" ");
            put("where ");
            print(*binding.predicate);
        }
    }
};

}  // namespace

namespace {

// Where the string opening at `open` ends: its closing quote, the character before the line
// break that cuts it short, or the end of the text. A message's `{…}` holds an expression,
// whose own strings may hold a quote or a '#'; `{{` is a literal brace.
std::size_t string_end(std::string_view text, std::size_t open) {
    bool interpolating = false;
    for (std::size_t i = open + 1; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '\n') return i - 1;
        if (c == '\\') {
            ++i;
        } else if (interpolating && c == '"') {
            const std::size_t inner = string_end(text, i);
            if (inner >= text.size() || text[inner] != '"') return inner;
            i = inner;
        } else if (interpolating) {
            interpolating = c != '}';
        } else if (c == '"') {
            return i;
        } else if (c == '{') {
            if (i + 1 < text.size() && text[i + 1] == '{') ++i;
            else interpolating = true;
        }
    }
    return text.size();
}

}  // namespace

std::vector<Comment> collect_comments(std::string_view text) {
    std::vector<Comment> comments;
    bool code_on_line = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '\n') {
            code_on_line = false;
        } else if (c == '#') {
            Comment comment;
            comment.begin = static_cast<std::uint32_t>(i);
            while (i < text.size() && text[i] != '\n') ++i;
            std::size_t end = i;
            if (end > comment.begin && text[end - 1] == '\r') --end;
            comment.end = static_cast<std::uint32_t>(end);
            comment.trailing = code_on_line;
            comments.push_back(comment);
            code_on_line = false;
        } else if (c == '"') {
            i = string_end(text, i);
            code_on_line = true;
        } else if (c != ' ' && c != '\t' && c != '\r') {
            code_on_line = true;
        }
    }
    return comments;
}

std::string format_rule_file(const ast::File& file, const SourceFile& source) { return Printer(source).print(file); }

}  // namespace dutycheck::dsl
