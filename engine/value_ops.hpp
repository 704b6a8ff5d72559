// Operations on runtime values that need the document: coercion, comparison, field access.
#pragma once

#include "engine/document.hpp"
#include "engine/value.hpp"

#include <optional>
#include <string>
#include <vector>

namespace dutycheck::engine {

/// Reads a document node as a value: scalars materialised (remembering their node), containers by reference.
Value from_node(const Document& doc, NodeId node);

/// The field `key` of a value. On an object: its member, or Absent. On a list: the
/// projection (each element's field, absent ones skipped, nested lists flattened one level).
Value field_of(const Document& doc, const Value& base, const std::string& key);

/// The elements of a list value, or nullopt with `problem` set (absent, unknown, not a list).
std::optional<std::vector<Value>> elements_of(const Document& doc, const Value& list, Value& problem);

/// Whether an element of a list may not be in it at all: a record dated in the as-of date's
/// month without a day. A list holding one has no known length.
bool may_be_absent(const Document& doc, const Value& element);
/// The number of elements of a list, or unknown (with `problem` set) when any may be absent.
std::optional<std::size_t> known_count(const Document& doc, const std::vector<Value>& items, Value& problem);

/// Unknown combining the reasons of every missing value given (absent ones are not recorded).
Value unknown_from(const Document& doc, std::initializer_list<const Value*> values);
/// Unknown because `about` is not of the kind expected, at the pointer of `about` when it came
/// from the document; `reason` says whether it is the wrong kind or a kind with a value out of range.
Value type_problem(const Document& doc, const Value& about, const std::string& expected,
                   MissingReason reason = MissingReason::wrong_type);

/// Unknown because `about` is text with no visible character: it records nothing (not_recorded,
/// at its pointer), so no question about its words can be answered from it.
Value blank_text(const Document& doc, const Value& about);

/// Unknown because the exact result of `what` ("'a * b'", "the sum") does not fit a Number:
/// out_of_range, at the first of `operands` read from the document.
Value out_of_range_result(const Document& doc, std::initializer_list<const Value*> operands, const std::string& what);

/// Unknown because `about`, the date `date`, is recorded less precisely than the rule needs (a
/// month where the day decides), at its pointer; `expected` says what would decide it.
Value imprecise_date(const Document& doc, const Value& about, const Date& date, const std::string& expected);

/// Why a missing value is missing, as reasons with pointers.
void collect_reasons(const Value& value, std::vector<Missing>& out);

std::optional<Number> as_number(const Value& value);
/// The exact value of a number node, read from its literal; nullopt if it is not a number or
/// its literal is beyond a Number (number_limits).
std::optional<Number> number_of(const Document& doc, NodeId node);
std::optional<bool> as_boolean(const Value& value);
const std::string* as_string(const Value& value);
/// A date, or a string that reads as one.
std::optional<Date> as_date(const Value& value);

/// Equality in three-valued logic: unknown when either side is missing or the types cannot be compared.
/// On unknown, `problem` holds the reasons.
Truth equals(const Document& doc, const Value& a, const Value& b, Value& problem);
/// The four orderings of the rule language.
enum class Ordering { less, less_equal, greater, greater_equal };
/// `a ORDERING b` in three-valued logic: unknown when either side is missing, the types cannot be
/// ordered, or a date is recorded less precisely than the answer needs (a month against a day
/// inside it). On unknown, `problem` holds the reasons.
Truth compare(const Document& doc, const Value& a, Ordering ordering, const Value& b, Value& problem);

/// Text for a message: strings as is, numbers as Number::text() gives them, dates as written,
/// objects by their name, missing values as "(not recorded)".
std::string to_text(const Document& doc, const Value& value);

/// The identifier of a node's record: the `id` or `reference` of the node or its nearest
/// ancestor that has one; empty if none does.
std::string object_identity(const Document& doc, NodeId node);

/// Human name of a document object: its name, reference, id or title; empty if none.
std::string object_name(const Document& doc, NodeId node);

/// Describes a value's kind for type messages ("a string \"tbc\"", "an object").
std::string describe(const Document& doc, const Value& value);

}  // namespace dutycheck::engine
