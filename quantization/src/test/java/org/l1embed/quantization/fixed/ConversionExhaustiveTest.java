package org.l1embed.quantization.fixed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

/**
 * Every conversion between types up to 6 bits wide (I from -2 to W+2, signed and unsigned) into every
 * target mode combination, compared with {@link ApFixedOracle}.
 */
class ConversionExhaustiveTest {

    private static final int MAX_W = 6;

    /** The source and target formats: W in 1..6, I in -2..W+2, signed and unsigned (default modes). */
    private static List<FixedType> formats() {
        List<FixedType> out = new ArrayList<>();
        for (int w = 1; w <= MAX_W; w++) {
            for (int i = -2; i <= w + 2; i++) {
                out.add(FixedType.signed(w, i));
                out.add(FixedType.unsigned(w, i));
            }
        }
        return out;
    }

    /** Every target: each format with all 7 × 5 modes, except WRAP_SM for unsigned formats. */
    private static List<FixedType> targets() {
        List<FixedType> out = new ArrayList<>();
        for (FixedType f : formats()) {
            for (Rounding q : Rounding.values()) {
                for (Overflow o : Overflow.values()) {
                    if (!f.signed() && o == Overflow.WRAP_SM) {
                        continue;
                    }
                    out.add(f.withModes(q, o));
                }
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

    @Test
    void everyConversionBetweenSmallTypesMatchesTheOracle() {
        List<FixedType> sources = formats();
        // group the source types by fractional bits: a conversion depends only on (F_source, target, raw)
        Map<Integer, List<FixedType>> byFrac = new TreeMap<>();
        for (FixedType s : sources) {
            byFrac.computeIfAbsent(ApFixedOracle.fractionalBits(s), k -> new ArrayList<>()).add(s);
        }
        long rawLo = -(1L << (MAX_W - 1));
        long rawHi = (1L << MAX_W) - 1;
        int n = (int) (rawHi - rawLo + 1);

        long[] expected = new long[n];
        boolean[] expectedOverflow = new boolean[n];
        boolean[] expectedInexact = new boolean[n];

        long checkedConvert = 0;
        long checkedApply = 0;
        long checkedQuantize = 0;
        List<FixedType> targets = targets();
        for (FixedType tgt : targets) {
            for (Map.Entry<Integer, List<FixedType>> group : byFrac.entrySet()) {
                int srcFrac = group.getKey();
                // oracle once per (F_source, target), over the union of the source raw ranges
                for (long raw = rawLo; raw <= rawHi; raw++) {
                    ApFixedOracle.Outcome o = ApFixedOracle.convertDetailed(BigInteger.valueOf(raw), srcFrac, tgt);
                    int k = (int) (raw - rawLo);
                    expected[k] = o.raw().longValueExact();
                    expectedOverflow[k] = o.overflowed();
                    expectedInexact[k] = o.inexact();
                }
                Conversion c = Conversion.of(srcFrac, tgt);
                // Conversion.apply / overflows / isInexact and FixedType.quantize on the whole raw union
                for (long raw = rawLo; raw <= rawHi; raw++) {
                    int k = (int) (raw - rawLo);
                    long actual = c.apply(raw);
                    if (actual != expected[k]) {
                        assertEquals(expected[k], actual, describe("Conversion.of(" + srcFrac + ", target).apply", null,
                                srcFrac, raw, tgt));
                    }
                    boolean ov = c.overflows(raw);
                    if (ov != expectedOverflow[k]) {
                        assertEquals(expectedOverflow[k], ov, describe("Conversion.overflows", null, srcFrac, raw, tgt));
                    }
                    boolean inex = c.isInexact(raw);
                    if (inex != expectedInexact[k]) {
                        assertEquals(expectedInexact[k], inex, describe("Conversion.isInexact", null, srcFrac, raw, tgt));
                    }
                    double x = Math.scalb((double) raw, -srcFrac); // exact for these small values
                    long q = tgt.quantize(x);
                    if (q != expected[k]) {
                        assertEquals(expected[k], q, describe("FixedType.quantize(" + x + ")", null, srcFrac, raw, tgt));
                    }
                    checkedApply++;
                    checkedQuantize++;
                }
                // FixedType.convert from every source type of this F, over its own raw range
                for (FixedType src : group.getValue()) {
                    for (long raw = lo(src); raw <= hi(src); raw++) {
                        int k = (int) (raw - rawLo);
                        long actual = tgt.convert(raw, src);
                        if (actual != expected[k]) {
                            assertEquals(expected[k], actual, describe("target.convert", src, srcFrac, raw, tgt));
                        }
                        checkedConvert++;
                    }
                }
            }
        }
        System.out.printf("ConversionExhaustiveTest: %d targets, %d source types, %d FixedType.convert checks, "
                        + "%d Conversion.apply/overflows/isInexact checks, %d quantize(double) checks%n",
                targets.size(), sources.size(), checkedConvert, checkedApply, checkedQuantize);
        assertTrue(checkedConvert > 8_000_000, "expected to check every pair, checked " + checkedConvert);
    }

    private static String describe(String what, FixedType src, int srcFrac, long raw, FixedType tgt) {
        String source = src != null ? src + " (F=" + srcFrac + ")" : "any source with F=" + srcFrac;
        return what + ": source " + source + ", raw " + raw + " -> target " + tgt
                + " (F=" + ApFixedOracle.fractionalBits(tgt) + ")";
    }

    @Test
    void wrapSmOnUnsignedTargetIsRejectedAtConstruction() {
        for (int w = 1; w <= MAX_W; w++) {
            for (int i = -2; i <= w + 2; i++) {
                for (Rounding q : Rounding.values()) {
                    int ww = w;
                    int ii = i;
                    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                            () -> new FixedType(ww, ii, false, q, Overflow.WRAP_SM));
                    assertTrue(e.getMessage().contains("WRAP_SM"), e.getMessage());
                    assertThrows(IllegalArgumentException.class,
                            () -> FixedType.unsigned(ww, ii).withModes(q, Overflow.WRAP_SM));
                }
            }
        }
    }

    @Test
    void convertRejectsRawOutsideTheSourceType() {
        FixedType tgt = FixedType.signed(6, 3);
        for (FixedType src : formats()) {
            long below = lo(src) - 1;
            long above = hi(src) + 1;
            assertThrows(IllegalArgumentException.class, () -> tgt.convert(below, src), "raw " + below + " from " + src);
            assertThrows(IllegalArgumentException.class, () -> tgt.convert(above, src), "raw " + above + " from " + src);
        }
    }

    @Test
    void satSymRemapsTheInRangeMinimumAndReportsIt() {
        FixedType tgt = new FixedType(4, 4, true, Rounding.TRN, Overflow.SAT_SYM);
        Conversion c = Conversion.of(0, tgt);
        assertEquals(-7, c.apply(-8));
        assertTrue(c.overflows(-8));
        assertEquals(-7, c.apply(-100));
        assertEquals(7, c.apply(100));
        assertEquals(-7, c.apply(-7));
        assertEquals(false, c.overflows(-7));
        // signed W = 1 behaves as AP_SAT: -1 stays -1 and does not count as an overflow
        FixedType one = new FixedType(1, 1, true, Rounding.TRN, Overflow.SAT_SYM);
        assertEquals(-1, Conversion.of(0, one).apply(-1));
        assertEquals(false, Conversion.of(0, one).overflows(-1));
        assertEquals(-1, Conversion.of(0, one).apply(-5));
        assertEquals(0, Conversion.of(0, one).apply(5));
    }

    @Test
    void wrapSmFollowsTheDocRuleOnHandWorkedExamples() {
        // ap_fixed<4,4,AP_TRN,AP_WRAP_SM> from integers (sh = 0, lD = bit 4 of q)
        FixedType t = new FixedType(4, 4, true, Rounding.TRN, Overflow.WRAP_SM);
        long[][] cases = {{9, 6}, {-9, -8}, {16, -1}, {8, 7}, {7, 7}, {-8, -8}, {-10, -7}};
        for (long[] c : cases) {
            assertEquals(c[1], ApFixedOracle.convert(c[0], 0, t).longValueExact(), "oracle " + c[0]);
            assertEquals(c[1], Conversion.of(0, t).apply(c[0]), "WRAP_SM of " + c[0] + " into " + t);
        }
        // from F = 1 (sh = 1): 8.5 -> TRN gives q = fl = 8 -> 7; RND gives q = 9 but lD comes from fl = 8 -> 6
        assertEquals(7, Conversion.of(1, t).apply(17));
        FixedType rnd = t.withModes(Rounding.RND, Overflow.WRAP_SM);
        assertEquals(6, ApFixedOracle.convert(17, 1, rnd).longValueExact());
        assertEquals(6, Conversion.of(1, rnd).apply(17));
    }

    @Test
    void roundingModesBreakTiesAsTheirNamesSay() {
        // source F = 1, target ap_fixed<8,8>: ties at ±0.5, ±1.5, ±2.5
        long[] raws = {5, 3, 1, -1, -3, -5};
        long[][] expected = {
                /* TRN         */ {2, 1, 0, -1, -2, -3},
                /* TRN_ZERO    */ {2, 1, 0, 0, -1, -2},
                /* RND         */ {3, 2, 1, 0, -1, -2},
                /* RND_ZERO    */ {2, 1, 0, 0, -1, -2},
                /* RND_MIN_INF */ {2, 1, 0, -1, -2, -3},
                /* RND_INF     */ {3, 2, 1, -1, -2, -3},
                /* RND_CONV    */ {2, 2, 0, 0, -2, -2},
        };
        for (Rounding q : Rounding.values()) {
            FixedType tgt = new FixedType(8, 8, true, q, Overflow.WRAP);
            for (int k = 0; k < raws.length; k++) {
                assertEquals(expected[q.ordinal()][k], Conversion.of(1, tgt).apply(raws[k]),
                        q + " of " + raws[k] + "/2");
                assertEquals(expected[q.ordinal()][k], ApFixedOracle.convert(raws[k], 1, tgt).longValueExact(),
                        "oracle " + q + " of " + raws[k] + "/2");
            }
        }
    }

    @Test
    void saturatesToMaxWhenValueOverflows() {
        FixedType sat = new FixedType(4, 2, true, Rounding.TRN, Overflow.SAT);
        assertEquals(7, sat.quantize(100.0));
        assertEquals(-8, sat.quantize(-100.0));
        FixedType wrap = FixedType.signed(4, 2);
        assertEquals(-8, wrap.quantize(2.0)); // 2.0 = raw 8 wraps to -8
        assertEquals(0, new FixedType(4, 2, true, Rounding.TRN, Overflow.SAT_ZERO).quantize(2.0));
    }
}
