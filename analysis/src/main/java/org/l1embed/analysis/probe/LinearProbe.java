package org.l1embed.analysis.probe;

import java.util.SplittableRandom;

/**
 * Multinomial logistic regression on standardized features, trained with Adam on mini-batches (seeded, so
 * deterministic): the linear probe used to measure how well a representation separates the background classes.
 */
public final class LinearProbe {

    private final int d;
    private final int classes;
    private final double[] mean;
    private final double[] std;
    private final double[] w;   // [classes][d + 1], last column the bias

    private LinearProbe(int d, int classes, double[] mean, double[] std, double[] w) {
        this.d = d;
        this.classes = classes;
        this.mean = mean;
        this.std = std;
        this.w = w;
    }

    /** Training settings. */
    public record Settings(int epochs, int batchSize, double learningRate, double l2, long seed) {
        public Settings {
            if (epochs < 1 || batchSize < 1 || !(learningRate > 0) || !(l2 >= 0)) {
                throw new IllegalArgumentException("probe settings: epochs and batchSize must be >= 1, learningRate > 0, l2 >= 0, got "
                        + epochs + ", " + batchSize + ", " + learningRate + ", " + l2);
            }
        }

        public static Settings defaults() {
            return new Settings(20, 256, 0.01, 1e-4, 1L);
        }
    }

    /**
     * Trains on {@code x} (n × d, row-major) with labels in 0..classes-1.
     *
     * @throws IllegalArgumentException for inconsistent lengths, non-finite values or labels out of range
     */
    public static LinearProbe train(float[] x, int[] labels, int d, int classes, Settings s) {
        int n = labels.length;
        if (d < 1 || classes < 2 || x.length != (long) n * d || n == 0) {
            throw new IllegalArgumentException("probe data: need n × d values for n labels (d=" + d + ", classes=" + classes
                    + "), got " + x.length + " values and " + n + " labels");
        }
        for (int e = 0; e < n; e++) {
            if (labels[e] < 0 || labels[e] >= classes) {
                throw new IllegalArgumentException("probe data: label of event " + e + " is " + labels[e] + ", expected 0.."
                        + (classes - 1));
            }
        }
        double[] mean = new double[d];
        double[] std = new double[d];
        for (int e = 0; e < n; e++) {
            for (int i = 0; i < d; i++) {
                float v = x[e * d + i];
                if (!Float.isFinite(v)) {
                    throw new IllegalArgumentException("probe data: event " + e + ", feature " + i + " is " + v);
                }
                mean[i] += v;
            }
        }
        for (int i = 0; i < d; i++) {
            mean[i] /= n;
        }
        for (int e = 0; e < n; e++) {
            for (int i = 0; i < d; i++) {
                double c = x[e * d + i] - mean[i];
                std[i] += c * c;
            }
        }
        for (int i = 0; i < d; i++) {
            std[i] = Math.sqrt(std[i] / n);
            if (!(std[i] > 0)) {
                std[i] = 1;   // a constant feature carries no information; keep it harmless
            }
        }
        int p = d + 1;
        double[] w = new double[classes * p];
        double[] m = new double[w.length];
        double[] v = new double[w.length];
        double[] grad = new double[w.length];
        double[] z = new double[p];
        double[] prob = new double[classes];
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        SplittableRandom rnd = new SplittableRandom(s.seed());
        long step = 0;
        final double beta1 = 0.9;
        final double beta2 = 0.999;
        for (int epoch = 0; epoch < s.epochs(); epoch++) {
            for (int i = n - 1; i > 0; i--) {
                int j = rnd.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            for (int start = 0; start < n; start += s.batchSize()) {
                int end = Math.min(n, start + s.batchSize());
                java.util.Arrays.fill(grad, 0);
                for (int b = start; b < end; b++) {
                    int e = order[b];
                    standardize(x, e, d, mean, std, z);
                    softmax(w, z, classes, p, prob);
                    for (int c = 0; c < classes; c++) {
                        double g = prob[c] - (labels[e] == c ? 1 : 0);
                        for (int k = 0; k < p; k++) {
                            grad[c * p + k] += g * z[k];
                        }
                    }
                }
                step++;
                int count = end - start;
                for (int k = 0; k < w.length; k++) {
                    double g = grad[k] / count + (k % p == d ? 0 : s.l2() * w[k]);
                    m[k] = beta1 * m[k] + (1 - beta1) * g;
                    v[k] = beta2 * v[k] + (1 - beta2) * g * g;
                    double mh = m[k] / (1 - Math.pow(beta1, step));
                    double vh = v[k] / (1 - Math.pow(beta2, step));
                    w[k] -= s.learningRate() * mh / (Math.sqrt(vh) + 1e-8);
                }
            }
        }
        return new LinearProbe(d, classes, mean, std, w);
    }

    private static void standardize(float[] x, int e, int d, double[] mean, double[] std, double[] z) {
        for (int i = 0; i < d; i++) {
            z[i] = (x[e * d + i] - mean[i]) / std[i];
        }
        z[d] = 1;
    }

    private static void softmax(double[] w, double[] z, int classes, int p, double[] prob) {
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < classes; c++) {
            double a = 0;
            for (int k = 0; k < p; k++) {
                a += w[c * p + k] * z[k];
            }
            prob[c] = a;
            max = Math.max(max, a);
        }
        double sum = 0;
        for (int c = 0; c < classes; c++) {
            prob[c] = Math.exp(prob[c] - max);
            sum += prob[c];
        }
        for (int c = 0; c < classes; c++) {
            prob[c] /= sum;
        }
    }

    /** Predicted class of each event. */
    public int[] predict(float[] x) {
        if (x.length % d != 0) {
            throw new IllegalArgumentException("events: expected a multiple of " + d + " values, got " + x.length);
        }
        int n = x.length / d;
        int[] out = new int[n];
        double[] z = new double[d + 1];
        double[] prob = new double[classes];
        for (int e = 0; e < n; e++) {
            standardize(x, e, d, mean, std, z);
            softmax(w, z, classes, d + 1, prob);
            int best = 0;
            for (int c = 1; c < classes; c++) {
                if (prob[c] > prob[best]) {
                    best = c;
                }
            }
            out[e] = best;
        }
        return out;
    }

    /** Fraction of events classified as their label. */
    public double accuracy(float[] x, int[] labels) {
        int[] p = predict(x);
        if (p.length != labels.length) {
            throw new IllegalArgumentException("accuracy: " + p.length + " events but " + labels.length + " labels");
        }
        int right = 0;
        for (int e = 0; e < p.length; e++) {
            right += p[e] == labels[e] ? 1 : 0;
        }
        return right / (double) p.length;
    }
}
