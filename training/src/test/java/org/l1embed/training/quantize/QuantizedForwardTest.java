package org.l1embed.training.quantize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.l1embed.quantization.emulator.Emulator;
import org.l1embed.quantization.fixed.FixedType;
import org.l1embed.quantization.network.Dense;
import org.l1embed.quantization.network.InputSpec;
import org.l1embed.quantization.network.NetworkSpec;
import org.l1embed.quantization.network.Tensor;

/** {@link QuantizedForward} against the bit-accurate {@link Emulator} on seeded random quantized networks, with equality. */
class QuantizedForwardTest {

    private static final int EVENTS = 2000;

    static Stream<Arguments> networks() {
        List<Arguments> out = new ArrayList<>();
        int seed = 1;
        for (RandomQuantizedNetworks.Flavour f : RandomQuantizedNetworks.Flavour.values()) {
            out.add(Arguments.of(f, new int[] {57, 16, 8, 4}, seed++));
            out.add(Arguments.of(f, new int[] {9, 6, 3}, seed++));
            out.add(Arguments.of(f, new int[] {5, 4}, seed++));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1} seed {2}")
    @MethodSource("networks")
    void rawOutputsEqualTheEmulatorOnEveryEvent(RandomQuantizedNetworks.Flavour flavour, int[] sizes, int seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        NetworkSpec spec = RandomQuantizedNetworks.network(flavour, sizes, rnd);
        float[] inputs = RandomQuantizedNetworks.inputs(spec, rnd, EVENTS);
        long[] expected = Emulator.compile(spec).emulateRaw(inputs);
        long[] got;
        try (QuantizedForward forward = QuantizedForward.compile(spec)) {
            got = forward.raw(inputs);
        }
        int nOut = spec.outputSize();
        for (int k = 0; k < expected.length; k++) {
            if (expected[k] != got[k]) {
                assertEquals(expected[k], got[k], "event " + k / nOut + ", output " + k % nOut + " of " + RandomQuantizedNetworks.describe(spec));
            }
        }
        assertEquals(expected.length, got.length);
    }

    @Test
    void narrowNetworksOfTheSuiteReallyOverflowTheirAccumulators() {
        long overflows = networks()
                .filter(a -> a.get()[0] == RandomQuantizedNetworks.Flavour.MIXED_NARROW)
                .mapToLong(a -> {
                    SplittableRandom rnd = new SplittableRandom((int) a.get()[2]);
                    NetworkSpec spec = RandomQuantizedNetworks.network(RandomQuantizedNetworks.Flavour.MIXED_NARROW, (int[]) a.get()[1], rnd);
                    return Emulator.compile(spec).emulate(RandomQuantizedNetworks.inputs(spec, rnd, EVENTS), false).layers().stream()
                            .mapToLong(r -> r.accumulatorOverflows()).sum();
                })
                .sum();
        assertTrue(overflows > 0, "the narrow-accumulator networks must exercise per-step overflow, got none");
    }

    @Test
    void valuesAreRawTimesTheOutputLsb() {
        SplittableRandom rnd = new SplittableRandom(99);
        NetworkSpec spec = RandomQuantizedNetworks.network(RandomQuantizedNetworks.Flavour.MIXED_NARROW, new int[] {6, 5, 3}, rnd);
        float[] inputs = RandomQuantizedNetworks.inputs(spec, rnd, EVENTS);
        try (QuantizedForward forward = QuantizedForward.compile(spec)) {
            long[] raw = forward.raw(inputs);
            double[] values = forward.values(inputs);
            for (int k = 0; k < raw.length; k++) {
                assertEquals(spec.outputType().toDouble(raw[k]), values[k]);
            }
        }
    }

    @Test
    void refusesAccumulatorsWiderThanFloat64Holds() {
        FixedType t = FixedType.signed(16, 6);
        Dense d = new Dense("dense", 2, 1, Tensor.matrix(2, 1, new double[] {0.5, 0.25}), Tensor.vector(0.0),
                t, t, FixedType.signed(60, 20), t);
        NetworkSpec spec = new NetworkSpec("wide", InputSpec.flat(2, t), List.of(d));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> QuantizedForward.compile(spec));
        assertTrue(e.getMessage().contains("ap_fixed<60,20>"), e.getMessage());
    }
}
