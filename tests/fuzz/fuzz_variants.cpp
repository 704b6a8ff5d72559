// libFuzzer target, structure-aware: a bundled fixture changed the ways a careless or hostile user
// would change it (a case change, spaces, invisible characters, a lookalike letter, a repeated or
// null element, a deleted or nulled member, any text), then checked by the engine as `check` does.
// Every input must check or be refused without a crash; and where one variant of the kinds in
// tests/variants.hpp was applied, no finding may be met that was not met in the fixture.
#include "engine/engine.hpp"
#include "report/formats.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

namespace {

using Json = nlohmann::ordered_json;
namespace fs = std::filesystem;

// Reads fuzzer bytes as a sequence of small numbers and strings.
class Reader {
public:
    Reader(const std::uint8_t* data, std::size_t size) : data_(data), size_(size) {}
    std::size_t number(std::size_t bound) {
        std::size_t value = 0;
        for (int i = 0; i < 2 && at_ < size_; ++i) value = value * 256 + data_[at_++];
        return bound == 0 ? 0 : value % bound;
    }
    std::string text() {
        const std::size_t length = std::min<std::size_t>(number(64), size_ - std::min(at_, size_));
        std::string out(reinterpret_cast<const char*>(data_ + at_), length);
        at_ += length;
        return out;
    }
    bool more() const { return at_ < size_; }

private:
    const std::uint8_t* data_;
    std::size_t size_;
    std::size_t at_ = 0;
};

struct Fixture {
    std::string name;
    Json document;
    std::map<std::pair<std::string, std::string>, std::vector<dutycheck::engine::Status>> findings;
};

const dutycheck::engine::Engine& engine() {
    static const auto instance = [] {
        dutycheck::engine::EngineOptions options;
        options.pack_registry = {fs::path(DUTYCHECK_SOURCE_DIR) / "rules"};
        options.as_of = dutycheck::engine::make_date(2026, 1, 1);
        options.max_steps = 10'000'000;
        return std::make_unique<const dutycheck::engine::Engine>(options);
    }();
    return *instance;
}

using Findings = std::map<std::pair<std::string, std::string>, std::vector<dutycheck::engine::Status>>;

Findings findings_of(const dutycheck::engine::DocumentResult& result) {
    Findings findings;
    for (const auto& finding : result.findings) findings[{finding.rule->id, finding.pointer}].push_back(finding.status);
    return findings;
}

// Every bundled fixture that checks cleanly, with its findings: the fuzzer's starting points.
const std::vector<Fixture>& fixtures() {
    static const auto all = [] {
        std::vector<Fixture> out;
        std::vector<fs::path> paths;
        // The fixtures, and the packs' cases (the only JSON files under rules/).
        for (const auto* folder : {"fixtures", "rules"})
        for (const auto& entry : fs::recursive_directory_iterator(fs::path(DUTYCHECK_SOURCE_DIR) / folder))
            if (entry.is_regular_file() && entry.path().extension() == ".json" &&
                entry.path().string().find("/invalid/") == std::string::npos && entry.file_size() < 200'000)
                paths.push_back(entry.path());
        std::sort(paths.begin(), paths.end());
        for (const auto& path : paths) {
            std::ifstream in(path, std::ios::binary);
            std::stringstream text;
            text << in.rdbuf();
            const auto outcome = engine().check_text(path.string(), text.str());
            if (!outcome.ok()) continue;
            out.push_back({path.string(), Json::parse(text.str()), findings_of(*outcome.result)});
        }
        return out;
    }();
    return all;
}

void collect(const Json& node, const Json::json_pointer& at, std::vector<Json::json_pointer>& out) {
    out.push_back(at);
    if (node.is_object())
        for (const auto& [key, value] : node.items()) collect(value, at / key, out);
    else if (node.is_array())
        for (std::size_t i = 0; i < node.size(); ++i) collect(node[i], at / i, out);
}

const char* const lookalikes[][2] = {{"a", "\u0430"}, {"e", "\u0435"}, {"o", "\u043e"}, {"c", "\u0441"},
                                     {"p", "\u0440"}, {"i", "\u0456"}, {"s", "\u0455"}};
const char* const insertions[] = {" ", "\u00a0", "\u200b", "\ufeff", "\u00ad", "\u2028", "\t", "\u3000"};

// Applies one change; returns false for an arbitrary text, after which findings may change freely.
bool apply(Json& document, Reader& in) {
    std::vector<Json::json_pointer> pointers;
    collect(document, Json::json_pointer{}, pointers);
    const auto& pointer = pointers[in.number(pointers.size())];
    Json& value = document.at(pointer);
    switch (in.number(8)) {
        case 0:
            if (value.is_string()) {
                std::string text = value.get<std::string>();
                for (char& c : text)
                    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
                        c = static_cast<char>(c ^ 0x20);
                        break;
                    }
                value = text;
            }
            return true;
        case 1:
            if (value.is_string()) {
                const std::string insertion = insertions[in.number(std::size(insertions))];
                value = in.number(2) == 0 ? insertion + value.get<std::string>() : value.get<std::string>() + insertion;
            }
            return true;
        case 2:
            if (value.is_string()) {
                std::string text = value.get<std::string>();
                const auto& pair = lookalikes[in.number(std::size(lookalikes))];
                if (const auto at = text.find(pair[0]); at != std::string::npos) text.replace(at, 1, pair[1]);
                value = text;
            }
            return true;
        case 3:
            if (value.is_array() && !value.empty()) value.push_back(Json(value[in.number(value.size())]));
            return true;
        case 4:
            if (value.is_array()) value.push_back(nullptr);
            return true;
        case 5:
            if (!pointer.empty() && document.at(pointer.parent_pointer()).is_object())
                document.at(pointer.parent_pointer()).erase(pointer.back());
            return true;
        case 6:
            if (!pointer.empty()) value = nullptr;
            return true;
        default:
            value = in.text();  // anything at all: the engine must refuse it or check it, never crash
            return false;
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto& all = fixtures();
    if (all.empty() || size < 2) return 0;
    Reader in(data, size);
    const Fixture& fixture = all[in.number(all.size())];
    Json document = fixture.document;
    // The property is the property test's: one variant at a time (several changes together can
    // build a new record, which may rightly meet a duty). More changes are checked for crashes.
    bool variants_only = true;
    int changes = 0;
    for (; changes < 4 && in.more(); ++changes) variants_only = apply(document, in) && variants_only;
    variants_only = variants_only && changes == 1;
    // The configuration members choose the check rather than state facts (see property_test.cpp).
    for (const char* member : {"parameters", "rule_packs", "waivers"})
        if (document.contains(member) != fixture.document.contains(member) ||
            (document.contains(member) && document[member] != fixture.document[member]))
            variants_only = false;
    std::string text;
    try {
        text = document.dump(-1, ' ', false, Json::error_handler_t::replace);
    } catch (const nlohmann::json::exception&) {
        return 0;
    }
    auto outcome = engine().check_text(fixture.name, text);
    if (!outcome.ok()) return 0;
    // Rendered in every format, as a user would see it.
    const std::vector<dutycheck::engine::DocumentResult> results{*outcome.result};
    for (const auto& format : dutycheck::report::format_names()) {
        std::ostringstream out;
        dutycheck::report::write_report(out, format, results, {"fuzz", "2026-01-01", {}}, {});
    }
    if (!variants_only) return 0;
    // Never a false pass: a finding met now was met before at the same place. (A finding at a
    // new place is one about an element the variant added, a copy of one that is there; the
    // records stage refuses such copies, so none is met that was not.)
    for (const auto& [key, now] : findings_of(*outcome.result)) {
        const auto before = fixture.findings.find(key);
        const std::size_t met_now = static_cast<std::size_t>(std::count(now.begin(), now.end(), dutycheck::engine::Status::met));
        const std::size_t met_before =
            before == fixture.findings.end()
                ? 0
                : static_cast<std::size_t>(std::count(before->second.begin(), before->second.end(), dutycheck::engine::Status::met));
        if (met_now > met_before) __builtin_trap();
    }
    return 0;
}
