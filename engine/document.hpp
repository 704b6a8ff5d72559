// The partnership document as the evaluator sees it: a read-only tree of nodes with JSON Pointers.
#pragma once

#include <cstdint>
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

/// A parsed partnership file stored as a flat table of nodes.
///
/// Containers keep their children contiguous in `children_`, so element access is O(1)
/// and the whole model is a handful of vectors: no per-node allocation, and JSON Pointers
/// are computed on demand from parent links rather than stored.
class Document {
public:
    /// The top-level node.
    NodeId root() const { return 0; }

    NodeKind kind(NodeId node) const { return nodes_[node].kind; }
    bool as_bool(NodeId node) const { return nodes_[node].number != 0; }
    double as_number(NodeId node) const { return nodes_[node].number; }
    std::string_view as_string(NodeId node) const;

    /// Number of elements of an array or members of an object; 0 for scalars.
    std::size_t size(NodeId node) const { return nodes_[node].child_count; }
    /// The i-th element of an array, or the i-th member (in file order) of an object.
    NodeId child(NodeId node, std::size_t i) const { return children_[nodes_[node].first_child + i]; }
    /// The key of an object member (empty for array elements and the root).
    std::string_view key(NodeId node) const;
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
    /// Where the node starts in the source text (line 0 if not recorded).
    SourcePosition position(NodeId node) const { return nodes_[node].position; }
    /// Total number of nodes.
    std::size_t node_count() const { return nodes_.size(); }

private:
    friend class DocumentBuilder;
    struct Node {
        NodeKind kind = NodeKind::null;
        std::uint32_t parent = 0;
        std::uint32_t index_in_parent = 0;
        std::uint32_t first_child = 0;   // into children_
        std::uint32_t child_count = 0;
        std::uint32_t text_offset = 0;   // into text_, for strings
        std::uint32_t text_length = 0;
        std::uint32_t key_offset = 0;    // into text_, for object members
        std::uint32_t key_length = 0;
        double number = 0;               // numbers, and booleans as 0/1
        SourcePosition position;
    };
    std::vector<Node> nodes_;
    std::vector<NodeId> children_;
    std::string text_;                   // all string values and keys, back to back
};

/// Which of the DocumentLimits an input exceeded, so a caller can name the setting to raise.
enum class LimitExceeded : std::uint8_t { none, max_bytes, max_depth };

/// Why a file could not be read as a partnership document: the location and what was expected.
struct DocumentError {
    std::string message;      ///< e.g. "invalid JSON: expected ',' or '}' after object member"
    SourcePosition position;  ///< line/column of the fault, when known
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

/// Parse JSON text into a Document. Rejects: empty input, invalid JSON or UTF-8, a UTF-8
/// byte-order mark (with a message saying so), duplicate object keys, nesting deeper than
/// limits.max_depth, and input larger than limits.max_bytes. Records each node's line/column.
ParsedDocument parse_json_document(std::string_view text, const DocumentLimits& limits = {});

}  // namespace dutycheck::engine
