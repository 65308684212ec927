package org.l1embed.quantization.fixed;

import java.util.Locale;

/**
 * Quantization (rounding) modes of the vendor's {@code ap_fixed} types: what happens to the bits that
 * fall below the target's least significant bit. The integer rule of each mode is in
 * {@code docs/fixed-point.md}; {@link Conversion} implements them.
 *
 * <p>The vendor default is {@link #TRN}.
 */
public enum Rounding {
    /** Truncate toward minus infinity (the vendor default). */
    TRN,
    /** Truncate toward zero. */
    TRN_ZERO,
    /** Round to nearest, ties toward plus infinity. */
    RND,
    /** Round to nearest, ties toward zero. */
    RND_ZERO,
    /** Round to nearest, ties toward minus infinity. */
    RND_MIN_INF,
    /** Round to nearest, ties away from zero. */
    RND_INF,
    /** Round to nearest, ties to even (convergent rounding). */
    RND_CONV;

    /** The default of {@code ap_fixed} when no mode is written. */
    public static final Rounding DEFAULT = TRN;

    /** The vendor spelling, e.g. {@code AP_RND_CONV}. */
    public String vendorName() {
        return "AP_" + name();
    }

    /**
     * Parses a mode in vendor ({@code AP_RND_CONV}) or hls4ml ({@code RND_CONV}) spelling.
     *
     * @throws IllegalArgumentException naming the text and the accepted spellings
     */
    public static Rounding parse(String text) {
        String t = text.trim().toUpperCase(Locale.ROOT);
        String bare = t.startsWith("AP_") ? t.substring(3) : t;
        for (Rounding r : values()) {
            if (r.name().equals(bare)) {
                return r;
            }
        }
        throw new IllegalArgumentException("rounding mode must be one of AP_TRN, AP_TRN_ZERO, AP_RND, AP_RND_ZERO, "
                + "AP_RND_MIN_INF, AP_RND_INF, AP_RND_CONV (the AP_ prefix is optional), got '" + text + "'");
    }
}
