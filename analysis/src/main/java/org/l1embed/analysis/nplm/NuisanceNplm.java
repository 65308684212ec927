package org.l1embed.analysis.nplm;

import java.util.Objects;

/**
 * The systematics-aware NPLM test, {@code t = τ − Δ} (d'Agnolo, Grosso, Pierini, Wulzer, Zanetti, Eur. Phys. J. C 82
 * (2022) 275): the nominal reference is allowed to move with a shape nuisance, whose effect on the density is the learned
 * log-ratio of a nuisance-parameterized classifier, and a normalisation nuisance, both Gaussian-constrained
 * ({@link NuisanceLikelihood}). Δ is the likelihood ratio of the best nuisance-shifted reference to the nominal one; τ
 * that of the best nuisance-shifted reference times the kernel model; their difference tests for what the nuisances
 * cannot explain.
 *
 * <p>τ is found by alternating maximisation, starting from the Δ fit's ν: fit the kernel model against the reference
 * reweighted to ν ({@link NuisanceLikelihood#shiftedReferenceWeights}), then re-profile ν with the fitted log-density g
 * held fixed; {@code rounds} times. The kernel step minimises the weighted logistic loss (as in the nominal test), not
 * the likelihood itself, so τ is the likelihood ratio at the fitted point — the same convention as the nominal t. The
 * kernel width and centres settings are those given; pass a fixed σ (the nominal test's) so that toys and
 * representations are comparable.
 */
public final class NuisanceNplm {

    private NuisanceNplm() {
    }

    /**
     * The nuisance model's coefficients for the two samples and its constraints.
     *
     * @param aReference {@code a_k} of every reference event, {@code [order][N_R]}
     * @param aData      {@code a_k} of every data event, {@code [order][N_D]}
     * @param range      the classifier's ν scale
     * @param shapeSigma σ of the shape nuisance's constraint (e.g. 0.025 for a 2.5 % jet energy scale)
     * @param normSigma  σ of the log-normalisation's constraint (e.g. 0.1)
     * @param bound      ν_s is searched in [−bound, bound]
     */
    public record Nuisance(double[][] aReference, double[][] aData, double range, double shapeSigma, double normSigma, double bound) {
        public Nuisance {
            Objects.requireNonNull(aReference, "aReference");
            Objects.requireNonNull(aData, "aData");
        }
    }

    /**
     * The outcome.
     *
     * @param t          τ − Δ
     * @param tau        τ
     * @param delta      Δ
     * @param deltaShape ν_s of the Δ fit
     * @param deltaNorm  ν_n of the Δ fit
     * @param tauShape   ν_s of the τ fit
     * @param tauNorm    ν_n of the τ fit
     * @param kernelT    the kernel fit's own t against the last shifted reference
     */
    public record Result(double t, double tau, double delta, double deltaShape, double deltaNorm, double tauShape, double tauNorm,
                         double kernelT) {
    }

    /**
     * Runs the test.
     *
     * @param reference    the nominal reference sample, unweighted (each event weighs {@code expectedData / N_R}) or
     *                     weighted (its weights are the nominal w_i)
     * @param data         the data sample, unweighted
     * @param expectedData the expected number of data events under the nominal reference (N(R))
     * @param rounds       alternations of kernel fit and ν profile, &gt;= 1
     * @throws IllegalArgumentException if the nuisance arrays do not match the samples, or as {@link NplmTest#fit} and
     *                                  {@link NuisanceLikelihood} do
     */
    public static Result test(Sample reference, Sample data, double expectedData, Nuisance nuisance, NplmSettings settings, int rounds) {
        if (rounds < 1) {
            throw new IllegalArgumentException("rounds must be >= 1, got rounds=" + rounds);
        }
        if (!(expectedData > 0) || !Double.isFinite(expectedData)) {
            throw new IllegalArgumentException("expectedData must be finite and > 0, got expectedData=" + expectedData);
        }
        if (nuisance.aData().length > 0 && nuisance.aData()[0].length != data.size()) {
            throw new IllegalArgumentException("nuisance coefficients hold " + nuisance.aData()[0].length + " data events, the data sample "
                    + data.size());
        }
        double[] w = new double[reference.size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = reference.hasWeights() ? reference.weight(i) : expectedData / reference.size();
        }
        NuisanceLikelihood likelihood = new NuisanceLikelihood(nuisance.aReference(), nuisance.aData(), w, nuisance.range(),
                nuisance.shapeSigma(), nuisance.normSigma(), nuisance.bound());
        NuisanceLikelihood.Maximum delta = likelihood.maximize(null, null);
        NuisanceLikelihood.Maximum at = delta;
        double tau = Double.NEGATIVE_INFINITY;
        double tauShape = delta.shape();
        double tauNorm = delta.norm();
        double kernelT = Double.NaN;
        for (int r = 0; r < rounds; r++) {
            NplmFit fit = NplmTest.fit(reference.withWeights(likelihood.shiftedReferenceWeights(at.shape(), at.norm())), data, settings);
            kernelT = fit.t();
            double[] gReference = fit.model().evaluate(reference);
            double[] gData = fit.model().evaluate(data);
            double here = likelihood.value(at.shape(), at.norm(), gReference, gData);
            if (here > tau) {
                tau = here;
                tauShape = at.shape();
                tauNorm = at.norm();
            }
            at = likelihood.maximize(gReference, gData);
            if (at.value() > tau) {
                tau = at.value();
                tauShape = at.shape();
                tauNorm = at.norm();
            }
        }
        return new Result(tau - delta.value(), tau, delta.value(), delta.shape(), delta.norm(), tauShape, tauNorm, kernelT);
    }
}
