package org.l1embed.training.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class ModelConfigTest {

    private static final ModelConfig D = ModelConfig.defaults();

    @Test
    void defaultsAreThePapersMlp() {
        assertEquals(List.of(57, 96, 64, 48, 4), D.encoderSizes());
        assertEquals(List.of(4, 48, 96), D.headSizes());
        assertEquals(96, D.projectionSize());
        assertEquals(LatentBlock.DENSE_BATCH_NORM_LEAKY_RELU, D.latentBlock());
        assertEquals(0.9, D.temperature());
        assertEquals(0.01, D.leakyReluAlpha());
        // 57·96+96 + 64·96... weights and biases, plus gamma and beta of every BatchNorm: "about 15 k parameters".
        int expected = (57 * 96 + 96 + 2 * 96) + (96 * 64 + 64 + 2 * 64) + (64 * 48 + 48 + 2 * 48) + (48 * 4 + 4 + 2 * 4);
        assertEquals(expected, D.encoderParameterCount());
        assertEquals(expected - 8, D.withLatentBlock(LatentBlock.DENSE).encoderParameterCount());
    }

    @Test
    void rejectionsNameTheFieldTheValueAndTheRule() {
        expect("inputSize must be > 0, got inputSize=0", () -> D.withInputSize(0));
        expect("latentSize must be > 0, got latentSize=-1", () -> D.withEncoder(List.of(8), -1));
        expect("hiddenWidths[1] must be > 0, got hiddenWidths=[8, 0]", () -> D.withEncoder(Arrays.asList(8, 0), 4));
        expect("hiddenWidths[0] must be > 0, got hiddenWidths=[null]", () -> D.withEncoder(Arrays.asList((Integer) null), 4));
        expect("headWidths must have at least one layer (the projection size), got []", () -> D.withHead(List.of()));
        expect("temperature must be finite and >= 1.0E-6, got temperature=0.0", () -> D.withTemperature(0));
        expect("temperature must be finite and >= 1.0E-6, got temperature=NaN", () -> D.withTemperature(Double.NaN));
        expect("leakyReluAlpha must be in [0, 1], got leakyReluAlpha=1.5", () -> new ModelConfig(57, List.of(), 4,
                LatentBlock.DENSE, List.of(8), 1.5, 0.1, 1e-5, 0.9, 1));
        expect("batchNormMomentum must be in (0, 1], got batchNormMomentum=0.0", () -> new ModelConfig(57, List.of(), 4,
                LatentBlock.DENSE, List.of(8), 0.01, 0.0, 1e-5, 0.9, 1));
        expect("batchNormEpsilon must be finite and > 0, got batchNormEpsilon=0.0", () -> new ModelConfig(57, List.of(), 4,
                LatentBlock.DENSE, List.of(8), 0.01, 0.1, 0.0, 0.9, 1));
        NullPointerException npe = assertThrows(NullPointerException.class, () -> new ModelConfig(57, List.of(), 4,
                null, List.of(8), 0.01, 0.1, 1e-5, 0.9, 1));
        assertEquals("latentBlock must not be null", npe.getMessage());
    }

    @Test
    void optimizerRejectionsNameTheFieldTheValueAndTheRule() {
        expect("beta1 must be in [0, 1), got beta1=1.0", () -> new OptimizerConfig(OptimizerConfig.Kind.ADAM, 1.0, 0.999, 1e-8, 0));
        expect("beta2 must be in [0, 1), got beta2=-0.1", () -> new OptimizerConfig(OptimizerConfig.Kind.ADAM, 0.9, -0.1, 1e-8, 0));
        expect("epsilon must be finite and > 0, got epsilon=0.0", () -> new OptimizerConfig(OptimizerConfig.Kind.ADAM, 0.9, 0.999, 0, 0));
        expect("weightDecay must be finite and >= 0, got weightDecay=-1.0", () -> OptimizerConfig.adamW(-1));
    }

    @Test
    void copiesWidthLists() {
        java.util.ArrayList<Integer> widths = new java.util.ArrayList<>(List.of(8, 4));
        ModelConfig c = D.withEncoder(widths, 2);
        widths.set(0, 99);
        assertEquals(List.of(8, 4), c.hiddenWidths());
    }

    private static void expect(String message, Executable construction) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, construction);
        assertTrue(e.getMessage().equals(message), "message was: " + e.getMessage());
    }
}
