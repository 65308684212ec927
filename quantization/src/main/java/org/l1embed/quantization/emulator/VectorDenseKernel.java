package org.l1embed.quantization.emulator;

import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorSpecies;
import org.l1embed.quantization.fixed.FixedType;
import org.l1embed.quantization.network.Dense;

/**
 * The fast dense kernel on the Vector API: the same integer sums as the scalar fast kernel (same conditions,
 * see {@link DenseKernels}), with outputs in lanes ({@code SPECIES_PREFERRED}) and the accumulators kept in
 * registers across the input loop. {@link IntLanes} is used where 32-bit arithmetic provably gives the same
 * bits (twice the lanes), {@link LongLanes} elsewhere. Only loaded when the {@code jdk.incubator.vector}
 * module is present.
 */
abstract class VectorDenseKernel extends DenseKernels.FastDenseKernel {

    private static final VectorSpecies<Long> LONGS = LongVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Integer> INTS = IntVector.SPECIES_PREFERRED;

    final int nIn;
    final int nOut;
    final int lanes;
    final int chunks;

    VectorDenseKernel(Dense d, FixedType acc, int lanes, boolean wraps, String path) {
        super(d, acc, wraps, path + ", vector " + lanes + "x" + (64 * LONGS.length() / lanes) + "-bit");
        this.nIn = d.inputs();
        this.nOut = d.outputs();
        this.lanes = lanes;
        this.chunks = (nOut + lanes - 1) / lanes;
    }

    /** Lanes of the widest vector (32-bit lanes): scratch arrays must hold outputs rounded up to a multiple of this. */
    static int maxLanes() {
        return INTS.length();
    }

    /** Index into a [chunk][in][lane] weight layout. */
    final int weightIndex(int j, int i) {
        return ((j / lanes) * nIn + i) * lanes + j % lanes;
    }

    /** Bias index into a [chunk][lane] layout. */
    final int biasIndex(int j) {
        return (j / lanes) * lanes + j % lanes;
    }

    /** 64-bit lanes. */
    static final class LongLanes extends VectorDenseKernel {
        private final long[] weights;   // [chunk][in][lane], zero-padded, pre-shifted to the accumulator's LSB
        private final long[] bias;      // [chunk][lane], zero-padded

        LongLanes(Dense d, FixedType acc, long[] byInput, long[] scaledBias, boolean wraps, String path) {
            super(d, acc, LONGS.length(), wraps, path);
            this.weights = new long[chunks * nIn * lanes];
            this.bias = new long[chunks * lanes];
            for (int j = 0; j < nOut; j++) {
                bias[biasIndex(j)] = scaledBias[j];
                for (int i = 0; i < nIn; i++) {
                    weights[weightIndex(j, i)] = byInput[i * nOut + j];
                }
            }
        }

        @Override
        public void forward(long[] in, long[] out, int[] scratch, long[] overflows) {
            refuseCounting(overflows);
            for (int c = 0; c < chunks; c++) {
                LongVector acc = LongVector.fromArray(LONGS, bias, c * lanes);
                int base = c * nIn * lanes;
                for (int i = 0; i < nIn; i++) {
                    acc = acc.add(LongVector.fromArray(LONGS, weights, base + i * lanes).mul(in[i]));
                }
                acc.intoArray(out, c * lanes);
            }
            finish(out);
        }
    }

    /**
     * 32-bit lanes: inputs, weights and biases are taken modulo 2^32, which gives the same low 32 bits of every
     * sum; those are all the bits there are when the accumulator wraps at W <= 32, and the whole value when no
     * partial sum can exceed 2^31 - 1.
     */
    static final class IntLanes extends VectorDenseKernel {
        private final int[] weights;
        private final int[] bias;

        IntLanes(Dense d, FixedType acc, long[] byInput, long[] scaledBias, boolean wraps, String path) {
            super(d, acc, INTS.length(), wraps, path);
            this.weights = new int[chunks * nIn * lanes];
            this.bias = new int[chunks * lanes];
            for (int j = 0; j < nOut; j++) {
                bias[biasIndex(j)] = (int) scaledBias[j];
                for (int i = 0; i < nIn; i++) {
                    weights[weightIndex(j, i)] = (int) byInput[i * nOut + j];
                }
            }
        }

        @Override
        public void forward(long[] in, long[] out, int[] scratch, long[] overflows) {
            refuseCounting(overflows);
            for (int c = 0; c < chunks; c++) {
                IntVector acc = IntVector.fromArray(INTS, bias, c * lanes);
                int base = c * nIn * lanes;
                for (int i = 0; i < nIn; i++) {
                    acc = acc.add(IntVector.fromArray(INTS, weights, base + i * lanes).mul((int) in[i]));
                }
                acc.intoArray(scratch, c * lanes);
            }
            for (int j = 0; j < nOut; j++) {
                out[j] = scratch[j];   // sign-extends; finish() re-wraps to the accumulator width
            }
            finish(out);
        }
    }
}
