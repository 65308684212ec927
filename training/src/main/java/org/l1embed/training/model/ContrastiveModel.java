package org.l1embed.training.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import org.l1embed.quantization.network.BatchNorm;
import org.l1embed.quantization.network.Dense;
import org.l1embed.quantization.network.InputSpec;
import org.l1embed.quantization.network.Layer;
import org.l1embed.quantization.network.LeakyRelu;
import org.l1embed.quantization.network.NetworkSpec;
import org.l1embed.quantization.network.Tensor;
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
import org.tensorflow.op.nn.LeakyRelu.Options;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The contrastive MLP of a {@link ModelConfig} as a TensorFlow graph with its session: one training step
 * (forward with batch statistics, SupCon loss, gradients, Adam/AdamW update, BatchNorm running-statistics
 * update), the inference-mode loss and embedding, reading and writing every variable, and extraction of the
 * encoder as a float {@link NetworkSpec}.
 *
 * <p>Weights are initialised in Java from {@link ModelConfig#seed()} (PyTorch's {@code nn.Linear} default,
 * U(−1/√fan_in, 1/√fan_in) for kernels and biases; BatchNorm γ = 1, β = 0, running mean 0, running variance 1;
 * optimiser moments 0), so the initial state does not depend on TensorFlow's random kernels.
 *
 * <p>BatchNorm in training mode normalises with the batch mean and biased batch variance and updates
 * {@code running = (1 − m)·running + m·batch} with the unbiased batch variance (PyTorch's convention); inference
 * mode ({@link #loss}, {@link #embed}, the extracted spec) uses the running statistics.
 *
 * <p>With {@code deterministic = true} the session uses one intra-op and one inter-op thread: the same sequence
 * of calls then gives bit-identical variables on the same machine and TensorFlow build. Otherwise TensorFlow
 * chooses the thread counts and reductions may differ in the last bits between runs.
 *
 * <p>Not thread-safe: one caller at a time. Close it to free the native graph and session.
 */
public final class ContrastiveModel implements AutoCloseable {

    private static final int EMBED_CHUNK = 16_384;

    /** What a variable is; decides initialisation, weight decay and where it goes in the extracted spec. */
    private enum Role { KERNEL, BIAS, GAMMA, BETA, RUNNING_MEAN, RUNNING_VARIANCE, FIRST_MOMENT, SECOND_MOMENT }

    /** A graph variable with its checkpoint name and the placeholder/assign pair that writes it. */
    private record ModelVariable(String name, Role role, long[] shape, Variable<TFloat32> variable,
                                 Placeholder<TFloat32> newValue, Op assign) {
        int size() {
            int n = 1;
            for (long d : shape) {
                n *= (int) d;
            }
            return n;
        }
    }

    private record BatchNormVariables(ModelVariable gamma, ModelVariable beta, ModelVariable mean, ModelVariable variance) {
    }

    /** One Dense (+ BatchNorm) (+ LeakyReLU) block. */
    private record Block(String name, int inputs, int outputs, ModelVariable kernel, ModelVariable bias,
                         BatchNormVariables batchNorm, boolean activation) {
    }

    private final ModelConfig config;
    private final OptimizerConfig optimizer;
    private final Graph graph;
    private final Session session;
    private final Placeholder<TFloat32> input;
    private final Placeholder<TInt32> labels;
    private final Placeholder<TFloat32> learningRate;
    private final Placeholder<TFloat32> firstMomentCorrection;
    private final Placeholder<TFloat32> secondMomentCorrection;
    private final Operand<TFloat32> trainLoss;
    private final Op trainUpdate;
    private final Operand<TFloat32> inferenceLoss;
    private final Operand<TFloat32> latent;
    private final List<Block> encoder;
    private final List<ModelVariable> variables;
    private boolean closed;

    private ContrastiveModel(ModelConfig config, OptimizerConfig optimizer, boolean deterministic) {
        this.config = config;
        this.optimizer = optimizer;
        this.graph = new Graph();
        try {
            Ops tf = Ops.create(graph);
            List<ModelVariable> all = new ArrayList<>();
            SplittableRandom rng = new SplittableRandom(config.seed());
            this.encoder = blocks(tf, "encoder", config.encoderSizes(), config.latentBlock(), rng, all);
            List<Block> head = blocks(tf, "head", config.headSizes(), null, rng, all);

            input = tf.withName("input").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, config.inputSize())));
            labels = tf.withName("labels").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
            learningRate = tf.withName("learning_rate").placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
            firstMomentCorrection = tf.withName("first_moment_correction").placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
            secondMomentCorrection = tf.withName("second_moment_correction").placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
            float temperature = (float) config.temperature();

            // Training mode: batch statistics, running-statistics updates collected on the way.
            Ops train = tf.withSubScope("train");
            List<Op> runningUpdates = new ArrayList<>();
            Operand<TFloat32> batchSize = train.dtypes.cast(
                    train.gather(train.shape(input), train.constant(0), train.constant(0)), TFloat32.class);
            Operand<TFloat32> unbias = train.math.div(batchSize, train.math.sub(batchSize, train.constant(1f)));
            Operand<TFloat32> trainLatent = forward(train, input, encoder, runningUpdates, unbias);
            Operand<TFloat32> trainProjection = forward(train, trainLatent, head, runningUpdates, unbias);
            trainLoss = SupConLoss.build(train, trainProjection, labels, temperature);

            List<ModelVariable> trainable = new ArrayList<>();
            for (ModelVariable v : all) {
                if (v.role() != Role.RUNNING_MEAN && v.role() != Role.RUNNING_VARIANCE) {
                    trainable.add(v);
                }
            }
            List<Operand<?>> targets = new ArrayList<>();
            for (ModelVariable v : trainable) {
                targets.add(v.variable());
            }
            Gradients gradients = train.gradients(trainLoss, targets);
            List<Op> gradientOps = new ArrayList<>();
            for (int i = 0; i < trainable.size(); i++) {
                gradientOps.add(gradients.dy(i));
            }
            // Every read of a variable in the forward and backward passes feeds some gradient; making all
            // writes wait for all gradients keeps the in-place ref-variable updates from racing those reads.
            Ops update = train.withSubScope("update").withControlDependencies(gradientOps);
            List<Op> updates = new ArrayList<>(runningUpdates);
            for (int i = 0; i < trainable.size(); i++) {
                ModelVariable v = trainable.get(i);
                ModelVariable m = addVariable(tf, all, v.name() + "/adam_m", Role.FIRST_MOMENT, v.shape(), new float[v.size()]);
                ModelVariable s = addVariable(tf, all, v.name() + "/adam_v", Role.SECOND_MOMENT, v.shape(), new float[v.size()]);
                updates.addAll(adamUpdate(update, v, m, s, gradients.dy(i)));
            }
            trainUpdate = tf.withName("train_step").withControlDependencies(updates).noOp();

            // Inference mode: running statistics.
            Ops inference = tf.withSubScope("inference");
            latent = forward(inference, input, encoder, null, null);
            inferenceLoss = SupConLoss.build(inference, forward(inference, latent, head, null, null), labels, temperature);

            this.variables = List.copyOf(all);
            this.session = new Session(graph, sessionConfig(deterministic));
            session.initialize();
        } catch (RuntimeException | Error e) {
            graph.close();
            throw e;
        }
    }

    /**
     * Builds the graph and the session and initialises the variables.
     *
     * @param deterministic one intra-op and one inter-op thread (bit-reproducible), else TensorFlow's defaults
     */
    public static ContrastiveModel create(ModelConfig config, OptimizerConfig optimizer, boolean deterministic) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(optimizer, "optimizer");
        return new ContrastiveModel(config, optimizer, deterministic);
    }

    public ModelConfig config() {
        return config;
    }

    public OptimizerConfig optimizer() {
        return optimizer;
    }

    /**
     * One optimisation step on one batch: forward in training mode, loss, update of every trainable variable
     * and of the BatchNorm running statistics.
     *
     * @param x            {@code [B, inputSize]} row-major network inputs (already preprocessed)
     * @param batchLabels  {@code [B]}; equal labels are positives
     * @param rate         learning rate for this step, finite and &gt;= 0
     * @param step         1-based index of this update (Adam bias correction)
     * @return the training-mode loss of the batch before the update
     * @throws IllegalArgumentException on a size mismatch, B &lt; 2, or a bad rate or step
     */
    public float trainStep(float[] x, int[] batchLabels, double rate, long step) {
        int batch = checkBatch(x, batchLabels);
        if (!(rate >= 0) || !Double.isFinite(rate)) {
            throw new IllegalArgumentException("learning rate must be finite and >= 0, got rate=" + rate);
        }
        if (step < 1) {
            throw new IllegalArgumentException("step must be >= 1 (1-based), got step=" + step);
        }
        float c1 = (float) (1.0 - StrictMath.pow(optimizer.beta1(), step));
        float c2 = (float) (1.0 - StrictMath.pow(optimizer.beta2(), step));
        try (TFloat32 xt = TFloat32.tensorOf(Shape.of(batch, config.inputSize()), DataBuffers.of(x, true, false));
             TInt32 lt = TInt32.tensorOf(Shape.of(batch), DataBuffers.of(batchLabels, true, false));
             TFloat32 lr = TFloat32.scalarOf((float) rate);
             TFloat32 b1 = TFloat32.scalarOf(c1);
             TFloat32 b2 = TFloat32.scalarOf(c2);
             Result result = session.runner().feed(input, xt).feed(labels, lt).feed(learningRate, lr)
                     .feed(firstMomentCorrection, b1).feed(secondMomentCorrection, b2)
                     .fetch(trainLoss).addTarget(trainUpdate).run()) {
            return ((TFloat32) result.get(0)).getFloat();
        }
    }

    /**
     * The loss of one batch in inference mode (BatchNorm with running statistics); changes nothing.
     *
     * @throws IllegalArgumentException on a size mismatch or B &lt; 2
     */
    public float loss(float[] x, int[] batchLabels) {
        int batch = checkBatch(x, batchLabels);
        try (TFloat32 xt = TFloat32.tensorOf(Shape.of(batch, config.inputSize()), DataBuffers.of(x, true, false));
             TInt32 lt = TInt32.tensorOf(Shape.of(batch), DataBuffers.of(batchLabels, true, false));
             Result result = session.runner().feed(input, xt).feed(labels, lt).fetch(inferenceLoss).run()) {
            return ((TFloat32) result.get(0)).getFloat();
        }
    }

    /**
     * The latent vectors of events in inference mode.
     *
     * @param x {@code [N, inputSize]} row-major network inputs, N &gt;= 1
     * @return {@code [N, latentSize]} row-major
     * @throws IllegalArgumentException if the length is not a positive multiple of {@code inputSize}
     */
    public float[] embed(float[] x) {
        requireOpen();
        int d = config.inputSize();
        if (x.length == 0 || x.length % d != 0) {
            throw new IllegalArgumentException("x must hold a positive whole number of events of " + d
                    + " features, got x.length=" + x.length);
        }
        int events = x.length / d;
        int latentSize = config.latentSize();
        float[] out = new float[events * latentSize];
        for (int start = 0; start < events; start += EMBED_CHUNK) {
            int n = Math.min(EMBED_CHUNK, events - start);
            float[] chunk = start == 0 && n == events ? x : Arrays.copyOfRange(x, start * d, (start + n) * d);
            try (TFloat32 xt = TFloat32.tensorOf(Shape.of(n, d), DataBuffers.of(chunk, true, false));
                 Result result = session.runner().feed(input, xt).fetch(latent).run()) {
                float[] part = new float[n * latentSize];
                ((TFloat32) result.get(0)).copyTo(DataBuffers.of(part, false, false));
                System.arraycopy(part, 0, out, start * latentSize, part.length);
            }
        }
        return out;
    }

    /** Names of every variable (weights, BatchNorm statistics, optimiser moments) in a fixed order. */
    public List<String> variableNames() {
        List<String> names = new ArrayList<>();
        for (ModelVariable v : variables) {
            names.add(v.name());
        }
        return List.copyOf(names);
    }

    /** The shape of a variable. */
    public List<Long> variableShape(String name) {
        ModelVariable v = variable(name);
        List<Long> shape = new ArrayList<>();
        for (long d : v.shape()) {
            shape.add(d);
        }
        return List.copyOf(shape);
    }

    /** A copy of every variable's current value (row-major), keyed and ordered by {@link #variableNames()}. */
    public Map<String, float[]> variableValues() {
        requireOpen();
        Session.Runner runner = session.runner();
        for (ModelVariable v : variables) {
            runner.fetch(v.variable());
        }
        Map<String, float[]> values = new LinkedHashMap<>();
        try (Result result = runner.run()) {
            for (int i = 0; i < variables.size(); i++) {
                ModelVariable v = variables.get(i);
                float[] value = new float[v.size()];
                ((TFloat32) result.get(i)).copyTo(DataBuffers.of(value, false, false));
                values.put(v.name(), value);
            }
        }
        return Collections.unmodifiableMap(values);
    }

    /**
     * Overwrites every variable, bit for bit (e.g. from a checkpoint).
     *
     * @param values exactly the names of {@link #variableNames()}, each with the right number of values
     * @throws IllegalArgumentException naming a missing, unknown or wrongly sized variable
     */
    public void setVariableValues(Map<String, float[]> values) {
        requireOpen();
        for (String name : values.keySet()) {
            variable(name);
        }
        Session.Runner runner = session.runner();
        List<TFloat32> tensors = new ArrayList<>();
        try {
            for (ModelVariable v : variables) {
                float[] value = values.get(v.name());
                if (value == null) {
                    throw new IllegalArgumentException("variable '" + v.name() + "' is missing from the values");
                }
                if (value.length != v.size()) {
                    throw new IllegalArgumentException("variable '" + v.name() + "' needs " + v.size()
                            + " values (shape " + Arrays.toString(v.shape()) + "), got " + value.length);
                }
                TFloat32 t = TFloat32.tensorOf(Shape.of(v.shape()), DataBuffers.of(value, true, false));
                tensors.add(t);
                runner.feed(v.newValue(), t).addTarget(v.assign());
            }
            runner.run().close();
        } finally {
            tensors.forEach(TFloat32::close);
        }
    }

    /**
     * The trained encoder as a float network: for every encoder block a Dense, then (where the block has one) an
     * unfolded BatchNorm with the running statistics and epsilon, then a LeakyReLU. Apply
     * {@link org.l1embed.quantization.network.BatchNormFolding#apply} to fold the BatchNorms.
     *
     * @param name  the spec name (an identifier)
     * @param input the input description; its size must equal {@code inputSize}
     * @throws IllegalArgumentException if the input size does not match
     */
    public NetworkSpec encoderSpec(String name, InputSpec input) {
        if (input.size() != config.inputSize()) {
            throw new IllegalArgumentException("input size " + input.size() + " does not match the model's inputSize="
                    + config.inputSize());
        }
        Map<String, float[]> values = variableValues();
        List<Layer> layers = new ArrayList<>();
        for (int i = 0; i < encoder.size(); i++) {
            Block b = encoder.get(i);
            layers.add(Dense.floating("dense_" + i,
                    Tensor.matrix(b.inputs(), b.outputs(), widen(values.get(b.kernel().name()))),
                    Tensor.vector(widen(values.get(b.bias().name())))));
            BatchNormVariables bn = b.batchNorm();
            if (bn != null) {
                layers.add(new BatchNorm("batch_norm_" + i, b.outputs(),
                        Tensor.vector(widen(values.get(bn.gamma().name()))), Tensor.vector(widen(values.get(bn.beta().name()))),
                        Tensor.vector(widen(values.get(bn.mean().name()))), Tensor.vector(widen(values.get(bn.variance().name()))),
                        config.batchNormEpsilon(), null, null, null));
            }
            if (b.activation()) {
                layers.add(new LeakyRelu("leaky_relu_" + i, b.outputs(), config.leakyReluAlpha(), null, null));
            }
        }
        return new NetworkSpec(name, input, layers);
    }

    /** {@link #encoderSpec(String, InputSpec)} with a flat input of {@code inputSize} values and no preprocessing. */
    public NetworkSpec encoderSpec(String name) {
        return encoderSpec(name, InputSpec.flat(config.inputSize(), null));
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            session.close();
            graph.close();
        }
    }

    // ---- graph construction ----

    private List<Block> blocks(Ops tf, String prefix, List<Integer> sizes, LatentBlock lastBlock, SplittableRandom rng,
                               List<ModelVariable> all) {
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i + 1 < sizes.size(); i++) {
            int in = sizes.get(i);
            int out = sizes.get(i + 1);
            boolean last = i + 2 == sizes.size();
            // Encoder: hidden blocks are full, the latent block follows LatentBlock. Head: the last block is Dense only.
            boolean batchNorm = last ? lastBlock != null && lastBlock.hasBatchNorm() : true;
            boolean activation = last ? lastBlock != null && lastBlock.hasActivation() : true;
            String name = prefix + "/dense_" + i;
            double bound = 1.0 / StrictMath.sqrt(in);
            ModelVariable kernel = addVariable(tf, all, name + "/kernel", Role.KERNEL, new long[] {in, out}, uniform(rng, in * out, bound));
            ModelVariable bias = addVariable(tf, all, name + "/bias", Role.BIAS, new long[] {out}, uniform(rng, out, bound));
            BatchNormVariables bn = null;
            if (batchNorm) {
                String bnName = prefix + "/batch_norm_" + i;
                long[] shape = {out};
                bn = new BatchNormVariables(
                        addVariable(tf, all, bnName + "/gamma", Role.GAMMA, shape, filled(out, 1f)),
                        addVariable(tf, all, bnName + "/beta", Role.BETA, shape, new float[out]),
                        addVariable(tf, all, bnName + "/running_mean", Role.RUNNING_MEAN, shape, new float[out]),
                        addVariable(tf, all, bnName + "/running_variance", Role.RUNNING_VARIANCE, shape, filled(out, 1f)));
            }
            blocks.add(new Block(name, in, out, kernel, bias, bn, activation));
        }
        return List.copyOf(blocks);
    }

    private static ModelVariable addVariable(Ops tf, List<ModelVariable> all, String name, Role role, long[] shape, float[] initial) {
        String opName = name.replace('/', '.');
        Ops init = tf.withInitScope();
        Variable<TFloat32> variable = init.withName(opName).variable(
                init.withName(opName + ".initial").constant(Shape.of(shape), DataBuffers.of(initial, true, false)));
        Placeholder<TFloat32> newValue = tf.withName(opName + ".new_value")
                .placeholder(TFloat32.class, Placeholder.shape(Shape.of(shape)));
        Op assign = tf.withName(opName + ".set").assign(variable, newValue);
        ModelVariable v = new ModelVariable(name, role, shape.clone(), variable, newValue, assign);
        all.add(v);
        return v;
    }

    /**
     * Forward through blocks. {@code runningUpdates != null} selects training mode (batch statistics, updates
     * appended there); null selects inference mode (running statistics).
     */
    private Operand<TFloat32> forward(Ops tf, Operand<TFloat32> x, List<Block> blocks, List<Op> runningUpdates,
                                      Operand<TFloat32> unbias) {
        Operand<TFloat32> h = x;
        Operand<TInt32> axis0 = tf.constant(0);
        Options alpha = org.tensorflow.op.nn.LeakyRelu.alpha((float) config.leakyReluAlpha());
        Operand<TFloat32> epsilon = tf.constant((float) config.batchNormEpsilon());
        for (Block b : blocks) {
            h = tf.math.add(tf.linalg.matMul(h, b.kernel().variable()), b.bias().variable());
            BatchNormVariables bn = b.batchNorm();
            if (bn != null) {
                Operand<TFloat32> mean;
                Operand<TFloat32> variance;
                if (runningUpdates != null) {
                    mean = tf.math.mean(h, axis0);
                    Operand<TFloat32> centred = tf.math.sub(h, mean);
                    variance = tf.math.mean(tf.math.square(centred), axis0);
                    Operand<TFloat32> scale = tf.math.mul(tf.math.rsqrt(tf.math.add(variance, epsilon)), bn.gamma().variable());
                    h = tf.math.add(tf.math.mul(centred, scale), bn.beta().variable());
                    runningUpdates.add(runningUpdate(tf, bn.mean(), mean));
                    runningUpdates.add(runningUpdate(tf, bn.variance(), tf.math.mul(variance, unbias)));
                } else {
                    Operand<TFloat32> scale = tf.math.mul(
                            tf.math.rsqrt(tf.math.add(bn.variance().variable(), epsilon)), bn.gamma().variable());
                    h = tf.math.add(tf.math.mul(tf.math.sub(h, bn.mean().variable()), scale), bn.beta().variable());
                }
            }
            if (b.activation()) {
                h = tf.nn.leakyRelu(h, alpha);
            }
        }
        return h;
    }

    private Op runningUpdate(Ops tf, ModelVariable running, Operand<TFloat32> batchValue) {
        float m = (float) config.batchNormMomentum();
        return tf.assign(running.variable(), tf.math.add(
                tf.math.mul(running.variable(), tf.constant(1f - m)), tf.math.mul(batchValue, tf.constant(m))));
    }

    private List<Op> adamUpdate(Ops tf, ModelVariable v, ModelVariable m, ModelVariable s, Operand<TFloat32> gradient) {
        float beta1 = (float) optimizer.beta1();
        float beta2 = (float) optimizer.beta2();
        boolean decayed = v.role() == Role.KERNEL && optimizer.weightDecay() > 0;
        Operand<TFloat32> decay = tf.constant((float) optimizer.weightDecay());
        Operand<TFloat32> g = gradient;
        if (decayed && optimizer.kind() == OptimizerConfig.Kind.ADAM) {
            g = tf.math.add(g, tf.math.mul(decay, v.variable()));
        }
        Operand<TFloat32> m1 = tf.math.add(tf.math.mul(tf.constant(beta1), m.variable()), tf.math.mul(tf.constant(1f - beta1), g));
        Operand<TFloat32> s1 = tf.math.add(tf.math.mul(tf.constant(beta2), s.variable()),
                tf.math.mul(tf.constant(1f - beta2), tf.math.square(g)));
        Operand<TFloat32> step = tf.math.div(tf.math.div(m1, firstMomentCorrection),
                tf.math.add(tf.math.sqrt(tf.math.div(s1, secondMomentCorrection)), tf.constant((float) optimizer.epsilon())));
        if (decayed && optimizer.kind() == OptimizerConfig.Kind.ADAMW) {
            step = tf.math.add(step, tf.math.mul(decay, v.variable()));
        }
        Operand<TFloat32> next = tf.math.sub(v.variable(), tf.math.mul(learningRate, step));
        return List.of(tf.assign(m.variable(), m1), tf.assign(s.variable(), s1), tf.assign(v.variable(), next));
    }

    private static ConfigProto sessionConfig(boolean deterministic) {
        ConfigProto.Builder builder = ConfigProto.newBuilder();
        if (deterministic) {
            builder.setIntraOpParallelismThreads(1).setInterOpParallelismThreads(1);
        }
        return builder.build();
    }

    // ---- helpers ----

    private int checkBatch(float[] x, int[] batchLabels) {
        requireOpen();
        int batch = batchLabels.length;
        if (batch < 2) {
            throw new IllegalArgumentException("a contrastive batch needs at least 2 events, got " + batch);
        }
        if (x.length != batch * config.inputSize()) {
            throw new IllegalArgumentException("x must hold " + batch + " events × " + config.inputSize() + " features = "
                    + batch * config.inputSize() + " values, got x.length=" + x.length);
        }
        return batch;
    }

    private ModelVariable variable(String name) {
        for (ModelVariable v : variables) {
            if (v.name().equals(name)) {
                return v;
            }
        }
        throw new IllegalArgumentException("unknown variable '" + name + "'; known: " + variableNames());
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("the model has been closed");
        }
    }

    private static float[] uniform(SplittableRandom rng, int n, double bound) {
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = (float) ((2 * rng.nextDouble() - 1) * bound);
        }
        return values;
    }

    private static float[] filled(int n, float value) {
        float[] values = new float[n];
        Arrays.fill(values, value);
        return values;
    }

    private static double[] widen(float[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }
}
