package org.l1embed.training.quantize.qat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.l1embed.quantization.fixed.FixedType;
import org.l1embed.quantization.network.Dense;
import org.l1embed.quantization.network.Layer;
import org.l1embed.quantization.network.NetworkSpec;
import org.l1embed.quantization.network.Tensor;
import org.l1embed.training.quantize.QuantizedForward;
import org.l1embed.training.quantize.QuantizedForward.DenseParameters;
import org.l1embed.training.quantize.QuantizedForward.Gradient;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Gradients;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;

/**
 * The graph of quantization-aware training: float64 master weights of every dense layer of a quantized network as
 * variables, the network's forward pass through {@link QuantizedForward} with straight-through gradients, a
 * variance-weighted squared error against targets, and Adam updates of the master weights.
 *
 * <p>{@link #outputs} is the exact mode: the same forward ops evaluated without an update. Because every conversion
 * in the graph is the emulator's, its values equal, bit for bit, the emulator's outputs for {@link #network()} — the
 * network whose dense weights are the converted current master weights. One session thread, so a run is
 * reproducible on one machine.
 *
 * <p>Not thread-safe. Close it to free the native graph and session.
 */
public final class QatGraph implements AutoCloseable {

    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPSILON = 1e-8;
    private static final int EVAL_CHUNK = 8192;

    private record Master(String name, long[] shape, Variable<TFloat64> variable) {
        int size() {
            int s = 1;
            for (long d : shape) {
                s *= (int) d;
            }
            return s;
        }
    }

    private final NetworkSpec quantized;
    private final int inputs;
    private final int outputs;
    private final Graph graph;
    private final Session session;
    private final List<Master> masters = new ArrayList<>();
    private final Placeholder<TFloat32> x;
    private final Placeholder<TFloat64> target;
    private final Placeholder<TFloat64> rate;
    private final Placeholder<TFloat64> beta1Power;
    private final Placeholder<TFloat64> beta2Power;
    private final Operand<TFloat64> y;
    private final Operand<TFloat64> loss;
    private final Operand<TFloat64> weightedErrorSum;
    private final Op update;
    private boolean closed;

    private QatGraph(NetworkSpec quantized, double[] outputWeights) {
        this.quantized = quantized;
        this.inputs = quantized.input().size();
        this.outputs = quantized.outputSize();
        this.graph = new Graph();
        try {
            Ops tf = Ops.create(graph);
            Map<String, DenseParameters> parameters = new LinkedHashMap<>();
            for (Layer l : quantized.layers()) {
                if (l instanceof Dense d) {
                    Master kernel = master(tf, d.name() + "/kernel", new long[] {d.inputs(), d.outputs()}, d.weights().toArray());
                    Master bias = master(tf, d.name() + "/bias", new long[] {d.outputs()}, d.bias().toArray());
                    parameters.put(d.name(), new DenseParameters(kernel.variable(), bias.variable()));
                }
            }
            x = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, inputs)));
            target = tf.placeholder(TFloat64.class, Placeholder.shape(Shape.of(-1, outputs)));
            rate = tf.placeholder(TFloat64.class, Placeholder.shape(Shape.scalar()));
            beta1Power = tf.placeholder(TFloat64.class, Placeholder.shape(Shape.scalar()));
            beta2Power = tf.placeholder(TFloat64.class, Placeholder.shape(Shape.scalar()));
            y = QuantizedForward.build(tf, x, quantized, parameters, Gradient.STRAIGHT_THROUGH);
            Operand<TFloat64> weighted = tf.math.mul(tf.math.square(tf.math.sub(y, target)), tf.constant(new double[][] {outputWeights}));
            weightedErrorSum = tf.sum(weighted, tf.constant(new int[] {0, 1}));
            loss = tf.math.mean(weighted, tf.constant(new int[] {0, 1}));
            List<Operand<?>> vars = new ArrayList<>();
            masters.forEach(m -> vars.add(m.variable()));
            Gradients gradients = tf.gradients(loss, vars);
            List<Op> gradientOps = new ArrayList<>();
            for (int i = 0; i < masters.size(); i++) {
                gradientOps.add(gradients.dy(i));
            }
            // Every write waits for every gradient: in-place updates of ref variables must not race their reads.
            Ops after = tf.withControlDependencies(gradientOps);
            List<Op> updates = new ArrayList<>();
            for (int i = 0; i < masters.size(); i++) {
                Master m = masters.get(i);
                updates.add(after.train.applyAdam(m.variable(), zeros(tf, m.shape()), zeros(tf, m.shape()), beta1Power, beta2Power,
                        rate, after.constant(BETA1), after.constant(BETA2), after.constant(EPSILON), gradients.dy(i)));
            }
            update = tf.withControlDependencies(updates).noOp();
            session = new Session(graph, ConfigProto.newBuilder().setIntraOpParallelismThreads(1).setInterOpParallelismThreads(1).build());
            session.initialize();
        } catch (RuntimeException | Error e) {
            graph.close();
            throw e;
        }
    }

    /**
     * A graph whose master weights start at the (float) weights of {@code quantized}'s dense layers.
     *
     * @param outputWeights weight of each output's squared error in the loss ({@code outputSize} values, finite, &gt;= 0)
     * @throws IllegalArgumentException if the network is not quantized, a type is too wide for the float64 graph, or
     *                                  the weights are wrongly sized or not finite and &gt;= 0
     */
    public static QatGraph create(NetworkSpec quantized, double[] outputWeights) {
        quantized.requireQuantized();
        if (outputWeights.length != quantized.outputSize()) {
            throw new IllegalArgumentException("outputWeights must have outputSize=" + quantized.outputSize() + " values, got "
                    + outputWeights.length);
        }
        for (int j = 0; j < outputWeights.length; j++) {
            if (!(outputWeights[j] >= 0) || !Double.isFinite(outputWeights[j])) {
                throw new IllegalArgumentException("outputWeights[" + j + "] must be finite and >= 0, got " + outputWeights[j]);
            }
        }
        return new QatGraph(quantized, outputWeights.clone());
    }

    /**
     * One Adam step on a batch.
     *
     * @param batch   {@code [B, inputSize]} network inputs
     * @param targets {@code [B, outputSize]}
     * @param t       1-based step number (Adam's bias correction)
     * @return the loss of the batch before the update
     */
    public double step(float[] batch, double[] targets, double learningRate, long t) {
        int events = events(batch);
        requireTargets(targets, events);
        try (TFloat32 xt = TFloat32.tensorOf(Shape.of(events, inputs), DataBuffers.of(batch, true, false));
             TFloat64 tt = TFloat64.tensorOf(Shape.of(events, outputs), DataBuffers.of(targets, true, false));
             TFloat64 lr = TFloat64.scalarOf(learningRate);
             TFloat64 b1 = TFloat64.scalarOf(StrictMath.pow(BETA1, t));
             TFloat64 b2 = TFloat64.scalarOf(StrictMath.pow(BETA2, t));
             Result r = session.runner().feed(x, xt).feed(target, tt).feed(rate, lr).feed(beta1Power, b1).feed(beta2Power, b2)
                     .fetch(loss).addTarget(update).run()) {
            return ((TFloat64) r.get(0)).getDouble();
        }
    }

    /** The mean weighted squared error over all events, evaluated in chunks; changes nothing. */
    public double loss(float[] all, double[] targets) {
        int events = events(all);
        requireTargets(targets, events);
        double sum = 0;
        for (int start = 0; start < events; start += EVAL_CHUNK) {
            int m = Math.min(EVAL_CHUNK, events - start);
            float[] xs = Arrays.copyOfRange(all, start * inputs, (start + m) * inputs);
            double[] ts = Arrays.copyOfRange(targets, start * outputs, (start + m) * outputs);
            try (TFloat32 xt = TFloat32.tensorOf(Shape.of(m, inputs), DataBuffers.of(xs, true, false));
                 TFloat64 tt = TFloat64.tensorOf(Shape.of(m, outputs), DataBuffers.of(ts, true, false));
                 Result r = session.runner().feed(x, xt).feed(target, tt).fetch(weightedErrorSum).run()) {
                sum += ((TFloat64) r.get(0)).getDouble();
            }
        }
        return sum / ((double) events * outputs);
    }

    /**
     * Exact mode: the network's output values (raw·2^-F of the output type) for the current master weights, the
     * emulator's values for {@link #network()}.
     *
     * @param all {@code [N, inputSize]} network inputs
     * @return {@code [N, outputSize]}
     */
    public double[] outputs(float[] all) {
        int events = events(all);
        double[] out = new double[events * outputs];
        for (int start = 0; start < events; start += EVAL_CHUNK) {
            int m = Math.min(EVAL_CHUNK, events - start);
            float[] xs = Arrays.copyOfRange(all, start * inputs, (start + m) * inputs);
            try (TFloat32 xt = TFloat32.tensorOf(Shape.of(m, inputs), DataBuffers.of(xs, true, false));
                 Result r = session.runner().feed(x, xt).fetch(y).run()) {
                double[] part = new double[m * outputs];
                ((TFloat64) r.get(0)).copyTo(DataBuffers.of(part, false, false));
                System.arraycopy(part, 0, out, start * outputs, part.length);
            }
        }
        return out;
    }

    /** The master weights, keyed {@code layer/kernel} (row-major) and {@code layer/bias}. */
    public Map<String, double[]> masterWeights() {
        requireOpen();
        Session.Runner runner = session.runner();
        masters.forEach(m -> runner.fetch(m.variable()));
        Map<String, double[]> out = new LinkedHashMap<>();
        try (Result r = runner.run()) {
            for (int i = 0; i < masters.size(); i++) {
                double[] v = new double[masters.get(i).size()];
                ((TFloat64) r.get(i)).copyTo(DataBuffers.of(v, false, false));
                out.put(masters.get(i).name(), v);
            }
        }
        return out;
    }

    /** The quantized network with the converted current master weights ({@link #withWeights}). */
    public NetworkSpec network() {
        return withWeights(quantized, masterWeights());
    }

    /**
     * {@code quantized} with every dense layer's weights and bias replaced by the conversions of the given master
     * weights into the layer's weight and bias types (so each value is exactly representable there).
     *
     * @param masterWeights as {@link #masterWeights()}: {@code layer/kernel} and {@code layer/bias} for every dense layer
     */
    public static NetworkSpec withWeights(NetworkSpec quantized, Map<String, double[]> masterWeights) {
        List<Layer> layers = new ArrayList<>();
        for (Layer l : quantized.layers()) {
            if (l instanceof Dense d) {
                double[] w = converted(masterWeights.get(d.name() + "/kernel"), d.weightType());
                double[] b = converted(masterWeights.get(d.name() + "/bias"), d.biasType());
                layers.add(new Dense(d.name(), d.inputs(), d.outputs(), Tensor.matrix(d.inputs(), d.outputs(), w), Tensor.vector(b),
                        d.weightType(), d.biasType(), d.accumulatorType(), d.resultType()));
            } else {
                layers.add(l);
            }
        }
        return new NetworkSpec(quantized.name(), quantized.input(), layers);
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            session.close();
            graph.close();
        }
    }

    private static double[] converted(double[] values, FixedType type) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = type.toDouble(type.quantize(values[i]));
        }
        return out;
    }

    private Master master(Ops tf, String name, long[] shape, double[] initial) {
        Ops init = tf.withInitScope();
        Master m = new Master(name, shape, init.variable(init.constant(Shape.of(shape), DataBuffers.of(initial, true, false))));
        masters.add(m);
        return m;
    }

    private static Variable<TFloat64> zeros(Ops tf, long[] shape) {
        Ops init = tf.withInitScope();
        return init.variable(init.zeros(init.constant(shape), TFloat64.class));
    }

    private int events(float[] all) {
        requireOpen();
        if (all.length == 0 || all.length % inputs != 0) {
            throw new IllegalArgumentException("inputs must hold a positive whole number of events of " + inputs
                    + " values, got " + all.length + " values");
        }
        return all.length / inputs;
    }

    private void requireTargets(double[] targets, int events) {
        if (targets.length != events * outputs) {
            throw new IllegalArgumentException("targets must hold " + events + " events × " + outputs + " outputs = "
                    + events * outputs + " values, got " + targets.length);
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("the QAT graph has been closed");
        }
    }
}
