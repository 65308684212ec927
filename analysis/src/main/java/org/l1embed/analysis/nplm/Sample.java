package org.l1embed.analysis.nplm;

import java.util.Arrays;

/**
 * A sample of n events with d features each (row-major, event e's feature k at {@code e·d + k}), with optional
 * per-event weights. Immutable: the factories copy their arguments (float features are widened to double).
 *
 * <p>Every feature must be finite and every weight finite and ≥ 0; a sample without weights reports
 * {@link #hasWeights()} false and lets its user choose the weight (the NPLM reference: N_D/N_R per event).
 */
public final class Sample {

    private final int dimension;
    private final double[] values;
    private final double[] weights;   // null when unweighted

    private Sample(int dimension, double[] values, double[] weights) {
        this.dimension = dimension;
        this.values = values;
        this.weights = weights;
    }

    /**
     * An unweighted sample from row-major values (copied).
     *
     * @throws IllegalArgumentException if d &lt; 1, the length is not a multiple of d, or a value is not finite
     */
    public static Sample of(double[] rowMajor, int d) {
        checkShape(rowMajor.length, d);
        double[] v = rowMajor.clone();
        checkFinite(v, d);
        return new Sample(d, v, null);
    }

    /**
     * An unweighted sample from row-major float values (widened to double).
     *
     * @throws IllegalArgumentException as {@link #of(double[], int)}
     */
    public static Sample of(float[] rowMajor, int d) {
        checkShape(rowMajor.length, d);
        double[] v = new double[rowMajor.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = rowMajor[i];
        }
        checkFinite(v, d);
        return new Sample(d, v, null);
    }

    /**
     * The same events with these per-event weights (copied).
     *
     * @throws IllegalArgumentException if there is not one weight per event, or a weight is negative, NaN or infinite
     */
    public Sample withWeights(double[] perEvent) {
        if (perEvent.length != size()) {
            throw new IllegalArgumentException("sample: need one weight per event, got " + perEvent.length
                    + " weights for " + size() + " events");
        }
        double[] w = perEvent.clone();
        for (int i = 0; i < w.length; i++) {
            if (!(w[i] >= 0) || Double.isInfinite(w[i])) {
                throw new IllegalArgumentException("sample: weight of event " + i + " must be finite and >= 0, got "
                        + w[i]);
            }
        }
        return new Sample(dimension, values, w);
    }

    /**
     * The same events, each with weight w.
     *
     * @throws IllegalArgumentException as {@link #withWeights}
     */
    public Sample withUniformWeight(double w) {
        double[] all = new double[size()];
        Arrays.fill(all, w);
        return withWeights(all);
    }

    /** The same events without weights. */
    public Sample unweighted() {
        return weights == null ? this : new Sample(dimension, values, null);
    }

    /** The events at these indices, in this order, with their weights if any. */
    public Sample select(int[] events) {
        double[] v = new double[events.length * dimension];
        double[] w = weights == null ? null : new double[events.length];
        for (int i = 0; i < events.length; i++) {
            System.arraycopy(values, events[i] * dimension, v, i * dimension, dimension);
            if (w != null) {
                w[i] = weights[events[i]];
            }
        }
        return new Sample(dimension, v, w);
    }

    /** Concatenation: this sample's events, then the other's. Both must be unweighted or both weighted. */
    public Sample concat(Sample other) {
        if (other.dimension != dimension) {
            throw new IllegalArgumentException("sample: cannot concatenate dimension " + other.dimension
                    + " to dimension " + dimension);
        }
        if ((weights == null) != (other.weights == null)) {
            throw new IllegalArgumentException("sample: cannot concatenate a weighted and an unweighted sample");
        }
        double[] v = Arrays.copyOf(values, values.length + other.values.length);
        System.arraycopy(other.values, 0, v, values.length, other.values.length);
        double[] w = null;
        if (weights != null) {
            w = Arrays.copyOf(weights, weights.length + other.weights.length);
            System.arraycopy(other.weights, 0, w, weights.length, other.weights.length);
        }
        return new Sample(dimension, v, w);
    }

    /** Number of events n. */
    public int size() {
        return values.length / dimension;
    }

    /** Number of features d per event. */
    public int dimension() {
        return dimension;
    }

    /** Feature k of event e. */
    public double value(int e, int k) {
        return values[e * dimension + k];
    }

    public boolean hasWeights() {
        return weights != null;
    }

    /**
     * Weight of event e.
     *
     * @throws IllegalStateException if the sample is unweighted
     */
    public double weight(int e) {
        if (weights == null) {
            throw new IllegalStateException("sample: unweighted, event " + e + " has no weight");
        }
        return weights[e];
    }

    /** The row-major features, shared (callers in this package must not write). */
    double[] values() {
        return values;
    }

    /** The weights, shared, or null. */
    double[] weights() {
        return weights;
    }

    @Override
    public String toString() {
        return "Sample[" + size() + " events × " + dimension + (weights == null ? "" : ", weighted") + "]";
    }

    private static void checkShape(int length, int d) {
        if (d < 1) {
            throw new IllegalArgumentException("sample: dimension must be >= 1, got d=" + d);
        }
        if (length % d != 0) {
            throw new IllegalArgumentException("sample: " + length + " values is not a whole number of events of d="
                    + d + " features");
        }
    }

    private static void checkFinite(double[] v, int d) {
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) {
                throw new IllegalArgumentException("sample: event " + i / d + ", feature " + i % d
                        + " must be finite, got " + v[i]);
            }
        }
    }
}
