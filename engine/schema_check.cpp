// The engine's structural check of partnership files: a JSON Schema compiled once, with the
// bundled partnership schema as the one every file is held to.
#include "engine/schema_check.hpp"

#include "dsl/text.hpp"

#include "dsl/source.hpp"
#include "dsl/utf8.hpp"
#include "engine/date.hpp"
#include "engine/number.hpp"
#include "engine/type_nouns.hpp"

#include <nlohmann/json.hpp>
#include <re2/re2.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <map>
#include <set>
#include <unordered_map>

namespace dutycheck::engine {
namespace {

using nlohmann::json;

// The JSON Schema types, as bits of a set.
enum TypeBit : std::uint8_t {
    null_bit = 1, boolean_bit = 2, object_bit = 4, array_bit = 8, number_bit = 16, string_bit = 32, integer_bit = 64
};

std::uint8_t type_bit(const std::string& type) {
    static const std::map<std::string, std::uint8_t, std::less<>> bits{
        {"null", null_bit},     {"boolean", boolean_bit}, {"object", object_bit},  {"array", array_bit},
        {"number", number_bit}, {"string", string_bit},   {"integer", integer_bit}};
    auto found = bits.find(type);
    if (found == bits.end()) throw SchemaError("unknown type '" + type + "'");
    return found->second;
}

// The noun for a JSON Schema type name.
std::string schema_type_noun(const std::string& type) {
    if (type == "object") return std::string(type_noun(TypeNoun::object));
    if (type == "array") return std::string(type_noun(TypeNoun::list));
    if (type == "string") return std::string(type_noun(TypeNoun::string));
    if (type == "number") return std::string(type_noun(TypeNoun::number));
    if (type == "integer") return "a whole number";
    if (type == "boolean") return std::string(type_noun(TypeNoun::boolean));
    return type;  // "null"
}

// "a, b or c": how messages list alternatives.
std::string alternatives(const std::vector<std::string>& items) {
    std::string out;
    for (std::size_t i = 0; i < items.size(); ++i)
        out += (i == 0 ? "" : i + 1 == items.size() ? " or " : ", ") + items[i];
    return out;
}

// The keywords that only describe: they never make a value invalid.
const std::set<std::string, std::less<>>& annotations() {
    // x-event and x-dated-by are the format's own: which dates are events, and which records an
    // event brings into being (engine/timeline.hpp reads them for --as-of).
    static const std::set<std::string, std::less<>> names{"$comment",   "title",   "description", "examples",
                                                         "default",    "readOnly", "writeOnly",  "deprecated",
                                                         "x-event",    "x-dated-by"};
    return names;
}

// ECMA-262's \s, which JSON Schema patterns follow, as the body of an RE2 character class: RE2's
// own \s is ASCII only, and a no-break space is blank to an editor's validator.
constexpr std::string_view ecma_space =
    "\\t\\n\\v\\f\\r \\x{a0}\\x{1680}\\x{2000}-\\x{200a}\\x{2028}\\x{2029}\\x{202f}\\x{205f}\\x{3000}\\x{feff}";

// An ECMA-262 pattern in RE2's syntax: \s and \S as ECMA-262 reads them, \uXXXX as \x{XXXX}.
// Lookaround and back references have no RE2 form and are refused when RE2 compiles the result.
std::string re2_syntax(std::string_view pattern) {
    std::string out;
    bool in_class = false;
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        const char c = pattern[i];
        if (c == '\\' && i + 1 < pattern.size()) {
            const char next = pattern[++i];
            if (next == 's') {
                out += in_class ? std::string(ecma_space) : "[" + std::string(ecma_space) + "]";
            } else if (next == 'S') {
                if (in_class) throw SchemaError("pattern '" + std::string(pattern) + "': \\S inside a character class");
                out += "[^" + std::string(ecma_space) + "]";
            } else if (next == 'u' && i + 4 < pattern.size() &&
                       std::all_of(pattern.begin() + static_cast<std::ptrdiff_t>(i) + 1,
                                   pattern.begin() + static_cast<std::ptrdiff_t>(i) + 5,
                                   [](char h) { return std::isxdigit(static_cast<unsigned char>(h)) != 0; })) {
                out += "\\x{" + std::string(pattern.substr(i + 1, 4)) + "}";
                i += 4;
            } else {
                out += c;
                out += next;
            }
            continue;
        }
        if (c == '[' && !in_class) in_class = true;
        else if (c == ']' && in_class) in_class = false;
        out += c;
    }
    return out;
}

// One subschema, compiled: its keywords read once, its subschemas by index.
struct Subschema {
    bool never = false;  // the schema `false`
    std::uint8_t types = 0;  // 0: any type
    std::vector<std::string> type_names;  // as written, for messages
    const json* enumeration = nullptr;
    std::vector<std::string> enum_strings;  // the enumeration's strings, for suggestions
    const json* constant = nullptr;
    std::vector<std::pair<std::string, std::string>> required;  // name, what the schema says it is
    std::optional<double> minimum;
    std::optional<double> maximum;
    std::string minimum_text;  // the same bounds as decimal text, compared exactly
    std::string maximum_text;
    std::optional<std::size_t> min_items;
    bool unique_items = false;
    std::unique_ptr<RE2> pattern;
    std::string pattern_text;
    std::map<std::string, std::size_t, std::less<>> properties;
    std::optional<std::size_t> items;
    std::optional<std::size_t> ref;
    bool is_date = false;
};

// The allowed value a mistyped one most likely meant: the one with the same identity (case,
// spacing, invisible characters and lookalike letters aside, dsl/text.hpp), else the nearest by
// edit distance; empty if none is close.
std::string suggestion(std::string_view value, const std::vector<std::string>& allowed) {
    const std::string identity = dsl::identity_key(value);
    for (const auto& candidate : allowed)
        if (dsl::identity_key(candidate) == identity) return candidate;
    return dsl::closest_match(identity, allowed);
}

// A number as a message shows it: whole numbers without a decimal point.
std::string number_text(double number) {
    if (std::floor(number) == number && std::fabs(number) < 1e15) return std::to_string(static_cast<long long>(number));
    return json(number).dump();
}

// A value of the schema as a message lists it: strings in single quotes, as names.
std::string allowed_text(const json& value) {
    if (value.is_string()) return "'" + value.get<std::string>() + "'";
    if (value.is_number()) return number_text(value.get<double>());
    return value.dump();
}

// A string with every character outside printable ASCII written as \uXXXX, so that a lookalike
// letter or an invisible character shows where it differs from the allowed value.
std::string visible_text(std::string_view text) {
    std::string out = "\"";
    while (!text.empty()) {
        const auto sequence = dsl::decode_utf8_sequence(text);
        const char32_t c = sequence ? sequence->code_point : 0xfffd;
        text.remove_prefix(sequence ? sequence->length : 1);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += static_cast<char>(c);
        } else if (c >= 0x20 && c < 0x7f) {
            out += static_cast<char>(c);
        } else {
            auto unit = [&](unsigned u) {
                char buffer[8];
                std::snprintf(buffer, sizeof buffer, "\\u%04x", u);
                out += buffer;
            };
            if (c > 0xffff) {  // as JSON writes it: a surrogate pair
                unit(0xd800 + ((c - 0x10000) >> 10));
                unit(0xdc00 + ((c - 0x10000) & 0x3ff));
            } else {
                unit(c);
            }
        }
    }
    return out + "\"";
}

bool equals(const Document& doc, NodeId node, const json& value) {
    switch (doc.kind(node)) {
        case NodeKind::null: return value.is_null();
        case NodeKind::boolean: return value.is_boolean() && value.get<bool>() == doc.as_bool(node);
        case NodeKind::number: return value.is_number() && value.get<double>() == doc.as_number(node);
        case NodeKind::string: return value.is_string() && value.get_ref<const std::string&>() == doc.as_string(node);
        case NodeKind::array: {
            if (!value.is_array() || value.size() != doc.size(node)) return false;
            for (std::size_t i = 0; i < doc.size(node); ++i)
                if (!equals(doc, doc.child(node, i), value[i])) return false;
            return true;
        }
        case NodeKind::object: {
            if (!value.is_object() || value.size() != doc.size(node)) return false;
            for (std::size_t i = 0; i < doc.size(node); ++i) {
                const NodeId member = doc.child(node, i);
                auto found = value.find(std::string(doc.key(member)));
                if (found == value.end() || !equals(doc, member, *found)) return false;
            }
            return true;
        }
    }
    return false;
}

// A hash under which values equal as JSON (equal_values) collide: members in any order.
std::size_t value_hash(const Document& doc, NodeId node) {
    const std::size_t kind = static_cast<std::size_t>(doc.kind(node)) * 0x9e3779b97f4a7c15ULL;
    switch (doc.kind(node)) {
        case NodeKind::null: return kind;
        case NodeKind::boolean: return kind ^ doc.as_bool(node);
        case NodeKind::number: return kind ^ std::hash<double>{}(doc.as_number(node) + 0.0);  // -0 as 0
        case NodeKind::string: return kind ^ std::hash<std::string_view>{}(doc.as_string(node));
        case NodeKind::array: {
            std::size_t h = kind;
            for (std::size_t i = 0; i < doc.size(node); ++i) h = h * 31 + value_hash(doc, doc.child(node, i));
            return h;
        }
        case NodeKind::object: {
            std::size_t h = kind;
            for (std::size_t i = 0; i < doc.size(node); ++i) {
                const NodeId member = doc.child(node, i);
                h += std::hash<std::string_view>{}(doc.key(member)) * 31 ^ value_hash(doc, member);
            }
            return h;
        }
    }
    return kind;
}

// A JSON Pointer fragment of a local reference ("#/$defs/a%25b"), percent-decoded.
std::string fragment_pointer(const std::string& ref) {
    std::string out;
    for (std::size_t i = 1; i < ref.size(); ++i) {
        if (ref[i] == '%' && i + 2 < ref.size() && std::isxdigit(static_cast<unsigned char>(ref[i + 1])) &&
            std::isxdigit(static_cast<unsigned char>(ref[i + 2]))) {
            out += static_cast<char>(std::stoi(ref.substr(i + 1, 2), nullptr, 16));
            i += 2;
        } else {
            out += ref[i];
        }
    }
    return out;
}

}  // namespace

struct SchemaChecker::Compiled {
    json schema;  // owned, so the subschemas below can point into it
    std::vector<Subschema> subschemas;
    std::unordered_map<const json*, std::size_t> index;

    // The target of a local reference.
    const json& resolve(const std::string& ref, const std::string& at) const {
        if (ref.empty() || ref[0] != '#')
            throw SchemaError("$ref '" + ref + "' at '" + at + "': only references within the schema are supported");
        try {
            return schema.at(json::json_pointer(fragment_pointer(ref)));
        } catch (const json::exception&) {
            throw SchemaError("$ref '" + ref + "' at '" + at + "': the schema has nothing there");
        }
    }

    // Compiles `s` (found at JSON Pointer `at`) and what it refers to, once each.
    std::size_t compile(const json& s, const std::string& at) {
        if (auto found = index.find(&s); found != index.end()) return found->second;
        const std::size_t id = subschemas.size();
        index.emplace(&s, id);
        subschemas.emplace_back();
        if (s.is_boolean()) {
            subschemas[id].never = !s.get<bool>();
            return id;
        }
        if (!s.is_object()) throw SchemaError("'" + at + "' is not a schema");
        Subschema out;
        for (const auto& [keyword, value] : s.items()) {
            const std::string here = at + "/" + keyword;
            if (keyword == "type") {
                for (const auto& t : value.is_array() ? value : json::array({value})) {
                    out.types |= type_bit(t.get<std::string>());
                    out.type_names.push_back(t.get<std::string>());
                }
            } else if (keyword == "enum") {
                out.enumeration = &value;
                for (const auto& v : value)
                    if (v.is_string()) out.enum_strings.push_back(v.get<std::string>());
            } else if (keyword == "const") {
                out.constant = &value;
            } else if (keyword == "required") {
                const json* properties = s.contains("properties") ? &s["properties"] : nullptr;
                for (const auto& name : value) {
                    std::string about;
                    if (properties && properties->contains(name) && (*properties)[name].is_object())
                        about = (*properties)[name].value("description", "");
                    out.required.emplace_back(name.get<std::string>(), about);
                }
            } else if (keyword == "minimum") {
                out.minimum = value.get<double>();
                out.minimum_text = value.dump();
            } else if (keyword == "maximum") {
                out.maximum = value.get<double>();
                out.maximum_text = value.dump();
            } else if (keyword == "minItems") {
                out.min_items = value.get<std::size_t>();
            } else if (keyword == "uniqueItems") {
                out.unique_items = value.get<bool>();
            } else if (keyword == "pattern") {
                out.pattern_text = value.get<std::string>();
                RE2::Options options;
                options.set_log_errors(false);
                out.pattern = std::make_unique<RE2>(re2_syntax(out.pattern_text), options);
                if (!out.pattern->ok())
                    throw SchemaError("pattern '" + out.pattern_text + "' at '" + here + "': " + out.pattern->error());
            } else if (keyword == "properties") {
                for (const auto& [name, property] : value.items())
                    out.properties.emplace(name, compile(property, here + "/" + name));
            } else if (keyword == "items") {
                if (!value.is_object() && !value.is_boolean())
                    throw SchemaError("'" + here + "': only one schema for every element is supported (not a tuple)");
                out.items = compile(value, here);
            } else if (keyword == "$ref") {
                const std::string& ref = value.get_ref<const std::string&>();
                out.ref = compile(resolve(ref, at), fragment_pointer(ref));
            } else if (keyword == "$defs" || keyword == "definitions") {
                for (const auto& [name, definition] : value.items()) compile(definition, here + "/" + name);
            } else if ((keyword == "$schema" || keyword == "$id") && at.empty()) {
                // The root's dialect and address: references resolve within this document.
            } else if (!annotations().count(keyword)) {
                throw SchemaError("'" + here + "': the keyword '" + keyword + "' is not implemented");
            }
        }
        subschemas[id] = std::move(out);
        return id;
    }

    // A chain of references that comes back to where it started would never reach a value.
    void refuse_reference_cycles() const {
        for (std::size_t start = 0; start < subschemas.size(); ++start) {
            std::optional<std::size_t> at = subschemas[start].ref;
            for (std::size_t hops = 0; at; ++hops, at = subschemas[*at].ref)
                if (hops > subschemas.size()) throw SchemaError("a cycle of $ref that never reaches a value");
        }
    }
};

namespace {

// One document checked against a compiled schema: the problems found so far.
class Validation {
public:
    Validation(const std::vector<Subschema>& subschemas, const Document& doc, std::size_t limit)
        : subschemas_(subschemas), doc_(doc), limit_(limit) {}

    void check(NodeId node, std::size_t id) {
        if (problems_.size() >= limit_) return;
        const Subschema& s = subschemas_[id];
        if (s.never) return add(node, "no value is allowed here, found " + found(node));
        const NodeKind kind = doc_.kind(node);
        if (s.is_date && !(kind == NodeKind::string && parse_date(doc_.as_string(node))))
            return add(node, "expected " + std::string(type_noun(TypeNoun::date)) + ", found " + found(node));
        if (s.types != 0 && !has_type(node, s.types)) {
            std::vector<std::string> nouns;
            for (const auto& t : s.type_names) nouns.push_back(schema_type_noun(t));
            return add(node, "expected " + alternatives(nouns) + ", found " + found(node));
        }
        if (s.enumeration && std::none_of(s.enumeration->begin(), s.enumeration->end(),
                                          [&](const json& v) { return equals(doc_, node, v); })) {
            std::vector<std::string> allowed;
            for (const auto& v : *s.enumeration) allowed.push_back(allowed_text(v));
            std::string message = "expected " + alternatives(allowed) + ", found " + shown(node);
            if (kind == NodeKind::string)
                if (auto meant = suggestion(doc_.as_string(node), s.enum_strings); !meant.empty())
                    message += "; did you mean '" + meant + "'?";
            add(node, message);
        }
        if (s.constant && !equals(doc_, node, *s.constant))
            add(node, "expected " + allowed_text(*s.constant) + ", found " + shown(node));
        if (kind == NodeKind::number) {
            // The literal against the bound's text, exactly: as doubles, -1e-400 is -0 and would
            // pass a minimum of 0, and 0.30000000000000000001 would fail a maximum of 0.3.
            const std::string_view literal = doc_.number_text(node);
            if (s.minimum && compare_decimal_texts(literal, s.minimum_text) < 0)
                add(node, "expected " + number_text(*s.minimum) + " or more, found " + shown(node));
            if (s.maximum && compare_decimal_texts(literal, s.maximum_text) > 0)
                add(node, "expected " + number_text(*s.maximum) + " or less, found " + shown(node));
        }
        if (kind == NodeKind::string && s.pattern) {
            const std::string_view text = doc_.as_string(node);
            if (!RE2::PartialMatch(re2::StringPiece(text.data(), text.size()), *s.pattern))
                add(node, "expected a string matching '" + s.pattern_text + "', found " + shown(node));
        }
        if (s.ref) check(node, *s.ref);
        if (kind == NodeKind::object) check_object(node, s);
        if (kind == NodeKind::array) check_array(node, s);
    }

    std::vector<SchemaProblem> take() {
        std::stable_sort(problems_.begin(), problems_.end(), [&](const SchemaProblem& a, const SchemaProblem& b) {
            return doc_.offset(a.node) < doc_.offset(b.node);
        });
        return std::move(problems_);
    }

private:
    void check_object(NodeId node, const Subschema& s) {
        for (const auto& [name, about] : s.required)
            if (!doc_.member(node, name)) add(node, "missing '" + name + "': " + required_reason(about));
        if (s.properties.empty()) return;
        for (std::size_t i = 0; i < doc_.size(node); ++i) {
            const NodeId member = doc_.child(node, i);
            if (auto property = s.properties.find(doc_.key(member)); property != s.properties.end())
                check(member, property->second);
        }
    }

    void check_array(NodeId node, const Subschema& s) {
        const std::size_t size = doc_.size(node);
        if (s.min_items && size < *s.min_items)
            add(node, "expected at least " + std::to_string(*s.min_items) + (*s.min_items == 1 ? " element" : " elements") +
                          ", found " + std::to_string(size));
        // Elements by hash, so that uniqueness costs a comparison only where hashes collide.
        std::unordered_multimap<std::size_t, std::size_t> seen;
        for (std::size_t i = 0; i < size; ++i) {
            const NodeId element = doc_.child(node, i);
            if (s.unique_items) {
                const std::size_t hash = value_hash(doc_, element);
                auto [first, last] = seen.equal_range(hash);
                auto same = std::find_if(first, last, [&](const auto& entry) {
                    return equal_values(doc_, doc_.child(node, entry.second), doc_, element);
                });
                if (same != last)
                    add(element, "the same as element " + std::to_string(same->second) + ": the list's elements must differ");
                seen.emplace(hash, i);
            }
            if (s.items) check(element, *s.items);
        }
    }

    bool has_type(NodeId node, std::uint8_t types) const {
        switch (doc_.kind(node)) {
            case NodeKind::null: return types & null_bit;
            case NodeKind::boolean: return types & boolean_bit;
            case NodeKind::object: return types & object_bit;
            case NodeKind::array: return types & array_bit;
            case NodeKind::string: return types & string_bit;
            case NodeKind::number:
                return (types & number_bit) || ((types & integer_bit) && is_whole(node));
        }
        return false;
    }

    // What a type or date message shows of the value found.
    std::string found(NodeId node) const {
        switch (doc_.kind(node)) {
            case NodeKind::null: return "null";
            case NodeKind::boolean: return doc_.as_bool(node) ? "true" : "false";
            case NodeKind::number: return std::string(type_noun(TypeNoun::number));
            case NodeKind::string: return "\"" + std::string(doc_.as_string(node)) + "\"";
            case NodeKind::array: return std::string(type_noun(TypeNoun::list));
            case NodeKind::object: return std::string(type_noun(TypeNoun::object));
        }
        return "a value";
    }

    // An integer as JSON Schema means it, by the literal's exact value: 2.0 is one, and
    // 2.00000000000000000001 (2 as a double) is not.
    bool is_whole(NodeId node) const { return is_whole_decimal_text(doc_.number_text(node)); }

    // What a vocabulary, bound or pattern message shows: the value itself, every character visible.
    std::string shown(NodeId node) const {
        if (doc_.kind(node) == NodeKind::string) return visible_text(doc_.as_string(node));
        if (doc_.kind(node) == NodeKind::number) {
            // Exact where it can be ("found 1.99999999999999999999", not "found 2"), else as written.
            const auto exact = Number::parse(doc_.number_text(node));
            return exact ? exact->text() : std::string(doc_.number_text(node));
        }
        return found(node);
    }

    static std::string required_reason(const std::string& about) {
        if (about.empty()) return "the format requires it";
        std::string reason = about;
        if (reason.back() == '.') reason.pop_back();
        // "The date the waiver ends" reads on after a colon in lower case; an acronym ("NHS") stays.
        const std::string_view first_word = std::string_view(reason).substr(0, reason.find(' '));
        const bool acronym = first_word.size() > 1 && std::none_of(first_word.begin(), first_word.end(), [](char c) {
            return std::islower(static_cast<unsigned char>(c));
        });
        if (!acronym) reason[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(reason[0])));
        return reason;
    }

    void add(NodeId node, std::string message) {
        if (problems_.size() >= limit_) return;
        // Absent is the format's one way to say "not recorded"; null says nothing a rule can read.
        if (doc_.kind(node) == NodeKind::null && node != doc_.root()) {
            const NodeId parent = doc_.parent(node);
            if (doc_.kind(parent) == NodeKind::object)
                message += ": to record that it is not known, delete \"" + std::string(doc_.key(node)) + "\"";
            else
                message += ": delete the element; a list holds only what is recorded";
        }
        problems_.push_back({node, std::move(message)});
    }

    const std::vector<Subschema>& subschemas_;
    const Document& doc_;
    std::size_t limit_;
    std::vector<SchemaProblem> problems_;
};

}  // namespace

SchemaChecker::SchemaChecker(const json& schema, SchemaOptions options) {
    auto compiled = std::make_unique<Compiled>();
    compiled->schema = schema;
    try {
        compiled->compile(compiled->schema, "");
        if (!options.date_definition.empty()) {
            const json& date = compiled->resolve(options.date_definition, "the date definition");
            compiled->subschemas[compiled->compile(date, fragment_pointer(options.date_definition))].is_date = true;
        }
    } catch (const json::exception& e) {  // a keyword's value of the wrong type
        throw SchemaError(std::string("a keyword's value is not what JSON Schema allows: ") + e.what());
    }
    compiled->refuse_reference_cycles();
    compiled_ = std::move(compiled);
}

SchemaChecker::~SchemaChecker() = default;
SchemaChecker::SchemaChecker(SchemaChecker&&) noexcept = default;
SchemaChecker& SchemaChecker::operator=(SchemaChecker&&) noexcept = default;

std::vector<SchemaProblem> SchemaChecker::check(const Document& doc, std::size_t limit) const {
    Validation validation(compiled_->subschemas, doc, limit);
    validation.check(doc.root(), 0);
    return validation.take();
}

const nlohmann::json& partnership_schema_document() {
    static const json schema = json::parse(partnership_schema_text());
    return schema;
}

const SchemaChecker& partnership_schema() {
    static const SchemaChecker checker(partnership_schema_document(), SchemaOptions{"#/$defs/date"});
    return checker;
}

std::vector<SchemaProblem> check_against_schema(const Document& doc, std::size_t limit) {
    return partnership_schema().check(doc, limit);
}

bool names_partnership_format(const Document& doc) {
    if (doc.kind(doc.root()) != NodeKind::object) return false;
    const auto format = doc.member(doc.root(), "format");
    return format && doc.kind(*format) == NodeKind::string && doc.as_string(*format).starts_with("dutycheck.partnership/");
}

std::optional<InputError> check_document_shape(const Document& doc) {
    if (doc.kind(doc.root()) != NodeKind::object)
        return InputError{"DC502", "", "the top level must be an object (a partnership file), not a list or a single value"};
    auto format = doc.member(doc.root(), "format");
    if (!format) return InputError{"DC502", "", "missing \"format\": expected \"dutycheck.partnership/1\""};
    if (doc.kind(*format) != NodeKind::string || doc.as_string(*format) != "dutycheck.partnership/1")
        return InputError{"DC502", "/format", "unknown format version: expected \"dutycheck.partnership/1\""};
    return std::nullopt;
}

}  // namespace dutycheck::engine
