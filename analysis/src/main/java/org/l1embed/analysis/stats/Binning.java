package org.l1embed.analysis.stats;

import java.util.Arrays;

/**
 * Bin edges and weighted histograms.
 *
 * <p>Bins are half-open, [e_i, e_{i+1}), except the last, which is closed, [e_{n−1}, e_n], so the largest
 * value of a sample whose edges came from {@link #quantileEdges} falls into the last bin. Values outside
 * [e_0, e_n] are not counted.
 */
public final class Binning {

    /** The number of bins used when a caller has no reason to choose another. */
    public static final int DEFAULT_BINS = 20;

    private Binning() {
    }

    /**
     * Edges at the quantiles k/bins, k = 0…bins, of the pooled samples, with linear interpolation between order
     * statistics (numpy's default, {@code numpy.quantile(pooled, k / bins)}). Edges that coincide (many tied
     * values) are merged, so fewer than {@code bins} bins may result; the first edge is the pooled minimum and
     * the last the pooled maximum.
     *
     * @param bins requested number of bins, ≥ 1
     * @param samples one or more samples; pooled without weights
     * @return strictly increasing edges, at least two
     * @throws IllegalArgumentException if bins &lt; 1, no values are given, a value is not finite, or all values
     *     are equal (no bin of positive width exists)
     */
    public static double[] quantileEdges(int bins, double[]... samples) {
        if (bins < 1) {
            throw new IllegalArgumentException("bins must be >= 1, got " + bins);
        }
        int n = 0;
        for (double[] s : samples) {
            n += s.length;
        }
        if (n == 0) {
            throw new IllegalArgumentException("quantileEdges: need at least one value, got none");
        }
        double[] pooled = new double[n];
        int at = 0;
        for (int s = 0; s < samples.length; s++) {
            for (int i = 0; i < samples[s].length; i++) {
                double v = samples[s][i];
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("quantileEdges: sample " + s + " value " + i
                            + " must be finite, got " + v);
                }
                pooled[at++] = v;
            }
        }
        Arrays.sort(pooled);
        if (pooled[0] == pooled[n - 1]) {
            throw new IllegalArgumentException("quantileEdges: all " + n + " values equal " + pooled[0]
                    + ", no bin of positive width exists");
        }
        double[] edges = new double[bins + 1];
        int count = 0;
        for (int k = 0; k <= bins; k++) {
            double e = quantileSorted(pooled, (double) k / bins);
            if (count == 0 || e > edges[count - 1]) {
                edges[count++] = e;
            }
        }
        edges[count - 1] = pooled[n - 1];   // guard against interpolation rounding below the maximum
        return Arrays.copyOf(edges, count);
    }

    /** numpy's default ("linear", type 7) quantile of an ascending array, q in [0, 1]. */
    static double quantileSorted(double[] sorted, double q) {
        double h = (sorted.length - 1) * q;
        int lo = (int) Math.floor(h);
        if (lo >= sorted.length - 1) {
            return sorted[sorted.length - 1];
        }
        double t = h - lo;
        double a = sorted[lo];
        double b = sorted[lo + 1];
        double diff = b - a;
        // numpy's _lerp: interpolate from the nearer end, so results match numpy.quantile bit for bit
        return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
    }

    /**
     * The bin of a value: i with e_i ≤ v &lt; e_{i+1}, the last bin closed; −1 outside [e_0, e_n].
     */
    public static int binOf(double[] edges, double v) {
        int n = edges.length - 1;
        if (!(v >= edges[0] && v <= edges[n])) {
            return -1;
        }
        if (v == edges[n]) {
            return n - 1;
        }
        int pos = Arrays.binarySearch(edges, v);
        return pos >= 0 ? pos : -pos - 2;
    }

    /**
     * Weighted histogram: per bin the sum of weights and the sum of squared weights.
     *
     * @param edges strictly increasing, at least two
     * @param values finite values
     * @param weights one finite, non-negative weight per value
     * @throws IllegalArgumentException if edges are not strictly increasing and finite, or values/weights are
     *     invalid (as for the tests)
     */
    public static Histogram histogram(double[] edges, double[] values, double[] weights) {
        checkEdges(edges);
        if (weights.length != values.length) {
            throw new IllegalArgumentException("histogram: weights length " + weights.length
                    + " must equal values length " + values.length);
        }
        int bins = edges.length - 1;
        double[] sum = new double[bins];
        double[] sumSquares = new double[bins];
        long[] entries = new long[bins];
        for (int i = 0; i < values.length; i++) {
            double v = values[i];
            double w = weights[i];
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("histogram: value " + i + " must be finite, got " + v);
            }
            if (!(w >= 0) || Double.isInfinite(w)) {
                throw new IllegalArgumentException("histogram: weight " + i + " must be finite and >= 0, got " + w);
            }
            int b = binOf(edges, v);
            if (b >= 0) {
                sum[b] += w;
                sumSquares[b] += w * w;
                entries[b]++;
            }
        }
        return new Histogram(edges.clone(), sum, sumSquares, entries);
    }

    static void checkEdges(double[] edges) {
        if (edges.length < 2) {
            throw new IllegalArgumentException("edges: need at least two, got " + edges.length);
        }
        for (int i = 0; i < edges.length; i++) {
            if (!Double.isFinite(edges[i])) {
                throw new IllegalArgumentException("edges: edge " + i + " must be finite, got " + edges[i]);
            }
            if (i > 0 && !(edges[i] > edges[i - 1])) {
                throw new IllegalArgumentException("edges must be strictly increasing, got edge " + (i - 1) + "="
                        + edges[i - 1] + ", edge " + i + "=" + edges[i]);
            }
        }
    }
}
