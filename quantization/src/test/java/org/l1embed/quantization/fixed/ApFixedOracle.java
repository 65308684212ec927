package org.l1embed.quantization.fixed;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * An independent, deliberately slow reference for the vendor's {@code ap_fixed} semantics, written straight
 * from the rule tables of {@code docs/fixed-point.md} ("Representation", "Conversion", "From double / float",
 * "Arithmetic result types") with {@link BigInteger}/{@link BigDecimal} arithmetic only.
 *
 * <p>It must never call {@link Conversion} or {@link FixedMath} (the code under test), nor the derived
 * helpers of {@link FixedType} such as {@code minRaw()}, {@code sumType()} or {@code quantize()}: it only
 * reads the five record components of a {@link FixedType}. Nothing here is limited to 64 bits, so it is
 * usable for any width and any shift; other tests (e.g. an emulator reference) may reuse it.
 *
 * <p>Every value is a pair (raw integer r, fractional bits F) meaning r · 2^(-F).
 */
public final class ApFixedOracle {

    private static final BigInteger TWO = BigInteger.valueOf(2);

    private ApFixedOracle() {
    }

    /** The full outcome of one conversion: the target raw plus what happened on the way. */
    public record Outcome(BigInteger raw, boolean inexact, boolean overflowed) {
    }

    /** An exact binary value raw · 2^(-fractionalBits). */
    public record Exact(BigInteger raw, int fractionalBits) {
    }

    // ------------------------------------------------------------------ representation

    /** 2^n for n >= 0. */
    public static BigInteger pow2(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("pow2 of a negative exponent: " + n);
        }
        return TWO.pow(n);
    }

    /** F = W - I. */
    public static int fractionalBits(FixedType t) {
        return t.width() - t.integerBits();
    }

    /** Smallest raw value: -2^(W-1) when signed, 0 when unsigned. */
    public static BigInteger minRaw(FixedType t) {
        return t.signed() ? pow2(t.width() - 1).negate() : BigInteger.ZERO;
    }

    /** Largest raw value: 2^(W-1) - 1 when signed, 2^W - 1 when unsigned. */
    public static BigInteger maxRaw(FixedType t) {
        return t.signed() ? pow2(t.width() - 1).subtract(BigInteger.ONE) : pow2(t.width()).subtract(BigInteger.ONE);
    }

    /** True when raw lies in [minRaw, maxRaw] of t. */
    public static boolean contains(FixedType t, BigInteger raw) {
        return raw.compareTo(minRaw(t)) >= 0 && raw.compareTo(maxRaw(t)) <= 0;
    }

    /** The exact value raw · 2^(-F). */
    public static BigDecimal value(BigInteger raw, int fractionalBits) {
        if (fractionalBits >= 0) {
            // exact: 2^-F has at most F decimal digits
            return new BigDecimal(raw).divide(new BigDecimal(pow2(fractionalBits)));
        }
        return new BigDecimal(raw.multiply(pow2(-fractionalBits)));
    }

    /** The exact value of a raw integer of type t. */
    public static BigDecimal value(BigInteger raw, FixedType t) {
        return value(raw, fractionalBits(t));
    }

    // ------------------------------------------------------------------ conversion

    /**
     * Converts the source value r · 2^(-sourceFractionalBits) into {@code target} (assignment/cast semantics):
     * quantization with the target's rounding mode, then overflow handling with its overflow mode.
     *
     * @return the target raw integer
     */
    public static BigInteger convert(BigInteger raw, int sourceFractionalBits, FixedType target) {
        return convertDetailed(raw, sourceFractionalBits, target).raw();
    }

    /** As {@link #convert(BigInteger, int, FixedType)} for a long raw. */
    public static BigInteger convert(long raw, int sourceFractionalBits, FixedType target) {
        return convert(BigInteger.valueOf(raw), sourceFractionalBits, target);
    }

    /**
     * True when the overflow mode of {@code target} acts on this conversion: the rounded value q lies
     * outside the target range, or (signed AP_SAT_SYM, W > 1) q is the in-range minimum that is remapped.
     */
    public static boolean overflows(BigInteger raw, int sourceFractionalBits, FixedType target) {
        return convertDetailed(raw, sourceFractionalBits, target).overflowed();
    }

    /** True when bits below the target LSB are non-zero (sh > 0 and rem != 0). */
    public static boolean isInexact(BigInteger raw, int sourceFractionalBits, FixedType target) {
        return convertDetailed(raw, sourceFractionalBits, target).inexact();
    }

    /** The conversion rule of the doc, step by step. */
    public static Outcome convertDetailed(BigInteger r, int sourceFractionalBits, FixedType target) {
        int w = target.width();
        int f = fractionalBits(target);
        int sh = Math.toIntExact((long) sourceFractionalBits - (long) f);

        BigInteger q;           // target raw before overflow handling
        BigInteger lDSource;    // fl when sh > 0, q when sh <= 0 (for AP_WRAP_SM)
        boolean inexact;
        if (sh > 0) {
            BigInteger p = pow2(sh);
            BigInteger fl = floorDiv(r, p);
            BigInteger rem = r.subtract(fl.multiply(p));
            BigInteger h = pow2(sh - 1);
            int remVsH = rem.compareTo(h);
            boolean remNonZero = rem.signum() != 0;
            boolean negative = r.signum() < 0;
            boolean positive = r.signum() > 0;
            boolean increment = switch (target.rounding()) {
                case TRN -> false;
                case TRN_ZERO -> negative && remNonZero;
                case RND -> remVsH >= 0;
                case RND_ZERO -> remVsH > 0 || (remVsH == 0 && negative);
                case RND_MIN_INF -> remVsH > 0;
                case RND_INF -> remVsH > 0 || (remVsH == 0 && positive);
                case RND_CONV -> remVsH > 0 || (remVsH == 0 && fl.testBit(0));
            };
            q = increment ? fl.add(BigInteger.ONE) : fl;
            lDSource = fl;
            inexact = remNonZero;
        } else {
            q = r.multiply(pow2(-sh));
            lDSource = q;
            inexact = false;
        }

        BigInteger min = minRaw(target);
        BigInteger max = maxRaw(target);
        boolean symmetric = target.overflow() == Overflow.SAT_SYM && target.signed() && w > 1;
        if (symmetric && q.equals(min)) {
            // AP_SAT_SYM also remaps the in-range minimum
            return new Outcome(min.add(BigInteger.ONE), inexact, true);
        }
        boolean inRange = q.compareTo(min) >= 0 && q.compareTo(max) <= 0;
        if (inRange) {
            return new Outcome(q, inexact, false);
        }
        BigInteger result = switch (target.overflow()) {
            case WRAP -> wrap(q, w, target.signed());
            case SAT -> q.compareTo(min) < 0 ? min : max;
            case SAT_ZERO -> BigInteger.ZERO;
            case SAT_SYM -> {
                if (symmetric) {
                    yield q.compareTo(min) < 0 ? max.negate() : max;
                }
                yield q.compareTo(min) < 0 ? min : max; // unsigned, or signed W = 1: as AP_SAT
            }
            case WRAP_SM -> {
                if (!target.signed()) {
                    throw new IllegalStateException("AP_WRAP_SM on an unsigned type is an error: " + target);
                }
                BigInteger v = q.mod(pow2(w));                 // 0 .. 2^W - 1
                boolean ro = v.testBit(w - 1);                  // MSB(V)
                boolean lD = lDSource.testBit(w);               // bit W (two's complement, infinite sign extension)
                if (lD != ro) {
                    v = v.xor(pow2(w).subtract(BigInteger.ONE)); // invert all W bits
                }
                v = lD ? v.setBit(w - 1) : v.clearBit(w - 1);
                yield toSigned(v, w);
            }
        };
        return new Outcome(result, inexact, true);
    }

    /** floor(a / b) for b > 0, with the remainder made non-negative explicitly. */
    public static BigInteger floorDiv(BigInteger a, BigInteger b) {
        BigInteger[] qr = a.divideAndRemainder(b); // truncating
        if (qr[1].signum() < 0) {
            return qr[0].subtract(BigInteger.ONE);
        }
        return qr[0];
    }

    /** The low W bits of q, sign-extended when signed. */
    public static BigInteger wrap(BigInteger q, int w, boolean signed) {
        BigInteger v = q.mod(pow2(w));
        return signed ? toSigned(v, w) : v;
    }

    /** Interprets a W-bit pattern 0 .. 2^W - 1 as a signed two's-complement number. */
    private static BigInteger toSigned(BigInteger v, int w) {
        return v.testBit(w - 1) ? v.subtract(pow2(w)) : v;
    }

    // ------------------------------------------------------------------ from double / float

    /**
     * The exact binary value of a finite double as raw · 2^(-F), F >= 0, found through its exact decimal
     * expansion {@code new BigDecimal(x)}: u · 10^(-s) = (u / 5^s) · 2^(-s), and u is divisible by 5^s.
     */
    public static Exact exactBinary(double x) {
        if (Double.isNaN(x) || Double.isInfinite(x)) {
            throw new IllegalArgumentException("not a finite double: " + x);
        }
        BigDecimal d = new BigDecimal(x);
        BigInteger u = d.unscaledValue();
        int s = d.scale();
        if (s <= 0) {
            return new Exact(u.multiply(BigInteger.TEN.pow(-s)), 0);
        }
        BigInteger[] qr = u.divideAndRemainder(BigInteger.valueOf(5).pow(s));
        if (qr[1].signum() != 0) {
            throw new AssertionError("a double is always dyadic: " + x);
        }
        return new Exact(qr[0], s);
    }

    /** Converts the exact value of x into target (no double rounding). */
    public static BigInteger fromDouble(double x, FixedType target) {
        return fromDoubleDetailed(x, target).raw();
    }

    /** As {@link #fromDouble}, with what happened on the way. */
    public static Outcome fromDoubleDetailed(double x, FixedType target) {
        Exact e = exactBinary(x);
        return convertDetailed(e.raw(), e.fractionalBits(), target);
    }

    /** A float widens to double exactly first. */
    public static BigInteger fromFloat(float x, FixedType target) {
        return fromDouble((double) x, target);
    }

    // ------------------------------------------------------------------ arithmetic result types (exact)

    /** a·b: W1+W2, I1+I2, signed if either is; default modes. */
    public static FixedType productType(FixedType a, FixedType b) {
        return new FixedType(a.width() + b.width(), a.integerBits() + b.integerBits(), a.signed() || b.signed(),
                Rounding.TRN, Overflow.WRAP);
    }

    /** a+b: I_r = max(I1 + [S2 and not S1], I2 + [S1 and not S2]) + 1, W = I_r + max(F1, F2). */
    public static FixedType sumType(FixedType a, FixedType b) {
        int i1 = a.integerBits() + (b.signed() && !a.signed() ? 1 : 0);
        int i2 = b.integerBits() + (a.signed() && !b.signed() ? 1 : 0);
        int ir = Math.max(i1, i2) + 1;
        int f = Math.max(fractionalBits(a), fractionalBits(b));
        return new FixedType(ir + f, ir, a.signed() || b.signed(), Rounding.TRN, Overflow.WRAP);
    }

    /** a−b: as a+b, always signed. */
    public static FixedType differenceType(FixedType a, FixedType b) {
        FixedType s = sumType(a, b);
        return new FixedType(s.width(), s.integerBits(), true, Rounding.TRN, Overflow.WRAP);
    }

    /** −a: W+1, I+1, signed. */
    public static FixedType negationType(FixedType a) {
        return new FixedType(a.width() + 1, a.integerBits() + 1, true, Rounding.TRN, Overflow.WRAP);
    }

    /** Raw of the exact product in {@link #productType}: r1·r2 (F = F1 + F2). */
    public static BigInteger multiply(BigInteger r1, FixedType a, BigInteger r2, FixedType b) {
        return r1.multiply(r2);
    }

    /** r aligned from fractional bits f to fractional bits fTo >= f: r · 2^(fTo - f). */
    public static BigInteger align(BigInteger r, int f, int fTo) {
        if (fTo < f) {
            throw new IllegalArgumentException("alignment can only add fractional bits: " + f + " -> " + fTo);
        }
        return r.multiply(pow2(fTo - f));
    }

    /** Raw of the exact sum in {@link #sumType}: aligned r1 + r2 at F = max(F1, F2). */
    public static BigInteger add(BigInteger r1, FixedType a, BigInteger r2, FixedType b) {
        int f = Math.max(fractionalBits(a), fractionalBits(b));
        return align(r1, fractionalBits(a), f).add(align(r2, fractionalBits(b), f));
    }

    /** Raw of the exact difference in {@link #differenceType}: aligned r1 − r2 at F = max(F1, F2). */
    public static BigInteger subtract(BigInteger r1, FixedType a, BigInteger r2, FixedType b) {
        int f = Math.max(fractionalBits(a), fractionalBits(b));
        return align(r1, fractionalBits(a), f).subtract(align(r2, fractionalBits(b), f));
    }

    /** Raw of the exact negation in {@link #negationType}: −r (F unchanged). */
    public static BigInteger negate(BigInteger r, FixedType a) {
        return r.negate();
    }
}
