package org.l1embed.training.quantize.qat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.l1embed.quantization.emulator.Emulator;
import org.l1embed.quantization.fixed.FixedType;
import org.l1embed.quantization.network.Dense;
import org.l1embed.quantization.network.Layer;
import org.l1embed.quantization.network.NetworkSpec;
import org.l1embed.training.quantize.RandomQuantizedNetworks;
import org.l1embed.training.quantize.RandomQuantizedNetworks.Flavour;

/**
 * The QAT graph's exact mode against the emulator: after training steps have moved the master weights, the graph's
 * outputs on 10 000 events equal, bit for bit, the emulator's outputs for {@link QatGraph#network()}.
 */
class QatGraphTest {

    private static final int EVENTS = 10_000;

    @ParameterizedTest(name = "{0}")
    @EnumSource(Flavour.class)
    void exactModeEqualsTheEmulatorAfterTrainingSteps(Flavour flavour) {
        SplittableRandom rnd = new SplittableRandom(31 + flavour.ordinal());
        NetworkSpec spec = RandomQuantizedNetworks.network(flavour, new int[] {57, 16, 8, 4}, rnd);
        float[] inputs = RandomQuantizedNetworks.inputs(spec, rnd, EVENTS);
        double[] weights = new double[spec.outputSize()];
        Arrays.fill(weights, 1.0);
        try (QatGraph graph = QatGraph.create(spec, weights)) {
            Map<String, double[]> before = graph.masterWeights();
            int batch = 256;
            double[] targets = new double[batch * spec.outputSize()];
            for (int s = 1; s <= 12; s++) {
                for (int k = 0; k < targets.length; k++) {
                    targets[k] = rnd.nextGaussian();
                }
                double loss = graph.step(Arrays.copyOfRange(inputs, (s - 1) * batch * 57, s * batch * 57), targets, 0.02, s);
                assertTrue(Double.isFinite(loss), "loss of step " + s);
            }
            NetworkSpec trained = graph.network();
            assertTrue(convertedWeightsChanged(spec, trained), "the steps must change some converted weight: " + flavour);
            assertTrue(!Arrays.equals(before.get("dense0/kernel"), graph.masterWeights().get("dense0/kernel")));

            double[] got = graph.outputs(inputs);
            long[] raw = Emulator.compile(trained).emulateRaw(inputs);
            FixedType out = trained.outputType();
            int nOut = trained.outputSize();
            assertEquals(raw.length, got.length);
            for (int k = 0; k < raw.length; k++) {
                if (out.toDouble(raw[k]) != got[k]) {
                    assertEquals(out.toDouble(raw[k]), got[k], "event " + k / nOut + ", output " + k % nOut + " of "
                            + RandomQuantizedNetworks.describe(trained));
                }
            }
        }
    }

    @Test
    void networkWeightsAreRepresentableInTheirTypes() {
        SplittableRandom rnd = new SplittableRandom(5);
        NetworkSpec spec = RandomQuantizedNetworks.network(Flavour.RND_CONV_SAT, new int[] {9, 6, 3}, rnd);
        try (QatGraph graph = QatGraph.create(spec, new double[] {1, 1, 1})) {
            for (Layer l : graph.network().layers()) {
                if (l instanceof Dense d) {
                    for (double w : d.weights().toArray()) {
                        assertEquals(w, d.weightType().toDouble(d.weightType().quantize(w)), "weight " + w + " of " + d.name());
                    }
                    for (double b : d.bias().toArray()) {
                        assertEquals(b, d.biasType().toDouble(d.biasType().quantize(b)), "bias " + b + " of " + d.name());
                    }
                }
            }
        }
    }

    @Test
    void refusesBadOutputWeightsAndSizes() {
        NetworkSpec spec = RandomQuantizedNetworks.network(Flavour.TRN_WRAP, new int[] {5, 4}, new SplittableRandom(2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> QatGraph.create(spec, new double[] {1, 1}));
        assertTrue(e.getMessage().contains("outputSize=4"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> QatGraph.create(spec, new double[] {1, 1, Double.NaN, 1}));
        assertTrue(e.getMessage().contains("outputWeights[2]"), e.getMessage());
        try (QatGraph graph = QatGraph.create(spec, new double[] {1, 1, 1, 1})) {
            e = assertThrows(IllegalArgumentException.class, () -> graph.outputs(new float[7]));
            assertTrue(e.getMessage().contains("5 values, got 7"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> graph.step(new float[10], new double[3], 0.1, 1));
            assertTrue(e.getMessage().contains("8 values, got 3"), e.getMessage());
        }
    }

    private static boolean convertedWeightsChanged(NetworkSpec a, NetworkSpec b) {
        for (int l = 0; l < a.layers().size(); l++) {
            if (a.layers().get(l) instanceof Dense da && b.layers().get(l) instanceof Dense db) {
                double[] wa = da.weights().toArray();
                double[] wb = db.weights().toArray();
                for (int k = 0; k < wa.length; k++) {
                    FixedType t = da.weightType();
                    if (t.quantize(wa[k]) != t.quantize(wb[k])) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
