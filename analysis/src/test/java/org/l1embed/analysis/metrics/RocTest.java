package org.l1embed.analysis.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RocTest {

    /** O(n²) definition: P(s > b) + ½ P(s = b). */
    private static double bruteAuc(double[] b, double[] s) {
        double u = 0;
        for (double x : s) {
            for (double y : b) {
                u += x > y ? 1 : x == y ? 0.5 : 0;
            }
        }
        return u / ((double) s.length * b.length);
    }

    @Test
    void aucEqualsTheBruteForceDefinitionIncludingTies() {
        SplittableRandom rnd = new SplittableRandom(1);
        for (int t = 0; t < 200; t++) {
            int nb = 1 + rnd.nextInt(60);
            int ns = 1 + rnd.nextInt(60);
            double[] b = new double[nb];
            double[] s = new double[ns];
            for (int i = 0; i < nb; i++) {
                b[i] = rnd.nextInt(10);            // many ties
            }
            for (int i = 0; i < ns; i++) {
                s[i] = rnd.nextInt(12) - 1;
            }
            assertEquals(bruteAuc(b, s), Roc.of(b, s).auc(), 1e-12);
        }
    }

    @Test
    void thresholdNeverExceedsTheAcceptanceAndIsTheSmallestThatDoesNot() {
        SplittableRandom rnd = new SplittableRandom(2);
        for (int t = 0; t < 200; t++) {
            int nb = 1 + rnd.nextInt(200);
            double[] b = new double[nb];
            for (int i = 0; i < nb; i++) {
                b[i] = rnd.nextInt(30);
            }
            double a = rnd.nextDouble() * 0.3;
            Roc roc = Roc.of(b, new double[] {0});
            double th = roc.threshold(a);
            assertTrue(roc.backgroundAcceptance(th) <= a, "acceptance " + roc.backgroundAcceptance(th) + " > " + a);
            for (double candidate : b) {
                if (candidate < th) {
                    assertTrue(roc.backgroundAcceptance(candidate) > a, "a smaller threshold " + candidate + " also fits");
                }
            }
        }
    }

    @Test
    void efficiencyAtAcceptanceOnAHandMadeExample() {
        double[] b = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        double[] s = {2.5, 8.5, 9.5, 10.5, 11};
        Roc roc = Roc.of(b, s);
        assertEquals(9.0, roc.threshold(0.1));          // one background event (10) may pass
        assertEquals(0.6, roc.efficiencyAtAcceptance(0.1), 1e-15);   // 9.5, 10.5, 11 > 9
        assertEquals(10.0, roc.threshold(0.05));        // fewer than one: none may pass
        assertEquals(0.4, roc.efficiencyAtAcceptance(0.05), 1e-15);
        assertEquals((2 + 8 + 9 + 10 + 10) / 50.0, roc.auc(), 1e-15);
    }

    @Test
    void refusesEmptyAndNaN() {
        assertThrows(IllegalArgumentException.class, () -> Roc.of(new double[0], new double[] {1}));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Roc.of(new double[] {1, Double.NaN}, new double[] {1}));
        assertEquals("background scores: event 1 is NaN", e.getMessage());
    }
}
