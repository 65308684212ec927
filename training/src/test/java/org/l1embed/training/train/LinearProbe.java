package org.l1embed.training.train;

import java.util.Arrays;

/** Test helper (the product probe is org.l1embed.analysis.probe.LinearProbe; training must not depend on analysis).
 *
 * Linear evaluation of a latent space: multinomial logistic regression (softmax of an affine map) on the
 * standardised latent vectors, fitted by full-batch gradient descent in double precision. The usual way to
 * score a contrastive embedding (the paper's "linear probe accuracy").
 *
 * <p>Features are standardised with the training mean and standard deviation (a constant feature keeps scale
 * 1). The loss is the mean cross-entropy plus {@code (l2/2)·‖W‖²} (biases not penalised); the step size is
 * {@code 2/(dimension+1)}, the inverse of a bound on the loss's curvature for standardised inputs, so the
 * descent is monotone.
 */
public final class LinearProbe {

    private final int dimension;
    private final int classes;
    private final double[] mean;
    private final double[] scale;
    /** {@code [(dimension + 1) × classes]}, the last row the biases. */
    private final double[] weights;

    private LinearProbe(int dimension, int classes, double[] mean, double[] scale, double[] weights) {
        this.dimension = dimension;
        this.classes = classes;
        this.mean = mean;
        this.scale = scale;
        this.weights = weights;
    }

    /** {@link #fit(float[], int[], int, int, int, double)} with K = largest label + 1, 500 iterations, l2 = 1e-4. */
    public static LinearProbe fit(float[] z, int[] labels, int dimension) {
        int classes = 0;
        for (int label : labels) {
            classes = Math.max(classes, label + 1);
        }
        return fit(z, labels, dimension, Math.max(classes, 2), 500, 1e-4);
    }

    /**
     * Fits the probe.
     *
     * @param z          {@code [N × dimension]} row-major latent vectors, finite
     * @param labels     {@code [N]} classes in {@code [0, classes)}
     * @param dimension  latent dimension, &gt; 0
     * @param classes    number of classes, &gt;= 2
     * @param iterations gradient steps, &gt;= 0
     * @param l2         ridge strength, finite and &gt;= 0
     * @throws IllegalArgumentException on inconsistent sizes or out-of-range labels
     */
    public static LinearProbe fit(float[] z, int[] labels, int dimension, int classes, int iterations, double l2) {
        int n = checkSizes(z, labels, dimension);
        if (classes < 2) {
            throw new IllegalArgumentException("classes must be >= 2, got classes=" + classes);
        }
        if (iterations < 0) {
            throw new IllegalArgumentException("iterations must be >= 0, got iterations=" + iterations);
        }
        if (!(l2 >= 0) || !Double.isFinite(l2)) {
            throw new IllegalArgumentException("l2 must be finite and >= 0, got l2=" + l2);
        }
        for (int i = 0; i < n; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException("labels must be in [0, " + classes + "), got labels[" + i + "]=" + labels[i]);
            }
        }
        double[] mean = new double[dimension];
        double[] scale = new double[dimension];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < dimension; k++) {
                mean[k] += z[i * dimension + k];
            }
        }
        for (int k = 0; k < dimension; k++) {
            mean[k] /= n;
        }
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < dimension; k++) {
                double c = z[i * dimension + k] - mean[k];
                scale[k] += c * c;
            }
        }
        for (int k = 0; k < dimension; k++) {
            double std = Math.sqrt(scale[k] / n);
            scale[k] = std > 0 ? 1 / std : 1;
        }
        double[] x = new double[n * (dimension + 1)];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < dimension; k++) {
                x[i * (dimension + 1) + k] = (z[i * dimension + k] - mean[k]) * scale[k];
            }
            x[i * (dimension + 1) + dimension] = 1;
        }
        int rows = dimension + 1;
        double[] w = new double[rows * classes];
        double[] gradient = new double[rows * classes];
        double[] p = new double[classes];
        double rate = 2.0 / rows;
        for (int it = 0; it < iterations; it++) {
            Arrays.fill(gradient, 0);
            for (int i = 0; i < n; i++) {
                softmax(x, i * rows, w, rows, classes, p);
                p[labels[i]] -= 1;
                for (int r = 0; r < rows; r++) {
                    double xr = x[i * rows + r];
                    for (int c = 0; c < classes; c++) {
                        gradient[r * classes + c] += xr * p[c];
                    }
                }
            }
            for (int j = 0; j < w.length; j++) {
                double penalty = j < dimension * classes ? l2 * w[j] : 0;
                w[j] -= rate * (gradient[j] / n + penalty);
            }
        }
        return new LinearProbe(dimension, classes, mean, scale, w);
    }

    /** The most probable class of the latent vector at {@code z[offset … offset + dimension)}. */
    public int predict(float[] z, int offset) {
        int best = 0;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < classes; c++) {
            double s = weights[dimension * classes + c];
            for (int k = 0; k < dimension; k++) {
                s += (z[offset + k] - mean[k]) * scale[k] * weights[k * classes + c];
            }
            if (s > bestScore) {
                bestScore = s;
                best = c;
            }
        }
        return best;
    }

    /** Fraction of events whose predicted class equals the label. */
    public double accuracy(float[] z, int[] labels) {
        int n = checkSizes(z, labels, dimension);
        int correct = 0;
        for (int i = 0; i < n; i++) {
            if (predict(z, i * dimension) == labels[i]) {
                correct++;
            }
        }
        return (double) correct / n;
    }

    private static void softmax(double[] x, int offset, double[] w, int rows, int classes, double[] p) {
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < classes; c++) {
            double s = 0;
            for (int r = 0; r < rows; r++) {
                s += x[offset + r] * w[r * classes + c];
            }
            p[c] = s;
            max = Math.max(max, s);
        }
        double sum = 0;
        for (int c = 0; c < classes; c++) {
            p[c] = Math.exp(p[c] - max);
            sum += p[c];
        }
        for (int c = 0; c < classes; c++) {
            p[c] /= sum;
        }
    }

    private static int checkSizes(float[] z, int[] labels, int dimension) {
        if (dimension <= 0) {
            throw new IllegalArgumentException("dimension must be > 0, got dimension=" + dimension);
        }
        if (labels.length == 0 || (long) labels.length * dimension != z.length) {
            throw new IllegalArgumentException("z must hold labels.length × dimension = " + labels.length + " × " + dimension
                    + " values (at least one event), got z.length=" + z.length);
        }
        for (int i = 0; i < z.length; i++) {
            if (!Float.isFinite(z[i])) {
                throw new IllegalArgumentException("z must be finite, got " + z[i] + " at event " + i / dimension
                        + ", dimension " + i % dimension);
            }
        }
        return labels.length;
    }
}
