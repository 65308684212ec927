package org.l1embed.training.quantize.ptq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.l1embed.quantization.emulator.Emulator;
import org.l1embed.quantization.fixed.FixedType;
import org.l1embed.quantization.fixed.Overflow;
import org.l1embed.quantization.fixed.Rounding;
import org.l1embed.quantization.network.AccumulatorRule;
import org.l1embed.quantization.network.Dense;
import org.l1embed.quantization.network.InputSpec;
import org.l1embed.quantization.network.Layer;
import org.l1embed.quantization.network.NetworkSpec;
import org.l1embed.quantization.network.Relu;
import org.l1embed.quantization.network.Tensor;

class PostTrainingQuantizationTest {

    /** 6 → 8 (ReLU) → 3, seeded weights. */
    static NetworkSpec smallFloatNetwork() {
        SplittableRandom r = new SplittableRandom(11);
        return new NetworkSpec("small", InputSpec.flat(6, null), List.of(
                Dense.floating("dense0", Tensor.matrix(6, 8, gaussian(r, 48, 0.5)), Tensor.vector(gaussian(r, 8, 0.1))),
                new Relu("relu0", 8, null),
                Dense.floating("dense1", Tensor.matrix(8, 3, gaussian(r, 24, 0.5)), Tensor.vector(gaussian(r, 3, 0.1)))));
    }

    static float[] calibration(int events, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[events * 6];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (2 * r.nextDouble() - 1) * 3f;
        }
        return x;
    }

    private static double[] gaussian(SplittableRandom r, int n, double sd) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            // Box-Muller: SplittableRandom has no nextGaussian in Java 17
            v[i] = sd * Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
        }
        return v;
    }

    @Test
    void sixteenBitsGiveAnEmulatableNetworkWithoutOverflowsOnTheCalibrationEvents() {
        NetworkSpec f = smallFloatNetwork();
        float[] cal = calibration(2000, 3);
        NetworkSpec q = PostTrainingQuantization.quantize(f, cal, PrecisionConfig.defaults(16));
        assertTrue(q.isQuantized());
        Emulator.compile(q);
        QuantizationReport report = PostTrainingQuantization.report(f, q, cal);
        assertEquals(0, report.totalOverflows(), report::toTable);
        assertTrue(report.meanAbsDeltaLatent() < 2e-3, report::toTable);
        assertTrue(report.meanAbsDeltaLatent() > 0, "16-bit types are not exact for these weights");
        assertEquals(2000, report.events());
        assertEquals(List.of("dense0", "relu0", "dense1"), report.layers().stream().map(QuantizationReport.LayerOverflows::name).toList());
    }

    @Test
    void defaultModesAreRoundConvergentAndSaturate() {
        NetworkSpec q = PostTrainingQuantization.quantize(smallFloatNetwork(), calibration(500, 4), PrecisionConfig.defaults(8));
        for (Layer l : q.layers()) {
            for (Layer.NamedType t : l.types()) {
                if (!t.role().equals("accumulator")) {
                    assertEquals(Rounding.RND_CONV, t.type().rounding(), l.name() + "." + t.role());
                    assertEquals(Overflow.SAT, t.type().overflow(), l.name() + "." + t.role());
                    assertEquals(8, t.type().width(), l.name() + "." + t.role());
                }
            }
        }
        assertEquals(8, q.input().type().width());
    }

    @Test
    void fewerBitsGiveALargerError() {
        NetworkSpec f = smallFloatNetwork();
        float[] cal = calibration(1000, 5);
        double e16 = PostTrainingQuantization.report(f, PostTrainingQuantization.quantize(f, cal, PrecisionConfig.defaults(16)), cal)
                .meanAbsDeltaLatent();
        double e6 = PostTrainingQuantization.report(f, PostTrainingQuantization.quantize(f, cal, PrecisionConfig.defaults(6)), cal)
                .meanAbsDeltaLatent();
        assertTrue(e6 > 10 * e16, "6 bits: " + e6 + ", 16 bits: " + e16);
    }

    @Test
    void overridesReplaceTheProposalAndRederiveTheAccumulator() {
        FixedType w = FixedType.parse("ap_fixed<10,3,AP_RND_CONV,AP_SAT>");
        FixedType in = FixedType.parse("ap_fixed<12,3,AP_RND_CONV,AP_SAT>");
        PrecisionConfig c = new PrecisionConfig(8, null, 0, Rounding.RND_CONV, Rounding.RND_CONV, Overflow.SAT, in,
                Map.of("dense0", Map.of("weight", w)));
        NetworkSpec q = PostTrainingQuantization.quantize(smallFloatNetwork(), calibration(500, 6), c);
        Dense d0 = (Dense) q.layers().get(0);
        assertEquals(in, q.input().type());
        assertEquals(w, d0.weightType());
        assertEquals(AccumulatorRule.auto(in, w, d0.biasType(), 6), d0.accumulatorType());
        NetworkSpec plain = PostTrainingQuantization.quantize(smallFloatNetwork(), calibration(500, 6), PrecisionConfig.defaults(8));
        assertNotEquals(((Dense) plain.layers().get(0)).accumulatorType(), d0.accumulatorType());
        assertEquals(plain.layers().get(2), q.layers().get(2), "layers without overrides keep the proposal");
    }

    @Test
    void namesAMissingLayer() {
        PrecisionConfig c = PrecisionConfig.parse("{\"layers\": {\"dense9\": {\"weight\": \"ap_fixed<8,2>\"}}}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PostTrainingQuantization.quantize(smallFloatNetwork(), calibration(10, 1), c));
        assertEquals("precision config: layers.dense9: network 'small' has no layer 'dense9'; its layers are [dense0, relu0, dense1]",
                e.getMessage());
    }

    @Test
    void namesARoleTheLayerKindDoesNotHave() {
        PrecisionConfig c = PrecisionConfig.parse("{\"layers\": {\"relu0\": {\"weight\": \"ap_fixed<8,2>\"}}}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PostTrainingQuantization.quantize(smallFloatNetwork(), calibration(10, 1), c));
        assertEquals("precision config: layers.relu0.weight: a relu layer has no tensor 'weight'; its roles are [result]", e.getMessage());
    }

    @Test
    void constantWidthNarrowsWeightsBiasesAndAlphasButNotData() {
        NetworkSpec q = PostTrainingQuantization.quantize(smallFloatNetwork(), calibration(500, 4),
                PrecisionConfig.defaults(10).withConstantWidth(6));
        assertEquals(10, q.input().type().width());
        for (Layer l : q.layers()) {
            for (var t : l.types()) {
                int expected = switch (t.role()) {
                    case "weight", "bias", "scale", "shift", "alpha" -> 6;
                    case "accumulator" -> t.type().width();
                    default -> 10;
                };
                assertEquals(expected, t.type().width(), l.name() + "." + t.role());
            }
        }
    }
}
