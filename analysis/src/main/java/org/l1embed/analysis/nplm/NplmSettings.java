package org.l1embed.analysis.nplm;

/**
 * Settings of one NPLM fit. The defaults ({@link #defaults()}) are those of Letizia et al. (arXiv:2204.02317): M = 1000
 * centres, σ = 90th percentile of reference pairwise distances, λ = 1e-6, one Newton step from α = 0.
 *
 * @param centres        M, the number of kernel centres drawn (without replacement, seeded) from the pooled
 *                       reference + data sample; ≥ 1
 * @param width          the kernel width σ
 * @param lambda         λ ≥ 0, on Falkon's scale: Falkon minimizes the mean loss over the N = N_D + N_R pooled
 *                       events plus (λ/2)·αᵀK_MMα, so in the summed loss of {@link NplmTest} the penalty is
 *                       (N·λ/2)·αᵀK_MMα; the published λ = 1e-6 therefore means the same here as there
 * @param solver         one Newton step from α = 0 (the published behaviour) or Newton to convergence
 * @param cgTolerance    the conjugate-gradient solve of each Newton step stops when the residual of the
 *                       preconditioned system is below this fraction of its right-hand side; in (0, 1)
 * @param cgMaxIterations conjugate-gradient iterations per Newton step at most; ≥ 1
 * @param newtonTolerance FULL_NEWTON stops when half the Newton decrement (the predicted decrease of the loss) is
 *                       below newtonTolerance·(1 + |loss|); in (0, 1)
 * @param maxNewtonSteps FULL_NEWTON takes at most this many steps; ≥ 1
 * @param seed           seeds the centres and the events the width percentile is measured on
 * @param threads        worker threads for the kernel passes; ≥ 1 (results do not depend on it)
 * @param kernelCacheBytes bytes of the N×M kernel matrix K_NM (8 per entry) kept in memory between the solver's
 *                       passes; rows beyond it are recomputed on every pass (N·M exponentials per full pass). ≥ 0.
 *                       Results do not depend on it, only time and memory do
 */
public record NplmSettings(int centres, KernelWidth width, double lambda, Solver solver, double cgTolerance,
                           int cgMaxIterations, double newtonTolerance, int maxNewtonSteps, long seed, int threads,
                           long kernelCacheBytes) {

    /** How α is found. */
    public enum Solver {
        /**
         * One Newton step from α = 0 (the Falkon logistic solver with a single penalty, as published): the step
         * solves (K_NMᵀ D₀ K_NM + λK_MM)·α = −∇L(0) by preconditioned conjugate gradient.
         */
        ONE_STEP,
        /** Newton steps with a backtracking line search until the Newton decrement is small: the exact minimizer. */
        FULL_NEWTON
    }

    public NplmSettings {
        if (centres < 1) {
            throw new IllegalArgumentException("nplm settings: centres must be >= 1, got centres=" + centres);
        }
        if (width == null) {
            throw new IllegalArgumentException("nplm settings: width must be given, got null");
        }
        if (!(lambda >= 0) || Double.isInfinite(lambda)) {
            throw new IllegalArgumentException("nplm settings: lambda must be finite and >= 0, got lambda=" + lambda);
        }
        if (solver == null) {
            throw new IllegalArgumentException("nplm settings: solver must be given, got null");
        }
        if (!(cgTolerance > 0 && cgTolerance < 1)) {
            throw new IllegalArgumentException("nplm settings: cgTolerance must be in (0, 1), got cgTolerance="
                    + cgTolerance);
        }
        if (cgMaxIterations < 1) {
            throw new IllegalArgumentException("nplm settings: cgMaxIterations must be >= 1, got cgMaxIterations="
                    + cgMaxIterations);
        }
        if (!(newtonTolerance > 0 && newtonTolerance < 1)) {
            throw new IllegalArgumentException("nplm settings: newtonTolerance must be in (0, 1), got newtonTolerance="
                    + newtonTolerance);
        }
        if (maxNewtonSteps < 1) {
            throw new IllegalArgumentException("nplm settings: maxNewtonSteps must be >= 1, got maxNewtonSteps="
                    + maxNewtonSteps);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("nplm settings: threads must be >= 1, got threads=" + threads);
        }
        if (kernelCacheBytes < 0) {
            throw new IllegalArgumentException("nplm settings: kernelCacheBytes must be >= 0, got kernelCacheBytes="
                    + kernelCacheBytes);
        }
    }

    /**
     * M = 1000, σ at the 90th percentile, λ = 1e-6, ONE_STEP, cgTolerance 1e-7, at most 500 CG iterations,
     * newtonTolerance 1e-12 and 50 steps (FULL_NEWTON only), seed 0, one thread per available processor, and a
     * kernel cache of half the maximum heap ({@link Runtime#maxMemory()} when this is called) — enough for
     * N·M·8 bytes = 1.8 GB at N = 220 000, M = 1000 with a 4 GB heap.
     */
    public static NplmSettings defaults() {
        return new NplmSettings(1000, KernelWidth.defaultPercentile(), 1e-6, Solver.ONE_STEP, 1e-7, 500, 1e-12, 50,
                0L, Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() / 2);
    }

    public NplmSettings withCentres(int m) {
        return new NplmSettings(m, width, lambda, solver, cgTolerance, cgMaxIterations, newtonTolerance,
                maxNewtonSteps, seed, threads, kernelCacheBytes);
    }

    public NplmSettings withWidth(KernelWidth w) {
        return new NplmSettings(centres, w, lambda, solver, cgTolerance, cgMaxIterations, newtonTolerance,
                maxNewtonSteps, seed, threads, kernelCacheBytes);
    }

    /** Shorthand for {@code withWidth(new KernelWidth.Fixed(sigma))}. */
    public NplmSettings withSigma(double sigma) {
        return withWidth(new KernelWidth.Fixed(sigma));
    }

    public NplmSettings withLambda(double l) {
        return new NplmSettings(centres, width, l, solver, cgTolerance, cgMaxIterations, newtonTolerance,
                maxNewtonSteps, seed, threads, kernelCacheBytes);
    }

    public NplmSettings withSolver(Solver s) {
        return new NplmSettings(centres, width, lambda, s, cgTolerance, cgMaxIterations, newtonTolerance,
                maxNewtonSteps, seed, threads, kernelCacheBytes);
    }

    public NplmSettings withCg(double tolerance, int maxIterations) {
        return new NplmSettings(centres, width, lambda, solver, tolerance, maxIterations, newtonTolerance,
                maxNewtonSteps, seed, threads, kernelCacheBytes);
    }

    public NplmSettings withNewton(double tolerance, int maxSteps) {
        return new NplmSettings(centres, width, lambda, solver, cgTolerance, cgMaxIterations, tolerance, maxSteps,
                seed, threads, kernelCacheBytes);
    }

    public NplmSettings withSeed(long s) {
        return new NplmSettings(centres, width, lambda, solver, cgTolerance, cgMaxIterations, newtonTolerance,
                maxNewtonSteps, s, threads, kernelCacheBytes);
    }

    public NplmSettings withThreads(int n) {
        return new NplmSettings(centres, width, lambda, solver, cgTolerance, cgMaxIterations, newtonTolerance,
                maxNewtonSteps, seed, n, kernelCacheBytes);
    }

    public NplmSettings withKernelCacheBytes(long bytes) {
        return new NplmSettings(centres, width, lambda, solver, cgTolerance, cgMaxIterations, newtonTolerance,
                maxNewtonSteps, seed, threads, bytes);
    }
}
