package org.l1embed.analysis.score;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Density score of a Gaussian mixture fitted on background: {@code s(z) = −log p(z)} with
 * {@code p(z) = Σ_k w_k N(z; μ_k, Σ_k)}, K components with full covariances. Higher = less like the background.
 *
 * <p>Fitted by expectation–maximisation (Dempster, Laird &amp; Rubin 1977; Bishop, "Pattern Recognition and Machine
 * Learning", §9.2): means seeded by k-means++ (Arthur &amp; Vassilvitskii 2007) with a seeded generator, then one hard
 * assignment to the nearest seed gives the starting weights and covariances. Every covariance gets a ridge
 * {@code λ·v̄·I} (v̄ = mean per-feature variance of the whole sample) so that a component on a flat or tiny cluster
 * stays invertible. Densities are handled in log space with log-sum-exp, so far points give large finite scores
 * rather than underflowing to +∞. Iteration stops when the mean log-likelihood per event changes by less than the
 * tolerance, or after the iteration limit. Same data, config and seed → the same mixture, bit for bit.
 *
 * <p>Immutable once fitted.
 */
public final class GaussianMixtureScore {

    private static final double LOG_2PI = Math.log(2 * Math.PI);

    /**
     * How to fit.
     *
     * @param components    K ≥ 1 (and ≤ the number of events)
     * @param maxIterations EM iterations at most, ≥ 1
     * @param tolerance     stop when |Δ mean log-likelihood per event| &lt; tolerance, ≥ 0
     * @param ridge         λ ≥ 0, added to each covariance diagonal as λ times the mean feature variance
     * @param seed          seed of the k-means++ initialisation
     */
    public record Config(int components, int maxIterations, double tolerance, double ridge, long seed) {

        public static final int DEFAULT_MAX_ITERATIONS = 500;
        public static final double DEFAULT_TOLERANCE = 1e-7;
        public static final double DEFAULT_RIDGE = 1e-6;

        public Config {
            if (components < 1) {
                throw new IllegalArgumentException("components must be >= 1, got components=" + components);
            }
            if (maxIterations < 1) {
                throw new IllegalArgumentException("maxIterations must be >= 1, got maxIterations=" + maxIterations);
            }
            if (!(tolerance >= 0) || Double.isInfinite(tolerance)) {
                throw new IllegalArgumentException("tolerance must be finite and >= 0, got tolerance=" + tolerance);
            }
            if (!(ridge >= 0) || Double.isInfinite(ridge)) {
                throw new IllegalArgumentException("ridge must be finite and >= 0, got ridge=" + ridge);
            }
        }

        /** K components with the default iteration limit, tolerance and ridge. */
        public static Config of(int components, long seed) {
            return new Config(components, DEFAULT_MAX_ITERATIONS, DEFAULT_TOLERANCE, DEFAULT_RIDGE, seed);
        }
    }

    private final int d;
    private final int k;
    private final double[] logWeights;   // [k]
    private final double[] means;        // [k][d] flattened
    private final double[] cholesky;     // [k][d][d] flattened, lower triangles of Σ_k + ridge
    private final double[] logNorm;      // [k]: −½(d log 2π + log det Σ_k)
    private final int iterations;
    private final boolean converged;
    private final double meanLogLikelihood;

    private GaussianMixtureScore(int d, int k, double[] logWeights, double[] means, double[] cholesky, int iterations,
            boolean converged, double meanLogLikelihood) {
        this.d = d;
        this.k = k;
        this.logWeights = logWeights;
        this.means = means;
        this.cholesky = cholesky;
        this.logNorm = logNorms(d, k, cholesky);
        this.iterations = iterations;
        this.converged = converged;
        this.meanLogLikelihood = meanLogLikelihood;
    }

    /**
     * Fits on {@code n = x.length / d} background events of {@code d} features (row-major).
     *
     * @throws IllegalArgumentException if d &lt; 1, the length is not a positive multiple of d, the number of events
     *         is below K, or a value is not finite (naming the event and feature)
     */
    public static GaussianMixtureScore fit(float[] x, int d, Config config) {
        if (d < 1) {
            throw new IllegalArgumentException("d must be >= 1, got d=" + d);
        }
        if (x.length == 0 || x.length % d != 0) {
            throw new IllegalArgumentException("background sample: length must be a positive multiple of d=" + d
                    + ", got " + x.length + " values");
        }
        int n = x.length / d;
        int k = config.components();
        if (k > n) {
            throw new IllegalArgumentException("components must be <= the number of background events " + n
                    + ", got components=" + k);
        }
        checkFinite("background sample", x, d);
        double[] data = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            data[i] = x[i];
        }
        double ridge = config.ridge() * meanVariance(data, n, d);

        double[] means = kMeansPlusPlus(data, n, d, k, new SplittableRandom(config.seed()));
        double[] resp = new double[n * k];
        for (int e = 0; e < n; e++) {
            resp[e * k + nearest(data, e, means, d, k)] = 1;
        }
        double[] logWeights = new double[k];
        double[] chol = new double[k * d * d];
        mStep(data, n, d, k, resp, ridge, logWeights, means, chol);

        double previous = Double.NEGATIVE_INFINITY;
        double ll = Double.NEGATIVE_INFINITY;
        boolean converged = false;
        int it = 0;
        double[] logNorm = logNorms(d, k, chol);
        double[] work = new double[d];
        while (it < config.maxIterations()) {
            it++;
            ll = eStep(data, n, d, k, logWeights, means, chol, logNorm, resp, work);
            mStep(data, n, d, k, resp, ridge, logWeights, means, chol);
            logNorm = logNorms(d, k, chol);
            if (Math.abs(ll - previous) < config.tolerance()) {
                converged = true;
                break;
            }
            previous = ll;
        }
        return new GaussianMixtureScore(d, k, logWeights, means, chol, it, converged, ll);
    }

    // ---- fitting --------------------------------------------------------------------------------------------

    private static void checkFinite(String what, float[] x, int d) {
        for (int i = 0; i < x.length; i++) {
            if (!Float.isFinite(x[i])) {
                throw new IllegalArgumentException(what + ": event " + i / d + ", feature " + i % d + " is " + x[i]
                        + "; values must be finite");
            }
        }
    }

    private static double meanVariance(double[] x, int n, int d) {
        double total = 0;
        for (int j = 0; j < d; j++) {
            double mean = 0;
            for (int e = 0; e < n; e++) {
                mean += x[e * d + j];
            }
            mean /= n;
            double var = 0;
            for (int e = 0; e < n; e++) {
                double c = x[e * d + j] - mean;
                var += c * c;
            }
            total += var / n;
        }
        return Math.max(total / d, Double.MIN_NORMAL);
    }

    /** k-means++ seeding: the first centre uniformly, each next one with probability ∝ squared distance. */
    private static double[] kMeansPlusPlus(double[] x, int n, int d, int k, SplittableRandom random) {
        double[] centres = new double[k * d];
        int first = random.nextInt(n);
        System.arraycopy(x, first * d, centres, 0, d);
        double[] dist2 = new double[n];
        Arrays.fill(dist2, Double.POSITIVE_INFINITY);
        for (int c = 1; c < k; c++) {
            double total = 0;
            for (int e = 0; e < n; e++) {
                dist2[e] = Math.min(dist2[e], squaredDistance(x, e, centres, c - 1, d));
                total += dist2[e];
            }
            int pick;
            if (total > 0) {
                double u = random.nextDouble() * total;
                pick = n - 1;
                double acc = 0;
                for (int e = 0; e < n; e++) {
                    acc += dist2[e];
                    if (u < acc) {
                        pick = e;
                        break;
                    }
                }
            } else {
                pick = random.nextInt(n);   // every point coincides with a centre already
            }
            System.arraycopy(x, pick * d, centres, c * d, d);
        }
        return centres;
    }

    private static double squaredDistance(double[] x, int e, double[] centres, int c, int d) {
        double s = 0;
        for (int j = 0; j < d; j++) {
            double t = x[e * d + j] - centres[c * d + j];
            s += t * t;
        }
        return s;
    }

    private static int nearest(double[] x, int e, double[] centres, int d, int k) {
        int best = 0;
        double bestDist = Double.POSITIVE_INFINITY;
        for (int c = 0; c < k; c++) {
            double dist = squaredDistance(x, e, centres, c, d);
            if (dist < bestDist) {
                bestDist = dist;
                best = c;
            }
        }
        return best;
    }

    /** Responsibilities into {@code resp}; returns the mean log-likelihood per event. */
    private static double eStep(double[] x, int n, int d, int k, double[] logWeights, double[] means, double[] chol,
            double[] logNorm, double[] resp, double[] work) {
        double total = 0;
        for (int e = 0; e < n; e++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < k; c++) {
                double l = logWeights[c] + logNorm[c] - 0.5 * mahalanobis2(x, e * d, means, chol, c, d, work);
                resp[e * k + c] = l;
                max = Math.max(max, l);
            }
            double sum = 0;
            for (int c = 0; c < k; c++) {
                sum += Math.exp(resp[e * k + c] - max);
            }
            double logP = max + Math.log(sum);
            for (int c = 0; c < k; c++) {
                resp[e * k + c] = Math.exp(resp[e * k + c] - logP);
            }
            total += logP;
        }
        return total / n;
    }

    /**
     * Weights, means and ridged covariances from responsibilities. A component that lost all its events keeps its
     * mean and covariance with weight 0 (log weight −∞), so it no longer contributes.
     */
    private static void mStep(double[] x, int n, int d, int k, double[] resp, double ridge, double[] logWeights,
            double[] means, double[] chol) {
        double[] cov = new double[d * d];
        double[] centred = new double[d];
        for (int c = 0; c < k; c++) {
            double nk = 0;
            double[] mean = new double[d];
            for (int e = 0; e < n; e++) {
                double r = resp[e * k + c];
                nk += r;
                for (int j = 0; j < d; j++) {
                    mean[j] += r * x[e * d + j];
                }
            }
            if (!(nk > 0)) {
                logWeights[c] = Double.NEGATIVE_INFINITY;
                continue;
            }
            logWeights[c] = Math.log(nk / n);
            for (int j = 0; j < d; j++) {
                mean[j] /= nk;
            }
            Arrays.fill(cov, 0);
            for (int e = 0; e < n; e++) {
                double r = resp[e * k + c];
                if (r == 0) {
                    continue;
                }
                for (int j = 0; j < d; j++) {
                    centred[j] = x[e * d + j] - mean[j];
                }
                for (int i = 0; i < d; i++) {
                    double ri = r * centred[i];
                    for (int j = 0; j <= i; j++) {
                        cov[i * d + j] += ri * centred[j];
                    }
                }
            }
            for (int i = 0; i < d; i++) {
                for (int j = 0; j <= i; j++) {
                    cov[i * d + j] /= nk;
                }
                cov[i * d + i] += ridge;
            }
            System.arraycopy(mean, 0, means, c * d, d);
            cholesky(cov, d, chol, c * d * d);
        }
    }

    /** Lower Cholesky factor of the SPD matrix whose lower triangle is {@code a}, into {@code l} at offset. */
    private static void cholesky(double[] a, int d, double[] l, int offset) {
        for (int i = 0; i < d; i++) {
            for (int j = 0; j <= i; j++) {
                double sum = a[i * d + j];
                for (int m = 0; m < j; m++) {
                    sum -= l[offset + i * d + m] * l[offset + j * d + m];
                }
                if (i == j) {
                    l[offset + i * d + i] = Math.sqrt(Math.max(sum, Double.MIN_NORMAL));
                } else {
                    l[offset + i * d + j] = sum / l[offset + j * d + j];
                    l[offset + j * d + i] = 0;
                }
            }
        }
    }

    private static double[] logNorms(int d, int k, double[] chol) {
        double[] out = new double[k];
        for (int c = 0; c < k; c++) {
            double logDet = 0;
            for (int i = 0; i < d; i++) {
                logDet += 2 * Math.log(chol[c * d * d + i * d + i]);
            }
            out[c] = -0.5 * (d * LOG_2PI + logDet);
        }
        return out;
    }

    /** (x − μ_c)ᵀ Σ_c⁻¹ (x − μ_c) by forward substitution with the Cholesky factor. */
    private static double mahalanobis2(double[] x, int at, double[] means, double[] chol, int c, int d,
            double[] work) {
        int lo = c * d * d;
        double s = 0;
        for (int i = 0; i < d; i++) {
            double v = x[at + i] - means[c * d + i];
            for (int j = 0; j < i; j++) {
                v -= chol[lo + i * d + j] * work[j];
            }
            v /= chol[lo + i * d + i];
            work[i] = v;
            s += v * v;
        }
        return s;
    }

    // ---- the fitted mixture ---------------------------------------------------------------------------------

    public int dimension() {
        return d;
    }

    public int components() {
        return k;
    }

    /** Mixture weights w_k (sum 1). */
    public double[] weights() {
        double[] w = new double[k];
        for (int c = 0; c < k; c++) {
            w[c] = Math.exp(logWeights[c]);
        }
        return w;
    }

    /** μ_c. */
    public double[] mean(int component) {
        checkComponent(component);
        return Arrays.copyOfRange(means, component * d, (component + 1) * d);
    }

    /** Σ_c including the ridge, row-major d × d. */
    public double[] covariance(int component) {
        checkComponent(component);
        int lo = component * d * d;
        double[] out = new double[d * d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                double s = 0;
                for (int m = 0; m <= Math.min(i, j); m++) {
                    s += cholesky[lo + i * d + m] * cholesky[lo + j * d + m];
                }
                out[i * d + j] = s;
            }
        }
        return out;
    }

    /** EM iterations run. */
    public int iterations() {
        return iterations;
    }

    /** Whether the tolerance was reached before the iteration limit. */
    public boolean converged() {
        return converged;
    }

    /** Mean log-likelihood per background event at the last E-step. */
    public double meanLogLikelihood() {
        return meanLogLikelihood;
    }

    /**
     * Scores {@code x.length / d} events: {@code −log p(z)} for each.
     *
     * @throws IllegalArgumentException if the length is not a multiple of d or a value is not finite
     */
    public double[] score(float[] x) {
        if (x.length % d != 0) {
            throw new IllegalArgumentException("events to score: length must be a multiple of the fitted dimension d="
                    + d + ", got " + x.length + " values");
        }
        checkFinite("events to score", x, d);
        int n = x.length / d;
        double[] point = new double[d];
        double[] work = new double[d];
        double[] out = new double[n];
        for (int e = 0; e < n; e++) {
            for (int j = 0; j < d; j++) {
                point[j] = x[e * d + j];
            }
            out[e] = -logDensity(point, work);
        }
        return out;
    }

    private double logDensity(double[] point, double[] work) {
        double max = Double.NEGATIVE_INFINITY;
        double[] l = new double[k];
        for (int c = 0; c < k; c++) {
            l[c] = logWeights[c] + logNorm[c] - 0.5 * mahalanobis2(point, 0, means, cholesky, c, d, work);
            max = Math.max(max, l[c]);
        }
        double sum = 0;
        for (int c = 0; c < k; c++) {
            sum += Math.exp(l[c] - max);
        }
        return max + Math.log(sum);
    }

    private void checkComponent(int component) {
        if (component < 0 || component >= k) {
            throw new IllegalArgumentException("component must be in 0.." + (k - 1) + ", got " + component);
        }
    }
}
