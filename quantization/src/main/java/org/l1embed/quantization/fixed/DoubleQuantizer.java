package org.l1embed.quantization.fixed;

/**
 * Converts doubles (and floats) into one fixed-point type, fast, with exactly the result of
 * {@link FixedType#quantize(double)}.
 *
 * <p>The fast path multiplies by 2^F — exact whenever the result is a normal double —
 * and reads the bits below the LSB from {@code y - floor(y)}, which is exact for every double. Values whose
 * scaled magnitude is at least 2^62 or below the normal range take the exact decomposition path instead.
 * Immutable and thread-safe.
 */
public final class DoubleQuantizer {

    private static final double FAST_LIMIT = 0x1p62;

    private final FixedType target;
    private final Conversion atTargetScale;
    private final double scale;          // 2^F when that is a normal double, else NaN (exact path only)
    private final Rounding rounding;

    public DoubleQuantizer(FixedType target) {
        this.target = target;
        this.atTargetScale = Conversion.of(target.fractionalBits(), target);
        int f = target.fractionalBits();
        this.scale = Math.abs(f) <= 1022 ? Math.scalb(1.0, f) : Double.NaN;
        this.rounding = target.rounding();
    }

    public FixedType target() {
        return target;
    }

    /**
     * The raw value of {@code x} converted into the target.
     *
     * @throws IllegalArgumentException if {@code x} is NaN or infinite
     */
    public long quantize(double x) {
        double y = x * scale;   // a power of two: exact unless the result leaves the normal range
        double ay = Math.abs(y);
        if (!(ay < FAST_LIMIT) || (ay < Double.MIN_NORMAL && x != 0.0)) {
            return Conversion.fromDouble(x, target);   // NaN, infinities, huge or subnormal-scaled values
        }
        double floor = Math.floor(y);
        double rem = y - floor;                        // exact, in [0, 1)
        long fl = (long) floor;
        return atTargetScale.handleOverflow(fl + increment(fl, rem, y), fl);
    }

    /** True when {@code x} overflows the target (the overflow mode acts). */
    public boolean overflows(double x) {
        return target.quantizeDetailed(x).overflowed();
    }

    /**
     * The 0/1 rounding increment for fl = floor(y), rem = y - fl in [0, 1). Written so that the common,
     * data-dependent decision ({@code rem > 0.5}) is a conditional move, not a branch: random fractions would
     * mispredict half the time. Exact ties are rare and take a branch.
     */
    private long increment(long fl, double rem, double y) {
        switch (rounding) {
            case TRN:
                return 0L;
            case TRN_ZERO:
                return rem != 0.0 ? Double.doubleToRawLongBits(y) >>> 63 : 0L;
            case RND:
                return rem >= 0.5 ? 1L : 0L;
            case RND_MIN_INF:
                return rem > 0.5 ? 1L : 0L;
            default:
                break;
        }
        long above = rem > 0.5 ? 1L : 0L;
        if (rem != 0.5) {
            return above;
        }
        return switch (rounding) {
            case RND_ZERO -> y < 0 ? 1L : 0L;
            case RND_INF -> y > 0 ? 1L : 0L;
            case RND_CONV -> fl & 1L;
            case TRN, TRN_ZERO, RND, RND_MIN_INF -> throw new AssertionError(rounding);
        };
    }
}
