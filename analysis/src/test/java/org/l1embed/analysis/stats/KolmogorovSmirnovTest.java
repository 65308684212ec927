package org.l1embed.analysis.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Oracle values: {@code d = scipy.stats.ks_2samp(a, b, method='asymp').statistic} and
 * {@code scipy.stats.kstwobign.sf(numpy.sqrt(n*m/(n+m)) * d)} (scipy 1.17.1), with the samples of {@link Lcg}.
 * scipy's own asymp p-value, {@code kstwo.sf(d, round(en))}, is quoted alongside: it is a finite-n
 * distribution and differs on purpose (see the class documentation).
 */
class KolmogorovSmirnovTest {

    private static void assertRelative(double expected, double actual, double tolerance) {
        assertTrue(Math.abs(actual - expected) <= tolerance * Math.abs(expected),
                "expected " + expected + ", got " + actual);
    }

    @Test
    void tiedSmallSamplesMatchScipy() {
        double[] a = {1, 2, 2, 3, 5, 5, 5, 8};
        double[] b = {2, 2, 4, 5, 6, 7, 7, 9, 10};
        KsResult r = KolmogorovSmirnov.test(a, b);
        // ks_2samp statistic 0.4305555555555556; kstwobign.sf 0.4122401689915279 (ks_2samp asymp: 0.3452533198064319)
        assertEquals(0.4305555555555556, r.statistic());
        assertRelative(0.4122401689915279, r.pValue(), 1e-12);
        assertEquals(8.0, r.effectiveSizeA());
        assertEquals(9.0, r.effectiveSizeB());
    }

    @Test
    void roundedNormalSamplesWithManyTiesMatchScipy() {
        // a = normals(1, 500, 0, 2); b = normals(2, 700, 0.1, 2)
        KsResult r = KolmogorovSmirnov.test(Lcg.normals(1, 500, 0, 2), Lcg.normals(2, 700, 0.1, 2));
        // statistic 0.05314285714285716; kstwobign.sf 0.38234063570150656 (ks_2samp asymp: 0.3687173915123526)
        assertEquals(0.05314285714285716, r.statistic());
        assertRelative(0.38234063570150656, r.pValue(), 1e-12);
    }

    @Test
    void shiftedNormalSamplesGiveTheScipyTailProbability() {
        // a = normals(3, 2000); b = normals(4, 3000, 0.05)
        KsResult r = KolmogorovSmirnov.test(Lcg.normals(3, 2000, 0), Lcg.normals(4, 3000, 0.05));
        // statistic 0.06916666666666665; kstwobign.sf 2.063504970261467e-05 (ks_2samp asymp: 1.9505734754822743e-05)
        assertEquals(0.06916666666666665, r.statistic());
        assertRelative(2.063504970261467e-05, r.pValue(), 1e-11);
    }

    @Test
    void weightedSampleMatchesAnIndependentNumpyImplementation() {
        // a = normals(5, 1000); b = normals(6, 1200, 0.1); g = Lcg(7); wa = [0.5 + g.u() for _ in range(1000)]
        // oracle: weighted ECDFs via numpy.searchsorted(side='right') on the pooled values, D = max|Fa − Fb|,
        // n_eff = (Σw)²/Σw², p = kstwobign.sf(sqrt(na·nb/(na+nb))·D)
        double[] a = Lcg.normals(5, 1000, 0);
        double[] b = Lcg.normals(6, 1200, 0.1);
        Lcg g = new Lcg(7);
        double[] wa = new double[1000];
        for (int i = 0; i < wa.length; i++) {
            wa[i] = 0.5 + g.u();
        }
        KsResult r = KolmogorovSmirnov.test(a, wa, b);
        assertRelative(0.05518208460468754, r.statistic(), 1e-13);
        assertRelative(0.08342021201572779, r.pValue(), 1e-11);
        assertRelative(922.8111100208847, r.effectiveSizeA(), 1e-13);
        assertEquals(1200.0, r.effectiveSizeB());
    }

    @Test
    void kolmogorovDistributionMatchesScipyOnBothSeriesBranches() {
        // scipy.stats.kstwobign.sf(lam)
        double[][] cases = {
            {0.3, 0.9999906941986655}, {0.5, 0.9639452436648751}, {0.8, 0.5441424115741981},
            {0.99, 0.2808738392255489}, {1.0, 0.26999967167735456}, {1.2, 0.11224966667072497},
            {1.5, 0.022217962616525127}, {2, 0.0006709252557796953}, {3, 3.045995948942526e-08},
            {5, 3.8574996959278356e-22}, {8, 5.14441874528483e-56},
        };
        for (double[] c : cases) {
            assertRelative(c[1], KolmogorovSmirnov.kolmogorovSurvival(c[0]), 1e-12);
        }
        assertEquals(1.0, KolmogorovSmirnov.kolmogorovSurvival(0.05));
        assertEquals(1.0, KolmogorovSmirnov.kolmogorovSurvival(0));
    }

    @Test
    void integerWeightsEqualReplicatedEvents() {
        SplittableRandom rnd = new SplittableRandom(11);
        for (int t = 0; t < 50; t++) {
            int n = 1 + rnd.nextInt(40);
            double[] a = new double[n];
            double[] w = new double[n];
            int total = 0;
            for (int i = 0; i < n; i++) {
                a[i] = rnd.nextInt(15);
                w[i] = rnd.nextInt(4);
                total += (int) w[i];
            }
            if (total == 0) {
                w[0] = 1;
                total = 1;
            }
            double[] replicated = new double[total];
            int at = 0;
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < (int) w[i]; k++) {
                    replicated[at++] = a[i];
                }
            }
            double[] b = new double[1 + rnd.nextInt(40)];
            for (int i = 0; i < b.length; i++) {
                b[i] = rnd.nextInt(15) + 1;
            }
            assertEquals(KolmogorovSmirnov.test(replicated, b).statistic(),
                    KolmogorovSmirnov.test(a, w, b).statistic(), 1e-15);
        }
    }

    @Test
    void statisticIsSymmetricAndInRange() {
        SplittableRandom rnd = new SplittableRandom(12);
        for (int t = 0; t < 100; t++) {
            double[] a = new double[1 + rnd.nextInt(50)];
            double[] b = new double[1 + rnd.nextInt(50)];
            for (int i = 0; i < a.length; i++) {
                a[i] = rnd.nextInt(20);
            }
            for (int i = 0; i < b.length; i++) {
                b[i] = rnd.nextInt(20) + rnd.nextInt(3);
            }
            KsResult ab = KolmogorovSmirnov.test(a, b);
            KsResult ba = KolmogorovSmirnov.test(b, a);
            assertEquals(ab.statistic(), ba.statistic());
            assertEquals(ab.pValue(), ba.pValue());
            assertTrue(ab.statistic() >= 0 && ab.statistic() <= 1);
            assertTrue(ab.pValue() >= 0 && ab.pValue() <= 1);
        }
    }

    @Test
    void identicalSamplesGiveZeroAndOne() {
        double[] a = Lcg.normals(8, 300, 0, 1);
        KsResult r = KolmogorovSmirnov.test(a, a.clone());
        assertEquals(0.0, r.statistic());
        assertEquals(1.0, r.pValue());
    }

    @Test
    void clearlyShiftedSamplesGiveATinyPValue() {
        KsResult r = KolmogorovSmirnov.test(Lcg.normals(9, 5000, 0), Lcg.normals(10, 5000, 0.3));
        assertTrue(r.pValue() < 1e-20, "p=" + r.pValue());
    }

    @Test
    void invalidInputsAreRefusedNamingTheSampleAndIndex() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> KolmogorovSmirnov.test(new double[] {1, Double.NaN}, new double[] {1}));
        assertTrue(e.getMessage().contains("sample A") && e.getMessage().contains("value 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> KolmogorovSmirnov.test(new double[] {1, 2}, new double[] {1, -0.5}, new double[] {1}));
        assertTrue(e.getMessage().contains("weight 1") && e.getMessage().contains("-0.5"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> KolmogorovSmirnov.test(new double[] {1, 2}, new double[] {0, 0}, new double[] {1}));
        assertTrue(e.getMessage().contains("positive sum"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> KolmogorovSmirnov.test(new double[0], new double[] {1}));
    }
}
