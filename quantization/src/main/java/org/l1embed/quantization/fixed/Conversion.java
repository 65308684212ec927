package org.l1embed.quantization.fixed;

/**
 * One conversion into a fixed-point type, precompiled for a source with a given number of fractional
 * bits: {@code apply(r)} converts the value {@code r · 2^-Fs} into the target exactly as the vendor's
 * {@code ap_fixed} assignment does (the integer rules of {@code docs/fixed-point.md}).
 *
 * <p>Immutable and thread-safe; made once per layer tensor and used in hot loops on raw {@code long}s.
 * Source raw values may be any {@code long}; the shift between source and target may be any size
 * (bits shifted beyond 64 are handled exactly, not by Java's modulo-64 shift).
 */
public final class Conversion {

    private final FixedType target;
    private final int shift;          // sh = Fs - F; > 0 drops bits, <= 0 appends zeros
    private final int width;
    private final boolean signed;
    private final Rounding rounding;
    private final Overflow overflow;
    private final long min;
    private final long max;

    private Conversion(int sourceFractionalBits, FixedType target) {
        target.requireFitsLong();
        this.target = target;
        this.shift = sourceFractionalBits - target.fractionalBits();
        this.width = target.width();
        this.signed = target.signed();
        this.rounding = target.rounding();
        this.overflow = target.overflow();
        this.min = target.minRaw();
        this.max = target.maxRaw();
    }

    /**
     * A conversion from values with {@code sourceFractionalBits} fractional bits into {@code target}.
     *
     * @throws ArithmeticException if the target's raw values do not fit a {@code long}
     */
    public static Conversion of(int sourceFractionalBits, FixedType target) {
        return new Conversion(sourceFractionalBits, target);
    }

    /** A conversion from one fixed-point type into another. */
    public static Conversion between(FixedType source, FixedType target) {
        return new Conversion(source.fractionalBits(), target);
    }

    public FixedType target() {
        return target;
    }

    /** Source fractional bits minus target fractional bits. */
    public int shift() {
        return shift;
    }

    /** True when no value can be rounded: the target keeps every source fractional bit. */
    public boolean isExactScaling() {
        return shift <= 0;
    }

    /** Converts {@code raw · 2^-Fs} into the target; returns the target raw value. */
    public long apply(long raw) {
        if (shift > 0) {
            long fl = floorShift(raw, shift);
            long q = fl + roundingIncrement(raw, shift, fl, rounding);
            return handleOverflow(q, fl);
        }
        int s = -shift;
        if (s == 0 || fitsAfterLeftShift(raw, s)) {
            long q = raw << s;
            return handleOverflow(q, q);
        }
        return handleOutOfLongRange(raw, s);
    }

    /**
     * Converts {@code values[0..n)} in place; the same results as {@link #apply} on each value.
     *
     * <p>For a right shift of 1..62 bits into a target of at most 62 bits with any mode but WRAP_SM — every
     * activation and result conversion of the networks l1embed emulates — this runs branch-free loops (one for
     * rounding, one for overflow) that the JIT can vectorize; data-dependent branches would mispredict on
     * random fractions. Everything else goes value by value through {@link #apply}.
     */
    public void applyInPlace(long[] values, int n) {
        if (shift < 1 || shift > 62 || !bulkOverflowApplies()) {
            for (int i = 0; i < n; i++) {
                values[i] = apply(values[i]);
            }
            return;
        }
        roundInPlace(values, n);
        overflowInPlace(values, n);
    }

    /** values[i] := floor(values[i] / 2^shift) + rounding increment; branch-free. */
    private void roundInPlace(long[] v, int n) {
        final int sh = shift;
        final long mask = (1L << sh) - 1;
        final long h = 1L << (sh - 1);
        switch (rounding) {
            case TRN -> {
                for (int i = 0; i < n; i++) {
                    v[i] = v[i] >> sh;
                }
            }
            case TRN_ZERO -> {
                for (int i = 0; i < n; i++) {
                    long a = v[i];
                    long rem = a & mask;
                    v[i] = (a >> sh) + ((a >>> 63) & ((rem | -rem) >>> 63));         // negative and inexact
                }
            }
            case RND -> {
                for (int i = 0; i < n; i++) {
                    long a = v[i];
                    v[i] = (a >> sh) + (1 - (((a & mask) - h) >>> 63));                // rem >= h
                }
            }
            case RND_MIN_INF -> {
                for (int i = 0; i < n; i++) {
                    long a = v[i];
                    v[i] = (a >> sh) + ((h - (a & mask)) >>> 63);                       // rem > h
                }
            }
            case RND_ZERO, RND_INF, RND_CONV -> {
                for (int i = 0; i < n; i++) {
                    long a = v[i];
                    long fl = a >> sh;
                    long rem = a & mask;
                    long above = (h - rem) >>> 63;                                      // rem > h
                    long x = rem ^ h;
                    long tie = ((x - 1) & ~x) >>> 63;                                    // rem == h
                    long tieUp = switch (rounding) {
                        case RND_ZERO -> a >>> 63;                                       // negative
                        case RND_INF -> (-a) >>> 63;                                     // positive (a != MIN: a tie has a != 0 and |a| < 2^63)
                        default -> fl & 1L;                                              // odd
                    };
                    v[i] = fl + (above | (tie & tieUp));
                }
            }
        }
    }

    /** True when {@link #overflowInPlace} handles this target (for rounded values with |q| <= 2^62). */
    boolean bulkOverflowApplies() {
        return width <= 62 && overflow != Overflow.WRAP_SM;
    }

    /**
     * Overflow handling of rounded values (|q| <= 2^62, so no difference below overflows) in place; branch-free.
     * Needs {@link #bulkOverflowApplies()}.
     */
    void overflowInPlace(long[] v, int n) {
        final long lo = min;
        final long hi = max;
        switch (overflow) {
            case WRAP -> {
                final int unused = 64 - width;
                if (signed) {
                    for (int i = 0; i < n; i++) {
                        v[i] = (v[i] << unused) >> unused;
                    }
                } else {
                    for (int i = 0; i < n; i++) {
                        v[i] = (v[i] << unused) >>> unused;
                    }
                }
            }
            case SAT -> {
                for (int i = 0; i < n; i++) {
                    v[i] = Math.min(Math.max(v[i], lo), hi);
                }
            }
            case SAT_SYM -> {
                // signed, W > 1: clamp to [-max, max], which also maps an in-range minimum to -max; else as SAT
                final long symLo = signed && width > 1 ? -hi : lo;
                for (int i = 0; i < n; i++) {
                    v[i] = Math.min(Math.max(v[i], symLo), hi);
                }
            }
            case SAT_ZERO -> {
                for (int i = 0; i < n; i++) {
                    long q = v[i];
                    long inside = ~(((q - lo) | (hi - q)) >> 63);                        // all ones when lo <= q <= hi
                    v[i] = q & inside;
                }
            }
            case WRAP_SM -> throw new AssertionError("WRAP_SM takes the value-by-value path");
        }
    }

    /** True when the rounded value of {@code raw} lies outside the target range, so the overflow mode acts. */
    public boolean overflows(long raw) {
        if (shift > 0) {
            long fl = floorShift(raw, shift);
            return overflowsRounded(fl + roundingIncrement(raw, shift, fl, rounding));
        }
        int s = -shift;
        if (s == 0 || fitsAfterLeftShift(raw, s)) {
            return overflowsRounded(raw << s);
        }
        return true;
    }

    /** True when bits of {@code raw} below the target LSB are non-zero, so the rounding mode matters. */
    public boolean isInexact(long raw) {
        if (shift <= 0) {
            return false;
        }
        return shift >= 64 ? raw != 0 : (raw & ((1L << shift) - 1)) != 0;
    }

    /** True when q (in target LSBs, already rounded) is outside the range or is remapped by SAT_SYM. */
    boolean overflowsRounded(long q) {
        return q < min || q > max || isSymmetricMinimum(q);
    }

    private boolean isSymmetricMinimum(long q) {
        return overflow == Overflow.SAT_SYM && signed && width > 1 && q == min;
    }

    // ---------------------------------------------------------------- rounding

    /** floor(raw / 2^sh) for sh >= 1, including sh >= 64. */
    static long floorShift(long raw, int sh) {
        return sh >= 64 ? (raw < 0 ? -1L : 0L) : raw >> sh;
    }

    /**
     * The 0/1 increment that the rounding mode adds to fl = floor(raw / 2^sh), sh >= 1. The common decision
     * (remainder above half an LSB) is written as a conditional move; exact ties, rare, take a branch.
     */
    static long roundingIncrement(long raw, int sh, long fl, Rounding rounding) {
        if (rounding == Rounding.TRN) {
            return 0L;
        }
        // rem = raw - fl·2^sh in [0, 2^sh); h = 2^(sh-1). cmp = sign(rem - h).
        int cmp;
        boolean remNonZero;
        if (sh < 64) {
            long rem = raw & ((1L << sh) - 1);   // raw - fl·2^sh, in [0, 2^sh)
            long h = 1L << (sh - 1);
            switch (rounding) {
                case TRN_ZERO:
                    return rem != 0 ? raw >>> 63 : 0L;
                case RND:
                    return rem >= h ? 1L : 0L;
                case RND_MIN_INF:
                    return rem > h ? 1L : 0L;
                default:
                    break;
            }
            if (rem != h) {
                return rem > h ? 1L : 0L;
            }
            cmp = 0;
            remNonZero = true;
        } else if (raw >= 0) {
            cmp = -1;                 // rem = raw < 2^63 <= h
            remNonZero = raw != 0;
        } else {
            // rem = 2^sh + raw >= 2^sh - 2^63 >= h, equal only when sh == 64 and raw == -2^63
            cmp = (sh == 64 && raw == Long.MIN_VALUE) ? 0 : 1;
            remNonZero = true;
        }
        boolean up = switch (rounding) {
            case TRN -> false;
            case TRN_ZERO -> raw < 0 && remNonZero;
            case RND -> cmp >= 0;
            case RND_ZERO -> cmp > 0 || (cmp == 0 && raw < 0);
            case RND_MIN_INF -> cmp > 0;
            case RND_INF -> cmp > 0 || (cmp == 0 && raw > 0);
            case RND_CONV -> cmp > 0 || (cmp == 0 && (fl & 1L) != 0);
        };
        return up ? 1L : 0L;
    }

    private static boolean fitsAfterLeftShift(long raw, int s) {
        if (raw == 0) {
            return true;
        }
        if (s >= 64) {
            return false;
        }
        return (raw << s) >> s == raw;   // for s == 63 only 0 and -1 survive
    }

    // ---------------------------------------------------------------- overflow

    /**
     * Overflow handling for a rounded value q (in target LSBs) that fits a long; fl is the value whose bit W
     * the WRAP_SM rule reads (floor before rounding, or q itself when nothing was rounded).
     */
    long handleOverflow(long q, long fl) {
        if (q >= min && q <= max) {
            return isSymmetricMinimum(q) ? min + 1 : q;
        }
        return switch (overflow) {
            case WRAP -> wrap(q);
            case SAT -> q < min ? min : max;
            case SAT_ZERO -> 0L;
            case SAT_SYM -> clampSymmetric(q < 0);
            case WRAP_SM -> wrapSignMagnitude(q, bit(fl, width));
        };
    }

    /** Overflow handling when the exact value raw · 2^s (s >= 1) exceeds a long: always out of range. */
    private long handleOutOfLongRange(long raw, int s) {
        long low = s >= 64 ? 0L : raw << s;   // the low 64 bits of raw · 2^s
        return switch (overflow) {
            case WRAP -> wrap(low);
            case SAT -> raw < 0 ? min : max;
            case SAT_ZERO -> 0L;
            case SAT_SYM -> clampSymmetric(raw < 0);
            case WRAP_SM -> wrapSignMagnitude(low, width - s >= 0 ? bit(raw, width - s) : 0);
        };
    }

    private long clampSymmetric(boolean negative) {
        if (!signed || width == 1) {
            return negative ? min : max;
        }
        return negative ? -max : max;
    }

    private long wrap(long q) {
        int unused = 64 - width;
        return signed ? (q << unused) >> unused : (q << unused) >>> unused;
    }

    /** The vendor's sign-magnitude wrap (signed targets only): see docs/fixed-point.md. */
    private long wrapSignMagnitude(long q, int lD) {
        long mask = width == 64 ? -1L : (1L << width) - 1;
        long v = q & mask;
        int ro = (int) ((v >>> (width - 1)) & 1L);
        if (lD != ro) {
            v = ~v & mask;
        }
        long msb = 1L << (width - 1);
        v = lD == 1 ? (v | msb) : (v & ~msb);
        int unused = 64 - width;
        return (v << unused) >> unused;
    }

    /** Bit k of the two's-complement value x, for any k >= 0 (sign extension beyond bit 63). */
    private static int bit(long x, int k) {
        return (int) ((x >> Math.min(k, 63)) & 1L);
    }

    // ---------------------------------------------------------------- from double

    /** A finite double as the exact value raw · 2^-fractionalBits, with raw odd or zero (|raw| < 2^53). */
    private record ExactDouble(long raw, int fractionalBits) {
        static ExactDouble of(double x, FixedType target) {
            if (Double.isNaN(x) || Double.isInfinite(x)) {
                throw new IllegalArgumentException("cannot convert " + x + " to " + target
                        + ": the value must be finite (NaN and infinities have no fixed-point value)");
            }
            if (x == 0.0) {
                return new ExactDouble(0L, 0);
            }
            long bits = Double.doubleToRawLongBits(x);
            int exponentField = (int) ((bits >>> 52) & 0x7FF);
            long mantissa = bits & 0x000F_FFFF_FFFF_FFFFL;
            int exponent;
            if (exponentField == 0) {
                exponent = -1074;                       // subnormal: m · 2^-1074
            } else {
                mantissa |= 1L << 52;
                exponent = exponentField - 1075;
            }
            int tz = Long.numberOfTrailingZeros(mantissa);
            return new ExactDouble(bits < 0 ? -(mantissa >> tz) : mantissa >> tz, -(exponent + tz));
        }
    }

    /** The exact-path conversion of a double, used by {@link DoubleQuantizer} where its fast path does not apply. */
    static long fromDouble(double x, FixedType target) {
        ExactDouble e = ExactDouble.of(x, target);
        return Conversion.of(e.fractionalBits(), target).apply(e.raw());
    }

    static Quantized fromDoubleDetailed(double x, FixedType target) {
        ExactDouble e = ExactDouble.of(x, target);
        Conversion c = Conversion.of(e.fractionalBits(), target);
        return new Quantized(target, c.apply(e.raw()), c.isInexact(e.raw()), c.overflows(e.raw()));
    }
}
