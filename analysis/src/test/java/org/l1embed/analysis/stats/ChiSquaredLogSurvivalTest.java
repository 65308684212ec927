package org.l1embed.analysis.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ChiSquaredLogSurvivalTest {

    @Test
    void twoDegreesOfFreedomIsExactlyMinusHalfX() {
        // P(χ²₂ ≥ x) = e^{−x/2}: by hand, including where the survival itself underflows
        for (double x : new double[] {0.5, 3, 40, 2000, 1e5}) {
            assertEquals(-x / 2, ChiSquared.logSurvival(x, 2), 1e-13 * Math.max(1, x), "x=" + x);
        }
        assertEquals(0.0, ChiSquared.survival(2000, 2));
    }

    @Test
    void fourDegreesOfFreedomIsTheClosedForm() {
        // P(χ²₄ ≥ x) = e^{−x/2}(1 + x/2)
        for (double x : new double[] {0.3, 5, 100, 3000}) {
            assertEquals(-x / 2 + Math.log1p(x / 2), ChiSquared.logSurvival(x, 4), 1e-13 * Math.max(1, x), "x=" + x);
        }
        assertEquals(-46.068174367275674, ChiSquared.logSurvival(100, 4), 1e-12);   // scipy.stats.chi2.logsf
    }

    @Test
    void matchesScipyAndMpmath() {
        assertEquals(Math.log(0.05), ChiSquared.logSurvival(3.841458820694124, 1), 1e-12);
        assertEquals(-478.3116054582481, ChiSquared.logSurvival(1000, 10), 1e-10);
        assertEquals(-8.939846436912157, ChiSquared.logSurvival(50, 19), 1e-12);
        assertEquals(-0.08458732285189939, ChiSquared.logSurvival(0.5, 3), 1e-14);
        assertEquals(-197.2275683871416, ChiSquared.logSurvival(400, 3), 1e-10);   // mpmath
        assertEquals(Double.NEGATIVE_INFINITY, ChiSquared.logSurvival(Double.POSITIVE_INFINITY, 3));
        assertEquals(0.0, ChiSquared.logSurvival(0, 3));
    }
}
