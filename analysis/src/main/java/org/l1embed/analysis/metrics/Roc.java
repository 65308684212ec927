package org.l1embed.analysis.metrics;

import java.util.Arrays;

/**
 * Separation of signal from background by a score (higher = more anomalous).
 *
 * <p>AUC is the probability that a random signal event scores above a random background event, ties counting
 * one half (the Mann–Whitney U statistic divided by n_s·n_b), computed exactly in O(n log n).
 *
 * <p>Efficiency at a background acceptance a: the trigger keeps events with score &gt; t, where t is the
 * smallest background score such that at most a·n_b background events score above it (so the acceptance is
 * never exceeded, ties included); the efficiency is the fraction of signal events with score &gt; t. With
 * a·n_b &lt; 1 no background event may pass: t is the largest background score.
 */
public final class Roc {

    private final double[] background;   // sorted ascending
    private final double[] signal;       // sorted ascending

    private Roc(double[] background, double[] signal) {
        this.background = background;
        this.signal = signal;
    }

    /**
     * @throws IllegalArgumentException if either sample is empty or holds NaN
     */
    public static Roc of(double[] backgroundScores, double[] signalScores) {
        return new Roc(sortedCopy(backgroundScores, "background"), sortedCopy(signalScores, "signal"));
    }

    private static double[] sortedCopy(double[] scores, String which) {
        if (scores.length == 0) {
            throw new IllegalArgumentException(which + " scores: need at least one event, got none");
        }
        for (int i = 0; i < scores.length; i++) {
            if (Double.isNaN(scores[i])) {
                throw new IllegalArgumentException(which + " scores: event " + i + " is NaN");
            }
        }
        double[] s = scores.clone();
        Arrays.sort(s);
        return s;
    }

    /** Area under the ROC curve, ties counted one half. */
    public double auc() {
        // For each signal score: background below it, plus half of those equal to it.
        double u = 0;
        int below = 0;
        int upTo = 0;
        for (double s : signal) {
            while (below < background.length && background[below] < s) {
                below++;
            }
            upTo = Math.max(upTo, below);
            while (upTo < background.length && background[upTo] <= s) {
                upTo++;
            }
            u += below + 0.5 * (upTo - below);
        }
        return u / ((double) signal.length * background.length);
    }

    /** The score threshold t for a background acceptance (events pass with score &gt; t). */
    public double threshold(double backgroundAcceptance) {
        if (!(backgroundAcceptance >= 0 && backgroundAcceptance <= 1)) {
            throw new IllegalArgumentException("backgroundAcceptance must be in [0, 1], got " + backgroundAcceptance);
        }
        long allowed = (long) Math.floor(backgroundAcceptance * background.length);
        if (allowed >= background.length) {
            return Double.NEGATIVE_INFINITY;
        }
        // the smallest background score with at most `allowed` background scores strictly above it
        int index = (int) (background.length - 1 - allowed);
        double t = background[index];
        return t;
    }

    /** Fraction of background events with score &gt; t. */
    public double backgroundAcceptance(double threshold) {
        return fractionAbove(background, threshold);
    }

    /** Fraction of signal events with score &gt; t: the efficiency at that threshold. */
    public double efficiency(double threshold) {
        return fractionAbove(signal, threshold);
    }

    /** Signal efficiency at a background acceptance (e.g. 2.5e-5 = 1 kHz of 40 MHz). */
    public double efficiencyAtAcceptance(double backgroundAcceptance) {
        return efficiency(threshold(backgroundAcceptance));
    }

    public int backgroundEvents() {
        return background.length;
    }

    public int signalEvents() {
        return signal.length;
    }

    private static double fractionAbove(double[] sorted, double t) {
        int firstAbove = upperBound(sorted, t);
        return (sorted.length - firstAbove) / (double) sorted.length;
    }

    /** Index of the first value &gt; t. */
    private static int upperBound(double[] sorted, double t) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
