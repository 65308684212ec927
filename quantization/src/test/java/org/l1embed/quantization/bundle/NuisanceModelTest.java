package org.l1embed.quantization.bundle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NuisanceModelTest {

    /**
     * d = 2, order 2. a_1: one hidden layer of 2 with LeakyReLU(0.5) then a sum; a_2: a single linear layer.
     * a_1(z) = lrelu(z0 + z1 - 1) + lrelu(z0 - z1) (weights 1), a_2(z) = 2 z0 - z1 + 0.25.
     */
    private static final NuisanceModel MODEL = new NuisanceModel("jes", 2, 0.05, 0.5, List.of(
            new NuisanceModel.Mlp(List.of(
                    new NuisanceModel.DenseLayer(2, 2, new float[] {1, 1, 1, -1}, new float[] {-1, 0}),
                    new NuisanceModel.DenseLayer(2, 1, new float[] {1, 1}, new float[] {0}))),
            new NuisanceModel.Mlp(List.of(new NuisanceModel.DenseLayer(2, 1, new float[] {2, -1}, new float[] {0.25f})))),
            "hand-made");

    @Test
    void coefficientsFollowTheLayersByHand() {
        // z = (2, 1): hidden (2, 1) both positive -> a1 = 3; a2 = 4 - 1 + 0.25 = 3.25.
        assertArrayEquals(new double[] {3, 3.25}, MODEL.coefficients(new float[] {2, 1}));
        // z = (0, 1): hidden (0, -1) -> (0, -0.5) -> a1 = -0.5; a2 = -1 + 0.25.
        assertArrayEquals(new double[] {-0.5, -0.75}, MODEL.coefficients(new float[] {0, 1}));
        double[][] all = MODEL.coefficientsOfAll(new float[] {2, 1, 0, 1});
        assertArrayEquals(new double[] {3, -0.5}, all[0]);
        assertArrayEquals(new double[] {3.25, -0.75}, all[1]);
    }

    @Test
    void logRatioIsThePolynomialInNuOverRange() {
        // nu = 0.1 = 2 ranges: f = 3*2 + 3.25*4.
        assertEquals(19.0, MODEL.logRatio(new float[] {2, 1}, 0.1), 1e-12);
        assertEquals(0.0, MODEL.logRatio(new float[] {2, 1}, 0.0));
    }

    @Test
    void jsonRoundTripIsBitIdentical() {
        SplittableRandom r = new SplittableRandom(7);
        float[] k = new float[4 * 16];
        for (int i = 0; i < k.length; i++) {
            k[i] = (float) r.nextGaussian() * 0.3f;
        }
        float[] k2 = new float[16];
        for (int i = 0; i < k2.length; i++) {
            k2[i] = (float) r.nextGaussian() * 1e-7f;
        }
        NuisanceModel m = new NuisanceModel("jes", 4, 0.025, 0.2, List.of(new NuisanceModel.Mlp(List.of(
                new NuisanceModel.DenseLayer(4, 16, k, new float[16]),
                new NuisanceModel.DenseLayer(16, 1, k2, new float[] {Float.MIN_VALUE})))), "random");
        byte[] json = m.toJsonBytes();
        NuisanceModel back = NuisanceModel.parse(new String(json, StandardCharsets.UTF_8));
        assertArrayEquals(json, back.toJsonBytes());
        assertArrayEquals(k, back.terms().get(0).layers().get(0).kernel());
        assertArrayEquals(k2, back.terms().get(0).layers().get(1).kernel());
        float[] z = {0.3f, -1.2f, 2.5f, 0.01f};
        assertEquals(m.logRatio(z, 0.02), back.logRatio(z, 0.02));
    }

    @Test
    void parseNamesTheFieldOfABadValue() {
        String good = new String(MODEL.toJsonBytes(), StandardCharsets.UTF_8);
        assertEquals("range: expected a finite number, got \"x\"",
                assertThrows(IllegalArgumentException.class, () -> NuisanceModel.parse(good.replace("\"range\" : 0.05", "\"range\" : \"x\"")))
                        .getMessage());
        assertEquals("range must be finite and > 0, got range=-0.05",
                assertThrows(IllegalArgumentException.class, () -> NuisanceModel.parse(good.replace("\"range\" : 0.05", "\"range\" : -0.05")))
                        .getMessage());
        assertEquals("terms[1].layers[0].bias: expected an array of 1 numbers, got [0.25,1.0]",
                assertThrows(IllegalArgumentException.class, () -> NuisanceModel.parse(good.replace("\"bias\" : [ 0.25 ]",
                        "\"bias\" : [ 0.25, 1.0 ]"))).getMessage());
        assertEquals("terms[0].layers[0].kernel[0][0]: expected a float32 value, got 1.0E300 (beyond the float32 range)",
                assertThrows(IllegalArgumentException.class, () -> NuisanceModel.parse(good.replaceFirst("\\[ \\[ 1\\.0, 1\\.0 \\]",
                        "[ [ 1e300, 1.0 ]"))).getMessage());
        assertEquals("unknown field extra; expected one of [format, latentSize, leakyReluAlpha, nuisance, range, schemaVersion, "
                        + "terms, trainedOn]",
                assertThrows(IllegalArgumentException.class, () -> NuisanceModel.parse(good.replace("{", "{\"extra\": 1,")))
                        .getMessage());
        assertEquals("z must have latentSize=2 values, got z.length=3",
                assertThrows(IllegalArgumentException.class, () -> MODEL.coefficients(new float[3])).getMessage());
    }

    @Test
    void termsMustTakeTheLatentAndChainTheirLayers() {
        NuisanceModel.DenseLayer d31 = new NuisanceModel.DenseLayer(3, 1, new float[3], new float[1]);
        assertEquals("terms[0] must take latentSize=2 inputs, got 3",
                assertThrows(IllegalArgumentException.class, () -> new NuisanceModel("jes", 2, 0.05, 0.2,
                        List.of(new NuisanceModel.Mlp(List.of(d31))), "x")).getMessage());
        assertEquals("layer 1 takes inputs=3, but layer 0 gives outputs=2",
                assertThrows(IllegalArgumentException.class, () -> new NuisanceModel.Mlp(List.of(
                        new NuisanceModel.DenseLayer(2, 2, new float[4], new float[2]), d31))).getMessage());
    }
}
