package org.l1embed.training.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;
import org.l1embed.quantization.network.Preprocessing;
import org.l1embed.quantization.network.Tensor;

class FeatureTransformTest {

    @Test
    void preprocessingTransformMatchesThePreprocessingEventByEvent() {
        Preprocessing standardize = new Preprocessing.Standardize(Tensor.vector(1, 2, 3), Tensor.vector(2, 4, 0.5));
        float[] batch = {3, 2, 4, -1, 10, 3.5f};
        float[] expected = new float[6];
        float[] out = new float[3];
        for (int e = 0; e < 2; e++) {
            standardize.apply(java.util.Arrays.copyOfRange(batch, 3 * e, 3 * e + 3), out);
            System.arraycopy(out, 0, expected, 3 * e, 3);
        }
        FeatureTransform.of(standardize).apply(batch, 2, 3);
        assertArrayEquals(expected, batch);
    }

    @Test
    void identityLeavesTheBatchUnchanged() {
        float[] batch = {1, 2, 3, 4};
        FeatureTransform.identity().apply(batch, 2, 2);
        assertArrayEquals(new float[] {1, 2, 3, 4}, batch);
    }
}
