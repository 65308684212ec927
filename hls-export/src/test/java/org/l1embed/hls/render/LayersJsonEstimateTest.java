package org.l1embed.hls.render;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.l1embed.hls.HlsExport;
import org.l1embed.hls.config.FpgaPart;
import org.l1embed.hls.config.HlsConfig;
import org.l1embed.quantization.fixed.FixedType;
import org.l1embed.quantization.network.AccumulatorRule;
import org.l1embed.quantization.network.NetworkSpec;

/**
 * The estimates {@code layers.json} reports for one 57 → 32 dense layer (the size of a Level-1 trigger
 * embedding's first layer), each worked out by hand from the formulas in
 * {@link org.l1embed.hls.estimate.Estimator} and written down next to the assertion:
 * <pre>
 * multipliers   = ceil(n_in * n_out / RF)
 * DSP/mult      = 0 if min(W_a, W_b) <= 9, else ceil(max(W_a, W_b) / port_A) * ceil(min(W_a, W_b) / port_B)
 * LUT/mult      = ceil(W_a * W_b / 2) for a LUT multiplier, else 0
 * lut           = multipliers * LUT/mult + n_out * ceil(n_in / RF) * W_accum
 * latency       = (RF - 1) + 1 + ceil(log2(n_in + 1)) + 1
 * </pre>
 * For every case below n_in * n_out = 57 * 32 = 1824 and ceil(log2(57 + 1)) = 6 (2^5 = 32 < 58 <= 64 = 2^6).
 */
class LayersJsonEstimateTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final FixedType DATA = FixedType.parse("ap_fixed<16,6>");
    private static final FixedType ACC_39 = FixedType.parse("ap_fixed<39,19>");
    private static final FpgaPart SEVEN_SERIES = new FpgaPart("xc7vx690tffg1927-2");

    private static JsonNode layersJson(FixedType weight, FixedType accumulator, int reuseFactor, FpgaPart part) {
        NetworkSpec spec = RenderFixtures.singleDense("estimate", 57, 32, DATA, weight, accumulator);
        HlsConfig config = HlsConfig.defaults("estimate").withPart(part).withReuse(1, Map.of("fc1", reuseFactor)).withTestbench(1, 1L);
        String json = HlsExport.render(spec, config).stream().filter(f -> f.path().equals(LayersJsonRenderer.PATH)).findFirst()
                .orElseThrow().content();
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new AssertionError("layers.json is not JSON", e);
        }
    }

    /** Checks the single layer and the totals (which, for one layer, repeat it; latencyNs at the default 4 ns clock). */
    private static void assertEstimate(JsonNode root, String dspSlice, int reuseFactor, long multipliers, long dsp, long lut,
                                       int latency) {
        JsonNode layer = root.get("layers").get(0);
        JsonNode totals = root.get("totals");
        assertAll(
                () -> assertEquals(dspSlice, root.get("dspSlice").asText(), "dspSlice"),
                () -> assertEquals(reuseFactor, layer.get("reuseFactor").asInt(), "reuseFactor"),
                () -> assertEquals(multipliers, layer.get("multipliers").asLong(), "multipliers"),
                () -> assertEquals(dsp, layer.get("dsp").asLong(), "dsp"),
                () -> assertEquals(lut, layer.get("lut").asLong(), "lut"),
                () -> assertEquals(latency, layer.get("latencyCycles").asInt(), "latencyCycles"),
                () -> assertEquals(dsp, totals.get("dsp").asLong(), "totals.dsp"),
                () -> assertEquals(lut, totals.get("lut").asLong(), "totals.lut"),
                () -> assertEquals(latency, totals.get("latencyCycles").asInt(), "totals.latencyCycles"),
                () -> assertEquals(latency * 4.0, totals.get("latencyNs").asDouble(), "totals.latencyNs"),
                // reuse factor 1: the top function is pipelined (II 1); otherwise the layers run one after another (II = latency)
                () -> assertEquals(reuseFactor == 1 ? 1 : latency, totals.get("initiationInterval").asInt(), "totals.initiationInterval"));
    }

    @Test
    void sixteenBitWeightsAtReuseOneUseOneDsp48e2PerProduct() {
        // The accumulator is the auto one of this layer, as in the AccumulatorRule example.
        assertEquals(ACC_39, AccumulatorRule.auto(DATA, DATA, DATA, 57));
        // multipliers = ceil(1824 / 1) = 1824
        // DSP/mult    = min(16, 16) = 16 > 9, so ceil(16 / 27) * ceil(16 / 18) = 1 * 1 = 1  -> dsp = 1824
        // lut         = 1824 * 0 + 32 * ceil(57 / 1) * 39 = 32 * 57 * 39 = 1824 * 39 = 71136
        // latency     = (1 - 1) + 1 + 6 + 1 = 8
        assertEstimate(layersJson(DATA, ACC_39, 1, FpgaPart.DEFAULT), "DSP48E2", 1, 1824, 1824, 71136, 8);
    }

    @Test
    void reuseFactorFourDividesMultipliersAndAddersAndAddsThreeCycles() {
        // multipliers = ceil(1824 / 4) = 456 (1824 = 4 * 456)
        // DSP/mult    = 1 as above                                  -> dsp = 456
        // lut         = 456 * 0 + 32 * ceil(57 / 4) * 39 = 32 * 15 * 39 = 480 * 39 = 18720
        // latency     = (4 - 1) + 1 + 6 + 1 = 11
        assertEstimate(layersJson(DATA, ACC_39, 4, FpgaPart.DEFAULT), "DSP48E2", 4, 456, 456, 18720, 11);
    }

    @Test
    void sixBitWeightsMapToLutMultipliers() {
        // Accumulator: the auto rule for x ap_fixed<16,6>, w ap_fixed<6,2>, b ap_fixed<16,6>, n = 57:
        //   W = 6 + 16 + 6 = 28, I = 2 + 6 + 6 = 14; with the bias I' = max(14, 6) + 1 = 15, W' = 15 + max(28 - 14, 16 - 6) = 29.
        FixedType weight = FixedType.parse("ap_fixed<6,2>");
        FixedType acc = FixedType.parse("ap_fixed<29,15>");
        assertEquals(acc, AccumulatorRule.auto(DATA, weight, DATA, 57));
        // multipliers = 1824
        // DSP/mult    = min(16, 6) = 6 <= 9 -> 0                   -> dsp = 0
        // LUT/mult    = ceil(16 * 6 / 2) = 48
        // lut         = 1824 * 48 + 32 * 57 * 29 = 87552 + 52896 = 140448
        // latency     = 0 + 1 + 6 + 1 = 8
        assertEstimate(layersJson(weight, acc, 1, FpgaPart.DEFAULT), "DSP48E2", 1, 1824, 0, 140448, 8);
        // At RF 4: multipliers = 456; lut = 456 * 48 + 32 * 15 * 29 = 21888 + 13920 = 35808; latency = 3 + 1 + 6 + 1 = 11
        assertEstimate(layersJson(weight, acc, 4, FpgaPart.DEFAULT), "DSP48E2", 4, 456, 0, 35808, 11);
    }

    @Test
    void theLutThresholdIsANineBitOperand() {
        // 9-bit weights: min(16, 9) = 9 <= 9 -> LUTs: LUT/mult = ceil(16 * 9 / 2) = 72
        //   lut = 1824 * 72 + 71136 = 131328 + 71136 = 202464, dsp = 0
        assertEstimate(layersJson(FixedType.parse("ap_fixed<9,3>"), ACC_39, 1, FpgaPart.DEFAULT), "DSP48E2", 1, 1824, 0, 202464, 8);
        // 10-bit weights: min(16, 10) = 10 > 9 -> DSPs: ceil(16 / 27) * ceil(10 / 18) = 1 * 1 = 1
        //   dsp = 1824, lut = 0 + 71136
        assertEstimate(layersJson(FixedType.parse("ap_fixed<10,3>"), ACC_39, 1, FpgaPart.DEFAULT), "DSP48E2", 1, 1824, 1824, 71136, 8);
    }

    @Test
    void aTwentySixBitWeightNeedsTwoDsp48e1OnSevenSeriesButOneDsp48e2() {
        // Accumulator: auto rule for x ap_fixed<16,6>, w ap_fixed<26,6>, b ap_fixed<16,6>, n = 57:
        //   W = 26 + 16 + 6 = 48, I = 6 + 6 + 6 = 18; I' = max(18, 6) + 1 = 19, W' = 19 + max(48 - 18, 16 - 6) = 49.
        FixedType weight = FixedType.parse("ap_fixed<26,6>");
        FixedType acc = FixedType.parse("ap_fixed<49,19>");
        assertEquals(acc, AccumulatorRule.auto(DATA, weight, DATA, 57));
        // xc7vx690t is 7-series: DSP48E1, 25 x 18.
        // DSP/mult = ceil(max(16, 26) / 25) * ceil(min(16, 26) / 18) = ceil(26 / 25) * ceil(16 / 18) = 2 * 1 = 2
        //   dsp = 1824 * 2 = 3648; lut = 0 + 32 * 57 * 49 = 1824 * 49 = 89376; latency = 8
        assertEstimate(layersJson(weight, acc, 1, SEVEN_SERIES), "DSP48E1", 1, 1824, 3648, 89376, 8);
        // The same layer on the default UltraScale+ part (DSP48E2, 27 x 18): ceil(26 / 27) * ceil(16 / 18) = 1 * 1 = 1
        //   dsp = 1824, the LUTs unchanged.
        assertEstimate(layersJson(weight, acc, 1, FpgaPart.DEFAULT), "DSP48E2", 1, 1824, 1824, 89376, 8);
    }
}
