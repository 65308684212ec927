package org.l1embed.analysis.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class NormalTest {

    /** {p, Q⁻¹(p)} from {@code scipy.stats.norm.isf(p)} (scipy 1.17.1). */
    private static final double[][] ISF = {
        {0.5, 0.0},
        {0.025, 1.959963984540054},
        {1e-3, 3.090232306167813},
        {2.866515718791939e-7, 5.0},
        {1e-10, 6.361340902404056},
        {1e-300, 37.0470962993612},
        {0.975, -1.959963984540054},
        {0.999, -3.090232306167813},
    };

    @Test
    void upperTailQuantileMatchesScipy() {
        for (double[] c : ISF) {
            assertEquals(c[1], Normal.upperTailQuantile(c[0]), 1e-12 * Math.max(1, Math.abs(c[1])), "isf(" + c[0] + ")");
            assertEquals(-c[1], Normal.quantile(c[0]), 1e-12 * Math.max(1, Math.abs(c[1])), "ppf(" + c[0] + ")");
        }
    }

    @Test
    void significanceOfFiveSigmaRoundTrips() {
        assertEquals(2.866515718791939e-7, Normal.upperTail(5), 1e-12 * 2.866515718791939e-7);
        assertEquals(5.0, Normal.upperTailQuantile(Normal.upperTail(5)), 1e-12);
    }

    @Test
    void logQuantileStaysFiniteWherePUnderflows() {
        // z with ln Q(z) = logP, from mpmath.findroot at 40 digits
        assertEquals(9.674825283612357, Normal.upperTailQuantileOfLog(-50), 1e-11);
        assertEquals(44.61574773196940, Normal.upperTailQuantileOfLog(-1000), 1e-10);
        assertEquals(447.1978936785250, Normal.upperTailQuantileOfLog(-1e5), 1e-9);
        assertEquals(-804.6084420137538, Normal.logUpperTail(40), 1e-9);   // mpmath: ln(erfc(40/√2)/2)
        assertEquals(Math.log(0.975), Normal.logUpperTail(-1.959963984540054), 1e-15);
    }

    @Test
    void endpointsAreInfinite() {
        assertEquals(Double.POSITIVE_INFINITY, Normal.upperTailQuantile(0));
        assertEquals(Double.NEGATIVE_INFINITY, Normal.upperTailQuantile(1));
        assertEquals(Double.POSITIVE_INFINITY, Normal.upperTailQuantileOfLog(Double.NEGATIVE_INFINITY));
        assertEquals(0.0, Normal.upperTailQuantileOfLog(Math.log(0.5)), 1e-15);
    }

    @Test
    void invalidProbabilitiesAreRefusedWithTheirValue() {
        assertEquals("normal quantile: p must be in [0, 1], got p=1.5",
                assertThrows(IllegalArgumentException.class, () -> Normal.upperTailQuantile(1.5)).getMessage());
        assertEquals("normal quantile: p must be in [0, 1], got p=NaN",
                assertThrows(IllegalArgumentException.class, () -> Normal.quantile(Double.NaN)).getMessage());
        assertEquals("normal quantile: logP must be <= 0, got logP=0.1",
                assertThrows(IllegalArgumentException.class, () -> Normal.upperTailQuantileOfLog(0.1)).getMessage());
    }
}
