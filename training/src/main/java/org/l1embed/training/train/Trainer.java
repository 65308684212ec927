package org.l1embed.training.train;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import org.l1embed.quantization.network.InputSpec;
import org.l1embed.quantization.network.NetworkSpec;
import org.l1embed.training.model.ContrastiveModel;
import org.l1embed.training.model.ModelConfig;
import org.l1embed.training.model.SupConLoss;

/**
 * Trains a {@link ContrastiveModel}: epochs over seeded shuffled batches, augmentation and preprocessing on the
 * Java side per batch, the warm-up + cosine learning rate per step, a progress line every N steps and a summary
 * per epoch on the log (stderr by default), validation loss per epoch, a checkpoint after every epoch, resume,
 * and early stopping.
 *
 * <p><b>Batches.</b> Each epoch uses a fresh permutation drawn from {@code (seed, epoch)} and takes
 * ⌊N / batchSize⌋ full batches from it (the remainder events fall into other batches in other epochs); with
 * N &lt; batchSize one batch of all N events. Augmentation generators are drawn from {@code (seed, step)}.
 *
 * <p><b>Checkpoints and resume.</b> With a checkpoint directory, after every epoch the variables, the trainer state,
 * the history and the weights of the best validation epoch are written atomically to {@value #CHECKPOINT_FILE}
 * (see {@link Checkpoint}). A later {@link #fit} with the same directory, model and training configuration and
 * data continues after the last finished epoch; anything else is refused with a message naming what differs.
 * An interrupted epoch is redone from its start. With {@code deterministic = true} the resumed run ends with
 * bit-identical weights to an uninterrupted one. Without a checkpoint directory, a second {@code fit} on the
 * same trainer goes on from where the first stopped (same data required).
 *
 * <p><b>Progress.</b> Every {@code progressEverySteps} steps a line with the mean loss since the previous line, the
 * learning rate, events per second (batch assembly, augmentation, preprocessing and the TensorFlow step; events,
 * not views) and the ETA of the remaining steps (validation excluded); after each epoch a summary line.
 *
 * <p><b>Early stopping.</b> With {@code patience > 0}, training stops once the validation loss has not improved
 * (strictly decreased) for {@code patience} epochs, and the model is set back to the best epoch's weights.
 *
 * <p>Not thread-safe. Close the trainer to free the model's native resources.
 */
public final class Trainer implements AutoCloseable {

    /** The checkpoint written after every epoch. */
    public static final String CHECKPOINT_FILE = "checkpoint.l1ckpt";

    private final ModelConfig modelConfig;
    private final TrainingConfig config;
    private final Augmentation augmentation;
    private final FeatureTransform transform;
    private final Path checkpointDirectory;
    private final PrintStream log;
    private final ContrastiveModel model;
    /** Where the last fit got to, for a later fit on this trainer when there is no checkpoint file. */
    private SoFar progressSoFar;

    private record SoFar(String dataKey, TrainerState state, List<EpochSummary> history, Map<String, float[]> bestVariables) {
    }

    private Trainer(Builder b) {
        this.modelConfig = b.modelConfig;
        this.config = b.config;
        this.augmentation = b.augmentation;
        this.transform = b.transform;
        this.checkpointDirectory = b.checkpointDirectory;
        this.log = b.log;
        if (config.mode() == ContrastiveMode.SELF_SUPERVISED && augmentation == null) {
            throw new IllegalArgumentException("self-supervised training needs an augmentation (two identical views are "
                    + "trivially positive); set one, e.g. Augmentations.paperMasking()");
        }
        this.model = ContrastiveModel.create(modelConfig, config.optimizer(), config.deterministic());
    }

    /** Starts configuring a trainer: no augmentation, identity transform, no checkpoints, log to stderr. */
    public static Builder builder(ModelConfig modelConfig, TrainingConfig config) {
        return new Builder(modelConfig, config);
    }

    /** Trains without an epoch listener. */
    public TrainingResult fit(LabelledData train, LabelledData validation) {
        return fit(train, validation, summary -> true);
    }

    /**
     * Trains, or resumes from the checkpoint directory, until all epochs ran, early stopping triggers or the
     * listener returns false.
     *
     * @param train      training events (raw if an augmentation is set; the transform turns them into inputs)
     * @param validation validation events, or null; required when {@code patience > 0}
     * @param listener   called after each epoch's checkpoint
     * @throws IllegalArgumentException if the data does not fit the model or the configuration
     * @throws IllegalStateException    if a checkpoint belongs to another setup, or the loss becomes NaN or infinite
     */
    public TrainingResult fit(LabelledData train, LabelledData validation, EpochListener listener) {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(listener, "listener");
        requireFits(train, "training");
        if (validation != null) {
            requireFits(validation, "validation");
        }
        if (config.patience() > 0 && validation == null) {
            throw new IllegalArgumentException("early stopping (patience=" + config.patience() + ") needs validation data, got none");
        }
        int n = train.events();
        int batch = Math.min(config.batchSize(), n);
        int stepsPerEpoch = n / batch;
        LearningRateSchedule schedule = new LearningRateSchedule(config.peakLearningRate(),
                (long) config.warmupEpochs() * stepsPerEpoch, (long) config.epochs() * stepsPerEpoch,
                config.finalLearningRateFraction());
        String dataKey = "train=" + train.fingerprint() + ";validation=" + (validation == null ? "none" : validation.fingerprint());

        Path checkpointFile = checkpointDirectory == null ? null : checkpointDirectory.resolve(CHECKPOINT_FILE);
        SoFar start = startingPoint(dataKey, checkpointFile);
        TrainerState state = start.state();
        List<EpochSummary> history = new ArrayList<>(start.history());
        Map<String, float[]> bestVariables = start.bestVariables();
        if (state.earlyStopped()) {
            restoreBest(bestVariables);
            return result(history, state, TrainingResult.Stop.EARLY_STOPPED);
        }

        int rows = config.mode() == ContrastiveMode.SELF_SUPERVISED ? 2 * batch : batch;
        int d = train.features();
        float[] batchX = new float[rows * d];
        int[] batchLabels = config.mode() == ContrastiveMode.SELF_SUPERVISED ? SupConLoss.viewLabels(batch) : new int[batch];
        Progress progress = new Progress((long) config.epochs() * stepsPerEpoch - state.steps(), batch);

        for (int epoch = state.epochsCompleted(); epoch < config.epochs(); epoch++) {
            long epochStart = System.nanoTime();
            int[] order = Seeds.permutation(n, Seeds.random(config.seed(), Seeds.SHUFFLE, epoch));
            double lossSum = 0;
            double rate = 0;
            for (int s = 0; s < stepsPerEpoch; s++) {
                long t0 = System.nanoTime();
                long step = (long) epoch * stepsPerEpoch + s;
                fillBatch(train, order, s * batch, batch, batchX, batchLabels, Seeds.random(config.seed(), Seeds.AUGMENT, step));
                rate = schedule.rate(step);
                float loss = model.trainStep(batchX, batchLabels, rate, step + 1);
                progress.stepDone(System.nanoTime() - t0, loss);
                if (!Float.isFinite(loss)) {
                    throw new IllegalStateException("training diverged: loss=" + loss + " at epoch " + (epoch + 1) + ", step "
                            + (s + 1) + "/" + stepsPerEpoch + " (learning rate " + rate + "); lower the learning rate");
                }
                lossSum += loss;
                if (config.progressEverySteps() > 0 && progress.runSteps % config.progressEverySteps() == 0) {
                    progress.print(epoch, s, stepsPerEpoch, rate);
                }
            }
            double trainSeconds = (System.nanoTime() - epochStart) / 1e9;
            double validationLoss = validation == null ? Double.NaN : validationLoss(validation, batch);
            double seconds = (System.nanoTime() - epochStart) / 1e9;

            boolean improved = validation != null && validationLoss < state.bestValidationLoss();
            int bestEpoch = improved ? epoch : state.bestEpoch();
            double best = improved ? validationLoss : state.bestValidationLoss();
            int without = improved || validation == null ? 0 : state.epochsWithoutImprovement() + 1;
            boolean early = config.patience() > 0 && without >= config.patience();
            state = new TrainerState(epoch + 1, (long) (epoch + 1) * stepsPerEpoch, bestEpoch, best, without, early);
            EpochSummary summary = new EpochSummary(epoch, state.steps(), lossSum / stepsPerEpoch, validationLoss, rate,
                    seconds, (double) stepsPerEpoch * batch / trainSeconds);
            history.add(summary);
            String validated = validation == null ? ""
                    : String.format(Locale.ROOT, ", validation loss %.5f (best %.5f at epoch %d)", validationLoss, best, bestEpoch + 1);
            log.printf(Locale.ROOT, "epoch %d/%d: train loss %.5f%s, %.1f s, %,.0f events/s%n", epoch + 1, config.epochs(),
                    summary.trainLoss(), validated, seconds, summary.eventsPerSecond());

            Map<String, float[]> variables = model.variableValues();
            if (improved) {
                bestVariables = variables;
            }
            progressSoFar = new SoFar(dataKey, state, List.copyOf(history), bestVariables);
            if (checkpointFile != null) {
                new Checkpoint(modelConfig.toString(), config.resumeKey(), dataKey, state, history, variables,
                        bestVariables == null ? Map.of() : bestVariables).write(checkpointFile);
            }
            boolean goOn = listener.afterEpoch(summary);
            if (early) {
                log.printf(Locale.ROOT, "early stopping: no improvement for %d epochs; restoring epoch %d%n", without, bestEpoch + 1);
                restoreBest(bestVariables);
                return result(history, state, TrainingResult.Stop.EARLY_STOPPED);
            }
            if (!goOn) {
                return result(history, state, TrainingResult.Stop.INTERRUPTED);
            }
        }
        return result(history, state, TrainingResult.Stop.COMPLETED);
    }

    /**
     * Where this fit starts: the checkpoint file if there is one (its variables are loaded into the model), else
     * where an earlier fit on this trainer stopped, else the beginning.
     */
    private SoFar startingPoint(String dataKey, Path checkpointFile) {
        if (checkpointFile != null && Files.exists(checkpointFile)) {
            Checkpoint checkpoint = Checkpoint.read(checkpointFile);
            requireSame("model configuration", modelConfig.toString(), checkpoint.modelKey(), checkpointFile.toString());
            requireSame("training configuration", config.resumeKey(), checkpoint.trainingKey(), checkpointFile.toString());
            requireSame("data set", dataKey, checkpoint.dataKey(), checkpointFile.toString());
            model.setVariableValues(checkpoint.variables());
            log.printf(Locale.ROOT, "resuming from %s after epoch %d/%d (%d steps)%n", checkpointFile,
                    checkpoint.state().epochsCompleted(), config.epochs(), checkpoint.state().steps());
            return new SoFar(dataKey, checkpoint.state(), checkpoint.history(),
                    checkpoint.bestVariables().isEmpty() ? null : checkpoint.bestVariables());
        }
        if (progressSoFar != null) {
            // A second fit on this trainer without a checkpoint: the weights are already in the model.
            requireSame("data set", dataKey, progressSoFar.dataKey(), "the previous fit on this trainer");
            return progressSoFar;
        }
        return new SoFar(dataKey, TrainerState.initial(), List.of(), null);
    }

    /** The model being trained (its weights are the current ones). */
    public ContrastiveModel model() {
        return model;
    }

    /**
     * Latent vectors in inference mode for network inputs (already transformed: this does not apply the
     * {@link FeatureTransform}).
     */
    public float[] embed(float[] x) {
        return model.embed(x);
    }

    /** The trained encoder as a float spec; see {@link ContrastiveModel#encoderSpec(String, InputSpec)}. */
    public NetworkSpec encoderSpec(String name, InputSpec input) {
        return model.encoderSpec(name, input);
    }

    @Override
    public void close() {
        model.close();
    }

    // ---- batches and validation ----

    private void fillBatch(LabelledData data, int[] order, int start, int batch, float[] batchX, int[] batchLabels,
                           SplittableRandom rng) {
        int d = data.features();
        float[] x = data.x();
        boolean twoViews = config.mode() == ContrastiveMode.SELF_SUPERVISED;
        for (int r = 0; r < batch; r++) {
            int event = order[start + r];
            System.arraycopy(x, event * d, batchX, r * d, d);
            if (twoViews) {
                System.arraycopy(x, event * d, batchX, (batch + r) * d, d);
            } else {
                batchLabels[r] = data.labels()[event];
            }
        }
        int rows = twoViews ? 2 * batch : batch;
        if (augmentation != null) {
            for (int r = 0; r < rows; r++) {
                augmentation.apply(batchX, r * d, d, rng);
            }
        }
        transform.apply(batchX, rows, d);
    }

    /**
     * Inference-mode loss over the validation events in their order, in chunks of the training batch size, weighted
     * by chunk size; a last chunk of a single event is skipped (nothing to contrast it with). Self-supervised views
     * use generators drawn from {@code (seed, chunk)}: the same views every epoch.
     */
    private double validationLoss(LabelledData data, int batch) {
        int n = data.events();
        int d = data.features();
        int chunk = Math.min(batch, n);
        int[] identity = new int[n];
        for (int i = 0; i < n; i++) {
            identity[i] = i;
        }
        boolean twoViews = config.mode() == ContrastiveMode.SELF_SUPERVISED;
        double sum = 0;
        long counted = 0;
        for (int start = 0, index = 0; start < n; start += chunk, index++) {
            int size = Math.min(chunk, n - start);
            if (size < 2) {
                break;
            }
            int rows = twoViews ? 2 * size : size;
            float[] x = new float[rows * d];
            int[] labels = twoViews ? SupConLoss.viewLabels(size) : new int[size];
            SplittableRandom rng = Seeds.random(config.seed(), Seeds.VALIDATE, index);
            if (twoViews) {
                fillBatch(data, identity, start, size, x, labels, rng);
            } else {
                // No augmentation for supervised validation: the loss of the events as they are.
                for (int r = 0; r < size; r++) {
                    System.arraycopy(data.x(), (start + r) * d, x, r * d, d);
                    labels[r] = data.labels()[start + r];
                }
                transform.apply(x, size, d);
            }
            sum += (double) model.loss(x, labels) * size;
            counted += size;
        }
        return sum / counted;
    }

    // ---- helpers ----

    private void restoreBest(Map<String, float[]> best) {
        if (best != null) {
            model.setVariableValues(best);
        }
    }

    private static TrainingResult result(List<EpochSummary> history, TrainerState state, TrainingResult.Stop stop) {
        double best = state.bestEpoch() < 0 ? Double.NaN : state.bestValidationLoss();
        return new TrainingResult(history, state.bestEpoch(), best, stop);
    }

    private void requireFits(LabelledData data, String what) {
        if (data.features() != modelConfig.inputSize()) {
            throw new IllegalArgumentException(what + " data has " + data.features() + " features per event but the model's inputSize is "
                    + modelConfig.inputSize());
        }
        if (data.events() < 2) {
            throw new IllegalArgumentException(what + " data needs at least 2 events, got " + data.events());
        }
    }

    private static void requireSame(String what, String expected, String found, String source) {
        if (!expected.equals(found)) {
            throw new IllegalStateException("cannot resume from " + source + ": it was run with a different " + what
                    + "\n  checkpoint: " + found + "\n  now:        " + expected
                    + "\nuse the original settings, or another checkpoint directory");
        }
    }

    /** Progress lines: loss since the last line, events per second and ETA over this run's steps. */
    private final class Progress {
        private final long stepsLeftAtStart;
        private final int eventsPerStep;
        private long runSteps;
        private long stepNanos;
        private double lossSinceLine;
        private int stepsSinceLine;

        Progress(long stepsLeftAtStart, int eventsPerStep) {
            this.stepsLeftAtStart = stepsLeftAtStart;
            this.eventsPerStep = eventsPerStep;
        }

        void stepDone(long nanos, float loss) {
            runSteps++;
            stepNanos += nanos;
            lossSinceLine += loss;
            stepsSinceLine++;
        }

        void print(int epoch, int step, int stepsPerEpoch, double rate) {
            double seconds = stepNanos / 1e9;
            double eventsPerSecond = runSteps * eventsPerStep / seconds;
            long eta = Math.round((stepsLeftAtStart - runSteps) * seconds / runSteps);
            log.printf(Locale.ROOT, "epoch %d/%d step %d/%d: loss %.5f, lr %.3e, %,.0f events/s, ETA %d:%02d:%02d%n",
                    epoch + 1, config.epochs(), step + 1, stepsPerEpoch, lossSinceLine / stepsSinceLine, rate,
                    eventsPerSecond, eta / 3600, eta / 60 % 60, eta % 60);
            lossSinceLine = 0;
            stepsSinceLine = 0;
        }
    }

    /** Trainer options; {@link #build()} creates the model (loads TensorFlow). */
    public static final class Builder {
        private final ModelConfig modelConfig;
        private final TrainingConfig config;
        private Augmentation augmentation;
        private FeatureTransform transform = FeatureTransform.identity();
        private Path checkpointDirectory;
        private PrintStream log = System.err;

        private Builder(ModelConfig modelConfig, TrainingConfig config) {
            this.modelConfig = Objects.requireNonNull(modelConfig, "modelConfig");
            this.config = Objects.requireNonNull(config, "config");
        }

        /** Applied to every training row (both views when self-supervised) before the transform; null for none. */
        public Builder augmentation(Augmentation value) {
            this.augmentation = value;
            return this;
        }

        /** Turns (augmented) raw rows into network inputs; identity by default. */
        public Builder transform(FeatureTransform value) {
            this.transform = Objects.requireNonNull(value, "transform");
            return this;
        }

        /** Where checkpoints go and resume from; null (the default) for none. */
        public Builder checkpointDirectory(Path value) {
            this.checkpointDirectory = value;
            return this;
        }

        /** Progress and epoch lines; {@code System.err} by default. */
        public Builder log(PrintStream value) {
            this.log = Objects.requireNonNull(value, "log");
            return this;
        }

        public Trainer build() {
            return new Trainer(this);
        }
    }
}
