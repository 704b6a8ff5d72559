// Renders results as GitHub Actions workflow commands, which annotate the partnership file in a pull request.
#include "report/github_report.hpp"

#include <cstddef>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "report/labels.hpp"

namespace dutycheck::report {
namespace {

using engine::Status;

// GitHub's escaping (the same as @actions/core): in a message '%', CR and LF; in a property
// value also ':' and ',', which separate properties. Without it a newline in a partnership file
// could end the command and start another (`::add-mask::`, `::stop-commands::`). Other control
// characters and ill-formed UTF-8 have no escape the runner decodes, so they become U+FFFD.
std::string escaped(std::string_view text, bool property) {
    std::string out;
    out.reserve(text.size());
    for (const char32_t c : decode_utf8(text)) {
        if (c == '%') out += "%25";
        else if (c == '\r') out += "%0D";
        else if (c == '\n') out += "%0A";
        else if (property && c == ':') out += "%3A";
        else if (property && c == ',') out += "%2C";
        else if ((c < 0x20 && c != '\t') || c == 0x7F) append_utf8(out, 0xFFFD);
        else append_utf8(out, c);
    }
    return out;
}

std::string_view command(engine::Severity severity) {
    switch (severity) {
        case engine::Severity::error: return "error";
        case engine::Severity::warning: return "warning";
        case engine::Severity::info: return "notice";
    }
    return "warning";
}

// Waived findings are accepted exceptions and do not fail the gate, so they are not annotated;
// the summary counts them.
bool annotated(Status status) {
    return status == Status::unmet || status == Status::unknown || status == Status::waiver_expired;
}

void write_annotation(std::ostream& out, const engine::DocumentResult& document, const engine::Finding& finding) {
    const engine::RuleInfo& rule = rule_of(finding);
    out << "::" << command(rule.severity) << " file=" << escaped(portable_path(document.file), true);
    // GitHub annotates the whole file when no line is given; 0 means the engine recorded none.
    if (finding.line > 0) {
        out << ",line=" << finding.line;
        if (finding.column > 0) out << ",col=" << finding.column;
    }
    std::string title = rule.id;
    if (!rule.title.empty()) title += (title.empty() ? "" : ": ") + rule.title;
    if (!title.empty()) out << ",title=" << escaped(title, true);

    std::string message = finding_message(document, finding);
    std::string origin = duties_phrase(rule);
    if (!rule.citation.source.empty()) origin += (origin.empty() ? "" : "; ") + rule.citation.source;
    if (!origin.empty()) message += " (" + origin + ")";
    // Against --baseline, first, so that a reviewer sees at once what the change brought.
    if (const std::string baseline = baseline_phrase(finding); !baseline.empty()) message = "[" + baseline + "] " + message;
    out << "::" << escaped(message, false) << '\n';
}

std::string count(std::size_t n, std::string_view word) { return std::to_string(n) + " " + std::string(word); }

}  // namespace

void write_github(std::ostream& out, const std::vector<engine::DocumentResult>& documents, const ReportInfo& info) {
    for (const auto& document : documents)
        for (const auto& finding : document.findings)
            if (annotated(finding.status)) write_annotation(out, document, finding);

    const engine::Summary total = total_summary(documents);
    std::string summary = "dutycheck";
    if (!info.tool_version.empty()) summary += " " + info.tool_version;
    summary += ": " + count(documents.size(), documents.size() == 1 ? "partnership file" : "partnership files");
    if (!info.as_of.empty()) summary += " as of " + info.as_of;
    const std::vector<std::string> counts{
        count(total.count(Status::unmet), "unmet"),
        count(total.count(Status::unknown), "unknown"),
        count(total.count(Status::waiver_expired), "waiver expired"),
        count(total.count(Status::waived), "waived"),
        count(total.count(Status::met), "met"),
        count(total.count(Status::not_applicable), "not applicable"),
    };
    summary += ": " + join_items(counts, ", ");
    // Annotations are a summary, not a record: the packs with a short hash here, the full run in JSON.
    if (!info.packs.empty()) summary += " (rule packs: " + packs_phrase(info.packs, 12) + ")";
    out << "::notice::" << escaped(summary, false) << '\n';
    if (const auto overrides = command_line_overrides(documents); !overrides.empty())
        out << "::notice::" << escaped("dutycheck: parameters set on the command line, not the packs' defaults: " +
                                           overrides_phrase(overrides), false)
            << '\n';
    // Annotated as warnings and notices, these could look like mere remarks on a run that passed.
    if (const std::string below = not_gating_phrase(total, info.fail_on); !below.empty())
        out << "::notice::" << escaped("dutycheck: " + below, false) << '\n';
}

}  // namespace dutycheck::report
