package org.l1embed.hls.design;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.l1embed.hls.config.FpgaPart;
import org.l1embed.hls.config.HlsConfig;
import org.l1embed.hls.estimate.LayerEstimate;
import org.l1embed.quantization.fixed.FixedType;
import org.l1embed.quantization.network.Dense;
import org.l1embed.quantization.network.InputSpec;
import org.l1embed.quantization.network.Layer;
import org.l1embed.quantization.network.NetworkSpec;
import org.l1embed.quantization.network.Relu;
import org.l1embed.quantization.network.Tensor;

class HlsDesignTest {

    private static final FixedType T16 = FixedType.parse("ap_fixed<16,6>");

    private static Dense dense(String name, int in, int out, FixedType w) {
        return new Dense(name, in, out, Tensor.matrix(in, out, new double[in * out]), Tensor.vector(new double[out]),
                w, T16, FixedType.parse("ap_fixed<39,19>"), T16);
    }

    private static NetworkSpec net(Layer... layers) {
        return new NetworkSpec("n", InputSpec.flat(layers[0].inputSize(), T16), List.of(layers));
    }

    private static String error(NetworkSpec spec, HlsConfig config) {
        return assertThrows(IllegalArgumentException.class, () -> HlsDesign.plan(spec, config)).getMessage();
    }

    @Test
    void estimatesTheReferenceLayerAsComputedByHand() {
        HlsDesign d = HlsDesign.plan(net(dense("d", 57, 32, T16), new Relu("r", 32, FixedType.parse("ap_ufixed<16,6>"))),
                HlsConfig.defaults("p"));
        // dense 57x32, RF 1, 16x16-bit products on DSP48E2 (27x18): multipliers = 1824; DSP = 1824 * ceil(16/27)*ceil(16/18) = 1824;
        // LUT = 0 (DSP multipliers) + 32 * ceil(57/1) * 39 = 71136; latency = 0 + 1 + ceil(log2(58)) + 1 = 1 + 6 + 1 = 8.
        assertEquals(new LayerEstimate(1824, 1824, 71136, 8), d.layers().get(0).estimate());
        // relu: no multipliers, LUT = 32 * 16 = 512, latency 1.
        assertEquals(new LayerEstimate(0, 0, 512, 1), d.layers().get(1).estimate());
        assertEquals(9, d.latencyCycles());
        assertEquals(1, d.initiationInterval());
    }

    @Test
    void narrowWeightsMapToLutsAndReuseDividesMultipliers() {
        HlsDesign d = HlsDesign.plan(net(dense("d", 57, 32, FixedType.parse("ap_fixed<6,2>"))),
                HlsConfig.defaults("p").withReuse(4, Map.of()));
        // multipliers = ceil(1824 / 4) = 456; min width 6 <= 9: LUT multipliers, ceil(16*6/2) = 48 LUT each, 0 DSP;
        // LUT = 456*48 + 32 * ceil(57/4) * 39 = 21888 + 32*15*39 = 21888 + 18720 = 40608; latency = 3 + 1 + 6 + 1 = 11.
        assertEquals(new LayerEstimate(456, 0, 40608, 11), d.layers().get(0).estimate());
        assertEquals(11, d.initiationInterval(), "not pipelined as a whole: an event every latency");
    }

    @Test
    void sevenSeriesPartsUseDsp48e1Ports() {
        HlsDesign d = HlsDesign.plan(net(dense("d", 4, 2, FixedType.parse("ap_fixed<26,6>"))),
                HlsConfig.defaults("p").withPart(new FpgaPart("xc7vx690tffg1927-2")));
        // 26x16-bit products on DSP48E1 (25x18): ceil(26/25) * ceil(16/18) = 2 DSP per multiplier, 8 multipliers.
        assertEquals(16, d.layers().get(0).estimate().dsp());
    }

    @Test
    void refusesAReuseFactorThatDoesNotDivideListingTheValidOnes() {
        assertEquals("layers[0] (d, 4x3 = 12 multiplications): reuse factor 5 must divide n_in*n_out = 12 so that every "
                        + "round performs the same number of multiplications; valid: 1, 2, 3, 4, 6, 12",
                error(net(dense("d", 4, 3, T16)), HlsConfig.defaults("p").withReuse(5, Map.of())));
    }

    @Test
    void refusesALayerOverTheUnrollLimitNamingTheReuseFactorsThatFit() {
        // 57 x 96 = 5472 = 2^5 * 3^2 * 19 products > 4096 in one round; its divisors from ceil(5472/4096) = 2 fit.
        String e = error(net(dense("d", 57, 96, T16)), HlsConfig.defaults("p"));
        assertEquals("layers[0] (d, 57x96 = 5472 multiplications): reuse factor 1 unrolls 5472 multiplications in one round, "
                + "over the HLS unroll limit of 4096; valid reuse factors: 2, 3, 4, 6, 8, 9, 12, 16, 18, 19, 24, 32, 36, 38, 48, 57, "
                + "72, 76, 96, 114, 144, 152, 171, 228, 288, 304, 342, 456, 608, 684, 912, 1368, 1824, 2736, 5472", e);
        HlsDesign.plan(net(dense("d", 57, 96, T16)), HlsConfig.defaults("p").withReuse(2, Map.of()));
    }

    @Test
    void aSaturatingAccumulatorIsAChainOfAddsInTheLatency() {
        Dense sat = new Dense("d", 57, 32, Tensor.matrix(57, 32, new double[57 * 32]), Tensor.vector(new double[32]), T16, T16,
                FixedType.parse("ap_fixed<39,19,AP_TRN,AP_SAT>"), T16);
        // adders = ceil(57 / 1) = 57 (each add saturates, so the order is fixed): latency = 0 + 1 + 57 + 1 = 59.
        assertEquals(59, HlsDesign.plan(net(sat), HlsConfig.defaults("p")).layers().get(0).estimate().latencyCycles());
    }

    @Test
    void refusesLayerNamesThatDifferOnlyInCaseAndReservedProjectNames() {
        assertEquals("layers[1]: layer names 'fc' and 'FC' differ only in case; they would give the same macros and include guards, "
                + "and the same file names on case-insensitive file systems; rename one",
                error(net(dense("fc", 4, 4, T16), dense("FC", 4, 2, T16)), HlsConfig.defaults("p")));
        assertEquals("projectName must not be 'defines' or 'parameters' (firmware/defines.h is a fixed file of every project), "
                + "got 'defines'", assertThrows(IllegalArgumentException.class, () -> HlsConfig.defaults("defines")).getMessage());
    }

    @Test
    void refusesConstantsOutsideTheDoubleExponentRange() {
        Dense tiny = new Dense("d", 1, 1, Tensor.matrix(1, 1, new double[] {0}), Tensor.vector(0), FixedType.parse("ap_fixed<8,-1100>"),
                T16, FixedType.parse("ap_fixed<40,10>"), T16);
        assertEquals("layers[0] (d): weight type ap_fixed<8,-1100> needs at most 1074 fractional and 1024 integer bits; constants "
                + "are written as exact double literals, whose exponents end there", error(net(tiny), HlsConfig.defaults("p")));
    }

    @Test
    void refusesReuseFactorsForLayersThatAreNotDense() {
        assertEquals("reuse factor given for 'r', which is not a dense layer of network 'n'; dense layers: d",
                error(net(dense("d", 4, 3, T16), new Relu("r", 3, T16)), HlsConfig.defaults("p").withReuse(1, Map.of("r", 2))));
    }

    @Test
    void refusesAFloatNetworkAndBadNames() {
        NetworkSpec floatNet = new NetworkSpec("f", InputSpec.flat(2, null),
                List.of(Dense.floating("d", Tensor.matrix(2, 1, new double[2]), Tensor.vector(0))));
        assertEquals("network 'f' is not quantized: input.type is missing", error(floatNet, HlsConfig.defaults("p")));
        assertEquals("layers[0]: layer name 'dense-1' is not a C identifier (a letter, then letters, digits or '_'); rename the "
                + "layer to export it", error(net(dense("dense-1", 2, 1, T16)), HlsConfig.defaults("p")));
    }

    @Test
    void refusesConstantsWiderThanAnExactDoubleLiteral() {
        assertEquals("layers[0] (d): weight type ap_fixed<54,10> is wider than 53 bits; constants are written as exact double "
                + "literals, which hold 53 bits", error(net(new Dense("d", 1, 1, Tensor.matrix(1, 1, new double[1]), Tensor.vector(0),
                FixedType.parse("ap_fixed<54,10>"), FixedType.parse("ap_fixed<8,4>"), FixedType.parse("ap_fixed<8,4>"),
                FixedType.parse("ap_fixed<8,4>"))), HlsConfig.defaults("p")));
    }

    @Test
    void validReuseFactorsAreTheDivisorsWithinTheUnrollLimit() {
        assertEquals(List.of(1, 2, 3, 4, 6, 12), HlsDesign.validReuseFactors(3, 4));
        // 57 x 96 = 5472 products: the divisors from ceil(5472 / 4096) = 2 up
        List<Integer> valid = HlsDesign.validReuseFactors(57, 96);
        assertEquals(2, valid.get(0));
        assertEquals(5472, valid.get(valid.size() - 1));
        for (int rf = 1; rf <= 5472; rf++) {
            assertEquals(5472 % rf == 0 && 5472 / rf <= 4096, valid.contains(rf), "rf " + rf);
        }
    }
}
