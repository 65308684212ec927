package org.l1embed.analysis.nplm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SignificanceTest {

    @Test
    void empiricalPValueCountsToysAtOrAboveTheObservation() {
        double[] toys = {1, 2, 3, 4, 5, 6, 7, 8, 9};
        Significance s = Significance.empirical(toys, 7);
        assertEquals(4.0 / 10, s.pValue());   // 7, 8, 9 and the observation itself
        assertEquals(0.2533471031357997, s.z(), 1e-12);   // scipy.stats.norm.isf(0.4)
        assertEquals(0.1, Significance.empirical(toys, 100).pValue());
        assertEquals(1.0, Significance.empirical(toys, 0).pValue());
        assertEquals(Double.NEGATIVE_INFINITY, Significance.empirical(toys, 0).z());
    }

    @Test
    void chiSquaredSignificanceStaysFiniteFarBeyondTheToys() {
        // ln P(χ²₂ ≥ 2000) = −1000 exactly; Z with ln Q(Z) = −1000 is 44.61574773196940 (mpmath, 40 digits)
        Significance s = Significance.chiSquared(2000, 2);
        assertEquals(0.0, s.pValue());
        assertEquals(-1000, s.logPValue(), 1e-9);
        assertEquals(44.61574773196940, s.z(), 1e-9);
        // ln P(χ²_7.3 ≥ 1e5) = −49972.697638745706 (mpmath)
        assertEquals(-49972.697638745706, Significance.chiSquared(1e5, 7.3).logPValue(), 1e-6);
        assertTrue(Double.isFinite(Significance.chiSquared(1e7, 10).z()));
        assertEquals(1.0, Significance.chiSquared(-3, 10).pValue());
    }

    @Test
    void chiSquaredFitRecoversTheDegreesOfFreedomOfChiSquaredSamples() {
        SplittableRandom r = new SplittableRandom(4);
        double[] t = new double[4000];
        int k = 12;
        for (int i = 0; i < t.length; i++) {
            for (int q = 0; q < k; q++) {
                double g = NplmFitTest.nextGaussian(r);
                t[i] += g * g;
            }
        }
        ChiSquaredFit fit = ToyDistribution.of(t).fitChiSquared();
        assertEquals(k, fit.degreesOfFreedom(), 3 * fit.standardError());
        // 2/√(n ψ'(k/2)) (k̂ is within 1 % of k) with ψ'(6) = 0.18132295573711532 (scipy.special.polygamma(1, 6))
        assertEquals(2 / Math.sqrt(4000 * 0.18132295573711532), fit.standardError(), 1e-2 * fit.standardError());
    }

    @Test
    void chiSquaredFitLeavesOutNonPositiveValuesAndSaysSo() {
        ChiSquaredFit fit = ToyDistribution.of(new double[] {-1, 0, 1, 2, 3, 4}).fitChiSquared();
        assertEquals(4, fit.used());
        assertEquals(2, fit.excluded());
        assertEquals("toy distribution: the χ² fit needs at least 2 positive t values, got 1 of 3",
                assertThrows(IllegalArgumentException.class,
                        () -> ToyDistribution.of(new double[] {-1, 0, 1}).fitChiSquared()).getMessage());
        assertEquals("toy distribution: toy 1 has t=NaN, must be finite",
                assertThrows(IllegalArgumentException.class,
                        () -> ToyDistribution.of(new double[] {1, Double.NaN})).getMessage());
    }
}
