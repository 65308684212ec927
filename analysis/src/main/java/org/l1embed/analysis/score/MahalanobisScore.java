package org.l1embed.analysis.score;

/**
 * Squared Mahalanobis distance to the background: {@code s(z) = (z - μ)ᵀ (Σ + λI)⁻¹ (z - μ)} with μ and Σ the mean
 * and covariance of a background sample and a small ridge λ (relative to the mean variance) so that features
 * that never vary (padding) do not make Σ singular. Fitted once on background; immutable.
 */
public final class MahalanobisScore {

    /** Ridge, as a fraction of the average feature variance. */
    public static final double DEFAULT_RIDGE = 1e-6;

    private final int d;
    private final double[] mean;
    private final double[] cholesky;   // lower triangle L with Σ + λI = L Lᵀ, row-major d×d

    private MahalanobisScore(int d, double[] mean, double[] cholesky) {
        this.d = d;
        this.mean = mean;
        this.cholesky = cholesky;
    }

    /**
     * Fits on {@code n = x.length / d} background events of {@code d} features (row-major).
     *
     * @throws IllegalArgumentException if there are fewer than 2 events, the length is not a multiple of d, or a value is not finite
     */
    public static MahalanobisScore fit(float[] x, int d) {
        if (d < 1 || x.length % d != 0 || x.length / d < 2) {
            throw new IllegalArgumentException("background sample: need at least 2 events of " + d + " features, got "
                    + x.length + " values");
        }
        int n = x.length / d;
        double[] mean = new double[d];
        for (int e = 0; e < n; e++) {
            for (int i = 0; i < d; i++) {
                float v = x[e * d + i];
                if (!Float.isFinite(v)) {
                    throw new IllegalArgumentException("background sample: event " + e + ", feature " + i + " is " + v);
                }
                mean[i] += v;
            }
        }
        for (int i = 0; i < d; i++) {
            mean[i] /= n;
        }
        double[] cov = new double[d * d];
        double[] c = new double[d];
        for (int e = 0; e < n; e++) {
            for (int i = 0; i < d; i++) {
                c[i] = x[e * d + i] - mean[i];
            }
            for (int i = 0; i < d; i++) {
                for (int j = 0; j <= i; j++) {
                    cov[i * d + j] += c[i] * c[j];
                }
            }
        }
        double trace = 0;
        for (int i = 0; i < d; i++) {
            for (int j = 0; j <= i; j++) {
                cov[i * d + j] /= n - 1;
            }
            trace += cov[i * d + i];
        }
        double ridge = DEFAULT_RIDGE * Math.max(trace / d, Double.MIN_NORMAL);
        for (int i = 0; i < d; i++) {
            cov[i * d + i] += ridge;
        }
        return new MahalanobisScore(d, mean, cholesky(cov, d));
    }

    /** Lower-triangular Cholesky factor of a symmetric positive-definite matrix (lower triangle given). */
    private static double[] cholesky(double[] a, int d) {
        double[] l = new double[d * d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j <= i; j++) {
                double sum = a[i * d + j];
                for (int k = 0; k < j; k++) {
                    sum -= l[i * d + k] * l[j * d + k];
                }
                if (i == j) {
                    l[i * d + i] = Math.sqrt(Math.max(sum, Double.MIN_NORMAL));
                } else {
                    l[i * d + j] = sum / l[j * d + j];
                }
            }
        }
        return l;
    }

    public int dimension() {
        return d;
    }

    /** Scores {@code x.length / d} events. */
    public double[] score(float[] x) {
        if (x.length % d != 0) {
            throw new IllegalArgumentException("events: expected a multiple of " + d + " values, got " + x.length);
        }
        int n = x.length / d;
        double[] out = new double[n];
        double[] y = new double[d];
        for (int e = 0; e < n; e++) {
            // solve L y = (z - μ); the score is |y|²
            double s = 0;
            for (int i = 0; i < d; i++) {
                double v = x[e * d + i] - mean[i];
                for (int k = 0; k < i; k++) {
                    v -= cholesky[i * d + k] * y[k];
                }
                y[i] = v / cholesky[i * d + i];
                s += y[i] * y[i];
            }
            out[e] = s;
        }
        return out;
    }
}
