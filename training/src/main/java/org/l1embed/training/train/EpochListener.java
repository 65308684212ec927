package org.l1embed.training.train;

/**
 * Called after every epoch, once its checkpoint has been written. Returning false ends {@link Trainer#fit} there
 * as if the process had been stopped; a later {@code fit} with the same checkpoint directory resumes.
 */
@FunctionalInterface
public interface EpochListener {

    /** @return true to go on with the next epoch */
    boolean afterEpoch(EpochSummary summary);
}
