package org.l1embed.hls.design;

import java.util.SplittableRandom;
import org.l1embed.quantization.emulator.Emulator;
import org.l1embed.quantization.fixed.FixedType;
import org.l1embed.quantization.network.NetworkSpec;

/**
 * Testbench events and the outputs the firmware must produce for them: raw integers from the bit-accurate
 * emulator, which the generated testbench compares with C-simulation bit for bit.
 *
 * @param events    number of events
 * @param inputs    {@code events × n_in} network inputs (float32, as the testbench reads them)
 * @param expected  {@code events × n_out} raw outputs of the output type
 */
public record TestbenchVectors(int events, float[] inputs, long[] expected) {

    /** Vectors for given inputs. */
    public static TestbenchVectors of(NetworkSpec spec, float[] inputs) {
        long[] expected = Emulator.compile(spec).emulateRaw(inputs);
        return new TestbenchVectors(inputs.length / spec.input().size(), inputs.clone(), expected);
    }

    /**
     * Seeded events that exercise the whole input type: values spread over 1.25× its range (so some saturate
     * or wrap), exact grid points, and exact ties between grid points (so every rounding mode matters).
     */
    public static TestbenchVectors generate(NetworkSpec spec, int events, long seed) {
        FixedType t = spec.input().type();
        int n = spec.input().size();
        SplittableRandom rnd = new SplittableRandom(seed);
        double hi = Math.max(Math.abs(t.min().doubleValue()), t.max().doubleValue());
        double lsb = t.lsb().doubleValue();
        float[] x = new float[events * n];
        for (int i = 0; i < x.length; i++) {
            x[i] = switch (rnd.nextInt(4)) {
                case 0 -> (float) (Math.floor(rnd.nextDouble(-hi, hi) / lsb) * lsb);            // grid point
                case 1 -> (float) ((Math.floor(rnd.nextDouble(-hi, hi) / lsb) + 0.5) * lsb);   // tie, where float holds it
                default -> (float) rnd.nextDouble(-1.25 * hi, 1.25 * hi);
            };
        }
        return of(spec, x);
    }
}
