// The as-of stage: the file as it stood on the as-of date. Records and events dated after it are
// not there yet, for every rule alike; those dated only to its month may or may not be.
#pragma once

#include "engine/date.hpp"
#include "engine/document.hpp"

#include <string>
#include <vector>

namespace dutycheck::engine {

/// A place in the partnership format that a date decides, read from the schema's annotations:
/// `"x-event": true` on a date something happened on (a meeting held, a plan approved), and
/// `"x-dated-by": FIELD` on a record that such a date brings into being (a paper by its `date`).
struct DatedPlace {
    enum Kind : std::uint8_t {
        event,   ///< the date of an event: the field (or list element) is not there before it
        record,  ///< a list's records, each there from the event date in its `field`
    };
    Kind kind = event;
    std::vector<std::string> path;  ///< property names from the top, "*" for any element of a list
    std::string field;              ///< record: the member holding the event date
    /// The path as a JSON Pointer pattern ("/reports/*"), for the docs and messages.
    std::string pattern() const;
};

/// Every dated place of the bundled partnership schema, in schema order.
const std::vector<DatedPlace>& dated_places();

/// Marks `doc` as of `as_of` (Document::mark): after_as_of for each record and event dated after
/// it, may_be_after_as_of for those dated to its month without a day, and event_month for the
/// other events given as a month. Reading then sees the file as it stood that day: a record after
/// it is not in its list, an event after it is not recorded, one that may be after it is unknown.
void mark_as_of(Document& doc, Date as_of);

}  // namespace dutycheck::engine
