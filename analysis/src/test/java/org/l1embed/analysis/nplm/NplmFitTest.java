package org.l1embed.analysis.nplm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.l1embed.analysis.nplm.NplmSettings.Solver;

class NplmFitTest {

    /** n Gaussian events in d dimensions, mean shift on feature 0, scale 2 on feature 1. */
    static double[] gaussian(int n, int d, double shift, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] v = new double[n * d];
        for (int i = 0; i < v.length; i++) {
            int k = i % d;
            v[i] = nextGaussian(r) * (k == 1 ? 2 : 1) + (k == 0 ? shift : 0) + 3 * k;
        }
        return v;
    }

    static double nextGaussian(SplittableRandom r) {
        // Box–Muller, so the events do not depend on the JDK's own nextGaussian
        double u = 1 - r.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    private static NplmSettings small() {
        return NplmSettings.defaults().withCentres(25).withSigma(0.8).withLambda(1e-4).withThreads(2)
                .withCg(1e-13, 500).withNewton(1e-15, 100).withSeed(11);
    }

    private static double[][] rows(Sample s, double[] mean, double[] std) {
        double[][] out = new double[s.size()][s.dimension()];
        for (int e = 0; e < s.size(); e++) {
            for (int k = 0; k < s.dimension(); k++) {
                out[e][k] = (s.value(e, k) - mean[k]) / std[k];
            }
        }
        return out;
    }

    /** The oracle for this fit's objective: standardization computed here, centres and σ taken from the fit. */
    private static DenseOracle oracle(Sample reference, Sample data, NplmFit fit, double lambda) {
        int d = reference.dimension();
        int n = reference.size();
        double[] mean = new double[d];
        double[] std = new double[d];
        for (int k = 0; k < d; k++) {
            for (int e = 0; e < n; e++) {
                mean[k] += reference.value(e, k) / n;
            }
            for (int e = 0; e < n; e++) {
                std[k] += Math.pow(reference.value(e, k) - mean[k], 2) / (n - 1);
            }
            std[k] = Math.sqrt(std[k]);
        }
        assertArrayEquals(mean, fit.model().mean(), 1e-12);
        assertArrayEquals(std, fit.model().standardDeviation(), 1e-12);
        double[][] ref = rows(reference, mean, std);
        double[][] dat = rows(data, mean, std);
        double[] c = fit.model().standardizedCentres();
        double[][] centres = new double[c.length / d][];
        for (int j = 0; j < centres.length; j++) {
            centres[j] = Arrays.copyOfRange(c, j * d, j * d + d);
        }
        double[] w = new double[n];
        for (int e = 0; e < n; e++) {
            w[e] = reference.hasWeights() ? reference.weight(e) : (double) data.size() / n;
        }
        // the summed loss carries N·λ (λ is on Falkon's per-event scale)
        return new DenseOracle(dat, ref, w, centres, fit.sigma(), (n + data.size()) * lambda);
    }

    private static void assertRelative(double expected, double actual, double tolerance) {
        assertTrue(Math.abs(actual - expected) <= tolerance * Math.abs(expected),
                "expected " + expected + ", got " + actual + " (relative " + Math.abs(actual / expected - 1) + ")");
    }

    @Test
    void fullNewtonStatisticMatchesAnIndependentDenseSolve() {
        Sample reference = Sample.of(gaussian(400, 2, 0, 1), 2);
        Sample data = Sample.of(gaussian(60, 2, 0.6, 2), 2);
        NplmSettings settings = small().withSolver(Solver.FULL_NEWTON);
        NplmFit fit = NplmTest.fit(reference, data, settings);
        DenseOracle oracle = oracle(reference, data, fit, settings.lambda());
        double[] alpha = oracle.minimize();
        assertTrue(fit.converged());
        assertTrue(fit.newtonSteps() > 1, "steps " + fit.newtonSteps());
        assertRelative(oracle.t(alpha), fit.t(), 1e-9);
        assertRelative(oracle.loss(alpha), fit.loss(), 1e-12);
    }

    @Test
    void fullNewtonHonoursPerEventReferenceWeights() {
        Sample unweighted = Sample.of(gaussian(300, 3, 0, 3), 3);
        SplittableRandom r = new SplittableRandom(5);
        double[] w = new double[300];
        for (int i = 0; i < w.length; i++) {
            w[i] = 0.2 * Math.exp(0.3 * (r.nextDouble() - 0.5));
        }
        Sample reference = unweighted.withWeights(w);
        Sample data = Sample.of(gaussian(60, 3, 0.3, 4), 3);
        NplmSettings settings = small().withSolver(Solver.FULL_NEWTON).withSigma(2.0);
        NplmFit fit = NplmTest.fit(reference, data, settings);
        DenseOracle oracle = oracle(reference, data, fit, settings.lambda());
        assertRelative(oracle.t(oracle.minimize()), fit.t(), 1e-9);
        // and the weights matter: the unweighted fit (w = 60/300) differs
        double plain = NplmTest.fit(unweighted, data, settings).t();
        assertTrue(Math.abs(plain - fit.t()) > 1e-3 * Math.abs(fit.t()), plain + " vs " + fit.t());
    }

    @Test
    void oneStepIsTheExactNewtonStepFromZero() {
        Sample reference = Sample.of(gaussian(500, 2, 0, 6), 2);
        Sample data = Sample.of(gaussian(80, 2, 0.8, 7), 2);
        NplmSettings settings = small().withSolver(Solver.ONE_STEP);
        NplmFit fit = NplmTest.fit(reference, data, settings);
        DenseOracle oracle = oracle(reference, data, fit, settings.lambda());
        double[] step = oracle.newtonStep(new double[settings.centres()]);
        assertEquals(1, fit.newtonSteps());
        assertRelative(oracle.t(step), fit.t(), 1e-9);
        double[] alpha = fit.alpha();
        for (int j = 0; j < step.length; j++) {
            assertEquals(step[j], alpha[j], 1e-7 * Arrays.stream(step).map(Math::abs).max().orElseThrow());
        }
    }

    @Test
    void resultIsIdenticalForAnyThreadCountAndKernelCacheSize() {
        Sample reference = Sample.of(gaussian(9000, 4, 0, 8), 4);   // three chunks of 4096 rows
        Sample data = Sample.of(gaussian(900, 4, 0.2, 9), 4);
        NplmSettings settings = NplmSettings.defaults().withCentres(60).withThreads(1);
        NplmFit one = NplmTest.fit(reference, data, settings);
        NplmFit three = NplmTest.fit(reference, data, settings.withThreads(3));
        NplmFit recomputed = NplmTest.fit(reference, data, settings.withThreads(2).withKernelCacheBytes(0));
        NplmFit partly = NplmTest.fit(reference, data, settings.withKernelCacheBytes(4096L * 60 * 8 + 7));
        assertEquals(9900L * 60 * 8, one.cachedKernelBytes());
        assertEquals(0, recomputed.cachedKernelBytes());
        assertEquals(4096L * 60 * 8, partly.cachedKernelBytes());
        assertEquals(one.t(), three.t());
        assertEquals(one.t(), recomputed.t());
        assertEquals(one.t(), partly.t());
        assertArrayEquals(one.alpha(), recomputed.alpha());
    }

    @Test
    void fittedModelReproducesTheStatisticOnTheInputEvents() {
        Sample reference = Sample.of(gaussian(2000, 2, 0, 10), 2);
        Sample data = Sample.of(gaussian(200, 2, 0.5, 11), 2);
        NplmFit fit = NplmTest.fit(reference, data, small());
        double w = 200.0 / 2000;
        double t = 0;
        for (double f : fit.model().evaluate(data)) {
            t += f;
        }
        for (double f : fit.model().evaluate(reference)) {
            t -= w * Math.expm1(f);
        }
        assertRelative(2 * t, fit.t(), 1e-10);
    }

    @Test
    void dataShiftedLikeTheReferenceChangesNothingButTheirOwnStatistics() {
        // standardization uses the reference only: moving the data moves its standardized events
        Sample reference = Sample.of(gaussian(1000, 2, 0, 12), 2);
        NplmFit near = NplmTest.fit(reference, Sample.of(gaussian(100, 2, 0, 13), 2), small());
        NplmFit far = NplmTest.fit(reference, Sample.of(gaussian(100, 2, 1.5, 13), 2), small());
        assertArrayEquals(near.model().mean(), far.model().mean());
        assertArrayEquals(near.model().standardDeviation(), far.model().standardDeviation());
        assertTrue(far.t() > near.t() + 20, near.t() + " vs " + far.t());
    }

    @Test
    void percentileWidthIsThePercentileOfAllReferencePairDistances() {
        Sample reference = Sample.of(gaussian(50, 2, 0, 14), 2);
        double[] mean = new double[2];
        double[] std = new double[2];
        for (int k = 0; k < 2; k++) {
            for (int e = 0; e < 50; e++) {
                mean[k] += reference.value(e, k) / 50;
            }
            for (int e = 0; e < 50; e++) {
                std[k] += Math.pow(reference.value(e, k) - mean[k], 2) / 49;
            }
            std[k] = Math.sqrt(std[k]);
        }
        double[][] z = rows(reference, mean, std);
        double[] dist = new double[50 * 49 / 2];
        int at = 0;
        for (int a = 0; a < 50; a++) {
            for (int b = a + 1; b < 50; b++) {
                dist[at++] = Math.hypot(z[a][0] - z[b][0], z[a][1] - z[b][1]);
            }
        }
        Arrays.sort(dist);
        double pos = 0.9 * (dist.length - 1);    // 1101.6
        double expected = dist[1101] + 0.6 * (dist[1102] - dist[1101]);
        double sigma = NplmTest.kernelWidth(reference, NplmSettings.defaults());
        assertEquals(expected, sigma, 1e-12 * expected);
        assertEquals(1101.6, pos, 1e-9);
    }

    private static String message(Runnable r) {
        return assertThrows(IllegalArgumentException.class, r::run).getMessage();
    }

    @Test
    void badInputIsRefusedWithFieldValueAndRule() {
        Sample ref = Sample.of(gaussian(30, 2, 0, 1), 2);
        Sample data = Sample.of(gaussian(10, 2, 0, 2), 2);
        NplmSettings s = small().withCentres(5);
        assertEquals("nplm: reference must have at least 2 events, got 1",
                message(() -> NplmTest.fit(Sample.of(new double[] {1, 2}, 2), data, s)));
        assertEquals("nplm: data must have at least 2 events, got 1",
                message(() -> NplmTest.fit(ref, Sample.of(new double[] {1, 2}, 2), s)));
        assertEquals("nplm: centres M=41 must be <= the pooled sample size 40 (reference 30 + data 10)",
                message(() -> NplmTest.fit(ref, data, s.withCentres(41))));
        assertEquals("nplm: data dimension 3 must equal reference dimension 2",
                message(() -> NplmTest.fit(ref, Sample.of(gaussian(10, 3, 0, 2), 3), s)));
        assertEquals("nplm: data must be unweighted (the data term of the loss has unit weights), got a weighted"
                + " sample", message(() -> NplmTest.fit(ref, data.withUniformWeight(1), s)));
        assertEquals("nplm: reference feature 1 has zero standard deviation (constant), cannot standardize",
                message(() -> NplmTest.fit(Sample.of(new double[] {1, 5, 2, 5, 3, 5}, 2), data, s)));
        assertEquals("sample: event 1, feature 0 must be finite, got NaN",
                message(() -> Sample.of(new double[] {1, 2, Double.NaN, 4}, 2)));
        assertEquals("sample: event 0, feature 1 must be finite, got Infinity",
                message(() -> Sample.of(new float[] {1, Float.POSITIVE_INFINITY}, 2)));
        assertEquals("sample: weight of event 2 must be finite and >= 0, got -0.5",
                message(() -> ref.withWeights(weights(30, 2, -0.5))));
        assertEquals("sample: weight of event 0 must be finite and >= 0, got NaN",
                message(() -> ref.withWeights(weights(30, 0, Double.NaN))));
        assertEquals("sample: need one weight per event, got 29 weights for 30 events",
                message(() -> ref.withWeights(new double[29])));
        assertEquals("sample: 5 values is not a whole number of events of d=2 features",
                message(() -> Sample.of(new double[5], 2)));
        assertEquals("kernel width: sigma must be positive and finite, got sigma=0.0",
                message(() -> s.withSigma(0)));
        assertEquals("kernel width: sigma must be positive and finite, got sigma=-1.0",
                message(() -> s.withSigma(-1)));
        assertEquals("kernel width: sigma must be positive and finite, got sigma=NaN",
                message(() -> s.withSigma(Double.NaN)));
        assertEquals("kernel width: percentile must be in (0, 100], got percentile=0.0",
                message(() -> new KernelWidth.Percentile(0, 2000)));
        assertEquals("nplm settings: lambda must be finite and >= 0, got lambda=-1.0E-6",
                message(() -> s.withLambda(-1e-6)));
        assertEquals("nplm settings: lambda must be finite and >= 0, got lambda=NaN",
                message(() -> s.withLambda(Double.NaN)));
        assertEquals("nplm settings: centres must be >= 1, got centres=0", message(() -> s.withCentres(0)));
        assertEquals("nplm settings: threads must be >= 1, got threads=0", message(() -> s.withThreads(0)));
        assertEquals("nplm settings: kernelCacheBytes must be >= 0, got kernelCacheBytes=-1",
                message(() -> s.withKernelCacheBytes(-1)));
        assertEquals("nplm settings: cgTolerance must be in (0, 1), got cgTolerance=0.0",
                message(() -> s.withCg(0, 10)));
    }

    private static double[] weights(int n, int at, double value) {
        double[] w = new double[n];
        Arrays.fill(w, 1);
        w[at] = value;
        return w;
    }
}
