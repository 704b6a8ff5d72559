// Runtime values of rule expressions, including the two kinds of "cannot say": absent and unknown.
#pragma once

#include "engine/date.hpp"
#include "engine/document.hpp"
#include "engine/number.hpp"
#include "engine/result.hpp"

#include <limits>
#include <memory>
#include <string>
#include <variant>
#include <vector>

namespace dutycheck::engine {

/// The path is not in the file (or is null). Remembers where it would have been.
struct Absent {
    std::string pointer;
};

/// The value cannot be computed (wrong type, absent input). Says why, each with a pointer.
struct Unknown {
    std::vector<Missing> reasons;
};

/// An object or array of the document.
struct DocNode {
    NodeId id = 0;
};

struct Value;
using ListPtr = std::shared_ptr<const std::vector<Value>>;

inline constexpr NodeId no_origin = std::numeric_limits<NodeId>::max();

/// A value: scalars are materialised; containers stay references into the document.
struct Value {
    std::variant<Absent, Unknown, bool, Number, std::string, Date, DocNode, ListPtr> data;
    /// For values read from the document: the node they came from (for pointers in messages).
    NodeId origin = no_origin;

    bool is_absent() const { return std::holds_alternative<Absent>(data); }
    bool is_unknown() const { return std::holds_alternative<Unknown>(data); }
    /// Absent or unknown: not a usable value.
    bool is_missing() const { return is_absent() || is_unknown(); }
};

inline Value make_list(std::vector<Value> items) {
    return Value{std::make_shared<const std::vector<Value>>(std::move(items))};
}

/// Kleene truth value of a condition.
enum class Truth { false_, true_, unknown };

}  // namespace dutycheck::engine
