package org.l1embed.analysis.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RocBootstrapTest {

    private static Roc gaussians(int nb, int ns, double shift, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] b = new double[nb];
        double[] s = new double[ns];
        for (int i = 0; i < nb; i++) {
            b[i] = rnd.nextGaussian();
        }
        for (int i = 0; i < ns; i++) {
            s[i] = rnd.nextGaussian() + shift;
        }
        return Roc.of(b, s);
    }

    @Test
    void theSameSeedGivesIdenticalResultsWithOrWithoutThreads() {
        Roc roc = gaussians(20_000, 5_000, 1, 1);
        List<Double> acc = List.of(1e-3, 1e-2, 0.1);
        RocBootstrap.Result parallel = RocBootstrap.run(roc, acc, new RocBootstrap.Config(64, 99, true));
        RocBootstrap.Result sequential = RocBootstrap.run(roc, acc, new RocBootstrap.Config(64, 99, false));
        assertEquals(sequential.auc(), parallel.auc());
        assertEquals(sequential.efficiencies(), parallel.efficiencies());
        RocBootstrap.Result again = RocBootstrap.run(roc, acc, new RocBootstrap.Config(64, 99, true));
        assertEquals(parallel, again);
        RocBootstrap.Result other = RocBootstrap.run(roc, acc, new RocBootstrap.Config(64, 100, true));
        assertNotEquals(parallel.auc().std(), other.auc().std());
        assertEquals(parallel.auc().value(), other.auc().value());   // the value is on the full samples
    }

    @Test
    void allTiedSamplesHaveNoSpread() {
        Roc roc = Roc.of(new double[] {2, 2, 2, 2, 2}, new double[] {2, 2, 2});
        RocBootstrap.Result r = RocBootstrap.run(roc, List.of(0.2), new RocBootstrap.Config(50, 1, true));
        assertEquals(new Estimate(0.5, 0, 0.5, 0.5), r.auc());
        assertEquals(new Estimate(0, 0, 0, 0), r.efficiencies().get(0).efficiency());
        assertEquals(new EfficiencyPoint(0.2, 2, 0, 0, 5), r.efficiencies().get(0).nominal());
    }

    @Test
    void separatedSamplesStaySeparatedInEveryReplica() {
        Roc roc = Roc.of(new double[] {0, 1, 2, 3}, new double[] {10, 11, 12});
        RocBootstrap.Result r = RocBootstrap.run(roc, List.of(0.25), RocBootstrap.Config.of(3));
        assertEquals(new Estimate(1, 0, 1, 1), r.auc());
        assertEquals(new Estimate(1, 0, 1, 1), r.efficiencies().get(0).efficiency());
    }

    @Test
    void percentilesAndStdFollowTheirDefinitions() {
        Estimate e = RocBootstrap.estimate(3, new double[] {5, 1, 4, 2, 3});
        assertEquals(Math.sqrt(2.5), e.std(), 1e-15);
        assertEquals(1.64, e.low68(), 1e-12);      // position 0.16·4 = 0.64
        assertEquals(4.36, e.high68(), 1e-12);     // position 0.84·4 = 3.36
        assertEquals(new Estimate(7, 0, 7, 7), RocBootstrap.estimate(7, new double[] {7}));
    }

    @Test
    void resamplingKeepsTheSizeAndDrawsOnlySampleValuesInOrder() {
        double[] sorted = {1, 2, 2, 5, 9};
        double[] r = RocBootstrap.resample(sorted, new SplittableRandom(4));
        assertEquals(5, r.length);
        double[] copy = r.clone();
        Arrays.sort(copy);
        assertArrayEquals(copy, r);
        for (double v : r) {
            assertTrue(Arrays.binarySearch(sorted, v) >= 0, "value " + v + " not in the sample");
        }
    }

    @Test
    void aucSpreadAgreesWithTheHanleyMcNeilApproximation() {
        int nb = 4000;
        int ns = 2000;
        Roc roc = gaussians(nb, ns, 1, 2);
        RocBootstrap.Result r = RocBootstrap.run(roc, Roc.TRIGGER_ACCEPTANCES, new RocBootstrap.Config(300, 5, true));
        double a = roc.auc();
        // Hanley & McNeil (1982), Radiology 143:29, eq. 1
        double q1 = a / (2 - a);
        double q2 = 2 * a * a / (1 + a);
        double se = Math.sqrt((a * (1 - a) + (ns - 1) * (q1 - a * a) + (nb - 1) * (q2 - a * a)) / ((double) nb * ns));
        assertTrue(r.auc().std() > 0.75 * se && r.auc().std() < 1.25 * se, r.auc().std() + " vs " + se);
        assertTrue(r.auc().low68() < a && a < r.auc().high68(), r.auc().toString());
        // 2.5e-5 × 4000 = 0.1 < 1: flagged, still computed
        assertTrue(!r.efficiencies().get(0).nominal().resolved());
        assertTrue(r.efficiencies().get(2).efficiency().std() > 0);
    }

    @Test
    void badArgumentsAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new RocBootstrap.Config(0, 1, true));
        assertEquals("replicas must be >= 1, got replicas=0", e.getMessage());
        Roc roc = Roc.of(new double[] {1}, new double[] {2});
        e = assertThrows(IllegalArgumentException.class, () -> RocBootstrap.run(roc, List.of(1.5),
                RocBootstrap.Config.of(1)));
        assertEquals("backgroundAcceptance must be in [0, 1], got 1.5", e.getMessage());
    }
}
