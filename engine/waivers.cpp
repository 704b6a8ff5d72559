// Reading waivers from a file, checking them against the law's force, and applying them to findings.
#include "engine/waivers.hpp"

#include "dsl/text.hpp"
#include "engine/json_pointer.hpp"

#include <algorithm>
#include <string>

namespace dutycheck::engine {

std::variant<std::vector<Waiver>, InputError> read_waivers(const Document& doc, std::uint32_t horizon_months) {
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
        Waiver waiver{text("rule"),    text("target"),  text("reason"), text("approved_by"),
                      text("minute"),  text("expires"), at,             text("approved")};
        for (const auto& [field, value] : {std::pair<const char*, const std::string*>{"rule", &waiver.rule},
                                          {"reason", &waiver.reason},
                                          {"approved_by", &waiver.approved_by},
                                          {"approved", &waiver.approved},
                                          {"expires", &waiver.expires}}) {
            if (value->empty())
                return InputError{"DC506", at, std::string("a waiver needs '") + field +
                                          "': an exception is accepted only with a rule, a reason, an approver, "
                                          "an approval date and an expiry date"};
            // A no-break or zero-width space records no reason and names no approver.
            if (dsl::is_blank(*value))
                return InputError{"DC506", at + "/" + field,
                                  std::string("'") + field +
                                      "' has no visible character: an exception is accepted only with a reason and "
                                      "an approver a reader can see"};
        }
        const auto approved = parse_date(waiver.approved);
        if (!approved)
            return InputError{"DC506", at + "/approved", "expected a date (YYYY-MM-DD or YYYY-MM) for the waiver's approval"};
        const auto expires = parse_date(waiver.expires);
        if (!expires)
            return InputError{"DC506", at + "/expires", "expected a date (YYYY-MM-DD or YYYY-MM) for the waiver's expiry"};
        if (*expires < *approved)
            return InputError{"DC506", at + "/expires",
                              "the waiver expires on " + waiver.expires + ", before its approval on " + waiver.approved};
        // A bounded horizon: an expiry of 9999-12-31 is an exception that never ends.
        const Date latest = add_months(*approved, horizon_months);
        if (*expires > latest)
            return InputError{"DC506", at + "/expires",
                              "the waiver expires on " + waiver.expires + ", more than " +
                                  std::to_string(horizon_months) + " months after its approval on " + waiver.approved +
                                  " (it may run until " + format_date(latest) + " at the latest; limit: --waiver-horizon)"};
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

bool is_law(Basis basis) { return basis == Basis::statute || basis == Basis::regulation; }

std::string force_words(const RuleInfo& rule) {
    std::string words = rule.basis == Basis::statute ? "a duty of statute" : "a duty of regulations";
    if (!rule.citation.source.empty()) words += " (" + rule.citation.source + ")";
    return words;
}

}  // namespace

std::vector<InputError> unwaivable(const std::vector<Waiver>& waivers, const RuleSet& rules) {
    static const std::string why =
        ": the law allows no recorded departure from it, so it cannot be waived; record the facts or accept the finding";
    std::vector<InputError> errors;
    for (const auto& waiver : waivers) {
        const RuleInfo* by_rule = nullptr;
        const RuleInfo* by_duty = nullptr;
        for (const auto& rule : rules.rules) {
            if (!is_law(rule.info.basis)) continue;
            if (!by_rule && rule.info.id == waiver.rule) by_rule = &rule.info;
            if (!by_duty && std::find(rule.info.duties.begin(), rule.info.duties.end(), waiver.rule) != rule.info.duties.end())
                by_duty = &rule.info;
        }
        if (by_rule)
            errors.push_back({"DC506", waiver.pointer, "rule '" + waiver.rule + "' encodes " + force_words(*by_rule) + why});
        else if (by_duty)
            errors.push_back({"DC506", waiver.pointer, waiver.rule + " is " + force_words(*by_duty) + why});
    }
    return errors;
}

namespace {

bool covers(const Waiver& waiver, const Finding& finding) {
    const RuleInfo& rule = *finding.rule;
    const bool names_rule = waiver.rule == rule.id ||
                            std::find(rule.duties.begin(), rule.duties.end(), waiver.rule) != rule.duties.end();
    if (!names_rule) return false;
    // An empty target is the whole file, within which every finding is.
    return pointer_within(finding.pointer, waiver.target);
}

}  // namespace

void apply_waivers(DocumentResult& result, std::vector<Waiver> waivers, Date as_of) {
    result.waivers = std::move(waivers);
    // A waiver approved after the evaluation date did not exist then (a past report reproduced
    // with --as-of): it covers nothing, and is not stale either. One with no readable approval
    // date was never approved.
    std::vector<bool> in_force(result.waivers.size(), false);
    for (std::size_t w = 0; w < result.waivers.size(); ++w) {
        const auto approved = parse_date(result.waivers[w].approved);
        in_force[w] = approved && *approved <= as_of;
    }
    std::vector<bool> used(result.waivers.size(), false);
    for (auto& finding : result.findings) {
        if (finding.status != Status::unmet && finding.status != Status::unknown) continue;
        for (std::size_t w = 0; w < result.waivers.size(); ++w) {
            if (!in_force[w] || !covers(result.waivers[w], finding)) continue;
            used[w] = true;
            finding.underlying = finding.status;
            finding.waiver = w;
            const Date expires = *parse_date(result.waivers[w].expires);
            finding.status = expires >= as_of ? Status::waived : Status::waiver_expired;
            break;
        }
    }
    for (std::size_t w = 0; w < used.size(); ++w)
        if (in_force[w] && !used[w]) result.stale_waivers.push_back(w);
    result.summary = {};
    for (const auto& finding : result.findings) result.summary.add(finding);
}

}  // namespace dutycheck::engine
