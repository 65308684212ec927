package org.l1embed.analysis.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Oracle (numpy 2.4.6, scipy 1.17.1), with the samples of {@link Lcg}:
 *
 * <pre>
 * a = normals(5, 1000); b = normals(6, 1200, 0.1); g = Lcg(7); wa = np.array([0.5 + g.u() for _ in range(1000)])
 * edges = np.quantile(np.concatenate([a, b]), np.arange(21) / 20)
 * def hist(v, w):
 *     idx = np.searchsorted(edges, v, side='right') - 1; idx[v == edges[-1]] = len(edges) - 2
 *     return np.bincount(idx, weights=w, minlength=20), np.bincount(idx, weights=w*w, minlength=20)
 * sa, va = hist(a, wa); sb, vb = hist(b, np.ones(len(b))); WA, WB = sa.sum(), sb.sum()
 * chi = ((WB*sa - WA*sb)**2 / (WB**2*va + WA**2*vb)).sum(); scipy.stats.chi2.sf(chi, 19)
 * </pre>
 */
class BinnedChiSquaredTest {

    private static double[] weightsA() {
        Lcg g = new Lcg(7);
        double[] w = new double[1000];
        for (int i = 0; i < w.length; i++) {
            w[i] = 0.5 + g.u();
        }
        return w;
    }

    @Test
    void quantileEdgesEqualNumpyQuantile() {
        double[] a = Lcg.normals(5, 1000, 0);
        double[] b = Lcg.normals(6, 1200, 0.1);
        double[] edges = Binning.quantileEdges(20, a, b);
        assertEquals(21, edges.length);
        assertEquals(-3.4441412570095715, edges[0]);
        assertEquals(-1.6165228664834639, edges[1]);
        assertEquals(0.05223677763452601, edges[10]);
        assertEquals(1.6781486546069009, edges[19]);
        assertEquals(2.9089307350577234, edges[20]);
    }

    @Test
    void weightedStatisticMatchesTheNumpyOracle() {
        double[] a = Lcg.normals(5, 1000, 0);
        double[] b = Lcg.normals(6, 1200, 0.1);
        double[] edges = Binning.quantileEdges(20, a, b);
        Chi2Result r = BinnedChiSquared.test(edges, a, weightsA(), b, KolmogorovSmirnov.ones(b.length));
        assertEquals(20.741427056184968, r.statistic(), 1e-12 * 20.74);
        assertEquals(19, r.degreesOfFreedom());
        assertEquals(0.35126265952128843, r.pValue(), 1e-12 * 0.35);
    }

    @Test
    void binsEmptyInBothHistogramsAreDroppedFromTheDegreesOfFreedom() {
        double[] edges = {0, 1, 2, 3, 4};
        double[] a = {0.5, 0.5, 3.5};
        double[] b = {0.2, 3.1, 3.9};
        Chi2Result r = BinnedChiSquared.test(edges, a, KolmogorovSmirnov.ones(3), b, KolmogorovSmirnov.ones(3));
        assertEquals(1, r.degreesOfFreedom());
        // bin 0: (3·2 − 3·1)² / (9·2 + 9·1) = 1/3; bin 3: (3·1 − 3·2)² / (9·1 + 9·2) = 1/3
        assertEquals(2.0 / 3, r.statistic(), 1e-15);
    }

    @Test
    void identicalHistogramsGiveZeroAndOne() {
        double[] a = Lcg.normals(12, 2000, 0, 1);
        double[] edges = Binning.quantileEdges(20, a);
        Chi2Result r = BinnedChiSquared.test(edges, a, KolmogorovSmirnov.ones(a.length), a.clone(),
                KolmogorovSmirnov.ones(a.length));
        assertEquals(0.0, r.statistic());
        assertEquals(1.0, r.pValue());
    }

    @Test
    void shiftedSamplesGiveATinyPValue() {
        double[] a = Lcg.normals(13, 5000, 0);
        double[] b = Lcg.normals(14, 5000, 0.3);
        double[] edges = Binning.quantileEdges(20, a, b);
        Chi2Result r = BinnedChiSquared.test(edges, a, KolmogorovSmirnov.ones(a.length), b,
                KolmogorovSmirnov.ones(b.length));
        assertTrue(r.pValue() < 1e-20, "p=" + r.pValue());
    }

    @Test
    void lastBinIsClosedAndOutsideValuesAreNotCounted() {
        double[] edges = {0, 1, 2};
        Histogram h = Binning.histogram(edges, new double[] {-1, 0, 1, 2, 3}, new double[] {1, 2, 3, 4, 5});
        assertArrayEquals(new double[] {2, 7}, h.sum());
        assertArrayEquals(new double[] {4, 25}, h.sumSquares());
        assertArrayEquals(new long[] {1, 2}, h.entries());
        assertEquals(-1, Binning.binOf(edges, 2.0000001));
        assertEquals(0, Binning.binOf(edges, 0.9999));
    }

    @Test
    void tiedQuantilesAreMerged() {
        double[] edges = Binning.quantileEdges(4, new double[] {1, 1, 1, 1, 1, 1, 2, 3});
        assertArrayEquals(new double[] {1, 1.25, 3}, edges);
    }

    @Test
    void degenerateInputsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Binning.quantileEdges(5, new double[] {2, 2, 2}));
        assertThrows(IllegalArgumentException.class, () -> Binning.quantileEdges(0, new double[] {1, 2}));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Binning.histogram(new double[] {0, 1, 1}, new double[] {0.5}, new double[] {1}));
        assertTrue(e.getMessage().contains("strictly increasing"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> BinnedChiSquared.test(new double[] {0, 1, 2},
                new double[] {0.5}, new double[] {1}, new double[] {0.7}, new double[] {1}));
        assertTrue(e.getMessage().contains("two non-empty bins"), e.getMessage());
    }
}
