package org.l1embed.training.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link ModelConfig#toJson()} and {@link ModelConfig#parseJson(String)}. */
class ModelConfigJsonTest {

    @Test
    void writesTheDefaultsCanonically() {
        assertEquals("{\"inputSize\":57,\"hiddenWidths\":[96,64,48],\"latentSize\":4,\"latentBlock\":\"DENSE_BATCH_NORM_LEAKY_RELU\","
                + "\"headWidths\":[48,96],\"leakyReluAlpha\":0.01,\"batchNormMomentum\":0.1,\"batchNormEpsilon\":1.0E-5,"
                + "\"temperature\":0.9,\"seed\":1}", ModelConfig.defaults().toJson());
    }

    @Test
    void roundTripsExactly() {
        List<ModelConfig> configs = List.of(ModelConfig.defaults(),
                new ModelConfig(1, List.of(), 1, LatentBlock.DENSE, List.of(1), 0.0, 1.0, Double.MIN_VALUE, 1e-6, Long.MIN_VALUE),
                new ModelConfig(Integer.MAX_VALUE, List.of(3, 5, 7), 2, LatentBlock.DENSE_BATCH_NORM, List.of(9, 4), 0.1 + 0.2,
                        Math.nextDown(1.0), 1e300, 1.0 / 3, Long.MAX_VALUE));
        for (ModelConfig c : configs) {
            ModelConfig back = ModelConfig.parseJson(c.toJson());
            assertEquals(c, back);
            assertEquals(Double.doubleToRawLongBits(c.leakyReluAlpha()), Double.doubleToRawLongBits(back.leakyReluAlpha()));
            assertEquals(c.toJson(), back.toJson());
        }
    }

    @Test
    void acceptsAnyFieldOrderAndWhitespace() {
        String json = "{ \"seed\": 1, \"temperature\": 0.9, \"batchNormEpsilon\": 1e-5, \"batchNormMomentum\": 0.1,\n"
                + "\"leakyReluAlpha\": 0.01, \"headWidths\": [48, 96], \"latentBlock\": \"DENSE_BATCH_NORM_LEAKY_RELU\",\n"
                + "\"latentSize\": 4, \"hiddenWidths\": [96, 64, 48], \"inputSize\": 57 }";
        assertEquals(ModelConfig.defaults(), ModelConfig.parseJson(json));
    }

    @Test
    void namesTheFieldOfEveryRefusal() {
        String d = ModelConfig.defaults().toJson();
        assertEquals("model config: field 'seed' is missing", refusal(d.replace(",\"seed\":1", "")));
        assertEquals("model config: unknown field 'extra'; expected [inputSize, hiddenWidths, latentSize, latentBlock, headWidths, "
                + "leakyReluAlpha, batchNormMomentum, batchNormEpsilon, temperature, seed]", refusal(d.replace("}", ",\"extra\":1}")));
        assertEquals("model config: latentSize must be a 32-bit integer, got 4.5", refusal(d.replace("\"latentSize\":4", "\"latentSize\":4.5")));
        assertEquals("model config: hiddenWidths[1] must be a 32-bit integer, got \"64\"", refusal(d.replace(",64,", ",\"64\",")));
        assertEquals("model config: latentBlock must be one of [DENSE, DENSE_BATCH_NORM, DENSE_BATCH_NORM_LEAKY_RELU], got \"RELU\"",
                refusal(d.replace("\"DENSE_BATCH_NORM_LEAKY_RELU\"", "\"RELU\"")));
        assertEquals("model config: seed must be a 64-bit integer, got 1.0", refusal(d.replace("\"seed\":1", "\"seed\":1.0")));
        assertEquals("model config: temperature must be a number, got \"0.9\"", refusal(d.replace("0.9", "\"0.9\"")));
        assertEquals("temperature must be finite and >= 1.0E-6, got temperature=0.0", refusal(d.replace("0.9", "0.0")));
        assertEquals("model config JSON must be an object, got ARRAY", refusal("[]"));
    }

    private static String refusal(String json) {
        return assertThrows(IllegalArgumentException.class, () -> ModelConfig.parseJson(json)).getMessage();
    }
}
