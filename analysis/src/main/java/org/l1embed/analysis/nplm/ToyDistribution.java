package org.l1embed.analysis.nplm;

import java.util.Arrays;
import org.l1embed.analysis.stats.Polygamma;

/**
 * The distribution of t over toys (typically null toys): the values, their mean and spread, the maximum-likelihood
 * χ² fit of the degrees of freedom, and significances of an observed t against it. Immutable.
 */
public final class ToyDistribution {

    private static final int MAX_NEWTON_STEPS = 100;

    private final double[] t;

    private ToyDistribution(double[] t) {
        this.t = t;
    }

    /**
     * From toy values (copied).
     *
     * @throws IllegalArgumentException if there are fewer than 2 values or a value is not finite
     */
    public static ToyDistribution of(double[] values) {
        if (values.length < 2) {
            throw new IllegalArgumentException("toy distribution: need at least 2 toys, got " + values.length);
        }
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException("toy distribution: toy " + i + " has t=" + values[i]
                        + ", must be finite");
            }
        }
        return new ToyDistribution(values.clone());
    }

    /** The t values, in toy order. */
    public double[] values() {
        return t.clone();
    }

    public int size() {
        return t.length;
    }

    public double mean() {
        double s = 0;
        for (double v : t) {
            s += v;
        }
        return s / t.length;
    }

    /** Sample standard deviation (n − 1). */
    public double standardDeviation() {
        double mean = mean();
        double s = 0;
        for (double v : t) {
            s += (v - mean) * (v - mean);
        }
        return Math.sqrt(s / (t.length - 1));
    }

    /** The standard error of the mean, standardDeviation/√n. */
    public double standardErrorOfMean() {
        return standardDeviation() / Math.sqrt(t.length);
    }

    /**
     * The maximum-likelihood χ² fit: with c = mean ln(t/2) over the values t &gt; 0, k̂ = 2x where ψ(x) = c (Newton's
     * method from Minka's starting point; ψ is increasing and concave, so the iteration converges).
     *
     * @throws IllegalArgumentException if fewer than 2 values are positive, or all positive values are equal
     */
    public ChiSquaredFit fitChiSquared() {
        double sumLog = 0;
        int used = 0;
        double first = Double.NaN;
        boolean allEqual = true;
        for (double v : t) {
            if (v > 0) {
                sumLog += Math.log(v / 2);
                if (used == 0) {
                    first = v;
                } else if (v != first) {
                    allEqual = false;
                }
                used++;
            }
        }
        if (used < 2) {
            throw new IllegalArgumentException("toy distribution: the χ² fit needs at least 2 positive t values, got "
                    + used + " of " + t.length);
        }
        if (allEqual) {
            throw new IllegalArgumentException("toy distribution: the χ² fit needs spread, all " + used
                    + " positive t values equal " + first);
        }
        double c = sumLog / used;
        // Minka (2000), the inverse digamma's start
        double x = c >= -2.22 ? Math.exp(c) + 0.5 : -1 / (c - Polygamma.digamma(1));
        for (int i = 0; i < MAX_NEWTON_STEPS; i++) {
            double step = (Polygamma.digamma(x) - c) / Polygamma.trigamma(x);
            double next = x - step;
            if (!(next > 0)) {
                next = x / 2;
            }
            boolean done = Math.abs(next - x) <= 1e-14 * x;
            x = next;
            if (done) {
                break;
            }
        }
        double standardError = 2 / Math.sqrt(used * Polygamma.trigamma(x));
        return new ChiSquaredFit(2 * x, standardError, used, t.length - used);
    }

    /** {@link Significance#empirical} of tObserved against these toys. */
    public Significance empiricalSignificance(double tObserved) {
        return Significance.empirical(t, tObserved);
    }

    /** {@link Significance#chiSquared} of tObserved with the fitted degrees of freedom. */
    public Significance chiSquaredSignificance(double tObserved) {
        return Significance.chiSquared(tObserved, fitChiSquared().degreesOfFreedom());
    }

    @Override
    public String toString() {
        return "ToyDistribution[" + t.length + " toys, mean " + mean() + ", std " + standardDeviation() + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ToyDistribution other && Arrays.equals(t, other.t);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(t);
    }
}
