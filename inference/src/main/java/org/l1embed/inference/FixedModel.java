package org.l1embed.inference;

import org.l1embed.quantization.emulator.EmulationResult;
import org.l1embed.quantization.emulator.Emulator;
import org.l1embed.quantization.network.NetworkSpec;
import org.l1embed.quantization.network.Preprocessing;

/**
 * A quantized bundle's fixed-point network: raw features → the bundle's preprocessing (float32,
 * {@link Preprocessing#apply}) → the bit-accurate {@link Emulator} (which converts into the input type), as the HLS
 * testbench computes. Immutable and thread-safe.
 */
public final class FixedModel {

    private final Emulator emulator;
    private final Preprocessing preprocessing;
    private final int inputSize;

    /**
     * Compiles the emulator of a quantized network.
     *
     * @throws IllegalArgumentException if the network is not quantized or a type is too wide to emulate
     */
    public FixedModel(NetworkSpec spec) {
        this.emulator = Emulator.compile(spec);
        this.preprocessing = spec.input().preprocessing();
        this.inputSize = spec.input().size();
    }

    public Emulator emulator() {
        return emulator;
    }

    /** The network inputs of a batch: the preprocessing applied event by event. */
    public float[] networkInputs(FeatureBatch events) {
        if (events.size() != inputSize) {
            throw new IllegalArgumentException("events: expected " + inputSize + " values per event, got " + events.size());
        }
        float[] raw = new float[inputSize];
        float[] pre = new float[inputSize];
        float[] out = new float[events.features().length];
        for (int e = 0; e < events.count(); e++) {
            System.arraycopy(events.features(), e * inputSize, raw, 0, inputSize);
            preprocessing.apply(raw, pre);
            System.arraycopy(pre, 0, out, e * inputSize, inputSize);
        }
        return out;
    }

    /** Raw outputs, {@code outputSize} per event, on the fastest bit-exact path. */
    public long[] emulateRaw(FeatureBatch events) {
        return emulator.emulateRaw(networkInputs(events));
    }

    /** Raw outputs with overflow counts per layer and, when {@code trace}, every layer's raw output. */
    public EmulationResult emulate(FeatureBatch events, boolean trace) {
        return emulator.emulate(networkInputs(events), trace);
    }
}
