// l1embed TEST-ONLY stand-in for the vendor's (Xilinx) ap_int.h / ap_fixed.h.
//
// Written from docs/fixed-point.md (the project's statement of the vendor's ap_fixed semantics), not from
// the vendor's sources. It exists so that CI can compile and run the C++ projects that hls-export writes
// without the vendor's headers. It offers only the part of the vendor API that generated code may use;
// code that compiles against this header must compile unchanged, and compute the same, against the
// vendor's. Anything outside that subset is left out on purpose, so that relying on it fails to compile
// here instead of differing silently there:
//
//   types      ap_fixed<W,I,Q,O,N>, ap_ufixed<W,I,Q,O,N>, ap_int<W>, ap_uint<W> with the vendor's enum
//              names and defaults (AP_TRN, AP_WRAP, N = 0); ap_fixed_base<W,I,S,Q,O,N> as the vendor's
//              common base and the type of arithmetic results.
//   build      default (= 0), from every integral type, from double/float (the exact binary value, then the
//              target's Q/O), from any other fixed or integer type (conversion with the TARGET's Q/O).
//   arithmetic a*b, a+b, a-b, -a, +a between any two of these types or with an integral operand (which counts
//              as ap_int/ap_uint of its bit size, as the vendor does); results are exact, in the vendor's
//              result type; a += b, a -= b, a *= b = exact operation, then ONE conversion into a's type.
//   compare    <, <=, >, >=, ==, != exactly between fixed types and with integral operands; with a double
//              through to_double() (as the vendor does).
//   read       to_double(), to_float() (round to nearest even), to_int(), to_int64() (truncate toward zero,
//              then keep the low 32/64 bits).
// Not offered: implicit conversion to double/int/bool, bit and range access, shifts, division, logic
// operators, strings and streams, volatile overloads, N != 0.
//
// Limits (checked at compile time with a message): signed widths 1..64, unsigned 1..63 (raws are held in a
// 64-bit integer; the generated projects never need more). An operator whose exact result type would be wider
// does not compile; convert an operand to a narrower type first.
//
// ap_int/ap_uint: the vendor's integers are a separate class family. They agree with ap_fixed<W,W>/
// ap_ufixed<W,W> (TRN/WRAP) except where a value with fractional bits or a double enters an integer (the
// vendor truncates toward zero there, ap_fixed<W,W> toward minus infinity), so those conversions, and
// compound assignments of fractional operands into an integer, are refused at compile time.
//
// Everything is computed on raw integers: value = raw * 2^-F, F = W - I. The single rounding/overflow
// routine is ap_detail::convert(), a transcription of the doc's rule tables; intermediates are __int128
// so that nothing overflows silently.
#ifndef L1EMBED_TEST_AP_INT_H
#define L1EMBED_TEST_AP_INT_H

#if __cplusplus < 201703L
#error "the l1embed test ap_fixed header needs C++17"
#endif

#include <cmath>
#include <cstring>
#include <type_traits>

enum ap_q_mode { AP_RND, AP_RND_ZERO, AP_RND_MIN_INF, AP_RND_INF, AP_RND_CONV, AP_TRN, AP_TRN_ZERO };
enum ap_o_mode { AP_SAT, AP_SAT_ZERO, AP_SAT_SYM, AP_WRAP, AP_WRAP_SM };

template <int W, int I, bool S = true, ap_q_mode Q = AP_TRN, ap_o_mode O = AP_WRAP, int N = 0>
struct ap_fixed_base;
template <int W, int I, ap_q_mode Q = AP_TRN, ap_o_mode O = AP_WRAP, int N = 0>
struct ap_fixed;
template <int W, int I, ap_q_mode Q = AP_TRN, ap_o_mode O = AP_WRAP, int N = 0>
struct ap_ufixed;
template <int W>
struct ap_int;
template <int W>
struct ap_uint;

// Not vendor API: implementation details, and raw access for this project's own tests only.
namespace ap_detail {

__extension__ typedef __int128 i128;  // __extension__: no -Wpedantic warning for the g++/clang builtin
__extension__ typedef unsigned __int128 u128;

constexpr bool fits(int w, bool s) { return w >= 1 && (s ? w <= 64 : w <= 63); }
constexpr int max_of(int a, int b) { return a > b ? a : b; }

constexpr i128 i128_min() { return -(i128(1) << 126) * 2; }

// x * 2^k for 0 <= k < 127 (a left shift of a negative value is undefined before C++20).
inline i128 scale(i128 x, int k) { return x * (i128(1) << k); }

inline i128 min_raw(int w, bool s) { return s ? -(i128(1) << (w - 1)) : i128(0); }
inline i128 max_raw(int w, bool s) { return s ? (i128(1) << (w - 1)) - 1 : (i128(1) << w) - 1; }

// The low w bits of x, sign-extended when s: the doc's `(q << (64-W)) >> (64-W)`, at 128 bits.
// (>> of a negative value is arithmetic: guaranteed by C++20 and by g++/clang in C++17.)
inline i128 wrap(u128 x, int w, bool s) {
    const int unused = 128 - w;
    const u128 up = x << unused;
    return s ? i128(up) >> unused : i128(up >> unused);
}

// Bit k >= 0 of the two's-complement value x (sign extension beyond bit 127).
inline int bit(i128 x, int k) { return int((x >> (k < 127 ? k : 127)) & 1); }

// The 0/1 that quantization mode q adds to fl = floor(r / 2^sh), sh >= 1 (the doc's first table).
// Only two facts about rem = r - fl*2^sh in [0, 2^sh) matter: its order against h = 2^(sh-1), and rem != 0.
inline int round_up(i128 r, int sh, i128 fl, ap_q_mode q) {
    int cmp;        // sign of rem - h
    bool nonzero;   // rem != 0
    if (sh <= 127) {
        const u128 rem = u128(r) & ((u128(1) << sh) - 1);
        const u128 h = u128(1) << (sh - 1);
        cmp = rem < h ? -1 : (rem > h ? 1 : 0);
        nonzero = rem != 0;
    } else if (r >= 0) {  // rem = r < 2^127 <= h
        cmp = -1;
        nonzero = r != 0;
    } else {              // rem = 2^sh + r >= 2^sh - 2^127 >= h, equal only for sh = 128, r = -2^127
        cmp = (sh == 128 && r == i128_min()) ? 0 : 1;
        nonzero = true;
    }
    switch (q) {
        case AP_TRN:         return 0;                                            // toward -inf
        case AP_TRN_ZERO:    return r < 0 && nonzero;                             // toward 0
        case AP_RND:         return cmp >= 0;                                     // half toward +inf
        case AP_RND_ZERO:    return cmp > 0 || (cmp == 0 && r < 0);               // half toward 0
        case AP_RND_MIN_INF: return cmp > 0;                                      // half toward -inf
        case AP_RND_INF:     return cmp > 0 || (cmp == 0 && r > 0);               // half away from 0
        case AP_RND_CONV:    return cmp > 0 || (cmp == 0 && (fl & 1) != 0);       // half to even
    }
    return 0;
}

// Converts the exact value r * 2^-fs into the type (w, i, s, q, o) and returns the target raw:
// quantization when bits are dropped, then overflow handling when the result is outside the target range
// (docs/fixed-point.md, "Conversion"). Any r and fs; the target must satisfy fits(w, s).
inline long long convert(i128 r, int fs, int w, int i, bool s, ap_q_mode q, ap_o_mode o) {
    const int sh = fs - (w - i);  // > 0: sh bits are dropped; <= 0: -sh zero bits are appended
    i128 qv = 0;                  // the quantized value in target LSBs, when it fits an i128
    u128 low;                     // its low 128 bits (all that WRAP and WRAP_SM read)
    int lD;                       // bit W of fl (of q when nothing is dropped): WRAP_SM's new sign
    bool huge = false;            // q does not fit an i128, so it is outside every target range
    bool negative;
    if (sh > 0) {
        const i128 fl = sh >= 128 ? (r < 0 ? i128(-1) : i128(0)) : r >> sh;
        qv = fl + round_up(r, sh, fl, q);
        low = u128(qv);
        lD = bit(fl, w);
        negative = qv < 0;
    } else {
        const int ls = -sh;
        if (ls < 126 && (i128(u128(r) << ls) >> ls) == r) {
            qv = i128(u128(r) << ls);
        } else if (r != 0) {
            huge = true;
        }
        low = ls < 128 ? u128(r) << ls : u128(0);
        lD = w >= ls ? bit(r, w - ls) : 0;  // bit W of r * 2^ls
        negative = r < 0;
    }
    const i128 lo = min_raw(w, s);
    const i128 hi = max_raw(w, s);
    if (!huge && qv >= lo && qv <= hi) {
        // In range: kept, except SAT_SYM's symmetric minimum (signed, W > 1).
        return (o == AP_SAT_SYM && s && w > 1 && qv == lo) ? (long long)(lo + 1) : (long long)qv;
    }
    switch (o) {
        case AP_WRAP:
            return (long long)wrap(low, w, s);
        case AP_SAT:
            return (long long)(negative ? lo : hi);
        case AP_SAT_ZERO:
            return 0;
        case AP_SAT_SYM:
            return (long long)(negative ? (s && w > 1 ? -hi : lo) : hi);
        case AP_WRAP_SM: {
            // Signed only (the types refuse unsigned WRAP_SM). V = q mod 2^W; Ro = MSB(V);
            // if lD != Ro invert all bits of V; then MSB(V) := lD.
            const u128 mask = (u128(1) << w) - 1;
            const u128 msb = u128(1) << (w - 1);
            u128 v = low & mask;
            const int ro = int((v >> (w - 1)) & 1);
            if (lD != ro) v = ~v & mask;
            v = lD ? (v | msb) : (v & ~msb);
            return (long long)wrap(v, w, s);
        }
    }
    return 0;
}

// A double as the exact value r * 2^-fs (53-bit mantissa, no rounding). The vendor leaves NaN and infinities
// undefined; here, deterministically, NaN is 0 and +-inf is +-2^1024 (so SAT gives max/min, WRAP gives 0).
inline void decompose(double x, long long& r, int& fs) {
    unsigned long long bits;
    std::memcpy(&bits, &x, sizeof bits);
    const int e = int((bits >> 52) & 0x7FF);
    unsigned long long m = bits & 0xFFFFFFFFFFFFFull;
    if (e == 0x7FF) {  // NaN or infinity
        r = m != 0 ? 0 : ((bits >> 63) ? -1 : 1);
        fs = -1024;
        return;
    }
    int exponent;
    if (e == 0) {
        exponent = -1074;  // zero or subnormal: m * 2^-1074
    } else {
        m |= 1ull << 52;
        exponent = e - 1075;
    }
    r = (bits >> 63) ? -(long long)m : (long long)m;
    fs = -exponent;
}

// The exact arithmetic result types (docs/fixed-point.md, "Arithmetic result types"), equal to the vendor's
// ap_fixed_base::RType. Default modes (TRN, WRAP) on every result.
template <int W1, int I1, bool S1, int W2, int I2, bool S2>
struct rtype {
    static constexpr int F1 = W1 - I1, F2 = W2 - I2;
    static constexpr int mult_w = W1 + W2, mult_i = I1 + I2;
    static constexpr bool mult_s = S1 || S2;
    static constexpr int plus_i = max_of(I1 + (S2 && !S1), I2 + (S1 && !S2)) + 1;
    static constexpr int plus_w = plus_i + max_of(F1, F2);
    static constexpr bool plus_s = S1 || S2;
    static constexpr int minus_i = plus_i, minus_w = plus_w;
    static constexpr bool minus_s = true;
    using mult = ap_fixed_base<mult_w, mult_i, mult_s>;
    using plus = ap_fixed_base<plus_w, plus_i, plus_s>;
    using minus = ap_fixed_base<minus_w, minus_i, minus_s>;
};

// An integral operand counts as the integer type of its size, as in the vendor's operators.
template <class T>
using int_type = ap_fixed_base<std::is_same_v<T, bool> ? 1 : int(8 * sizeof(T)),
                               std::is_same_v<T, bool> ? 1 : int(8 * sizeof(T)), std::is_signed_v<T>>;
template <class T>
using if_integral = std::enable_if_t<std::is_integral_v<T>, int>;

// Orders a * 2^-fa against b * 2^-fb exactly (|a|, |b| <= 2^64): -1, 0 or 1.
inline int compare(i128 a, int fa, i128 b, int fb) {
    if (fa < fb) return -compare(b, fb, a, fa);
    const int sa = (a > 0) - (a < 0), sb = (b > 0) - (b < 0);
    if (sa != sb) return sa < sb ? -1 : 1;
    if (sa == 0) return 0;
    const int d = fa - fb;           // compare a with b * 2^d
    if (d >= 64) return -sa;         // |b| * 2^d >= 2^64 > |a|
    const i128 bs = scale(b, d);
    return a < bs ? -1 : (a > bs ? 1 : 0);
}

// Raw access for tests (not vendor API; generated code must never use it).
template <class T>
long long raw_of(const T& x) { return x.l1e_raw; }
template <class T>
T from_raw(long long r) { T t; t.l1e_raw = r; return t; }

template <class T>
constexpr bool always_false = false;

}  // namespace ap_detail

// The vendor's common base of ap_fixed and ap_ufixed, and the type of every arithmetic result.
template <int W, int I, bool S, ap_q_mode Q, ap_o_mode O, int N>
struct ap_fixed_base {
    static_assert(N == 0, "ap_fixed (l1embed test header): only N = 0 saturation bits are supported");
    static_assert(ap_detail::fits(W, S),
                  "ap_fixed (l1embed test header): width must be 1..64 (signed) or 1..63 (unsigned); "
                  "raws are held in 64 bits");
    static_assert(S || O != AP_WRAP_SM,
                  "AP_WRAP_SM needs a signed type: the vendor library rejects ap_ufixed with AP_WRAP_SM");

    static constexpr int width = W;
    static constexpr int iwidth = I;
    static constexpr ap_q_mode qmode = Q;
    static constexpr ap_o_mode omode = O;

    // Not vendor API: the raw integer, value = l1e_raw * 2^-(W-I); always inside the type's range.
    long long l1e_raw;

    ap_fixed_base() : l1e_raw(0) {}

    template <int W2, int I2, bool S2, ap_q_mode Q2, ap_o_mode O2, int N2>
    ap_fixed_base(const ap_fixed_base<W2, I2, S2, Q2, O2, N2>& x) : l1e_raw(from(x.l1e_raw, W2 - I2)) {}

    template <class T, ap_detail::if_integral<T> = 0>
    ap_fixed_base(T v) : l1e_raw(from(ap_detail::i128(v), 0)) {}

    ap_fixed_base(double d) : l1e_raw(0) {
        long long r;
        int fs;
        ap_detail::decompose(d, r, fs);
        l1e_raw = from(r, fs);
    }

    ap_fixed_base(float f) : ap_fixed_base(double(f)) {}  // float -> double is exact

    // Compound assignment: the exact result (at up to 126 bits), then one conversion into this type.
    template <int W2, int I2, bool S2, ap_q_mode Q2, ap_o_mode O2, int N2>
    ap_fixed_base& operator+=(const ap_fixed_base<W2, I2, S2, Q2, O2, N2>& b) { return add(b, 1); }

    template <int W2, int I2, bool S2, ap_q_mode Q2, ap_o_mode O2, int N2>
    ap_fixed_base& operator-=(const ap_fixed_base<W2, I2, S2, Q2, O2, N2>& b) { return add(b, -1); }

    template <int W2, int I2, bool S2, ap_q_mode Q2, ap_o_mode O2, int N2>
    ap_fixed_base& operator*=(const ap_fixed_base<W2, I2, S2, Q2, O2, N2>& b) {
        l1e_raw = from(ap_detail::i128(l1e_raw) * b.l1e_raw, (W - I) + (W2 - I2));  // |product| <= 2^126
        return *this;
    }

    template <class T, ap_detail::if_integral<T> = 0>
    ap_fixed_base& operator+=(T b) { return *this += ap_detail::int_type<T>(b); }
    template <class T, ap_detail::if_integral<T> = 0>
    ap_fixed_base& operator-=(T b) { return *this -= ap_detail::int_type<T>(b); }
    template <class T, ap_detail::if_integral<T> = 0>
    ap_fixed_base& operator*=(T b) { return *this *= ap_detail::int_type<T>(b); }

    ap_fixed_base operator+() const { return *this; }

    double to_double() const { return std::ldexp(double(l1e_raw), -(W - I)); }  // int64 -> double: nearest even
    float to_float() const { return std::ldexp(float(l1e_raw), -(W - I)); }
    int to_int() const { return int(trunc_bits(32)); }
    long long to_int64() const { return (long long)trunc_bits(64); }

  private:
    static long long from(ap_detail::i128 r, int fs) { return ap_detail::convert(r, fs, W, I, S, Q, O); }

    template <int W2, int I2, bool S2, ap_q_mode Q2, ap_o_mode O2, int N2>
    ap_fixed_base& add(const ap_fixed_base<W2, I2, S2, Q2, O2, N2>& b, int sign) {
        using R = ap_detail::rtype<W, I, S, W2, I2, S2>;
        static_assert(R::plus_w <= 126, "ap_fixed (l1embed test header): the exact sum of a compound "
                                        "assignment would exceed 126 bits");
        const int f = ap_detail::max_of(W - I, W2 - I2);
        const ap_detail::i128 a = ap_detail::scale(l1e_raw, f - (W - I));
        const ap_detail::i128 c = ap_detail::scale(b.l1e_raw, f - (W2 - I2));
        l1e_raw = from(sign > 0 ? a + c : a - c, f);
        return *this;
    }

    // The value truncated toward zero, then its low `bits` bits as a signed integer (the vendor's to_int()).
    ap_detail::i128 trunc_bits(int bits) const {
        const int f = W - I;
        ap_detail::i128 t;
        if (f >= 64) {
            t = 0;  // |value| < 2^63 * 2^-64
        } else if (f >= 0) {
            t = ap_detail::i128(l1e_raw) / (ap_detail::i128(1) << f);  // C++ division truncates toward zero
        } else if (-f >= bits) {
            t = 0;  // all low `bits` bits are zero
        } else {
            t = ap_detail::i128(ap_detail::u128(ap_detail::i128(l1e_raw)) << -f);
        }
        return ap_detail::wrap(ap_detail::u128(t), bits, true);
    }
};

// ---------------------------------------------------------------- arithmetic (exact; vendor result types)

#define L1E_AP_PARAMS(n) int W##n, int I##n, bool S##n, ap_q_mode Q##n, ap_o_mode O##n, int N##n
#define L1E_AP_TYPE(n) ap_fixed_base<W##n, I##n, S##n, Q##n, O##n, N##n>
#define L1E_AP_RESULT_FITS(w, s)                                                                          \
    static_assert(ap_detail::fits(w, s), "ap_fixed (l1embed test header): the exact result type of this " \
                                         "operation is wider than 64 bits (63 unsigned); convert an operand " \
                                         "to a narrower type first")

template <L1E_AP_PARAMS(1), L1E_AP_PARAMS(2)>
typename ap_detail::rtype<W1, I1, S1, W2, I2, S2>::mult operator*(const L1E_AP_TYPE(1) & a, const L1E_AP_TYPE(2) & b) {
    using R = ap_detail::rtype<W1, I1, S1, W2, I2, S2>;
    L1E_AP_RESULT_FITS(R::mult_w, R::mult_s);
    return ap_detail::from_raw<typename R::mult>(a.l1e_raw * b.l1e_raw);  // fits: the result type is <= 64 bits
}

template <L1E_AP_PARAMS(1), L1E_AP_PARAMS(2)>
typename ap_detail::rtype<W1, I1, S1, W2, I2, S2>::plus operator+(const L1E_AP_TYPE(1) & a, const L1E_AP_TYPE(2) & b) {
    using R = ap_detail::rtype<W1, I1, S1, W2, I2, S2>;
    L1E_AP_RESULT_FITS(R::plus_w, R::plus_s);
    const int f = ap_detail::max_of(R::F1, R::F2);  // align both to the finer LSB
    return ap_detail::from_raw<typename R::plus>(
        (long long)(ap_detail::scale(a.l1e_raw, f - R::F1) + ap_detail::scale(b.l1e_raw, f - R::F2)));
}

template <L1E_AP_PARAMS(1), L1E_AP_PARAMS(2)>
typename ap_detail::rtype<W1, I1, S1, W2, I2, S2>::minus operator-(const L1E_AP_TYPE(1) & a, const L1E_AP_TYPE(2) & b) {
    using R = ap_detail::rtype<W1, I1, S1, W2, I2, S2>;
    L1E_AP_RESULT_FITS(R::minus_w, R::minus_s);
    const int f = ap_detail::max_of(R::F1, R::F2);
    return ap_detail::from_raw<typename R::minus>(
        (long long)(ap_detail::scale(a.l1e_raw, f - R::F1) - ap_detail::scale(b.l1e_raw, f - R::F2)));
}

template <L1E_AP_PARAMS(1)>
ap_fixed_base<W1 + 1, I1 + 1, true> operator-(const L1E_AP_TYPE(1) & a) {
    L1E_AP_RESULT_FITS(W1 + 1, true);
    return ap_detail::from_raw<ap_fixed_base<W1 + 1, I1 + 1, true>>(-a.l1e_raw);
}

// With an integral operand on either side.
#define L1E_AP_INT_OP(OP)                                                                          \
    template <L1E_AP_PARAMS(1), class T, ap_detail::if_integral<T> = 0>                           \
    auto operator OP(const L1E_AP_TYPE(1) & a, T b) { return a OP ap_detail::int_type<T>(b); }     \
    template <L1E_AP_PARAMS(1), class T, ap_detail::if_integral<T> = 0>                           \
    auto operator OP(T a, const L1E_AP_TYPE(1) & b) { return ap_detail::int_type<T>(a) OP b; }
L1E_AP_INT_OP(*)
L1E_AP_INT_OP(+)
L1E_AP_INT_OP(-)
#undef L1E_AP_INT_OP

// ---------------------------------------------------------------- comparisons

#define L1E_AP_CMP(OP)                                                                                    \
    template <L1E_AP_PARAMS(1), L1E_AP_PARAMS(2)>                                                         \
    bool operator OP(const L1E_AP_TYPE(1) & a, const L1E_AP_TYPE(2) & b) {                                \
        return ap_detail::compare(a.l1e_raw, W1 - I1, b.l1e_raw, W2 - I2) OP 0;                           \
    }                                                                                                     \
    template <L1E_AP_PARAMS(1), class T, ap_detail::if_integral<T> = 0>                                  \
    bool operator OP(const L1E_AP_TYPE(1) & a, T b) { return a OP ap_detail::int_type<T>(b); }            \
    template <L1E_AP_PARAMS(1), class T, ap_detail::if_integral<T> = 0>                                  \
    bool operator OP(T a, const L1E_AP_TYPE(1) & b) { return ap_detail::int_type<T>(a) OP b; }            \
    /* With a double: through to_double(), as the vendor does (exact for W <= 53). */                    \
    template <L1E_AP_PARAMS(1)>                                                                           \
    bool operator OP(const L1E_AP_TYPE(1) & a, double b) { return a.to_double() OP b; }                   \
    template <L1E_AP_PARAMS(1)>                                                                           \
    bool operator OP(double a, const L1E_AP_TYPE(1) & b) { return a OP b.to_double(); }
L1E_AP_CMP(<)
L1E_AP_CMP(<=)
L1E_AP_CMP(>)
L1E_AP_CMP(>=)
L1E_AP_CMP(==)
L1E_AP_CMP(!=)
#undef L1E_AP_CMP

// ---------------------------------------------------------------- integers

// ap_int<W> / ap_uint<W>: ap_fixed<W,W> / ap_ufixed<W,W> with TRN/WRAP, restricted to what the vendor's
// separate integer classes compute identically (see the file comment).
#define L1E_AP_INTEGER(NAME, SIGNED)                                                                       \
    template <int W>                                                                                       \
    struct NAME : ap_fixed_base<W, W, SIGNED> {                                                            \
        using Base = ap_fixed_base<W, W, SIGNED>;                                                          \
        NAME() = default;                                                                                  \
        template <class T, ap_detail::if_integral<T> = 0>                                                 \
        NAME(T v) : Base(v) {}                                                                             \
        template <L1E_AP_PARAMS(2)>                                                                        \
        NAME(const L1E_AP_TYPE(2) & x) : Base(x) {                                                         \
            static_assert(W2 - I2 <= 0, #NAME ": converting a value with fractional bits into an integer " \
                          "type truncates toward zero in the vendor library but toward -inf in "            \
                          "ap_fixed<W,W>; convert into an ap_fixed type, or use to_int()");                 \
        }                                                                                                  \
        template <class T, std::enable_if_t<std::is_floating_point_v<T>, int> = 0>                        \
        NAME(T) {                                                                                          \
            static_assert(ap_detail::always_false<T>, #NAME ": construction from a floating-point value "  \
                          "is not offered (the vendor truncates toward zero, ap_fixed<W,W> toward -inf); " \
                          "convert into an ap_fixed type instead");                                         \
        }                                                                                                  \
        template <L1E_AP_PARAMS(2)>                                                                        \
        NAME& operator+=(const L1E_AP_TYPE(2) & b) { no_fraction<W2 - I2>(); Base::operator+=(b); return *this; } \
        template <L1E_AP_PARAMS(2)>                                                                        \
        NAME& operator-=(const L1E_AP_TYPE(2) & b) { no_fraction<W2 - I2>(); Base::operator-=(b); return *this; } \
        template <L1E_AP_PARAMS(2)>                                                                        \
        NAME& operator*=(const L1E_AP_TYPE(2) & b) { no_fraction<W2 - I2>(); Base::operator*=(b); return *this; } \
        template <class T, ap_detail::if_integral<T> = 0>                                                 \
        NAME& operator+=(T b) { Base::operator+=(b); return *this; }                                       \
        template <class T, ap_detail::if_integral<T> = 0>                                                 \
        NAME& operator-=(T b) { Base::operator-=(b); return *this; }                                       \
        template <class T, ap_detail::if_integral<T> = 0>                                                 \
        NAME& operator*=(T b) { Base::operator*=(b); return *this; }                                       \
                                                                                                           \
      private:                                                                                             \
        template <int F2>                                                                                  \
        static void no_fraction() {                                                                        \
            static_assert(F2 <= 0, #NAME ": a compound assignment of a value with fractional bits into "    \
                          "an integer differs in the vendor library (it truncates the operand toward "      \
                          "zero first); assign into an ap_fixed type");                                     \
        }                                                                                                  \
    };
L1E_AP_INTEGER(ap_int, true)
L1E_AP_INTEGER(ap_uint, false)
#undef L1E_AP_INTEGER

#undef L1E_AP_RESULT_FITS
#undef L1E_AP_TYPE
#undef L1E_AP_PARAMS

#endif  // L1EMBED_TEST_AP_INT_H

// As with the vendor's ap_int.h, ap_fixed and ap_ufixed come along.
#include "ap_fixed.h"
