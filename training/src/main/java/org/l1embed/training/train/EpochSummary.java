package org.l1embed.training.train;

/**
 * What one finished epoch produced. Losses are reproducible; {@code seconds} and {@code eventsPerSecond} are
 * wall-clock measurements.
 *
 * @param epoch           0-based epoch index
 * @param steps           optimisation steps done in total after this epoch
 * @param trainLoss       mean training-mode loss over the epoch's steps
 * @param validationLoss  inference-mode loss on the validation data, NaN without validation data
 * @param learningRate    the rate of the epoch's last step
 * @param seconds         time of the epoch's steps and validation
 * @param eventsPerSecond training events per second over the epoch's steps (validation excluded)
 */
public record EpochSummary(int epoch, long steps, double trainLoss, double validationLoss, double learningRate,
                           double seconds, double eventsPerSecond) {
}
