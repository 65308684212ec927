package org.l1embed.analysis.score;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GaussianMixtureScoreTest {

    /** Known 2-D mixture: weights, means and covariances (row-major). */
    private static final double[] WEIGHTS = {0.5, 0.3, 0.2};
    private static final double[][] MEANS = {{0, 0}, {6, 1}, {-2, 7}};
    private static final double[][] COVS = {{1, 0.5, 0.5, 2}, {0.5, -0.2, -0.2, 0.3}, {2, 0, 0, 0.5}};

    private static float[] sample(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[2 * n];
        for (int e = 0; e < n; e++) {
            double u = r.nextDouble();
            int c = u < WEIGHTS[0] ? 0 : u < WEIGHTS[0] + WEIGHTS[1] ? 1 : 2;
            double[] s = COVS[c];
            // Cholesky of the 2x2 covariance
            double l00 = Math.sqrt(s[0]);
            double l10 = s[2] / l00;
            double l11 = Math.sqrt(s[3] - l10 * l10);
            double g0 = r.nextGaussian();
            double g1 = r.nextGaussian();
            x[2 * e] = (float) (MEANS[c][0] + l00 * g0);
            x[2 * e + 1] = (float) (MEANS[c][1] + l10 * g0 + l11 * g1);
        }
        return x;
    }

    @Test
    void recoversTheWeightsMeansAndCovariancesOfAKnownMixture() {
        int n = 40_000;
        GaussianMixtureScore gmm = GaussianMixtureScore.fit(sample(n, 11), 2, GaussianMixtureScore.Config.of(3, 5));
        assertTrue(gmm.converged(), "did not converge in " + gmm.iterations() + " iterations");
        double[] w = gmm.weights();
        for (int truth = 0; truth < 3; truth++) {
            int c = closest(gmm, MEANS[truth]);
            // statistical tolerances: several standard errors at n = 40 000
            assertEquals(WEIGHTS[truth], w[c], 0.01, "weight of component " + truth);
            double[] mean = gmm.mean(c);
            double[] cov = gmm.covariance(c);
            for (int j = 0; j < 2; j++) {
                assertEquals(MEANS[truth][j], mean[j], 0.05, "mean " + j + " of component " + truth);
            }
            for (int j = 0; j < 4; j++) {
                assertEquals(COVS[truth][j], cov[j], 0.06 * Math.max(1, Math.abs(COVS[truth][j])),
                        "covariance " + j + " of component " + truth);
            }
        }
    }

    private static int closest(GaussianMixtureScore gmm, double[] mean) {
        int best = -1;
        double bestDist = Double.POSITIVE_INFINITY;
        for (int c = 0; c < gmm.components(); c++) {
            double[] m = gmm.mean(c);
            double dist = Math.hypot(m[0] - mean[0], m[1] - mean[1]);
            if (dist < bestDist) {
                bestDist = dist;
                best = c;
            }
        }
        return best;
    }

    @Test
    void oneComponentIsTheGaussianMaximumLikelihoodFitAndScoresMinusItsLogDensity() {
        float[] x = {1, 2, 3, 7};     // 1-D: mean 3.25, ML variance (5.0625+1.5625+0.0625+14.0625)/4 = 5.1875
        GaussianMixtureScore gmm = GaussianMixtureScore.fit(x, 1,
                new GaussianMixtureScore.Config(1, 10, 0, 0, 0));
        assertEquals(3.25, gmm.mean(0)[0], 1e-15);
        assertEquals(5.1875, gmm.covariance(0)[0], 1e-13);
        assertArrayEquals(new double[] {1.0}, gmm.weights());
        double s = gmm.score(new float[] {5})[0];
        double expected = 0.5 * Math.log(2 * Math.PI * 5.1875) + (5 - 3.25) * (5 - 3.25) / (2 * 5.1875);
        assertEquals(expected, s, 1e-13);
    }

    @Test
    void farPointsScoreHigherThanPointsInTheBulkAndStayFinite() {
        GaussianMixtureScore gmm = GaussianMixtureScore.fit(sample(5000, 3), 2, GaussianMixtureScore.Config.of(3, 1));
        double[] s = gmm.score(new float[] {0, 0, 6, 1, 3, -6, 40, 40, 1e6f, -1e6f});
        assertTrue(s[2] > s[0] + 5 && s[2] > s[1] + 5, "between the clusters vs at their centres: " + s[2]);
        assertTrue(s[3] > s[2], "far away: " + s[3]);
        assertTrue(Double.isFinite(s[4]) && s[4] > s[3], "very far away must stay finite and larger: " + s[4]);
    }

    @Test
    void theSameSeedGivesTheSameMixtureBitForBit() {
        float[] x = sample(3000, 4);
        GaussianMixtureScore a = GaussianMixtureScore.fit(x, 2, GaussianMixtureScore.Config.of(3, 42));
        GaussianMixtureScore b = GaussianMixtureScore.fit(x, 2, GaussianMixtureScore.Config.of(3, 42));
        float[] probe = {0.5f, 0.5f, 4, 2, -2, 6};
        assertArrayEquals(a.score(probe), b.score(probe));
        assertArrayEquals(a.weights(), b.weights());
        assertEquals(a.iterations(), b.iterations());
    }

    @Test
    void constantFeaturesAreHandledByTheRidge() {
        SplittableRandom r = new SplittableRandom(9);
        float[] x = new float[3 * 500];
        for (int e = 0; e < 500; e++) {
            x[3 * e] = (float) r.nextGaussian();
            x[3 * e + 1] = (float) r.nextGaussian();
            x[3 * e + 2] = 0;     // padding: never varies
        }
        GaussianMixtureScore gmm = GaussianMixtureScore.fit(x, 3, GaussianMixtureScore.Config.of(2, 0));
        double[] s = gmm.score(new float[] {0, 0, 0, 0, 0, 1});
        assertTrue(Double.isFinite(s[0]) && Double.isFinite(s[1]) && s[1] > s[0] + 1000, s[0] + " " + s[1]);
    }

    @Test
    void badInputGivesClearErrors() {
        float[] x = {1, 2, 3, 4, 5, 6};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GaussianMixtureScore.Config.of(0, 1));
        assertEquals("components must be >= 1, got components=0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> GaussianMixtureScore.fit(x, 2, GaussianMixtureScore.Config.of(4, 1)));
        assertEquals("components must be <= the number of background events 3, got components=4", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> GaussianMixtureScore.fit(x, 4, GaussianMixtureScore.Config.of(1, 1)));
        assertEquals("background sample: length must be a positive multiple of d=4, got 6 values", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> GaussianMixtureScore.fit(new float[] {1, 2, Float.NaN, 4}, 2, GaussianMixtureScore.Config.of(1, 1)));
        assertEquals("background sample: event 1, feature 0 is NaN; values must be finite", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new GaussianMixtureScore.Config(1, 10, -1, 0, 0));
        assertEquals("tolerance must be finite and >= 0, got tolerance=-1.0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new GaussianMixtureScore.Config(1, 10, 0, Double.NaN, 0));
        assertEquals("ridge must be finite and >= 0, got ridge=NaN", e.getMessage());
        GaussianMixtureScore gmm = GaussianMixtureScore.fit(x, 2, GaussianMixtureScore.Config.of(1, 1));
        e = assertThrows(IllegalArgumentException.class, () -> gmm.score(new float[] {1, 2, 3}));
        assertEquals("events to score: length must be a multiple of the fitted dimension d=2, got 3 values",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> gmm.score(new float[] {1, Float.POSITIVE_INFINITY}));
        assertEquals("events to score: event 0, feature 1 is Infinity; values must be finite", e.getMessage());
    }
}
