package org.l1embed.quantization.emulator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.l1embed.quantization.fixed.FixedType;
import org.l1embed.quantization.network.Dense;
import org.l1embed.quantization.network.InputSpec;
import org.l1embed.quantization.network.NetworkSpec;
import org.l1embed.quantization.network.Relu;
import org.l1embed.quantization.network.Tensor;

class EmulatorTest {

    @Test
    void generalPathEqualsFastPathEqualsReferenceOnRandomNetworks() {
        RandomNetworks gen = new RandomNetworks(42);
        int fastLayers = 0;
        int generalLayers = 0;
        int vectorLayers = 0;
        for (int n = 0; n < 400; n++) {
            NetworkSpec spec = gen.next();
            float[] x = gen.inputs(spec, 40);
            Emulator auto = Emulator.compile(spec);
            Emulator general = Emulator.compile(spec, Emulator.Strategy.GENERAL);
            Emulator scalar = Emulator.compile(spec, Emulator.Strategy.SCALAR);
            long[] a = auto.emulateRaw(x);
            long[] s = scalar.emulateRaw(x);
            long[] g = general.emulateRaw(x);
            long[] detailed = general.emulate(x, true).raw();
            ReferenceEmulator ref = new ReferenceEmulator(spec);
            int out = spec.outputSize();
            for (int e = 0; e < 40; e++) {
                float[] event = java.util.Arrays.copyOfRange(x, e * spec.input().size(), (e + 1) * spec.input().size());
                BigInteger[] expected = ref.run(event);
                for (int j = 0; j < out; j++) {
                    int k = e * out + j;
                    int net = n;
                    int ev = e;
                    int jj = j;
                    assertEquals(expected[j].longValueExact(), g[k], () -> "general path, network " + net + ", event " + ev + ", output " + jj);
                    assertEquals(g[k], a[k], () -> "fast path " + auto.paths() + ", network " + net + ", event " + ev + ", output " + jj);
                    assertEquals(g[k], s[k], () -> "scalar fast path " + scalar.paths() + ", network " + net);
                    assertEquals(g[k], detailed[k]);
                }
            }
            for (String p : auto.paths()) {
                vectorLayers += p.contains("vector") ? 1 : 0;
                fastLayers += p.startsWith("fast") ? 1 : 0;
                generalLayers += p.equals("general") ? 1 : 0;
            }
        }
        // Both kernels must really have been exercised for the comparison to mean anything.
        assertTrue(fastLayers > 100, "fast dense layers exercised: " + fastLayers);
        assertTrue(generalLayers > 100, "general dense layers exercised: " + generalLayers);
        // The build runs tests with the Vector API module, so AUTO must have used it.
        assertTrue(vectorLayers > 100, "vector dense layers exercised: " + vectorLayers);
    }

    @Test
    void traceHoldsEveryLayerOutputAndTheLastEqualsTheResult() {
        RandomNetworks gen = new RandomNetworks(7);
        NetworkSpec spec = gen.next();
        float[] x = gen.inputs(spec, 10);
        EmulationResult r = Emulator.compile(spec).emulate(x, true);
        assertEquals(spec.layers().size(), r.layers().size());
        assertArrayEquals(r.raw(), r.layers().get(r.layers().size() - 1).trace());
    }

    /** 2 inputs, ap_fixed<8,4> everywhere, accumulator ap_fixed<8,4,AP_TRN,AP_SAT>: overflows are easy to predict. */
    private static NetworkSpec tiny(String accumulator, String result) {
        FixedType t = FixedType.parse("ap_fixed<8,4>");
        Dense d = new Dense("d", 2, 1, Tensor.matrix(2, 1, new double[] {4.0, 4.0}), Tensor.vector(0.0),
                t, t, FixedType.parse(accumulator), FixedType.parse(result));
        return new NetworkSpec("tiny", InputSpec.flat(2, t), List.of(d, new Relu("r", 1, t)));
    }

    @Test
    void countsSaturatedAccumulatorAndResultValues() {
        // 1.0·4 + 1.0·4 = 8 exceeds ap_fixed<8,4> (max 7.9375): the second addition saturates the accumulator.
        EmulationResult r = Emulator.compile(tiny("ap_fixed<8,4,AP_TRN,AP_SAT>", "ap_fixed<8,4,AP_TRN,AP_SAT>"))
                .emulate(new float[] {1f, 1f, 0.5f, 0.25f}, false);
        assertEquals(127, r.raw(0, 0));
        assertEquals(1, r.layers().get(0).accumulatorOverflows());
        assertEquals(0, r.layers().get(0).resultOverflows());
        assertEquals(48, r.raw(1, 0));   // 0.5·4 + 0.25·4 = 3.0 = 48/16
    }

    @Test
    void countsWrappedResultValues() {
        // Wide accumulator holds 8.0; the ap_fixed<8,4> result wraps it to -8.0, which ReLU maps to 0.
        EmulationResult r = Emulator.compile(tiny("ap_fixed<16,8>", "ap_fixed<8,4>")).emulate(new float[] {1f, 1f}, true);
        assertEquals(-128, r.layers().get(0).trace()[0]);
        assertEquals(1, r.layers().get(0).resultOverflows());
        assertEquals(0, r.raw(0, 0));
    }

    @Test
    void rejectsNaNNamingEventAndFeature() {
        Emulator em = Emulator.compile(tiny("ap_fixed<16,8>", "ap_fixed<8,4>"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> em.emulateRaw(new float[] {1f, 2f, 3f, Float.NaN}));
        assertEquals("inputs: event 1, feature 1 is NaN; inputs must be finite", e.getMessage());
    }

    @Test
    void rejectsInputLengthThatIsNotAMultipleOfTheInputSize() {
        Emulator em = Emulator.compile(tiny("ap_fixed<16,8>", "ap_fixed<8,4>"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> em.emulateRaw(new float[3]));
        assertEquals("inputs: expected a multiple of 2 values (input size of network 'tiny'), got 3", e.getMessage());
    }

    @Test
    void refusesAFloatNetworkNamingTheMissingType() {
        NetworkSpec floatSpec = new NetworkSpec("f", InputSpec.flat(2, null),
                List.of(Dense.floating("d", Tensor.matrix(2, 1, new double[] {1, 2}), Tensor.vector(0))));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Emulator.compile(floatSpec));
        assertEquals("network 'f' is not quantized: input.type is missing", e.getMessage());
    }

    @Test
    void refusesProductsWiderThan64BitsWithAClearMessage() {
        FixedType wide = FixedType.parse("ap_fixed<40,10>");
        Dense d = new Dense("d", 1, 1, Tensor.matrix(1, 1, new double[] {1}), Tensor.vector(0), wide, wide,
                FixedType.parse("ap_fixed<64,20>"), wide);
        NetworkSpec spec = new NetworkSpec("w", InputSpec.flat(1, wide), List.of(d));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Emulator.compile(spec, Emulator.Strategy.GENERAL));
        assertTrue(e.getMessage().contains("ap_fixed<80,20>") && e.getMessage().contains("'d'"), e.getMessage());
    }
}
