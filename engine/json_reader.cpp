// The JSON reader: builds a Document from a file's text through nlohmann's SAX interface, keeping
// byte offsets so positions can be worked out on demand.
#include "engine/document.hpp"

#include "dsl/utf8.hpp"
#include "engine/json_pointer.hpp"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <new>
#include <unordered_map>
#include <utility>

#include <nlohmann/json.hpp>

namespace dutycheck::engine {

// ---------------------------------------------------------------------------------------------
// DocumentBuilder: assembles the flat node table as values arrive in document order
// ---------------------------------------------------------------------------------------------

/// Builds a Document node by node, in document order. Children of a container arrive interleaved
/// with their own descendants, so they are collected on a stack (`pending_`) and copied into
/// `children_` as one contiguous run when the container closes.
class DocumentBuilder {
public:
    explicit DocumentBuilder(std::shared_ptr<const dsl::SourceFile> source) {
        const std::size_t estimate = estimate_node_count(source->text());
        doc_.source_ = std::move(source);
        doc_.nodes_.reserve(estimate);
        doc_.children_.reserve(estimate);
        doc_.keys_.push_back({});
        key_ids_.emplace(std::string_view(), 0);
        pending_.reserve(64);
        open_.reserve(64);
    }

    /// Number of containers currently open.
    std::size_t depth() const { return open_.size(); }

    /// Adds a node in the current slot: the root, the next array element, or the value of the
    /// member whose key was given last to begin_member().
    NodeId add(NodeKind kind, std::uint32_t offset) {
        const auto id = static_cast<NodeId>(doc_.nodes_.size());
        Document::Node& n = doc_.nodes_.emplace_back();
        n.kind_and_offset = (static_cast<std::uint32_t>(kind) << Document::offset_bits) | offset;
        if (!open_.empty()) {
            const OpenContainer& parent = open_.back();
            n.parent = parent.node;
            n.index_in_parent = static_cast<std::uint32_t>(pending_.size() - parent.pending_start);
            if (doc_.kind(parent.node) == NodeKind::object) {
                n.key = pending_key_;
                if (parent.key_table >= 0) insert_key(key_tables_[parent.key_table], id);
            }
            pending_.push_back(id);
        }
        return id;
    }

    void set_number(NodeId node, double value) { doc_.nodes_[node].payload.number = value; }

    /// A string whose text in the source, between its quotes, starts at `begin`. Without escapes
    /// the decoded value is those very bytes, so the node just points at them.
    void set_string(NodeId node, std::uint32_t begin, std::string_view value, bool escaped) {
        Document::Span& span = doc_.nodes_[node].payload.span;
        if (!escaped) {
            span = {begin, static_cast<std::uint32_t>(value.size())};
            return;
        }
        span = {static_cast<std::uint32_t>(doc_.text_.size()),
                static_cast<std::uint32_t>(value.size()) | Document::escaped_flag};
        doc_.text_.append(value);
    }

    /// Makes `container` (just added) the parent of the nodes that follow until close().
    void open(NodeId container) {
        open_.push_back({container, static_cast<std::uint32_t>(pending_.size()), -1});
    }

    /// Closes the innermost container, moving its collected children into `children_`.
    void close() {
        const OpenContainer top = open_.back();
        open_.pop_back();
        doc_.nodes_[top.node].payload.span = {static_cast<std::uint32_t>(doc_.children_.size()),
                                              static_cast<std::uint32_t>(pending_.size() - top.pending_start)};
        doc_.children_.insert(doc_.children_.end(), pending_.begin() + top.pending_start, pending_.end());
        pending_.resize(top.pending_start);
        if (top.key_table >= 0) --key_tables_in_use_;
    }

    /// Records the key of the next member of the innermost (object) container: `raw` is its text
    /// in the source, `decoded` its value (they differ only when it has escapes). Returns false if
    /// the object already has a member with this key.
    bool begin_member(std::string_view raw, std::string_view decoded, bool escaped) {
        pending_key_ = intern(escaped ? decoded : raw, escaped);

        OpenContainer& top = open_.back();
        const std::size_t members = pending_.size() - top.pending_start;
        if (top.key_table < 0) {
            // Real objects are small, and a scan of a few keys is faster than hashing. A hostile
            // object with a million keys would make scanning quadratic, so past a few members
            // the object switches to a hash table.
            if (members < linear_scan_limit) {
                for (std::size_t i = top.pending_start; i < pending_.size(); ++i) {
                    if (doc_.nodes_[pending_[i]].key == pending_key_) return false;
                }
                return true;
            }
            top.key_table = static_cast<std::int32_t>(key_tables_in_use_++);
            if (key_tables_.size() < key_tables_in_use_) key_tables_.emplace_back();
            KeyTable& table = key_tables_[top.key_table];
            // assign() keeps a larger capacity from an earlier object but only touches 64 slots,
            // so a table once grown huge does not make every later object pay to clear it.
            table.slots.assign(64, 0);
            table.count = 0;
            for (std::size_t i = top.pending_start; i < pending_.size(); ++i) insert_key(table, pending_[i]);
        }
        return !contains_key(key_tables_[top.key_table], pending_key_);
    }

    /// JSON Pointer the next node added would have (used for errors raised before it exists).
    std::string slot_pointer() const {
        if (open_.empty()) return {};
        const OpenContainer& parent = open_.back();
        std::string out = doc_.pointer(parent.node);
        if (doc_.kind(parent.node) == NodeKind::object) append_pointer_token(out, doc_.keys_[pending_key_]);
        else out.append("/").append(std::to_string(pending_.size() - parent.pending_start));
        return out;
    }

    /// Hands over the finished document; the builder is spent afterwards.
    Document finish() && { return std::move(doc_); }

private:
    static constexpr std::size_t linear_scan_limit = 16;

    /// Almost every value but the first is preceded by ',' or an opening bracket, so counting
    /// those bytes gives a close upper estimate of the node count (commas inside strings inflate
    /// it; reserved pages that are never touched cost no memory). One pass over the bytes is far
    /// cheaper than regrowing a vector of a million nodes.
    static std::size_t estimate_node_count(std::string_view source) {
        const auto* bytes = reinterpret_cast<const unsigned char*>(source.data());
        const std::size_t size = source.size();
        std::size_t estimate = 1;
        std::size_t i = 0;
        // Fixed-size blocks with a narrow counter let the compiler vectorise the loop at -O2;
        // '[' | 0x20 == '{', so one comparison catches both brackets.
        for (; i + 64 <= size; i += 64) {
            unsigned block = 0;
            for (std::size_t k = 0; k < 64; ++k) {
                const unsigned char c = bytes[i + k];
                block += (c == ',') | ((c | 0x20) == '{');
            }
            estimate += block;
        }
        for (; i < size; ++i) estimate += (bytes[i] == ',') | ((bytes[i] | 0x20) == '{');
        return estimate;
    }

    struct OpenContainer {
        NodeId node;
        std::uint32_t pending_start;  // where this container's children begin in pending_
        std::int32_t key_table;       // index into key_tables_, or -1 while the object is small
    };

    /// Open-addressing set of member ids keyed by their key text. Slot value 0 means empty: the
    /// root is node 0 and is never a member.
    struct KeyTable {
        std::vector<NodeId> slots;
        std::size_t count = 0;
    };

    /// The id of a key, adding it on first sight. Partnership files repeat a few dozen keys a
    /// million times over, so the table stays tiny.
    std::uint32_t intern(std::string_view key, bool escaped) {
        if (auto found = key_ids_.find(key); found != key_ids_.end()) return found->second;
        if (escaped) key = *doc_.decoded_keys_.emplace_back(std::make_unique<const std::string>(key));
        const auto id = static_cast<std::uint32_t>(doc_.keys_.size());
        doc_.keys_.push_back(key);
        key_ids_.emplace(key, id);
        return id;
    }

    // Keys are interned, so the hash of a member is a hash of its key id.
    static std::size_t hash_key(std::uint32_t key) { return key * std::size_t{0x9E3779B97F4A7C15}; }

    void place(std::vector<NodeId>& slots, NodeId member) const {
        const std::size_t mask = slots.size() - 1;
        std::size_t i = hash_key(doc_.nodes_[member].key) & mask;
        while (slots[i] != 0) i = (i + 1) & mask;
        slots[i] = member;
    }

    void insert_key(KeyTable& table, NodeId member) {
        if ((table.count + 1) * 2 > table.slots.size()) {
            std::vector<NodeId> grown(table.slots.size() * 2, 0);
            for (const NodeId old : table.slots) {
                if (old != 0) place(grown, old);
            }
            table.slots.swap(grown);
        }
        place(table.slots, member);
        ++table.count;
    }

    bool contains_key(const KeyTable& table, std::uint32_t key) const {
        const std::size_t mask = table.slots.size() - 1;
        for (std::size_t i = hash_key(key) & mask; table.slots[i] != 0; i = (i + 1) & mask) {
            if (doc_.nodes_[table.slots[i]].key == key) return true;
        }
        return false;
    }

    Document doc_;
    std::vector<NodeId> pending_;        // children of all open containers, innermost last
    std::vector<OpenContainer> open_;
    std::vector<KeyTable> key_tables_;   // a stack, reused across objects to keep allocations rare
    std::size_t key_tables_in_use_ = 0;
    std::unordered_map<std::string_view, std::uint32_t> key_ids_;
    std::uint32_t pending_key_ = 0;
};

namespace {

// ---------------------------------------------------------------------------------------------
// Following the text
// ---------------------------------------------------------------------------------------------

/// A read position in the source that follows the SAX events token by token.
///
/// nlohmann's SAX events carry no positions, so the cursor re-walks the text in lockstep: every
/// event corresponds to exactly one token that nlohmann has already validated, so the cursor
/// only needs to skip separators and step over that token.
class SourceCursor {
public:
    explicit SourceCursor(std::string_view text) : text_(text) {}

    /// Skips whitespace and the separators ',' and ':' that produce no SAX event.
    void skip_separators() {
        while (offset_ < text_.size()) {
            const char c = text_[offset_];
            if (c != ' ' && c != '\n' && c != '\t' && c != '\r' && c != ',' && c != ':') return;
            ++offset_;
        }
    }

    /// Byte offset of the cursor.
    std::uint32_t offset() const { return static_cast<std::uint32_t>(offset_); }

    void advance(std::size_t bytes) { offset_ = std::min(offset_ + bytes, text_.size()); }

    /// Steps over a string token starting at its opening quote; says whether it held an escape.
    bool skip_string() {
        bool escaped = false;
        ++offset_;
        while (offset_ < text_.size()) {
            const char c = text_[offset_];
            if (c == '\\') {
                escaped = true;
                offset_ += 2;  // the escaped character can be '"', which must not end the string
            } else {
                ++offset_;
                if (c == '"') break;
            }
        }
        offset_ = std::min(offset_, text_.size());
        return escaped;
    }

    void skip_number() {
        while (offset_ < text_.size()) {
            const char c = text_[offset_];
            if ((c < '0' || c > '9') && c != '-' && c != '+' && c != '.' && c != 'e' && c != 'E') return;
            ++offset_;
        }
    }

    /// The text between a string token's quotes, once the cursor has stepped over it.
    std::string_view string_between(std::uint32_t open_quote) const {
        return text_.substr(open_quote + 1, offset_ - open_quote - 2);
    }

private:
    std::string_view text_;
    std::size_t offset_ = 0;
};

// ---------------------------------------------------------------------------------------------
// Error messages
// ---------------------------------------------------------------------------------------------

/// Copies `bytes`, writing each byte that is not part of a well-formed UTF-8 sequence as "\xNN"
/// so that error messages (which quote nlohmann's "last read" bytes) are always valid UTF-8.
std::string to_valid_utf8(std::string_view bytes) {
    static constexpr char hex[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(bytes.size());
    std::size_t i = 0;
    while (i < bytes.size()) {
        if (const auto sequence = dsl::decode_utf8_sequence(bytes.substr(i))) {
            out.append(bytes.substr(i, sequence->length));
            i += sequence->length;
        } else {
            const auto b = static_cast<unsigned char>(bytes[i]);
            out += "\\x";
            out += hex[b >> 4];
            out += hex[b & 0x0F];
            ++i;
        }
    }
    return out;
}

/// nlohmann's message without its "[json.exception...] parse error at line L, column C: syntax
/// error while parsing X - " preamble: the position is reported separately (and nlohmann counts
/// columns in bytes), so only the description of the fault is kept.
std::string clean_nlohmann_message(std::string_view what) {
    const std::size_t syntax = what.find("syntax error");
    if (syntax != std::string_view::npos) {
        const std::size_t dash = what.find(" - ", syntax);
        if (dash != std::string_view::npos) return to_valid_utf8(what.substr(dash + 3));
    }
    // Any other exception: drop the "[json.exception.kind.N] " tag.
    if (!what.empty() && what.front() == '[') {
        const std::size_t close = what.find("] ");
        if (close != std::string_view::npos) what.remove_prefix(close + 2);
    }
    return to_valid_utf8(what);
}

// ---------------------------------------------------------------------------------------------
// SAX handler
// ---------------------------------------------------------------------------------------------

/// Receives nlohmann's SAX events, keeps the cursor in step and feeds the builder. Returning
/// false from any event stops the parser; `error` then says why.
class SaxHandler {
public:
    SaxHandler(std::string_view text, const DocumentLimits& limits, DocumentBuilder& builder)
        : text_(text), limits_(limits), builder_(builder), cursor_(text) {}

    std::optional<DocumentError> error;

    bool null() { return scalar(NodeKind::null, 0, 4); }
    bool boolean(bool value) { return scalar(NodeKind::boolean, value ? 1 : 0, value ? 4 : 5); }
    bool number_integer(std::int64_t value) { return number(static_cast<double>(value)); }
    bool number_unsigned(std::uint64_t value) { return number(static_cast<double>(value)); }
    bool number_float(double value, const std::string& /*raw*/) { return number(value); }

    bool string(std::string& value) {
        cursor_.skip_separators();
        const std::uint32_t at = cursor_.offset();
        const bool escaped = cursor_.skip_string();
        builder_.set_string(builder_.add(NodeKind::string, at), at + 1, value, escaped);
        return true;
    }

    bool binary(nlohmann::json::binary_t& /*value*/) { return false; }  // never produced by JSON text

    bool start_object(std::size_t /*size*/) { return start_container(NodeKind::object); }
    bool start_array(std::size_t /*size*/) { return start_container(NodeKind::array); }
    bool end_object() { return end_container(); }
    bool end_array() { return end_container(); }

    bool key(std::string& name) {
        cursor_.skip_separators();
        const std::uint32_t at = cursor_.offset();
        const bool escaped = cursor_.skip_string();
        if (!builder_.begin_member(cursor_.string_between(at), name, escaped)) {
            // The key's own position, not its value's: the key is what the message is about.
            error = DocumentError{"duplicate key '" + name + "'", at, builder_.slot_pointer()};
            return false;
        }
        return true;
    }

    bool parse_error(std::size_t /*position*/, const std::string& /*last_token*/,
                     const nlohmann::json::exception& ex) {
        if (ex.id == 406) {
            // Overflowing number: nlohmann reports it in place of the number event, so the
            // cursor still stands just before the number and can say where it starts.
            cursor_.skip_separators();
            error = DocumentError{"number out of range", cursor_.offset(), builder_.slot_pointer()};
            return false;
        }
        std::optional<std::uint32_t> at;
        if (const auto* syntax = dynamic_cast<const nlohmann::json::parse_error*>(&ex)) {
            // `byte` is the 1-based offset of the last character read, i.e. where parsing failed.
            at = static_cast<std::uint32_t>(std::min(syntax->byte == 0 ? 0 : syntax->byte - 1, text_.size()));
        }
        error = DocumentError{"invalid JSON: " + clean_nlohmann_message(ex.what()), at, {}};
        return false;
    }

private:
    bool scalar(NodeKind kind, double value, std::size_t token_length) {
        cursor_.skip_separators();
        const std::uint32_t at = cursor_.offset();
        cursor_.advance(token_length);
        builder_.set_number(builder_.add(kind, at), value);
        return true;
    }

    bool number(double value) {
        cursor_.skip_separators();
        const std::uint32_t at = cursor_.offset();
        cursor_.skip_number();
        builder_.set_number(builder_.add(NodeKind::number, at), value);
        return true;
    }

    bool start_container(NodeKind kind) {
        cursor_.skip_separators();
        const std::uint32_t at = cursor_.offset();
        cursor_.advance(1);
        // nlohmann's parser is iterative and so is the builder; stopping here keeps hostile
        // nesting from costing more than max_depth entries of bookkeeping.
        if (builder_.depth() >= limits_.max_depth) {
            error = DocumentError{"nesting deeper than " + std::to_string(limits_.max_depth) + " levels", at,
                                  builder_.slot_pointer(), LimitExceeded::max_depth};
            return false;
        }
        builder_.open(builder_.add(kind, at));
        return true;
    }

    bool end_container() {
        cursor_.skip_separators();
        cursor_.advance(1);
        builder_.close();
        return true;
    }

    std::string_view text_;
    const DocumentLimits& limits_;
    DocumentBuilder& builder_;
    SourceCursor cursor_;
};

ParsedDocument fail(std::string message, std::optional<std::uint32_t> offset = {}, std::string pointer = {},
                    LimitExceeded limit = LimitExceeded::none) {
    ParsedDocument result;
    result.error = DocumentError{std::move(message), offset, std::move(pointer), limit};
    return result;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Entry point
// ---------------------------------------------------------------------------------------------

ParsedDocument parse_json_document(std::shared_ptr<const dsl::SourceFile> source, const DocumentLimits& limits) {
    const std::string_view text = source->text();
    // Node offsets have 28 bits, so whatever the configured limit, that is the hard ceiling.
    const std::size_t max_bytes = std::min(limits.max_bytes, Document::max_source_bytes);
    if (text.size() > max_bytes) {
        // No place in the file is at fault, so there is no offset.
        return fail("file is larger than the " + std::to_string(max_bytes) + "-byte limit", {}, {},
                    LimitExceeded::max_bytes);
    }
    // nlohmann would silently skip a BOM; it is rejected so the fix is named instead.
    if (text.size() >= 3 && std::memcmp(text.data(), "\xEF\xBB\xBF", 3) == 0) {
        return fail("file starts with a UTF-8 byte-order mark; save it as UTF-8 without BOM", 0);
    }
    if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) {
        return fail("empty file: expected a JSON object", 0);
    }

    try {
        DocumentBuilder builder(std::move(source));
        SaxHandler handler(text, limits, builder);
        const bool ok = nlohmann::json::sax_parse(text.data(), text.data() + text.size(), &handler);
        if (handler.error) {
            ParsedDocument result;
            result.error = std::move(handler.error);
            return result;
        }
        if (!ok) return fail("invalid JSON");  // unreachable: every stop sets an error
        ParsedDocument result;
        result.document = std::move(builder).finish();
        return result;
    } catch (const std::bad_alloc&) {
        return fail("file is too large to load into memory");
    } catch (const std::exception& ex) {
        // nlohmann reports through the handler, so this is a safety net, not an expected path.
        return fail("invalid JSON: " + clean_nlohmann_message(ex.what()));
    }
}

ParsedDocument parse_json_document(std::string_view text, const DocumentLimits& limits) {
    return parse_json_document(std::make_shared<const dsl::SourceFile>("", std::string(text)), limits);
}

}  // namespace dutycheck::engine
