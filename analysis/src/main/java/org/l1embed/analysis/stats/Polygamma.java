package org.l1embed.analysis.stats;

/**
 * The digamma function ψ(x) = d ln Γ(x)/dx and the trigamma function ψ'(x), for x &gt; 0 — what a maximum-likelihood
 * fit of a Gamma or χ² shape parameter needs (the score equation is ψ(k/2) = mean ln(t/2), the Fisher information
 * ψ'(k/2)/4 per event).
 *
 * <p>Both shift x up with the recurrences ψ(x) = ψ(x+1) − 1/x and ψ'(x) = ψ'(x+1) + 1/x² until x ≥ 16, then sum the
 * asymptotic (Bernoulli-number) series (Abramowitz &amp; Stegun 6.3.18 and 6.4.12); relative accuracy about 1e-15.
 */
public final class Polygamma {

    private static final double SHIFT_TO = 16;

    private Polygamma() {
    }

    /**
     * ψ(x).
     *
     * @throws IllegalArgumentException if x is not positive and finite
     */
    public static double digamma(double x) {
        check("digamma", x);
        double shift = 0;
        while (x < SHIFT_TO) {
            shift -= 1 / x;
            x += 1;
        }
        double r = 1 / (x * x);
        // ln x − 1/(2x) − Σ B_2n / (2n x^2n)
        double series = r * (1.0 / 12 - r * (1.0 / 120 - r * (1.0 / 252 - r * (1.0 / 240 - r * (1.0 / 132)))));
        return shift + Math.log(x) - 0.5 / x - series;
    }

    /**
     * ψ'(x).
     *
     * @throws IllegalArgumentException if x is not positive and finite
     */
    public static double trigamma(double x) {
        check("trigamma", x);
        double shift = 0;
        while (x < SHIFT_TO) {
            shift += 1 / (x * x);
            x += 1;
        }
        double r = 1 / (x * x);
        // 1/x + 1/(2x²) + Σ B_2n / x^(2n+1)
        double series = (1 + r * (1.0 / 6 - r * (1.0 / 30 - r * (1.0 / 42 - r * (1.0 / 30 - r * (5.0 / 66)))))) / x;
        return shift + series + 0.5 * r;
    }

    private static void check(String function, double x) {
        if (!(x > 0) || Double.isInfinite(x)) {
            throw new IllegalArgumentException(function + ": x must be positive and finite, got x=" + x);
        }
    }
}
