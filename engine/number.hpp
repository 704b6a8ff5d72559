// Exact numbers: a decimal keeps the value it is written with, and arithmetic on it is exact.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace dutycheck::engine {

/// What an exact number can be, in words for messages (the `expected` of an out_of_range reason).
inline constexpr std::string_view number_limits =
    "at most 38 significant digits and 38 decimal places, and less than 10^38 in size";

/// An exact rational number: a numerator and a positive denominator of 128 bits each, kept in
/// lowest terms. Every decimal of up to 38 significant digits and 38 decimal places below 10^38
/// is one exactly ("0.05" is 1/20), and +, -, * and / are exact. A result that does not fit is
/// refused (nullopt), never rounded: the caller makes it unknown.
class Number {
public:
    /// Zero.
    constexpr Number() = default;
    /// A whole number.
    explicit Number(std::int64_t whole);

    /// Reads a decimal as JSON and the rule language write them: an optional sign, digits with
    /// an optional fraction, an optional exponent (`-1200.5`, `1.5e3`, `5E-2`); nullopt if the
    /// text is not one (see is_decimal) or its value is not exact within number_limits.
    static std::optional<Number> parse(std::string_view text);
    /// True if the text has the form of a decimal, whatever its size: `[+-]digits[.digits][e[+-]digits]`
    /// (a leading or trailing dot is allowed where digits are on its other side).
    static bool is_decimal(std::string_view text);

    /// The exact sum, difference, product and quotient; nullopt if the result (or, rarely, a
    /// step on the way to it) does not fit, and for a quotient by zero.
    std::optional<Number> plus(const Number& other) const;
    std::optional<Number> minus(const Number& other) const;
    std::optional<Number> times(const Number& other) const;
    std::optional<Number> divided_by(const Number& other) const;
    /// Negation and absolute value always fit: the range is symmetric.
    Number operator-() const;
    Number abs() const;

    /// -1, 0 or 1.
    int sign() const;
    bool is_integer() const;
    /// The whole number it is, if it is one within 64 bits.
    std::optional<std::int64_t> to_int64() const;

    /// Lowest terms make equal numbers equal field by field (and -0 is 0).
    friend bool operator==(const Number&, const Number&) = default;
    friend std::strong_ordering operator<=>(const Number& a, const Number& b);

    /// Text for people: whole numbers as integers ("1200", "-3"); any other number with a finite
    /// decimal expansion exactly, without trailing zeros ("0.05", "-1200.5", "0.0501"); a number
    /// with none (1/3) rounded to the nearest at six significant digits, with at least one
    /// decimal place so that it never reads as a whole number ("0.333333", "411522.3").
    std::string text() const;
    /// Canonical exact text, "N" or "N/D": the same for equal numbers and only for them.
    std::string key() const;

private:
    // Stored as 64-bit halves rather than as __int128, so that a Number, and a Value holding one,
    // keeps 8-byte alignment and the size it had with a double in it.
    std::int64_t num_hi_ = 0;
    std::uint64_t num_lo_ = 0;
    std::int64_t den_hi_ = 0;
    std::uint64_t den_lo_ = 1;

    friend struct NumberAccess;
};

/// Orders two decimal texts (Number::is_decimal) by their exact values, whatever their size: for
/// the schema's bounds, which hold for every literal, even one beyond a Number. (Exponents beyond
/// 10^15 in size, which no file can mean, count as 10^15.)
std::strong_ordering compare_decimal_texts(std::string_view a, std::string_view b);

/// True if a decimal text (Number::is_decimal) is a whole number, whatever its size: `2.0` and
/// `1.5e3` are, `2.00000000000000000001` (2 as a double) is not.
bool is_whole_decimal_text(std::string_view text);

}  // namespace dutycheck::engine
