// Finding a board paper and its directions, and keeping their findings.
#include "engine/paper.hpp"

#include "dsl/source.hpp"
#include "engine/json_pointer.hpp"

#include <algorithm>

namespace dutycheck::engine {
namespace {

// A member's text, or nullopt when it is absent or not a string.
std::optional<std::string_view> text(const Document& doc, NodeId object, std::string_view name) {
    const auto member = doc.member(object, name);
    if (!member || doc.kind(*member) != NodeKind::string) return std::nullopt;
    return doc.as_string(*member);
}

std::optional<NodeId> array_at(const Document& doc, std::string_view name) {
    const auto node = doc.member(doc.root(), name);
    if (!node || doc.kind(*node) != NodeKind::array) return std::nullopt;
    return node;
}

}  // namespace

std::variant<PaperScope, InputError> find_paper(const Document& doc, std::string_view paper, Date as_of) {
    const auto reports = array_at(doc, "reports");
    std::optional<NodeId> found;
    if (paper.starts_with("/")) {
        const auto node = doc.find(paper);
        if (node && reports && doc.parent(*node) == *reports && doc.kind(*node) == NodeKind::object) found = node;
        else
            return InputError{"DC512", node ? std::string(paper) : reports ? "/reports" : "",
                              "--paper " + std::string(paper) + ": not a board paper (a paper is /reports/N; this file "
                              "records " + std::to_string(reports ? doc.size(*reports) : 0) + ")"};
    } else {
        std::vector<std::string> ids;
        for (std::size_t i = 0; reports && i < doc.size(*reports); ++i) {
            const NodeId report = doc.child(*reports, i);
            if (doc.kind(report) != NodeKind::object) continue;
            const auto id = text(doc, report, "id");
            if (!id) continue;
            if (*id == paper && !found) found = report;
            ids.emplace_back(*id);
        }
        if (!found) {
            std::string message = "--paper: no board paper with id '" + std::string(paper) + "' under /reports";
            if (const auto near = dsl::closest_match(paper, ids); !near.empty()) message += "; did you mean '" + near + "'?";
            else if (ids.empty()) message += " (the file records no paper with an id)";
            return InputError{"DC512", reports ? "/reports" : "", message};
        }
    }
    PaperScope scope;
    scope.pointer = doc.pointer(*found);
    if (const auto date_text = text(doc, *found, "date")) {
        const auto date = parse_date(*date_text);
        if (date && date->days > as_of.days)
            return InputError{"DC512", scope.pointer,
                              "--paper " + std::string(paper) + ": the paper is dated " + std::string(*date_text) +
                                  ", after the as-of date " + format_date(as_of) +
                                  ", so the check would not see it; a pre-board check runs as of the meeting: --as-of " +
                                  format_date(last_day(*date))};
    }
    scope.id = std::string(text(doc, *found, "id").value_or(""));
    scope.title = std::string(text(doc, *found, "title").value_or(""));
    std::optional<std::string_view> reference;
    if (const auto direction = doc.member(*found, "direction"); direction && doc.kind(*direction) == NodeKind::object)
        reference = text(doc, *direction, "reference");
    if (const auto directions = array_at(doc, "directions")) {
        for (std::size_t i = 0; i < doc.size(*directions); ++i) {
            const NodeId direction = doc.child(*directions, i);
            if (doc.kind(direction) != NodeKind::object) continue;
            const auto its_reference = text(doc, direction, "reference");
            const auto its_report = text(doc, direction, "report");
            // Blank text records nothing, so it references nothing.
            const bool by_reference = reference && !reference->empty() && its_reference == reference;
            const bool by_report = !scope.id.empty() && its_report == std::string_view(scope.id);
            if (by_reference || by_report) scope.directions.push_back(doc.pointer(direction));
        }
    }
    return scope;
}

bool in_scope(const PaperScope& scope, std::string_view pointer) {
    if (pointer_within(pointer, scope.pointer)) return true;
    return std::any_of(scope.directions.begin(), scope.directions.end(),
                       [&](const std::string& direction) { return pointer_within(pointer, direction); });
}

void keep_paper_findings(DocumentResult& result, PaperScope scope) {
    std::erase_if(result.findings, [&](const Finding& finding) { return !in_scope(scope, finding.pointer); });
    result.summary = {};
    for (const auto& finding : result.findings) result.summary.add(finding);
    // A waiver is stale for the file as a whole; the check lists those about the paper.
    std::erase_if(result.stale_waivers, [&](std::size_t w) {
        const std::string& target = result.waivers[w].target;
        return target.empty() || !in_scope(scope, target);
    });
    result.paper = std::move(scope);
}

}  // namespace dutycheck::engine
