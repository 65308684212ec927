package org.l1embed.analysis.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PolygammaTest {

    /** {x, ψ(x), ψ'(x)} from scipy.special.digamma and mpmath.polygamma(1, x). */
    private static final double[][] VALUES = {
        {0.1, -10.423754940411076, 101.43329915079275},
        {1, -0.5772156649015329, 1.6449340668482264},
        {2.5, 0.7031566406452432, 0.4903577561002349},
        {10, 2.251752589066721, 0.10516633568168575},
        {100, 4.600161852738088, 0.010050166663333571},
    };

    @Test
    void digammaAndTrigammaMatchReferenceValues() {
        for (double[] c : VALUES) {
            assertEquals(c[1], Polygamma.digamma(c[0]), 1e-14 * Math.max(1, Math.abs(c[1])), "ψ(" + c[0] + ")");
            assertEquals(c[2], Polygamma.trigamma(c[0]), 1e-14 * Math.max(1, Math.abs(c[2])), "ψ'(" + c[0] + ")");
        }
    }

    @Test
    void nonPositiveArgumentsAreRefused() {
        assertEquals("digamma: x must be positive and finite, got x=0.0",
                assertThrows(IllegalArgumentException.class, () -> Polygamma.digamma(0)).getMessage());
        assertEquals("trigamma: x must be positive and finite, got x=-1.0",
                assertThrows(IllegalArgumentException.class, () -> Polygamma.trigamma(-1)).getMessage());
    }
}
