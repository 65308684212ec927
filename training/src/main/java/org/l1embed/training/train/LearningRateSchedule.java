package org.l1embed.training.train;

/**
 * Linear warm-up then cosine decay (Loshchilov &amp; Hutter, arXiv:1608.03983, without restarts), evaluated per
 * optimisation step and fed to the graph as a scalar:
 *
 * <pre>
 *   rate(s) = peak · (s + 1) / W                                        for s &lt; W
 *   rate(s) = peak · (f + (1 − f) · ½ · (1 + cos(π · (s − W) / (T − W))))  for W ≤ s &lt; T
 *   rate(s) = peak · f                                                  for s ≥ T
 * </pre>
 *
 * with s the 0-based step, W = {@code warmupSteps}, T = {@code totalSteps}, f = {@code finalFraction}.
 *
 * @param peak          the rate reached at the end of warm-up, finite and &gt; 0
 * @param warmupSteps   W, in [0, totalSteps]
 * @param totalSteps    T, &gt; 0
 * @param finalFraction f, the floor of the cosine as a fraction of the peak, in [0, 1]
 */
public record LearningRateSchedule(double peak, long warmupSteps, long totalSteps, double finalFraction) {

    public LearningRateSchedule {
        if (!(peak > 0) || !Double.isFinite(peak)) {
            throw new IllegalArgumentException("peak must be finite and > 0, got peak=" + peak);
        }
        if (totalSteps <= 0) {
            throw new IllegalArgumentException("totalSteps must be > 0, got totalSteps=" + totalSteps);
        }
        if (warmupSteps < 0 || warmupSteps > totalSteps) {
            throw new IllegalArgumentException("warmupSteps must be in [0, totalSteps=" + totalSteps + "], got warmupSteps=" + warmupSteps);
        }
        if (!(finalFraction >= 0 && finalFraction <= 1)) {
            throw new IllegalArgumentException("finalFraction must be in [0, 1], got finalFraction=" + finalFraction);
        }
    }

    /**
     * The rate for 0-based step {@code step}.
     *
     * @throws IllegalArgumentException if {@code step < 0}
     */
    public double rate(long step) {
        if (step < 0) {
            throw new IllegalArgumentException("step must be >= 0, got step=" + step);
        }
        if (step < warmupSteps) {
            return peak * (step + 1) / warmupSteps;
        }
        if (step >= totalSteps) {
            return peak * finalFraction;
        }
        double progress = (double) (step - warmupSteps) / (totalSteps - warmupSteps);
        return peak * (finalFraction + (1 - finalFraction) * 0.5 * (1 + StrictMath.cos(Math.PI * progress)));
    }
}
