package org.l1embed.quantization.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.l1embed.quantization.emulator.Emulator;
import org.l1embed.quantization.fixed.FixedType;
import org.l1embed.quantization.fixed.Overflow;
import org.l1embed.quantization.fixed.Rounding;
import org.l1embed.quantization.network.Dense;
import org.l1embed.quantization.network.InputSpec;
import org.l1embed.quantization.network.NetworkSpec;
import org.l1embed.quantization.network.Relu;
import org.l1embed.quantization.network.Tensor;

class ProfilerTest {

    private static NetworkSpec net() {
        Dense d = Dense.floating("d", Tensor.matrix(2, 2, new double[] {3.0, -1.0, 0.5, 2.0}), Tensor.vector(0.25, -6.0));
        return new NetworkSpec("n", InputSpec.flat(2, null), List.of(d, new Relu("r", 2, null)));
    }

    @Test
    void recordsRangesAndIntegerBitsPerTensor() {
        // events (1, 2) and (-4, 0.5): d outputs (4.25, -3) and (-11.5, -1); relu (4.25, 0) and (0, 0).
        NetworkProfile p = Profiler.profile(net(), new float[] {1, 2, -4, 0.5f});
        assertEquals(new TensorProfile("input", "input", -4, 2, 4), p.find("input", "input"));
        assertEquals(-11.5, p.find("d", "result").min());
        assertEquals(4.25, p.find("d", "result").max());
        assertEquals(5, p.find("d", "result").integerBitsNeeded());      // -16 <= -11.5 needs I = 5; 4.25 < 8 needs I = 4
        assertEquals(3, p.find("input", "input").integerBitsNeeded());   // -4 = -2^2 needs I = 3; 2 < 4 needs I = 3
        assertEquals(3, p.find("r", "result").integerBitsNeeded());      // unsigned, 4.25 < 8
        assertFalse(p.find("r", "result").needsSign());
        assertEquals(3, p.find("d", "weight").integerBitsNeeded());      // 3 < 4 and -1 >= -4
    }

    @Test
    void proposesTypesThatHoldTheProfiledRangeAndEmulate() {
        NetworkSpec floatNet = net();
        float[] x = {1, 2, -4, 0.5f};
        NetworkProfile p = Profiler.profile(floatNet, x);
        NetworkSpec q = Profiler.propose(floatNet, p, 12, 1, Rounding.RND_CONV, Rounding.RND_CONV, Overflow.SAT);
        assertTrue(q.isQuantized());
        Dense d = (Dense) q.layers().get(0);
        assertEquals(new FixedType(12, 6, true, Rounding.RND_CONV, Overflow.SAT), d.resultType());
        assertEquals(FixedType.parse("ap_ufixed<12,4,AP_RND_CONV,AP_SAT>"), q.outputType());   // 3 bits + 1 margin
        EmulationCheck.noOverflow(Emulator.compile(q).emulate(x, false));
    }

    @Test
    void addsAnIntegerBitWhereTheExtremeWouldRoundPastTheRange() {
        // Unsigned (no negative value): 1.99999 < 2 needs I = 1, but ap_ufixed<8,1,AP_RND> rounds it to 2.0, past max 1.9921875.
        Dense d = Dense.floating("d", Tensor.matrix(1, 1, new double[] {1.0}), Tensor.vector(0.0));
        NetworkSpec n = new NetworkSpec("n", InputSpec.flat(1, null), List.of(d));
        float[] x = {1.99999f, 0.5f};
        NetworkSpec q = Profiler.propose(n, Profiler.profile(n, x), 8, 0, Rounding.RND, Rounding.RND, Overflow.SAT);
        assertEquals(FixedType.parse("ap_ufixed<8,2,AP_RND,AP_SAT>"), q.input().type());
        EmulationCheck.noOverflow(Emulator.compile(q).emulate(x, false));
    }

    @Test
    void rejectsNonFiniteSamples() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Profiler.profile(net(), new float[] {1, Float.POSITIVE_INFINITY}));
        assertEquals("inputs: event 0, feature 1 is Infinity; inputs must be finite", e.getMessage());
    }

    /** Assertions on emulation results. */
    static final class EmulationCheck {
        static void noOverflow(org.l1embed.quantization.emulator.EmulationResult r) {
            assertEquals(0, r.inputOverflows());
            r.layers().forEach(l -> assertEquals(0, l.resultOverflows() + l.accumulatorOverflows(), l.name()));
        }
    }
}
