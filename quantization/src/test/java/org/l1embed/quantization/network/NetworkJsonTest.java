package org.l1embed.quantization.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.l1embed.quantization.fixed.FixedType;

class NetworkJsonTest {

    private static final String HEAD = "{\"format\":\"l1embed-network\",\"schemaVersion\":1,\"name\":\"n\","
            + "\"input\":{\"shape\":[2],\"type\":\"ap_fixed<16,6>\"},\"layers\":[";

    private static String dense(String types) {
        return "{\"kind\":\"dense\",\"name\":\"d\",\"inputs\":2,\"outputs\":1,\"weights\":[[0.5],[-0.25]],\"bias\":[0.125]"
                + (types == null ? "" : ",\"types\":" + types) + "}";
    }

    private static final String TYPES = "{\"weight\":\"ap_fixed<16,6>\",\"bias\":\"ap_fixed<16,6>\","
            + "\"accumulator\":\"auto\",\"result\":\"ap_fixed<16,6,AP_RND_CONV,AP_SAT>\"}";

    private static String network(String... layers) {
        return HEAD + String.join(",", layers) + "]}";
    }

    private static NetworkSpec everyKind() {
        FixedType t = FixedType.parse("ap_fixed<16,6>");
        FixedType u = FixedType.parse("ap_ufixed<12,4,AP_RND_CONV,AP_SAT>");
        Dense d1 = new Dense("d1", 3, 2, Tensor.matrix(3, 2, new double[] {0.1, -0.2, 0.3, 1e-9, -7.25, 2}),
                Tensor.vector(0.5, -0.125), t, t, FixedType.parse("ap_fixed<40,20>"), t);
        BatchNorm bn = new BatchNorm("bn", 2, Tensor.vector(1.1, 0.9), Tensor.vector(0.1, -0.1), Tensor.vector(0.01, 0.02),
                Tensor.vector(1.5, 0.5), 1e-3, t, t, t);
        return new NetworkSpec("every_kind", new InputSpec(List.of(3), new Preprocessing.Standardize(Tensor.vector(1, 2, 3),
                Tensor.vector(0.5, 1, 2)), t),
                List.of(d1, bn, new LeakyRelu("lr", 2, 0.3, FixedType.parse("ap_fixed<8,1,AP_RND_CONV>"), t), new Relu("r", 2, u),
                        new Linear("out", 2, FixedType.parse("ap_fixed<8,3,AP_RND,AP_SAT_SYM>"))));
    }

    @Test
    void writesAndReadsBackEveryLayerKindExactly() {
        NetworkSpec spec = everyKind();
        String json = NetworkJson.toJson(spec);
        NetworkJson.Parsed back = NetworkJson.parse(json);
        assertEquals(spec, back.spec());
        assertTrue(back.notes().isEmpty());
        assertEquals(json, NetworkJson.toJson(back.spec()), "writing is deterministic");
    }

    @Test
    void roundTripsStandardizeNonZeroAndKeepsZerosAtZero() {
        NetworkSpec spec = new NetworkSpec("nz", new InputSpec(List.of(3), new Preprocessing.StandardizeNonZero(
                Tensor.vector(10, 0, 0), Tensor.vector(4, 1, 2)), null),
                List.of(Dense.floating("d", Tensor.matrix(3, 1, new double[] {1, 1, 1}), Tensor.vector(0))));
        assertEquals(spec, NetworkJson.parse(NetworkJson.toJson(spec)).spec());
        float[] out = new float[3];
        spec.input().preprocessing().apply(new float[] {30f, 0f, 1f}, out);
        assertEquals(List.of(5f, 0f, 0.5f), List.of(out[0], out[1], out[2]));
        spec.input().preprocessing().apply(new float[] {0f, 0f, 0f}, out);
        assertEquals(List.of(0f, 0f, 0f), List.of(out[0], out[1], out[2]), "an empty slot stays zero");
    }

    @Test
    void roundTripsIntegerShiftAndComputesTheFirmwareForm() {
        Preprocessing.IntegerShift pre = new Preprocessing.IntegerShift(Tensor.vector(-2, -7), Tensor.vector(160, 0),
                Tensor.vector(7, 7));
        NetworkSpec spec = new NetworkSpec("is", new InputSpec(List.of(2), pre, null),
                List.of(Dense.floating("d", Tensor.matrix(2, 1, new double[] {1, 1}), Tensor.vector(0))));
        String json = NetworkJson.toJson(spec);
        assertTrue(json.contains("160") && !json.contains("160.0"), "integers written as integers: " + json);
        assertEquals(spec, NetworkJson.parse(json).spec());
        float[] out = new float[2];
        // pT 52.125 GeV -> hw rint(208.5) = 208 (half to even) -> (208 - 160) / 128 = 0.375; eta 0.5 -> 64 / 128
        pre.apply(new float[] {52.125f, 0.5f}, out);
        assertEquals(List.of(0.375f, 0.5f), List.of(out[0], out[1]));
        assertEquals("input.preprocessing.integer_shift: offset[0] must be an integer with |value| <= 2147483647, got 0.5",
                assertThrows(IllegalArgumentException.class, () -> new Preprocessing.IntegerShift(Tensor.vector(0),
                        Tensor.vector(0.5), Tensor.vector(0))).getMessage());
    }

    @Test
    void writesFloatNetworksWithoutTypes() {
        NetworkSpec f = new NetworkSpec("f", InputSpec.flat(2, null),
                List.of(Dense.floating("d", Tensor.matrix(2, 1, new double[] {1, 2}), Tensor.vector(0))));
        String json = NetworkJson.toJson(f);
        assertFalse(json.contains("types"));
        assertEquals(f, NetworkJson.parse(json).spec());
        assertFalse(NetworkJson.parse(json).spec().isQuantized());
    }

    @Test
    void resolvesAutoAccumulatorAndReportsIt() {
        NetworkJson.Parsed p = NetworkJson.parse(network(dense(TYPES)));
        Dense d = (Dense) p.spec().layers().get(0);
        // x, w, b ap_fixed<16,6>, n = 2: W = 33, I = 13; with the bias I' = 14, W' = 14 + 20 = 34.
        assertEquals(FixedType.parse("ap_fixed<34,14>"), d.accumulatorType());
        assertEquals(List.of("layers[0] (d): accumulator \"auto\" resolved to ap_fixed<34,14> (input ap_fixed<16,6>, "
                + "weight ap_fixed<16,6>, bias ap_fixed<16,6>, n=2)"), p.notes());
    }

    @Test
    void refusesAQuantizedDenseWithoutAccumulator() {
        String types = "{\"weight\":\"ap_fixed<16,6>\",\"bias\":\"ap_fixed<16,6>\",\"result\":\"ap_fixed<16,6>\"}";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NetworkJson.parse(network(dense(types))));
        assertEquals("layers[0] (d).types.accumulator is missing: give a type or \"auto\" (l1embed never picks an accumulator "
                + "silently)", e.getMessage());
    }

    private static String error(String json) {
        return assertThrows(IllegalArgumentException.class, () -> NetworkJson.parse(json)).getMessage();
    }

    @Test
    void namesPathValueAndRuleForBadInput() {
        assertTrue(error("{\"format\":").startsWith("malformed JSON at line 1"), error("{\"format\":"));
        assertEquals("format must be 'l1embed-network', got 'x'", error("{\"format\":\"x\",\"schemaVersion\":1}"));
        assertEquals("schemaVersion 7 is not supported; this l1embed reads version 1",
                error("{\"format\":\"l1embed-network\",\"schemaVersion\":7}"));
        assertEquals("layers[0] (c).kind: unknown layer kind 'conv2d', expected one of dense, batchnorm, relu, leaky_relu, linear",
                error(network("{\"kind\":\"conv2d\",\"name\":\"c\"}")));
        assertEquals("layers[0] (d).weights[1]: expected 1 values (outputs), got 2 values",
                error(network(dense(null).replace("[-0.25]", "[-0.25,1]"))));
        assertEquals("layers[0] (d).bias: expected 1 values (outputs), got 2",
                error(network(dense(null).replace("[0.125]", "[0.125,1]"))));
        assertEquals("layers[0] (d): unknown field 'weigths', expected one of [bias, inputs, kind, name, outputs, types, weights]",
                error(network(dense(null).replace("\"weights\"", "\"weigths\""))));
        assertTrue(error(network(dense(TYPES.replace("ap_fixed<16,6>\",\"bias", "ap_fixed<0,1>\",\"bias"))))
                .startsWith("layers[0] (d).types.weight: bad fixed-point type 'ap_fixed<0,1>': width must be in 1..1024, got width=0"));
        assertTrue(error(network(dense(TYPES.replace("AP_RND_CONV,AP_SAT", "AP_RND_CONV,AP_SAT,3"))))
                .contains("saturation bits N must be 0"));
        assertTrue(error(network(dense(TYPES.replace("ap_fixed<16,6,AP_RND_CONV,AP_SAT>", "ap_ufixed<16,6,AP_TRN,AP_WRAP_SM>"))))
                .contains("AP_WRAP_SM needs a signed type"));
        assertEquals("layers[1] (r): input size 3 does not match the output size 1 of layers[0] (d)",
                error(network(dense(null), "{\"kind\":\"relu\",\"name\":\"r\",\"size\":3}")));
        assertEquals("input.shape must be an array of positive integers, got [2.5]", error(HEAD.replace("[2]", "[2.5]") + "]}"));
        assertEquals("network 'n' must have at least one layer, got none", error(network()));
        assertEquals("input.shape [65536, 65536] has more than 2147483647 values", error(HEAD.replace("[2]", "[65536,65536]") + "]}"));
        assertTrue(error(network(dense(null)) + "{}").startsWith("malformed JSON"), "trailing content is refused");
        assertTrue(error(network(dense(null)).replace("\"name\":\"n\",", "\"name\":\"n\",\"name\":\"m\","))
                .contains("Duplicate field 'name'"), "duplicate keys are refused");
    }

    @Test
    void readsFromFileAndNamesTheFileInErrors(@TempDir Path dir) throws Exception {
        Path ok = dir.resolve("network.json");
        Files.writeString(ok, NetworkJson.toJson(everyKind()));
        assertEquals(everyKind(), NetworkJson.read(ok).spec());
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "[]");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NetworkJson.read(bad));
        assertEquals(bad + ": network JSON must be an object, got ARRAY", e.getMessage());
    }
}
