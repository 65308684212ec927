package org.l1embed.quantization.emulator;

import java.math.BigInteger;
import org.l1embed.quantization.fixed.Conversion;
import org.l1embed.quantization.fixed.FixedType;
import org.l1embed.quantization.fixed.Overflow;
import org.l1embed.quantization.network.Dense;

/**
 * The two dense kernels: the general one that performs every conversion of the HLS latency kernel, and the
 * fast one used only where it provably gives the same bits.
 *
 * <p>General, for output j: {@code acc = (acc_t) b[j]}; for i ascending: {@code acc = (acc_t)(acc + (acc_t)(x[i]·w[i][j]))};
 * {@code y[j] = (result_t) acc}.
 *
 * <p>Fast: when the accumulator keeps every fractional bit of the products and the bias
 * ({@code F_acc >= F_x + F_w} and {@code F_acc >= F_b}), no conversion into the accumulator ever rounds; if
 * moreover either (a) the accumulator wraps ({@link Overflow#WRAP}), so every step is arithmetic modulo
 * 2^W_acc and one reduction at the end gives the same bits, or (b) no partial sum can leave the accumulator's
 * range (checked with the actual weights against the input type's range, symmetric so that SAT_SYM's
 * minimum rule can not act), then the whole sum is one integer dot product followed by the result conversion.
 */
final class DenseKernels {

    /** True when the Vector API module is in the boot layer (started with --add-modules jdk.incubator.vector). */
    static final boolean VECTOR_API = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
            && !Boolean.getBoolean("l1embed.emulator.scalar");

    private DenseKernels() {
    }

    /** Scratch arrays must be at least this long for a layer of {@code outputs} values. */
    static int paddedSize(int outputs) {
        int lanes = VECTOR_API ? VectorDenseKernel.maxLanes() : 1;
        return (outputs + lanes - 1) / lanes * lanes;
    }

    static LayerKernel general(Dense d, FixedType inType) {
        return new General(d, inType);
    }

    /** The fast kernel, or null when its conditions do not hold for this layer. */
    static LayerKernel fastOrNull(Dense d, FixedType inType, boolean vector) {
        FixedType acc = d.accumulatorType();
        int productFrac = inType.fractionalBits() + d.weightType().fractionalBits();
        int fa = acc.fractionalBits();
        if (fa < productFrac || fa < d.biasType().fractionalBits() || acc.width() > 64 || !acc.fitsLong()) {
            return null;
        }
        int productShift = fa - productFrac;
        int biasShift = fa - d.biasType().fractionalBits();
        long[][] w = rawWeightsByOutput(d);
        long[] b = rawBias(d);
        boolean wraps = acc.overflow() == Overflow.WRAP;
        if (productShift >= 63 || biasShift >= 63) {
            return null;
        }
        BigInteger bound = partialSumBound(w, b, inType, productShift, biasShift);
        // Symmetric on purpose: with |partial sum| <= max, SAT_SYM's minimum rule cannot act either. An
        // unsigned accumulator would overflow on any negative partial sum, so it must wrap to qualify.
        boolean neverOverflows = acc.signed() && bound.compareTo(BigInteger.valueOf(acc.maxRaw())) <= 0;
        if (!wraps && !neverOverflows) {
            return null;
        }
        // 32-bit lanes give the same bits when the sum is modulo 2^W with W <= 32, or never exceeds 2^31 - 1.
        boolean fitsInt = wraps ? acc.width() <= 32 : bound.compareTo(BigInteger.valueOf(Integer.MAX_VALUE)) <= 0;
        int nIn = d.inputs();
        int nOut = d.outputs();
        long[] byInput = new long[nIn * nOut];   // [in][out]: the inner loop runs over outputs and vectorizes
        for (int j = 0; j < nOut; j++) {
            for (int i = 0; i < nIn; i++) {
                byInput[i * nOut + j] = w[j][i] << productShift;   // exact when it matters; modulo 2^64 under WRAP
            }
        }
        long[] bias = new long[b.length];
        for (int j = 0; j < b.length; j++) {
            bias[j] = b[j] << biasShift;
        }
        String path = wraps ? "fast (wrapping accumulator)" : "fast (accumulator cannot overflow)";
        if (!vector) {
            return new Fast(d, acc, byInput, bias, wraps, path);
        }
        return fitsInt
                ? new VectorDenseKernel.IntLanes(d, acc, byInput, bias, wraps, path)
                : new VectorDenseKernel.LongLanes(d, acc, byInput, bias, wraps, path);
    }

    /**
     * The largest |partial sum| any output can reach, in accumulator LSBs, computed exactly:
     * max over outputs of |b·2^bs| + Σ|w|·max|x|·2^ps.
     */
    private static BigInteger partialSumBound(long[][] w, long[] b, FixedType in, int productShift, int biasShift) {
        BigInteger maxX = BigInteger.valueOf(Math.max(Math.abs(in.minRaw()), Math.abs(in.maxRaw())));
        BigInteger worst = BigInteger.ZERO;
        for (int j = 0; j < w.length; j++) {
            BigInteger bound = BigInteger.valueOf(b[j]).abs().shiftLeft(biasShift);
            for (long wij : w[j]) {
                bound = bound.add(BigInteger.valueOf(wij).abs().multiply(maxX).shiftLeft(productShift));
            }
            worst = worst.max(bound);
        }
        return worst;
    }

    /** Weights as raw integers of the weight type, transposed to [out][in] for contiguous dot products. */
    static long[][] rawWeightsByOutput(Dense d) {
        FixedType wt = d.weightType();
        long[][] w = new long[d.outputs()][d.inputs()];
        for (int i = 0; i < d.inputs(); i++) {
            for (int j = 0; j < d.outputs(); j++) {
                w[j][i] = wt.quantize(d.weights().get(i, j));
            }
        }
        return w;
    }

    static long[] rawBias(Dense d) {
        long[] b = new long[d.outputs()];
        for (int j = 0; j < b.length; j++) {
            b[j] = d.biasType().quantize(d.bias().get(j));
        }
        return b;
    }

    private static void requireWidth(Dense d, FixedType type, String what) {
        if (!type.fitsLong()) {
            throw new IllegalArgumentException("dense layer '" + d.name() + "': the " + what + " type " + type
                    + " is wider than the emulator's 64-bit integers (signed <= 64 bits, unsigned <= 63)");
        }
    }

    /** Shape, types and path of a compiled dense layer. */
    abstract static class DenseKernel implements LayerKernel {
        final Dense layer;
        private final String path;

        DenseKernel(Dense layer, String path) {
            this.layer = layer;
            this.path = path;
        }

        @Override
        public int inputSize() {
            return layer.inputs();
        }

        @Override
        public int outputSize() {
            return layer.outputs();
        }

        @Override
        public FixedType resultType() {
            return layer.resultType();
        }

        @Override
        public String path() {
            return path;
        }
    }

    /** What every fast kernel does after its sum: one reduction modulo 2^W (if wrapping), one result conversion. */
    abstract static class FastDenseKernel extends DenseKernel {
        private final boolean wraps;
        private final boolean signedAccumulator;
        private final int unusedBits;
        private final Conversion accToResult;

        FastDenseKernel(Dense d, FixedType acc, boolean wraps, String path) {
            super(d, path);
            this.wraps = wraps;
            this.signedAccumulator = acc.signed();
            this.unusedBits = 64 - acc.width();
            this.accToResult = Conversion.of(acc.fractionalBits(), d.resultType());
        }

        /** Wraps (if the accumulator wraps) and converts the accumulator values in {@code out[0..outputs)}. */
        final void finish(long[] out) {
            int n = layer.outputs();
            if (wraps) {
                if (signedAccumulator) {
                    for (int j = 0; j < n; j++) {
                        out[j] = (out[j] << unusedBits) >> unusedBits;
                    }
                } else {
                    for (int j = 0; j < n; j++) {
                        out[j] = (out[j] << unusedBits) >>> unusedBits;
                    }
                }
            }
            accToResult.applyInPlace(out, n);
        }

        static void refuseCounting(long[] overflows) {
            if (overflows != null) {
                throw new IllegalStateException("the fast dense kernel does not count overflows; use the general kernel");
            }
        }
    }

    private static final class General extends DenseKernel {
        private final long[][] w;
        private final long[] biasInAcc;
        private final boolean[] biasOverflows;
        private final Conversion productToAcc;
        private final Conversion sumToAcc;
        private final Conversion accToResult;

        General(Dense d, FixedType inType) {
            super(d, "general");
            FixedType acc = d.accumulatorType();
            FixedType product = inType.productType(d.weightType());
            requireWidth(d, product, "product (input x weight)");
            requireWidth(d, acc.sumType(acc), "accumulator sum (acc + product)");
            this.w = rawWeightsByOutput(d);
            long[] b = rawBias(d);
            Conversion biasToAcc = Conversion.between(d.biasType(), acc);
            this.biasInAcc = new long[b.length];
            this.biasOverflows = new boolean[b.length];
            for (int j = 0; j < b.length; j++) {
                biasInAcc[j] = biasToAcc.apply(b[j]);
                biasOverflows[j] = biasToAcc.overflows(b[j]);
            }
            this.productToAcc = Conversion.of(product.fractionalBits(), acc);
            this.sumToAcc = Conversion.of(acc.fractionalBits(), acc);
            this.accToResult = Conversion.of(acc.fractionalBits(), d.resultType());
        }

        @Override
        public void forward(long[] in, long[] out, int[] scratch, long[] overflows) {
            int n = w.length;
            for (int j = 0; j < n; j++) {
                long[] row = w[j];
                long acc = biasInAcc[j];
                if (overflows == null) {
                    for (int i = 0; i < row.length; i++) {
                        acc = sumToAcc.apply(acc + productToAcc.apply(in[i] * row[i]));
                    }
                    out[j] = accToResult.apply(acc);
                } else {
                    long count = biasOverflows[j] ? 1 : 0;
                    for (int i = 0; i < row.length; i++) {
                        long p = in[i] * row[i];
                        long pa = productToAcc.apply(p);
                        count += productToAcc.overflows(p) ? 1 : 0;
                        long s = acc + pa;
                        count += sumToAcc.overflows(s) ? 1 : 0;
                        acc = sumToAcc.apply(s);
                    }
                    overflows[ACCUMULATOR] += count;
                    overflows[RESULT] += accToResult.overflows(acc) ? 1 : 0;
                    out[j] = accToResult.apply(acc);
                }
            }
        }
    }

    private static final class Fast extends FastDenseKernel {
        private final long[] w;          // [in][out], pre-shifted to the accumulator's LSB
        private final long[] bias;       // pre-shifted to the accumulator's LSB

        Fast(Dense d, FixedType acc, long[] w, long[] bias, boolean wraps, String path) {
            super(d, acc, wraps, path);
            this.w = w;
            this.bias = bias;
        }

        @Override
        public void forward(long[] in, long[] out, int[] scratch, long[] overflows) {
            refuseCounting(overflows);
            int nOut = bias.length;
            int nIn = w.length / nOut;
            System.arraycopy(bias, 0, out, 0, nOut);
            // acc[j] += x[i]·w[i][j], input by input: the same sum in a different order, which modular or
            // overflow-free integer addition does not notice. (No skipping of zero inputs: after a ReLU that
            // branch is data-dependent and mispredicts more than the multiplications it saves.)
            for (int i = 0; i < nIn; i++) {
                long x = in[i];
                int row = i * nOut;
                for (int j = 0; j < nOut; j++) {
                    out[j] += x * w[row + j];
                }
            }
            finish(out);
        }
    }
}
