// The as-of stage: dated places from the schema's annotations, marked on each document.
#include "engine/timeline.hpp"

#include "engine/schema_check.hpp"

#include <nlohmann/json.hpp>

#include <functional>

namespace dutycheck::engine {
namespace {

using nlohmann::json;

// The schema's dated places, found by walking it from the top through properties, items and
// local references. The format has no recursive definition; the depth bound only guards that.
std::vector<DatedPlace> find_places(const json& schema) {
    std::vector<DatedPlace> places;
    std::vector<std::string> path;
    std::function<void(const json&, int)> walk = [&](const json& node, int depth) {
        if (!node.is_object() || depth > 32) return;
        if (auto ref = node.find("$ref"); ref != node.end() && ref->is_string()) {
            const auto target = json::json_pointer(ref->get<std::string>().substr(1));
            if (schema.contains(target)) walk(schema.at(target), depth + 1);
        }
        if (node.value("x-event", false)) places.push_back(DatedPlace{DatedPlace::event, path, {}});
        if (auto field = node.find("x-dated-by"); field != node.end() && field->is_string())
            places.push_back(DatedPlace{DatedPlace::record, path, field->get<std::string>()});
        if (auto properties = node.find("properties"); properties != node.end() && properties->is_object()) {
            for (const auto& [name, property] : properties->items()) {
                path.push_back(name);
                walk(property, depth + 1);
                path.pop_back();
            }
        }
        if (auto items = node.find("items"); items != node.end()) {
            path.push_back("*");
            walk(*items, depth + 1);
            path.pop_back();
        }
    };
    walk(schema, 0);
    return places;
}

// Where a date lies against the as-of day: after it, perhaps after it (a month holding it), or not.
NodeMark::Kind against(std::string_view text, Date as_of, bool& month) {
    const auto date = parse_date(text);
    if (!date) return NodeMark::none;  // the schema check has refused the file already
    month = date->month_precision;
    const auto after = relate(whole_month(*date), DateRelation::after, as_of);
    if (!after) return NodeMark::may_be_after_as_of;
    return *after ? NodeMark::after_as_of : NodeMark::none;
}

// Calls `visit` on each node the path reaches in `doc`.
void each_node(const Document& doc, NodeId node, const std::vector<std::string>& path, std::size_t at,
               const std::function<void(NodeId)>& visit) {
    if (at == path.size()) {
        visit(node);
        return;
    }
    if (path[at] == "*") {
        if (doc.kind(node) != NodeKind::array) return;
        for (std::size_t i = 0; i < doc.size(node); ++i) each_node(doc, doc.child(node, i), path, at + 1, visit);
        return;
    }
    if (doc.kind(node) != NodeKind::object) return;
    if (auto member = doc.member(node, path[at])) each_node(doc, *member, path, at + 1, visit);
}

}  // namespace

std::string DatedPlace::pattern() const {
    std::string out;
    for (const auto& token : path) out += "/" + token;
    return out;
}

const std::vector<DatedPlace>& dated_places() {
    static const std::vector<DatedPlace> places = find_places(partnership_schema_document());
    return places;
}

void mark_as_of(Document& doc, Date as_of) {
    std::vector<std::pair<NodeId, NodeMark>> marks;
    for (const DatedPlace& place : dated_places()) {
        each_node(doc, doc.root(), place.path, 0, [&](NodeId node) {
            NodeId date = node;
            if (place.kind == DatedPlace::record) {
                if (doc.kind(node) != NodeKind::object) return;
                auto member = doc.member(node, place.field);
                if (!member) return;  // undated: there, as far as the file says
                date = *member;
            }
            if (doc.kind(date) != NodeKind::string) return;
            bool month = false;
            const NodeMark::Kind kind = against(doc.as_string(date), as_of, month);
            if (kind != NodeMark::none) marks.emplace_back(node, NodeMark{kind, date});
            else if (month && place.kind == DatedPlace::event) marks.emplace_back(node, NodeMark{NodeMark::event_month, date});
        });
    }
    doc.set_marks(std::move(marks));
}

}  // namespace dutycheck::engine
