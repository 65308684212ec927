package org.l1embed.analysis.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Efficiency points, ROC curves and rates, checked against small cases computed by hand. */
class RocCurveTest {

    private static final double NEG_INF = Double.NEGATIVE_INFINITY;

    @Test
    void allTiedSamplesGiveHalfAucAndAStraightCurve() {
        Roc roc = Roc.of(new double[] {1, 1, 1, 1}, new double[] {1, 1});
        assertEquals(0.5, roc.auc());
        RocCurve c = roc.curve();
        assertArrayEquals(new double[] {0, 1}, c.backgroundAcceptance());
        assertArrayEquals(new double[] {0, 1}, c.signalEfficiency());
        assertArrayEquals(new double[] {1, NEG_INF}, c.threshold());
        assertEquals(0.5, c.trapezoidArea());
        // one background event may pass, but all four tie: none can be let through alone
        EfficiencyPoint p = roc.efficiencyPoint(0.25);
        assertEquals(new EfficiencyPoint(0.25, 1, 0, 0, 4), p);
        assertTrue(p.resolved());
        assertEquals("", p.note());
    }

    @Test
    void tiesAtTheThresholdNeverLetTheAcceptanceBeExceeded() {
        // background 1, 2, 3, 3, 3, 4; signal 2, 3, 3.5, 5
        Roc roc = Roc.of(new double[] {3, 1, 4, 3, 2, 3}, new double[] {5, 2, 3.5, 3});
        // a = 0.5 allows 3 events: "> 2" would pass 4 (the tied 3s), so t = 3 and only the 4 passes
        assertEquals(new EfficiencyPoint(0.5, 3, 0.5, 1, 6), roc.efficiencyPoint(0.5));
        assertEquals(new EfficiencyPoint(0.2, 3, 0.5, 1, 6), roc.efficiencyPoint(0.2));
        // a·n_b = 0.6 < 1: nothing may pass, t = the largest background score, flagged
        EfficiencyPoint strict = roc.efficiencyPoint(0.1);
        assertEquals(new EfficiencyPoint(0.1, 4, 0.25, 0, 6), strict);
        assertFalse(strict.resolved());
        assertTrue(strict.note().contains("0.100 × 6 events = 0.600 < 1"), strict.note());
        assertEquals(new EfficiencyPoint(1, NEG_INF, 1, 6, 6), roc.efficiencyPoint(1));
        assertEquals(new EfficiencyPoint(0, 4, 0.25, 0, 6), roc.efficiencyPoint(0));
        // AUC: (1.5 + 3.5 + 5 + 6) / 24
        assertEquals(16 / 24.0, roc.auc());
    }

    @Test
    void curveOfTheTiedExampleStepsThroughEveryDistinctScore() {
        Roc roc = Roc.of(new double[] {1, 2, 3, 3, 3, 4}, new double[] {2, 3, 3.5, 5});
        RocCurve c = roc.curve();
        assertArrayEquals(new double[] {5, 4, 3.5, 3, 2, 1, NEG_INF}, c.threshold());
        assertArrayEquals(new double[] {0, 0, 1 / 6.0, 1 / 6.0, 4 / 6.0, 5 / 6.0, 1}, c.backgroundAcceptance());
        assertArrayEquals(new double[] {0, 0.25, 0.25, 0.5, 0.75, 1, 1}, c.signalEfficiency());
        assertEquals(roc.auc(), c.trapezoidArea(), 1e-15);
        RocCurve positive = c.positiveAcceptance();
        assertArrayEquals(new double[] {3.5, 3, 2, 1, NEG_INF}, positive.threshold());
        assertArrayEquals(new double[] {0.25, 0.5, 0.75, 1, 1}, positive.signalEfficiency());
        double[] rates = c.rateHz();
        assertEquals(40e6 / 6, rates[2], 1e-6);
        assertEquals(40e6, rates[6]);
    }

    @Test
    void fullCurveAreaEqualsAucOnRandomTiedSamples() {
        SplittableRandom rnd = new SplittableRandom(5);
        for (int t = 0; t < 100; t++) {
            double[] b = new double[1 + rnd.nextInt(80)];
            double[] s = new double[1 + rnd.nextInt(80)];
            for (int i = 0; i < b.length; i++) {
                b[i] = rnd.nextInt(8);
            }
            for (int i = 0; i < s.length; i++) {
                s[i] = rnd.nextInt(10) - 1;
            }
            Roc roc = Roc.of(b, s);
            RocCurve c = roc.curve(Integer.MAX_VALUE);
            assertEquals(roc.auc(), c.trapezoidArea(), 1e-12);
            // every point's threshold reproduces it
            double[] th = c.threshold();
            for (int i = 0; i < c.size(); i++) {
                assertEquals(c.backgroundAcceptance()[i], roc.backgroundAcceptance(th[i]));
                assertEquals(c.signalEfficiency()[i], roc.efficiency(th[i]));
            }
        }
    }

    @Test
    void downSamplingKeepsTheEndsAndAtMostTheAskedPoints() {
        int[] keep = Roc.downSample(100_000, 2000);
        assertTrue(keep.length <= 2000 && keep.length > 1500, "kept " + keep.length);
        assertEquals(0, keep[0]);
        assertEquals(99_999, keep[keep.length - 1]);
        assertEquals(1, keep[1]);          // the strict end keeps its detail
        for (int i = 1; i < keep.length; i++) {
            assertTrue(keep[i] > keep[i - 1]);
        }
        SplittableRandom rnd = new SplittableRandom(6);
        double[] b = new double[50_000];
        double[] s = new double[20_000];
        for (int i = 0; i < b.length; i++) {
            b[i] = rnd.nextGaussian();
        }
        for (int i = 0; i < s.length; i++) {
            s[i] = rnd.nextGaussian() + 1;
        }
        RocCurve c = Roc.of(b, s).curve();
        assertTrue(c.size() <= Roc.DEFAULT_CURVE_POINTS, "size " + c.size());
        assertEquals(0, c.backgroundAcceptance()[0]);
        assertEquals(1, c.backgroundAcceptance()[c.size() - 1]);
        assertEquals(1, c.signalEfficiency()[c.size() - 1]);
        assertThrows(IllegalArgumentException.class, () -> Roc.of(b, s).curve(1));
    }

    @Test
    void triggerAcceptancesAreFlaggedWhenTheBackgroundIsTooSmall() {
        SplittableRandom rnd = new SplittableRandom(7);
        double[] big = new double[100_000];
        for (int i = 0; i < big.length; i++) {
            big[i] = rnd.nextGaussian();
        }
        double[] small = java.util.Arrays.copyOf(big, 1000);
        double[] sig = {5, 4, 3, 2};
        List<EfficiencyPoint> ok = Roc.of(big, sig).efficiencyPoints(Roc.TRIGGER_ACCEPTANCES);
        assertEquals(List.of(2.5e-5, 2.5e-4, 1e-3), ok.stream().map(EfficiencyPoint::backgroundAcceptance).toList());
        assertTrue(ok.stream().allMatch(EfficiencyPoint::resolved));
        assertEquals(List.of(2, 25, 100), ok.stream().map(EfficiencyPoint::backgroundPassing).toList());
        assertEquals(1000, ok.get(0).rateHz(), 1e-9);
        List<EfficiencyPoint> few = Roc.of(small, sig).efficiencyPoints(Roc.TRIGGER_ACCEPTANCES);
        assertEquals(List.of(false, false, true), few.stream().map(EfficiencyPoint::resolved).toList());
        assertTrue(few.get(0).note().startsWith("background sample too small"), few.get(0).note());
    }
}
