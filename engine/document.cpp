// Document accessors: members, children, JSON Pointers and positions of a parsed partnership file.
#include "engine/document.hpp"

#include "dsl/source.hpp"
#include "engine/json_pointer.hpp"
#include "engine/number.hpp"

#include <algorithm>
#include <cstdlib>

namespace dutycheck::engine {

// ---------------------------------------------------------------------------------------------
// Document accessors
// ---------------------------------------------------------------------------------------------

std::string_view Document::as_string(NodeId node) const {
    if (kind(node) != NodeKind::string) return {};
    const Span span = nodes_[node].payload.span;
    if (span.length & escaped_flag) return {text_.data() + span.begin, span.length & ~escaped_flag};
    return source_->text().substr(span.begin, span.length);
}

NodeMark Document::find_mark(NodeId node) const {
    const auto found = std::lower_bound(marks_.begin(), marks_.end(), node,
                                        [](const auto& entry, NodeId id) { return entry.first < id; });
    return found != marks_.end() && found->first == node ? found->second : NodeMark{};
}

void Document::set_marks(std::vector<std::pair<NodeId, NodeMark>> marks) {
    std::sort(marks.begin(), marks.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    marks_ = std::move(marks);
}

std::string_view Document::number_text(NodeId node) const {
    if (kind(node) != NodeKind::number) return {};
    // The reader has checked the literal's grammar, so its extent is the run of number characters.
    const std::string_view text = source_->text().substr(offset(node));
    const std::size_t length = text.find_first_not_of("0123456789+-.eE");
    return text.substr(0, length);
}

std::optional<NodeId> Document::member(NodeId object, std::string_view name) const {
    if (kind(object) != NodeKind::object) return std::nullopt;
    // Partnership objects have a handful of members; a scan beats any index we would have to store.
    const Span span = nodes_[object].payload.span;
    for (std::uint32_t i = 0; i < span.length; ++i) {
        const NodeId candidate = children_[span.begin + i];
        if (key(candidate) == name) return candidate;
    }
    return std::nullopt;
}

SourcePosition Document::position(NodeId node) const {
    const dsl::LineColumn at = source_->line_column(offset(node));
    return {at.line, at.column};
}

namespace {

// Walks a JSON Pointer from the root as far as it exists; `complete` says whether it got to the end.
NodeId walk_pointer(const Document& doc, std::string_view pointer, bool& complete) {
    NodeId node = doc.root();
    complete = false;
    std::size_t at = 0;
    while (at < pointer.size()) {
        if (pointer[at] != '/') return node;
        const std::size_t next = pointer.find('/', at + 1);
        const std::string_view raw = pointer.substr(at + 1, next == std::string_view::npos ? std::string_view::npos
                                                                                          : next - at - 1);
        const std::string token = unescape_pointer_token(raw);
        std::optional<NodeId> child;
        if (doc.kind(node) == NodeKind::object) {
            child = doc.member(node, token);
        } else if (doc.kind(node) == NodeKind::array && !token.empty() &&
                   token.find_first_not_of("0123456789") == std::string::npos) {
            const std::size_t index = std::strtoul(token.c_str(), nullptr, 10);
            if (index < doc.size(node)) child = doc.child(node, index);
        }
        if (!child) return node;
        node = *child;
        at = next == std::string_view::npos ? pointer.size() : next;
    }
    complete = true;
    return node;
}

}  // namespace

std::optional<NodeId> Document::find(std::string_view pointer) const {
    bool complete = false;
    const NodeId node = walk_pointer(*this, pointer, complete);
    return complete ? std::optional<NodeId>(node) : std::nullopt;
}

NodeId Document::nearest(std::string_view pointer) const {
    bool complete = false;
    return walk_pointer(*this, pointer, complete);
}

bool equal_values(const Document& a, NodeId x, const Document& b, NodeId y) {
    if (a.kind(x) != b.kind(y) || a.size(x) != b.size(y)) return false;
    switch (a.kind(x)) {
        case NodeKind::null: return true;
        case NodeKind::boolean: return a.as_bool(x) == b.as_bool(y);
        case NodeKind::number:
            // By exact value, whatever the literal's size: 0.1 is not 0.10000000000000001.
            return compare_decimal_texts(a.number_text(x), b.number_text(y)) == 0;
        case NodeKind::string: return a.as_string(x) == b.as_string(y);
        case NodeKind::array:
            for (std::size_t i = 0; i < a.size(x); ++i)
                if (!equal_values(a, a.child(x, i), b, b.child(y, i))) return false;
            return true;
        case NodeKind::object:
            // Keys are unique (duplicates are refused), so equal sizes and a match for each key suffice.
            for (std::size_t i = 0; i < a.size(x); ++i) {
                const NodeId member = a.child(x, i);
                const auto other = b.member(y, a.key(member));
                if (!other || !equal_values(a, member, b, *other)) return false;
            }
            return true;
    }
    return false;
}

std::string Document::pointer(NodeId node) const {
    // Collect the path root-ward first: segments must be written root-first, and the walk is
    // iterative so a very deep document cannot exhaust the stack.
    std::vector<NodeId> path;
    for (NodeId n = node; n != root(); n = nodes_[n].parent) path.push_back(n);
    std::string out;
    for (auto it = path.rbegin(); it != path.rend(); ++it) {
        if (kind(parent(*it)) == NodeKind::object) append_pointer_token(out, key(*it));
        else out.append("/").append(std::to_string(index_in_parent(*it)));
    }
    return out;
}

}  // namespace dutycheck::engine
