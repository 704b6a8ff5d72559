// `dutycheck calendar`: the deadlines the files' facts determine, missed, due soon and later.
#include "engine/calendar.hpp"
#include "engine/engine.hpp"
#include "report/calendar_report.hpp"
#include "tools/commands.hpp"
#include "tools/output.hpp"
#include "tools/support.hpp"

#include <iostream>

namespace dutycheck::tools {

int run_calendar(const CheckOptions& options) {
    // The same engine as `check`, so a deadline is the one the verdicts were drawn with.
    const engine::Engine engine(engine_options(options), print_load_diagnostics);
    std::vector<engine::Calendar> calendars;
    PackNames packs;
    for (const InputFile& input : expand_inputs(options.inputs, FolderWalk{options.hidden, options.excludes})) {
        engine::Outcome outcome = engine.check(input.path);
        if (skipped(input, outcome)) continue;
        if (!outcome.errors.empty()) throw usage_error(outcome.errors);
        if (outcome.rules_failed) return exit_error;
        calendars.push_back(engine::calendar(*outcome.result, engine.options().as_of));
        packs.add(*outcome.rules);
    }
    if (calendars.empty())
        throw no_partnership_files(options.inputs.front());
    report::write_calendar(std::cout, options.format, calendars, packs.info(engine.options().as_of));
    finish_stdout();
    // The calendar informs; it does not gate (`check` does).
    return exit_ok;
}

}  // namespace dutycheck::tools
