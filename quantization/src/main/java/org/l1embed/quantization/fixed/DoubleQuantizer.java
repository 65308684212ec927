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

    /**
     * Converts {@code n} floats from {@code src[offset..]} into {@code dst[0..n)}: the same results as
     * {@link #quantize(double)} on each value. Where every value takes the fast path (finite, scaled magnitude
     * in [2^-1022, 2^62) or zero) and the target allows the branch-free overflow loop, the work is branch-free
     * loops the JIT can vectorize; otherwise value by value.
     *
     * @throws IllegalArgumentException if a value is NaN or infinite
     */
    public void quantizeAll(float[] src, int offset, long[] dst, int n) {
        boolean fast = atTargetScale.bulkOverflowApplies();
        for (int i = 0; i < n && fast; i++) {
            double x = src[offset + i];
            double ay = Math.abs(x * scale);
            fast = ay < FAST_LIMIT && (ay >= Double.MIN_NORMAL || x == 0.0);
        }
        if (!fast) {
            for (int i = 0; i < n; i++) {
                dst[i] = quantize(src[offset + i]);
            }
            return;
        }
        roundAll(src, offset, dst, n);
        atTargetScale.overflowInPlace(dst, n);
    }

    /**
     * dst[i] := floor(y) + rounding increment with y = src[i]·2^F exact. Branch-free: with rem = y - floor(y)
     * in [0, 1) exact, {@code (long)(2·rem)} is [rem >= 1/2], {@code max(ceil(2·rem - 1), 0)} is [rem > 1/2]
     * (the subtraction may round only where 2·rem < 1/2, never across zero), their difference is [rem == 1/2],
     * and {@code ceil(rem)} is [rem != 0].
     */
    private void roundAll(float[] src, int offset, long[] dst, int n) {
        final double s = scale;
        switch (rounding) {
            case TRN -> {
                for (int i = 0; i < n; i++) {
                    dst[i] = (long) Math.floor(src[offset + i] * s);
                }
            }
            case TRN_ZERO -> {
                for (int i = 0; i < n; i++) {
                    double y = src[offset + i] * s;
                    double fl = Math.floor(y);
                    long negative = Double.doubleToRawLongBits(y) >>> 63;
                    dst[i] = (long) fl + (negative & (long) Math.ceil(y - fl));
                }
            }
            case RND -> {
                for (int i = 0; i < n; i++) {
                    double y = src[offset + i] * s;
                    double fl = Math.floor(y);
                    dst[i] = (long) fl + (long) ((y - fl) * 2.0);
                }
            }
            case RND_MIN_INF -> {
                for (int i = 0; i < n; i++) {
                    double y = src[offset + i] * s;
                    double fl = Math.floor(y);
                    dst[i] = (long) fl + Math.max((long) Math.ceil((y - fl) * 2.0 - 1.0), 0L);
                }
            }
            case RND_ZERO, RND_INF, RND_CONV -> {
                for (int i = 0; i < n; i++) {
                    double y = src[offset + i] * s;
                    double fl = Math.floor(y);
                    double rem = y - fl;
                    long f = (long) fl;
                    long atLeastHalf = (long) (rem * 2.0);
                    long above = Math.max((long) Math.ceil(rem * 2.0 - 1.0), 0L);
                    long tie = atLeastHalf - above;
                    long tieUp = switch (rounding) {
                        case RND_ZERO -> Double.doubleToRawLongBits(y) >>> 63;           // negative
                        case RND_INF -> Double.doubleToRawLongBits(-y) >>> 63;           // positive (a tie has y != 0)
                        default -> f & 1L;                                               // odd
                    };
                    dst[i] = f + (above | (tie & tieUp));
                }
            }
        }
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
