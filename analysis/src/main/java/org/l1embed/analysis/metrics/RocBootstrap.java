package org.l1embed.analysis.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Bootstrap uncertainties of the AUC and of signal efficiencies at fixed background acceptances (Efron &amp;
 * Tibshirani, "An Introduction to the Bootstrap", 1993, ch. 6 and 13).
 *
 * <p>Each replica draws n_b background and n_s signal events with replacement from the two samples independently,
 * then recomputes the AUC and, for each acceptance, the threshold on the resampled background and the efficiency
 * of the resampled signal at it — so the uncertainty includes that of the threshold. Reported: the value on the
 * full samples, the replicas' standard deviation and their central 68 % percentile interval (16th and 84th
 * percentiles, linear interpolation between order statistics: position p·(B − 1)).
 *
 * <p>Replica r draws from the r-th generator split off {@code new SplittableRandom(seed)} in order, before any
 * replica runs, so results are identical for a given seed whether replicas run in parallel or not, on any number
 * of threads. Resampling works on counts over the sorted samples, so a replica costs O(n_b + n_s) with no sort.
 */
public final class RocBootstrap {

    /** Replicas unless asked otherwise. */
    public static final int DEFAULT_REPLICAS = 200;

    private RocBootstrap() {
    }

    /**
     * @param replicas B ≥ 1
     * @param seed     seed of the resampling
     * @param parallel whether replicas run on the common fork-join pool (the result does not depend on it)
     */
    public record Config(int replicas, long seed, boolean parallel) {

        public Config {
            if (replicas < 1) {
                throw new IllegalArgumentException("replicas must be >= 1, got replicas=" + replicas);
            }
        }

        public static Config of(long seed) {
            return new Config(DEFAULT_REPLICAS, seed, true);
        }
    }

    /** Efficiency at one acceptance: the point on the full samples and the efficiency's bootstrap estimate. */
    public record EfficiencyEstimate(EfficiencyPoint nominal, Estimate efficiency) {
    }

    /** AUC and efficiencies with their uncertainties. */
    public record Result(Config config, Estimate auc, List<EfficiencyEstimate> efficiencies) {

        public Result {
            efficiencies = List.copyOf(efficiencies);
        }
    }

    /**
     * @param acceptances background acceptances, each in [0, 1] (e.g. {@link Roc#TRIGGER_ACCEPTANCES})
     * @throws IllegalArgumentException if an acceptance is outside [0, 1]
     */
    public static Result run(Roc roc, List<Double> acceptances, Config config) {
        for (double a : acceptances) {
            if (!(a >= 0 && a <= 1)) {
                throw new IllegalArgumentException("backgroundAcceptance must be in [0, 1], got " + a);
            }
        }
        double[] bg = roc.sortedBackground();
        double[] sig = roc.sortedSignal();
        int b = config.replicas();
        int na = acceptances.size();
        SplittableRandom root = new SplittableRandom(config.seed());
        SplittableRandom[] generators = new SplittableRandom[b];
        for (int r = 0; r < b; r++) {
            generators[r] = root.split();
        }
        double[] auc = new double[b];
        double[][] eff = new double[na][b];
        IntStream replicas = IntStream.range(0, b);
        if (config.parallel()) {
            replicas = replicas.parallel();
        }
        replicas.forEach(r -> {
            SplittableRandom g = generators[r];
            Roc replica = Roc.ofSorted(resample(bg, g), resample(sig, g));
            auc[r] = replica.auc();
            for (int i = 0; i < na; i++) {
                eff[i][r] = replica.efficiencyAtAcceptance(acceptances.get(i));
            }
        });
        List<EfficiencyEstimate> effs = new ArrayList<>();
        for (int i = 0; i < na; i++) {
            EfficiencyPoint nominal = roc.efficiencyPoint(acceptances.get(i));
            effs.add(new EfficiencyEstimate(nominal, estimate(nominal.efficiency(), eff[i])));
        }
        return new Result(config, estimate(roc.auc(), auc), effs);
    }

    /** n draws with replacement from a sorted sample, returned sorted: counts per index, then expanded in order. */
    static double[] resample(double[] sorted, SplittableRandom g) {
        int n = sorted.length;
        int[] counts = new int[n];
        for (int k = 0; k < n; k++) {
            counts[g.nextInt(n)]++;
        }
        double[] out = new double[n];
        int at = 0;
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < counts[i]; c++) {
                out[at++] = sorted[i];
            }
        }
        return out;
    }

    static Estimate estimate(double value, double[] replicas) {
        int b = replicas.length;
        double mean = 0;
        for (double v : replicas) {
            mean += v;
        }
        mean /= b;
        double ss = 0;
        for (double v : replicas) {
            ss += (v - mean) * (v - mean);
        }
        double std = b > 1 ? Math.sqrt(ss / (b - 1)) : 0;
        double[] sorted = replicas.clone();
        Arrays.sort(sorted);
        return new Estimate(value, std, percentile(sorted, 0.16), percentile(sorted, 0.84));
    }

    /** Linear interpolation between order statistics at position p·(B − 1) (numpy's default). */
    static double percentile(double[] sorted, double p) {
        double pos = p * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sorted.length - 1);
        double frac = pos - lo;
        return frac == 0 ? sorted[lo] : sorted[lo] + frac * (sorted[hi] - sorted[lo]);
    }
}
