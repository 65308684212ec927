package org.l1embed.quantization.profile;

/**
 * The observed range of one tensor and the integer bits it needs.
 *
 * @param layer      layer name, or "input"
 * @param role       "input", "weight", "bias", "result", "scale", "shift" or "alpha"
 * @param min        smallest observed value
 * @param max        largest observed value
 * @param count      number of values observed
 */
public record TensorProfile(String layer, String role, double min, double max, long count) {

    /** True when a negative value was seen, so a signed type is needed. */
    public boolean needsSign() {
        return min < 0;
    }

    /**
     * Integer bits I (sign bit included when signed) such that every observed value lies in the type's range,
     * ignoring the fractional part: signed needs {@code -2^(I-1) <= min} and {@code max < 2^(I-1)};
     * unsigned needs {@code max < 2^I}.
     */
    public int integerBitsNeeded() {
        if (needsSign()) {
            int forMin = ceilLog2(-min) + 1;
            int forMax = max > 0 ? Math.getExponent(max) + 2 : 1;
            return Math.max(forMin, forMax);
        }
        return max > 0 ? Math.getExponent(max) + 1 : 0;
    }

    /** ceil(log2 a) for a > 0. */
    private static int ceilLog2(double a) {
        int e = Math.getExponent(a);
        return a == Math.scalb(1.0, e) ? e : e + 1;
    }
}
