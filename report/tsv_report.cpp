// Renders results as tab-separated values: one finding a line, fields in a fixed order.
#include "report/tsv_report.hpp"

#include <ostream>
#include <string>
#include <string_view>

#include "report/labels.hpp"

namespace dutycheck::report {
namespace {

using engine::Status;

// A field may hold anything a partnership file or a rule message holds, so the characters that
// would split a line or a field are escaped (and the escape character itself).
void write_field(std::ostream& out, std::string_view text) {
    std::size_t plain = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        const char* escape = c == '\t' ? "\\t" : c == '\n' ? "\\n" : c == '\r' ? "\\r" : c == '\\' ? "\\\\" : nullptr;
        if (escape == nullptr) continue;
        out.write(text.data() + plain, static_cast<std::streamsize>(i - plain));
        out << escape;
        plain = i + 1;
    }
    out.write(text.data() + plain, static_cast<std::streamsize>(text.size() - plain));
}

bool listed(Status status, bool show_all) {
    return show_all || status == Status::unmet || status == Status::unknown || status == Status::waiver_expired;
}

}  // namespace

void write_tsv(std::ostream& out, const std::vector<engine::DocumentResult>& documents, const TextOptions& options) {
    for (const auto& document : documents) {
        for (const auto& finding : document.findings) {
            if (!listed(finding.status, options.show_all)) continue;
            const engine::RuleInfo& rule = rule_of(finding);
            write_field(out, rule.id);
            out << '\t';
            write_field(out, document.file);
            out << '\t';
            write_field(out, finding.pointer);
            out << '\t' << engine::to_string(finding.status) << '\t' << engine::to_string(rule.severity) << '\t'
                << finding.line << '\t' << finding.column << '\t';
            write_field(out, finding_text(finding));
            out << '\n';
        }
    }
}

}  // namespace dutycheck::report
