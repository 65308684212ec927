package org.l1embed.analysis.nplm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NuisanceNplmTest {

    private static final NplmSettings SETTINGS = NplmSettings.defaults().withCentres(80).withLambda(1e-6)
            .withSolver(NplmSettings.Solver.FULL_NEWTON).withSeed(3).withSigma(1.5);

    /** 2-D standard normal events, the first coordinate shifted by {@code mu}. */
    private static double[] gaussian(int n, double mu, SplittableRandom r) {
        double[] x = new double[2 * n];
        for (int e = 0; e < n; e++) {
            x[2 * e] = r.nextGaussian() + mu;
            x[2 * e + 1] = r.nextGaussian();
        }
        return x;
    }

    /**
     * The exact log density ratio of a mean shift ν of the first coordinate (range 1): f(x, ν) = ν·x₀ − ν²/2, so
     * a₁(x) = x₀ and a₂(x) = −1/2.
     */
    private static double[][] exactCoefficients(double[] x) {
        int n = x.length / 2;
        double[][] a = new double[2][n];
        for (int e = 0; e < n; e++) {
            a[0][e] = x[2 * e];
            a[1][e] = -0.5;
        }
        return a;
    }

    @Test
    void aNuisanceWithoutEffectAndAPinnedNormalisationGivesTheNominalT() {
        SplittableRandom r = new SplittableRandom(1);
        double[] ref = gaussian(4000, 0, r);
        double[] data = gaussian(400, 0.2, r);
        Sample reference = Sample.of(ref, 2);
        Sample d = Sample.of(data, 2);
        double[][] zeroR = new double[1][4000];
        double[][] zeroD = new double[1][400];
        NuisanceNplm.Result res = NuisanceNplm.test(reference, d, 400, new NuisanceNplm.Nuisance(zeroR, zeroD, 1, 1, 1e-9, 1), SETTINGS, 1);
        double nominal = NplmTest.fit(reference.withUniformWeight(0.1), d, SETTINGS).t();
        assertEquals(0.0, res.delta(), 1e-6);
        // The kernel fit keeps K_NM in float: its own t and h evaluated from the model differ at the 1e-5 level.
        assertEquals(nominal, res.t(), 1e-4 * Math.abs(nominal));
        assertEquals(nominal, res.kernelT(), 1e-9 * Math.abs(nominal));
    }

    @Test
    void aShiftTheNuisanceExplainsIsAbsorbedByTauMinusDelta() {
        // Over a few seeds: data shifted by 0.3 in x0 look anomalous to the nominal test (t far above its null level);
        // with the exact log-ratio as the nuisance, tau - Delta falls back to about the null level and Delta finds the shift.
        double nominalNull = 0;
        double nominalShifted = 0;
        double awareShifted = 0;
        double shape = 0;
        int seeds = 4;
        for (int seed = 0; seed < seeds; seed++) {
            SplittableRandom r = new SplittableRandom(seed);
            double[] ref = gaussian(6000, 0, r);
            double[] shifted = gaussian(600, 0.3, r);
            double[] nominal = gaussian(600, 0, r);
            Sample reference = Sample.of(ref, 2);
            nominalNull += NplmTest.fit(reference.withUniformWeight(0.1), Sample.of(nominal, 2), SETTINGS).t() / seeds;
            nominalShifted += NplmTest.fit(reference.withUniformWeight(0.1), Sample.of(shifted, 2), SETTINGS).t() / seeds;
            NuisanceNplm.Result res = NuisanceNplm.test(reference, Sample.of(shifted, 2), 600,
                    new NuisanceNplm.Nuisance(exactCoefficients(ref), exactCoefficients(shifted), 1, 1, 0.1, 1), SETTINGS, 2);
            assertTrue(res.tau() >= res.delta() - 1e-9, "tau maximises over more: " + res.tau() + " vs " + res.delta());
            awareShifted += res.t() / seeds;
            shape += res.deltaShape() / seeds;
        }
        assertEquals(0.3, shape, 0.06, "the Delta fit finds the shift");
        assertTrue(nominalShifted > 2 * nominalNull, "the nominal test flags the shift: " + nominalShifted + " vs null " + nominalNull);
        assertTrue(awareShifted < 1.5 * nominalNull, "tau - Delta " + awareShifted + " must be near the null level " + nominalNull);
    }

    @Test
    void aShiftTheNuisanceCannotExplainStaysVisible() {
        // The data have a bump in the second coordinate; the nuisance only moves the first.
        SplittableRandom r = new SplittableRandom(3);
        double[] ref = gaussian(6000, 0, r);
        double[] data = gaussian(600, 0, r);
        for (int e = 0; e < 80; e++) {
            data[2 * e] = 0.1 * r.nextGaussian();
            data[2 * e + 1] = 2.0 + 0.1 * r.nextGaussian();
        }
        Sample reference = Sample.of(ref, 2);
        Sample d = Sample.of(data, 2);
        NuisanceNplm.Result res = NuisanceNplm.test(reference, d, 600,
                new NuisanceNplm.Nuisance(exactCoefficients(ref), exactCoefficients(data), 1, 1, 0.1, 1), SETTINGS, 2);
        double nominal = NplmTest.fit(reference.withUniformWeight(0.1), d, SETTINGS).t();
        assertTrue(res.t() > 0.5 * nominal, "tau - Delta " + res.t() + " keeps most of the nominal t " + nominal);
    }

    @Test
    void badArgumentsAreNamed() {
        Sample reference = Sample.of(new double[] {0, 1, 2, 3}, 1);
        Sample data = Sample.of(new double[] {0, 1}, 1);
        NuisanceNplm.Nuisance n = new NuisanceNplm.Nuisance(new double[1][4], new double[1][3], 1, 1, 1, 1);
        assertEquals("nuisance coefficients hold 3 data events, the data sample 2", assertThrows(IllegalArgumentException.class,
                () -> NuisanceNplm.test(reference, data, 2, n, SETTINGS.withCentres(2), 1)).getMessage());
        NuisanceNplm.Nuisance ok = new NuisanceNplm.Nuisance(new double[1][4], new double[1][2], 1, 1, 1, 1);
        assertEquals("rounds must be >= 1, got rounds=0", assertThrows(IllegalArgumentException.class,
                () -> NuisanceNplm.test(reference, data, 2, ok, SETTINGS.withCentres(2), 0)).getMessage());
        assertEquals("expectedData must be finite and > 0, got expectedData=0.0", assertThrows(IllegalArgumentException.class,
                () -> NuisanceNplm.test(reference, data, 0, ok, SETTINGS.withCentres(2), 1)).getMessage());
    }
}
