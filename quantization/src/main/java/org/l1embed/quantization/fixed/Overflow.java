package org.l1embed.quantization.fixed;

import java.util.Locale;

/**
 * Overflow modes of the vendor's {@code ap_fixed} types: what happens when the quantized value lies
 * outside the target's range. The integer rule of each mode is in {@code docs/fixed-point.md};
 * {@link Conversion} implements them.
 *
 * <p>The vendor default is {@link #WRAP}.
 */
public enum Overflow {
    /** Keep the low W bits (two's-complement wrap-around); the vendor default. */
    WRAP,
    /** Clamp to the type's minimum or maximum. */
    SAT,
    /** Replace an overflowing value by zero. */
    SAT_ZERO,
    /** Clamp symmetrically to ±max for signed types (also maps the in-range minimum to -max). */
    SAT_SYM,
    /** Sign-magnitude wrap; signed types only. */
    WRAP_SM;

    /** The default of {@code ap_fixed} when no mode is written. */
    public static final Overflow DEFAULT = WRAP;

    /** The vendor spelling, e.g. {@code AP_SAT}. */
    public String vendorName() {
        return "AP_" + name();
    }

    /** True for the modes that keep a bounded value by clamping rather than by discarding high bits. */
    public boolean saturates() {
        return switch (this) {
            case SAT, SAT_ZERO, SAT_SYM -> true;
            case WRAP, WRAP_SM -> false;
        };
    }

    /**
     * Parses a mode in vendor ({@code AP_SAT}) or hls4ml ({@code SAT}) spelling.
     *
     * @throws IllegalArgumentException naming the text and the accepted spellings
     */
    public static Overflow parse(String text) {
        String t = text.trim().toUpperCase(Locale.ROOT);
        String bare = t.startsWith("AP_") ? t.substring(3) : t;
        for (Overflow o : values()) {
            if (o.name().equals(bare)) {
                return o;
            }
        }
        throw new IllegalArgumentException("overflow mode must be one of AP_WRAP, AP_SAT, AP_SAT_ZERO, AP_SAT_SYM, "
                + "AP_WRAP_SM (the AP_ prefix is optional), got '" + text + "'");
    }
}
