package org.l1embed.training.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.l1embed.quantization.emulator.FloatNetwork;
import org.l1embed.quantization.network.NetworkSpec;
import org.l1embed.training.model.ModelConfig;
import org.l1embed.training.model.OptimizerConfig;

class TrainerTest {

    private static final ModelConfig MODEL = ModelConfig.defaults();
    private static final TrainingConfig SHORT = TrainingConfig.defaults().withEpochs(6, 1).withBatchSize(256)
            .withLearningRate(3e-3, 0.0).withProgressEverySteps(0);

    // Class centres about 4.3 σ apart: a linear classifier on the raw features gets ~95 %.
    private static final LabelledData TRAIN = GaussianClasses.generate(4096, 4, 57, 0.4, 42, 0);
    private static final LabelledData VALIDATION = GaussianClasses.generate(1024, 4, 57, 0.4, 42, 1);

    private final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
    private final PrintStream log = new PrintStream(logBytes, true, StandardCharsets.UTF_8);

    @Test
    void supervisedTrainingLowersTheLossAndSeparatesTheClassesLinearly() {
        try (Trainer trainer = Trainer.builder(MODEL, SHORT).log(log).build()) {
            float[] before = trainer.embed(VALIDATION.x());
            double untrained = LinearProbe.fit(trainer.embed(TRAIN.x()), TRAIN.labels(), 4).accuracy(before, VALIDATION.labels());
            double raw = LinearProbe.fit(TRAIN.x(), TRAIN.labels(), 57).accuracy(VALIDATION.x(), VALIDATION.labels());
            TrainingResult result = trainer.fit(TRAIN, VALIDATION);
            assertEquals(TrainingResult.Stop.COMPLETED, result.stop());
            assertEquals(6, result.history().size());
            EpochSummary first = result.history().get(0);
            EpochSummary last = result.last();
            assertTrue(last.trainLoss() < first.trainLoss() - 0.3, "train loss " + first.trainLoss() + " -> " + last.trainLoss());
            assertTrue(last.validationLoss() < first.validationLoss(), "validation loss " + first.validationLoss() + " -> "
                    + last.validationLoss());
            assertEquals(6L * (4096 / 256), last.steps());

            double accuracy = LinearProbe.fit(trainer.embed(TRAIN.x()), TRAIN.labels(), 4)
                    .accuracy(trainer.embed(VALIDATION.x()), VALIDATION.labels());
            assertTrue(accuracy > 0.85, "linear probe accuracy " + accuracy + " (untrained " + untrained + ", raw features " + raw
                    + ", chance 0.25)");
        }
    }

    @Test
    void selfSupervisedTrainingLowersTheNtXentLoss() {
        TrainingConfig config = SHORT.withMode(ContrastiveMode.SELF_SUPERVISED).withEpochs(4, 1);
        try (Trainer trainer = Trainer.builder(MODEL, config).augmentation(new Augmentations.FeatureMasking(0.3)).log(log).build()) {
            TrainingResult result = trainer.fit(TRAIN, VALIDATION);
            double firstLoss = result.history().get(0).trainLoss();
            double lastLoss = result.last().trainLoss();
            assertTrue(lastLoss < firstLoss - 0.1, "NT-Xent " + firstLoss + " -> " + lastLoss);
            double accuracy = LinearProbe.fit(trainer.embed(TRAIN.x()), TRAIN.labels(), 4)
                    .accuracy(trainer.embed(VALIDATION.x()), VALIDATION.labels());
            assertTrue(accuracy > 0.5, "linear probe accuracy " + accuracy + " (chance 0.25)");
        }
    }

    @Test
    void resumingAfterAnInterruptionGivesBitIdenticalWeights(@TempDir Path dir) {
        TrainingConfig config = SHORT.withEpochs(2, 1);
        LabelledData train = GaussianClasses.generate(1024, 4, 57, 0.25, 7, 0);
        LabelledData validation = GaussianClasses.generate(300, 4, 57, 0.25, 7, 1);
        Augmentation augmentation = new Augmentations.ObjectDropping(0.1).andThen(new Augmentations.PtSmearing(0.05))
                .andThen(new Augmentations.PhiRotation());

        Map<String, float[]> straight;
        TrainingResult straightResult;
        try (Trainer trainer = Trainer.builder(MODEL, config).augmentation(augmentation).log(log).build()) {
            straightResult = trainer.fit(train, validation);
            straight = trainer.model().variableValues();
        }

        Path checkpoints = dir.resolve("run");
        try (Trainer trainer = Trainer.builder(MODEL, config).augmentation(augmentation).checkpointDirectory(checkpoints)
                .log(log).build()) {
            TrainingResult interrupted = trainer.fit(train, validation, summary -> false);
            assertEquals(TrainingResult.Stop.INTERRUPTED, interrupted.stop());
            assertEquals(1, interrupted.history().size());
        }
        assertTrue(Files.exists(checkpoints.resolve(Trainer.CHECKPOINT_FILE)));
        try (Trainer trainer = Trainer.builder(MODEL, config).augmentation(augmentation).checkpointDirectory(checkpoints)
                .log(log).build()) {
            TrainingResult resumed = trainer.fit(train, validation);
            assertEquals(TrainingResult.Stop.COMPLETED, resumed.stop());
            Map<String, float[]> weights = trainer.model().variableValues();
            assertEquals(straight.keySet(), weights.keySet());
            for (String name : straight.keySet()) {
                assertArrayEquals(straight.get(name), weights.get(name), name);
            }
            for (int e = 0; e < 2; e++) {
                assertEquals(straightResult.history().get(e).trainLoss(), resumed.history().get(e).trainLoss());
                assertEquals(straightResult.history().get(e).validationLoss(), resumed.history().get(e).validationLoss());
            }
            // A finished run resumes to the same result without training.
            TrainingResult again = trainer.fit(train, validation);
            assertEquals(2, again.history().size());
        }
        assertTrue(logBytes.toString(StandardCharsets.UTF_8).contains("resuming from"));

        // Without a checkpoint directory, a second fit on the same trainer continues in memory.
        try (Trainer trainer = Trainer.builder(MODEL, config).augmentation(augmentation).log(log).build()) {
            assertEquals(TrainingResult.Stop.INTERRUPTED, trainer.fit(train, validation, summary -> false).stop());
            assertEquals(2, trainer.fit(train, validation).history().size());
            Map<String, float[]> weights = trainer.model().variableValues();
            for (String name : straight.keySet()) {
                assertArrayEquals(straight.get(name), weights.get(name), name);
            }
        }
    }

    @Test
    void refusesToResumeUnderAnotherConfigurationOrOtherData(@TempDir Path dir) {
        TrainingConfig config = SHORT.withEpochs(1, 0);
        LabelledData train = GaussianClasses.generate(512, 4, 57, 0.25, 3, 0);
        try (Trainer trainer = Trainer.builder(MODEL, config).checkpointDirectory(dir).log(log).build()) {
            trainer.fit(train, null);
        }
        try (Trainer trainer = Trainer.builder(MODEL, config.withSeed(99)).checkpointDirectory(dir).log(log).build()) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> trainer.fit(train, null));
            assertTrue(e.getMessage().contains("a different training configuration"), e.getMessage());
        }
        try (Trainer trainer = Trainer.builder(MODEL.withSeed(5), config).checkpointDirectory(dir).log(log).build()) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> trainer.fit(train, null));
            assertTrue(e.getMessage().contains("a different model configuration"), e.getMessage());
        }
        LabelledData other = GaussianClasses.generate(512, 4, 57, 0.25, 4, 0);
        try (Trainer trainer = Trainer.builder(MODEL, config).checkpointDirectory(dir).log(log).build()) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> trainer.fit(other, null));
            assertTrue(e.getMessage().contains("a different data set"), e.getMessage());
        }
        // Progress settings do not matter for resuming.
        try (Trainer trainer = Trainer.builder(MODEL, config.withProgressEverySteps(1)).checkpointDirectory(dir).log(log).build()) {
            assertEquals(TrainingResult.Stop.COMPLETED, trainer.fit(train, null).stop());
        }
    }

    @Test
    void earlyStoppingEndsTrainingAndRestoresTheBestEpoch() {
        // Validation labels that ignore the training clusters: the better the clusters form, the worse the
        // validation loss gets, so it stops improving after the first epochs.
        LabelledData train = GaussianClasses.generate(2048, 4, 57, 0.25, 11, 0);
        LabelledData clusters = GaussianClasses.generate(512, 4, 57, 0.25, 11, 1);
        int[] shuffledLabels = new int[clusters.events()];
        for (int i = 0; i < shuffledLabels.length; i++) {
            shuffledLabels[i] = (clusters.labels()[i] + i) % 4;
        }
        LabelledData validation = new LabelledData(clusters.x(), shuffledLabels, 57);
        TrainingConfig config = SHORT.withEpochs(20, 1).withPatience(2);
        List<Map<String, float[]>> perEpoch = new ArrayList<>();
        try (Trainer trainer = Trainer.builder(MODEL, config).log(log).build()) {
            TrainingResult result = trainer.fit(train, validation, summary -> perEpoch.add(trainer.model().variableValues()));
            assertEquals(TrainingResult.Stop.EARLY_STOPPED, result.stop());
            assertTrue(result.history().size() < 20, "ran " + result.history().size() + " epochs");
            assertEquals(result.history().size() - 1 - 2, result.bestEpoch());
            double best = result.history().stream().mapToDouble(EpochSummary::validationLoss).min().orElseThrow();
            assertEquals(best, result.bestValidationLoss());
            Map<String, float[]> restored = trainer.model().variableValues();
            Map<String, float[]> expected = perEpoch.get(result.bestEpoch());
            for (String name : expected.keySet()) {
                assertArrayEquals(expected.get(name), restored.get(name), name);
            }
        }
        assertTrue(logBytes.toString(StandardCharsets.UTF_8).contains("early stopping"));
    }

    @Test
    void printsProgressWithLossSpeedAndEta() {
        TrainingConfig config = SHORT.withEpochs(1, 0).withProgressEverySteps(4);
        try (Trainer trainer = Trainer.builder(MODEL, config).log(log).build()) {
            trainer.fit(GaussianClasses.generate(2048, 4, 57, 0.25, 3, 0), null);
        }
        String text = logBytes.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("epoch 1/1 step 4/8: loss "), text);
        assertTrue(text.contains("events/s, ETA 0:00:"), text);
        assertTrue(text.contains("epoch 1/1: train loss"), text);
    }

    @Test
    void extractedSpecReproducesTheTrainedEmbedding() {
        try (Trainer trainer = Trainer.builder(MODEL, SHORT.withEpochs(1, 0)).log(log).build()) {
            trainer.fit(GaussianClasses.generate(1024, 4, 57, 0.25, 5, 0), null);
            NetworkSpec spec = trainer.encoderSpec("l1embed_mlp", org.l1embed.quantization.network.InputSpec.flat(57, null));
            FloatNetwork network = new FloatNetwork(spec);
            float[] latent = trainer.embed(VALIDATION.x());
            for (int e = 0; e < 200; e++) {
                double[] in = new double[57];
                for (int k = 0; k < 57; k++) {
                    in[k] = VALIDATION.x()[e * 57 + k];
                }
                double[] out = network.forward(in);
                for (int j = 0; j < 4; j++) {
                    assertEquals(out[j], latent[e * 4 + j], 1e-4 * Math.max(1, Math.abs(out[j])), "event " + e + ", latent " + j);
                }
            }
        }
    }

    @Test
    void rejectsDataAndSettingsThatDoNotFit() {
        try (Trainer trainer = Trainer.builder(MODEL, SHORT.withPatience(1)).log(log).build()) {
            IllegalArgumentException noValidation = assertThrows(IllegalArgumentException.class, () -> trainer.fit(TRAIN, null));
            assertTrue(noValidation.getMessage().contains("needs validation data"), noValidation.getMessage());
            LabelledData narrow = new LabelledData(new float[20], new int[2], 10);
            IllegalArgumentException features = assertThrows(IllegalArgumentException.class, () -> trainer.fit(narrow, VALIDATION));
            assertTrue(features.getMessage().contains("10 features per event but the model's inputSize is 57"), features.getMessage());
            LabelledData single = new LabelledData(new float[57], new int[1], 57);
            assertThrows(IllegalArgumentException.class, () -> trainer.fit(single, VALIDATION));
        }
        IllegalArgumentException augmentation = assertThrows(IllegalArgumentException.class,
                () -> Trainer.builder(MODEL, SHORT.withMode(ContrastiveMode.SELF_SUPERVISED)).build());
        assertTrue(augmentation.getMessage().contains("needs an augmentation"), augmentation.getMessage());
        assertFalse(OptimizerConfig.defaults().weightDecay() == 0);
    }
}
