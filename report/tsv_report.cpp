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
// would split a line or a field are escaped, the escape character itself, and every other control
// character (a NUL, an ESC that would drive a terminal) as \xHH; ill-formed UTF-8 becomes U+FFFD.
void write_field(std::ostream& out, std::string_view raw) {
    static constexpr char hex[] = "0123456789ABCDEF";
    for (const char c : valid_utf8(raw)) {
        const auto byte = static_cast<unsigned char>(c);
        if (c == '\t') out << "\\t";
        else if (c == '\n') out << "\\n";
        else if (c == '\r') out << "\\r";
        else if (c == '\\') out << "\\\\";
        else if (byte < 0x20 || byte == 0x7F) out << "\\x" << hex[byte >> 4] << hex[byte & 0x0F];
        else out << c;
    }
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
            // Last, so that the fields before it keep their places: "" without a baseline.
            out << '\t' << engine::to_string(finding.baseline) << '\n';
        }
    }
}

}  // namespace dutycheck::report
