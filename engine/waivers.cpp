// Reading waivers from a file and applying them to its findings.
#include "engine/waivers.hpp"

#include <algorithm>
#include <string>

namespace dutycheck::engine {

std::variant<std::vector<Waiver>, InputError> read_waivers(const Document& doc) {
    std::vector<Waiver> waivers;
    if (doc.kind(doc.root()) != NodeKind::object) return waivers;
    auto list = doc.member(doc.root(), "waivers");
    if (!list || doc.kind(*list) == NodeKind::null) return waivers;
    if (doc.kind(*list) != NodeKind::array) return InputError{"DC506", "/waivers", "expected a list of waivers"};
    for (std::size_t i = 0; i < doc.size(*list); ++i) {
        const NodeId node = doc.child(*list, i);
        const std::string at = doc.pointer(node);
        if (doc.kind(node) != NodeKind::object) return InputError{"DC506", at, "expected a waiver object"};
        auto text = [&](const char* field) -> std::string {
            auto member = doc.member(node, field);
            return member && doc.kind(*member) == NodeKind::string ? std::string(doc.as_string(*member)) : "";
        };
        Waiver waiver{text("rule"), text("target"), text("reason"), text("approved_by"), text("minute"),
                      text("expires"), at};
        for (const auto& [field, value] : {std::pair<const char*, const std::string*>{"rule", &waiver.rule},
                                          {"reason", &waiver.reason},
                                          {"approved_by", &waiver.approved_by},
                                          {"expires", &waiver.expires}}) {
            if (value->find_first_not_of(" \t") == std::string::npos)
                return InputError{"DC506", at, std::string("a waiver needs '") + field +
                                          "': an exception is accepted only with a rule, a reason, an approver and "
                                          "an expiry date"};
        }
        if (!parse_date(waiver.expires))
            return InputError{"DC506", at + "/expires", "expected a date (YYYY-MM-DD or YYYY-MM) for the waiver's expiry"};
        // The whole file is waived only when a waiver says so (""): a missing target widening a
        // waiver to everything would let deleting one field pass the gate.
        if (auto target = doc.member(node, "target"); !target || doc.kind(*target) != NodeKind::string)
            return InputError{"DC506", at, "a waiver needs 'target': the JSON Pointer of what it covers, such as "
                                  "/localities/2, or \"\" for the whole file"};
        if (!waiver.target.empty() && waiver.target[0] != '/')
            return InputError{"DC506", at + "/target", "expected a JSON Pointer such as /localities/2"};
        waivers.push_back(std::move(waiver));
    }
    return waivers;
}

namespace {

bool covers(const Waiver& waiver, const Finding& finding) {
    const RuleInfo& rule = *finding.rule;
    const bool names_rule = waiver.rule == rule.id ||
                            std::find(rule.duties.begin(), rule.duties.end(), waiver.rule) != rule.duties.end();
    if (!names_rule) return false;
    if (waiver.target.empty()) return true;
    const std::string& pointer = finding.pointer;
    return pointer == waiver.target ||
           (pointer.size() > waiver.target.size() && pointer.compare(0, waiver.target.size(), waiver.target) == 0 &&
            pointer[waiver.target.size()] == '/');
}

}  // namespace

void apply_waivers(DocumentResult& result, std::vector<Waiver> waivers, Date as_of) {
    result.waivers = std::move(waivers);
    std::vector<bool> used(result.waivers.size(), false);
    for (auto& finding : result.findings) {
        if (finding.status != Status::unmet && finding.status != Status::unknown) continue;
        for (std::size_t w = 0; w < result.waivers.size(); ++w) {
            if (!covers(result.waivers[w], finding)) continue;
            used[w] = true;
            finding.underlying = finding.status;
            finding.waiver = w;
            const Date expires = *parse_date(result.waivers[w].expires);
            finding.status = expires >= as_of ? Status::waived : Status::waiver_expired;
            break;
        }
    }
    for (std::size_t w = 0; w < used.size(); ++w)
        if (!used[w]) result.stale_waivers.push_back(w);
    result.summary = {};
    for (const auto& finding : result.findings) result.summary.add(finding);
}

}  // namespace dutycheck::engine
