package org.l1embed.quantization.fixed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The branch-free bulk paths give exactly the oracle's results, in every mode, at every edge. */
class BulkConversionTest {

    private static FixedType randomType(SplittableRandom rnd, int maxWidth) {
        boolean signed = rnd.nextBoolean();
        int width = 1 + rnd.nextInt(signed ? maxWidth : Math.min(maxWidth, 63));
        Rounding r = Rounding.values()[rnd.nextInt(7)];
        Overflow o = Overflow.values()[rnd.nextInt(signed ? 5 : 4)];
        return new FixedType(width, rnd.nextInt(-8, width + 8), signed, r, o);
    }

    @Test
    void applyInPlaceEqualsTheOracleForEveryModeAndShift() {
        SplittableRandom rnd = new SplittableRandom(11);
        for (int t = 0; t < 4000; t++) {
            FixedType target = randomType(rnd, 64);
            int sourceFrac = target.fractionalBits() + rnd.nextInt(-4, 70);
            Conversion c = Conversion.of(sourceFrac, target);
            int sh = sourceFrac - target.fractionalBits();
            long[] v = new long[64];
            for (int i = 0; i < v.length; i++) {
                v[i] = switch (rnd.nextInt(6)) {
                    case 0 -> rnd.nextLong();
                    case 1 -> rnd.nextLong(-1000, 1000);
                    case 2 -> sh > 0 && sh < 63 ? (rnd.nextLong(-1 << 20, 1 << 20) << sh) + (1L << (sh - 1)) : rnd.nextLong(); // exact tie
                    case 3 -> sh > 0 && sh < 63 ? rnd.nextLong(-1 << 20, 1 << 20) << sh : 0;                                 // exact
                    case 4 -> rnd.nextBoolean() ? Long.MAX_VALUE - rnd.nextInt(3) : Long.MIN_VALUE + rnd.nextInt(3);
                    default -> rnd.nextLong() >> rnd.nextInt(64);
                };
            }
            long[] bulk = v.clone();
            c.applyInPlace(bulk, bulk.length);
            for (int i = 0; i < v.length; i++) {
                int k = i;
                assertEquals(ApFixedOracle.convert(v[i], sourceFrac, target).longValueExact(), bulk[i],
                        () -> "applyInPlace(" + v[k] + ") from F=" + sourceFrac + " into " + target);
            }
        }
    }

    @Test
    void quantizeAllEqualsTheOracleForEveryModeIncludingTies() {
        SplittableRandom rnd = new SplittableRandom(12);
        for (int t = 0; t < 4000; t++) {
            FixedType target = randomType(rnd, 62);
            DoubleQuantizer q = new DoubleQuantizer(target);
            double lsb = Math.scalb(1.0, -target.fractionalBits());
            float[] x = new float[40];
            for (int i = 0; i < x.length; i++) {
                x[i] = switch (rnd.nextInt(5)) {
                    case 0 -> (float) ((rnd.nextInt(-5000, 5000) + 0.5) * lsb);   // exact tie when representable
                    case 1 -> (float) (rnd.nextInt(-5000, 5000) * lsb);
                    case 2 -> (float) rnd.nextGaussian();
                    case 3 -> (float) Math.scalb(rnd.nextDouble() * 2 - 1, target.integerBits() + rnd.nextInt(-3, 4));
                    default -> 0f;
                };
            }
            double[] edges = DoubleQuantizerTest.nearZero(target);
            for (int i = 0; i < edges.length && i < x.length; i++) {
                x[i] = (float) edges[i];
            }
            long[] bulk = new long[x.length + 3];
            q.quantizeAll(x, 0, bulk, x.length);
            for (int i = 0; i < x.length; i++) {
                int k = i;
                assertEquals(ApFixedOracle.fromDouble(x[i], target).longValueExact(), bulk[i],
                        () -> "quantizeAll(" + x[k] + ") into " + target);
            }
        }
    }

    @Test
    void quantizeAllRejectsNaN() {
        DoubleQuantizer q = new DoubleQuantizer(FixedType.parse("ap_fixed<16,6>"));
        assertThrows(IllegalArgumentException.class, () -> q.quantizeAll(new float[] {1f, Float.NaN}, 0, new long[2], 2));
    }
}
