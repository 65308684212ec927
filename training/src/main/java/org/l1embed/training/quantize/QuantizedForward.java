package org.l1embed.training.quantize;

import java.math.BigInteger;
import java.util.List;
import java.util.Objects;
import org.l1embed.quantization.fixed.FixedType;
import org.l1embed.quantization.fixed.Overflow;
import org.l1embed.quantization.network.BatchNorm;
import org.l1embed.quantization.network.Dense;
import org.l1embed.quantization.network.Layer;
import org.l1embed.quantization.network.LeakyRelu;
import org.l1embed.quantization.network.NetworkSpec;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.TInt64;

/**
 * The exact-mode forward pass of a quantized {@link NetworkSpec} as a float64 TensorFlow graph: the same values
 * as the bit-accurate emulator ({@code org.l1embed.quantization.emulator.Emulator}), computed with graph ops so
 * that a training graph can share them.
 *
 * <p>Conventions (those of {@code docs/fixed-point.md}): inputs are float32 values converted into the input type;
 * Dense, for output j, {@code acc = (acc_t) b[j]}, then for i ascending {@code acc = (acc_t)(acc + (acc_t)(x[i]·w[i][j]))},
 * {@code y[j] = (result_t) acc}, vectorized over the batch and the outputs but keeping that order over i. Where the
 * accumulator provably never rounds or saturates (F_acc ≥ F_x + F_w, F_acc ≥ F_b, and either it wraps or no partial
 * sum can leave its range, and every partial sum is below 2^53 accumulator LSBs so float64 adds exactly in any order)
 * the sum is one MatMul followed by one conversion, which gives the same bits. Relu {@code (result)(max(x, 0))};
 * LeakyRelu {@code x > 0 ? (result)x : (result)(alpha·x)} with alpha a constant of its type; Linear a conversion;
 * BatchNorm {@code (result)(x·scale + shift)} with scale and shift constants of their types. Every product and sum
 * is exact in float64 because every type involved is checked to be at most 53 bits wide.
 *
 * <p>An instance owns a graph and a session (close it); {@link #build} adds the ops to any graph.
 */
public final class QuantizedForward implements AutoCloseable {

    private static final int DOUBLE_BITS = 53;

    private final NetworkSpec spec;
    private final Graph graph;
    private final Session session;
    private final Placeholder<TFloat32> input;
    private final Operand<TFloat64> values;
    private final Operand<TInt64> raw;

    private QuantizedForward(NetworkSpec spec) {
        this.spec = spec;
        this.graph = new Graph();
        try {
            Ops tf = Ops.create(graph);
            input = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, spec.input().size())));
            values = build(tf, input, spec);
            raw = tf.dtypes.cast(tf.math.mul(values, tf.constant(Math.scalb(1.0, spec.outputType().fractionalBits()))),
                    TInt64.class);
            session = new Session(graph);
        } catch (RuntimeException | Error e) {
            graph.close();
            throw e;
        }
    }

    /**
     * Builds the graph and session for a quantized network.
     *
     * @throws IllegalArgumentException if the network is not quantized, or a type or an exact intermediate is too
     *                                  wide for float64 (named in the message)
     */
    public static QuantizedForward compile(NetworkSpec spec) {
        return new QuantizedForward(Objects.requireNonNull(spec, "spec").requireQuantized());
    }

    /**
     * Adds the exact-mode forward ops of {@code spec} to a graph.
     *
     * @param inputs {@code [batch, spec.input().size()]} float32 network inputs (after preprocessing)
     * @return {@code [batch, spec.outputSize()]} output values (raw·2^-F of the output type), float64
     * @throws IllegalArgumentException as {@link #compile}
     */
    public static Operand<TFloat64> build(Ops tf, Operand<TFloat32> inputs, NetworkSpec spec) {
        spec.requireQuantized();
        Operand<TFloat64> x = FakeQuant.build(tf, tf.dtypes.cast(inputs, TFloat64.class), spec.input().type());
        List<Layer> layers = spec.layers();
        for (int l = 0; l < layers.size(); l++) {
            FixedType in = spec.inputTypeOf(l);
            Layer layer = layers.get(l);
            x = switch (layer.kind()) {
                case DENSE -> dense(tf, x, (Dense) layer, in);
                case RELU -> FakeQuant.build(tf, tf.math.maximum(x, tf.constant(0.0)), layer.resultType());
                case LEAKY_RELU -> leakyRelu(tf, x, (LeakyRelu) layer, in);
                case LINEAR -> FakeQuant.build(tf, x, layer.resultType());
                case BATCH_NORM -> batchNorm(tf, x, (BatchNorm) layer, in);
            };
        }
        return x;
    }

    /** Output values, {@code outputSize()} per event. */
    public double[] values(float[] inputs) {
        int events = events(inputs);
        try (Result r = run(inputs, events, values)) {
            double[] out = new double[events * spec.outputSize()];
            ((TFloat64) r.get(0)).copyTo(DataBuffers.of(out, false, false));
            return out;
        }
    }

    /** Raw integers of the output type, {@code outputSize()} per event (as the emulator's {@code emulateRaw}). */
    public long[] raw(float[] inputs) {
        int events = events(inputs);
        try (Result r = run(inputs, events, raw)) {
            long[] out = new long[events * spec.outputSize()];
            ((TInt64) r.get(0)).copyTo(DataBuffers.of(out, false, false));
            return out;
        }
    }

    private Result run(float[] inputs, int events, Operand<?> fetch) {
        try (TFloat32 t = TFloat32.tensorOf(Shape.of(events, spec.input().size()), DataBuffers.of(inputs, true, false))) {
            return session.runner().feed(input, t).fetch(fetch).run();
        }
    }

    private int events(float[] inputs) {
        int n = spec.input().size();
        if (inputs.length % n != 0) {
            throw new IllegalArgumentException("inputs: expected a multiple of " + n + " values, got " + inputs.length);
        }
        return inputs.length / n;
    }

    @Override
    public void close() {
        session.close();
        graph.close();
    }

    // ---------------------------------------------------------------- layers

    private static Operand<TFloat64> dense(Ops tf, Operand<TFloat64> x, Dense d, FixedType in) {
        FixedType acc = FakeQuant.requireSupported(d.accumulatorType());
        requireExact(d.name(), "product (input x weight)", in.width() + d.weightType().width());
        FakeQuant.requireSupported(d.biasType());
        FakeQuant.requireSupported(d.resultType());
        int nIn = d.inputs();
        int nOut = d.outputs();
        long[][] w = new long[nIn][nOut];
        double[][] wv = new double[nIn][nOut];
        double[] bv = new double[nOut];
        long[] b = new long[nOut];
        for (int i = 0; i < nIn; i++) {
            for (int j = 0; j < nOut; j++) {
                w[i][j] = d.weightType().quantize(d.weights().get(i, j));
                wv[i][j] = d.weightType().toDouble(w[i][j]);
            }
        }
        for (int j = 0; j < nOut; j++) {
            b[j] = d.biasType().quantize(d.bias().get(j));
            bv[j] = d.biasType().toDouble(b[j]);
        }
        Operand<TFloat64> bias = tf.constant(new double[][] {bv});
        if (singleSumIsExact(d, in, w, b)) {
            Operand<TFloat64> sum = tf.math.add(tf.linalg.matMul(x, tf.constant(wv)), bias);
            return FakeQuant.build(tf, FakeQuant.build(tf, sum, acc), d.resultType());
        }
        Operand<TFloat64> a = FakeQuant.build(tf, bias, acc);
        for (int i = 0; i < nIn; i++) {
            Operand<TFloat64> xi = tf.slice(x, tf.constant(new int[] {0, i}), tf.constant(new int[] {-1, 1}));
            Operand<TFloat64> product = tf.math.mul(xi, tf.constant(new double[][] {wv[i]}));
            a = FakeQuant.build(tf, tf.math.add(a, FakeQuant.build(tf, product, acc)), acc);
        }
        return FakeQuant.build(tf, a, d.resultType());
    }

    /**
     * True when no conversion into the accumulator can round or overflow and float64 adds every partial sum
     * exactly (each below 2^53 accumulator LSBs), so one MatMul and one conversion give the kernel's bits.
     */
    private static boolean singleSumIsExact(Dense d, FixedType in, long[][] w, long[] b) {
        FixedType acc = d.accumulatorType();
        int fa = acc.fractionalBits();
        int productShift = fa - in.fractionalBits() - d.weightType().fractionalBits();
        int biasShift = fa - d.biasType().fractionalBits();
        if (productShift < 0 || biasShift < 0) {
            return false;
        }
        BigInteger maxX = BigInteger.valueOf(Math.max(Math.abs(in.minRaw()), Math.abs(in.maxRaw())));
        BigInteger worst = BigInteger.ZERO;
        for (int j = 0; j < b.length; j++) {
            BigInteger bound = BigInteger.valueOf(b[j]).abs().shiftLeft(biasShift);
            for (long[] row : w) {
                bound = bound.add(BigInteger.valueOf(row[j]).abs().multiply(maxX).shiftLeft(productShift));
            }
            worst = worst.max(bound);
        }
        if (worst.bitLength() > DOUBLE_BITS) {
            return false;
        }
        // Symmetric bound: with |partial sum| <= max neither saturation nor SAT_SYM's minimum rule can act.
        boolean neverOverflows = acc.signed() && worst.compareTo(BigInteger.valueOf(acc.maxRaw())) <= 0;
        return acc.overflow() == Overflow.WRAP || neverOverflows;
    }

    private static Operand<TFloat64> leakyRelu(Ops tf, Operand<TFloat64> x, LeakyRelu r, FixedType in) {
        FixedType alphaType = r.alphaType();
        requireExact(r.name(), "product (input x alpha)", in.width() + alphaType.width());
        double alpha = alphaType.toDouble(alphaType.quantize(r.alpha()));
        Operand<TFloat64> positive = FakeQuant.build(tf, x, r.resultType());
        Operand<TFloat64> negative = FakeQuant.build(tf, tf.math.mul(x, tf.constant(alpha)), r.resultType());
        return tf.select(tf.math.greater(x, tf.zerosLike(x)), positive, negative);
    }

    private static Operand<TFloat64> batchNorm(Ops tf, Operand<TFloat64> x, BatchNorm bn, FixedType in) {
        FixedType product = in.productType(bn.scaleType());
        FixedType sum = product.sumType(bn.shiftType());
        requireExact(bn.name(), "sum (input x scale + shift) " + sum, sum.width());
        int n = bn.size();
        double[][] scale = new double[1][n];
        double[][] shift = new double[1][n];
        for (int i = 0; i < n; i++) {
            scale[0][i] = bn.scaleType().toDouble(bn.scaleType().quantize(bn.scale(i)));
            shift[0][i] = bn.shiftType().toDouble(bn.shiftType().quantize(bn.shift(i)));
        }
        Operand<TFloat64> exact = tf.math.add(tf.math.mul(x, tf.constant(scale)), tf.constant(shift));
        return FakeQuant.build(tf, exact, bn.resultType());
    }

    private static void requireExact(String layer, String what, int width) {
        if (width > DOUBLE_BITS) {
            throw new IllegalArgumentException("layer '" + layer + "': the " + what + " is " + width
                    + " bits wide; float64 holds it exactly only up to " + DOUBLE_BITS + " bits");
        }
    }
}
