// Renders results as a SARIF 2.1.0 log for GitHub code scanning and other SARIF viewers.
#include "report/sarif_report.hpp"

#include <cstddef>
#include <cstdio>
#include <map>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>

#include <nlohmann/json.hpp>

#include "engine/json_pointer.hpp"
#include "report/labels.hpp"
#include "report/run_json.hpp"

namespace dutycheck::report {
namespace {

// ordered_json keeps keys in insertion order, so the log is stable and reads like the spec.
using Json = nlohmann::ordered_json;

constexpr const char* sarif_schema = "https://json.schemastore.org/sarif-2.1.0.json";
// The .example top-level domain is reserved and never resolves (RFC 2606): a placeholder until
// dutycheck has a home page; docs/report-format.md says so.
constexpr const char* information_uri = "https://dutycheck.example/";
// Names the fingerprint scheme, so a change of scheme can add "dutycheck/v2" beside it.
constexpr const char* fingerprint_key = "dutycheck/v1";

std::string_view sarif_level(engine::Severity severity) {
    switch (severity) {
        case engine::Severity::error: return "error";
        case engine::Severity::warning: return "warning";
        case engine::Severity::info: return "note";
    }
    return "warning";
}

// Met and not applicable findings are not problems; a code-scanning tool would show every one
// of them as an alert. Waived findings are kept, with a suppression, so the exception is visible.
bool reported(engine::Status status) {
    return status == engine::Status::unmet || status == engine::Status::unknown || status == engine::Status::waived ||
           status == engine::Status::waiver_expired;
}

// A rule id is required by SARIF and by GitHub; the engine always sets one, but a result built
// without a rule must still produce a loadable log.
std::string rule_id(const engine::RuleInfo& rule) { return rule.id.empty() ? "unidentified-rule" : rule.id; }

// SARIF's reportingDescriptor.name is meant to be an identifier-like word ("InsecureCrypto"),
// distinct from the opaque id: the kebab-case id in Pascal case.
std::string pascal_case(std::string_view id) {
    std::string name;
    bool upper = true;
    for (const char c : id) {
        const bool alphanumeric = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        if (!alphanumeric) {
            upper = true;
            continue;
        }
        name += upper && c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
        upper = false;
    }
    return name.empty() ? "UnidentifiedRule" : name;
}

// CommonMark lets any ASCII punctuation be backslash-escaped. Escaping every character that can
// start markup (emphasis, code, links, HTML tags, entities, headings, lists, tables) keeps a
// rule's text literal; the few that never do (, / : ; ? @ % ' " $ ( )) are left alone so the
// markdown stays readable. Line breaks become hard breaks, continued with `prefix` (block quotes).
std::string markdown_text(std::string_view text, std::string_view prefix = "") {
    constexpr std::string_view plain = ",/:;?@%'\"$()";
    std::string out;
    for (const char c : text) {
        if (c == '\r') continue;
        if (c == '\n') {
            out += "  \n";
            out += prefix;
            continue;
        }
        const auto u = static_cast<unsigned char>(c);
        const bool punctuation = (u >= 0x21 && u <= 0x2F) || (u >= 0x3A && u <= 0x40) || (u >= 0x5B && u <= 0x60) ||
                                 (u >= 0x7B && u <= 0x7E);
        if (punctuation && plain.find(c) == std::string_view::npos) out += '\\';
        out += c;
    }
    return out;
}

// A citation url goes into helpUri (which the schema requires to be an absolute URI) and into a
// markdown autolink only if it is a plain http(s) URL; anything else is shown as text only.
bool plain_web_url(std::string_view url) {
    const bool scheme = url.rfind("https://", 0) == 0 || url.rfind("http://", 0) == 0;
    if (!scheme) return false;
    for (const char c : url) {
        const auto u = static_cast<unsigned char>(c);
        if (u <= 0x20 || u >= 0x7F || c == '<' || c == '>' || c == '"' || c == '\\' || c == '`' || c == '{' ||
            c == '}' || c == '|' || c == '^')
            return false;
    }
    return true;
}

// artifactLocation.uri must be a URI reference: forward slashes, percent-encoded bytes outside
// the unreserved set, and no ':' in a relative path (it would read as a scheme). An absolute
// path becomes a file: URI.
std::string artifact_uri(std::string_view file) {
    const std::string path = portable_path(file);
    std::string out;
    std::string_view rest = path;
    const bool drive = path.size() >= 3 && path[1] == ':' && path[2] == '/' &&
                       ((path[0] >= 'A' && path[0] <= 'Z') || (path[0] >= 'a' && path[0] <= 'z'));
    if (drive) {
        out = "file:///" + path.substr(0, 2);
        rest.remove_prefix(2);
    } else if (!path.empty() && path.front() == '/') {
        out = "file://";
    }
    for (const char c : rest) {
        const auto u = static_cast<unsigned char>(c);
        const bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
                          c == '.' || c == '_' || c == '~' || c == '/' || c == '!' || c == '$' || c == '&' ||
                          c == '\'' || c == '(' || c == ')' || c == '*' || c == '+' || c == ',' || c == ';' ||
                          c == '=' || c == '@';
        if (keep) {
            out += c;
        } else {
            char hex[4];
            std::snprintf(hex, sizeof hex, "%%%02X", u);
            out += hex;
        }
    }
    return out;
}


// The full stop that ends a sentence, unless `text` already ends with one.
std::string_view stop(std::string_view text) {
    return !text.empty() && (text.back() == '.' || text.back() == '!' || text.back() == '?') ? "" : ".";
}

// The duties and the citation, in words and in markdown: what a reader of the alert needs to
// find the law or policy behind it.
Json rule_descriptor(const engine::RuleInfo& rule) {
    const std::string id = rule_id(rule);
    const std::string title = rule.title.empty() ? id : rule.title;
    const std::string duties = duties_phrase(rule);
    const std::string basis(engine::to_string(rule.basis));
    const engine::Citation& citation = rule.citation;
    const bool linkable = plain_web_url(citation.url);

    // One paragraph: what the rule checks and where the duty comes from.
    std::string full = title + std::string(stop(title));
    std::string full_md = markdown_text(title) + std::string(stop(title));
    if (!duties.empty() || !citation.source.empty()) {
        std::string origin = duties;
        if (!citation.source.empty()) origin += (origin.empty() ? "" : ": ") + citation.source;
        full += " " + origin + std::string(stop(origin));
        std::string origin_md = markdown_text(duties);
        if (!citation.source.empty()) origin_md += (origin_md.empty() ? "" : ": ") + markdown_text(citation.source);
        full_md += " " + origin_md + std::string(stop(origin));
    }
    if (!citation.quote.empty()) {
        full += " \"" + citation.quote + "\"";
        full_md += " \"" + markdown_text(citation.quote) + "\"";
    }
    if (!citation.url.empty()) {
        full += " " + citation.url;
        full_md += " " + (linkable ? "<" + citation.url + ">" : markdown_text(citation.url));
    }

    // The help: the same facts laid out, with the quote as a block quote and the rule's force.
    std::string help = title + "\n";
    std::string help_md = "**" + markdown_text(title) + "**\n";
    if (!duties.empty()) {
        help += "\n" + duties + " (" + basis + ")\n";
        help_md += "\n" + markdown_text(duties) + " (" + markdown_text(basis) + ")\n";
    } else {
        help += "\nBasis: " + basis + "\n";
        help_md += "\nBasis: " + markdown_text(basis) + "\n";
    }
    if (!citation.source.empty()) {
        help += "Source: " + citation.source + "\n";
        help_md += "\nSource: " + markdown_text(citation.source) + "\n";
    }
    if (!citation.quote.empty()) {
        help += "\"" + citation.quote + "\"\n";
        help_md += "\n> " + markdown_text(citation.quote, "> ") + "\n";
    }
    if (!citation.url.empty()) {
        help += citation.url + "\n";
        help_md += "\n" + (linkable ? "<" + citation.url + ">" : markdown_text(citation.url)) + "\n";
    }
    help += "\nRule " + id + ", checked by dutycheck.\n";
    help_md += "\nRule " + markdown_text(id) + ", checked by dutycheck\\.\n";

    Json descriptor{
        {"id", id},
        {"name", pascal_case(id)},
        {"shortDescription", {{"text", title}}},
        {"fullDescription", {{"text", full}, {"markdown", full_md}}},
        {"help", {{"text", help}, {"markdown", help_md}}},
    };
    if (linkable) descriptor["helpUri"] = citation.url;
    descriptor["defaultConfiguration"] = {{"level", sarif_level(rule.severity)}};
    descriptor["properties"] = {{"duties", rule.duties}, {"basis", basis}, {"tags", rule.tags}};
    return descriptor;
}

Json result_json(const engine::DocumentResult& document, const engine::Finding& finding, std::size_t rule_index) {
    const engine::RuleInfo& rule = rule_of(finding);
    const std::string id = rule_id(rule);

    Json physical{{"artifactLocation", {{"uri", artifact_uri(document.file)}}}};
    // SARIF lines and columns start at 1; 0 means the engine recorded no position.
    if (finding.line > 0) {
        Json region{{"startLine", finding.line}};
        if (finding.column > 0) region["startColumn"] = finding.column;
        physical["region"] = std::move(region);
    }
    Json logical{{"fullyQualifiedName", finding.pointer}};
    const std::string name = !finding.object_name.empty() ? finding.object_name : engine::last_pointer_token(finding.pointer);
    if (!name.empty()) logical["name"] = name;

    Json result{
        {"ruleId", id},
        {"ruleIndex", rule_index},
        {"level", sarif_level(rule.severity)},
        {"message", {{"text", finding_message(document, finding)}}},
        {"locations", Json::array({{{"physicalLocation", std::move(physical)},
                                    {"logicalLocations", Json::array({std::move(logical)})}}})},
        {"partialFingerprints", {{fingerprint_key, id + "|" + finding.pointer}}},
    };

    const engine::Waiver* waiver = waiver_of(document, finding);
    if (finding.status == engine::Status::waived) {
        // An accepted waiver is an external suppression: the finding stands, a person accepted it.
        std::string justification = waiver != nullptr ? waiver_terms(*waiver) : "";
        if (waiver != nullptr && !waiver->expires.empty())
            justification += (justification.empty() ? "expires " : "; expires ") + waiver->expires;
        Json suppression{{"kind", "external"}, {"status", "accepted"}};
        if (!justification.empty()) suppression["justification"] = justification;
        result["suppressions"] = Json::array({std::move(suppression)});
    }

    // Against --baseline: SARIF's own words, so that a viewer can show only what is new.
    switch (finding.baseline) {
        case engine::BaselineMark::none: break;
        case engine::BaselineMark::new_finding: result["baselineState"] = "new"; break;
        case engine::BaselineMark::baselined: result["baselineState"] = "unchanged"; break;
        case engine::BaselineMark::worse: result["baselineState"] = "updated"; break;
    }

    Json properties{
        {"status", engine::to_string(finding.status)},
        {"duties", rule.duties},
        {"pointer", finding.pointer},
        {"object", finding.object_name},
    };
    if (waiver != nullptr && (finding.status == engine::Status::waived ||
                              finding.status == engine::Status::waiver_expired)) {
        properties["waived_status"] = engine::to_string(finding.underlying);
        properties["waiver"] = {{"pointer", waiver->pointer}, {"expires", waiver->expires}};
    }
    if (finding.baseline != engine::BaselineMark::none) {
        properties["baseline"] = engine::to_string(finding.baseline);
        if (finding.baseline != engine::BaselineMark::new_finding)
            properties["baseline_status"] = engine::to_string(finding.baseline_status);
    }
    result["properties"] = std::move(properties);
    return result;
}

// The run's properties: the date, the packs with their hashes, and each file's parameters in
// force (by file, as the artifacts are named); the parameters the command line overrode only
// when there are any.
Json run_properties(const std::vector<engine::DocumentResult>& documents, const ReportInfo& info) {
    Json parameters = Json::object();
    for (const auto& document : documents) parameters[artifact_uri(document.file)] = parameters_json(document.parameters);
    Json properties{{"as_of", info.as_of}, {"rule_packs", pack_names(info.packs)}, {"packs", packs_json(info.packs)},
                    {"parameters", std::move(parameters)}};
    if (const auto overrides = command_line_overrides(documents); !overrides.empty()) {
        Json overridden = Json::array();
        for (const auto& o : overrides)
            overridden.push_back({{"name", o.name}, {"value", o.value}, {"default", o.default_value}});
        properties["parameters_overridden"] = std::move(overridden);
    }
    // In a check run: the gate, and how many failing results it lets pass (their level is
    // warning or note, which a CI tool may not treat as failing either).
    if (!info.fail_on.empty()) {
        properties["fail_on"] = info.fail_on;
        properties["not_gating"] = not_gating(total_summary(documents), info.fail_on);
    }
    return properties;
}

}  // namespace

void write_sarif(std::ostream& out, const std::vector<engine::DocumentResult>& documents, const ReportInfo& info) {
    // One descriptor per rule id, in order of first appearance over every finding (reported or
    // not), so the log also says which rules were checked.
    Json rules = Json::array();
    std::map<std::string, std::size_t> rule_index;
    for (const auto& document : documents) {
        for (const auto& finding : document.findings) {
            const engine::RuleInfo& rule = rule_of(finding);
            if (rule_index.emplace(rule_id(rule), rules.size()).second) rules.push_back(rule_descriptor(rule));
        }
    }

    Json results = Json::array();
    for (const auto& document : documents)
        for (const auto& finding : document.findings)
            if (reported(finding.status))
                results.push_back(result_json(document, finding, rule_index.at(rule_id(rule_of(finding)))));

    Json driver{{"name", "dutycheck"}};
    if (!info.tool_version.empty()) {
        driver["version"] = info.tool_version;
        driver["semanticVersion"] = info.tool_version;
    }
    driver["informationUri"] = information_uri;
    driver["rules"] = std::move(rules);

    const Json log{
        {"$schema", sarif_schema},
        {"version", "2.1.0"},
        {"runs", Json::array({{
                     {"tool", {{"driver", std::move(driver)}}},
                     // The engine counts columns in Unicode code points, not SARIF's default UTF-16 units.
                     {"columnKind", "unicodeCodePoints"},
                     {"results", std::move(results)},
                     {"properties", run_properties(documents, info)},
                 }})},
    };
    // Text from partnership files is not guaranteed to be valid UTF-8; replacing bad bytes with
    // U+FFFD keeps the log valid JSON instead of throwing halfway through the output.
    out << log.dump(2, ' ', false, Json::error_handler_t::replace) << '\n';
}

}  // namespace dutycheck::report
