// The diff report: text for people, JSON for tools.
#include "report/diff_report.hpp"

#include "report/labels.hpp"

#include <nlohmann/json.hpp>

namespace dutycheck::report {

void write_diff(std::ostream& out, const std::string& format, const DiffInfo& info,
                const engine::Comparison& comparison) {
    if (format == "json") {
        auto item = [](const engine::Finding& f) {
            return nlohmann::ordered_json{{"rule", f.rule->id}, {"pointer", f.pointer}, {"object", f.object_name},
                                          {"status", engine::to_string(f.status)},
                                          {"severity", engine::to_string(f.rule->severity)},
                                          {"message", finding_text(f)}};
        };
        auto list = [&](const std::vector<const engine::Finding*>& findings) {
            nlohmann::ordered_json items = nlohmann::ordered_json::array();
            for (const auto* f : findings) items.push_back(item(*f));
            return items;
        };
        // A changed finding is head's, with the status it had in base as "was".
        auto changes = [&](const std::vector<engine::Change>& changed) {
            nlohmann::ordered_json items = nlohmann::ordered_json::array();
            for (const auto& change : changed) {
                auto json = item(*change.head);
                json["was"] = engine::to_string(change.base->status);
                items.push_back(std::move(json));
            }
            return items;
        };
        nlohmann::ordered_json json{{"format", json_diff_format},         {"base", info.base},
                                    {"head", info.head},                  {"as_of", info.as_of},
                                    {"parameters_changed", info.parameters_changed},
                                    {"new", list(comparison.added)},      {"worse", changes(comparison.worse)},
                                    {"better", changes(comparison.better)},
                                    {"resolved", list(comparison.resolved)},
                                    {"unchanged", list(comparison.unchanged)}};
        out << json.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << '\n';
        return;
    }
    auto line = [&](const engine::Finding& f, const engine::Finding* was) {
        out << "  " << engine::to_string(f.status);
        if (was != nullptr) out << " (was " << engine::to_string(was->status) << ")";
        out << "  " << engine::to_string(f.rule->severity) << "  " << f.rule->id << "  "
            << (f.pointer.empty() ? "(whole file)" : f.pointer) << (f.object_name.empty() ? "" : "  " + f.object_name)
            << "\n";
    };
    auto section = [&](const char* heading, const std::vector<const engine::Finding*>& findings) {
        out << heading << " (" << findings.size() << ")\n";
        for (const auto* f : findings) line(*f, nullptr);
    };
    auto changed = [&](const char* heading, const std::vector<engine::Change>& changes) {
        out << heading << " (" << changes.size() << ")\n";
        for (const auto& change : changes) line(*change.head, change.base);
    };
    out << "Comparing " << info.base << " with " << info.head << ", as of " << info.as_of << "\n";
    section("New", comparison.added);
    changed("Worse", comparison.worse);
    changed("Better", comparison.better);
    section("Resolved", comparison.resolved);
    out << "Unchanged (" << comparison.unchanged.size() << ")\n";
}

}  // namespace dutycheck::report
