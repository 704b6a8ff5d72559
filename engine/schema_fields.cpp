// The partnership schema as field shapes: walked once from the embedded schema, following `$ref`s.
#include "engine/schema_fields.hpp"

#include "engine/schema_check.hpp"

#include <nlohmann/json.hpp>

#include <array>
#include <deque>

namespace dutycheck::engine {
namespace {

using nlohmann::json;

// The format has no recursive definition; the bound only guards against one.
constexpr int max_depth = 16;

// The definition of a calendar date, which the schema types as a string with a pattern.
constexpr std::string_view date_definition = "#/$defs/date";

class ShapeBuilder {
public:
    explicit ShapeBuilder(const json& schema) : schema_(schema) {}

    const FieldShape* build(const json& node, std::string name, int depth) {
        FieldShape& shape = add();
        // A node and the definitions its `$ref`s lead to: the first that says a thing decides it.
        const json* at = &node;
        const json* type = nullptr;
        const json* properties = nullptr;
        const json* items = nullptr;
        for (int hops = 0; at != nullptr && at->is_object() && hops < max_depth; ++hops) {
            if (!type && at->contains("type")) type = &at->at("type");
            if (!properties && at->contains("properties")) properties = &at->at("properties");
            if (!items && at->contains("items")) items = &at->at("items");
            const auto ref = at->find("$ref");
            if (ref == at->end() || !ref->is_string()) break;
            const std::string target = ref->get<std::string>();
            if (target == date_definition) {
                shape.type = StaticType::date;
                shape.date_text = true;
            }
            if (target.rfind("#/$defs/", 0) == 0) name = target.substr(8);
            const auto pointer = json::json_pointer(target.substr(1));
            at = target.front() == '#' && schema_.contains(pointer) ? &schema_.at(pointer) : nullptr;
        }
        shape.name = std::move(name);
        if (shape.type != StaticType::date && type != nullptr && type->is_string()) shape.type = static_type(*type);
        if (depth < max_depth && shape.type == StaticType::object && properties && properties->is_object())
            for (const auto& [key, field] : properties->items()) shape.fields[key] = build(field, key, depth + 1);
        if (depth < max_depth && shape.type == StaticType::list && items)
            shape.items = build(*items, shape.name, depth + 1);
        if (shape.type != StaticType::list) shape.list_of = list_of(shape);
        return &shape;
    }

    FieldShape& add() { return shapes_.emplace_back(); }

    const FieldShape* list_of(const FieldShape& item) {
        FieldShape& list = add();
        list.type = StaticType::list;
        list.name = item.name;
        list.items = &item;
        return &list;
    }

private:
    // A schema type with one name; several (["array", "string"]) say nothing the checker can use.
    static StaticType static_type(const json& type) {
        const std::string& name = type.get_ref<const std::string&>();
        if (name == "object") return StaticType::object;
        if (name == "array") return StaticType::list;
        if (name == "string") return StaticType::string;
        if (name == "number" || name == "integer") return StaticType::number;
        if (name == "boolean") return StaticType::boolean;
        return StaticType::any;
    }

    const json& schema_;
    std::deque<FieldShape> shapes_;  // every shape it built, at a fixed address, for as long as it lives
};

}  // namespace

const FieldShape* FieldShape::field(std::string_view key) const {
    const auto found = fields.find(key);
    return found == fields.end() ? nullptr : found->second;
}

const FieldShape& partnership_shape() {
    static ShapeBuilder builder(partnership_schema_document());
    static const FieldShape* root = builder.build(partnership_schema_document(), "the partnership file", 0);
    return *root;
}

const FieldShape& scalar_shape(StaticType type) {
    static ShapeBuilder builder(partnership_schema_document());
    static const std::array<const FieldShape*, 7> shapes = [] {
        std::array<const FieldShape*, 7> out{};
        for (std::size_t i = 0; i < out.size(); ++i) {
            FieldShape& shape = builder.add();
            shape.type = static_cast<StaticType>(i);
            if (shape.type != StaticType::list) shape.list_of = builder.list_of(shape);
            out[i] = &shape;
        }
        return out;
    }();
    return *shapes[static_cast<std::size_t>(type)];
}

const FieldShape* field_of_shape(const FieldShape& base, std::string_view key) {
    const bool across = base.type == StaticType::list;
    const FieldShape* record = across ? base.items : &base;
    if (record == nullptr || !record->has_fields()) return nullptr;
    const FieldShape* field = record->field(key);
    if (field == nullptr || !across) return field;
    return field->type == StaticType::list ? field : field->list_of;
}

}  // namespace dutycheck::engine
