package org.l1embed.training.train;

import java.util.Objects;
import org.l1embed.training.model.OptimizerConfig;

/**
 * How to train: epochs, batches, schedule, optimiser, mode, early stopping, progress and reproducibility.
 *
 * <p>Defaults ({@link #defaults()}): 50 epochs, batch 1024, peak learning rate 1e-3 with 10 warm-up epochs and
 * cosine decay to 0 (the paper's epoch counts; AdamW instead of the paper's LARS for the MLP), AdamW with
 * λ = 1e-4, supervised, no early stopping, a progress line every 100 steps, deterministic, seed 1.
 *
 * @param epochs             passes over the training data, &gt; 0
 * @param batchSize          events per step, &gt;= 2 (self-supervised steps hold 2 × batchSize rows); a training
 *                           set smaller than this gives one step per epoch over all events
 * @param peakLearningRate   the schedule's peak, finite and &gt; 0
 * @param warmupEpochs       epochs of linear warm-up, in [0, epochs]
 * @param finalLearningRateFraction cosine floor as a fraction of the peak, in [0, 1]
 * @param optimizer          Adam or AdamW settings
 * @param mode               supervised or self-supervised
 * @param patience           stop after this many epochs without a lower validation loss; 0 disables early
 *                           stopping; &gt; 0 needs validation data
 * @param progressEverySteps a progress line on the log every this many steps; 0 for none
 * @param deterministic      one TensorFlow thread (bit-reproducible, also across resume) instead of all cores
 * @param seed               seed of shuffling and augmentation (the weights use {@code ModelConfig.seed})
 */
public record TrainingConfig(int epochs, int batchSize, double peakLearningRate, int warmupEpochs,
                             double finalLearningRateFraction, OptimizerConfig optimizer, ContrastiveMode mode,
                             int patience, int progressEverySteps, boolean deterministic, long seed) {

    public TrainingConfig {
        if (epochs <= 0) {
            throw new IllegalArgumentException("epochs must be > 0, got epochs=" + epochs);
        }
        if (batchSize < 2) {
            throw new IllegalArgumentException("batchSize must be >= 2 (a contrastive batch needs pairs), got batchSize=" + batchSize);
        }
        if (!(peakLearningRate > 0) || !Double.isFinite(peakLearningRate)) {
            throw new IllegalArgumentException("peakLearningRate must be finite and > 0, got peakLearningRate=" + peakLearningRate);
        }
        if (warmupEpochs < 0 || warmupEpochs > epochs) {
            throw new IllegalArgumentException("warmupEpochs must be in [0, epochs=" + epochs + "], got warmupEpochs=" + warmupEpochs);
        }
        if (!(finalLearningRateFraction >= 0 && finalLearningRateFraction <= 1)) {
            throw new IllegalArgumentException("finalLearningRateFraction must be in [0, 1], got finalLearningRateFraction="
                    + finalLearningRateFraction);
        }
        Objects.requireNonNull(optimizer, "optimizer must not be null");
        Objects.requireNonNull(mode, "mode must not be null");
        if (patience < 0) {
            throw new IllegalArgumentException("patience must be >= 0 (0 disables early stopping), got patience=" + patience);
        }
        if (progressEverySteps < 0) {
            throw new IllegalArgumentException("progressEverySteps must be >= 0 (0 disables progress lines), got progressEverySteps="
                    + progressEverySteps);
        }
    }

    /** The defaults listed in the class comment. */
    public static TrainingConfig defaults() {
        return new TrainingConfig(50, 1024, 1e-3, 10, 0.0, OptimizerConfig.defaults(), ContrastiveMode.SUPERVISED,
                0, 100, true, 1L);
    }

    public TrainingConfig withEpochs(int newEpochs, int newWarmupEpochs) {
        return new TrainingConfig(newEpochs, batchSize, peakLearningRate, newWarmupEpochs, finalLearningRateFraction,
                optimizer, mode, patience, progressEverySteps, deterministic, seed);
    }

    public TrainingConfig withBatchSize(int newBatchSize) {
        return new TrainingConfig(epochs, newBatchSize, peakLearningRate, warmupEpochs, finalLearningRateFraction,
                optimizer, mode, patience, progressEverySteps, deterministic, seed);
    }

    public TrainingConfig withLearningRate(double newPeak, double newFinalFraction) {
        return new TrainingConfig(epochs, batchSize, newPeak, warmupEpochs, newFinalFraction,
                optimizer, mode, patience, progressEverySteps, deterministic, seed);
    }

    public TrainingConfig withOptimizer(OptimizerConfig newOptimizer) {
        return new TrainingConfig(epochs, batchSize, peakLearningRate, warmupEpochs, finalLearningRateFraction,
                newOptimizer, mode, patience, progressEverySteps, deterministic, seed);
    }

    public TrainingConfig withMode(ContrastiveMode newMode) {
        return new TrainingConfig(epochs, batchSize, peakLearningRate, warmupEpochs, finalLearningRateFraction,
                optimizer, newMode, patience, progressEverySteps, deterministic, seed);
    }

    public TrainingConfig withPatience(int newPatience) {
        return new TrainingConfig(epochs, batchSize, peakLearningRate, warmupEpochs, finalLearningRateFraction,
                optimizer, mode, newPatience, progressEverySteps, deterministic, seed);
    }

    public TrainingConfig withProgressEverySteps(int newProgressEverySteps) {
        return new TrainingConfig(epochs, batchSize, peakLearningRate, warmupEpochs, finalLearningRateFraction,
                optimizer, mode, patience, newProgressEverySteps, deterministic, seed);
    }

    public TrainingConfig withDeterministic(boolean newDeterministic) {
        return new TrainingConfig(epochs, batchSize, peakLearningRate, warmupEpochs, finalLearningRateFraction,
                optimizer, mode, patience, progressEverySteps, newDeterministic, seed);
    }

    public TrainingConfig withSeed(long newSeed) {
        return new TrainingConfig(epochs, batchSize, peakLearningRate, warmupEpochs, finalLearningRateFraction,
                optimizer, mode, patience, progressEverySteps, deterministic, newSeed);
    }

    /**
     * The settings that decide the trained weights, as text: everything but {@link #progressEverySteps}. A
     * checkpoint resumes only under the same text.
     */
    String resumeKey() {
        return withProgressEverySteps(0).toString();
    }
}
