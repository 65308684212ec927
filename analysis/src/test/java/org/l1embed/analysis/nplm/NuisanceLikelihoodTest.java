package org.l1embed.analysis.nplm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NuisanceLikelihoodTest {

    /** h written out independently of the class: 2[Σ_D (f+n+g) − Σ_R w(e^{f+n+g} − 1)] − s²/σs² − n²/σn². */
    private static double h(double[][] ar, double[][] ad, double[] w, double range, double ss, double sn, double s, double n) {
        double t = s / range;
        double data = 0;
        for (int j = 0; j < ad[0].length; j++) {
            double f = 0;
            for (int k = 0; k < ad.length; k++) {
                f += ad[k][j] * Math.pow(t, k + 1);
            }
            data += f + n;
        }
        double ref = 0;
        for (int i = 0; i < w.length; i++) {
            double f = 0;
            for (int k = 0; k < ar.length; k++) {
                f += ar[k][i] * Math.pow(t, k + 1);
            }
            ref += w[i] * (Math.exp(f + n) - 1);
        }
        return 2 * (data - ref) - s * s / (ss * ss) - n * n / (sn * sn);
    }

    @Test
    void withoutShapeEffectTheMaximumIsTheNormalisationRoot() {
        // a = 0: h depends on ν_s only through its prior; with N_D = Σw the maximum is h = 0 at ν = 0.
        double[][] zeroR = {new double[1000]};
        double[][] zeroD = {new double[100]};
        double[] w = new double[1000];
        Arrays.fill(w, 0.1);
        NuisanceLikelihood l = new NuisanceLikelihood(zeroR, zeroD, w, 0.05, 0.025, 0.1, 0.075);
        NuisanceLikelihood.Maximum m = l.maximize(null, null);
        assertEquals(0.0, m.shape(), 1e-9);
        assertEquals(0.0, m.norm(), 1e-12);
        assertEquals(0.0, m.value(), 1e-9);
        // Twice as much data: N_D − e^n·S − n/σ² = 0 with N_D = 200, S = 100.
        double[][] zeroD2 = {new double[200]};
        NuisanceLikelihood.Maximum m2 = new NuisanceLikelihood(zeroR, zeroD2, w, 0.05, 0.025, 0.1, 0.075).maximize(null, null);
        assertEquals(0.0, 200 - Math.exp(m2.norm()) * 100 - m2.norm() / 0.01, 1e-9);
        assertEquals(h(zeroR, zeroD2, w, 0.05, 0.025, 0.1, 0, m2.norm()), m2.value(), 1e-9);
    }

    @Test
    void maximumAgreesWithABruteForceGridOfTheIndependentFormula() {
        SplittableRandom r = new SplittableRandom(11);
        int nr = 4000;
        int nd = 400;
        double[][] ar = new double[2][nr];
        double[][] ad = new double[2][nd];
        for (int i = 0; i < nr; i++) {
            ar[0][i] = r.nextGaussian();
            ar[1][i] = 0.1 * r.nextGaussian();
        }
        // Data leaning towards positive a_1: as if shifted by about +0.5 range.
        for (int j = 0; j < nd; j++) {
            ad[0][j] = r.nextGaussian() + 0.4;
            ad[1][j] = 0.1 * r.nextGaussian();
        }
        double[] w = new double[nr];
        Arrays.fill(w, (double) nd / nr);
        NuisanceLikelihood l = new NuisanceLikelihood(ar, ad, w, 0.05, 0.025, 0.1, 0.075);
        NuisanceLikelihood.Maximum m = l.maximize(null, null);
        double best = Double.NEGATIVE_INFINITY;
        double bestS = 0;
        for (int a = 0; a <= 300; a++) {
            double s = -0.075 + a * 0.15 / 300;
            for (int b = 0; b <= 200; b++) {
                double n = -0.3 + b * 0.6 / 200;
                double v = h(ar, ad, w, 0.05, 0.025, 0.1, s, n);
                if (v > best) {
                    best = v;
                    bestS = s;
                }
            }
        }
        assertTrue(m.value() >= best - 1e-9, "profile maximum " + m.value() + " below the grid's " + best);
        assertTrue(m.value() - best < 0.05, "profile maximum " + m.value() + " far above the grid's " + best);
        assertEquals(bestS, m.shape(), 0.15 / 300 * 2);
        assertTrue(m.shape() > 0.005, "data leaning to positive a_1 must pull nu_s up, got " + m.shape());
        assertEquals(h(ar, ad, w, 0.05, 0.025, 0.1, m.shape(), m.norm()), m.value(), 1e-8);
        assertEquals(m.value(), l.value(m.shape(), m.norm(), null, null), 1e-8);
    }

    @Test
    void shiftedReferenceWeightsAreTheReweightedReference() {
        double[][] ar = {{1, -2}, {0.5, 0}};
        double[][] ad = {{0}, {0}};
        NuisanceLikelihood l = new NuisanceLikelihood(ar, ad, new double[] {0.5, 0.25}, 0.05, 0.025, 0.1, 0.075);
        double[] w = l.shiftedReferenceWeights(0.1, 0.2);
        // t = 2: f = 2a1 + 4a2.
        assertEquals(0.5 * Math.exp(2 + 2 + 0.2), w[0], 1e-12);
        assertEquals(0.25 * Math.exp(-4 + 0.2), w[1], 1e-15);
    }

    @Test
    void badArgumentsAreNamed() {
        double[][] ar = {{0, 0}};
        double[][] ad = {{0}};
        assertEquals("shapeSigma must be finite and > 0, got shapeSigma=0.0", assertThrows(IllegalArgumentException.class,
                () -> new NuisanceLikelihood(ar, ad, new double[2], 0.05, 0, 0.1, 0.075)).getMessage());
        assertEquals("aReference[0] must hold one value per reference event (3), got 2", assertThrows(IllegalArgumentException.class,
                () -> new NuisanceLikelihood(ar, ad, new double[3], 0.05, 0.025, 0.1, 0.075)).getMessage());
        assertEquals("referenceWeights[1] must be finite and >= 0, got -1.0", assertThrows(IllegalArgumentException.class,
                () -> new NuisanceLikelihood(ar, ad, new double[] {0, -1}, 0.05, 0.025, 0.1, 0.075)).getMessage());
        assertEquals("aData[0][0] must be finite, got NaN", assertThrows(IllegalArgumentException.class,
                () -> new NuisanceLikelihood(ar, new double[][] {{Double.NaN}}, new double[2], 0.05, 0.025, 0.1, 0.075)).getMessage());
        NuisanceLikelihood l = new NuisanceLikelihood(ar, ad, new double[2], 0.05, 0.025, 0.1, 0.075);
        assertEquals("gData must hold 1 values, got 2", assertThrows(IllegalArgumentException.class,
                () -> l.maximize(null, new double[2])).getMessage());
    }
}
