package org.l1embed.quantization.bundle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnomalyScoreTest {

    /** Σ = L Lᵀ with L = [[2, 0], [1, 3]]: Σ = [[4, 2], [2, 10]], Σ⁻¹ = [[10, -2], [-2, 4]] / 36. */
    private static final AnomalyScore SCORE = new AnomalyScore(new double[] {1, -1}, new double[] {2, 0, 1, 3},
            List.of(new AnomalyScore.Threshold(2.5e-4, 9.5, 40_000), new AnomalyScore.Threshold(2.5e-5, 17.25, 40_000)), "test");

    @Test
    void scoreIsTheQuadraticFormOfTheInverseCovariance() {
        float[] z = {1, -1, 3, 0, -2, 4};
        double[] s = SCORE.score(z);
        for (int e = 0; e < 3; e++) {
            double a = z[2 * e] - 1;
            double b = z[2 * e + 1] + 1;
            double expected = (10 * a * a - 4 * a * b + 4 * b * b) / 36;
            assertEquals(expected, s[e], 1e-12, "event " + e);
        }
        assertEquals(0.0, s[0]);
    }

    @Test
    void jsonRoundTripsAndSortsThresholds() {
        byte[] json = SCORE.toJsonBytes();
        AnomalyScore back = AnomalyScore.parse(new String(json, StandardCharsets.UTF_8));
        assertArrayEquals(SCORE.mean(), back.mean());
        assertArrayEquals(SCORE.cholesky(), back.cholesky());
        assertEquals(SCORE.thresholds(), back.thresholds());
        assertEquals(2.5e-5, back.thresholds().get(0).backgroundAcceptance());
        assertArrayEquals(json, back.toJsonBytes());
        assertTrue(new String(json, StandardCharsets.UTF_8).contains("\"cholesky\" : [ [ 2.0 ], [ 1.0, 3.0 ] ]"));
    }

    @Test
    void thresholdLetsAtMostTheAcceptedFractionPass() {
        double[] bg = new double[1000];
        for (int i = 0; i < bg.length; i++) {
            bg[i] = i;   // scores 0..999
        }
        AnomalyScore.Threshold t = AnomalyScore.thresholdAt(0.01, bg);
        assertEquals(989.0, t.score());   // 10 events (990..999) strictly above
        assertEquals(1000, t.backgroundEvents());
        assertEquals(999.0, AnomalyScore.thresholdAt(2.5e-5, bg).score(), "below one event: nothing passes");
    }

    @Test
    void badFilesNameTheFieldAndValue() {
        String good = new String(SCORE.toJsonBytes(), StandardCharsets.UTF_8);
        assertMessage(good.replace("\"mahalanobis\"", "\"knn\""), "kind: expected \"mahalanobis\", got \"knn\"");
        assertMessage(good.replace("[ 1.0, 3.0 ]", "[ 1.0, -3.0 ]"), "cholesky[1][1] (diagonal) must be > 0, got -3.0");
        assertMessage(good.replace("\"latentSize\" : 2", "\"latentSize\" : 3"), "mean: expected an array of 3 numbers");
        assertMessage(good.replace("\"fittedOn\"", "\"fitted\""), "unknown field fitted");
        assertMessage(good.replace("2.5E-5", "1.5"), "thresholds[0]: backgroundAcceptance must be in (0, 1), got backgroundAcceptance=1.5");
    }

    private static void assertMessage(String json, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AnomalyScore.parse(json), json);
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
