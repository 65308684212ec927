package org.l1embed.training.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.l1embed.quantization.emulator.FloatNetwork;
import org.l1embed.quantization.network.BatchNorm;
import org.l1embed.quantization.network.BatchNormFolding;
import org.l1embed.quantization.network.Dense;
import org.l1embed.quantization.network.LayerKind;
import org.l1embed.quantization.network.LeakyRelu;
import org.l1embed.quantization.network.NetworkSpec;

class ContrastiveModelTest {

    private static final ModelConfig SMALL = ModelConfig.defaults().withInputSize(12)
            .withEncoder(List.of(16, 8), 3).withHead(List.of(8, 10)).withSeed(5);

    @Test
    void extractedSpecGivesTheSameLatentsAsTensorFlow() {
        ModelConfig config = ModelConfig.defaults();
        SplittableRandom rng = new SplittableRandom(1);
        try (ContrastiveModel model = ContrastiveModel.create(config, OptimizerConfig.defaults(), true)) {
            for (int step = 1; step <= 5; step++) {
                model.trainStep(gaussian(rng, 64 * 57, 2.0, 0.5), rng.ints(64, 0, 4).toArray(), 1e-2, step);
            }
            float[] x = gaussian(rng, 300 * 57, 1.5, 0.3);
            float[] latent = model.embed(x);
            NetworkSpec spec = model.encoderSpec("encoder");
            assertEquals(List.of(LayerKind.DENSE, LayerKind.BATCH_NORM, LayerKind.LEAKY_RELU), kinds(spec).subList(0, 3));
            assertEquals(12, spec.layers().size());
            assertEquals(4, spec.outputSize());
            assertFalse(spec.isQuantized());
            NetworkSpec folded = BatchNormFolding.apply(spec);
            assertEquals(8, folded.layers().size());
            FloatNetwork unfolded = new FloatNetwork(spec);
            FloatNetwork foldedNetwork = new FloatNetwork(folded);
            for (int e = 0; e < 300; e++) {
                double[] in = new double[57];
                for (int k = 0; k < 57; k++) {
                    in[k] = x[e * 57 + k];
                }
                double[] a = unfolded.forward(in);
                double[] b = foldedNetwork.forward(in);
                for (int j = 0; j < 4; j++) {
                    double tf = latent[e * 4 + j];
                    assertEquals(a[j], tf, 1e-4 * Math.max(1, Math.abs(a[j])), "event " + e + " latent " + j);
                    assertEquals(a[j], b[j], 1e-9 * Math.max(1, Math.abs(a[j])), "folded, event " + e + " latent " + j);
                }
            }
        }
    }

    @Test
    void specCarriesTheTrainedValuesAndConstants() {
        try (ContrastiveModel model = ContrastiveModel.create(SMALL, OptimizerConfig.adam(), true)) {
            Map<String, float[]> values = model.variableValues();
            NetworkSpec spec = model.encoderSpec("small");
            Dense first = (Dense) spec.layers().get(0);
            float[] kernel = values.get("encoder/dense_0/kernel");
            assertEquals(12, first.inputs());
            assertEquals(16, first.outputs());
            assertEquals(kernel[1 * 16 + 2], first.weights().get(1, 2));
            BatchNorm bn = (BatchNorm) spec.layers().get(1);
            assertEquals(SMALL.batchNormEpsilon(), bn.epsilon());
            assertEquals(1.0, bn.variance().get(0));
            LeakyRelu act = (LeakyRelu) spec.layers().get(2);
            assertEquals(SMALL.leakyReluAlpha(), act.alpha());
        }
        ModelConfig linearLatent = SMALL.withLatentBlock(LatentBlock.DENSE);
        try (ContrastiveModel model = ContrastiveModel.create(linearLatent, OptimizerConfig.adam(), true)) {
            List<LayerKind> kinds = kinds(model.encoderSpec("small"));
            assertEquals(LayerKind.DENSE, kinds.get(kinds.size() - 1));
            assertEquals(7, kinds.size());
        }
    }

    @Test
    void runningStatisticsTakeTheBatchMeanAndUnbiasedVariance() {
        ModelConfig config = new ModelConfig(3, List.of(2), 2, LatentBlock.DENSE_BATCH_NORM_LEAKY_RELU, List.of(3),
                0.01, 1.0, 1e-5, 0.9, 3L);
        float[] x = {1, 2, 3, -1, 0, 2, 4, 1, -2, 0.5f, 0.25f, 1};
        int[] labels = {0, 0, 1, 1};
        try (ContrastiveModel model = ContrastiveModel.create(config, OptimizerConfig.adam(), true)) {
            Map<String, float[]> before = model.variableValues();
            model.trainStep(x, labels, 0.0, 1);
            Map<String, float[]> after = model.variableValues();
            float[] w = before.get("encoder/dense_0/kernel");
            float[] b = before.get("encoder/dense_0/bias");
            for (int j = 0; j < 2; j++) {
                double[] h = new double[4];
                double mean = 0;
                for (int e = 0; e < 4; e++) {
                    h[e] = b[j];
                    for (int i = 0; i < 3; i++) {
                        h[e] += x[e * 3 + i] * w[i * 2 + j];
                    }
                    mean += h[e] / 4;
                }
                double var = 0;
                for (int e = 0; e < 4; e++) {
                    var += (h[e] - mean) * (h[e] - mean) / 3;
                }
                assertEquals(mean, after.get("encoder/batch_norm_0/running_mean")[j], 1e-5);
                assertEquals(var, after.get("encoder/batch_norm_0/running_variance")[j], 1e-5 * Math.max(1, var));
            }
            // With a zero learning rate the weights are unchanged.
            assertArrayEquals(w, after.get("encoder/dense_0/kernel"));
        }
    }

    @Test
    void firstAdamWStepMovesEachWeightByTheLearningRateTimesTheSignPlusDecay() {
        double lr = 1e-3;
        double decay = 0.5;
        SplittableRandom rng = new SplittableRandom(2);
        float[] x = gaussian(rng, 32 * 12, 1, 0);
        int[] labels = rng.ints(32, 0, 3).toArray();
        try (ContrastiveModel model = ContrastiveModel.create(SMALL, OptimizerConfig.adamW(decay), true)) {
            Map<String, float[]> before = model.variableValues();
            model.trainStep(x, labels, lr, 1);
            Map<String, float[]> after = model.variableValues();
            int checked = 0;
            for (String name : List.of("encoder/dense_1/kernel", "encoder/dense_1/bias", "head/dense_1/kernel")) {
                boolean decayed = name.endsWith("kernel");
                float[] theta0 = before.get(name);
                float[] theta1 = after.get(name);
                float[] m = after.get(name + "/adam_m");
                float[] v = after.get(name + "/adam_v");
                for (int k = 0; k < theta0.length; k++) {
                    double g = m[k] / (1 - 0.9);
                    if (Math.abs(g) < 1e-4) {
                        continue; // ε matters and float rounding of m dominates; nothing to learn here
                    }
                    assertEquals((1 - 0.999) * g * g, v[k], 1e-3 * (1 - 0.999) * g * g, name + " v[" + k + "]");
                    double expected = theta0[k] - lr * (g / (Math.abs(g) + 1e-8) + (decayed ? decay * theta0[k] : 0));
                    assertEquals(expected, theta1[k], 2e-7 + 1e-6 * Math.abs(expected), name + "[" + k + "]");
                    checked++;
                }
            }
            assertTrue(checked > 50, "checked " + checked);
        }
    }

    @Test
    void repeatedStepsOnOneBatchLowerItsLoss() {
        SplittableRandom rng = new SplittableRandom(3);
        float[] x = gaussian(rng, 64 * 12, 1, 0);
        int[] labels = rng.ints(64, 0, 2).toArray();
        try (ContrastiveModel model = ContrastiveModel.create(SMALL, OptimizerConfig.adam(), true)) {
            float first = model.trainStep(x, labels, 1e-2, 1);
            float last = first;
            for (int step = 2; step <= 40; step++) {
                last = model.trainStep(x, labels, 1e-2, step);
            }
            assertTrue(last < first - 0.1, "first " + first + ", last " + last);
            assertTrue(Float.isFinite(model.loss(x, labels)));
        }
    }

    @Test
    void sameSeedAndStepsGiveBitIdenticalVariablesWhenDeterministic() {
        SplittableRandom rng = new SplittableRandom(4);
        float[] x = gaussian(rng, 128 * 12, 1, 0);
        int[] labels = rng.ints(128, 0, 3).toArray();
        Map<String, float[]> first;
        try (ContrastiveModel model = ContrastiveModel.create(SMALL, OptimizerConfig.defaults(), true)) {
            for (int step = 1; step <= 5; step++) {
                model.trainStep(x, labels, 1e-2, step);
            }
            first = model.variableValues();
        }
        try (ContrastiveModel model = ContrastiveModel.create(SMALL, OptimizerConfig.defaults(), true)) {
            for (int step = 1; step <= 5; step++) {
                model.trainStep(x, labels, 1e-2, step);
            }
            Map<String, float[]> second = model.variableValues();
            for (String name : first.keySet()) {
                assertArrayEquals(first.get(name), second.get(name), name);
            }
        }
    }

    @Test
    void variableValuesRoundTripBitForBit() {
        try (ContrastiveModel a = ContrastiveModel.create(SMALL.withSeed(10), OptimizerConfig.defaults(), true);
             ContrastiveModel b = ContrastiveModel.create(SMALL.withSeed(11), OptimizerConfig.defaults(), true)) {
            Map<String, float[]> values = a.variableValues();
            assertFalse(java.util.Arrays.equals(values.get("encoder/dense_0/kernel"), b.variableValues().get("encoder/dense_0/kernel")));
            b.setVariableValues(values);
            Map<String, float[]> copied = b.variableValues();
            assertEquals(values.keySet(), copied.keySet());
            for (String name : values.keySet()) {
                assertArrayEquals(values.get(name), copied.get(name), name);
            }
            float[] x = gaussian(new SplittableRandom(1), 10 * 12, 1, 0);
            assertArrayEquals(a.embed(x), b.embed(x));

            Map<String, float[]> missing = new HashMap<>(values);
            missing.remove("head/dense_0/bias");
            assertTrue(assertThrows(IllegalArgumentException.class, () -> b.setVariableValues(missing))
                    .getMessage().contains("'head/dense_0/bias' is missing"));
            Map<String, float[]> wrongSize = new HashMap<>(values);
            wrongSize.put("head/dense_0/bias", new float[1]);
            assertTrue(assertThrows(IllegalArgumentException.class, () -> b.setVariableValues(wrongSize))
                    .getMessage().contains("needs 8 values"));
            Map<String, float[]> unknown = new HashMap<>(values);
            unknown.put("nonsense", new float[1]);
            assertTrue(assertThrows(IllegalArgumentException.class, () -> b.setVariableValues(unknown))
                    .getMessage().contains("unknown variable 'nonsense'"));
        }
    }

    @Test
    void rejectsBadBatches() {
        try (ContrastiveModel model = ContrastiveModel.create(SMALL, OptimizerConfig.adam(), true)) {
            IllegalArgumentException one = assertThrows(IllegalArgumentException.class,
                    () -> model.trainStep(new float[12], new int[1], 1e-3, 1));
            assertTrue(one.getMessage().contains("at least 2 events, got 1"), one.getMessage());
            IllegalArgumentException size = assertThrows(IllegalArgumentException.class,
                    () -> model.loss(new float[25], new int[2]));
            assertTrue(size.getMessage().contains("got x.length=25"), size.getMessage());
            assertThrows(IllegalArgumentException.class, () -> model.trainStep(new float[24], new int[2], 1e-3, 0));
            assertThrows(IllegalArgumentException.class, () -> model.trainStep(new float[24], new int[2], Double.NaN, 1));
            assertThrows(IllegalArgumentException.class, () -> model.embed(new float[13]));
        }
    }

    private static List<LayerKind> kinds(NetworkSpec spec) {
        return spec.layers().stream().map(l -> l.kind()).toList();
    }

    private static float[] gaussian(SplittableRandom rng, int n, double scale, double offset) {
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            double u1 = rng.nextDouble();
            double u2 = rng.nextDouble();
            values[i] = (float) (offset + scale * Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2));
        }
        return values;
    }
}
