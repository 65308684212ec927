package org.l1embed.analysis.nplm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ToysTest {

    private static Sample reference;
    private static Sample pool;
    private static Toys toys;
    private static ToyDistribution nullToys;

    @BeforeAll
    static void nullToys() {
        reference = Sample.of(NplmFitTest.gaussian(2000, 2, 0, 21), 2);
        pool = Sample.of(NplmFitTest.gaussian(20000, 2, 0, 22), 2);
        NplmSettings settings = NplmSettings.defaults().withCentres(30).withThreads(2).withSeed(3);
        toys = new Toys(reference, pool, 200, settings);
        nullToys = toys.nullDistribution(300, 99);
    }

    @Test
    void nullToyMeanAgreesWithTheFittedChiSquaredDegreesOfFreedom() {
        ChiSquaredFit fit = nullToys.fitChiSquared();
        System.out.println("null toys: " + nullToys + ", χ² fit " + fit);
        assertEquals(0, fit.excluded());
        assertEquals(300, fit.used());
        // the mean of χ²_k is k; the two estimates share the toys, so their difference is well inside k̂'s error
        assertEquals(fit.degreesOfFreedom(), nullToys.mean(), 2 * fit.standardError());
        // and the spread is the χ² spread √(2k) within 15 %
        assertEquals(Math.sqrt(2 * fit.degreesOfFreedom()), nullToys.standardDeviation(),
                0.15 * Math.sqrt(2 * fit.degreesOfFreedom()));
    }

    @Test
    void significanceGrowsWithTheNumberOfInjectedSignalEvents() {
        Sample signal = Sample.of(bump(2000, 23), 2);
        double dof = nullToys.fitChiSquared().degreesOfFreedom();
        double[] z = new double[4];
        int[] injected = {10, 25, 50, 100};
        for (int s = 0; s < injected.length; s++) {
            double[] t = toys.distribution(15, 500 + s, signal, injected[s]).values();
            Arrays.sort(t);
            z[s] = Significance.chiSquared(t[t.length / 2], dof).z();
        }
        System.out.println("median Z for " + Arrays.toString(injected) + " signal events: " + Arrays.toString(z));
        for (int s = 1; s < z.length; s++) {
            assertTrue(z[s] > z[s - 1], Arrays.toString(z));
        }
        assertTrue(z[3] > 5, Arrays.toString(z));
    }

    /** A narrow Gaussian bump at feature values (1.5, 4.5): inside the reference, 1.5σ off its centre. */
    private static double[] bump(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] v = new double[2 * n];
        for (int e = 0; e < n; e++) {
            v[2 * e] = 1.5 + 0.2 * NplmFitTest.nextGaussian(r);
            v[2 * e + 1] = 4.5 + 0.4 * NplmFitTest.nextGaussian(r);
        }
        return v;
    }

    @Test
    void toysAreReproducibleOneByOne() {
        Sample again = toys.data(7, 99);
        assertArrayEquals(values(again), values(toys.data(7, 99)));
        assertEquals(nullToys.values()[7], toys.fit(7, 99).t());
        assertTrue(again.size() != toys.data(8, 99).size() || !Arrays.equals(values(again), values(toys.data(8, 99))));
    }

    @Test
    void toyDataSizesArePoissonAroundTheExpectation() {
        double sum = 0;
        double sumSq = 0;
        int n = 2000;
        SplittableRandom r = new SplittableRandom(1);
        for (double mean : new double[] {3.5, 200, 100_000}) {
            sum = 0;
            sumSq = 0;
            for (int i = 0; i < n; i++) {
                int k = Toys.poisson(mean, r);
                sum += k;
                sumSq += (double) k * k;
            }
            double m = sum / n;
            double var = sumSq / n - m * m;
            assertEquals(mean, m, 4 * Math.sqrt(mean / n), "mean at " + mean);
            assertEquals(mean, var, 5 * mean * Math.sqrt(2.0 / n), "variance at " + mean);
        }
    }

    @Test
    void referenceIsWeightedByExpectedOverReferenceSize() {
        assertEquals(0.1, toys.reference().weight(0));
        assertEquals(toys.settings().width(), new KernelWidth.Fixed(NplmTest.kernelWidth(reference,
                NplmSettings.defaults().withSeed(3))));
    }

    @Test
    void badToySetupsAreRefused() {
        NplmSettings s = NplmSettings.defaults().withCentres(10);
        assertEquals("toys: pool must be disjoint from the reference, got the same sample",
                assertThrows(IllegalArgumentException.class, () -> new Toys(reference, reference, 10, s))
                        .getMessage());
        assertEquals("toys: pool of 20000 events is smaller than expectedData=30000.0",
                assertThrows(IllegalArgumentException.class, () -> new Toys(reference, pool, 30000, s)).getMessage());
        assertEquals("toys: expectedData must be positive and finite, got expectedData=0.0",
                assertThrows(IllegalArgumentException.class, () -> new Toys(reference, pool, 0, s)).getMessage());
    }

    private static double[] values(Sample s) {
        double[] v = new double[s.size() * s.dimension()];
        for (int e = 0; e < s.size(); e++) {
            for (int k = 0; k < s.dimension(); k++) {
                v[e * s.dimension() + k] = s.value(e, k);
            }
        }
        return v;
    }
}
