package org.l1embed.analysis.score;

import java.util.ArrayList;
import java.util.List;
import org.l1embed.quantization.bundle.AnomalyScore;

/**
 * Squared Mahalanobis distance to the background: {@code s(z) = (z - μ)ᵀ (Σ + λI)⁻¹ (z - μ)} with μ and Σ the mean
 * and covariance of a background sample and a small ridge λ (relative to the mean variance) so that features
 * that never vary (padding) do not make Σ singular. Fitted once on background; immutable.
 */
public final class MahalanobisScore {

    /** Ridge, as a fraction of the average feature variance. */
    public static final double DEFAULT_RIDGE = 1e-6;

    private final AnomalyScore score;   // μ and the lower triangle L with Σ + λI = L Lᵀ

    private MahalanobisScore(double[] mean, double[] cholesky) {
        this.score = new AnomalyScore(mean, cholesky, List.of(), "");
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
        return new MahalanobisScore(mean, cholesky(cov, d));
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
        return score.latentSize();
    }

    /** Scores {@code x.length / d} events ({@link AnomalyScore#score}). */
    public double[] score(float[] x) {
        return score.score(x);
    }

    /**
     * This score as a bundle's {@code score.json}, with thresholds measured on a background sample (ideally not the one
     * it was fitted on).
     *
     * @param acceptances        background acceptances, each in (0, 1)
     * @param backgroundLatents  {@code [N, d]} background latents the thresholds are measured on
     * @param fittedOn           what the mean, covariance and thresholds were measured on (free text)
     */
    public AnomalyScore toBundleScore(double[] acceptances, float[] backgroundLatents, String fittedOn) {
        double[] scores = score(backgroundLatents);
        List<AnomalyScore.Threshold> thresholds = new ArrayList<>();
        for (double a : acceptances) {
            thresholds.add(AnomalyScore.thresholdAt(a, scores));
        }
        return score.withThresholds(thresholds, fittedOn);
    }
}
