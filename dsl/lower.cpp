// Lowering the grammar's parse tree (x3::variant, forward_ast) into the public syntax tree
// (std::variant, Box). Not a grammar translation unit: it sees only Spirit's AST support header.
#include "dsl/lower.hpp"

#include <type_traits>
#include <utility>

namespace dutycheck::dsl {
namespace {

namespace pt = parse_tree;

// Every overload is declared before the templates below, which find them by ordinary lookup.
ast::Operand lower(pt::Operand&& operand);
ast::Operation lower(pt::Operation&& operation);
ast::Chain lower(pt::Chain&& chain);
ast::Unary lower(pt::Unary&& unary);
ast::Access lower(pt::Access&& access);
ast::ListLit lower(pt::ListLit&& list);
ast::Binding lower(pt::Binding&& binding);
ast::Call lower(pt::Call&& call);
ast::TemplatePart lower(pt::TemplatePart&& part);
ast::Template lower(pt::Template&& message);
ast::ForEach lower(pt::ForEach&& clause);
ast::Let lower(pt::Let&& clause);
ast::When lower(pt::When&& clause);
ast::About lower(pt::About&& clause);
ast::Due lower(pt::Due&& clause);
ast::Require lower(pt::Require&& clause);
ast::Clause lower(pt::Clause&& clause);
ast::Rule lower(pt::Rule&& rule);
ast::Bound lower(pt::Bound&& bound);
ast::Param lower(pt::Param&& param);
ast::Def lower(pt::Def&& def);
ast::Item lower(pt::Item&& item);

template <typename T, typename... Types>
constexpr bool one_of = (std::is_same_v<T, Types> || ...);

// Nodes without sub-expressions are the same type in both trees and move across unchanged.
template <typename T>
    requires one_of<T, std::string, ast::Name, ast::NumberLit, ast::DateLit, ast::StringLit, ast::BoolLit,
                    ast::TextClause, ast::WordsClause, ast::PackDecl, ast::Import>
T lower(T&& node) {
    return std::move(node);
}

template <typename T>
auto lower(std::vector<T>&& nodes) {
    std::vector<decltype(lower(std::declval<T>()))> out;
    out.reserve(nodes.size());
    for (auto& node : nodes) out.push_back(lower(std::move(node)));
    return out;
}

template <typename T>
auto lower(std::optional<T>&& node) -> std::optional<decltype(lower(std::declval<T>()))> {
    if (!node) return std::nullopt;
    return lower(std::move(*node));
}

// x3::variant alternatives may be wrapped in forward_ast or not; both lower alike.
template <typename T>
T& unwrap(T& node) { return node; }
template <typename T>
T& unwrap(parse_tree::x3::forward_ast<T>& node) { return node.get(); }

template <typename Target, typename Variant>
Target lower_variant(Variant& variant) {
    return boost::apply_visitor([](auto& node) -> Target { return lower(std::move(unwrap(node))); },
                                variant.get());
}

ast::Located span_of(const ast::Located& node) { return node; }

ast::Operand lower(pt::Operand&& operand) { return lower_variant<ast::Operand>(operand); }
ast::TemplatePart lower(pt::TemplatePart&& part) { return lower_variant<ast::TemplatePart>(part); }
ast::Clause lower(pt::Clause&& clause) { return lower_variant<ast::Clause>(clause); }
ast::Item lower(pt::Item&& item) { return lower_variant<ast::Item>(item); }

ast::Operation lower(pt::Operation&& n) { return {span_of(n), n.op, lower(std::move(n.operand))}; }
ast::Chain lower(pt::Chain&& n) { return {span_of(n), lower(std::move(n.first)), lower(std::move(n.rest))}; }
ast::Unary lower(pt::Unary&& n) { return {span_of(n), n.op, lower(std::move(n.operand))}; }
ast::Access lower(pt::Access&& n) { return {span_of(n), lower(std::move(n.base)), std::move(n.fields)}; }
ast::ListLit lower(pt::ListLit&& n) { return {span_of(n), lower(std::move(n.items))}; }
ast::Binding lower(pt::Binding&& n) {
    return {span_of(n), std::move(n.variable), lower(std::move(n.collection)), lower(std::move(n.predicate))};
}
ast::Call lower(pt::Call&& n) {
    return {span_of(n), std::move(n.function), lower(std::move(n.binding)), lower(std::move(n.arguments))};
}
ast::Template lower(pt::Template&& n) {
    return {span_of(n), lower(std::move(n.parts)), std::move(n.breaks)};
}
ast::ForEach lower(pt::ForEach&& n) {
    return {span_of(n), std::move(n.variable), lower(std::move(n.collection)), lower(std::move(n.filter)),
            lower(std::move(n.filter_message))};
}
ast::Let lower(pt::Let&& n) { return {span_of(n), std::move(n.variable), lower(std::move(n.value))}; }
ast::When lower(pt::When&& n) { return {span_of(n), lower(std::move(n.condition)), lower(std::move(n.message))}; }
ast::About lower(pt::About&& n) { return {span_of(n), lower(std::move(n.target))}; }
ast::Due lower(pt::Due&& n) { return {span_of(n), lower(std::move(n.date))}; }
ast::Require lower(pt::Require&& n) {
    return {span_of(n), lower(std::move(n.condition)), lower(std::move(n.message))};
}
ast::Rule lower(pt::Rule&& n) { return {span_of(n), std::move(n.id), lower(std::move(n.clauses))}; }
ast::Bound lower(pt::Bound&& n) { return {span_of(n), n.kind, lower(std::move(n.values))}; }
ast::Param lower(pt::Param&& n) {
    return {span_of(n), std::move(n.name), lower(std::move(n.value)), lower(std::move(n.bounds)), std::move(n.reason)};
}

ast::Def lower(pt::Def&& n) {
    return {span_of(n), std::move(n.name), std::move(n.parameters), lower(std::move(n.body))};
}

}  // namespace

ast::File lower(parse_tree::File&& tree) { return {lower(std::move(tree.items))}; }

}  // namespace dutycheck::dsl
