package org.l1embed.quantization.fixed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * Seeded random conversions between wide types (up to 64 bits signed, 63 unsigned, integer bits far outside
 * the width, shifts of 64 and more both ways) and from doubles/floats, compared with {@link ApFixedOracle}.
 */
class ConversionRandomTest {

    private static final Rounding[] Q = Rounding.values();
    private static final Overflow[] O = Overflow.values();

    /** Long.MIN/MAX, 0, ±1 and ±2^k, ±2^k ± 1 for every k. */
    private static final long[] SPECIAL_RAWS = specialRaws();

    private static long[] specialRaws() {
        List<Long> v = new ArrayList<>();
        v.add(Long.MIN_VALUE);
        v.add(Long.MIN_VALUE + 1);
        v.add(Long.MAX_VALUE);
        v.add(Long.MAX_VALUE - 1);
        v.add(0L);
        for (int k = 0; k <= 62; k++) {
            long p = 1L << k;
            for (long x : new long[] {p, p - 1, p + 1, -p, -p - 1, -p + 1}) {
                v.add(x);
            }
        }
        return v.stream().mapToLong(Long::longValue).toArray();
    }

    /** A random type whose raw values fit a long: signed W 1..64 or unsigned W 1..63, I in [-70, W+70]. */
    private static FixedType randomType(SplittableRandom rnd) {
        boolean signed = rnd.nextBoolean();
        int w = signed ? 1 + rnd.nextInt(64) : 1 + rnd.nextInt(63);
        if (rnd.nextInt(4) == 0) {
            w = signed ? 64 - rnd.nextInt(3) : 63 - rnd.nextInt(3); // favour the widest types
        }
        int i = -70 + rnd.nextInt(w + 141);
        Rounding q = Q[rnd.nextInt(Q.length)];
        Overflow o = O[rnd.nextInt(O.length)];
        if (!signed && o == Overflow.WRAP_SM) {
            o = Overflow.SAT_SYM;
        }
        return new FixedType(w, i, signed, q, o);
    }

    /** A shift sh = F_source - F_target: small, around ±64, or large both ways. */
    private static int randomShift(SplittableRandom rnd) {
        return switch (rnd.nextInt(4)) {
            case 0 -> -8 + rnd.nextInt(17);
            case 1 -> (rnd.nextBoolean() ? 64 : -64) + rnd.nextInt(-3, 4);
            case 2 -> rnd.nextInt(-70, 71);
            default -> rnd.nextInt(-200, 201);
        };
    }

    /** A raw: special, uniformly random, or random with a random bit length (so small values occur). */
    private static long randomRaw(SplittableRandom rnd) {
        return switch (rnd.nextInt(3)) {
            case 0 -> SPECIAL_RAWS[rnd.nextInt(SPECIAL_RAWS.length)];
            case 1 -> rnd.nextLong();
            default -> rnd.nextLong() >> rnd.nextInt(64);
        };
    }

    private static void check(long raw, int srcFrac, FixedType tgt) {
        ApFixedOracle.Outcome o = ApFixedOracle.convertDetailed(BigInteger.valueOf(raw), srcFrac, tgt);
        long expected = o.raw().longValueExact();
        String where = "raw " + raw + " with source F=" + srcFrac + " -> target " + tgt + " (F="
                + ApFixedOracle.fractionalBits(tgt) + ", sh=" + ((long) srcFrac - ApFixedOracle.fractionalBits(tgt)) + ")";
        Conversion c = Conversion.of(srcFrac, tgt);
        long actual = c.apply(raw);
        if (actual != expected) {
            assertEquals(expected, actual, "apply: " + where);
        }
        if (c.overflows(raw) != o.overflowed()) {
            assertEquals(o.overflowed(), c.overflows(raw), "overflows: " + where);
        }
        if (c.isInexact(raw) != o.inexact()) {
            assertEquals(o.inexact(), c.isInexact(raw), "isInexact: " + where);
        }
    }

    @Test
    void randomWideConversionsMatchTheOracle() {
        SplittableRandom rnd = new SplittableRandom(0x5eed_0001L);
        int n = 300_000;
        for (int it = 0; it < n; it++) {
            FixedType tgt = randomType(rnd);
            int srcFrac = ApFixedOracle.fractionalBits(tgt) + randomShift(rnd);
            check(randomRaw(rnd), srcFrac, tgt);
        }
    }

    @Test
    void everySpecialRawIntoRandomWideTargetsMatchesTheOracle() {
        SplittableRandom rnd = new SplittableRandom(0x5eed_0002L);
        for (int it = 0; it < 400; it++) {
            FixedType tgt = randomType(rnd);
            int srcFrac = ApFixedOracle.fractionalBits(tgt) + randomShift(rnd);
            for (long raw : SPECIAL_RAWS) {
                check(raw, srcFrac, tgt);
            }
        }
    }

    @Test
    void largeShiftsBothWaysMatchTheOracle() {
        SplittableRandom rnd = new SplittableRandom(0x5eed_0003L);
        int[] shifts = {63, 64, 65, 66, 100, 127, 128, 129, 500, 1100, -63, -64, -65, -66, -100, -128, -129, -500, -1100};
        for (int it = 0; it < 300; it++) {
            FixedType tgt = randomType(rnd);
            for (int sh : shifts) {
                int srcFrac = ApFixedOracle.fractionalBits(tgt) + sh;
                for (int k = 0; k < 10; k++) {
                    check(randomRaw(rnd), srcFrac, tgt);
                }
                check(0, srcFrac, tgt);
                check(-1, srcFrac, tgt);
                check(1, srcFrac, tgt);
                check(Long.MIN_VALUE, srcFrac, tgt);
                check(Long.MAX_VALUE, srcFrac, tgt);
            }
        }
    }

    @Test
    void exactTiesAndNeighboursRoundAsTheOracleSays() {
        SplittableRandom rnd = new SplittableRandom(0x5eed_0004L);
        for (int it = 0; it < 100_000; it++) {
            FixedType tgt = randomType(rnd);
            int sh = 1 + rnd.nextInt(62);
            int srcFrac = ApFixedOracle.fractionalBits(tgt) + sh;
            // raw = (2k+1) · 2^(sh-1): exactly halfway between two target LSBs
            long k = rnd.nextLong() >> (sh + rnd.nextInt(64 - sh));
            long tie = (2 * k + 1) << (sh - 1);
            if ((tie >> (sh - 1)) != 2 * k + 1) {
                continue; // did not fit
            }
            check(tie, srcFrac, tgt);
            if (tie != Long.MIN_VALUE) {
                check(tie - 1, srcFrac, tgt);
            }
            if (tie != Long.MAX_VALUE) {
                check(tie + 1, srcFrac, tgt);
            }
            check(-tie, srcFrac, tgt);
        }
    }

    @Test
    void valuesAtTheTargetRangeBoundariesMatchTheOracle() {
        SplittableRandom rnd = new SplittableRandom(0x5eed_0005L);
        for (int it = 0; it < 20_000; it++) {
            FixedType tgt = randomType(rnd);
            int sh = rnd.nextInt(-3, 4);
            int srcFrac = ApFixedOracle.fractionalBits(tgt) + sh;
            for (BigInteger edge : new BigInteger[] {ApFixedOracle.minRaw(tgt), ApFixedOracle.maxRaw(tgt)}) {
                BigInteger center = sh >= 0 ? edge.shiftLeft(sh) : edge.shiftRight(-sh);
                for (int d = -3; d <= 3; d++) {
                    BigInteger raw = center.add(BigInteger.valueOf(d));
                    if (raw.bitLength() < 64) {
                        check(raw.longValueExact(), srcFrac, tgt);
                    }
                }
            }
        }
    }

    /**
     * The minimum -2^63 of a 64-bit signed target is in range; reaching it exactly through a left shift of 63
     * (raw -1, sh = -63), or from the double -2^(I-1), is neither an overflow nor, with AP_SAT_ZERO, zero.
     */
    @Test
    void minimumOfA64BitTargetReachedByAShiftOf63IsInRange() {
        for (Rounding q : Rounding.values()) {
            for (Overflow o : Overflow.values()) {
                for (int i : new int[] {64, 62, 1, 0, -5}) {
                    FixedType tgt = new FixedType(64, i, true, q, o);
                    int srcFrac = ApFixedOracle.fractionalBits(tgt) - 63;
                    check(-1, srcFrac, tgt);
                    check(-2, srcFrac + 1, tgt);
                    check(Long.MIN_VALUE, ApFixedOracle.fractionalBits(tgt), tgt);
                    checkDouble(-Math.scalb(1.0, i - 1), tgt);
                    checkFloat(-Math.scalb(1.0f, i - 1), tgt);
                    FixedType src = FixedType.signed(2, i + 1); // F = F_target - 63, raw -1 is -2^(i-1)
                    long expected = ApFixedOracle.convert(-1, src.fractionalBits(), tgt).longValueExact();
                    assertEquals(expected, tgt.convert(-1, src), "convert raw -1 of " + src + " into " + tgt);
                }
            }
        }
    }

    @Test
    void convertBetweenRandomWideTypesMatchesTheOracle() {
        SplittableRandom rnd = new SplittableRandom(0x5eed_0006L);
        for (int it = 0; it < 100_000; it++) {
            FixedType src = randomType(rnd);
            FixedType tgt = randomType(rnd);
            BigInteger lo = ApFixedOracle.minRaw(src);
            BigInteger hi = ApFixedOracle.maxRaw(src);
            long raw = switch (rnd.nextInt(4)) {
                case 0 -> lo.longValueExact();
                case 1 -> hi.longValueExact();
                default -> {
                    long r = rnd.nextLong() >> rnd.nextInt(64);
                    yield BigInteger.valueOf(r).subtract(lo).mod(hi.subtract(lo).add(BigInteger.ONE)).add(lo).longValueExact();
                }
            };
            long expected = ApFixedOracle.convert(raw, ApFixedOracle.fractionalBits(src), tgt).longValueExact();
            long actual = tgt.convert(raw, src);
            if (actual != expected) {
                assertEquals(expected, actual, "convert: source " + src + " raw " + raw + " -> target " + tgt);
            }
        }
    }

    // ------------------------------------------------------------------ doubles and floats

    private static void checkDouble(double x, FixedType tgt) {
        ApFixedOracle.Outcome o = ApFixedOracle.fromDoubleDetailed(x, tgt);
        long expected = o.raw().longValueExact();
        String where = "quantize(" + x + " = " + new java.math.BigDecimal(x).toString() + ") into " + tgt;
        long actual = tgt.quantize(x);
        if (actual != expected) {
            assertEquals(expected, actual, where);
        }
        Quantized d = tgt.quantizeDetailed(x);
        if (d.raw() != expected || d.inexact() != o.inexact() || d.overflowed() != o.overflowed() || !d.type().equals(tgt)) {
            assertEquals(new Quantized(tgt, expected, o.inexact(), o.overflowed()), d, "quantizeDetailed: " + where);
        }
    }

    private static void checkFloat(float x, FixedType tgt) {
        long expected = ApFixedOracle.fromFloat(x, tgt).longValueExact();
        long actual = tgt.quantize(x);
        if (actual != expected) {
            assertEquals(expected, actual, "quantize(float " + x + ") into " + tgt);
        }
    }

    private static double randomFiniteDouble(SplittableRandom rnd) {
        while (true) {
            double x = Double.longBitsToDouble(rnd.nextLong());
            if (Double.isFinite(x)) {
                return x;
            }
        }
    }

    @Test
    void specialDoublesMatchTheOracle() {
        double[] specials = {0.0, -0.0, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL, -Double.MIN_NORMAL,
                Math.nextDown(Double.MIN_NORMAL), Double.MAX_VALUE, -Double.MAX_VALUE, 1.0, -1.0, 0.5, -0.5, 1.5, -1.5,
                2.5, -2.5, Math.scalb(1.0, 1000), Math.scalb(-1.75, 1000), Math.scalb(1.0, -1000), Math.scalb(-1.5, -1060),
                Math.scalb(1.0, 63), -Math.scalb(1.0, 63), Math.scalb(1.0, 64), Math.nextDown(Math.scalb(1.0, 63)),
                Math.scalb(1.0, 62), Math.scalb(1.0, -62), 1e-300, -1e300, 0.1, -0.1, 1.0 / 3.0};
        SplittableRandom rnd = new SplittableRandom(0x5eed_0007L);
        List<FixedType> targets = new ArrayList<>();
        for (int k = 0; k < 2000; k++) {
            targets.add(randomType(rnd));
        }
        targets.add(FixedType.signed(16, 6));
        targets.add(FixedType.signed(64, 64).withModes(Rounding.RND_CONV, Overflow.SAT));
        targets.add(FixedType.unsigned(63, 0).withModes(Rounding.RND, Overflow.SAT_SYM));
        for (FixedType tgt : targets) {
            for (double x : specials) {
                checkDouble(x, tgt);
            }
        }
    }

    @Test
    void randomDoublesMatchTheOracle() {
        SplittableRandom rnd = new SplittableRandom(0x5eed_0008L);
        for (int it = 0; it < 100_000; it++) {
            FixedType tgt = randomType(rnd);
            double x = switch (rnd.nextInt(4)) {
                case 0 -> randomFiniteDouble(rnd);                                          // any exponent
                case 1 -> Double.longBitsToDouble(rnd.nextLong() & 0x000f_ffff_ffff_ffffL)
                        * (rnd.nextBoolean() ? 1 : -1);                                      // subnormal
                case 2 -> Math.scalb(rnd.nextDouble(-1, 1), rnd.nextInt(-80, 140));          // near the type range
                default -> Math.scalb(rnd.nextDouble(-1, 1), -ApFixedOracle.fractionalBits(tgt) + rnd.nextInt(-5, 70));
            };
            checkDouble(x, tgt);
        }
    }

    @Test
    void exactDoubleTiesRoundAsTheOracleSays() {
        SplittableRandom rnd = new SplittableRandom(0x5eed_0009L);
        int checked = 0;
        while (checked < 100_000) {
            FixedType tgt = randomType(rnd);
            int f = ApFixedOracle.fractionalBits(tgt);
            // x = (k + 0.5) · 2^-F with |k| < 2^52 so k + 0.5 is exact
            long k = rnd.nextLong() >> (12 + rnd.nextInt(52));
            double x = Math.scalb(k + 0.5, -f);
            if (x == 0 || Double.isInfinite(x) || Math.scalb(x, f) != k + 0.5) {
                continue; // the tie is not representable as a double (subnormal underflow)
            }
            checkDouble(x, tgt);
            checkDouble(-x, tgt);
            checkDouble(Math.nextUp(x), tgt);
            checkDouble(Math.nextDown(x), tgt);
            checked++;
        }
    }

    @Test
    void floatsWidenExactlyAndMatchTheOracle() {
        SplittableRandom rnd = new SplittableRandom(0x5eed_000aL);
        float[] specials = {0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL, Float.MAX_VALUE,
                -Float.MAX_VALUE, 0.1f, -0.1f, 1.5f, -2.5f, 1f / 3f};
        for (int it = 0; it < 50_000; it++) {
            FixedType tgt = randomType(rnd);
            float x;
            switch (rnd.nextInt(3)) {
                case 0 -> x = specials[rnd.nextInt(specials.length)];
                case 1 -> {
                    do {
                        x = Float.intBitsToFloat(rnd.nextInt());
                    } while (!Float.isFinite(x));
                }
                default -> {
                    int f = ApFixedOracle.fractionalBits(tgt);
                    int k = rnd.nextInt(-(1 << 22), 1 << 22);
                    x = Math.scalb(k + 0.5f, -f); // a float tie (or 0/inf when out of float range)
                    if (!Float.isFinite(x)) {
                        x = 0f;
                    }
                }
            }
            checkFloat(x, tgt);
        }
    }

    @Test
    void nanAndInfinityAreRejectedNamingValueAndType() {
        List<FixedType> types = List.of(FixedType.signed(16, 6), FixedType.unsigned(8, 3).withModes(Rounding.RND_CONV, Overflow.SAT),
                FixedType.signed(64, 10), FixedType.signed(1, -5));
        for (FixedType t : types) {
            for (double x : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.quantize(x), t + " " + x);
                assertMentions(e, String.valueOf(x), t);
                e = assertThrows(IllegalArgumentException.class, () -> t.quantizeDetailed(x), t + " " + x);
                assertMentions(e, String.valueOf(x), t);
                float fx = (float) x;
                e = assertThrows(IllegalArgumentException.class, () -> t.quantize(fx), t + " float " + fx);
                assertMentions(e, String.valueOf(fx), t);
            }
        }
    }

    private static void assertMentions(IllegalArgumentException e, String value, FixedType t) {
        String m = String.valueOf(e.getMessage());
        assertTrue(m.contains(value), "message should contain the value " + value + ": " + m);
        assertTrue(m.contains(t.toString()), "message should contain the type " + t + ": " + m);
    }
}
