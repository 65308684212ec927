package org.l1embed.quantization.fixed;

import java.math.BigDecimal;

/**
 * The outcome of one conversion into a fixed-point type, with what happened on the way.
 *
 * @param type       the target type
 * @param raw        the raw integer of the result
 * @param inexact    true when bits below the target's LSB were non-zero (the rounding mode mattered)
 * @param overflowed true when the rounded value lay outside the target's range and the overflow mode applied
 */
public record Quantized(FixedType type, long raw, boolean inexact, boolean overflowed) {

    /** The exact value of the result. */
    public BigDecimal value() {
        return type.toBigDecimal(raw);
    }

    /** True when the overflow mode of the target clamps (SAT, SAT_ZERO, SAT_SYM) and it applied. */
    public boolean saturated() {
        return overflowed && type.overflow().saturates();
    }

    /** True when the overflow mode of the target wraps (WRAP, WRAP_SM) and it applied. */
    public boolean wrapped() {
        return overflowed && !type.overflow().saturates();
    }
}
