package org.l1embed.quantization.fixed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Exact arithmetic on raw values of every pair of small types, compared with {@link ApFixedOracle}. */
class FixedMathTest {

    private static final int MAX_W = 5;

    private static List<FixedType> smallTypes() {
        List<FixedType> out = new ArrayList<>();
        for (int w = 1; w <= MAX_W; w++) {
            for (int i = -2; i <= w + 2; i++) {
                out.add(FixedType.signed(w, i));
                // the operands' modes must not matter for exact arithmetic
                out.add(FixedType.unsigned(w, i).withModes(Rounding.RND_CONV, Overflow.SAT));
            }
        }
        return out;
    }

    private static long lo(FixedType t) {
        return ApFixedOracle.minRaw(t).longValueExact();
    }

    private static long hi(FixedType t) {
        return ApFixedOracle.maxRaw(t).longValueExact();
    }

    private interface RawOp {
        long apply(long a, FixedType ta, long b, FixedType tb);
    }

    private interface OracleOp {
        BigInteger apply(BigInteger a, FixedType ta, BigInteger b, FixedType tb);
    }

    private interface TypeOp {
        FixedType apply(FixedType a, FixedType b);
    }

    private static long exhaustive(String name, RawOp op, OracleOp oracle, TypeOp resultType) {
        List<FixedType> types = smallTypes();
        long checked = 0;
        for (FixedType ta : types) {
            for (FixedType tb : types) {
                FixedType rt = resultType.apply(ta, tb);
                for (long a = lo(ta); a <= hi(ta); a++) {
                    BigInteger ba = BigInteger.valueOf(a);
                    for (long b = lo(tb); b <= hi(tb); b++) {
                        BigInteger expected = oracle.apply(ba, ta, BigInteger.valueOf(b), tb);
                        long actual = op.apply(a, ta, b, tb);
                        if (!expected.equals(BigInteger.valueOf(actual))) {
                            assertEquals(expected, BigInteger.valueOf(actual), where(name, ta, a, tb, b, rt));
                        }
                        if (!ApFixedOracle.contains(rt, expected)) {
                            fail("exact result outside its result type: " + where(name, ta, a, tb, b, rt) + " = " + expected);
                        }
                        checked++;
                    }
                }
            }
        }
        return checked;
    }

    private static String where(String name, FixedType ta, long a, FixedType tb, long b, FixedType rt) {
        return name + ": " + ta + " raw " + a + ", " + tb + " raw " + b + " -> " + rt;
    }

    @Test
    void multiplyIsTheExactRawProductInTheProductType() {
        long n = exhaustive("multiply", FixedMath::multiply, ApFixedOracle::multiply, ApFixedOracle::productType);
        assertTrue(n > 1_000_000, "checked " + n);
    }

    @Test
    void addIsTheExactAlignedSumInTheSumType() {
        long n = exhaustive("add", FixedMath::add, ApFixedOracle::add, ApFixedOracle::sumType);
        assertTrue(n > 1_000_000, "checked " + n);
    }

    @Test
    void subtractIsTheExactAlignedDifferenceInTheDifferenceType() {
        long n = exhaustive("subtract", FixedMath::subtract, ApFixedOracle::subtract, ApFixedOracle::differenceType);
        assertTrue(n > 1_000_000, "checked " + n);
    }

    @Test
    void negateIsTheExactNegationInTheNegationType() {
        for (FixedType t : smallTypes()) {
            FixedType rt = ApFixedOracle.negationType(t);
            assertEquals(rt, t.negationType(), "-" + t);
            for (long a = lo(t); a <= hi(t); a++) {
                BigInteger expected = ApFixedOracle.negate(BigInteger.valueOf(a), t);
                assertEquals(expected.longValueExact(), FixedMath.negate(a, t), "negate " + t + " raw " + a);
                assertTrue(ApFixedOracle.contains(rt, expected), "-" + a + " of " + t + " outside " + rt);
            }
        }
    }

    @Test
    void wideOperandsGiveExactResultsAtTheirExtremes() {
        FixedType a = FixedType.signed(32, 16);
        FixedType b = FixedType.signed(32, 4);
        long[] extremes = {-(1L << 31), (1L << 31) - 1, -1, 0, 1};
        for (long x : extremes) {
            for (long y : extremes) {
                assertEquals(ApFixedOracle.multiply(BigInteger.valueOf(x), a, BigInteger.valueOf(y), b).longValueExact(),
                        FixedMath.multiply(x, a, y, b), x + " * " + y);
                assertEquals(ApFixedOracle.add(BigInteger.valueOf(x), a, BigInteger.valueOf(y), b).longValueExact(),
                        FixedMath.add(x, a, y, b), x + " + " + y);
                assertEquals(ApFixedOracle.subtract(BigInteger.valueOf(x), a, BigInteger.valueOf(y), b).longValueExact(),
                        FixedMath.subtract(x, a, y, b), x + " - " + y);
            }
        }
        FixedType u = FixedType.unsigned(31, 0);
        long umax = (1L << 31) - 1;
        assertEquals(-umax, FixedMath.subtract(0, u, umax, u));
        assertEquals(umax * umax, FixedMath.multiply(umax, u, umax, u));
        assertEquals(-(1L << 32), FixedMath.add(-(1L << 31), a, -(1L << 31), a));
    }
}
