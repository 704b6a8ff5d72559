// The format table: names to writers.
#include "report/formats.hpp"

#include "report/json_report.hpp"

#include <stdexcept>

namespace dutycheck::report {

const std::vector<std::string>& format_names() {
    static const std::vector<std::string> names{"text", "json"};
    return names;
}

std::string format_list() {
    std::string list;
    for (const auto& name : format_names()) list += (list.empty() ? "" : ", ") + name;
    return list;
}

void write_report(std::ostream& out, std::string_view format, const std::vector<engine::DocumentResult>& documents,
                  const ReportInfo& info, const TextOptions& text) {
    if (format == "json") return write_json(out, documents, info);
    if (format == "text") return write_text(out, documents, text);
    throw std::invalid_argument("unknown report format '" + std::string(format) + "'");
}

}  // namespace dutycheck::report
