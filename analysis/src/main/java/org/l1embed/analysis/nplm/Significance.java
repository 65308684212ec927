package org.l1embed.analysis.nplm;

import org.l1embed.analysis.stats.ChiSquared;
import org.l1embed.analysis.stats.Normal;

/**
 * A p-value and its one-sided Gaussian significance Z = Φ⁻¹(1 − p).
 *
 * @param pValue    p, in [0, 1] (may underflow to 0 for the χ² tail; {@code logPValue} does not)
 * @param logPValue ln p, ≤ 0
 * @param z         Z = Φ⁻¹(1 − p), computed from ln p so it stays finite however small p is; −∞ for p = 1
 */
public record Significance(double pValue, double logPValue, double z) {

    public Significance {
        if (!(logPValue <= 0)) {
            throw new IllegalArgumentException("significance: logPValue must be <= 0, got logPValue=" + logPValue);
        }
    }

    /**
     * The empirical significance against null toys: p = (1 + #{toys with t ≥ tObserved}) / (N_toys + 1), which
     * never reaches 0 (the smallest p is 1/(N_toys + 1)).
     *
     * @throws IllegalArgumentException if tObserved is NaN or there are no toys
     */
    public static Significance empirical(double[] nullT, double tObserved) {
        if (Double.isNaN(tObserved)) {
            throw new IllegalArgumentException("significance: tObserved must not be NaN");
        }
        if (nullT.length == 0) {
            throw new IllegalArgumentException("significance: need at least one null toy, got none");
        }
        int above = 0;
        for (double t : nullT) {
            if (t >= tObserved) {
                above++;
            }
        }
        double p = (1.0 + above) / (nullT.length + 1.0);
        double logP = Math.log(p);
        return new Significance(p, logP, Normal.upperTailQuantileOfLog(logP));
    }

    /**
     * The significance from a χ² distribution with the given degrees of freedom (e.g. fitted to the null toys), for
     * t beyond the toys' reach: p = P(χ²_k ≥ tObserved), with ln p computed directly so Z stays finite for huge t.
     * A non-positive tObserved gives p = 1.
     *
     * @throws IllegalArgumentException if tObserved is NaN or the degrees of freedom are not positive and finite
     */
    public static Significance chiSquared(double tObserved, double degreesOfFreedom) {
        if (Double.isNaN(tObserved)) {
            throw new IllegalArgumentException("significance: tObserved must not be NaN");
        }
        double logP = ChiSquared.logSurvival(Math.max(tObserved, 0), degreesOfFreedom);
        return new Significance(Math.exp(logP), logP, Normal.upperTailQuantileOfLog(logP));
    }
}
