// The partnership document as the evaluator sees it: a read-only tree of nodes with JSON Pointers.
#pragma once

#include "dsl/source.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dutycheck::engine {

/// Kind of a document node, as in JSON.
enum class NodeKind : std::uint8_t { null, boolean, number, string, array, object };

/// Index of a node inside its Document. Cheap to copy; valid as long as the Document lives.
using NodeId = std::uint32_t;

/// 1-based line and column of a node's first character in the input file (0 when unknown).
struct SourcePosition {
    std::uint32_t line = 0;
    std::uint32_t column = 0;
};

/// What the as-of stage (engine/timeline.hpp) knows of a node beyond its JSON: whether the
/// record or event it dates lies after the as-of date, and whether a month is an event's.
struct NodeMark {
    enum Kind : std::uint8_t {
        none,
        after_as_of,         ///< dated after the as-of date: not yet in the file as of that day
        may_be_after_as_of,  ///< dated in the as-of date's month, without a day: may be after it
        event_month,         ///< an event's date given as a month: any of its days
    };
    Kind kind = none;
    NodeId date = 0;  ///< the date that decided it: the node itself, or the field dating a record

    friend bool operator==(const NodeMark&, const NodeMark&) = default;
};

/// A parsed partnership file stored as a flat table of nodes.
///
/// Containers keep their children contiguous in `children_`, so element access is O(1)
/// and the whole model is a handful of vectors: no per-node allocation. Each node is 24 bytes:
/// keys are interned, strings without escapes stay views into the source text, and a node
/// records its byte offset rather than its line and column, which are worked out only for the
/// few nodes a report names. On a large file the node table is most of the memory touched, and
/// touching memory, not parsing, is what costs the time.
class Document {
public:
    /// The top-level node.
    NodeId root() const { return 0; }

    NodeKind kind(NodeId node) const { return static_cast<NodeKind>(nodes_[node].kind_and_offset >> offset_bits); }
    bool as_bool(NodeId node) const { return nodes_[node].payload.number != 0; }
    double as_number(NodeId node) const { return nodes_[node].payload.number; }
    std::string_view as_string(NodeId node) const;
    /// A number's literal as the file writes it ("0.05", "1.5e3"): the exact value rules read
    /// (value_ops' number_of), where as_number() is the nearest double, for the schema's checks.
    std::string_view number_text(NodeId node) const;

    /// Number of elements of an array or members of an object; 0 for scalars.
    std::size_t size(NodeId node) const {
        return is_container(node) ? nodes_[node].payload.span.length : 0;
    }
    /// The i-th element of an array, or the i-th member (in file order) of an object.
    NodeId child(NodeId node, std::size_t i) const { return children_[nodes_[node].payload.span.begin + i]; }
    /// The key of an object member (empty for array elements and the root).
    std::string_view key(NodeId node) const { return keys_[nodes_[node].key]; }
    /// The member of an object named `name`, if present.
    std::optional<NodeId> member(NodeId object, std::string_view name) const;
    /// The container holding this node; the root is its own parent.
    NodeId parent(NodeId node) const { return nodes_[node].parent; }
    /// Position in its parent: array index or member index.
    std::uint32_t index_in_parent(NodeId node) const { return nodes_[node].index_in_parent; }

    /// RFC 6901 JSON Pointer of the node ("" for the root, "/localities/2/planning_group").
    std::string pointer(NodeId node) const;
    /// The node a JSON Pointer names, if it exists.
    std::optional<NodeId> find(std::string_view pointer) const;
    /// The deepest existing node on the way to a pointer: the node itself if it exists, else its
    /// nearest recorded ancestor (for placing a finding about something absent).
    NodeId nearest(std::string_view pointer) const;
    /// Where the node starts in the source text: line and code-point column, both from 1.
    SourcePosition position(NodeId node) const;
    /// The file the document was read from: its name, its text and the one line index of it.
    const std::shared_ptr<const dsl::SourceFile>& source_file() const { return source_; }
    /// Byte offset of the node's first character in the source text.
    std::uint32_t offset(NodeId node) const { return nodes_[node].kind_and_offset & offset_mask; }
    /// Total number of nodes.
    std::size_t node_count() const { return nodes_.size(); }

    /// The as-of stage's mark on a node; `none` for most. Marks are few (dated records and
    /// events), so they are kept apart, sorted, and a file with none pays one test.
    NodeMark mark(NodeId node) const {
        return marks_.empty() ? NodeMark{} : find_mark(node);
    }
    /// Sets the marks, replacing any: set once by the as-of stage, before evaluation.
    void set_marks(std::vector<std::pair<NodeId, NodeMark>> marks);
    /// The text the document was parsed from.
    std::string_view source() const { return source_->text(); }

    /// Largest source text a Document can hold: node offsets have 28 bits.
    static constexpr std::size_t max_source_bytes = (std::size_t{1} << 28) - 1;

private:
    friend class DocumentBuilder;
    static constexpr unsigned offset_bits = 28;
    static constexpr std::uint32_t offset_mask = (std::uint32_t{1} << offset_bits) - 1;
    static constexpr std::uint32_t escaped_flag = std::uint32_t{1} << 31;  // string decoded into text_

    struct Span {
        std::uint32_t begin;   // containers: into children_; strings: into the source or text_
        std::uint32_t length;
    };
    struct Node {
        std::uint32_t parent = 0;
        std::uint32_t key = 0;               // into keys_; 0 is the empty key
        std::uint32_t index_in_parent = 0;
        std::uint32_t kind_and_offset = 0;   // NodeKind in the top 4 bits, source offset below
        union {
            double number;                   // numbers, and booleans as 0/1
            Span span;                       // strings and containers
        } payload{0.0};
    };
    static_assert(sizeof(Node) == 24);

    NodeMark find_mark(NodeId node) const;

    bool is_container(NodeId node) const {
        const NodeKind k = kind(node);
        return k == NodeKind::array || k == NodeKind::object;
    }

    std::shared_ptr<const dsl::SourceFile> source_;
    std::vector<Node> nodes_;
    std::vector<NodeId> children_;
    std::vector<std::string_view> keys_;        // interned keys: views into source_ or decoded_keys_
    std::vector<std::unique_ptr<const std::string>> decoded_keys_;  // keys with escapes (stable addresses)
    std::string text_;                          // string values with escapes, decoded, back to back
    std::vector<std::pair<NodeId, NodeMark>> marks_;  // sorted by node
};

/// Which of the DocumentLimits an input exceeded, so a caller can name the setting to raise.
enum class LimitExceeded : std::uint8_t { none, max_bytes, max_depth };

/// True if two values (of the same or different documents) are equal as JSON: the same kind, the
/// same scalar, arrays equal element by element, objects with the same keys and equal values in
/// any order.
bool equal_values(const Document& a, NodeId x, const Document& b, NodeId y);

/// Why a file could not be read as a partnership document: the place and what was expected.
struct DocumentError {
    std::string message;      ///< e.g. "invalid JSON: expected ',' or '}' after object member"
    std::optional<std::uint32_t> offset;  ///< byte offset of the fault, when there is one
    std::string pointer;      ///< JSON Pointer of the fault, when known (duplicate key, wrong type)
    LimitExceeded limit = LimitExceeded::none;  ///< set when a limit, not the content, refused the file
};

/// Limits that protect against hostile input; defaults no real partnership reaches (real files
/// are under 1 MB and a few levels deep; a generated stress file of 5,000 localities is 33 MB).
struct DocumentLimits {
    std::size_t max_bytes = 100u * 1024 * 1024;  ///< 100 MiB
    std::size_t max_depth = 512;
};

/// Result of parsing: a document or an error, never both.
struct ParsedDocument {
    std::optional<Document> document;
    std::optional<DocumentError> error;
};

/// Parse a file's JSON text into a Document, which keeps the file alive. Rejects: empty input,
/// invalid JSON or UTF-8, a UTF-8 byte-order mark (with a message saying so), duplicate object
/// keys, nesting deeper than limits.max_depth, and input larger than limits.max_bytes.
ParsedDocument parse_json_document(std::shared_ptr<const dsl::SourceFile> source, const DocumentLimits& limits = {});

/// The same for text the caller owns, with no file name: it is copied first.
ParsedDocument parse_json_document(std::string_view text, const DocumentLimits& limits = {});

}  // namespace dutycheck::engine
