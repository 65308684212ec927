package org.l1embed.training.train;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of {@link Trainer#fit}: every epoch so far (including those of earlier, resumed runs), the best
 * validation epoch and why training ended.
 *
 * @param history            one summary per finished epoch, in order
 * @param bestEpoch          0-based epoch with the lowest validation loss; -1 without validation data
 * @param bestValidationLoss its loss; NaN without validation data
 * @param stop               why training ended
 */
public record TrainingResult(List<EpochSummary> history, int bestEpoch, double bestValidationLoss, Stop stop) {

    /** Why {@link Trainer#fit} returned. */
    public enum Stop {
        /** All configured epochs ran. */
        COMPLETED,
        /** Validation loss did not improve for {@code patience} epochs; the model holds the best epoch's weights. */
        EARLY_STOPPED,
        /** An {@link EpochListener} asked to stop; the checkpoint allows resuming. */
        INTERRUPTED
    }

    public TrainingResult {
        history = List.copyOf(history);
        Objects.requireNonNull(stop, "stop");
    }

    /** The last epoch's summary. */
    public EpochSummary last() {
        return history.get(history.size() - 1);
    }
}
