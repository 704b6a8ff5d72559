// Reads rule packs from disk, follows imports (once each, no cycles, never outside the pack), and checks them.
#include "engine/loader.hpp"

#include "dsl/parser.hpp"
#include "engine/checker.hpp"
#include "engine/pack_hash.hpp"
#include "engine/register.hpp"

#include <algorithm>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

namespace dutycheck::engine {
namespace {

namespace fs = std::filesystem;
namespace ast = dsl::ast;
using dsl::Diagnostic;

struct ParsedFile {
    const dsl::SourceFile* source;
    ast::File tree;
    std::size_t pack;
    bool entry;
};

Diagnostic diagnostic_at(const char* code, const dsl::SourceFile* file, const ast::Located& at, std::string message) {
    Diagnostic d;
    d.code = code;
    d.file = file;
    d.begin = at.begin;
    d.end = at.end;
    d.message = std::move(message);
    return d;
}

std::string join_strings(const std::vector<std::string>& parts) {
    std::string out;
    for (const auto& part : parts) out += part;
    return out;
}

bool inside(const fs::path& root, const fs::path& path) {
    auto r = root.begin(), p = path.begin();
    for (; r != root.end(); ++r, ++p)
        if (p == path.end() || *r != *p) return false;
    return true;
}

class Loader {
public:
    explicit Loader(const std::vector<Duty>* national = nullptr) : national_(national) {}

    LoadResult& result() { return result_; }

    void load_pack(const fs::path& path) {
        std::error_code ec;
        const bool directory = fs::is_directory(path, ec);
        const fs::path entry = directory ? path / "pack.rules" : path;
        PackInfo pack;
        pack.root = fs::weakly_canonical(directory ? path : path.parent_path(), ec);
        pack.name = directory ? path.filename().string() : path.stem().string();
        if (pack.name.empty()) pack.name = fs::weakly_canonical(path, ec).filename().string();
        const std::size_t index = rules().packs.size();
        rules().packs.push_back(std::move(pack));
        hashers_.emplace_back();
        std::vector<fs::path> stack;
        load_file(entry, entry.lexically_normal().string(), index, true, stack, nullptr, {});
        if (directory) load_register(path / pack_register_file, index);
    }

    void load_text(const std::string& display, std::string text, const fs::path& directory) {
        PackInfo pack;
        std::error_code ec;
        pack.root = fs::weakly_canonical(directory, ec);
        pack.name = fs::path(display).stem().string();
        rules().packs.push_back(std::move(pack));
        hashers_.emplace_back().add_file(display, text);
        std::vector<fs::path> stack{pack_root(0) / display};
        parse(display, std::move(text), 0, true, stack);
    }

    void check_all() {
        for (std::size_t i = 0; i < hashers_.size(); ++i) rules().packs[i].sha256 = hashers_[i].hex_digest();
        declarations();
        definitions();
        for (const auto& file : files_) {
            for (const auto& item : file.tree.items) {
                const auto* rule = std::get_if<ast::Rule>(&item);
                if (rule == nullptr) continue;
                const auto duplicate = rule_ids_.find(rule->id.text);
                if (duplicate != rule_ids_.end()) {
                    Diagnostic d = diagnostic_at("DC205", file.source, rule->id,
                                                 "duplicate rule id '" + rule->id.text + "'");
                    const auto at = duplicate->second.first->line_column(duplicate->second.second);
                    d.notes.push_back("first defined at " + duplicate->second.first->path() + ":" +
                                      std::to_string(at.line) + ":" + std::to_string(at.column));
                    result_.diagnostics.push_back(std::move(d));
                    continue;
                }
                rule_ids_.emplace(rule->id.text, std::make_pair(file.source, rule->id.begin));
                CompiledRule compiled =
                    check_rule(*rule, *file.source, rules(), file.pack, defs_[file.pack], result_.diagnostics);
                if (national_ != nullptr) check_duties(*rule, file);
                compiled.info.pack = rules().packs[file.pack].name;
                rules().rules.push_back(std::move(compiled));
            }
        }
        dsl::sort_diagnostics(result_.diagnostics);
    }

private:
    RuleSet& rules() { return *result_.rules; }

    // A pack's own duties: LOCAL ones, none of them a duty of the national register.
    void load_register(const fs::path& path, std::size_t pack) {
        std::error_code ec;
        if (!fs::exists(path, ec)) return;
        auto problem = [&](std::string message) {
            Diagnostic d;
            d.code = "DC404";
            d.path = path.lexically_normal().string();
            d.message = std::move(message);
            result_.diagnostics.push_back(std::move(d));
        };
        std::string error;
        auto duties = read_register(path, error);
        if (!duties) return problem(error);
        for (auto& duty : *duties) {
            if (duty.force != "LOCAL")
                problem("duty '" + duty.id + "' has force '" + duty.force + "'; a pack's own duties are LOCAL");
            else if (national_ != nullptr && std::any_of(national_->begin(), national_->end(),
                                                         [&](const Duty& d) { return d.id == duty.id; }))
                problem("duty '" + duty.id + "' is a duty of the national register already");
            else
                rules().packs[pack].duties.push_back(std::move(duty));
        }
    }

    // Every duty id a rule cites is one of the national register or of the rule's own pack.
    void check_duties(const ast::Rule& rule, const ParsedFile& file) {
        std::vector<std::string> known;
        for (const auto& duty : *national_) known.push_back(duty.id);
        for (const auto& duty : rules().packs[file.pack].duties) known.push_back(duty.id);
        for (const auto& clause : rule.clauses) {
            const auto* words = std::get_if<ast::WordsClause>(&clause);
            if (words == nullptr || words->keyword.text != "duty") continue;
            for (const auto& id : words->words) {
                if (std::find(known.begin(), known.end(), id.text) != known.end()) continue;
                Diagnostic d = diagnostic_at("DC215", file.source, id, "duty '" + id.text + "' is not in the register");
                if (auto suggestion = dsl::closest_match(id.text, known); !suggestion.empty())
                    d.notes.push_back("did you mean '" + suggestion + "'?");
                d.notes.push_back("a pack's own duties go in a register.tsv beside its pack.rules");
                result_.diagnostics.push_back(std::move(d));
            }
        }
    }
    const fs::path& pack_root(std::size_t pack) { return rules().packs[pack].root; }

    void load_file(const fs::path& path, const std::string& display, std::size_t pack, bool entry,
                   std::vector<fs::path>& stack, const dsl::SourceFile* importer, ast::Located import_at) {
        std::error_code ec;
        const fs::path canonical = fs::weakly_canonical(path, ec);
        if (std::find(stack.begin(), stack.end(), canonical) != stack.end()) {
            std::string chain;
            auto start = std::find(stack.begin(), stack.end(), canonical);
            for (auto it = start; it != stack.end(); ++it) chain += it->filename().string() + " -> ";
            chain += canonical.filename().string();
            result_.diagnostics.push_back(diagnostic_at("DC402", importer, import_at, "import cycle: " + chain));
            return;
        }
        if (!loaded_.insert(canonical).second) return;  // already loaded through another import
        std::ifstream in(path, std::ios::binary);
        if (!in || fs::is_directory(path, ec)) {
            Diagnostic d = diagnostic_at("DC401", importer, import_at,
                                         "cannot read rule file '" + display + "'" +
                                             (fs::exists(path, ec) ? "" : ": no such file"));
            if (entry && fs::is_directory(path.parent_path(), ec))
                d.notes.push_back("a rule pack folder needs an entry file named pack.rules");
            result_.diagnostics.push_back(std::move(d));
            return;
        }
        std::stringstream text;
        text << in.rdbuf();
        // Imports never leave the pack folder, so every file has a path relative to it.
        hashers_[pack].add_file(canonical.lexically_relative(pack_root(pack)).generic_string(), text.view());
        stack.push_back(canonical);
        parse(display, text.str(), pack, entry, stack);
        stack.pop_back();
    }

    void parse(const std::string& display, std::string text, std::size_t pack, bool entry, std::vector<fs::path>& stack) {
        const dsl::SourceFile& source = rules().sources.emplace_back(display, std::move(text));
        dsl::ParseResult parsed = dsl::parse_rule_file(source);
        for (auto& d : parsed.diagnostics) result_.diagnostics.push_back(std::move(d));
        if (!parsed.file) return;
        const std::size_t index = files_.size();
        files_.push_back({&source, std::move(*parsed.file), pack, entry});
        // Follow imports in order; rules keep the order in which files are first met.
        for (const auto& item : files_[index].tree.items) {
            const auto* import = std::get_if<ast::Import>(&item);
            if (import == nullptr) continue;
            const std::string relative = join_strings(import->path.parts);
            const fs::path target = stack.back().parent_path() / relative;
            std::error_code ec;
            if (!inside(pack_root(pack), fs::weakly_canonical(target, ec))) {
                result_.diagnostics.push_back(diagnostic_at("DC403", &source, import->path,
                                                            "import '" + relative + "' is outside the pack folder"));
                continue;
            }
            const std::string target_display = (fs::path(display).parent_path() / relative).lexically_normal().string();
            load_file(target, target_display, pack, false, stack, &source, import->path);
        }
    }

    void declarations() {
        std::vector<bool> declared(rules().packs.size(), false);
        for (const auto& file : files_) {
            for (const auto& item : file.tree.items) {
                if (const auto* decl = std::get_if<ast::PackDecl>(&item)) {
                    PackInfo& pack = rules().packs[file.pack];
                    if (!file.entry || declared[file.pack]) {
                        result_.diagnostics.push_back(diagnostic_at(
                            "DC208", file.source, *decl,
                            file.entry ? "the pack is declared twice" : "'pack' belongs in the pack's entry file"));
                        continue;
                    }
                    declared[file.pack] = true;
                    pack.name = join_strings(decl->name.parts);
                    std::vector<std::string> seen;
                    for (const auto& attribute : decl->attributes) {
                        if (std::find(seen.begin(), seen.end(), attribute.key.text) != seen.end()) {
                            result_.diagnostics.push_back(diagnostic_at(
                                "DC208", file.source, attribute.key, "'" + attribute.key.text + "' is given twice"));
                            continue;
                        }
                        seen.push_back(attribute.key.text);
                        std::string value = join_strings(attribute.value.parts);
                        if (attribute.key.text == "severity") {
                            pack.severity = parse_severity(value);
                            if (!pack.severity) {
                                Diagnostic d = diagnostic_at("DC204", file.source, attribute.value,
                                                             "unknown severity '" + value + "'");
                                d.notes.push_back("expected error, warning or info");
                                result_.diagnostics.push_back(std::move(d));
                            }
                        } else if (attribute.key.text == "version") pack.version = std::move(value);
                        else if (attribute.key.text == "jurisdiction") pack.jurisdiction = std::move(value);
                        else pack.description = std::move(value);
                    }
                } else if (const auto* param = std::get_if<ast::Param>(&item)) {
                    if (auto existing = rules().find_param(param->name.text)) {
                        result_.diagnostics.push_back(diagnostic_at(
                            "DC208", file.source, param->name,
                            "parameter '" + param->name.text + "' is already declared by pack '" +
                                rules().params[*existing].pack + "'"));
                        continue;
                    }
                    params_at_.emplace(param->name.text, std::make_pair(file.source, param->name.begin));
                    auto def = check_param(*param, *file.source, result_.diagnostics);
                    if (!def) continue;
                    def->pack = rules().packs[file.pack].name;
                    rules().params.push_back(std::move(*def));
                }
            }
        }
    }

    // Each pack's defs, checked once before any rule; a rule sees its own pack's, in any file.
    void definitions() {
        std::vector<std::vector<DefSource>> by_pack(rules().packs.size());
        for (const auto& file : files_)
            for (const auto& item : file.tree.items)
                if (const auto* def = std::get_if<ast::Def>(&item)) by_pack[file.pack].push_back({def, file.source});
        defs_ = std::vector<PackDefs>(by_pack.size());  // sized once: rules point into it while checked
        for (std::size_t pack = 0; pack < by_pack.size(); ++pack)
            check_defs(by_pack[pack], params_at_, rules(), defs_[pack], result_.diagnostics);
    }

    const std::vector<Duty>* national_;  ///< null: duty ids are not checked
    LoadResult result_{std::make_unique<RuleSet>(), {}};
    std::vector<PackDefs> defs_;  ///< one per pack
    DeclaredAt params_at_;        ///< where each parameter is declared
    std::vector<ParsedFile> files_;
    std::vector<PackHasher> hashers_;  ///< one per pack, fed each file as it is first read
    std::set<fs::path> loaded_;
    std::map<std::string, std::pair<const dsl::SourceFile*, std::uint32_t>> rule_ids_;
};

}  // namespace

const CompiledRule* RuleSet::find_rule(std::string_view id) const {
    for (const auto& rule : rules)
        if (rule.info.id == id) return &rule;
    return nullptr;
}

std::optional<std::uint32_t> RuleSet::find_param(std::string_view name) const {
    for (std::uint32_t i = 0; i < params.size(); ++i)
        if (params[i].name == name) return i;
    return std::nullopt;
}

LoadResult load_rule_packs(const std::vector<std::filesystem::path>& packs, const std::vector<Duty>* national_register) {
    Loader loader(national_register);
    for (const auto& pack : packs) loader.load_pack(pack);
    loader.check_all();
    return std::move(loader.result());
}

LoadResult load_rule_text(const std::string& display_path, const std::string& text,
                          const std::filesystem::path& directory) {
    Loader loader;
    loader.load_text(display_path, text, directory);
    loader.check_all();
    return std::move(loader.result());
}

}  // namespace dutycheck::engine
