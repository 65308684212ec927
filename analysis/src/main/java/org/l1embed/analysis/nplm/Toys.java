package org.l1embed.analysis.nplm;

import java.util.SplittableRandom;
import org.l1embed.analysis.stats.Gamma;

/**
 * Pseudo-experiments ("toys") for one reference: toy i draws N_D ~ Poisson(expectedData) background events, without
 * replacement, from a pool of reference-like events that must be disjoint from the reference itself, plus
 * optionally N_S ~ Poisson(expectedSignal) signal events from a signal sample, and fits them against the reference.
 *
 * <p>The reference weights are fixed once: the reference's own weights if it has them, else expectedData/N_R per
 * event (the expected, not the drawn, N_D — as published). The kernel width is also fixed once, from the reference
 * ({@link NplmTest#kernelWidth}), so every toy is fitted with the same σ. Toy i's events depend only on (seed, i): any
 * toy can be regenerated alone.
 */
public final class Toys {

    private final Sample reference;
    private final Sample pool;
    private final double expectedData;
    private final NplmSettings settings;

    /**
     * @param reference    the reference sample
     * @param pool         background events disjoint from the reference, at least as many as expectedData
     * @param expectedData the expected number of data events, &gt; 0
     * @param settings     the fit settings; a percentile width is evaluated once on the reference and fixed
     * @throws IllegalArgumentException if the pool is the reference itself, the dimensions differ, the pool is
     *                                  weighted or smaller than expectedData, or expectedData is not positive and finite
     */
    public Toys(Sample reference, Sample pool, double expectedData, NplmSettings settings) {
        if (pool == reference) {
            throw new IllegalArgumentException("toys: pool must be disjoint from the reference, got the same sample");
        }
        if (pool.dimension() != reference.dimension()) {
            throw new IllegalArgumentException("toys: pool dimension " + pool.dimension()
                    + " must equal reference dimension " + reference.dimension());
        }
        if (pool.hasWeights()) {
            throw new IllegalArgumentException("toys: pool must be unweighted (data events), got a weighted sample");
        }
        if (!(expectedData > 0) || Double.isInfinite(expectedData)) {
            throw new IllegalArgumentException("toys: expectedData must be positive and finite, got expectedData="
                    + expectedData);
        }
        if (pool.size() < expectedData) {
            throw new IllegalArgumentException("toys: pool of " + pool.size()
                    + " events is smaller than expectedData=" + expectedData);
        }
        this.reference = reference.hasWeights() ? reference
                : reference.withUniformWeight(expectedData / reference.size());
        this.pool = pool;
        this.expectedData = expectedData;
        this.settings = settings.withWidth(new KernelWidth.Fixed(NplmTest.kernelWidth(reference, settings)));
    }

    /** The settings every toy is fitted with (the width fixed). */
    public NplmSettings settings() {
        return settings;
    }

    /** The reference with the weights every toy uses. */
    public Sample reference() {
        return reference;
    }

    /** Toy {@code toy}'s data under the null hypothesis. */
    public Sample data(int toy, long seed) {
        return draw(toy, seed, null, 0);
    }

    /**
     * Toy {@code toy}'s data with injected signal: background as {@link #data(int, long)} (the same events), then
     * N_S ~ Poisson(expectedSignal) events of the signal sample.
     *
     * @throws IllegalArgumentException if expectedSignal is negative or a draw exceeds the signal sample
     */
    public Sample data(int toy, long seed, Sample signal, double expectedSignal) {
        return draw(toy, seed, signal, expectedSignal);
    }

    /** Fits toy {@code toy} (null hypothesis). */
    public NplmFit fit(int toy, long seed) {
        return NplmTest.fit(reference, data(toy, seed), settings);
    }

    /** Fits toy {@code toy} with injected signal. */
    public NplmFit fit(int toy, long seed, Sample signal, double expectedSignal) {
        return NplmTest.fit(reference, data(toy, seed, signal, expectedSignal), settings);
    }

    /** The t values of toys 0..toys-1 under the null hypothesis. */
    public ToyDistribution nullDistribution(int toys, long seed) {
        return distribution(toys, seed, null, 0);
    }

    /** The t values of toys 0..toys-1 with injected signal (signal null: none). */
    public ToyDistribution distribution(int toys, long seed, Sample signal, double expectedSignal) {
        double[] t = new double[toys];
        for (int i = 0; i < toys; i++) {
            t[i] = NplmTest.fit(reference, draw(i, seed, signal, expectedSignal), settings).t();
        }
        return ToyDistribution.of(t);
    }

    private Sample draw(int toy, long seed, Sample signal, double expectedSignal) {
        if (toy < 0) {
            throw new IllegalArgumentException("toys: toy index must be >= 0, got " + toy);
        }
        // one independent stream per toy, so any toy can be regenerated alone
        SplittableRandom random = new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * (toy + 1L)));
        int nData = poisson(expectedData, random);
        if (nData > pool.size()) {
            throw new IllegalArgumentException("toys: toy " + toy + " drew " + nData + " data events but the pool"
                    + " holds " + pool.size());
        }
        Sample background = pool.select(NplmTest.drawWithoutReplacement(pool.size(), nData, random));
        if (signal == null) {
            return background;
        }
        if (!(expectedSignal >= 0) || Double.isInfinite(expectedSignal)) {
            throw new IllegalArgumentException("toys: expectedSignal must be finite and >= 0, got expectedSignal="
                    + expectedSignal);
        }
        if (signal.dimension() != pool.dimension()) {
            throw new IllegalArgumentException("toys: signal dimension " + signal.dimension()
                    + " must equal reference dimension " + pool.dimension());
        }
        int nSignal = expectedSignal == 0 ? 0 : poisson(expectedSignal, random);
        if (nSignal > signal.size()) {
            throw new IllegalArgumentException("toys: toy " + toy + " drew " + nSignal + " signal events but the"
                    + " signal sample holds " + signal.size());
        }
        Sample injected = signal.unweighted().select(
                NplmTest.drawWithoutReplacement(signal.size(), nSignal, random));
        return background.concat(injected);
    }

    /**
     * A Poisson(mean) variate: multiplication of uniforms below mean 10, otherwise Hörmann's transformed rejection
     * with squeeze (PTRS; W. Hörmann, "The transformed rejection method for generating Poisson random variables",
     * Insurance: Mathematics and Economics 12 (1993) 39–45).
     */
    static int poisson(double mean, SplittableRandom random) {
        if (mean < 10) {
            double limit = Math.exp(-mean);
            double product = random.nextDouble();
            int k = 0;
            while (product > limit) {
                product *= random.nextDouble();
                k++;
            }
            return k;
        }
        double slam = Math.sqrt(mean);
        double logMean = Math.log(mean);
        double b = 0.931 + 2.53 * slam;
        double a = -0.059 + 0.02483 * b;
        double invAlpha = 1.1239 + 1.1328 / (b - 3.4);
        double vr = 0.9277 - 3.6224 / (b - 2);
        while (true) {
            double u = random.nextDouble() - 0.5;
            double v = random.nextDouble();
            double us = 0.5 - Math.abs(u);
            long k = (long) Math.floor((2 * a / us + b) * u + mean + 0.43);
            if (us >= 0.07 && v <= vr) {
                return Math.toIntExact(k);
            }
            if (k < 0 || (us < 0.013 && v > us)) {
                continue;
            }
            if (Math.log(v) + Math.log(invAlpha) - Math.log(a / (us * us) + b)
                    <= -mean + k * logMean - Gamma.logGamma(k + 1)) {
                return Math.toIntExact(k);
            }
        }
    }
}
