package org.l1embed.quantization.fixed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DoubleQuantizerTest {

    private static final double[] SPECIAL = {0.0, -0.0, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL,
        Double.MAX_VALUE, -Double.MAX_VALUE, 0x1p62, -0x1p62, 0x1p62 - 1024, 0x1p-1000, -0x1p-1022, 1.0, -1.0, 0.5, -0.5};

    @Test
    void fastPathEqualsTheOracleOnRandomTypesAndValuesIncludingTies() {
        SplittableRandom rnd = new SplittableRandom(20261123);
        long checks = 0;
        for (int t = 0; t < 3000; t++) {
            boolean signed = rnd.nextBoolean();
            int width = 1 + rnd.nextInt(signed ? 64 : 63);
            int integerBits = rnd.nextInt(-40, width + 40);
            Rounding r = Rounding.values()[rnd.nextInt(7)];
            Overflow o = Overflow.values()[rnd.nextInt(signed ? 5 : 4)];
            FixedType type = new FixedType(width, integerBits, signed, r, o);
            DoubleQuantizer q = new DoubleQuantizer(type);
            for (int k = 0; k < 200; k++) {
                double x = value(rnd, type);
                assertEquals(ApFixedOracle.fromDouble(x, type).longValueExact(), q.quantize(x),
                        () -> "quantize(" + x + ") into " + type);
                checks++;
            }
            for (double x : nearZero(type)) {
                assertEquals(ApFixedOracle.fromDouble(x, type).longValueExact(), q.quantize(x),
                        () -> "quantize(" + x + ") into " + type);
            }
            for (double x : SPECIAL) {
                assertEquals(ApFixedOracle.fromDouble(x, type).longValueExact(), q.quantize(x),
                        () -> "quantize(" + x + ") into " + type);
            }
        }
        assertTrue(checks > 500_000);
    }

    /**
     * Values just above and below grid points and ties, and tiny values of either sign: the remainder y - floor(y)
     * of a tiny negative y is not exact in double arithmetic, which a quantizer must not rely on.
     */
    static double[] nearZero(FixedType type) {
        double lsb = Math.scalb(1.0, -type.fractionalBits());
        return new double[] {Math.nextUp(-lsb / 16), Math.nextDown(lsb / 16), -lsb * 0x1p-60, lsb * 0x1p-60, -1e-20, 1e-20,
            Math.nextUp(-lsb / 2), Math.nextDown(-lsb / 2), -lsb / 2, lsb / 2, Math.nextUp(lsb / 2), Math.nextDown(lsb / 2),
            Math.nextUp(-lsb), Math.nextDown(-lsb), Math.nextUp(-1.5 * lsb), Math.nextDown(-1.5 * lsb), -(float) 1e-20};
    }

    /** Values around the type's grid: exact ties, grid points, random magnitudes, floats. */
    private static double value(SplittableRandom rnd, FixedType type) {
        double lsb = Math.scalb(1.0, -type.fractionalBits());
        double span = Math.scalb(1.0, Math.min(type.integerBits() + 2, 70));
        return switch (rnd.nextInt(5)) {
            case 0 -> (rnd.nextLong(-1000, 1000) + 0.5) * lsb;               // exact tie
            case 1 -> rnd.nextLong(-1000, 1000) * lsb;                       // grid point
            case 2 -> (rnd.nextDouble() * 2 - 1) * span;                      // anywhere in (and beyond) range
            case 3 -> (float) ((rnd.nextDouble() * 2 - 1) * span);            // the float input path
            default -> Math.scalb(rnd.nextDouble() * 2 - 1, rnd.nextInt(-80, 80));
        };
    }

    @Test
    void rejectsNaNAndInfinityNamingTheValue() {
        DoubleQuantizer q = new DoubleQuantizer(FixedType.parse("ap_fixed<16,6>"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> q.quantize(Double.NaN));
        assertTrue(e.getMessage().contains("NaN") && e.getMessage().contains("ap_fixed<16,6>"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> q.quantize(Double.NEGATIVE_INFINITY));
    }
}
