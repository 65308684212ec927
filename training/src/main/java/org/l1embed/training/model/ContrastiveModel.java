package org.l1embed.training.model;

import java.util.ArrayList;
import java.util.Arrays;
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
import org.l1embed.training.model.graph.AdamUpdate;
import org.l1embed.training.model.graph.BatchNormVariables;
import org.l1embed.training.model.graph.GraphSession;
import org.l1embed.training.model.graph.GraphVariables;
import org.l1embed.training.model.graph.InitialValues;
import org.l1embed.training.model.graph.MlpBlock;
import org.l1embed.training.model.graph.MlpForward;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
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

    private final ModelConfig config;
    private final OptimizerConfig optimizer;
    private final GraphSession graph;
    private final Placeholder<TFloat32> input;
    private final Placeholder<TInt32> labels;
    private final AdamUpdate adam;
    private final Operand<TFloat32> trainLoss;
    private final Op trainUpdate;
    private final Operand<TFloat32> inferenceLoss;
    private final Operand<TFloat32> latent;
    private final List<MlpBlock> encoder;
    private final GraphVariables variables;

    private ContrastiveModel(ModelConfig config, OptimizerConfig optimizer, boolean deterministic) {
        this.config = config;
        this.optimizer = optimizer;
        this.graph = new GraphSession();
        try {
            Ops tf = graph.ops();
            variables = new GraphVariables(tf);
            InitialValues initial = InitialValues.pytorchDefaults(new SplittableRandom(config.seed()));
            this.encoder = MlpBlock.encoder(variables, config, initial);
            List<MlpBlock> head = MlpBlock.head(variables, config, initial);

            input = tf.withName("input").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, config.inputSize())));
            labels = tf.withName("labels").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
            adam = AdamUpdate.create(tf, optimizer);
            float temperature = (float) config.temperature();
            MlpForward forward = MlpForward.of(config);

            // Training mode: batch statistics, running-statistics updates collected on the way.
            Ops train = tf.withSubScope("train");
            MlpForward.TrainingPass pass = forward.training(train, input);
            Operand<TFloat32> trainLatent = pass.apply(input, encoder);
            trainLoss = SupConLoss.build(train, pass.apply(trainLatent, head), labels, temperature);
            List<Op> updates = adam.minimize(train, trainLoss, variables.trainable(), variables, pass.runningUpdates());
            trainUpdate = tf.withName("train_step").withControlDependencies(updates).noOp();

            // Inference mode: running statistics.
            Ops inference = tf.withSubScope("inference");
            latent = forward.inference(inference, input, encoder);
            inferenceLoss = SupConLoss.build(inference, forward.inference(inference, latent, head), labels, temperature);

            graph.open(deterministic);
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
        Session.Runner runner = graph.session().runner();
        try (AdamUpdate.StepInputs stepInputs = adam.feed(runner, rate, step);
             TFloat32 xt = TFloat32.tensorOf(Shape.of(batch, config.inputSize()), DataBuffers.of(x, true, false));
             TInt32 lt = TInt32.tensorOf(Shape.of(batch), DataBuffers.of(batchLabels, true, false));
             Result result = runner.feed(input, xt).feed(labels, lt).fetch(trainLoss).addTarget(trainUpdate).run()) {
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
             Result result = graph.session().runner().feed(input, xt).feed(labels, lt).fetch(inferenceLoss).run()) {
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
                 Result result = graph.session().runner().feed(input, xt).fetch(latent).run()) {
                float[] part = new float[n * latentSize];
                ((TFloat32) result.get(0)).copyTo(DataBuffers.of(part, false, false));
                System.arraycopy(part, 0, out, start * latentSize, part.length);
            }
        }
        return out;
    }

    /** Names of every variable (weights, BatchNorm statistics, optimiser moments) in a fixed order. */
    public List<String> variableNames() {
        return variables.names();
    }

    /** The shape of a variable. */
    public List<Long> variableShape(String name) {
        List<Long> shape = new ArrayList<>();
        for (long d : variables.get(name).shape()) {
            shape.add(d);
        }
        return List.copyOf(shape);
    }

    /** A copy of every variable's current value (row-major), keyed and ordered by {@link #variableNames()}. */
    public Map<String, float[]> variableValues() {
        requireOpen();
        return variables.read(graph.session());
    }

    /**
     * Overwrites every variable, bit for bit (e.g. from a checkpoint).
     *
     * @param values exactly the names of {@link #variableNames()}, each with the right number of values
     * @throws IllegalArgumentException naming a missing, unknown or wrongly sized variable
     */
    public void setVariableValues(Map<String, float[]> values) {
        requireOpen();
        variables.write(graph.session(), values);
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
            MlpBlock b = encoder.get(i);
            layers.add(Dense.floating("dense_" + i,
                    Tensor.matrix(b.inputs(), b.outputs(), widen(values.get(b.kernel().name()))),
                    Tensor.vector(widen(values.get(b.bias().name())))));
            BatchNormVariables bn = b.batchNorm();
            if (bn != null) {
                layers.add(new BatchNorm("batch_norm_" + i, b.outputs(),
                        Tensor.vector(widen(values.get(bn.gamma().name()))), Tensor.vector(widen(values.get(bn.beta().name()))),
                        Tensor.vector(widen(values.get(bn.runningMean().name()))),
                        Tensor.vector(widen(values.get(bn.runningVariance().name()))),
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
        graph.close();
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

    private void requireOpen() {
        if (graph.isClosed()) {
            throw new IllegalStateException("the model has been closed");
        }
    }

    private static double[] widen(float[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }
}
