// Cross-check driver for the l1embed test ap_fixed header; run by ApFixedHeaderTest, which compares every
// line with the Java reference implementation (org.l1embed.quantization.fixed).
//
//   ap_fixed_check < commands   the header's core conversion with runtime parameters, one output line per
//                               command line (the exhaustive and random parts):
//     X fs rw rs  w i s q o            every raw of a (rw bits, signed rs) source with fs fractional bits,
//                                      in ascending order, into (w, i, s, q, o): prints the target raws
//     G fs rw rs seed n  w i s q o     n raws drawn from the same kind of source (extremes, then random
//                                      values and exact ties when bits are dropped): prints raw:result
//     D w i s q o  bits...             doubles given as 16 hex digits of their IEEE bits: prints the raws
//   (s, rs: 0/1; q, o: mode names without AP_, e.g. RND_CONV, SAT_SYM)
//
//   ap_fixed_check templates    real template instantiations, to prove the types and operators are wired to
//                               the core correctly: one line per check, '|'-separated, types in C++ spelling.
#include "ap_fixed.h"

#include <cfloat>
#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

using ap_detail::from_raw;
using ap_detail::raw_of;

namespace {

// ---------------------------------------------------------------- shared helpers

std::uint64_t splitmix(std::uint64_t& state) {
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

// The low w bits of x as a w-bit raw, sign-extended when s.
long long fit_bits(std::uint64_t x, int w, bool s) {
    const std::uint64_t up = x << (64 - w);
    return s ? (long long)up >> (64 - w) : (long long)(up >> (64 - w));
}

long long lo_raw(int w, bool s) { return s ? (long long)(~0ull << (w - 1)) : 0; }
long long hi_raw(int w, bool s) { return s ? (long long)((~0ull << (w - 1)) ^ ~0ull) : (long long)((1ull << w) - 1); }

ap_q_mode parse_q(const std::string& t) {
    static const struct { const char* n; ap_q_mode q; } table[] = {
        {"RND", AP_RND}, {"RND_ZERO", AP_RND_ZERO}, {"RND_MIN_INF", AP_RND_MIN_INF}, {"RND_INF", AP_RND_INF},
        {"RND_CONV", AP_RND_CONV}, {"TRN", AP_TRN}, {"TRN_ZERO", AP_TRN_ZERO}};
    for (const auto& e : table) if (t == e.n) return e.q;
    std::fprintf(stderr, "bad quantization mode '%s'\n", t.c_str());
    std::exit(2);
}

ap_o_mode parse_o(const std::string& t) {
    static const struct { const char* n; ap_o_mode o; } table[] = {
        {"SAT", AP_SAT}, {"SAT_ZERO", AP_SAT_ZERO}, {"SAT_SYM", AP_SAT_SYM}, {"WRAP", AP_WRAP}, {"WRAP_SM", AP_WRAP_SM}};
    for (const auto& e : table) if (t == e.n) return e.o;
    std::fprintf(stderr, "bad overflow mode '%s'\n", t.c_str());
    std::exit(2);
}

// ---------------------------------------------------------------- runtime part (stdin commands)

struct Target {
    int w, i;
    bool s;
    ap_q_mode q;
    ap_o_mode o;
    long long conv(long long r, int fs) const { return ap_detail::convert(r, fs, w, i, s, q, o); }
};

Target read_target(std::istream& in) {
    int w, i, s;
    std::string q, o;
    in >> w >> i >> s >> q >> o;
    return Target{w, i, s != 0, parse_q(q), parse_o(o)};
}

// Raws for a G command: the extremes, then random values; where bits are dropped (sh >= 1), every other
// random value is made an exact tie (the remainder exactly half an LSB), or a tie +-1.
std::vector<long long> draw(int fs, int rw, bool rs, std::uint64_t seed, int n, const Target& t) {
    std::vector<long long> out;
    const long long lo = lo_raw(rw, rs), hi = hi_raw(rw, rs);
    for (long long v : {lo, lo + 1, -1ll, 0ll, 1ll, hi - 1, hi}) {
        if (v >= lo && v <= hi && (int)out.size() < n) out.push_back(v);
    }
    const int sh = fs - (t.w - t.i);
    std::uint64_t state = seed;
    for (int k = 0; (int)out.size() < n; k++) {
        std::uint64_t x = splitmix(state);
        if (sh >= 1 && sh < rw && k % 2 == 1) {
            const std::uint64_t half = 1ull << (sh - 1);
            x = (x & ~((half << 1) - 1)) | half;  // rem == h
            if (k % 6 == 3) x += 1;
            if (k % 6 == 5) x -= 1;
        }
        out.push_back(fit_bits(x, rw, rs));
    }
    return out;
}

int run_commands() {
    std::string line;
    std::string out;
    while (std::getline(std::cin, line)) {
        if (line.empty()) continue;
        std::istringstream in(line);
        std::string cmd;
        in >> cmd;
        out.clear();
        char buf[64];
        if (cmd == "X") {
            int fs, rw, rs;
            in >> fs >> rw >> rs;
            const Target t = read_target(in);
            for (long long r = lo_raw(rw, rs), hi = hi_raw(rw, rs);; r++) {
                std::snprintf(buf, sizeof buf, out.empty() ? "%lld" : " %lld", t.conv(r, fs));
                out += buf;
                if (r == hi) break;
            }
        } else if (cmd == "G") {
            int fs, rw, rs, n;
            std::uint64_t seed;
            in >> fs >> rw >> rs >> seed >> n;
            const Target t = read_target(in);
            for (long long r : draw(fs, rw, rs != 0, seed, n, t)) {
                std::snprintf(buf, sizeof buf, out.empty() ? "%lld:%lld" : " %lld:%lld", r, t.conv(r, fs));
                out += buf;
            }
        } else if (cmd == "D") {
            const Target t = read_target(in);
            std::string hex;
            while (in >> hex) {
                const std::uint64_t bits = std::strtoull(hex.c_str(), nullptr, 16);
                double d;
                std::memcpy(&d, &bits, sizeof d);
                long long r;
                int fs;
                ap_detail::decompose(d, r, fs);
                std::snprintf(buf, sizeof buf, out.empty() ? "%lld" : " %lld", t.conv(r, fs));
                out += buf;
            }
        } else {
            std::fprintf(stderr, "unknown command '%s'\n", cmd.c_str());
            return 2;
        }
        out += '\n';
        std::fputs(out.c_str(), stdout);
    }
    return 0;
}

// ---------------------------------------------------------------- template part

// Types whose exact sums, differences and products with each other (and with an int) fit 64 bits: all
// operators are checked on every pair, on every pair of raws. Spelled as generated code would.
#define SMALL_TYPES(X)                        \
    X(ap_fixed<4, 2>)                         \
    X(ap_fixed<5, -1>)                        \
    X(ap_fixed<3, 5>)                         \
    X(ap_fixed<1, 1>)                         \
    X(ap_ufixed<4, 1>)                        \
    X(ap_ufixed<3, 3>)                        \
    X(ap_ufixed<5, 7>)                        \
    X(ap_ufixed<1, 0>)                        \
    X(ap_int<3>)                              \
    X(ap_uint<4>)                             \
    X(ap_fixed<6, 3, AP_RND_CONV, AP_SAT>)    \
    X(ap_ufixed<6, 2, AP_RND, AP_SAT_SYM>)    \
    X(ap_fixed<5, 1, AP_RND_INF, AP_WRAP_SM>) \
    X(ap_fixed<6, 0, AP_TRN_ZERO, AP_SAT_ZERO>)

// Wider types: conversions from and into every type, with random raws.
#define WIDE_TYPES(X)                                \
    X(ap_fixed<16, 6>)                               \
    X(ap_fixed<16, 6, AP_RND_ZERO, AP_SAT_SYM>)      \
    X(ap_ufixed<24, 10, AP_RND_MIN_INF, AP_SAT>)     \
    X(ap_fixed<32, 12, AP_RND_CONV, AP_WRAP_SM>)     \
    X(ap_fixed<40, -4, AP_TRN_ZERO, AP_SAT>)         \
    X(ap_ufixed<53, 60, AP_RND_INF, AP_SAT_ZERO>)    \
    X(ap_fixed<64, 30, AP_RND, AP_SAT>)              \
    X(ap_fixed<64, 64, AP_RND_CONV, AP_SAT_SYM>)     \
    X(ap_ufixed<63, 1, AP_TRN, AP_WRAP>)             \
    X(ap_int<64>)                                    \
    X(ap_uint<63>)                                   \
    X(ap_int<32>)

template <class T>
struct tag {
    using type = T;
};

template <class F>
void for_small(F&& f) {
#define L1E_CALL(...) f(tag<__VA_ARGS__>{}, #__VA_ARGS__);
    SMALL_TYPES(L1E_CALL)
#undef L1E_CALL
}

template <class F>
void for_all(F&& f) {
#define L1E_CALL(...) f(tag<__VA_ARGS__>{}, #__VA_ARGS__);
    SMALL_TYPES(L1E_CALL)
    WIDE_TYPES(L1E_CALL)
#undef L1E_CALL
}

template <class T>
struct traits;
template <int W, int I, bool S, ap_q_mode Q, ap_o_mode O, int N>
struct traits<ap_fixed_base<W, I, S, Q, O, N>> {
    static constexpr int w = W, i = I, f = W - I;
    static constexpr bool s = S;
    static constexpr bool is_integer = false;
    // The exact type, from its template arguments (not from its members): checked against the Java result type.
    static std::string name() {
        static const char* qn[] = {"AP_RND", "AP_RND_ZERO", "AP_RND_MIN_INF", "AP_RND_INF", "AP_RND_CONV", "AP_TRN", "AP_TRN_ZERO"};
        static const char* on[] = {"AP_SAT", "AP_SAT_ZERO", "AP_SAT_SYM", "AP_WRAP", "AP_WRAP_SM"};
        std::string n = std::string(S ? "ap_fixed<" : "ap_ufixed<") + std::to_string(W) + "," + std::to_string(I);
        if (Q != AP_TRN || O != AP_WRAP || N != 0) n += std::string(",") + qn[Q] + "," + on[O] + "," + std::to_string(N);
        return n + ">";
    }
};
template <int W, int I, ap_q_mode Q, ap_o_mode O, int N>
struct traits<ap_fixed<W, I, Q, O, N>> : traits<ap_fixed_base<W, I, true, Q, O, N>> {};
template <int W, int I, ap_q_mode Q, ap_o_mode O, int N>
struct traits<ap_ufixed<W, I, Q, O, N>> : traits<ap_fixed_base<W, I, false, Q, O, N>> {};
template <int W>
struct traits<ap_int<W>> : traits<ap_fixed_base<W, W, true>> {
    static constexpr bool is_integer = true;
};
template <int W>
struct traits<ap_uint<W>> : traits<ap_fixed_base<W, W, false>> {
    static constexpr bool is_integer = true;
};

// The raws a check runs over: all of them up to 8 bits, else extremes and seeded random values.
std::vector<long long> raws(int w, bool s, std::uint64_t seed) {
    std::vector<long long> out;
    const long long lo = lo_raw(w, s), hi = hi_raw(w, s);
    if (w <= 8) {
        for (long long r = lo; r <= hi; r++) out.push_back(r);
        return out;
    }
    for (long long v : {lo, lo + 1, -1ll, 0ll, 1ll, 2ll, 3ll, hi - 1, hi}) {
        if (v >= lo && v <= hi) out.push_back(v);
    }
    std::uint64_t state = seed;
    for (int k = 0; k < 48; k++) {
        std::uint64_t x = splitmix(state);
        if (k % 3 == 1) x >>= (x & 63);  // smaller magnitudes too
        out.push_back(fit_bits(x, w, s));
    }
    return out;
}

template <class T>
std::vector<long long> raws_of(std::uint64_t seed) { return raws(traits<T>::w, traits<T>::s, seed); }

std::string hex64(double d) {
    std::uint64_t v;
    std::memcpy(&v, &d, sizeof v);
    char b[20];
    std::snprintf(b, sizeof b, "%016" PRIx64, v);
    return b;
}

std::string hex32(float f) {
    std::uint32_t v;
    std::memcpy(&v, &f, sizeof v);
    char b[12];
    std::snprintf(b, sizeof b, "%08" PRIx32, v);
    return b;
}

std::string six(bool lt, bool le, bool gt, bool ge, bool eq, bool ne) {
    return std::string() + char('0' + lt) + char('0' + le) + char('0' + gt) + char('0' + ge) + char('0' + eq) + char('0' + ne);
}

// One output line: "kind|field|field|key:value key:value ...".
struct Line {
    std::string text;
    bool first = true;
    explicit Line(std::initializer_list<std::string> head) {
        for (const std::string& h : head) text += h + "|";
    }
    void add(const std::string& key, const std::string& value) {
        text += (first ? "" : " ") + key + ":" + value;
        first = false;
    }
    void print() const { std::puts(text.c_str()); }
};

std::string str(long long v) { return std::to_string(v); }
std::string pair(long long a, long long b) { return std::to_string(a) + "," + std::to_string(b); }

int errors = 0;

void error(const std::string& what) {
    std::printf("ERR %s\n", what.c_str());
    errors++;
}

// The templates below do one operation on real instantiations; loops and printing are shared code, which
// keeps the compile time low.

// Src -> Dst through copy-initialization and through assignment (which must agree).
template <class Src, class Dst>
long long conv1(long long r, bool& differ) {
    const Src x = from_raw<Src>(r);
    const Dst a = x;
    Dst b;
    b = x;
    differ = raw_of(a) != raw_of(b);
    return raw_of(a);
}

void emit_conversions(const char* sn, const char* dn, const std::vector<long long>& rs, long long (*f)(long long, bool&)) {
    Line line({"conv", sn, dn});
    for (long long r : rs) {
        bool differ;
        line.add(str(r), str(f(r, differ)));
        if (differ) error(std::string("copy-init and assignment differ: ") + sn + " -> " + dn + " raw " + str(r));
    }
    line.print();
}

template <class Src, class Dst>
void check_conversion(const char* sn, const char* dn) {
    if constexpr (!(traits<Dst>::is_integer && traits<Src>::f > 0)) {  // else refused at compile time, see ap_int.h
        emit_conversions(sn, dn, raws_of<Src>(0x5EED0000u + traits<Src>::w * 131 + traits<Dst>::w), &conv1<Src, Dst>);
    }
}

template <class Dst>
long long from_double1(double d) { const Dst a = d; return raw_of(a); }
template <class Dst>
long long from_float1(float d) { const Dst a = d; return raw_of(a); }

// double and float -> Dst: zero, extremes, exact ties around the target's LSB, random values.
void emit_floating(const char* dn, int w, int f, bool s, long long (*fd)(double), long long (*ff)(float)) {
    std::vector<double> ds = {0.0, -0.0, 1.0, -1.0, 0.5, -0.5, 1e300, -1e300, 4.9e-324, -4.9e-324, 2.2250738585072014e-308};
    const double lsb = std::ldexp(1.0, -f);
    const double maxv = std::ldexp((double)hi_raw(w, s), -f);
    const double minv = std::ldexp((double)lo_raw(w, s), -f);
    for (double v : {maxv, minv, maxv + lsb / 2, minv - lsb / 2, maxv + lsb, minv - lsb, 2 * maxv + 3 * lsb}) ds.push_back(v);
    const double scale = maxv > -minv ? maxv : -minv;
    std::uint64_t state = 0xD0B1E000u + w;
    for (int k = 0; k < 40; k++) {
        const std::uint64_t x = splitmix(state);
        const double m = (double)(x >> 11) / 9007199254740992.0;  // in [0, 1), 53 bits
        double v = k % 2 == 0 ? (m * 4 - 2) * scale                     // anywhere in about twice the range
                              : ((long long)(m * 64) - 32 + 0.5) * lsb;  // (n + 1/2) LSB: an exact tie
        if (k % 5 == 4) v = std::nextafter(v, 1e308);
        ds.push_back(v);
    }
    Line dl({"dbl", dn}), fl({"flt", dn});
    for (double d : ds) {
        dl.add(hex64(d), str(fd(d)));
        if (std::fabs(d) <= FLT_MAX) fl.add(hex32((float)d), str(ff((float)d)));  // (float)1e300 is undefined
    }
    dl.print();
    fl.print();
}

struct Reads {
    int i;
    long long i64;
    double d;
    float f;
};

template <class T>
Reads read1(long long r) {
    const T x = from_raw<T>(r);
    return Reads{x.to_int(), x.to_int64(), x.to_double(), x.to_float()};
}

void emit_reads(const char* n, const std::vector<long long>& rs, Reads (*f)(long long)) {
    Line line({"read", n});
    for (long long r : rs) {
        const Reads v = f(r);
        line.add(str(r), str(v.i) + "," + str(v.i64) + "," + hex64(v.d) + "," + hex32(v.f));
    }
    line.print();
}

struct Ops {
    long long mul, add, sub, adda, suba, mula;
    std::string cmp;
};

template <class A, class B>
Ops ops1(long long x, long long y) {
    const A a = from_raw<A>(x);
    const B b = from_raw<B>(y);
    Ops o{raw_of(a * b), raw_of(a + b), raw_of(a - b), 0, 0, 0, six(a < b, a <= b, a > b, a >= b, a == b, a != b)};
    if constexpr (!(traits<A>::is_integer && traits<B>::f > 0)) {  // else refused at compile time
        A c = a;
        c += b;
        o.adda = raw_of(c);
        c = a;
        c -= b;
        o.suba = raw_of(c);
        c = a;
        c *= b;
        o.mula = raw_of(c);
    }
    return o;
}

void emit_ops(const char* an, const char* bn, const std::string& mt, const std::string& pt, const std::string& dt,
              bool compound, const std::vector<long long>& ra, const std::vector<long long>& rb,
              Ops (*f)(long long, long long)) {
    Line mul({"mul", an, bn, mt}), add({"add", an, bn, pt}), sub({"sub", an, bn, dt}), cmp({"cmp", an, bn});
    Line adda({"adda", an, bn}), suba({"suba", an, bn}), mula({"mula", an, bn});
    for (long long x : ra) {
        for (long long y : rb) {
            const Ops o = f(x, y);
            const std::string k = pair(x, y);
            mul.add(k, str(o.mul));
            add.add(k, str(o.add));
            sub.add(k, str(o.sub));
            cmp.add(k, o.cmp);
            adda.add(k, str(o.adda));
            suba.add(k, str(o.suba));
            mula.add(k, str(o.mula));
        }
    }
    for (const Line* l : {&mul, &add, &sub, &cmp}) l->print();
    if (compound) {
        for (const Line* l : {&adda, &suba, &mula}) l->print();
    }
}

// Every binary operator on every pair of raws of A and B; result types named from their template arguments.
template <class A, class B>
void check_ops(const char* an, const char* bn) {
    emit_ops(an, bn, traits<decltype(A() * B())>::name(), traits<decltype(A() + B())>::name(),
             traits<decltype(A() - B())>::name(), !(traits<A>::is_integer && traits<B>::f > 0), raws_of<A>(1),
             raws_of<B>(2), &ops1<A, B>);
}

struct Scalars {
    long long neg, pos, mi, im, pi, ip, si, is, ai;
    std::string ci, ic;
};

template <class A>
Scalars scalars1(long long x, int v) {
    const A a = from_raw<A>(x);
    A c = a;
    c += v;
    return Scalars{raw_of(-a), raw_of(+a), raw_of(a * v), raw_of(v * a), raw_of(a + v), raw_of(v + a),
                   raw_of(a - v), raw_of(v - a), raw_of(c),
                   six(a < v, a <= v, a > v, a >= v, a == v, a != v), six(v < a, v <= a, v > a, v >= a, v == a, v != a)};
}

// Comparisons with a double in both operand orders; the left-double form is mirrored (d OP a == a OP' d).
template <class A>
std::string cmpd1(long long x, double d, bool& differ) {
    const A a = from_raw<A>(x);
    const std::string l = six(a < d, a <= d, a > d, a >= d, a == d, a != d);
    differ = l != six(d > a, d >= a, d < a, d <= a, d == a, d != a);
    return l;
}

template <class A>
double value1(long long x) { return from_raw<A>(x).to_double(); }

void emit_scalars(const char* an, const std::string* types, const std::vector<long long>& ra,
                  Scalars (*f)(long long, int), std::string (*fd)(long long, double, bool&), double (*val)(long long)) {
    Line neg({"neg", an, types[0]}), pos({"pos", an});
    Line mi({"mul", an, "int", types[1]}), im({"mul", "int", an, types[2]});
    Line pi({"add", an, "int", types[3]}), ip({"add", "int", an, types[4]});
    Line si({"sub", an, "int", types[5]}), is({"sub", "int", an, types[6]});
    Line ai({"adda", an, "int"}), ci({"cmp", an, "int"}), ic({"cmp", "int", an}), cd({"cmpd", an});
    for (long long x : ra) {
        const Scalars one = f(x, 0);
        neg.add(str(x), str(one.neg));
        pos.add(str(x), str(one.pos));
        for (int v : {-3, -1, 0, 1, 2, 7}) {
            const Scalars o = f(x, v);
            const std::string k = pair(x, v), kr = pair(v, x);
            mi.add(k, str(o.mi));
            im.add(kr, str(o.im));
            pi.add(k, str(o.pi));
            ip.add(kr, str(o.ip));
            si.add(k, str(o.si));
            is.add(kr, str(o.is));
            ai.add(k, str(o.ai));
            ci.add(k, o.ci);
            ic.add(kr, o.ic);
        }
        for (double d : {0.0, -0.25, 0.5, 1.0, -3.0, val(x)}) {
            bool differ;
            cd.add(str(x) + "," + hex64(d), fd(x, d, differ));
            if (differ) error(std::string("double comparison differs between operand orders for ") + an);
        }
    }
    for (const Line* l : {&neg, &pos, &mi, &im, &pi, &ip, &si, &is, &ai, &ci, &ic, &cd}) l->print();
}

// Unary minus and plus; operators and comparisons with int on both sides, and comparisons with double.
template <class A>
void check_scalars(const char* an) {
    const std::string types[] = {traits<decltype(-A())>::name(),    traits<decltype(A() * 1)>::name(),
                                 traits<decltype(1 * A())>::name(), traits<decltype(A() + 1)>::name(),
                                 traits<decltype(1 + A())>::name(), traits<decltype(A() - 1)>::name(),
                                 traits<decltype(1 - A())>::name()};
    emit_scalars(an, types, raws_of<A>(3), &scalars1<A>, &cmpd1<A>, &value1<A>);
}

// Accumulation as the dense latency kernel writes it: acc += (accum_t)(x * w).
template <class Acc, class X, class Wt>
void check_accumulate() {
    Line line({"macc", traits<Acc>::name(), traits<X>::name(), traits<Wt>::name()});
    std::uint64_t state = 0xACC0u + traits<Acc>::w;
    for (int k = 0; k < 200; k++) {
        const long long a0 = fit_bits(splitmix(state), traits<Acc>::w, traits<Acc>::s);
        const long long x = fit_bits(splitmix(state), traits<X>::w, traits<X>::s);
        const long long w = fit_bits(splitmix(state), traits<Wt>::w, traits<Wt>::s);
        Acc acc = from_raw<Acc>(a0);
        acc += (Acc)(from_raw<X>(x) * from_raw<Wt>(w));
        line.add(str(a0) + "," + str(x) + "," + str(w), str(raw_of(acc)));
    }
    line.print();
}

int run_templates() {
    for_all([](auto st, const char* sn) {
        for_all([&](auto dt, const char* dn) {
            check_conversion<typename decltype(st)::type, typename decltype(dt)::type>(sn, dn);
        });
    });
    for_all([](auto t, const char* n) {
        using T = typename decltype(t)::type;
        if constexpr (!traits<T>::is_integer) {  // refused for ap_int/ap_uint, see ap_int.h
            emit_floating(n, traits<T>::w, traits<T>::f, traits<T>::s, &from_double1<T>, &from_float1<T>);
        }
        emit_reads(n, raws_of<T>(0xAEAD0000u + traits<T>::w), &read1<T>);
    });
    for_small([](auto at, const char* an) {
        check_scalars<typename decltype(at)::type>(an);
        for_small([&](auto bt, const char* bn) {
            check_ops<typename decltype(at)::type, typename decltype(bt)::type>(an, bn);
        });
    });
    check_accumulate<ap_fixed<20, 8, AP_RND, AP_SAT>, ap_fixed<16, 6>, ap_fixed<8, 2>>();
    check_accumulate<ap_fixed<18, 6>, ap_fixed<16, 6>, ap_fixed<8, 2>>();
    check_accumulate<ap_fixed<14, 4, AP_RND_CONV, AP_SAT_SYM>, ap_ufixed<10, 4, AP_RND_CONV, AP_SAT>, ap_fixed<8, 2>>();
    check_accumulate<ap_fixed<12, 9, AP_TRN_ZERO, AP_WRAP_SM>, ap_fixed<16, 6>, ap_fixed<8, 2>>();
    return errors == 0 ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc > 1 && std::strcmp(argv[1], "templates") == 0) return run_templates();
    return run_commands();
}
