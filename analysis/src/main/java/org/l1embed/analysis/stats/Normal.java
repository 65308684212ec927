package org.l1embed.analysis.stats;

/**
 * The standard normal distribution's upper tail Q(z) = 1 − Φ(z) and its inverses, accurate far into the tail: a
 * significance Z is {@link #upperTailQuantile}(p) = Φ⁻¹(1 − p), computed without forming 1 − p, and
 * {@link #upperTailQuantileOfLog}(ln p) stays finite when p itself underflows (ln p = −1000 gives Z ≈ 44.6).
 *
 * <p>Q(z) = ½·Q_Γ(½, z²/2) for z ≥ 0 through {@link Gamma} (relative accuracy about 1e-13 in the whole tail). The
 * inverse starts from Abramowitz &amp; Stegun 26.2.23 (absolute error below 4.5e-4) and refines with Newton steps
 * on ln Q(z) − ln p, which is concave, so a handful of steps reach double precision.
 */
public final class Normal {

    private static final double LOG_HALF = Math.log(0.5);
    private static final double LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);
    private static final int MAX_NEWTON_STEPS = 100;

    private Normal() {
    }

    /**
     * Q(z) = P(Z ≥ z) for a standard normal Z.
     *
     * @throws IllegalArgumentException if z is NaN
     */
    public static double upperTail(double z) {
        checkZ(z);
        if (z >= 0) {
            return 0.5 * Gamma.regularizedQ(0.5, 0.5 * z * z);
        }
        return 1 - 0.5 * Gamma.regularizedQ(0.5, 0.5 * z * z);
    }

    /**
     * ln Q(z), finite for every finite z (ln Q(40) ≈ −804.6 while Q(40) underflows).
     *
     * @throws IllegalArgumentException if z is NaN
     */
    public static double logUpperTail(double z) {
        checkZ(z);
        if (z == Double.POSITIVE_INFINITY) {
            return Double.NEGATIVE_INFINITY;
        }
        if (z >= 0) {
            return LOG_HALF + Gamma.logRegularizedQ(0.5, 0.5 * z * z);
        }
        return Math.log1p(-0.5 * Gamma.regularizedQ(0.5, 0.5 * z * z));
    }

    /**
     * Φ⁻¹(p), the quantile: the z with P(Z ≤ z) = p. Φ⁻¹(0) = −∞, Φ⁻¹(1) = +∞.
     *
     * @throws IllegalArgumentException if p is not in [0, 1]
     */
    public static double quantile(double p) {
        checkP(p);
        // P(Z ≤ z) = p ⟺ Q(−z) = p
        return -upperTailQuantile(p);
    }

    /**
     * The z with Q(z) = p, i.e. Φ⁻¹(1 − p): the one-sided significance of a p-value. p = 1e-3 gives 3.0902,
     * p = 2.8665e-7 gives 5. Q⁻¹(0) = +∞, Q⁻¹(1) = −∞.
     *
     * @throws IllegalArgumentException if p is not in [0, 1]
     */
    public static double upperTailQuantile(double p) {
        checkP(p);
        if (p == 0) {
            return Double.POSITIVE_INFINITY;
        }
        if (p == 1) {
            return Double.NEGATIVE_INFINITY;
        }
        if (p > 0.5) {
            return -upperTailQuantile(1 - p);
        }
        return solve(Math.log(p));
    }

    /**
     * The z with ln Q(z) = logP: the significance of a p-value given as its logarithm, finite however small p is.
     *
     * @param logP ln p, ≤ 0 (−∞ gives +∞)
     * @throws IllegalArgumentException if logP is positive or NaN
     */
    public static double upperTailQuantileOfLog(double logP) {
        if (!(logP <= 0)) {
            throw new IllegalArgumentException("normal quantile: logP must be <= 0, got logP=" + logP);
        }
        if (logP == Double.NEGATIVE_INFINITY) {
            return Double.POSITIVE_INFINITY;
        }
        if (logP > LOG_HALF) {
            // p > ½: the quantile of the complement, which is then not small
            return -upperTailQuantile(-Math.expm1(logP));
        }
        return solve(logP);
    }

    /** Newton on g(z) = ln Q(z) − logP, for logP ≤ ln ½ (so z ≥ 0). */
    private static double solve(double logP) {
        double t = Math.sqrt(-2 * logP);
        double z = t - (2.515517 + t * (0.802853 + t * 0.010328))
                / (1 + t * (1.432788 + t * (0.189269 + t * 0.001308)));
        z = Math.max(z, 0);
        for (int i = 0; i < MAX_NEWTON_STEPS; i++) {
            double logQ = logUpperTail(z);
            double logDensity = -0.5 * z * z - LOG_SQRT_2PI;
            // g'(z) = −φ(z)/Q(z)
            double step = (logQ - logP) / Math.exp(logDensity - logQ);
            z += step;
            if (Math.abs(step) <= 1e-15 * Math.max(1, Math.abs(z))) {
                break;
            }
        }
        return z;
    }

    private static void checkZ(double z) {
        if (Double.isNaN(z)) {
            throw new IllegalArgumentException("normal: z must not be NaN");
        }
    }

    private static void checkP(double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("normal quantile: p must be in [0, 1], got p=" + p);
        }
    }
}
