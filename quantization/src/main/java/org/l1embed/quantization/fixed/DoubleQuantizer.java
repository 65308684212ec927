package org.l1embed.quantization.fixed;

/**
 * Converts doubles (and floats) into one fixed-point type, fast, with exactly the result of
 * {@link FixedType#quantize(double)}.
 *
 * <p>The fast path multiplies by 2^F — exact whenever the result y is a normal double — and takes
 * fl = floor(y). It never computes the remainder y − fl (not exact for small negative y: −2^-60 − (−1)
 * rounds to 1.0); it compares y itself with fl + ½ instead. fl + ½ is exact for |y| < 2^52, and the sign
 * of a difference of two doubles is always exact (it is zero only when they are equal), so
 * d = y − (fl + ½) gives [rem &gt; ½] = [d &gt; 0], [rem ≥ ½] = [d ≥ 0], [rem = ½] = [d = 0], and
 * [rem ≠ 0] = [y − fl &gt; 0]. Values with |y| ≥ 2^52, subnormal y, NaN and infinities take the exact
 * decomposition path. Immutable and thread-safe.
 */
public final class DoubleQuantizer {

    private static final double FAST_LIMIT = 0x1p52;

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
        if (!takesFastPath(x, y)) {
            return Conversion.fromDouble(x, target);
        }
        double fl = Math.floor(y);
        long f = (long) fl;
        return atTargetScale.handleOverflow(f + increment(rounding, y, fl, f), f);
    }

    private static boolean takesFastPath(double x, double y) {
        double ay = Math.abs(y);
        return ay < FAST_LIMIT && (ay >= Double.MIN_NORMAL || x == 0.0);
    }

    /**
     * The 0/1 rounding increment of y above fl = floor(y), |y| < 2^52, without branches on the data (a branch on
     * a random fraction mispredicts half the time): each test is a ceil of a value in (-1, 1].
     */
    private static long increment(Rounding rounding, double y, double fl, long f) {
        double d = y - (fl + 0.5);                            // sign exact; in [-0.5, 0.5)
        switch (rounding) {
            case TRN:
                return 0L;
            case TRN_ZERO:
                return (Double.doubleToRawLongBits(y) >>> 63) & (long) Math.ceil(y - fl);   // negative and inexact
            case RND:
                return 1L - (long) Math.ceil(-d);                                          // rem >= 1/2
            case RND_MIN_INF:
                return (long) Math.ceil(d);                                                // rem > 1/2
            default:
                break;
        }
        long above = (long) Math.ceil(d);
        long tie = 1L - (long) Math.ceil(-d) - above;                                      // rem == 1/2
        long tieUp = switch (rounding) {
            case RND_ZERO -> Double.doubleToRawLongBits(y) >>> 63;                         // negative
            case RND_INF -> Double.doubleToRawLongBits(-y) >>> 63;                         // positive (a tie has y != 0)
            case RND_CONV -> f & 1L;                                                       // odd
            case TRN, TRN_ZERO, RND, RND_MIN_INF -> throw new AssertionError(rounding);
        };
        return above | (tie & tieUp);
    }

    /**
     * Converts {@code n} floats from {@code src[offset..]} into {@code dst[0..n)}: the same results as
     * {@link #quantize(double)} on each value. Where every value takes the fast path and the target allows the
     * branch-free overflow loop, this is two loops without data-dependent branches; otherwise value by value.
     *
     * @throws IllegalArgumentException if a value is NaN or infinite
     */
    public void quantizeAll(float[] src, int offset, long[] dst, int n) {
        boolean fast = atTargetScale.bulkOverflowApplies();
        for (int i = 0; i < n && fast; i++) {
            double x = src[offset + i];
            fast = takesFastPath(x, x * scale);
        }
        if (!fast) {
            for (int i = 0; i < n; i++) {
                dst[i] = quantize(src[offset + i]);
            }
            return;
        }
        final double s = scale;
        final Rounding r = rounding;
        if (r == Rounding.TRN) {
            for (int i = 0; i < n; i++) {
                dst[i] = (long) Math.floor(src[offset + i] * s);
            }
        } else {
            for (int i = 0; i < n; i++) {
                double y = src[offset + i] * s;
                double fl = Math.floor(y);
                long f = (long) fl;
                dst[i] = f + increment(r, y, fl, f);
            }
        }
        atTargetScale.overflowInPlace(dst, n);
    }

    /** True when {@code x} overflows the target (the overflow mode acts). */
    public boolean overflows(double x) {
        return target.quantizeDetailed(x).overflowed();
    }
}
