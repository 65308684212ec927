package org.l1embed.analysis.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MahalanobisScoreTest {

    @Test
    void equalsTheClosedFormForADiagonalCovariance() {
        // x: (±1, 0) and (0, ±2): mean 0, sample variances 2/3 and 8/3, zero covariance.
        float[] bg = {1, 0, -1, 0, 0, 2, 0, -2};
        MahalanobisScore m = MahalanobisScore.fit(bg, 2);
        double[] s = m.score(new float[] {1, 2});
        double expected = 1 / (2.0 / 3) + 4 / (8.0 / 3);
        assertEquals(expected, s[0], expected * 1e-5);   // the ridge is 1e-6 of the mean variance
    }

    @Test
    void handlesConstantFeaturesThanksToTheRidgeAndIsLargerFarAway() {
        SplittableRandom rnd = new SplittableRandom(3);
        int n = 500;
        float[] bg = new float[n * 3];
        for (int e = 0; e < n; e++) {
            bg[e * 3] = (float) rnd.nextGaussian();
            bg[e * 3 + 1] = (float) rnd.nextGaussian();
            bg[e * 3 + 2] = 0;                              // padding: never varies
        }
        MahalanobisScore m = MahalanobisScore.fit(bg, 3);
        double[] s = m.score(new float[] {0, 0, 0, 3, 3, 0});
        assertTrue(Double.isFinite(s[0]) && s[0] < 0.1, "near the mean: " + s[0]);
        assertTrue(s[1] > 10, "far away: " + s[1]);
    }

    @Test
    void refusesTooFewEventsAndNonFinite() {
        assertThrows(IllegalArgumentException.class, () -> MahalanobisScore.fit(new float[] {1, 2}, 2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MahalanobisScore.fit(new float[] {1, 2, Float.NaN, 4}, 2));
        assertEquals("background sample: event 1, feature 0 is NaN", e.getMessage());
    }
}
