// The diff report: text for people, JSON for tools.
#include "report/diff_report.hpp"

#include "report/labels.hpp"

#include <nlohmann/json.hpp>

namespace dutycheck::report {

void write_diff(std::ostream& out, const std::string& format, const DiffInfo& info,
                const engine::Comparison& comparison) {
    if (format == "json") {
        auto list = [](const std::vector<const engine::Finding*>& findings) {
            nlohmann::ordered_json items = nlohmann::ordered_json::array();
            for (const auto* f : findings)
                items.push_back({{"rule", f->rule->id}, {"pointer", f->pointer}, {"object", f->object_name},
                                 {"status", engine::to_string(f->status)},
                                 {"severity", engine::to_string(f->rule->severity)}, {"message", finding_text(*f)}});
            return items;
        };
        nlohmann::ordered_json json{{"format", json_diff_format},         {"base", info.base},
                                    {"head", info.head},                  {"as_of", info.as_of},
                                    {"parameters_changed", info.parameters_changed},
                                    {"new", list(comparison.added)},      {"resolved", list(comparison.resolved)},
                                    {"unchanged", list(comparison.unchanged)}};
        out << json.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << '\n';
        return;
    }
    auto section = [&](const char* heading, const std::vector<const engine::Finding*>& findings) {
        out << heading << " (" << findings.size() << ")\n";
        for (const auto* f : findings)
            out << "  " << engine::to_string(f->status) << "  " << engine::to_string(f->rule->severity) << "  "
                << f->rule->id << "  " << (f->pointer.empty() ? "(whole file)" : f->pointer)
                << (f->object_name.empty() ? "" : "  " + f->object_name) << "\n";
    };
    out << "Comparing " << info.base << " with " << info.head << ", as of " << info.as_of << "\n";
    section("New", comparison.added);
    section("Resolved", comparison.resolved);
    out << "Unchanged (" << comparison.unchanged.size() << ")\n";
}

}  // namespace dutycheck::report
