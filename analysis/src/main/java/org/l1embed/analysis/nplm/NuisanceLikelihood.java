package org.l1embed.analysis.nplm;

import java.util.Objects;

/**
 * The nuisance part of the systematics-aware NPLM test (d'Agnolo, Grosso, Pierini, Wulzer, Zanetti, "Learning new
 * physics from an imperfect machine", Eur. Phys. J. C 82 (2022) 275; physics.md "With nuisances: t = τ − Δ").
 *
 * <p>The reference model of the data density under nuisances is {@code n(x|ν) = n(x|0)·exp(f(x, ν_s) + ν_n)}: a shape
 * nuisance ν_s (e.g. the jet energy scale) whose effect is the learned log density ratio
 * {@code f(x, ν_s) = Σ_k a_k(x)·(ν_s/range)^k} of a nuisance-parameterized classifier, and a log-normalisation ν_n.
 * Both have Gaussian auxiliary likelihoods (widths σ_s and σ_n, centred at 0). With an extra log-density {@code g(x)}
 * (zero for the reference hypothesis, the kernel model for the alternative), twice the log-likelihood ratio to the
 * nominal reference is
 * <pre>
 *   h(ν) = 2·[ Σ_data (f(x, ν_s) + ν_n + g(x)) − Σ_ref w_i·(e^{f(x, ν_s) + ν_n + g(x)} − 1) ] − ν_s²/σ_s² − ν_n²/σ_n²
 * </pre>
 * with the reference weights {@code w_i} (N_D/N_R each for an unweighted reference). {@link #maximize} profiles h over
 * ν: for each ν_s the ν_n equation {@code N_D − e^{ν_n}·S(ν_s) − ν_n/σ_n² = 0} (S = Σ w_i e^{f+g}; the left side is
 * strictly decreasing in ν_n) is solved by bisection-safeguarded Newton, and ν_s is maximised on
 * {@code [−bound, bound]} by a grid followed by golden-section refinement around the best grid point.
 *
 * <p>Δ = max_ν h with g = 0. In the full test τ is the maximum over ν and the kernel model together;
 * {@link NuisanceNplm} alternates a kernel fit at fixed ν with this profile at fixed g.
 */
public final class NuisanceLikelihood {

    /** Grid points of the ν_s scan before golden-section refinement. */
    static final int GRID = 41;

    private final double[][] aReference;
    private final double[][] aData;
    private final double[] referenceWeights;
    private final double sumWeights;
    private final double range;
    private final double shapeSigma;
    private final double normSigma;
    private final double bound;

    /**
     * The maximum of h.
     *
     * @param shape ν_s there
     * @param norm  ν_n there
     * @param value h there
     */
    public record Maximum(double shape, double norm, double value) {
    }

    /**
     * @param aReference       {@code a_k} of every reference event, {@code [order][N_R]}
     * @param aData            {@code a_k} of every data event, {@code [order][N_D]}
     * @param referenceWeights w_i of every reference event, each finite and &gt;= 0
     * @param range            the classifier's ν scale (ν is divided by it), &gt; 0
     * @param shapeSigma       σ_s, the width of the shape nuisance's Gaussian constraint, &gt; 0
     * @param normSigma        σ_n, the width of the log-normalisation's Gaussian constraint, &gt; 0
     * @param bound            ν_s is searched in {@code [−bound, bound]}, &gt; 0 (the classifier extrapolates beyond the
     *                         range it was trained on: keep the bound near that range)
     * @throws IllegalArgumentException naming the argument, its value and the rule
     */
    public NuisanceLikelihood(double[][] aReference, double[][] aData, double[] referenceWeights, double range, double shapeSigma,
                              double normSigma, double bound) {
        Objects.requireNonNull(aReference, "aReference");
        Objects.requireNonNull(aData, "aData");
        Objects.requireNonNull(referenceWeights, "referenceWeights");
        if (aReference.length == 0 || aReference.length != aData.length) {
            throw new IllegalArgumentException("aReference and aData must hold the same number (>= 1) of terms, got "
                    + aReference.length + " and " + aData.length);
        }
        if (aData[0].length == 0 || referenceWeights.length == 0) {
            throw new IllegalArgumentException("need at least one reference and one data event, got " + referenceWeights.length
                    + " and " + aData[0].length);
        }
        for (int k = 0; k < aReference.length; k++) {
            if (aReference[k].length != referenceWeights.length) {
                throw new IllegalArgumentException("aReference[" + k + "] must hold one value per reference event ("
                        + referenceWeights.length + "), got " + aReference[k].length);
            }
            if (aData[k].length != aData[0].length) {
                throw new IllegalArgumentException("aData[" + k + "] must hold " + aData[0].length + " values, got " + aData[k].length);
            }
            requireFinite(aReference[k], "aReference[" + k + "]");
            requireFinite(aData[k], "aData[" + k + "]");
        }
        double sum = 0;
        for (int i = 0; i < referenceWeights.length; i++) {
            if (!(referenceWeights[i] >= 0) || !Double.isFinite(referenceWeights[i])) {
                throw new IllegalArgumentException("referenceWeights[" + i + "] must be finite and >= 0, got " + referenceWeights[i]);
            }
            sum += referenceWeights[i];
        }
        positive(range, "range");
        positive(shapeSigma, "shapeSigma");
        positive(normSigma, "normSigma");
        positive(bound, "bound");
        this.aReference = aReference;
        this.aData = aData;
        this.referenceWeights = referenceWeights.clone();
        this.sumWeights = sum;
        this.range = range;
        this.shapeSigma = shapeSigma;
        this.normSigma = normSigma;
        this.bound = bound;
    }

    private static void positive(double v, String name) {
        if (!(v > 0) || !Double.isFinite(v)) {
            throw new IllegalArgumentException(name + " must be finite and > 0, got " + name + "=" + v);
        }
    }

    private static void requireFinite(double[] v, String name) {
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) {
                throw new IllegalArgumentException(name + "[" + i + "] must be finite, got " + v[i]);
            }
        }
    }

    /** Reference events. */
    public int referenceEvents() {
        return referenceWeights.length;
    }

    /** Data events. */
    public int dataEvents() {
        return aData[0].length;
    }

    /** f(x, ν_s) of every event of {@code a}: {@code Σ_k a_k·(ν_s/range)^k}. */
    private double[] shapeLogRatio(double[][] a, double shape) {
        double t = shape / range;
        double[] f = new double[a[0].length];
        double power = 1;
        for (double[] ak : a) {
            power *= t;
            for (int i = 0; i < f.length; i++) {
                f[i] += ak[i] * power;
            }
        }
        return f;
    }

    /**
     * The weights of the nuisance-shifted reference, {@code w_i·e^{f(x_i, ν_s) + ν_n}}: the reference sample a kernel
     * model is fitted against at fixed ν.
     */
    public double[] shiftedReferenceWeights(double shape, double norm) {
        double[] f = shapeLogRatio(aReference, shape);
        double[] out = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            out[i] = referenceWeights[i] * Math.exp(f[i] + norm);
        }
        return out;
    }

    /**
     * h(ν_s, ν_n) for the extra log-density g.
     *
     * @param gReference g at every reference event, or null for g = 0
     * @param gData      g at every data event, or null for g = 0
     */
    public double value(double shape, double norm, double[] gReference, double[] gData) {
        checkG(gReference, gData);
        double[] fr = shapeLogRatio(aReference, shape);
        double[] fd = shapeLogRatio(aData, shape);
        double sumData = 0;
        for (int j = 0; j < fd.length; j++) {
            sumData += fd[j] + norm + (gData == null ? 0 : gData[j]);
        }
        double sumRef = 0;
        for (int i = 0; i < fr.length; i++) {
            sumRef += referenceWeights[i] * Math.expm1(fr[i] + norm + (gReference == null ? 0 : gReference[i]));
        }
        return 2 * (sumData - sumRef) - shape * shape / (shapeSigma * shapeSigma) - norm * norm / (normSigma * normSigma);
    }

    /**
     * The maximum of h over ν for a fixed g (both null for Δ).
     *
     * @throws IllegalArgumentException if a g array does not hold one value per event
     */
    public Maximum maximize(double[] gReference, double[] gData) {
        checkG(gReference, gData);
        double bestShape = 0;
        double bestValue = Double.NEGATIVE_INFINITY;
        double step = 2 * bound / (GRID - 1);
        for (int k = 0; k < GRID; k++) {
            double s = -bound + k * step;
            double v = profiled(s, gReference, gData)[1];
            if (v > bestValue) {
                bestValue = v;
                bestShape = s;
            }
        }
        double lo = Math.max(-bound, bestShape - step);
        double hi = Math.min(bound, bestShape + step);
        double ratio = (Math.sqrt(5) - 1) / 2;
        double x1 = hi - ratio * (hi - lo);
        double x2 = lo + ratio * (hi - lo);
        double v1 = profiled(x1, gReference, gData)[1];
        double v2 = profiled(x2, gReference, gData)[1];
        for (int it = 0; it < 80 && hi - lo > 1e-9 * bound; it++) {
            if (v1 >= v2) {
                hi = x2;
                x2 = x1;
                v2 = v1;
                x1 = hi - ratio * (hi - lo);
                v1 = profiled(x1, gReference, gData)[1];
            } else {
                lo = x1;
                x1 = x2;
                v1 = v2;
                x2 = lo + ratio * (hi - lo);
                v2 = profiled(x2, gReference, gData)[1];
            }
        }
        double shape = v1 >= v2 ? x1 : x2;
        double[] p = profiled(shape, gReference, gData);
        if (p[1] < bestValue) {
            shape = bestShape;
            p = profiled(shape, gReference, gData);
        }
        return new Maximum(shape, p[0], p[1]);
    }

    private void checkG(double[] gReference, double[] gData) {
        if (gReference != null && gReference.length != referenceEvents()) {
            throw new IllegalArgumentException("gReference must hold " + referenceEvents() + " values, got " + gReference.length);
        }
        if (gData != null && gData.length != dataEvents()) {
            throw new IllegalArgumentException("gData must hold " + dataEvents() + " values, got " + gData.length);
        }
    }

    /** {ν_n maximising h at this ν_s, h there}. */
    private double[] profiled(double shape, double[] gReference, double[] gData) {
        double[] fr = shapeLogRatio(aReference, shape);
        double[] fd = shapeLogRatio(aData, shape);
        double s = 0;
        for (int i = 0; i < fr.length; i++) {
            s += referenceWeights[i] * Math.exp(fr[i] + (gReference == null ? 0 : gReference[i]));
        }
        double sumData = 0;
        for (int j = 0; j < fd.length; j++) {
            sumData += fd[j] + (gData == null ? 0 : gData[j]);
        }
        double norm = solveNorm(dataEvents(), s);
        double value = 2 * (sumData + dataEvents() * norm - (Math.exp(norm) * s - sumWeights))
                - shape * shape / (shapeSigma * shapeSigma) - norm * norm / (normSigma * normSigma);
        return new double[] {norm, value};
    }

    /** The root of {@code n − e^x·s − x/σ_n² = 0}, strictly decreasing in x: bisection-safeguarded Newton. */
    private double solveNorm(int n, double s) {
        double inv = 1 / (normSigma * normSigma);
        double lo = -1;
        double hi = 1;
        while (n - Math.exp(lo) * s - lo * inv < 0) {
            lo = 2 * lo;
        }
        while (n - Math.exp(hi) * s - hi * inv > 0) {
            hi = 2 * hi;
        }
        double x = 0;
        for (int it = 0; it < 200; it++) {
            double g = n - Math.exp(x) * s - x * inv;
            if (g > 0) {
                lo = x;
            } else {
                hi = x;
            }
            double next = x + g / (Math.exp(x) * s + inv);
            x = next > lo && next < hi ? next : 0.5 * (lo + hi);
            if (hi - lo < 1e-15 * Math.max(1, Math.abs(x)) || Math.abs(g) < 1e-13 * Math.max(1, n)) {
                break;
            }
        }
        return x;
    }
}
