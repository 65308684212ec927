package org.l1embed.analysis.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GammaTest {

    /**
     * {a, x, Q(a, x)} from
     * {@code python3 -c "import scipy.special as sp; [print(a, x, repr(sp.gammaincc(a, x))) for a, x in [...]]"}
     * (scipy 1.17.1).
     */
    private static final double[][] GAMMAINCC = {
        {0.5, 0.1, 0.6547208460185768},
        {0.5, 50, 1.5239706048320995e-23},
        {1, 1, 0.36787944117144245},
        {2.5, 3, 0.30621891841327875},
        {10, 1, 0.9999998885745217},
        {10, 30, 7.121750862815593e-06},
        {3.5, 100, 1.147781224014262e-39},
        {100, 120, 0.027863739890520652},
        {100, 80, 0.9828916869648668},
        {1000, 900, 0.9994500977342882},
        {1000, 1100, 0.0010593232539299773},
        {0.1, 0.001, 0.473231431607555},
        {9.5, 9.5, 0.45683612559196224},
        {25, 300, 2.5464567349744935e-95},
    };

    /** {x, ln Γ(x)} from {@code scipy.special.gammaln(x)}. */
    private static final double[][] GAMMALN = {
        {0.1, 2.252712651734206},
        {0.5, 0.5723649429247},
        {1, 0.0},
        {1.5, -0.12078223763524526},
        {2, 0.0},
        {3.7, 1.428072326665388},
        {10, 12.801827480081469},
        {57.25, 173.36191283062726},
        {1000.5, 5908.674175848678},
    };

    /** {x, k, sf} from {@code scipy.stats.chi2.sf(x, k)}. */
    private static final double[][] CHI2_SF = {
        {0, 3, 1.0},
        {1, 1, 0.31731050786291115},
        {3.84, 1, 0.05004352124870519},
        {19, 19, 0.45683612559196224},
        {50, 19, 0.0001310611647931629},
        {200, 19, 3.4047651393116526e-32},
        {0.001, 2, 0.9995001249791693},
        {7.5, 4.5, 0.14648784848946736},
    };

    private static void assertRelative(double expected, double actual, double tolerance, String what) {
        double scale = Math.max(Math.abs(expected), Double.MIN_NORMAL);
        assertTrue(Math.abs(actual - expected) <= tolerance * scale,
                what + ": expected " + expected + ", got " + actual);
    }

    @Test
    void upperIncompleteGammaMatchesScipyToRelativeOneInTenToTheTwelve() {
        for (double[] c : GAMMAINCC) {
            assertRelative(c[2], Gamma.regularizedQ(c[0], c[1]), 1e-12, "Q(" + c[0] + ", " + c[1] + ")");
            assertEquals(1.0, Gamma.regularizedP(c[0], c[1]) + Gamma.regularizedQ(c[0], c[1]), 1e-15,
                    "P + Q at (" + c[0] + ", " + c[1] + ")");
        }
    }

    @Test
    void logGammaMatchesScipy() {
        for (double[] c : GAMMALN) {
            assertEquals(c[1], Gamma.logGamma(c[0]), 1e-13 * Math.max(1, Math.abs(c[1])), "lnΓ(" + c[0] + ")");
        }
    }

    @Test
    void chiSquaredSurvivalMatchesScipy() {
        for (double[] c : CHI2_SF) {
            assertRelative(c[2], ChiSquared.survival(c[0], c[1]), 1e-12, "chi2.sf(" + c[0] + ", " + c[1] + ")");
        }
    }

    @Test
    void exponentialCaseIsExactlyExpMinusX() {
        // Q(1, x) = e^{−x}: closed form, checked on both branches (series below x = 2, fraction above)
        for (double x : new double[] {0.01, 0.5, 1.9, 2.0, 7, 40, 700}) {
            assertRelative(Math.exp(-x), Gamma.regularizedQ(1, x), 1e-13, "Q(1, " + x + ")");
        }
    }

    @Test
    void boundaryArgumentsGiveTheLimits() {
        assertEquals(1.0, Gamma.regularizedQ(3, 0));
        assertEquals(0.0, Gamma.regularizedQ(3, Double.POSITIVE_INFINITY));
        assertEquals(0.0, Gamma.regularizedP(3, 0));
        assertEquals(1.0, ChiSquared.survival(0, 7));
    }

    @Test
    void invalidArgumentsAreRefusedWithTheirValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Gamma.regularizedQ(0, 1));
        assertTrue(e.getMessage().contains("a=0.0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Gamma.regularizedQ(1, -1));
        assertTrue(e.getMessage().contains("x=-1.0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Gamma.regularizedQ(1, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> ChiSquared.survival(1, 0));
    }
}
