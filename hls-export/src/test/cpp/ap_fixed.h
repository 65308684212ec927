// l1embed TEST-ONLY stand-in for the vendor's (Xilinx) ap_fixed.h: ap_fixed<W,I,Q,O,N> and ap_ufixed<W,I,Q,O,N>.
// The semantics, the offered API subset and the limits are described in ap_int.h, which holds the
// implementation (ap_fixed_base and the conversion routine).
#ifndef L1EMBED_TEST_AP_FIXED_H
#define L1EMBED_TEST_AP_FIXED_H

#include "ap_int.h"

// Both are ap_fixed_base with fixed signedness; every conversion into them applies their own Q/O.
#define L1E_AP_FIXED(NAME, SIGNED)                                                                       \
    template <int W, int I, ap_q_mode Q, ap_o_mode O, int N>                                             \
    struct NAME : ap_fixed_base<W, I, SIGNED, Q, O, N> {                                                 \
        using Base = ap_fixed_base<W, I, SIGNED, Q, O, N>;                                               \
        NAME() = default;                                                                                \
        template <int W2, int I2, bool S2, ap_q_mode Q2, ap_o_mode O2, int N2>                           \
        NAME(const ap_fixed_base<W2, I2, S2, Q2, O2, N2>& x) : Base(x) {}                                \
        template <class T, std::enable_if_t<std::is_arithmetic_v<T>, int> = 0>                          \
        NAME(T v) : Base(v) {}                                                                           \
    };
L1E_AP_FIXED(ap_fixed, true)
L1E_AP_FIXED(ap_ufixed, false)
#undef L1E_AP_FIXED

#endif  // L1EMBED_TEST_AP_FIXED_H
