// Exact rational arithmetic on 128-bit integers, with every overflow checked; decimal reading and text.
#include "engine/number.hpp"

#include <algorithm>

namespace dutycheck::engine {

// GCC and Clang's 128-bit integers; __extension__ keeps -Wpedantic quiet about them.
__extension__ typedef __int128 Int128;
__extension__ typedef unsigned __int128 UInt128;

namespace {

constexpr Int128 int128_max = static_cast<Int128>(~UInt128{0} >> 1);
constexpr Int128 int128_min = -int128_max - 1;
constexpr int max_digits = 38;  // 10^38 - 1 < 2^127 - 1: any 38 digits fit

UInt128 magnitude(Int128 value) { return value < 0 ? UInt128{0} - static_cast<UInt128>(value) : static_cast<UInt128>(value); }

UInt128 gcd(UInt128 a, UInt128 b) {
    while (b != 0) {
        const UInt128 r = a % b;
        a = b;
        b = r;
    }
    return a;
}

Int128 power_of_ten(int exponent) {  // 0 <= exponent <= max_digits
    Int128 p = 1;
    for (int i = 0; i < exponent; ++i) p *= 10;
    return p;
}

std::string decimal(UInt128 value) {
    std::string out;
    do {
        out += static_cast<char>('0' + static_cast<int>(value % 10));
        value /= 10;
    } while (value != 0);
    std::reverse(out.begin(), out.end());
    return out;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// The parts of a decimal's text, or ok = false if it is not one.
struct DecimalText {
    bool ok = false;
    bool negative = false;
    std::string_view whole, fraction, exponent;
    bool exponent_negative = false;
};

DecimalText scan(std::string_view text) {
    DecimalText out;
    std::size_t i = 0;
    const auto digits = [&] {
        const std::size_t start = i;
        while (i < text.size() && is_digit(text[i])) ++i;
        return text.substr(start, i - start);
    };
    if (i < text.size() && (text[i] == '-' || text[i] == '+')) out.negative = text[i++] == '-';
    out.whole = digits();
    if (i < text.size() && text[i] == '.') {
        ++i;
        out.fraction = digits();
    }
    if (out.whole.empty() && out.fraction.empty()) return out;
    if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
        ++i;
        if (i < text.size() && (text[i] == '-' || text[i] == '+')) out.exponent_negative = text[i++] == '-';
        out.exponent = digits();
        if (out.exponent.empty()) return out;
    }
    out.ok = i == text.size();
    return out;
}

// A decimal text in scientific form: its sign and significant digits, and the power of ten of
// the first of them (the value is ±0.d1d2… × 10^(magnitude + 1)).
struct Significant {
    int sign = 0;  // 0 for zero
    std::string_view whole, fraction;
    std::size_t first = 0, end = 0;  // the significant digits: [first, end) of whole then fraction
    std::int64_t magnitude = 0;      // the power of ten of digit `first`
    std::int64_t last_place = 0;     // the power of ten of digit `end - 1`

    char digit(std::size_t i) const { return i < whole.size() ? whole[i] : fraction[i - whole.size()]; }
};

Significant significant(std::string_view text) {
    const DecimalText parts = scan(text);
    Significant out;
    out.whole = parts.whole;
    out.fraction = parts.fraction;
    const std::size_t count = parts.whole.size() + parts.fraction.size();
    while (out.first < count && out.digit(out.first) == '0') ++out.first;
    if (out.first == count) return out;
    out.sign = parts.negative ? -1 : 1;
    out.end = count;
    while (out.digit(out.end - 1) == '0') --out.end;
    std::int64_t exponent = 0;
    for (const char c : parts.exponent) exponent = std::min<std::int64_t>(exponent * 10 + (c - '0'), 1'000'000'000'000'000);
    if (parts.exponent_negative) exponent = -exponent;
    const auto whole_digits = static_cast<std::int64_t>(parts.whole.size());
    out.magnitude = exponent + whole_digits - 1 - static_cast<std::int64_t>(out.first);
    out.last_place = exponent + whole_digits - static_cast<std::int64_t>(out.end);
    return out;
}

}  // namespace

std::strong_ordering compare_decimal_texts(std::string_view a, std::string_view b) {
    const Significant x = significant(a), y = significant(b);
    if (x.sign != y.sign || x.sign == 0) return x.sign <=> y.sign;
    // Same sign: the larger power of ten is the larger magnitude, else the digits decide.
    std::strong_ordering order = x.magnitude <=> y.magnitude;
    for (std::size_t i = x.first, j = y.first; order == 0; ++i, ++j) {
        if (i == x.end || j == y.end) {
            order = (i != x.end) <=> (j != y.end);  // equal so far: more digits is larger
            break;
        }
        order = x.digit(i) <=> y.digit(j);
    }
    return x.sign < 0 ? 0 <=> order : order;
}

bool is_whole_decimal_text(std::string_view text) {
    const Significant s = significant(text);
    return s.sign == 0 || s.last_place >= 0;
}

/// The 128-bit view of a Number's halves, and the one place Numbers are made from it.
struct NumberAccess {
    static Int128 join(std::int64_t hi, std::uint64_t lo) {
        return static_cast<Int128>((static_cast<UInt128>(static_cast<std::uint64_t>(hi)) << 64) | lo);
    }
    static Int128 num(const Number& n) { return join(n.num_hi_, n.num_lo_); }
    static Int128 den(const Number& n) { return join(n.den_hi_, n.den_lo_); }

    // Already in lowest terms, with den > 0 and neither at the 128-bit minimum.
    static Number raw(Int128 num, Int128 den) {
        Number n;
        n.num_hi_ = static_cast<std::int64_t>(static_cast<std::uint64_t>(static_cast<UInt128>(num) >> 64));
        n.num_lo_ = static_cast<std::uint64_t>(static_cast<UInt128>(num));
        n.den_hi_ = static_cast<std::int64_t>(static_cast<std::uint64_t>(static_cast<UInt128>(den) >> 64));
        n.den_lo_ = static_cast<std::uint64_t>(static_cast<UInt128>(den));
        return n;
    }

    // num/den in lowest terms; nullopt for a zero denominator or a part at the 128-bit minimum
    // (whose negation would overflow: the range is kept symmetric).
    static std::optional<Number> make(Int128 num, Int128 den) {
        if (den == 0 || num == int128_min || den == int128_min) return std::nullopt;
        if (den < 0) {
            num = -num;
            den = -den;
        }
        const UInt128 g = gcd(magnitude(num), static_cast<UInt128>(den));
        return raw(num / static_cast<Int128>(g), den / static_cast<Int128>(g));
    }
};

using A = NumberAccess;

Number::Number(std::int64_t whole) : num_hi_(whole < 0 ? -1 : 0), num_lo_(static_cast<std::uint64_t>(whole)) {}

bool Number::is_decimal(std::string_view text) { return scan(text).ok; }

std::optional<Number> Number::parse(std::string_view text) {
    const DecimalText parts = scan(text);
    if (!parts.ok) return std::nullopt;
    // The digits of the whole part and the fraction, read as one run without copying them.
    const std::size_t count = parts.whole.size() + parts.fraction.size();
    const auto digit = [&](std::size_t i) {
        return i < parts.whole.size() ? parts.whole[i] : parts.fraction[i - parts.whole.size()];
    };
    std::size_t first = 0;
    while (first < count && digit(first) == '0') ++first;
    if (first == count) return Number();  // zero, whatever its exponent or sign
    std::size_t end = count;
    while (digit(end - 1) == '0') --end;
    // The value is significand × 10^scale. Exponents beyond any that could fit saturate, so a
    // hostile "1e99999999999999999999" is simply out of range.
    std::int64_t exponent = 0;
    for (const char c : parts.exponent) exponent = std::min<std::int64_t>(exponent * 10 + (c - '0'), 1'000'000);
    const std::int64_t scale = (parts.exponent_negative ? -exponent : exponent) -
                               static_cast<std::int64_t>(parts.fraction.size()) +
                               static_cast<std::int64_t>(count - end);
    // At most 38 significant digits and 38 decimal places, and less than 10^38 (as documented):
    // the digits and the scale together say how many places the whole part has.
    if (end - first > static_cast<std::size_t>(max_digits) || scale < -max_digits ||
        static_cast<std::int64_t>(end - first) + scale > max_digits)
        return std::nullopt;
    Int128 value = 0;
    for (std::size_t i = first; i < end; ++i) value = value * 10 + (digit(i) - '0');
    Int128 denominator = 1;
    if (scale >= 0) {
        if (__builtin_mul_overflow(value, power_of_ten(static_cast<int>(scale)), &value)) return std::nullopt;
    } else {
        denominator = power_of_ten(static_cast<int>(-scale));
    }
    return A::make(parts.negative ? -value : value, denominator);
}

std::optional<Number> Number::plus(const Number& other) const {
    const Int128 a = A::num(*this), b = A::den(*this), c = A::num(other), d = A::den(other);
    // Over the least common denominator, which keeps the intermediate products small.
    const Int128 g = static_cast<Int128>(gcd(static_cast<UInt128>(b), static_cast<UInt128>(d)));
    Int128 left = 0, right = 0, num = 0, den = 0;
    if (__builtin_mul_overflow(a, d / g, &left) || __builtin_mul_overflow(c, b / g, &right) ||
        __builtin_add_overflow(left, right, &num) || __builtin_mul_overflow(b, d / g, &den))
        return std::nullopt;
    return A::make(num, den);
}

std::optional<Number> Number::minus(const Number& other) const { return plus(-other); }

std::optional<Number> Number::times(const Number& other) const {
    const Int128 a = A::num(*this), b = A::den(*this), c = A::num(other), d = A::den(other);
    if (a == 0 || c == 0) return Number();
    // Cancelling across first leaves the product in lowest terms, and as small as it can be.
    const Int128 g1 = static_cast<Int128>(gcd(magnitude(a), static_cast<UInt128>(d)));
    const Int128 g2 = static_cast<Int128>(gcd(magnitude(c), static_cast<UInt128>(b)));
    Int128 num = 0, den = 0;
    if (__builtin_mul_overflow(a / g1, c / g2, &num) || __builtin_mul_overflow(b / g2, d / g1, &den))
        return std::nullopt;
    return A::make(num, den);
}

std::optional<Number> Number::divided_by(const Number& other) const {
    const Int128 c = A::num(other), d = A::den(other);
    if (c == 0) return std::nullopt;
    return times(c < 0 ? A::raw(-d, -c) : A::raw(d, c));
}

Number Number::operator-() const { return A::raw(-A::num(*this), A::den(*this)); }

Number Number::abs() const { return sign() < 0 ? -*this : *this; }

int Number::sign() const {
    const Int128 n = A::num(*this);
    return n < 0 ? -1 : n > 0 ? 1 : 0;
}

bool Number::is_integer() const { return A::den(*this) == 1; }

std::optional<std::int64_t> Number::to_int64() const {
    const Int128 n = A::num(*this);
    if (!is_integer() || n < INT64_MIN || n > INT64_MAX) return std::nullopt;
    return static_cast<std::int64_t>(n);
}

std::strong_ordering operator<=>(const Number& a, const Number& b) {
    const int sa = a.sign(), sb = b.sign();
    if (sa != sb || sa == 0) return sa <=> sb;
    // Same sign: compare |a| = x/y with |b| = z/w without multiplying (which could overflow), by
    // their continued fractions: whole parts first, then the reciprocals of the remainders,
    // which reverses the order at each step. Euclid's steps, so it ends quickly.
    UInt128 x = magnitude(A::num(a)), y = static_cast<UInt128>(A::den(a));
    UInt128 z = magnitude(A::num(b)), w = static_cast<UInt128>(A::den(b));
    int order = 0;
    bool reversed = sa < 0;
    for (;;) {
        const UInt128 q1 = x / y, r1 = x % y, q2 = z / w, r2 = z % w;
        if (q1 != q2) {
            order = q1 < q2 ? -1 : 1;
            break;
        }
        if (r1 == 0 || r2 == 0) {
            order = r1 == r2 ? 0 : r1 == 0 ? -1 : 1;
            break;
        }
        x = y;
        y = r1;
        z = w;
        w = r2;
        reversed = !reversed;
    }
    if (reversed) order = -order;
    return order <=> 0;
}

std::string Number::text() const {
    const Int128 n = A::num(*this);
    const UInt128 den = static_cast<UInt128>(A::den(*this));
    UInt128 whole = magnitude(n) / den;
    UInt128 rest = magnitude(n) % den;
    const std::string sign = n < 0 ? "-" : "";
    if (rest == 0) return sign + decimal(whole);
    // The next decimal digit of rest/den, leaving the remainder in rest: 10 × rest by ten
    // additions, each reduced below den, so nothing overflows (rest, den < 2^127).
    const auto next_digit = [&] {
        UInt128 sum = 0;
        int digit = 0;
        for (int i = 0; i < 10; ++i) {
            sum += rest;
            if (sum >= den) {
                sum -= den;
                ++digit;
            }
        }
        rest = sum;
        return static_cast<char>('0' + digit);
    };
    UInt128 odd = den;  // the denominator without its factors 2 and 5
    while (odd % 2 == 0) odd /= 2;
    while (odd % 5 == 0) odd /= 5;
    std::string fraction;
    if (odd == 1) {  // a finite expansion, of at most 127 digits: all of them
        while (rest != 0) fraction += next_digit();
        return sign + decimal(whole) + "." + fraction;
    }
    // No finite expansion: six significant digits, at least one decimal place.
    const int whole_digits = whole == 0 ? 0 : static_cast<int>(decimal(whole).size());
    int significant = whole_digits;
    while (significant < 6 || fraction.empty()) {
        fraction += next_digit();
        if (significant > 0 || fraction.back() != '0') ++significant;
    }
    // The expansion never ends, so the rest is never exactly half a unit: no ties to break.
    if (rest > den - rest) {
        std::size_t i = fraction.size();
        while (i > 0 && fraction[i - 1] == '9') fraction[--i] = '0';
        if (i > 0) ++fraction[i - 1];
        else ++whole;
    }
    while (fraction.size() > 1 && fraction.back() == '0') fraction.pop_back();
    return sign + decimal(whole) + "." + fraction;
}

std::string Number::key() const {
    const Int128 n = A::num(*this);
    const Int128 d = A::den(*this);
    std::string out = (n < 0 ? "-" : "") + decimal(magnitude(n));
    if (d != 1) out += "/" + decimal(static_cast<UInt128>(d));
    return out;
}

}  // namespace dutycheck::engine
