package org.l1embed.analysis.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Oracle (numpy 2.4.6):
 *
 * <pre>
 * x = np.array([-0.045, -0.03, -0.015, 0, 0.015, 0.03, 0.045]); y = np.array([-0.52, -0.33, -0.17, 0.0, 0.16, 0.35, 0.49])
 * c = np.polyfit(x, y, deg); r = y - np.polyval(c, x)
 * c[::-1], 1 - (r**2).sum() / ((y - y.mean())**2).sum(), np.sqrt((r**2).sum() / (len(x) - deg - 1))
 * </pre>
 */
class PolynomialFitTest {

    private static final double[] X = {-0.045, -0.03, -0.015, 0, 0.015, 0.03, 0.045};
    private static final double[] Y = {-0.52, -0.33, -0.17, 0.0, 0.16, 0.35, 0.49};

    @Test
    void linearFitMatchesNumpyPolyfit() {
        PolynomialFit f = PolynomialFit.fit(X, Y, 1);
        assertEquals(-0.0028571428571429135, f.coefficients()[0], 1e-13);
        assertEquals(11.238095238095246, f.coefficients()[1], 1e-12 * 11.24);
        assertEquals(0.9991389207807119, f.rSquared(), 1e-13);
        assertEquals(0.011710800875382392, f.residualStd(), 1e-12 * 0.0117);
    }

    @Test
    void quadraticFitMatchesNumpyPolyfit() {
        PolynomialFit f = PolynomialFit.fit(X, Y, 2);
        assertEquals(0.0028571428571428194, f.coefficients()[0], 1e-13);
        assertEquals(11.23809523809524, f.coefficients()[1], 1e-12 * 11.24);
        assertEquals(-6.349206349206329, f.coefficients()[2], 1e-10 * 6.35);
        assertEquals(0.9993541905855339, f.rSquared(), 1e-13);
        assertEquals(0.011338934190276788, f.residualStd(), 1e-12 * 0.0113);
    }

    @Test
    void exactPolynomialIsRecoveredFarFromTheOrigin() {
        double[] x = {1000, 1001, 1002, 1003, 1004};
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = 3 - 0.5 * (x[i] - 1000) + 0.25 * (x[i] - 1000) * (x[i] - 1000);
        }
        PolynomialFit f = PolynomialFit.fit(x, y, 2);
        for (int i = 0; i < x.length; i++) {
            assertEquals(y[i], f.valueAt(x[i]), 1e-8);
        }
        assertEquals(1.0, f.rSquared(), 1e-12);
        assertEquals(2, f.degree());
    }

    @Test
    void constantDataHasUndefinedRSquaredAndExactlyDeterminedFitHasUndefinedResidualStd() {
        assertTrue(Double.isNaN(PolynomialFit.fit(new double[] {1, 2, 3}, new double[] {4, 4, 4}, 1).rSquared()));
        assertTrue(Double.isNaN(PolynomialFit.fit(new double[] {1, 2}, new double[] {4, 5}, 1).residualStd()));
    }

    @Test
    void tooFewDistinctPointsAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PolynomialFit.fit(new double[] {1, 1, 2}, new double[] {0, 1, 2}, 2));
        assertTrue(e.getMessage().contains("3 distinct x values, got 2"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> PolynomialFit.fit(new double[] {1, 2}, new double[] {0, Double.NaN}, 1));
    }
}
