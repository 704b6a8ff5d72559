// Lists hold records: each element once, none empty, ids and names unique by their identity.
#pragma once

#include "engine/document.hpp"
#include "engine/input_error.hpp"

#include <cstddef>
#include <vector>

namespace dutycheck::engine {

/// Checks the lists of a file whose schema has been checked, returning at most `limit` problems
/// in document order. Nothing empty, and nothing said twice, can count as evidence:
/// - an element that is an empty object, or text with no visible character, records nothing
///   (DC511);
/// - two elements of one list that are the same record, text compared by its identity (case,
///   spacing and invisible characters aside), are one record written twice (DC510);
/// - within a list of records, two with the same `id`, and two localities with the same `name`
///   or two directions with the same `reference`, by identity, are a duplicate (DC510).
/// Each duplicate names the place of the first.
std::vector<InputError> check_records(const Document& doc, std::size_t limit = 20);

}  // namespace dutycheck::engine
