// The rule-language grammar (Boost.Spirit X3) and the parse entry point.
//
// This is the only translation unit that instantiates Spirit's parser machinery: X3 is
// heavy to compile, so every grammar rule is defined and used here and nowhere else.
// The grammar fills the private parse tree; lower() turns it into the public syntax tree.
// Rules carry readable names because an expectation failure reports the name of what
// was expected ("expected a string in double quotes").
#include "dsl/parser.hpp"

#include "dsl/lower.hpp"
#include "dsl/parse_tree_adapted.hpp"

#include <boost/spirit/home/x3.hpp>

#include <algorithm>
#include <iterator>
#include <optional>
#include <string_view>
#include <type_traits>

namespace dutycheck::dsl {
namespace grammar {

namespace x3 = boost::spirit::x3;
// Character classes from the ASCII encoding: X3's default (standard) classes take a byte above
// 127 as a negative char and assert, so a BOM or a stray non-ASCII byte between tokens aborted.
using x3::ascii::alnum;
using x3::ascii::alpha;
using x3::attr;
using x3::char_;
using x3::ascii::digit;
using x3::eol;
using x3::lexeme;
using x3::lit;

using Iterator = std::string_view::const_iterator;

/// Context tag giving annotate_position the start of the text, to turn iterators into offsets.
struct source_begin_tag;

/// Records each node's byte span; attached to every rule through its ID class.
struct annotate_position {
    template <typename It, typename Attribute, typename Context>
    void on_success(It const& first, It const& last, Attribute& node, Context const& context) const {
        if constexpr (std::is_base_of_v<parse_tree::Located, Attribute>) {
            const Iterator& begin = x3::get<source_begin_tag>(context);
            node.begin = static_cast<std::uint32_t>(first - begin);
            node.end = static_cast<std::uint32_t>(last - begin);
        }
    }
};

// Numbers are plain decimals: no "inf"/"nan" words, no leading dot. Only their form is parsed
// here; the engine reads their exact value, and says so when one has none (1e400).
auto const plain_real = -char_("+-") >> +digit >> -('.' >> *digit) >> -(char_("eE") >> -char_("+-") >> +digit);

auto const identifier_char = alnum | char_('_');
auto keyword(char const* word) { return lexeme[lit(word) >> !identifier_char]; }

// Words that cannot name a variable or a top-level field in an expression.
auto const reserved = keyword("and") | keyword("or") | keyword("not") | keyword("in") | keyword("where") |
                      keyword("true") | keyword("false");

/// Wraps a parser in a rule with a fixed attribute type, so semantic actions see that type.
template <typename T>
struct as_type {
    template <typename Parser>
    auto operator()(Parser const& parser) const {
        return x3::rule<struct as_class, T>{"value"} = x3::as_parser(parser);
    }
};
template <typename T>
inline constexpr as_type<T> as{};

auto const skipper = x3::ascii::space | (lit('#') >> *(char_ - eol));

// Semantic-action helpers. X3 does not propagate into single-member structs reliably,
// so those are filled by actions. A rule whose definition is an action gets no
// on_success call with its attribute, so such definitions are wrapped in `as<Node>`:
// the outer named rule then sees a plain rule and records the node's span.
auto const set_text = [](auto& ctx) { x3::_val(ctx).text = std::move(x3::_attr(ctx)); };
template <typename Member>
auto assign_to(Member member) {
    return [member](auto& ctx) { x3::_val(ctx).*member = std::move(x3::_attr(ctx)); };
}
template <typename Member>
auto assign_optional_to(Member member) {
    return [member](auto& ctx) {
        if (auto& value = x3::_attr(ctx)) x3::_val(ctx).*member = std::move(*value);
    };
}

// ---- rule declarations -------------------------------------------------------------

x3::rule<struct identifier_class, parse_tree::Name> const identifier = "a name";
x3::rule<struct field_name_class, parse_tree::Name> const field_name = "a field name";
x3::rule<struct word_class, parse_tree::Name> const word = "an id (letters, digits, '-', '_', '.')";
x3::rule<struct number_class, parse_tree::NumberLit> const number_literal = "a number";
x3::rule<struct date_class, parse_tree::DateLit> const date_literal = "a date";
x3::rule<struct bool_class, parse_tree::BoolLit> const bool_literal = "true or false";
x3::rule<struct closing_quote_class> const closing_quote = "a closing '\"' on the same line";
x3::rule<struct escape_class, char> const escape_code = "an escape sequence (\\\", \\\\, \\n or \\t)";
x3::rule<struct quoted_class, std::string> const quoted = "a string in double quotes";
x3::rule<struct string_class, parse_tree::StringLit> const string_literal = "a string in double quotes";
x3::rule<struct list_class, parse_tree::ListLit> const list_literal = "a list";
x3::rule<struct binding_class, parse_tree::Binding> const binding = "a binding (name in list)";
x3::rule<struct call_class, parse_tree::Call> const call = "a function call";
x3::rule<struct close_call_class> const close_call = "')' to close the call";
x3::rule<struct primary_class, parse_tree::Operand> const primary =
    "a value (a path, literal, list, function call or parenthesised expression)";
x3::rule<struct postfix_class, parse_tree::Access> const postfix = "a value";
x3::rule<struct negate_class, parse_tree::Unary> const negation = "a value";
x3::rule<struct signed_class, parse_tree::Operand> const signed_value = "a value";
x3::rule<struct mul_class, parse_tree::Chain> const product = "an expression";
x3::rule<struct mul_op_class, parse_tree::Operation> const product_operation = "an expression";
x3::rule<struct add_class, parse_tree::Chain> const sum = "an expression";
x3::rule<struct add_op_class, parse_tree::Operation> const sum_operation = "an expression";
x3::rule<struct cmp_class, parse_tree::Chain> const comparison = "an expression";
x3::rule<struct cmp_op_class, parse_tree::Operation> const comparison_operation = "an expression";
x3::rule<struct not_class, parse_tree::Unary> const logical_not = "an expression";
x3::rule<struct negatable_class, parse_tree::Operand> const negatable = "an expression";
x3::rule<struct and_class, parse_tree::Chain> const conjunction = "an expression";
x3::rule<struct and_op_class, parse_tree::Operation> const conjunction_operation = "an expression";
x3::rule<struct expression_class, parse_tree::Chain> const expression = "an expression";
x3::rule<struct or_op_class, parse_tree::Operation> const disjunction_operation = "an expression";

x3::rule<struct template_text_class, std::string> const template_text = "message text";
x3::rule<struct interpolation_class, parse_tree::Chain> const interpolation = "an interpolated expression";
x3::rule<struct close_brace_class> const close_interpolation = "'}' to close the interpolation";
x3::rule<struct interpolated_class, parse_tree::Chain> const interpolated = "an expression between '{' and '}'";
x3::rule<struct template_quoted_class, std::vector<parse_tree::TemplatePart>> const template_quoted =
    "a message in double quotes";
x3::rule<struct template_class, parse_tree::Template> const message_template = "a message in double quotes";

x3::rule<struct text_keyword_class, parse_tree::Name> const text_keyword = "a clause";
x3::rule<struct words_keyword_class, parse_tree::Name> const words_keyword = "a clause";
x3::rule<struct text_clause_class, parse_tree::TextClause> const text_clause = "a clause";
x3::rule<struct words_clause_class, parse_tree::WordsClause> const words_clause = "a clause";
x3::rule<struct each_class> const each_keyword = "'each'";
x3::rule<struct in_class> const in_keyword = "'in'";
x3::rule<struct for_each_class, parse_tree::ForEach> const for_each = "'for each'";
x3::rule<struct let_class, parse_tree::Let> const let_clause = "'let'";
x3::rule<struct when_class, parse_tree::When> const when_clause = "'when'";
x3::rule<struct about_class, parse_tree::About> const about_clause = "'about'";
x3::rule<struct due_class, parse_tree::Due> const due_clause = "'due'";
x3::rule<struct require_class, parse_tree::Require> const require_clause = "'require'";
x3::rule<struct clause_class, parse_tree::Clause> const clause = "a clause";
x3::rule<struct rule_end_class> const rule_end =
    "a clause (title, duty, cite, url, quote, basis, severity, tags, about, for each, let, when, "
    "due, require) or '}'";
x3::rule<struct rule_class, parse_tree::Rule> const rule_declaration = "a rule";
x3::rule<struct pack_keyword_class, parse_tree::Name> const pack_attribute_keyword = "version, jurisdiction, description or severity";
x3::rule<struct pack_attribute_class, parse_tree::PackAttribute> const pack_attribute = "a pack attribute";
x3::rule<struct pack_severity_class, parse_tree::Name> const pack_severity_keyword = "'severity'";
x3::rule<struct severity_word_class, parse_tree::StringLit> const severity_word = "a severity (error, warning or info)";
x3::rule<struct pack_class, parse_tree::PackDecl> const pack_declaration = "a pack declaration";
x3::rule<struct import_class, parse_tree::Import> const import_declaration = "an import";
x3::rule<struct of_class> const of_keyword = "'of'";
x3::rule<struct to_class> const to_keyword = "'to'";
x3::rule<struct range_bound_class, parse_tree::Bound> const range_bound = "a range ('from LOW to HIGH')";
x3::rule<struct list_bound_class, parse_tree::Bound> const list_bound = "bounds ('one of', 'including' or 'within' and a list)";
x3::rule<struct bound_class, parse_tree::Bound> const bound =
    "bounds ('from LOW to HIGH', 'one of [...]', 'including [...]' or 'within [...]')";
x3::rule<struct param_class, parse_tree::Param> const param_declaration = "a parameter";
x3::rule<struct def_parameters_class, std::vector<parse_tree::Name>> const def_parameters =
    "the parameters in brackets ('(NAME, NAME)')";
x3::rule<struct parameter_names_class, std::vector<parse_tree::Name>> const parameter_names = "the name of a parameter";
x3::rule<struct def_class, parse_tree::Def> const def_declaration = "a definition";
x3::rule<struct item_class, parse_tree::Item> const item = "'pack', 'import', 'param', 'def' or 'rule'";
x3::rule<struct end_class> const end_of_file = "'pack', 'import', 'param', 'def' or 'rule'";
x3::rule<struct file_class, parse_tree::File> const file = "a rule file";

// ---- lexical -----------------------------------------------------------------------

auto const identifier_def = as<parse_tree::Name>(as<std::string>(lexeme[(alpha | char_('_')) >> *identifier_char] - reserved)[set_text]);
auto const field_name_def = as<parse_tree::Name>(as<std::string>(lexeme[(alpha | char_('_')) >> *identifier_char])[set_text]);
auto const word_def = as<parse_tree::Name>(as<std::string>(lexeme[alpha >> *(alnum | char_("-_."))])[set_text]);
auto const number_literal_def = as<parse_tree::NumberLit>(x3::raw[lexeme[plain_real >> !identifier_char]]
           [([](auto& ctx) {
               auto& range = x3::_attr(ctx);
               x3::_val(ctx).text.assign(range.begin(), range.end());
           })]);
auto const date_literal_def = as<parse_tree::DateLit>(x3::raw[lexeme[x3::repeat(4)[digit] >> '-' >> x3::repeat(2)[digit] >> -('-' >> x3::repeat(2)[digit]) >>
                   !(identifier_char | char_("-."))]]
           [([](auto& ctx) {
               auto& range = x3::_attr(ctx);
               x3::_val(ctx).text.assign(range.begin(), range.end());
           })]);
x3::symbols<bool> const bool_words({{"true", true}, {"false", false}});
auto const bool_literal_def = as<parse_tree::BoolLit>(lexeme[bool_words >> !identifier_char][assign_to(&parse_tree::BoolLit::value)]);

x3::symbols<char> const escapes({{"\"", '"'}, {"\\", '\\'}, {"n", '\n'}, {"t", '\t'}});
auto const closing_quote_def = lit('"');
auto const escape_code_def = escapes;
auto const quoted_def =
    lexeme['"' >> *as<char>((lit('\\') > escape_code) | (char_ - '"' - '\\' - eol)) > closing_quote];
auto const string_literal_def = as<parse_tree::StringLit>((+quoted)[assign_to(&parse_tree::StringLit::parts)]);

// A message template: "{{" and "}}" are literal braces, "{expr}" is interpolated.
auto const template_text_def = +as<char>((lit('\\') > escape_code) | (lit("{{") >> attr('{')) | (lit("}}") >> attr('}')) |
      (char_ - '"' - '\\' - '{' - eol));
auto const close_interpolation_def = lit('}');
// Named, so that "{}" says what belongs between the braces (an unnamed directive would be
// reported by its C++ type).
auto const interpolated_def = x3::skip(skipper)[expression];
auto const interpolation_def = lit('{') > interpolated > close_interpolation;
auto const template_quoted_def = lexeme['"' >> *(template_text | interpolation) > closing_quote];
auto const message_template_def = as<parse_tree::Template>((+template_quoted)[([](auto& ctx) {
    auto& message = x3::_val(ctx);
    for (auto& piece : x3::_attr(ctx)) {
        if (&piece != &x3::_attr(ctx).front()) message.breaks.push_back(message.parts.size());
        for (auto& part : piece) message.parts.push_back(std::move(part));
    }
})]);

// ---- expressions, loosest binding first --------------------------------------------

auto const or_operator = keyword("or") >> attr(parse_tree::Op::or_);
auto const and_operator = keyword("and") >> attr(parse_tree::Op::and_);
x3::symbols<parse_tree::Op> const comparison_symbols(
    {{"==", parse_tree::Op::eq}, {"!=", parse_tree::Op::ne}, {"<=", parse_tree::Op::le}, {">=", parse_tree::Op::ge}, {"<", parse_tree::Op::lt},
     {">", parse_tree::Op::gt}});
auto const comparison_operator = comparison_symbols | (keyword("in") >> attr(parse_tree::Op::in)) |
                                 (keyword("not") >> keyword("in") >> attr(parse_tree::Op::not_in));
auto const sum_operator = (lit('+') >> attr(parse_tree::Op::add)) | (lit('-') >> attr(parse_tree::Op::sub));
auto const product_operator = (lit('*') >> attr(parse_tree::Op::mul)) | (lit('/') >> attr(parse_tree::Op::div));

auto const expression_def = conjunction >> *disjunction_operation;
auto const disjunction_operation_def = or_operator > conjunction;
auto const conjunction_def = negatable >> *conjunction_operation;
auto const conjunction_operation_def = and_operator > negatable;
auto const negatable_def = logical_not | comparison;
auto const logical_not_def = (keyword("not") >> !keyword("in") >> attr(parse_tree::Op::not_)) > negatable;
auto const comparison_def = sum >> *comparison_operation;
auto const comparison_operation_def = comparison_operator > sum;
auto const sum_def = product >> *sum_operation;
auto const sum_operation_def = sum_operator > product;
auto const product_def = signed_value >> *product_operation;
auto const product_operation_def = product_operator > signed_value;
auto const signed_value_def = negation | postfix;
auto const negation_def = (lit('-') >> attr(parse_tree::Op::negate)) > signed_value;
auto const postfix_def = primary >> *(lit('.') > field_name);
auto const close_call_def = lit(')');
auto const binding_def = identifier >> in_keyword >> expression >> -(keyword("where") > expression);
auto const call_def = identifier >> '(' >> -binding >> -(expression % ',') > close_call;
auto const list_literal_def = as<parse_tree::ListLit>((lit('[') > -(expression % ',') > ']')[assign_optional_to(&parse_tree::ListLit::items)]);
auto const primary_def = date_literal | number_literal | string_literal | bool_literal | list_literal | call |
                         identifier | (lit('(') > expression > ')');

// ---- rules and files ---------------------------------------------------------------

auto const text_keyword_def = as<parse_tree::Name>(as<std::string>(lexeme[(x3::string("title") | x3::string("cite") | x3::string("url") |
                            x3::string("quote")) >>
                           !identifier_char])[set_text]);
auto const words_keyword_def = as<parse_tree::Name>(as<std::string>(lexeme[(x3::string("duty") | x3::string("tags") | x3::string("severity") |
                            x3::string("basis")) >>
                           !identifier_char])[set_text]);
auto const text_clause_def = text_keyword > string_literal;
auto const words_clause_def = words_keyword > (word % ',');
auto const each_keyword_def = keyword("each");
auto const in_keyword_def = keyword("in");
// `else` after a `for each` gives the words for an element its `where` leaves out (the checker
// refuses it without a `where`); after `when`, the words for an instance it does not apply to.
auto const for_each_def = keyword("for") > each_keyword > identifier > in_keyword > expression >
                          -(keyword("where") > expression) > -(keyword("else") > message_template);
auto const let_clause_def = keyword("let") > identifier > '=' > expression;
auto const when_clause_def = keyword("when") > expression > -(keyword("else") > message_template);
auto const about_clause_def = as<parse_tree::About>((keyword("about") > expression)[assign_to(&parse_tree::About::target)]);
auto const due_clause_def = as<parse_tree::Due>((keyword("due") > expression)[assign_to(&parse_tree::Due::date)]);
auto const require_clause_def = keyword("require") > expression > -(keyword("else") > message_template);
auto const clause_def =
    text_clause | words_clause | for_each | let_clause | when_clause | about_clause | due_clause | require_clause;
auto const rule_end_def = lit('}');
auto const rule_declaration_def = keyword("rule") > word > '{' > *clause > rule_end;

auto const pack_attribute_keyword_def = as<parse_tree::Name>(as<std::string>(lexeme[(x3::string("version") | x3::string("jurisdiction") |
                            x3::string("description")) >>
                           !identifier_char])[set_text]);
// `severity WORD`, a bare word as in a rule's `severity` clause; the word is kept as the
// attribute's value, and the loader checks it.
auto const pack_severity_keyword_def = as<parse_tree::Name>(as<std::string>(lexeme[x3::string("severity") >> !identifier_char])[set_text]);
auto const severity_word_def = as<parse_tree::StringLit>(word[([](auto& ctx) { x3::_val(ctx).parts.push_back(x3::_attr(ctx).text); })]);
auto const pack_attribute_def = (pack_attribute_keyword > string_literal) | (pack_severity_keyword > severity_word);
auto const pack_declaration_def = keyword("pack") > string_literal > *pack_attribute;
auto const import_declaration_def = as<parse_tree::Import>((keyword("import") > string_literal)[assign_to(&parse_tree::Import::path)]);
// Bounds follow the default: `from LOW to HIGH`, or a keyword and a list. A parameter without
// any parses, so that the checker reports it with the others rather than stopping here.
auto const of_keyword_def = keyword("of");
auto const to_keyword_def = keyword("to");
auto const range_bound_def = as<parse_tree::Bound>((keyword("from") > expression > to_keyword > expression)[([](auto& ctx) {
    auto& range = x3::_attr(ctx);
    x3::_val(ctx).kind = parse_tree::BoundKind::range;
    x3::_val(ctx).values.push_back(std::move(boost::fusion::at_c<0>(range)));
    x3::_val(ctx).values.push_back(std::move(boost::fusion::at_c<1>(range)));
})]);
auto const list_bound_kind = as<parse_tree::BoundKind>(((keyword("one") > of_keyword) >> attr(parse_tree::BoundKind::one_of)) |
                             (keyword("including") >> attr(parse_tree::BoundKind::including)) |
                             (keyword("within") >> attr(parse_tree::BoundKind::within)));
auto const list_bound_def = as<parse_tree::Bound>((list_bound_kind > expression)[([](auto& ctx) {
    auto& parsed = x3::_attr(ctx);
    x3::_val(ctx).kind = boost::fusion::at_c<0>(parsed);
    x3::_val(ctx).values.push_back(std::move(boost::fusion::at_c<1>(parsed)));
})]);
auto const bound_def = range_bound | list_bound;
auto const param_declaration_def = keyword("param") > identifier > '=' > expression > *bound >
                                   -(keyword("because") > string_literal);
// `def NAME = BODY` or `def NAME(A, B) = BODY`; empty brackets do not parse, so a definition
// without parameters is always used as a bare name.
auto const parameter_names_def = identifier % ',';
auto const def_parameters_def = lit('(') > parameter_names > ')';
auto const def_declaration_def = keyword("def") > identifier >
                                 (def_parameters | attr(std::vector<parse_tree::Name>{})) > '=' > expression;
auto const item_def = pack_declaration | import_declaration | param_declaration | def_declaration | rule_declaration;
auto const end_of_file_def = x3::eoi;
auto const file_def = (*item > end_of_file)[assign_to(&parse_tree::File::items)];

BOOST_SPIRIT_DEFINE(identifier, field_name, word, number_literal, date_literal, bool_literal, closing_quote,
                    escape_code, quoted, string_literal, list_literal, binding, call, close_call, primary, postfix,
                    negation, signed_value, product, product_operation, sum, sum_operation, comparison,
                    comparison_operation, logical_not, negatable, conjunction, conjunction_operation, expression,
                    disjunction_operation, template_text, interpolation, close_interpolation, interpolated, template_quoted,
                    message_template, text_keyword, words_keyword, text_clause, words_clause, each_keyword,
                    in_keyword, for_each, let_clause, when_clause, about_clause, due_clause, require_clause, clause, rule_end,
                    rule_declaration, pack_attribute_keyword, pack_attribute, pack_declaration,
                    import_declaration, of_keyword, to_keyword, range_bound, list_bound, bound,
                    param_declaration, item, end_of_file, file)
// A second list: one macro call takes at most 64 rules.
BOOST_SPIRIT_DEFINE(parameter_names, def_parameters, def_declaration, pack_severity_keyword, severity_word)

// Every rule ID class gets position annotation.
#define DUTYCHECK_ANNOTATE(name) \
    struct name : annotate_position {};
DUTYCHECK_ANNOTATE(identifier_class)
DUTYCHECK_ANNOTATE(field_name_class)
DUTYCHECK_ANNOTATE(word_class)
DUTYCHECK_ANNOTATE(number_class)
DUTYCHECK_ANNOTATE(date_class)
DUTYCHECK_ANNOTATE(bool_class)
DUTYCHECK_ANNOTATE(string_class)
DUTYCHECK_ANNOTATE(list_class)
DUTYCHECK_ANNOTATE(binding_class)
DUTYCHECK_ANNOTATE(call_class)
DUTYCHECK_ANNOTATE(postfix_class)
DUTYCHECK_ANNOTATE(negate_class)
DUTYCHECK_ANNOTATE(mul_class)
DUTYCHECK_ANNOTATE(mul_op_class)
DUTYCHECK_ANNOTATE(add_class)
DUTYCHECK_ANNOTATE(add_op_class)
DUTYCHECK_ANNOTATE(cmp_class)
DUTYCHECK_ANNOTATE(cmp_op_class)
DUTYCHECK_ANNOTATE(not_class)
DUTYCHECK_ANNOTATE(and_class)
DUTYCHECK_ANNOTATE(and_op_class)
DUTYCHECK_ANNOTATE(expression_class)
DUTYCHECK_ANNOTATE(or_op_class)
DUTYCHECK_ANNOTATE(interpolation_class)
DUTYCHECK_ANNOTATE(template_class)
DUTYCHECK_ANNOTATE(text_clause_class)
DUTYCHECK_ANNOTATE(words_clause_class)
DUTYCHECK_ANNOTATE(text_keyword_class)
DUTYCHECK_ANNOTATE(words_keyword_class)
DUTYCHECK_ANNOTATE(for_each_class)
DUTYCHECK_ANNOTATE(let_class)
DUTYCHECK_ANNOTATE(when_class)
DUTYCHECK_ANNOTATE(about_class)
DUTYCHECK_ANNOTATE(due_class)
DUTYCHECK_ANNOTATE(require_class)
DUTYCHECK_ANNOTATE(rule_class)
DUTYCHECK_ANNOTATE(pack_keyword_class)
DUTYCHECK_ANNOTATE(pack_attribute_class)
DUTYCHECK_ANNOTATE(pack_severity_class)
DUTYCHECK_ANNOTATE(severity_word_class)
DUTYCHECK_ANNOTATE(pack_class)
DUTYCHECK_ANNOTATE(import_class)
DUTYCHECK_ANNOTATE(range_bound_class)
DUTYCHECK_ANNOTATE(list_bound_class)
DUTYCHECK_ANNOTATE(bound_class)
DUTYCHECK_ANNOTATE(param_class)
DUTYCHECK_ANNOTATE(def_class)
#undef DUTYCHECK_ANNOTATE

}  // namespace grammar

namespace {

bool is_identifier_byte(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

// A recursive-descent parser recurses once per bracket or prefix operator; hostile text
// with thousands of them would overflow the stack, so measure the nesting first.
std::optional<Diagnostic> check_nesting(const SourceFile& source, std::size_t max_nesting) {
    const std::string_view text = source.text();
    std::size_t depth = 0;
    std::size_t prefix_run = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '#') {
            while (i < text.size() && text[i] != '\n') ++i;
            continue;
        }
        if (c == '"') {  // skip a string; an unterminated one is the parser's to report
            for (++i; i < text.size() && text[i] != '"' && text[i] != '\n'; ++i)
                if (text[i] == '\\') ++i;
            prefix_run = 0;
            continue;
        }
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n') continue;
        if (is_identifier_byte(c)) {
            std::size_t end = i;
            while (end < text.size() && is_identifier_byte(text[end])) ++end;
            prefix_run = std::string_view(text).substr(i, end - i) == "not" ? prefix_run + 1 : 0;
            i = end - 1;
        } else if (c == '-') {
            ++prefix_run;
        } else if (c == '(' || c == '[' || c == '{') {
            ++depth;
            prefix_run = 0;
        } else if (c == ')' || c == ']' || c == '}') {
            if (depth > 0) --depth;
            prefix_run = 0;
        } else {
            prefix_run = 0;
        }
        if (depth + prefix_run > max_nesting) {
            Diagnostic d;
            d.code = "DC103";
            d.file = &source;
            d.begin = static_cast<std::uint32_t>(i);
            d.end = d.begin + 1;
            d.message = "expression nested too deeply (more than " + std::to_string(max_nesting) + " levels)";
            d.notes.push_back("split it with 'let' bindings");
            return d;
        }
    }
    return std::nullopt;
}

std::uint32_t token_end(std::string_view text, std::uint32_t offset) {
    if (offset >= text.size()) return offset;
    if (!is_identifier_byte(text[offset])) return offset + 1;
    while (offset < text.size() && (is_identifier_byte(text[offset]) || text[offset] == '-')) ++offset;
    return offset;
}

std::string describe_found(std::string_view text, std::uint32_t begin, std::uint32_t end) {
    if (begin >= text.size()) return "the end of the file";
    if (text[begin] == '\n' || text[begin] == '\r') return "the end of the line";
    return "'" + std::string(text.substr(begin, end - begin)) + "'";
}

// ---- hints for habits from other languages ------------------------------------------
// A syntax error whose found token is something another language writes (`=`, `&&`, `'x'`, a
// trailing comma, SQL's `between`) says what this language writes instead. Only the message of a
// failed parse changes: the grammar accepts exactly what it did.

/// A replacement for the bare "expected …, found …" message.
struct Hint {
    const char* code;
    std::string message;
    std::uint32_t end;  ///< end of the token the caret underlines
    std::string note;
};

bool word_at(std::string_view text, std::uint32_t at, std::string_view word) {
    return text.substr(at, word.size()) == word &&
           (at + word.size() >= text.size() || !is_identifier_byte(text[at + word.size()]));
}

// The last character before `at` that is not a blank (comments are not looked into: a hint is a
// guess, and a wrong guess only costs the bare message).
char previous_char(std::string_view text, std::uint32_t at) {
    while (at > 0) {
        const char c = text[--at];
        if (c != ' ' && c != '\t' && c != '\r' && c != '\n') return c;
    }
    return '\0';
}

// True when the text before `at` ends an operand (a name, a literal, a closing bracket), so an
// operator was what could follow.
bool after_operand(std::string_view text, std::uint32_t at) {
    const char c = previous_char(text, at);
    return is_identifier_byte(c) || c == ')' || c == ']' || c == '"';
}

// True if the parser expected what may follow a whole expression: a closing bracket, the end of a
// rule or of the file.
bool ends_expression(std::string_view expected) {
    using namespace grammar;
    for (const char* name : {rule_end.name, close_call.name, close_interpolation.name, end_of_file.name})
        if (expected == name) return true;
    return expected == "')'" || expected == "']'";
}

// `FN(LIST where …)`: the function and the list before the `where`, for the suggestion.
std::string binding_suggestion(std::string_view text, std::uint32_t where) {
    static constexpr std::string_view quantifiers[] = {"any", "all", "none", "count", "select"};
    int depth = 0;
    std::uint32_t open = where;
    while (open > 0) {
        const char c = text[--open];
        if (c == ')' || c == ']') ++depth;
        else if ((c == '(' || c == '[') && depth-- == 0) break;
        if (c == '\n' || c == '"') return {};  // across lines or strings the guess is not worth making
    }
    if (text[open] != '(') return {};
    std::uint32_t name_begin = open;
    while (name_begin > 0 && is_identifier_byte(text[name_begin - 1])) --name_begin;
    const std::string_view function = text.substr(name_begin, open - name_begin);
    std::string_view list = text.substr(open + 1, where - open - 1);
    while (!list.empty() && (list.back() == ' ' || list.back() == '\t')) list.remove_suffix(1);
    while (!list.empty() && (list.front() == ' ' || list.front() == '\t')) list.remove_prefix(1);
    if (list.empty() || list.size() > 40) list = "LIST";
    const bool quantifier = std::find(std::begin(quantifiers), std::end(quantifiers), function) != std::end(quantifiers);
    if (!quantifier)
        return "'where' filters in any, all, none, count and select: select(x in " + std::string(list) + " where …)";
    return "did you mean '" + std::string(function) + "(x in " + std::string(list) + " where …)', with x in the condition?";
}

// `after_expression`: the parser had read a whole expression and expected what may end one (a
// closing bracket, the next clause), so what was found may be an operator of another language.
std::optional<Hint> habit_hint(std::string_view text, std::uint32_t at, bool after_expression) {
    if (at >= text.size()) return std::nullopt;
    const char c = text[at];
    const char next = at + 1 < text.size() ? text[at + 1] : '\0';
    if (c == '&' && next == '&') return Hint{"DC104", "'&&' is not an operator", at + 2, "did you mean 'and'?"};
    if (c == '|' && next == '|') return Hint{"DC104", "'||' is not an operator", at + 2, "did you mean 'or'?"};
    if (c == '!' && next != '=') return Hint{"DC104", "'!' is not an operator", at + 1, "did you mean 'not'?"};
    if (c == '\'') {
        const std::size_t close = text.find_first_of("'\n", at + 1);
        if (close == std::string_view::npos || text[close] != '\'')
            return Hint{"DC106", "strings are written in double quotes", at + 1, "write \"…\""};
        std::string inner;
        for (const char ch : text.substr(at + 1, close - at - 1)) {
            if (ch == '"' || ch == '\\') inner += '\\';
            inner += ch;
        }
        return Hint{"DC106", "strings are written in double quotes", static_cast<std::uint32_t>(close + 1),
                    "did you mean \"" + inner + "\"?"};
    }
    // Past this point only where an expression could end: `param x == 2` fails on its second '='
    // where an expression is expected, and `for each x = l` where 'in' is; neither is a comparison.
    if (!after_expression || !after_operand(text, at)) return std::nullopt;
    if (c == '=' && next != '=')
        return Hint{"DC104", "'=' is not a comparison", at + 1, "did you mean '=='?"};
    if (c == ',') {
        const std::uint32_t after = skip_blanks(text, at + 1);
        if (after < text.size() && (text[after] == ')' || text[after] == ']' || text[after] == '}'))
            return Hint{"DC105", std::string("trailing comma before '") + text[after] + "'", at + 1, "remove the ','"};
    }
    if (word_at(text, at, "where")) {
        std::string note = binding_suggestion(text, at);
        if (note.empty()) note = "write FN(x in LIST where …), with x in the condition";
        return Hint{"DC107", "'where' needs a name for each element of the list", at + 5, std::move(note)};
    }
    if (word_at(text, at, "between"))
        return Hint{"DC104", "'between' is not an operator", at + 7, "write 'X >= LOW and X <= HIGH'"};
    if (word_at(text, at, "like"))
        return Hint{"DC104", "'like' is not an operator", at + 4, "write matches(TEXT, \"REGEX\")"};
    return std::nullopt;
}

}  // namespace

std::uint32_t skip_blanks(std::string_view text, std::uint32_t offset) {
    while (offset < text.size()) {
        const char c = text[offset];
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
            ++offset;
        } else if (c == '#') {
            while (offset < text.size() && text[offset] != '\n') ++offset;
        } else {
            break;
        }
    }
    return offset;
}

ParseResult parse_rule_file(const SourceFile& source, const ParseLimits& limits) {
    ParseResult result;
    if (auto nesting = check_nesting(source, limits.max_nesting)) {
        result.diagnostics.push_back(std::move(*nesting));
        return result;
    }
    const std::string_view text = source.text();
    grammar::Iterator begin = text.begin();
    grammar::Iterator first = text.begin();
    parse_tree::File file;
    try {
        auto const parser = boost::spirit::x3::with<grammar::source_begin_tag>(begin)[grammar::file];
        if (boost::spirit::x3::phrase_parse(first, text.cend(), parser, grammar::skipper, file)) {
            result.file = lower(std::move(file));
            return result;
        }
        // The file rule ends in an expectation of end-of-input, so plain failure should not
        // happen; report it rather than pretend the file parsed.
        Diagnostic d;
        d.code = "DC101";
        d.file = &source;
        d.begin = d.end = static_cast<std::uint32_t>(first - text.begin());
        d.message = "cannot parse this rule file";
        result.diagnostics.push_back(std::move(d));
    } catch (const boost::spirit::x3::expectation_failure<grammar::Iterator>& failure) {
        const std::string expected = failure.which();
        const bool in_string = expected == grammar::closing_quote.name;
        std::uint32_t at = static_cast<std::uint32_t>(failure.where() - text.begin());
        // An error position is moved past blanks and comments, onto the token that was wrong.
        if (!in_string) at = skip_blanks(text, at);
        Diagnostic d;
        d.file = &source;
        d.begin = at;
        d.end = token_end(text, at);
        if (in_string) {
            d.code = "DC102";
            d.message = "unterminated string: expected a closing '\"' before the end of the line";
        } else if (auto hint = habit_hint(text, at, ends_expression(expected))) {
            d.code = hint->code;
            d.message = std::move(hint->message);
            d.end = hint->end;
            d.notes.push_back(std::move(hint->note));
        } else {
            d.code = "DC101";
            d.message = "expected " + expected + ", found " + describe_found(text, d.begin, d.end);
        }
        result.diagnostics.push_back(std::move(d));
    }
    return result;
}

}  // namespace dutycheck::dsl
