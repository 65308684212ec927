package org.l1embed.analysis.nplm;

import java.time.Duration;

/**
 * The result of one NPLM fit.
 *
 * @param t             the test statistic t = 2·[Σ_data f(x) − Σ_ref wᵢ·(e^{f(xᵢ)} − 1)]; large when the data deviate
 *                      from the reference
 * @param model         the fitted f, usable on new events
 * @param loss          the weighted logistic loss L(α) at the solution (penalty included)
 * @param solver        the solver used
 * @param newtonSteps   Newton steps taken (1 for ONE_STEP)
 * @param cgIterations  conjugate-gradient iterations over all Newton steps (each reads K_NM once)
 * @param converged     every CG solve reached its tolerance and, for FULL_NEWTON, the Newton decrement its tolerance
 * @param cachedKernelBytes bytes of K_NM held in memory (the rest was recomputed on every pass)
 * @param setupTime     standardization, width, centres, kernel matrix and K_MM
 * @param solveTime     the Newton steps and the final evaluation of t
 */
public record NplmFit(double t, NplmModel model, double loss, NplmSettings.Solver solver, int newtonSteps,
                      int cgIterations, boolean converged, long cachedKernelBytes, Duration setupTime, Duration solveTime) {

    /** The coefficients α of the fitted model. */
    public double[] alpha() {
        return model.alpha();
    }

    /** The kernel width σ, in standardized units. */
    public double sigma() {
        return model.sigma();
    }
}
