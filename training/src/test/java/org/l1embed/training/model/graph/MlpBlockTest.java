package org.l1embed.training.model.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.l1embed.training.model.LatentBlock;
import org.l1embed.training.model.ModelConfig;

class MlpBlockTest {

    @Test
    void encoderAndHeadUseTheCheckpointNamesAndTheConfiguredLayers() {
        ModelConfig config = ModelConfig.defaults().withInputSize(5).withEncoder(List.of(4), 3).withHead(List.of(6, 2))
                .withLatentBlock(LatentBlock.DENSE_BATCH_NORM);
        try (GraphSession graph = new GraphSession()) {
            GraphVariables variables = new GraphVariables(graph.ops());
            InitialValues initial = InitialValues.pytorchDefaults(new SplittableRandom(1));
            List<MlpBlock> encoder = MlpBlock.encoder(variables, config, initial);
            List<MlpBlock> head = MlpBlock.head(variables, config, initial);
            assertEquals(List.of(
                    "encoder/dense_0/kernel", "encoder/dense_0/bias", "encoder/batch_norm_0/gamma", "encoder/batch_norm_0/beta",
                    "encoder/batch_norm_0/running_mean", "encoder/batch_norm_0/running_variance",
                    "encoder/dense_1/kernel", "encoder/dense_1/bias", "encoder/batch_norm_1/gamma", "encoder/batch_norm_1/beta",
                    "encoder/batch_norm_1/running_mean", "encoder/batch_norm_1/running_variance",
                    "head/dense_0/kernel", "head/dense_0/bias", "head/batch_norm_0/gamma", "head/batch_norm_0/beta",
                    "head/batch_norm_0/running_mean", "head/batch_norm_0/running_variance",
                    "head/dense_1/kernel", "head/dense_1/bias"), variables.names());
            assertTrue(encoder.get(0).activation());
            assertFalse(encoder.get(1).activation(), "DENSE_BATCH_NORM latent block has no LeakyReLU");
            assertEquals(3, encoder.get(1).outputs());
            assertNull(head.get(1).batchNorm());
            assertFalse(head.get(1).activation());
            assertArrayEquals(new long[] {3, 6}, head.get(0).kernel().shape());
        }
    }

    @Test
    void pytorchDefaultsDrawKernelThenBiasFromTheSeedAndFixTheBatchNormValues() {
        try (GraphSession graph = new GraphSession()) {
            GraphVariables variables = new GraphVariables(graph.ops());
            MlpBlock.stack(variables, "p", List.of(4, 3, 2), MlpBlock.Kind.DENSE_BATCH_NORM_LEAKY_RELU, MlpBlock.Kind.DENSE,
                    InitialValues.pytorchDefaults(new SplittableRandom(42)));
            graph.open(true);
            Map<String, float[]> values = variables.read(graph.session());

            SplittableRandom oracle = new SplittableRandom(42);
            assertArrayEquals(uniform(oracle, 12, 4), values.get("p/dense_0/kernel"));
            assertArrayEquals(uniform(oracle, 3, 4), values.get("p/dense_0/bias"));
            assertArrayEquals(uniform(oracle, 6, 3), values.get("p/dense_1/kernel"), "BatchNorm variables draw nothing");
            assertArrayEquals(uniform(oracle, 2, 3), values.get("p/dense_1/bias"));
            assertArrayEquals(new float[] {1f, 1f, 1f}, values.get("p/batch_norm_0/gamma"));
            assertArrayEquals(new float[] {0f, 0f, 0f}, values.get("p/batch_norm_0/beta"));
            assertArrayEquals(new float[] {0f, 0f, 0f}, values.get("p/batch_norm_0/running_mean"));
            assertArrayEquals(new float[] {1f, 1f, 1f}, values.get("p/batch_norm_0/running_variance"));
        }
    }

    @Test
    void kindsSayWhichLayersFollowTheDense() {
        for (MlpBlock.Kind kind : MlpBlock.Kind.values()) {
            assertEquals(kind.name().contains("BATCH_NORM"), kind.hasBatchNorm(), kind.name());
            assertEquals(kind.name().endsWith("LEAKY_RELU"), kind.hasActivation(), kind.name());
        }
        for (LatentBlock latent : LatentBlock.values()) {
            MlpBlock.Kind kind = MlpBlock.Kind.of(latent);
            assertEquals(latent.hasBatchNorm(), kind.hasBatchNorm(), latent.name());
            assertEquals(latent.hasActivation(), kind.hasActivation(), latent.name());
        }
    }

    /** U(−1/√fanIn, 1/√fanIn) in float, one nextDouble per value (PyTorch's nn.Linear default). */
    private static float[] uniform(SplittableRandom rng, int n, int fanIn) {
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = (float) ((2 * rng.nextDouble() - 1) * (1.0 / Math.sqrt(fanIn)));
        }
        return out;
    }
}
