package org.l1embed.training.train;

/**
 * The trainer's bookkeeping at an epoch boundary. Random streams are derived from the seed and the epoch/step
 * (see {@code Seeds}), so no generator state is needed to resume.
 *
 * @param epochsCompleted          epochs finished, &gt;= 0
 * @param steps                    optimisation steps done, &gt;= 0
 * @param bestEpoch                0-based epoch with the lowest validation loss so far, -1 if none
 * @param bestValidationLoss       that loss, +∞ if none
 * @param epochsWithoutImprovement epochs since the best one, &gt;= 0
 * @param earlyStopped             true once early stopping has ended the run
 */
public record TrainerState(int epochsCompleted, long steps, int bestEpoch, double bestValidationLoss,
                           int epochsWithoutImprovement, boolean earlyStopped) {

    public TrainerState {
        if (epochsCompleted < 0 || steps < 0 || epochsWithoutImprovement < 0 || bestEpoch < -1) {
            throw new IllegalArgumentException("trainer state counters must be >= 0 (bestEpoch >= -1), got epochsCompleted="
                    + epochsCompleted + ", steps=" + steps + ", bestEpoch=" + bestEpoch
                    + ", epochsWithoutImprovement=" + epochsWithoutImprovement);
        }
    }

    /** The state before the first epoch. */
    public static TrainerState initial() {
        return new TrainerState(0, 0, -1, Double.POSITIVE_INFINITY, 0, false);
    }
}
