package org.l1embed.quantization.emulator;

import org.l1embed.quantization.fixed.Conversion;
import org.l1embed.quantization.fixed.FixedType;
import org.l1embed.quantization.network.BatchNorm;
import org.l1embed.quantization.network.LeakyRelu;
import org.l1embed.quantization.network.Linear;
import org.l1embed.quantization.network.Relu;

/** Kernels for the layers that act on each value independently (activations, casts, unfolded BatchNorm). */
final class ElementwiseKernels {

    private ElementwiseKernels() {
    }

    /** A per-value kernel: subclasses give {@link #value} and {@link #overflowCount}. */
    private abstract static class Elementwise implements LayerKernel {
        private final int size;
        private final FixedType result;
        private final String path;

        Elementwise(int size, FixedType result, String path) {
            this.size = size;
            this.result = result;
            this.path = path;
        }

        abstract long value(int index, long x);

        /** The whole layer without counting; value by value unless a kernel has a bulk form. */
        void transform(long[] in, long[] out) {
            for (int i = 0; i < size; i++) {
                out[i] = value(i, in[i]);
            }
        }

        /** Adds this value's overflow events to the counts. */
        abstract void overflowCount(int index, long x, long[] overflows);

        @Override
        public final void forward(long[] in, long[] out, int[] scratch, long[] overflows) {
            if (overflows == null) {
                transform(in, out);
                return;
            }
            for (int i = 0; i < size; i++) {
                long x = in[i];
                overflowCount(i, x, overflows);
                out[i] = value(i, x);
            }
        }

        @Override
        public int inputSize() {
            return size;
        }

        @Override
        public int outputSize() {
            return size;
        }

        @Override
        public FixedType resultType() {
            return result;
        }

        @Override
        public String path() {
            return path;
        }
    }

    /** y = x > 0 ? x : 0, converted to the result type. */
    static LayerKernel relu(Relu layer, FixedType inType) {
        Conversion c = Conversion.of(inType.fractionalBits(), layer.resultType());
        return new Elementwise(layer.size(), layer.resultType(), "relu") {
            @Override
            long value(int index, long x) {
                return c.apply(Math.max(x, 0L));
            }

            @Override
            void transform(long[] in, long[] out) {
                int n = layer.size();
                for (int i = 0; i < n; i++) {
                    out[i] = Math.max(in[i], 0L);
                }
                c.applyInPlace(out, n);
            }

            @Override
            void overflowCount(int index, long x, long[] overflows) {
                overflows[RESULT] += c.overflows(Math.max(x, 0L)) ? 1 : 0;
            }
        };
    }

    /** A conversion into the result type. */
    static LayerKernel linear(Linear layer, FixedType inType) {
        Conversion c = Conversion.of(inType.fractionalBits(), layer.resultType());
        return new Elementwise(layer.size(), layer.resultType(), "linear") {
            @Override
            long value(int index, long x) {
                return c.apply(x);
            }

            @Override
            void transform(long[] in, long[] out) {
                System.arraycopy(in, 0, out, 0, layer.size());
                c.applyInPlace(out, layer.size());
            }

            @Override
            void overflowCount(int index, long x, long[] overflows) {
                overflows[RESULT] += c.overflows(x) ? 1 : 0;
            }
        };
    }

    /** y = x > 0 ? (result) x : (result)(alpha·x), alpha a constant of the alpha type, the product exact. */
    static LayerKernel leakyRelu(LeakyRelu layer, FixedType inType) {
        FixedType alphaType = layer.alphaType();
        long alpha = alphaType.quantize(layer.alpha());
        FixedType product = inType.productType(alphaType);
        requireFits(layer.name(), product, "product (input x alpha)");
        Conversion positive = Conversion.of(inType.fractionalBits(), layer.resultType());
        Conversion negative = Conversion.of(product.fractionalBits(), layer.resultType());
        return new Elementwise(layer.size(), layer.resultType(), "leaky_relu") {
            @Override
            long value(int index, long x) {
                long pos = positive.apply(x);            // both sides, then a select: the sign of x is
                long neg = negative.apply(x * alpha);    // data, and a branch on it would mispredict
                return x > 0 ? pos : neg;
            }

            @Override
            void overflowCount(int index, long x, long[] overflows) {
                overflows[RESULT] += (x > 0 ? positive.overflows(x) : negative.overflows(x * alpha)) ? 1 : 0;
            }
        };
    }

    /** y = (result)(x·scale + shift), scale and shift constants of their types, the arithmetic exact. */
    static LayerKernel batchNorm(BatchNorm layer, FixedType inType) {
        int n = layer.size();
        long[] scale = new long[n];
        long[] shift = new long[n];
        for (int i = 0; i < n; i++) {
            scale[i] = layer.scaleType().quantize(layer.scale(i));
            shift[i] = layer.shiftType().quantize(layer.shift(i));
        }
        FixedType product = inType.productType(layer.scaleType());
        FixedType sum = product.sumType(layer.shiftType());
        requireFits(layer.name(), sum, "sum (input x scale + shift)");
        int productShift = sum.fractionalBits() - product.fractionalBits();
        int shiftShift = sum.fractionalBits() - layer.shiftType().fractionalBits();
        Conversion c = Conversion.of(sum.fractionalBits(), layer.resultType());
        return new Elementwise(n, layer.resultType(), "batchnorm") {
            @Override
            long value(int index, long x) {
                return c.apply(exact(index, x));
            }

            @Override
            void overflowCount(int index, long x, long[] overflows) {
                overflows[RESULT] += c.overflows(exact(index, x)) ? 1 : 0;
            }

            @Override
            void transform(long[] in, long[] out) {
                for (int i = 0; i < n; i++) {
                    out[i] = exact(i, in[i]);
                }
                c.applyInPlace(out, n);
            }

            private long exact(int index, long x) {
                return ((x * scale[index]) << productShift) + (shift[index] << shiftShift);
            }
        };
    }

    private static void requireFits(String layer, FixedType type, String what) {
        if (!type.fitsLong()) {
            throw new IllegalArgumentException("layer '" + layer + "': the " + what + " type " + type
                    + " is wider than the emulator's 64-bit integers (signed <= 64 bits, unsigned <= 63)");
        }
    }
}
