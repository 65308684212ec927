package org.l1embed.quantization.emulator;

import org.l1embed.quantization.fixed.FixedType;

/**
 * One compiled layer: works on raw {@code long} values of one event. Immutable and thread-safe; scratch
 * space is the caller's.
 */
interface LayerKernel {

    /** Index into an overflow-count array: conversions into the accumulator (or intermediate) type. */
    int ACCUMULATOR = 0;
    /** Index into an overflow-count array: conversions into the result type. */
    int RESULT = 1;

    int inputSize();

    int outputSize();

    FixedType resultType();

    /**
     * Computes one event. {@code in} and {@code out} must be different arrays.
     *
     * @param in        raw inputs, {@code inputSize()} values
     * @param out       raw outputs, {@code outputSize()} values; may be written beyond that up to the padded size
     * @param scratch   caller-owned work space of the emulator's padded width
     * @param overflows null, or a 2-element array to which overflow counts are added ({@link #ACCUMULATOR}, {@link #RESULT})
     */
    void forward(long[] in, long[] out, int[] scratch, long[] overflows);

    /** Short description of the path this kernel takes (for logs and reports). */
    String path();
}
