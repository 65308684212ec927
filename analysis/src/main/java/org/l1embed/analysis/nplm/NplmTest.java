package org.l1embed.analysis.nplm;

import java.time.Duration;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The NPLM kernel hypothesis test (d'Agnolo et al.; kernel version Letizia et al., arXiv:2204.02317).
 *
 * <p>With reference events xᵢ (weights wᵢ; N_D/N_R each when the reference is unweighted) and data events, fit
 * f(x) = Σⱼ αⱼ k(x, x̃ⱼ), k(x, y) = exp(−‖x − y‖²/2σ²), by minimizing the weighted logistic loss
 * <pre>
 *   L(α) = Σ_data ln(1 + e^{−f(x)}) + Σ_ref wᵢ ln(1 + e^{f(xᵢ)}) + (N·λ/2)·αᵀK_MMα
 * </pre>
 * (N = N_D + N_R: λ is Falkon's, whose loss is the mean over the N events, so the published λ = 1e-6 means the same
 * here)
 * and report t = 2·[Σ_data f(x) − Σ_ref wᵢ (e^{f(xᵢ)} − 1)]. Both samples are standardized with the reference's
 * mean and (n−1) standard deviation, unweighted: the nominal constants, never the data's own.
 *
 * <p>Solver (Falkon, Rudi et al. 2017; logistic version Meanti et al. 2020): each Newton step solves
 * (K_NMᵀ D K_NM + NλK_MM)·Δ = −∇L with D the loss's second derivatives, by conjugate gradient on
 * Bᵀ H B with B = T⁻¹A⁻¹, T = chol(K_MM + εI), A = chol((N/M)·T D_M Tᵀ + NλI), D_M the second derivatives at the
 * centres (the Nyström estimate of K_NMᵀ D K_NM). ONE_STEP takes the single step from α = 0 that the published code
 * takes; FULL_NEWTON iterates with a backtracking line search to the minimizer. See {@code docs/nplm.md}.
 */
public final class NplmTest {

    private static final double ARMIJO = 1e-4;
    private static final int MAX_HALVINGS = 40;

    private NplmTest() {
    }

    /**
     * Fits f and computes t.
     *
     * @param reference the reference sample; its weights, if any, are the wᵢ (e.g. N_D/N_R times a nuisance
     *                  reweighting); unweighted means wᵢ = N_D/N_R
     * @param data      the data sample, unweighted
     * @throws IllegalArgumentException if either sample has fewer than 2 events, the dimensions differ, the data are
     *                                  weighted, M exceeds the pooled size, or a reference feature is constant
     */
    public static NplmFit fit(Sample reference, Sample data, NplmSettings settings) {
        long start = System.nanoTime();
        validate(reference, data, settings);
        int d = reference.dimension();
        int nRef = reference.size();
        int nData = data.size();
        int n = nRef + nData;
        int m = settings.centres();

        double[] mean = new double[d];
        double[] std = new double[d];
        referenceMoments(reference, mean, std);

        // pooled, standardized: data rows first, then reference rows
        double[] x = new double[n * d];
        standardize(data.values(), mean, std, x, 0);
        standardize(reference.values(), mean, std, x, nData * d);
        double[] refWeights = new double[nRef];
        if (reference.hasWeights()) {
            System.arraycopy(reference.weights(), 0, refWeights, 0, nRef);
        } else {
            Arrays.fill(refWeights, (double) nData / nRef);
        }

        double sigma = width(x, nData, nRef, d, settings.width(), settings.seed());
        int[] centreIndex = drawWithoutReplacement(n, m, new SplittableRandom(settings.seed()));
        double[] centres = new double[m * d];
        for (int j = 0; j < m; j++) {
            System.arraycopy(x, centreIndex[j] * d, centres, j * d, d);
        }

        try (KernelMatrix k = new KernelMatrix(x, d, centres, sigma, settings.kernelCacheBytes(), settings.threads())) {
            double[] kmm = new double[m * m];
            double[] row = new double[m];
            for (int j = 0; j < m; j++) {
                k.row(centres, j * d, row);
                System.arraycopy(row, 0, kmm, j * m, m);
            }
            // Falkon's jitter: K_MM is numerically rank-deficient for smooth kernels. The penalty uses the factor,
            // i.e. K_MM + εI = TᵀT, so the preconditioned penalty is exactly λ·A⁻ᵀA⁻¹ and directions K_MM cannot
            // resolve stay well conditioned instead of turning into rounding noise.
            Dense.Factor t = Dense.choleskyWithJitter(kmm, m, "K_MM");
            long setupEnd = System.nanoTime();

            Newton newton = new Newton(k, t.upper(), nData, refWeights, centreIndex, settings);
            newton.solve();
            NplmModel model = new NplmModel(mean, std, centres, sigma, newton.alpha);
            long end = System.nanoTime();
            return new NplmFit(newton.statistic(), model, newton.loss, settings.solver(), newton.steps,
                    newton.cgIterations, newton.converged, k.cachedBytes(), Duration.ofNanos(setupEnd - start),
                    Duration.ofNanos(end - setupEnd));
        }
    }

    /**
     * The kernel width σ (standardized units) that a fit of this reference with these settings uses: the fixed σ,
     * or the percentile of reference pairwise distances. Toys compute it once and fix it for every toy.
     */
    public static double kernelWidth(Sample reference, NplmSettings settings) {
        if (reference.size() < 2) {
            throw new IllegalArgumentException("nplm: reference must have at least 2 events, got "
                    + reference.size());
        }
        int d = reference.dimension();
        double[] mean = new double[d];
        double[] std = new double[d];
        referenceMoments(reference, mean, std);
        double[] x = new double[reference.size() * d];
        standardize(reference.values(), mean, std, x, 0);
        return width(x, 0, reference.size(), d, settings.width(), settings.seed());
    }

    private static void validate(Sample reference, Sample data, NplmSettings settings) {
        if (reference.size() < 2) {
            throw new IllegalArgumentException("nplm: reference must have at least 2 events, got "
                    + reference.size());
        }
        if (data.size() < 2) {
            throw new IllegalArgumentException("nplm: data must have at least 2 events, got " + data.size());
        }
        if (data.dimension() != reference.dimension()) {
            throw new IllegalArgumentException("nplm: data dimension " + data.dimension()
                    + " must equal reference dimension " + reference.dimension());
        }
        if (data.hasWeights()) {
            throw new IllegalArgumentException("nplm: data must be unweighted (the data term of the loss has unit"
                    + " weights), got a weighted sample");
        }
        long pooled = (long) reference.size() + data.size();
        if (settings.centres() > pooled) {
            throw new IllegalArgumentException("nplm: centres M=" + settings.centres()
                    + " must be <= the pooled sample size " + pooled + " (reference " + reference.size()
                    + " + data " + data.size() + ")");
        }
    }

    private static void referenceMoments(Sample reference, double[] mean, double[] std) {
        int d = reference.dimension();
        int n = reference.size();
        double[] v = reference.values();
        for (int e = 0; e < n; e++) {
            for (int k = 0; k < d; k++) {
                mean[k] += v[e * d + k];
            }
        }
        for (int k = 0; k < d; k++) {
            mean[k] /= n;
        }
        for (int e = 0; e < n; e++) {
            for (int k = 0; k < d; k++) {
                double c = v[e * d + k] - mean[k];
                std[k] += c * c;
            }
        }
        for (int k = 0; k < d; k++) {
            std[k] = Math.sqrt(std[k] / (n - 1));
            if (!(std[k] > 0)) {
                throw new IllegalArgumentException("nplm: reference feature " + k
                        + " has zero standard deviation (constant), cannot standardize");
            }
        }
    }

    private static void standardize(double[] v, double[] mean, double[] std, double[] out, int offset) {
        int d = mean.length;
        for (int i = 0; i < v.length; i++) {
            int k = i % d;
            out[offset + i] = (v[i] - mean[k]) / std[k];
        }
    }

    /** σ for the width setting; the reference rows are x[refStart·d ..) of the pooled standardized array. */
    private static double width(double[] x, int refStart, int nRef, int d, KernelWidth width, long seed) {
        // Java 17 has no pattern switch; KernelWidth is sealed to these two
        if (width instanceof KernelWidth.Fixed f) {
            return f.sigma();
        }
        KernelWidth.Percentile p = (KernelWidth.Percentile) width;
        int count = Math.min(p.events(), nRef);
        // a different stream from the centres', so σ does not move when M changes
        int[] pick = drawWithoutReplacement(nRef, count, new SplittableRandom(seed ^ 0x5DEECE66DL));
        double[] distances = new double[count * (count - 1) / 2];
        int at = 0;
        for (int a = 0; a < count; a++) {
            int ia = (refStart + pick[a]) * d;
            for (int b = a + 1; b < count; b++) {
                int ib = (refStart + pick[b]) * d;
                double s = 0;
                for (int k = 0; k < d; k++) {
                    double t = x[ia + k] - x[ib + k];
                    s += t * t;
                }
                distances[at++] = Math.sqrt(s);
            }
        }
        Arrays.sort(distances);
        double pos = p.percentile() / 100 * (distances.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, distances.length - 1);
        double sigma = distances[lo] + (pos - lo) * (distances[hi] - distances[lo]);
        if (!(sigma > 0)) {
            throw new IllegalArgumentException("nplm: kernel width from the " + p.percentile()
                    + "th percentile of reference distances is " + sigma + " (repeated events?)");
        }
        return sigma;
    }

    /** The first k of a seeded partial Fisher–Yates shuffle of 0..n-1. */
    static int[] drawWithoutReplacement(int n, int k, SplittableRandom random) {
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        for (int i = 0; i < k; i++) {
            int j = i + random.nextInt(n - i);
            int tmp = all[i];
            all[i] = all[j];
            all[j] = tmp;
        }
        return Arrays.copyOf(all, k);
    }

    /** ln(1 + e^z) without overflow. */
    static double softplus(double z) {
        return Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z)));
    }

    /** 1/(1 + e^{−z}). */
    static double logistic(double z) {
        return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
    }

    /** The Newton iteration on one kernel matrix; pooled rows are data (0..nData-1) then reference. */
    private static final class Newton {
        final KernelMatrix k;
        final double[] tChol;
        final int nData;
        final int n;
        final int m;
        final double[] refWeights;
        final int[] centreIndex;
        final NplmSettings settings;
        /** N·λ: Falkon's λ multiplies a per-event mean loss, this solver works with the sum. */
        final double penalty;

        double[] alpha;
        final double[] f;
        final double[] curvature;   // D_i: second derivative of the loss in f_i
        double loss;
        int steps;
        int cgIterations;
        boolean converged = true;

        Newton(KernelMatrix k, double[] tChol, int nData, double[] refWeights, int[] centreIndex,
               NplmSettings settings) {
            this.k = k;
            this.tChol = tChol;
            this.nData = nData;
            this.n = k.rows();
            this.m = k.centres();
            this.refWeights = refWeights;
            this.centreIndex = centreIndex;
            this.settings = settings;
            this.penalty = n * settings.lambda();
            this.alpha = new double[m];
            this.f = new double[n];
            this.curvature = new double[n];
        }

        double weight(int i) {
            return i < nData ? 1 : refWeights[i - nData];
        }

        /** dL/df_i. */
        double firstDerivative(int i, double fi) {
            return i < nData ? -logistic(-fi) : refWeights[i - nData] * logistic(fi);
        }

        double lossAt(double[] fs, double quadratic) {
            double s = 0;
            for (int i = 0; i < nData; i++) {
                s += softplus(-fs[i]);
            }
            for (int i = nData; i < n; i++) {
                s += refWeights[i - nData] * softplus(fs[i]);
            }
            return s + 0.5 * this.penalty * quadratic;
        }

        void solve() {
            loss = lossAt(f, 0);
            int maxSteps = settings.solver() == NplmSettings.Solver.ONE_STEP ? 1 : settings.maxNewtonSteps();
            boolean newtonConverged = settings.solver() == NplmSettings.Solver.ONE_STEP;
            for (int step = 0; step < maxSteps; step++) {
                for (int i = 0; i < n; i++) {
                    double p = logistic(f[i]);
                    curvature[i] = weight(i) * p * (1 - p);
                }
                // the penalty through T: αᵀ(K_MM + εI)α = ‖Tα‖², free of the cancellation of an explicit K_MM·α
                double[] tAlpha = Dense.upperTimes(tChol, m, alpha);
                double[] kmmAlpha = Dense.upperTransposedTimes(tChol, m, tAlpha);
                double[] gradient = k.pass(null, (i, u) -> firstDerivative(i, f[i]), null);
                for (int j = 0; j < m; j++) {
                    gradient[j] += penalty * kmmAlpha[j];
                }
                double[] u = new double[n];
                double[] delta = newtonDirection(gradient, u);
                steps++;
                double decrement = -Dense.dot(gradient, delta);
                double aKa = Dense.dot(tAlpha, tAlpha);
                double[] tDelta = Dense.upperTimes(tChol, m, delta);
                double aKd = Dense.dot(tAlpha, tDelta);
                double dKd = Dense.dot(tDelta, tDelta);
                double s = 1;
                double[] trial = new double[n];
                double trialLoss = Double.NaN;
                boolean small = decrement / 2 <= settings.newtonTolerance() * (1 + Math.abs(loss));
                boolean accepted = false;
                for (int h = 0; h <= MAX_HALVINGS; h++) {
                    for (int i = 0; i < n; i++) {
                        trial[i] = f[i] + s * u[i];
                    }
                    trialLoss = lossAt(trial, aKa + 2 * s * aKd + s * s * dKd);
                    // ONE_STEP and a step inside the tolerance are taken whole, as published
                    if (maxSteps == 1 || small || trialLoss <= loss - ARMIJO * s * decrement) {
                        accepted = true;
                        break;
                    }
                    s /= 2;
                }
                if (!accepted) {
                    // no decrease left that rounding can resolve: the minimum, as far as doubles can tell
                    newtonConverged = true;
                    break;
                }
                for (int j = 0; j < m; j++) {
                    alpha[j] += s * delta[j];
                }
                System.arraycopy(trial, 0, f, 0, n);
                loss = trialLoss;
                if (small) {
                    newtonConverged = true;
                    break;
                }
            }
            converged &= newtonConverged;
        }

        /** Δ solving (K_NMᵀ D K_NM + λK_MM)·Δ = −g by CG on the Falkon-preconditioned system. */
        /**
         * Δ, with u = K_NM·Δ accumulated from the passes CG makes anyway (u = Σ aₖ·K_NM·B·pₖ), so no extra pass over
         * K_NM is needed to move f.
         */
        double[] newtonDirection(double[] gradient, double[] u) {
            double[] centreCurvature = new double[m];
            for (int j = 0; j < m; j++) {
                centreCurvature[j] = curvature[centreIndex[j]];
            }
            double[] a = Dense.upperTimesDiagonalTimesTransposed(tChol, m, centreCurvature, (double) n / m, k);
            for (int j = 0; j < m; j++) {
                a[j * m + j] += penalty;
            }
            double[] aChol = Dense.choleskyWithJitter(a, m, "the preconditioner (N/M)·T·D·Tᵀ + λI").upper();

            double[] minusG = new double[m];
            for (int j = 0; j < m; j++) {
                minusG[j] = -gradient[j];
            }
            double[] rhs = applyBt(aChol, minusG);
            double[] gamma = new double[m];
            double[] r = rhs.clone();
            double[] p = r.clone();
            double rr = Dense.dot(r, r);
            double stop = settings.cgTolerance() * settings.cgTolerance() * rr;
            boolean reached = rr == 0;
            double[] kbp = new double[n];
            for (int it = 0; it < settings.cgMaxIterations() && !reached; it++) {
                // Bᵀ(K_NMᵀ D K_NM)B p + λ·Bᵀ(K_MM + εI)B p, the penalty part being exactly λ·A⁻ᵀA⁻¹p
                double[] q = applyBt(aChol, k.pass(applyB(aChol, p), (i, kb) -> curvature[i] * kb, kbp));
                double[] aap = Dense.solveUpperTransposed(aChol, m, Dense.solveUpper(aChol, m, p));
                for (int j = 0; j < m; j++) {
                    q[j] += penalty * aap[j];
                }
                cgIterations++;
                double step = rr / Dense.dot(p, q);
                for (int j = 0; j < m; j++) {
                    gamma[j] += step * p[j];
                    r[j] -= step * q[j];
                }
                for (int i = 0; i < n; i++) {
                    u[i] += step * kbp[i];
                }
                double next = Dense.dot(r, r);
                if (next <= stop) {
                    reached = true;
                    break;
                }
                double beta = next / rr;
                for (int j = 0; j < m; j++) {
                    p[j] = r[j] + beta * p[j];
                }
                rr = next;
            }
            converged &= reached;
            return applyB(aChol, gamma);
        }

        double[] applyB(double[] aChol, double[] v) {
            return Dense.solveUpper(tChol, m, Dense.solveUpper(aChol, m, v));
        }

        double[] applyBt(double[] aChol, double[] v) {
            return Dense.solveUpperTransposed(aChol, m, Dense.solveUpperTransposed(tChol, m, v));
        }

        double statistic() {
            double s = 0;
            for (int i = 0; i < nData; i++) {
                s += f[i];
            }
            for (int i = nData; i < n; i++) {
                s -= refWeights[i - nData] * Math.expm1(f[i]);
            }
            return 2 * s;
        }
    }
}
