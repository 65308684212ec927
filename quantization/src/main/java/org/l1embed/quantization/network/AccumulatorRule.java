package org.l1embed.quantization.network;

import org.l1embed.quantization.fixed.FixedType;
import org.l1embed.quantization.fixed.Overflow;
import org.l1embed.quantization.fixed.Rounding;

/**
 * The "auto" accumulator: the narrowest type in which a Dense layer's sum can never overflow
 * ({@code docs/fixed-point.md}, "Accumulator width that can never overflow").
 *
 * <p>For n inputs: {@code W = Ww + Wx + ceil(log2 n)}, {@code I = Iw + Ix + ceil(log2 n)}, signed if either
 * is; then the bias: {@code I' = max(I + [Sb and not s], Ib + [s and not Sb]) + 1},
 * {@code W' = I' + max(W - I, Wb - Ib)}. Example: x, w, b all {@code ap_fixed<16,6>}, n = 57 gives
 * {@code ap_fixed<39,19>}.
 *
 * <p>l1embed never picks an accumulator silently: a quantized Dense either names its accumulator type or
 * asks for {@code "auto"}, and the resolution is reported where it happens.
 */
public final class AccumulatorRule {

    private AccumulatorRule() {
    }

    /** The auto accumulator for inputs of type {@code x}, weights {@code w}, biases {@code b} and {@code n} inputs. */
    public static FixedType auto(FixedType x, FixedType w, FixedType b, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("number of inputs must be >= 1, got n=" + n);
        }
        int log = ceilLog2(n);
        int width = w.width() + x.width() + log;
        int integer = w.integerBits() + x.integerBits() + log;
        boolean s = w.signed() || x.signed();
        int withBias = Math.max(integer + (b.signed() && !s ? 1 : 0), b.integerBits() + (s && !b.signed() ? 1 : 0)) + 1;
        int total = withBias + Math.max(width - integer, b.width() - b.integerBits());
        return new FixedType(total, withBias, s || b.signed(), Rounding.DEFAULT, Overflow.DEFAULT);
    }

    /** ceil(log2 n) for n >= 1. */
    static int ceilLog2(int n) {
        return n == 1 ? 0 : 32 - Integer.numberOfLeadingZeros(n - 1);
    }
}
