// The format table: names to writers.
#include "report/formats.hpp"

#include "report/github_report.hpp"
#include "report/html_report.hpp"
#include "report/json_report.hpp"
#include "report/junit_report.hpp"
#include "report/markdown_report.hpp"
#include "report/sarif_report.hpp"
#include "report/tsv_report.hpp"

#include <stdexcept>

namespace dutycheck::report {

const std::vector<std::string>& format_names() {
    static const std::vector<std::string> names{"text", "json", "sarif", "junit", "github", "markdown", "html", "tsv"};
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
    if (format == "text") return write_text(out, documents, text, info);
    if (format == "sarif") return write_sarif(out, documents, info);
    if (format == "junit") return write_junit(out, documents, info);
    if (format == "github") return write_github(out, documents, info);
    if (format == "markdown") return write_markdown(out, documents, info);
    if (format == "html") return write_html(out, documents, info);
    if (format == "tsv") return write_tsv(out, documents, text);
    throw std::invalid_argument("unknown report format '" + std::string(format) + "'");
}

}  // namespace dutycheck::report
