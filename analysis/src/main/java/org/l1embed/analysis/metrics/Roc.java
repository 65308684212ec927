package org.l1embed.analysis.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Separation of signal from background by a score (higher = more anomalous).
 *
 * <p>AUC is the probability that a random signal event scores above a random background event, ties counting
 * one half (the Mann–Whitney U statistic divided by n_s·n_b), computed exactly in O(n log n).
 *
 * <p>Efficiency at a background acceptance a: the trigger keeps events with score &gt; t, where t is the
 * smallest background score such that at most a·n_b background events score above it (so the acceptance is
 * never exceeded, ties included); the efficiency is the fraction of signal events with score &gt; t. With
 * a·n_b &lt; 1 no background event may pass: t is the largest background score, and the point is flagged as not
 * resolved by the sample ({@link EfficiencyPoint#resolved()}).
 *
 * <p>The ROC curve has one point per distinct score value (ties cross together, giving a diagonal segment), from
 * (0, 0) to (1, 1); the trapezoidal area under it equals {@link #auc()}. Rates are acceptance × {@link
 * #BUNCH_CROSSING_RATE_HZ}. Definitions and their reasons: docs/analysis.md.
 */
public final class Roc {

    /** The LHC bunch-crossing rate the Level-1 trigger sees, in Hz: rate = background acceptance × this. */
    public static final double BUNCH_CROSSING_RATE_HZ = 40e6;

    /**
     * The background acceptances trigger studies quote: 1 kHz, 10 kHz and 40 kHz of 40 MHz
     * (2.5e-5, 2.5e-4, 1e-3).
     */
    public static final List<Double> TRIGGER_ACCEPTANCES = List.of(2.5e-5, 2.5e-4, 1e-3);

    /** Points of {@link #curve()} unless asked otherwise; enough for a smooth line, small enough for a plot. */
    public static final int DEFAULT_CURVE_POINTS = 2000;

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

    /** From samples already sorted ascending and free of NaN (the bootstrap builds them so); not copied. */
    static Roc ofSorted(double[] sortedBackground, double[] sortedSignal) {
        return new Roc(sortedBackground, sortedSignal);
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

    /**
     * Signal efficiency at a background acceptance with the threshold implementing it, the number of background
     * events passing, and whether the background sample resolves the acceptance (a·n_b ≥ 1).
     *
     * @throws IllegalArgumentException unless 0 &lt;= acceptance &lt;= 1
     */
    public EfficiencyPoint efficiencyPoint(double backgroundAcceptance) {
        double t = threshold(backgroundAcceptance);
        int passing = background.length - upperBound(background, t);
        return new EfficiencyPoint(backgroundAcceptance, t, efficiency(t), passing, background.length);
    }

    /** {@link #efficiencyPoint} at each acceptance, in the order given (e.g. {@link #TRIGGER_ACCEPTANCES}). */
    public List<EfficiencyPoint> efficiencyPoints(List<Double> backgroundAcceptances) {
        List<EfficiencyPoint> out = new ArrayList<>();
        for (double a : backgroundAcceptances) {
            out.add(efficiencyPoint(a));
        }
        return List.copyOf(out);
    }

    /** The ROC curve down-sampled to at most {@link #DEFAULT_CURVE_POINTS} points. */
    public RocCurve curve() {
        return curve(DEFAULT_CURVE_POINTS);
    }

    /**
     * The ROC curve: for each distinct score value t in descending order, then t = −∞, the point
     * (background acceptance, signal efficiency) of "score &gt; t". The first point is (0, 0), the last (1, 1).
     * When there are more than {@code maxPoints} points, a subset is kept that includes both ends, half spread
     * evenly along the curve and half spaced geometrically from the strict end (so that a log-x plot of small
     * acceptances keeps detail).
     *
     * @throws IllegalArgumentException if maxPoints &lt; 2
     */
    public RocCurve curve(int maxPoints) {
        if (maxPoints < 2) {
            throw new IllegalArgumentException("maxPoints must be >= 2 (the two ends), got " + maxPoints);
        }
        // walk both sorted samples from the top; passB/passS = events strictly above the current threshold
        int nb = background.length;
        int ns = signal.length;
        int distinct = 0;
        int ib = nb - 1;
        int is = ns - 1;
        double[] t = new double[nb + ns + 1];
        int[] passB = new int[nb + ns + 1];
        int[] passS = new int[nb + ns + 1];
        while (ib >= 0 || is >= 0) {
            double v = Math.max(ib >= 0 ? background[ib] : Double.NEGATIVE_INFINITY,
                    is >= 0 ? signal[is] : Double.NEGATIVE_INFINITY);
            t[distinct] = v;
            passB[distinct] = nb - 1 - ib;
            passS[distinct] = ns - 1 - is;
            distinct++;
            while (ib >= 0 && background[ib] == v) {
                ib--;
            }
            while (is >= 0 && signal[is] == v) {
                is--;
            }
        }
        t[distinct] = Double.NEGATIVE_INFINITY;
        passB[distinct] = nb;
        passS[distinct] = ns;
        int m = distinct + 1;
        int[] keep = downSample(m, maxPoints);
        double[] acc = new double[keep.length];
        double[] eff = new double[keep.length];
        double[] th = new double[keep.length];
        for (int i = 0; i < keep.length; i++) {
            acc[i] = passB[keep[i]] / (double) nb;
            eff[i] = passS[keep[i]] / (double) ns;
            th[i] = t[keep[i]];
        }
        return new RocCurve(acc, eff, th);
    }

    /** Ascending indices into 0..m-1: both ends, about half evenly spaced, the rest geometric from index 0. */
    static int[] downSample(int m, int maxPoints) {
        if (m <= maxPoints) {
            int[] all = new int[m];
            Arrays.setAll(all, i -> i);
            return all;
        }
        int even = maxPoints / 2;
        int geometric = maxPoints - even;
        java.util.TreeSet<Integer> chosen = new java.util.TreeSet<>();
        for (int j = 0; j < even; j++) {
            chosen.add((int) Math.round(j * (m - 1) / (double) (even - 1)));
        }
        double ratio = Math.pow(m, 1.0 / (geometric - 1));
        for (int j = 0; j < geometric; j++) {
            chosen.add((int) Math.min(m - 1, Math.round(Math.pow(ratio, j)) - 1));
        }
        return chosen.stream().mapToInt(Integer::intValue).toArray();
    }

    public int backgroundEvents() {
        return background.length;
    }

    public int signalEvents() {
        return signal.length;
    }

    /** Package access for the bootstrap, which reads the sorted samples without copying. */
    double[] sortedBackground() {
        return background;
    }

    double[] sortedSignal() {
        return signal;
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
