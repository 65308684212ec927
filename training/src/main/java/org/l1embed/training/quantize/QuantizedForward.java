package org.l1embed.training.quantize;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
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
     * How the conversions of a graph pass gradients back. Both give the same forward values, bit for bit.
     */
    public enum Gradient {
        /** No gradient (Floor has none): evaluation only. */
        NONE,
        /** {@link FakeQuant#straightThrough}: identity inside the type's range, zero where saturation clips. */
        STRAIGHT_THROUGH
    }

    /**
     * Float master weights of one dense layer held in the graph (e.g. variables being trained), used instead of the
     * spec's constants: the graph converts them into the layer's weight and bias types on every evaluation.
     *
     * @param kernel {@code [inputs, outputs]} float64
     * @param bias   {@code [outputs]} float64
     */
    public record DenseParameters(Operand<TFloat64> kernel, Operand<TFloat64> bias) {
        public DenseParameters {
            Objects.requireNonNull(kernel, "kernel");
            Objects.requireNonNull(bias, "bias");
        }
    }

    /**
     * Adds the exact-mode forward ops of {@code spec} to a graph, weights as constants, no gradients.
     *
     * @param inputs {@code [batch, spec.input().size()]} float32 network inputs (after preprocessing)
     * @return {@code [batch, spec.outputSize()]} output values (raw·2^-F of the output type), float64
     * @throws IllegalArgumentException as {@link #compile}
     */
    public static Operand<TFloat64> build(Ops tf, Operand<TFloat32> inputs, NetworkSpec spec) {
        return build(tf, inputs, spec, Map.of(), Gradient.NONE);
    }

    /**
     * Adds the forward ops of {@code spec} to a graph, the dense layers named in {@code parameters} reading their
     * weights from the given operands. The forward values are those of the emulator for the spec whose dense
     * weights are the current values of those operands: every weight and bias is converted with the layer's types
     * exactly as the emulator converts the spec's weights.
     *
     * <p>Whether a dense layer may sum in one MatMul is decided from the types alone for operand weights (every
     * representable weight and bias counted at its largest magnitude), from the actual values for constants.
     *
     * @param parameters layer name → operands; a name the spec has no dense layer for is refused
     * @param gradient   whether conversions pass straight-through gradients
     * @throws IllegalArgumentException as {@link #compile}, or naming an unknown layer in {@code parameters}
     */
    public static Operand<TFloat64> build(Ops tf, Operand<TFloat32> inputs, NetworkSpec spec,
                                          Map<String, DenseParameters> parameters, Gradient gradient) {
        spec.requireQuantized();
        Objects.requireNonNull(gradient, "gradient");
        for (String name : parameters.keySet()) {
            if (spec.layers().stream().noneMatch(l -> l.name().equals(name) && l instanceof Dense)) {
                throw new IllegalArgumentException("parameters name layer '" + name + "', which is not a dense layer of network '"
                        + spec.name() + "'");
            }
        }
        Converter c = new Converter(tf, gradient);
        Operand<TFloat64> x = FakeQuant.build(tf, tf.dtypes.cast(inputs, TFloat64.class), spec.input().type());
        List<Layer> layers = spec.layers();
        for (int l = 0; l < layers.size(); l++) {
            FixedType in = spec.inputTypeOf(l);
            Layer layer = layers.get(l);
            x = switch (layer.kind()) {
                case DENSE -> dense(c, x, (Dense) layer, in, parameters.get(layer.name()));
                case RELU -> c.convert(tf.math.maximum(x, tf.constant(0.0)), layer.resultType());
                case LEAKY_RELU -> leakyRelu(c, x, (LeakyRelu) layer, in);
                case LINEAR -> c.convert(x, layer.resultType());
                case BATCH_NORM -> batchNorm(c, x, (BatchNorm) layer, in);
            };
        }
        return x;
    }

    /** One conversion into a type with the graph's gradient rule. */
    private record Converter(Ops tf, Gradient gradient) {
        Operand<TFloat64> convert(Operand<TFloat64> x, FixedType type) {
            return gradient == Gradient.STRAIGHT_THROUGH ? FakeQuant.straightThrough(tf, x, type) : FakeQuant.build(tf, x, type);
        }
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

    private static Operand<TFloat64> dense(Converter c, Operand<TFloat64> x, Dense d, FixedType in, DenseParameters operands) {
        Ops tf = c.tf();
        FixedType acc = FakeQuant.requireSupported(d.accumulatorType());
        requireExact(d.name(), "product (input x weight)", in.width() + d.weightType().width());
        FakeQuant.requireSupported(d.biasType());
        FakeQuant.requireSupported(d.resultType());
        int nIn = d.inputs();
        int nOut = d.outputs();
        Operand<TFloat64> weights;
        Operand<TFloat64> bias;
        boolean single;
        if (operands == null) {
            long[][] w = new long[nIn][nOut];
            double[][] wv = new double[nIn][nOut];
            long[] b = new long[nOut];
            double[][] bv = new double[1][nOut];
            for (int i = 0; i < nIn; i++) {
                for (int j = 0; j < nOut; j++) {
                    w[i][j] = d.weightType().quantize(d.weights().get(i, j));
                    wv[i][j] = d.weightType().toDouble(w[i][j]);
                }
            }
            for (int j = 0; j < nOut; j++) {
                b[j] = d.biasType().quantize(d.bias().get(j));
                bv[0][j] = d.biasType().toDouble(b[j]);
            }
            weights = tf.constant(wv);
            bias = tf.constant(bv);
            single = singleSumIsExact(d, in, w, b);
        } else {
            weights = c.convert(operands.kernel(), d.weightType());
            bias = tf.reshape(c.convert(operands.bias(), d.biasType()), tf.constant(new int[] {1, nOut}));
            long[][] w = new long[nIn][nOut];
            long[] b = new long[nOut];
            for (long[] row : w) {
                Arrays.fill(row, largestMagnitude(d.weightType()));
            }
            Arrays.fill(b, largestMagnitude(d.biasType()));
            single = singleSumIsExact(d, in, w, b);
        }
        if (single) {
            Operand<TFloat64> sum = tf.math.add(tf.linalg.matMul(x, weights), bias);
            return c.convert(c.convert(sum, acc), d.resultType());
        }
        Operand<TFloat64> a = c.convert(bias, acc);
        for (int i = 0; i < nIn; i++) {
            Operand<TFloat64> xi = tf.slice(x, tf.constant(new int[] {0, i}), tf.constant(new int[] {-1, 1}));
            Operand<TFloat64> wi = tf.slice(weights, tf.constant(new int[] {i, 0}), tf.constant(new int[] {1, -1}));
            a = c.convert(tf.math.add(a, c.convert(tf.math.mul(xi, wi), acc)), acc);
        }
        return c.convert(a, d.resultType());
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

    /** The raw value of largest magnitude a type holds (its minimum for a signed type). */
    private static long largestMagnitude(FixedType type) {
        return Math.max(Math.abs(type.minRaw()), Math.abs(type.maxRaw()));
    }

    private static Operand<TFloat64> leakyRelu(Converter c, Operand<TFloat64> x, LeakyRelu r, FixedType in) {
        Ops tf = c.tf();
        FixedType alphaType = r.alphaType();
        requireExact(r.name(), "product (input x alpha)", in.width() + alphaType.width());
        double alpha = alphaType.toDouble(alphaType.quantize(r.alpha()));
        Operand<TFloat64> positive = c.convert(x, r.resultType());
        Operand<TFloat64> negative = c.convert(tf.math.mul(x, tf.constant(alpha)), r.resultType());
        return tf.select(tf.math.greater(x, tf.zerosLike(x)), positive, negative);
    }

    private static Operand<TFloat64> batchNorm(Converter c, Operand<TFloat64> x, BatchNorm bn, FixedType in) {
        Ops tf = c.tf();
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
        return c.convert(exact, bn.resultType());
    }

    private static void requireExact(String layer, String what, int width) {
        if (width > DOUBLE_BITS) {
            throw new IllegalArgumentException("layer '" + layer + "': the " + what + " is " + width
                    + " bits wide; float64 holds it exactly only up to " + DOUBLE_BITS + " bits");
        }
    }
}
