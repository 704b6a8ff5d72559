// Renders results as JUnit XML, the test-report format Jenkins, GitLab and GitHub test reporters read.
#include "report/junit_report.hpp"

#include <cstddef>
#include <ostream>
#include <sstream>
#include <string>
#include <string_view>

#include "report/labels.hpp"

namespace dutycheck::report {
namespace {

using engine::Status;

// XML 1.0 allows only these characters (section 2.2); anything else, and every byte that is not
// well-formed UTF-8, becomes U+FFFD so that a parser never rejects the report. In an attribute,
// line breaks and tabs are written as character references because attribute-value
// normalisation would otherwise turn them into spaces.
std::string xml(std::string_view text, bool attribute = false) {
    std::string out;
    out.reserve(text.size());
    for (const char32_t c : decode_utf8(text)) {
        switch (c) {
            case '&': out += "&amp;"; continue;
            case '<': out += "&lt;"; continue;
            case '>': out += "&gt;"; continue;  // also keeps "]]>" out of text
            case '"': out += "&quot;"; continue;
            case '\'': out += "&apos;"; continue;
            case '\r': out += "&#13;"; continue;
            case '\n': out += attribute ? "&#10;" : "\n"; continue;
            case '\t': out += attribute ? "&#9;" : "\t"; continue;
            default: break;
        }
        // DEL is allowed by XML 1.0 but is a control character all the same: shown, not passed on.
        const bool allowed =
            (c >= 0x20 && c < 0x7F) || (c > 0x7F && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
        append_utf8(out, allowed ? c : char32_t{0xFFFD});
    }
    return out;
}

// Built with append rather than "literal" + string: GCC 12 warns falsely (-Wrestrict) on the latter at -O2.
std::string attribute(std::string_view name, std::string_view value) {
    std::string out(" ");
    return out.append(name).append("=\"").append(xml(value, true)).append("\"");
}

bool is_failure(Status status) {
    return status == Status::unmet || status == Status::unknown || status == Status::waiver_expired;
}

bool is_skip(Status status) { return status == Status::not_applicable || status == Status::waived; }

struct Counts {
    std::size_t tests = 0;
    std::size_t failures = 0;
    std::size_t skipped = 0;

    void add(const engine::DocumentResult& document) {
        for (const auto& finding : document.findings) {
            ++tests;
            failures += is_failure(finding.status);
            skipped += is_skip(finding.status);
        }
    }
};

// errors="0": an error in JUnit is a test that could not run; dutycheck stops with exit 2 before
// writing any report in that case, so every test case here ran.
std::string count_attributes(const Counts& counts) {
    return attribute("tests", std::to_string(counts.tests)) + attribute("failures", std::to_string(counts.failures)) +
           attribute("errors", "0") + attribute("skipped", std::to_string(counts.skipped));
}

// "POINTER (object name)": the pointer makes the name unique within the rule, the object's name
// makes it readable.
std::string case_name(const engine::Finding& finding) {
    std::string name = finding.pointer.empty() ? "(whole partnership file)" : finding.pointer;
    if (!finding.object_name.empty()) name += " (" + finding.object_name + ")";
    return name;
}

// The body of a failure: everything a reader needs without opening another report.
std::string failure_details(const engine::DocumentResult& document, const engine::Finding& finding) {
    const engine::RuleInfo& rule = rule_of(finding);
    // A stream rather than "literal" + string: GCC 12 warns falsely (-Wrestrict) on the latter at -O2.
    std::ostringstream details;
    details << "Rule: " << rule.id;
    if (!rule.title.empty()) details << " - " << rule.title;
    details << "\nSeverity: " << engine::to_string(rule.severity) << "; basis: " << engine::to_string(rule.basis)
            << '\n';
    details << "Object: ";
    if (finding.object_name.empty() && finding.pointer.empty()) details << "the whole partnership file";
    details << finding.object_name;
    if (!finding.pointer.empty()) details << (finding.object_name.empty() ? "[" : " [") << finding.pointer << ']';
    details << "\nFile: " << portable_path(document.file);
    if (finding.line > 0) details << ':' << finding.line << ':' << finding.column;
    if (const std::string baseline = baseline_phrase(finding); !baseline.empty()) details << "\nBaseline: " << baseline;
    details << "\n\n" << finding_message(document, finding) << '\n';
    for (const auto& missing : finding.missing) details << "Missing: " << missing_words(missing) << '\n';
    details << '\n';
    if (const std::string duties = duties_phrase(rule); !duties.empty()) details << duties << '\n';
    if (!rule.citation.source.empty()) details << "Source: " << rule.citation.source << '\n';
    if (!rule.citation.quote.empty()) details << "Quote: \"" << rule.citation.quote << "\"\n";
    if (!rule.citation.url.empty()) details << "URL: " << rule.citation.url << '\n';
    if (const engine::Waiver* waiver = waiver_of(document, finding))
        details << "Waiver " << waiver->pointer << ": " << waiver_terms(*waiver) << "; expired " << waiver->expires
                << '\n';
    return details.str();
}

// Why a test case was skipped, in one line.
std::string skip_message(const engine::DocumentResult& document, const engine::Finding& finding) {
    if (finding.status == Status::not_applicable)
        return finding.message.empty() ? "not applicable" : "not applicable: " + finding.message;
    std::string message = "waived (" + std::string(engine::to_string(finding.underlying)) + ")";
    if (const engine::Waiver* waiver = waiver_of(document, finding)) {
        if (!waiver->expires.empty()) message += " until " + waiver->expires;
        if (const std::string terms = waiver_terms(*waiver); !terms.empty()) message += ": " + terms;
    }
    return message;
}

void write_case(std::ostream& out, const engine::DocumentResult& document, const engine::Finding& finding) {
    out << "    <testcase" << attribute("classname", rule_of(finding).id) << attribute("name", case_name(finding))
        << attribute("file", portable_path(document.file));
    if (finding.line > 0) out << attribute("line", std::to_string(finding.line));
    if (is_failure(finding.status)) {
        out << ">\n      <failure" << attribute("message", finding_message(document, finding))
            << attribute("type", engine::to_string(finding.status)) << '>' << xml(failure_details(document, finding))
            << "</failure>\n    </testcase>\n";
    } else if (is_skip(finding.status)) {
        out << ">\n      <skipped" << attribute("message", skip_message(document, finding)) << "/>\n    </testcase>\n";
    } else {
        out << "/>\n";
    }
}

void write_property(std::ostream& out, std::string_view name, std::string_view value) {
    out << "      <property" << attribute("name", name) << attribute("value", value) << "/>\n";
}

}  // namespace

void write_junit(std::ostream& out, const std::vector<engine::DocumentResult>& documents, const ReportInfo& info) {
    Counts total;
    for (const auto& document : documents) total.add(document);

    out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    out << "<testsuites" << attribute("name", "dutycheck") << count_attributes(total) << ">\n";
    for (const auto& document : documents) {
        Counts counts;
        counts.add(document);
        out << "  <testsuite" << attribute("name", portable_path(document.file)) << count_attributes(counts) << ">\n";
        out << "    <properties>\n";
        write_property(out, "partnership.id", document.partnership_id);
        write_property(out, "partnership.name", document.partnership_name);
        write_property(out, "as_of", document.as_of.empty() ? info.as_of : document.as_of);
        write_property(out, "rule_packs", join_items(pack_names(info.packs), ", "));
        write_property(out, "dutycheck.version", info.tool_version);
        // One property per pack and per parameter, so that a CI tool can read each on its own.
        for (const auto& pack : info.packs)
            write_property(out, "rule_pack." + pack.name, (pack.version.empty() ? "" : pack.version + " ") + "sha256 " + pack.sha256);
        if (const auto overrides = command_line_overrides(document.parameters); !overrides.empty())
            write_property(out, "parameters_overridden", overrides_phrase(overrides));
        // Every unmet or unknown finding is a <failure>, whatever its severity: the gate and the
        // failures it lets pass say which of them failed the run.
        if (!info.fail_on.empty()) {
            write_property(out, "fail_on", info.fail_on);
            write_property(out, "not_gating", std::to_string(not_gating(document.summary, info.fail_on)));
        }
        for (const auto& p : document.parameters)
            write_property(out, "parameter." + p.name,
                           p.differs ? p.value + " (default " + p.default_value + ", set by " +
                                           std::string(set_by_words(p.set_by)) + ")"
                                     : p.value);
        out << "    </properties>\n";
        for (const auto& finding : document.findings) write_case(out, document, finding);
        out << "  </testsuite>\n";
    }
    out << "</testsuites>\n";
}

}  // namespace dutycheck::report
