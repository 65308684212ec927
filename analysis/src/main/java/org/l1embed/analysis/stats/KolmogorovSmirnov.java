package org.l1embed.analysis.stats;

import java.util.Arrays;

/**
 * Two-sample Kolmogorov–Smirnov test with optional non-negative event weights.
 *
 * <p>Statistic: D = max over all observed values x of |F_A(x) − F_B(x)|, where F is the weighted empirical
 * distribution function, F_A(x) = Σ_{a_i ≤ x} w_i / Σ w_i. Both ECDFs are evaluated after all values tied at x
 * have been counted, in either sample, so ties never create a spurious jump.
 *
 * <p>p-value: the asymptotic (Kolmogorov limiting) distribution, p = Q_KS(√n·D) with
 * Q_KS(λ) = 2 Σ_{k≥1} (−1)^{k−1} e^{−2k²λ²} and n = n_A·n_B/(n_A+n_B). For weighted samples the sizes are the
 * effective sizes n_eff = (Σw)²/Σw² (Kish), which equal the event counts for unit weights; this is the usual
 * convention for weighted KS tests and is only approximate (the weighted ECDF's variance is that of an
 * unweighted ECDF with n_eff events when weights and values are independent). With unit weights this is
 * {@code scipy.stats.kstwobign.sf(sqrt(en) * D)} and ROOT's {@code TMath::KolmogorovProb}; note that
 * {@code scipy.stats.ks_2samp(method='asymp')} since scipy 1.5 instead uses the finite-n one-sample
 * distribution {@code kstwo.sf(D, round(en))}, which differs by O(1/√n) relative and is not defined for the
 * non-integer n_eff of weighted samples. See {@code docs/systematics.md}.
 */
public final class KolmogorovSmirnov {

    private KolmogorovSmirnov() {
    }

    /**
     * Unweighted two-sample test.
     *
     * @throws IllegalArgumentException if a sample is empty or holds a non-finite value
     */
    public static KsResult test(double[] a, double[] b) {
        return test(a, ones(a.length), b, ones(b.length));
    }

    /**
     * Sample A weighted, sample B with unit weights.
     *
     * @throws IllegalArgumentException as {@link #test(double[], double[], double[], double[])}
     */
    public static KsResult test(double[] a, double[] weightsA, double[] b) {
        return test(a, weightsA, b, ones(b.length));
    }

    /**
     * Weighted two-sample test.
     *
     * @param a values of sample A, finite
     * @param weightsA one weight per value of A, finite and ≥ 0, with a positive sum
     * @param b values of sample B, finite
     * @param weightsB one weight per value of B, as for A
     * @throws IllegalArgumentException if a sample is empty, lengths differ, a value or weight is not finite, a
     *     weight is negative or a sample's weights sum to zero
     */
    public static KsResult test(double[] a, double[] weightsA, double[] b, double[] weightsB) {
        Sample sa = Sample.of("A", a, weightsA);
        Sample sb = Sample.of("B", b, weightsB);
        double d = 0;
        double cumA = 0;
        double cumB = 0;
        int i = 0;
        int j = 0;
        while (i < sa.values.length || j < sb.values.length) {
            double x = Math.min(i < sa.values.length ? sa.values[i] : Double.POSITIVE_INFINITY,
                    j < sb.values.length ? sb.values[j] : Double.POSITIVE_INFINITY);
            while (i < sa.values.length && sa.values[i] == x) {
                cumA += sa.weights[i++];
            }
            while (j < sb.values.length && sb.values[j] == x) {
                cumB += sb.weights[j++];
            }
            d = Math.max(d, Math.abs(cumA / sa.total - cumB / sb.total));
        }
        double nA = sa.effectiveSize();
        double nB = sb.effectiveSize();
        double en = nA * nB / (nA + nB);
        return new KsResult(d, kolmogorovSurvival(Math.sqrt(en) * d), nA, nB);
    }

    /**
     * Survival function of the Kolmogorov distribution, Q_KS(λ) = P(K &gt; λ) (scipy's {@code kstwobign.sf}).
     *
     * <p>For λ &lt; 1 uses 1 − (√(2π)/λ) Σ_{k≥1} e^{−(2k−1)²π²/(8λ²)}, otherwise the alternating series, both
     * summed until the terms no longer change the result.
     *
     * @throws IllegalArgumentException if λ is NaN
     */
    public static double kolmogorovSurvival(double lambda) {
        if (Double.isNaN(lambda)) {
            throw new IllegalArgumentException("kolmogorovSurvival: lambda is NaN");
        }
        if (lambda <= 0) {
            return 1;
        }
        if (lambda < 1) {
            double f = -Math.PI * Math.PI / (8 * lambda * lambda);
            double sum = 0;
            for (int k = 1; k < 100; k++) {
                double term = Math.exp(f * (2 * k - 1) * (2 * k - 1));
                sum += term;
                if (term <= sum * 1e-17) {
                    break;
                }
            }
            return Math.max(0, 1 - Math.sqrt(2 * Math.PI) / lambda * sum);
        }
        double sum = 0;
        double sign = 1;
        for (int k = 1; k < 100; k++) {
            double term = Math.exp(-2.0 * k * k * lambda * lambda);
            sum += sign * term;
            sign = -sign;
            if (term <= Math.abs(sum) * 1e-17) {
                break;
            }
        }
        return Math.min(1, Math.max(0, 2 * sum));
    }

    static double[] ones(int n) {
        double[] w = new double[n];
        Arrays.fill(w, 1);
        return w;
    }

    /** Values sorted ascending with their weights permuted alongside. */
    private record Sample(double[] values, double[] weights, double total, double totalSquared) {

        static Sample of(String name, double[] values, double[] weights) {
            Validation.sample(name, values, weights);
            int[] order = Validation.sortOrder(values);
            double[] v = new double[values.length];
            double[] w = new double[values.length];
            double total = 0;
            double totalSquared = 0;
            for (int k = 0; k < order.length; k++) {
                v[k] = values[order[k]];
                w[k] = weights[order[k]];
                total += w[k];
                totalSquared += w[k] * w[k];
            }
            return new Sample(v, w, total, totalSquared);
        }

        double effectiveSize() {
            return total * total / totalSquared;
        }
    }
}
