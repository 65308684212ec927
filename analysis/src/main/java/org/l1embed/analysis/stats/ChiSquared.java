package org.l1embed.analysis.stats;

/** The χ² distribution with k degrees of freedom: survival function P(X ≥ x) = Q(k/2, x/2). */
public final class ChiSquared {

    private ChiSquared() {
    }

    /**
     * Survival function (the p-value of an observed χ²).
     *
     * @param x observed statistic, ≥ 0
     * @param degreesOfFreedom k &gt; 0 (need not be an integer)
     * @throws IllegalArgumentException if k is not positive and finite, or x is negative or NaN
     */
    public static double survival(double x, double degreesOfFreedom) {
        if (!(degreesOfFreedom > 0) || Double.isInfinite(degreesOfFreedom)) {
            throw new IllegalArgumentException(
                    "chi-squared: degreesOfFreedom must be positive and finite, got " + degreesOfFreedom);
        }
        if (!(x >= 0)) {
            throw new IllegalArgumentException("chi-squared: x must be >= 0, got x=" + x);
        }
        return Gamma.regularizedQ(degreesOfFreedom / 2, x / 2);
    }

    /**
     * ln of the survival function, finite far in the tail where {@link #survival} underflows to 0 (e.g.
     * ln P(χ²₂ ≥ 2000) = −1000).
     *
     * @throws IllegalArgumentException as {@link #survival}
     */
    public static double logSurvival(double x, double degreesOfFreedom) {
        if (!(degreesOfFreedom > 0) || Double.isInfinite(degreesOfFreedom)) {
            throw new IllegalArgumentException(
                    "chi-squared: degreesOfFreedom must be positive and finite, got " + degreesOfFreedom);
        }
        if (!(x >= 0)) {
            throw new IllegalArgumentException("chi-squared: x must be >= 0, got x=" + x);
        }
        return Gamma.logRegularizedQ(degreesOfFreedom / 2, x / 2);
    }
}
