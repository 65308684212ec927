package org.l1embed.training.nuisance;

import org.l1embed.training.train.Seeds;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import org.l1embed.events.EventSet;
import org.l1embed.events.JetEnergyScale;
import org.l1embed.events.ObjectThresholds;
import org.l1embed.quantization.bundle.NuisanceModel;
import org.l1embed.quantization.network.NetworkSpec;
import org.l1embed.quantization.network.Preprocessing;
import org.l1embed.training.model.ContrastiveModel;
import org.l1embed.training.model.ModelConfig;
import org.l1embed.training.model.OptimizerConfig;
import org.l1embed.training.model.SupConLoss;
import org.l1embed.training.model.graph.AdamUpdate;
import org.l1embed.training.model.graph.GraphSession;
import org.l1embed.training.model.graph.GraphVariable;
import org.l1embed.training.model.graph.GraphVariables;
import org.l1embed.training.model.graph.InitialValues;
import org.l1embed.training.model.graph.MlpBlock;
import org.l1embed.training.model.graph.MlpForward;
import org.l1embed.training.model.graph.VariableRole;
import org.l1embed.training.preprocess.PtStandardization;
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
 * Fine-tunes a trained contrastive encoder with a ν-parameterized density-ratio classifier on its latent z
 * (physics.md, "Systematic uncertainties in the latent space"):
 *
 * <pre>
 *   f(z, ν)  = Σ_{k=1..order} a_k(z)·(ν/range)^k          a_k: d → 16 → 16 → 1, LeakyReLU
 *   L_param  = mean over 2B rows of BCE(sigmoid f, y)       y = 0 nominal, 1 shifted by the row's ν
 *   L        = L_SupCon + λ·L_param
 * </pre>
 *
 * The minimiser of L_param with equal numbers of nominal and shifted rows is f = log(n_ν(z)/n_0(z)) (the
 * likelihood-ratio trick). Each batch holds B source events twice: nominal and shifted by its own ν drawn
 * uniformly from [−range, range]; both copies keep the event's class label for SupCon.
 *
 * <p><b>What is trained</b> depends on the {@link Mode} given to {@link #start}. In {@link Mode#FINE_TUNE} the
 * encoder, the projection head and the classifier are all updated on L (Adam/AdamW as {@link ContrastiveModel},
 * weight decay on Dense kernels only); BatchNorm uses the statistics of the whole 2B batch and updates the running
 * statistics. In {@link Mode#CLASSIFIER_ONLY} only the a_k are updated, on L_param alone, on the latent of the
 * unchanged encoder in inference mode; this is the "before fine-tuning" reference for systematics studies.
 *
 * <p><b>Where it starts.</b> {@link #start} copies every encoder and head variable of a trained
 * {@link ContrastiveModel} (through {@link ContrastiveModel#variableValues()}, so a model restored from a trainer
 * checkpoint works the same) into a separate graph owned by this object; the source model is not changed.
 * The optimiser moments start at zero. {@link #modelVariables()} gives the fine-tuned values back in the
 * source model's naming, ready for {@link ContrastiveModel#setVariableValues}. The graph's variables are named as
 * in the source model; the classifier's are {@code nuisance/a<k>/dense_<i>/kernel} and {@code …/bias}.
 *
 * <p><b>Shifts and preprocessing.</b> {@link #fit} takes the source events <em>before</em> the final object
 * thresholds (e.g. generated with the jet threshold at the generator's jet floor), so that jets migrate both ways:
 * nominal = {@code JetEnergyScale.apply(source, 0, thresholds)}, shifted = {@code JetEnergyScale.apply(source,
 * ν, thresholds)}. Both are turned into network inputs with the same, nominal {@link Preprocessing}; it is never
 * re-fitted.
 *
 * <p>Not thread-safe. Close it to free the native graph and session.
 */
public final class NuisanceFineTuner implements AutoCloseable {

    /** Widths of the hidden layers of every a_k. */
    public static final List<Integer> CLASSIFIER_HIDDEN = List.of(16, 16);

    /** Which variables {@link #fit} updates. */
    public enum Mode {
        /**
         * Encoder, projection head and classifier, on L = L_SupCon + λ·L_param; the encoder runs in training mode
         * (BatchNorm with the 2B-row batch statistics) and the BatchNorm running statistics are updated.
         */
        FINE_TUNE,
        /**
         * The classifier only, on L_param (λ does not enter the update). The encoder and head run in inference mode
         * (BatchNorm with the running statistics), so the a_k see exactly the latent the deployed encoder gives;
         * their weights, running statistics and Adam moments stay as in the source model, bit for bit.
         */
        CLASSIFIER_ONLY
    }

    /**
     * How long and how fast to fine-tune.
     *
     * @param epochs       passes over the source events, &gt;= 1
     * @param batchSize    source events per step (2·batchSize rows), &gt;= 2
     * @param learningRate constant Adam learning rate, finite and &gt; 0
     * @param seed         seed of the classifier initialisation, the shuffles and the ν draws
     */
    public record Schedule(int epochs, int batchSize, double learningRate, long seed) {
        public Schedule {
            if (epochs < 1) {
                throw new IllegalArgumentException("epochs must be >= 1, got epochs=" + epochs);
            }
            if (batchSize < 2) {
                throw new IllegalArgumentException("batchSize must be >= 2, got batchSize=" + batchSize);
            }
            if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
                throw new IllegalArgumentException("learningRate must be finite and > 0, got learningRate=" + learningRate);
            }
        }
    }

    /**
     * Mean losses of one epoch (over its steps), each computed on the batch before the step's update.
     *
     * @param supCon L_SupCon of the 2B rows: in {@link Mode#FINE_TUNE} in training mode (the minimised term); in
     *               {@link Mode#CLASSIFIER_ONLY} of the frozen encoder and head in inference mode, reported for
     *               reference and not minimised
     * @param param  L_param
     * @param total  L_SupCon + λ·L_param in either mode (minimised only in {@link Mode#FINE_TUNE})
     */
    public record EpochLosses(int epoch, double supCon, double param, double total) {
    }

    private final ModelConfig modelConfig;
    private final OptimizerConfig optimizer;
    private final NuisanceConfig config;
    private final Mode mode;
    private final Map<String, float[]> sourceValues;
    private final Map<String, long[]> sourceShapes = new HashMap<>();
    private final GraphSession graph;
    private GraphVariables variables;
    private List<MlpBlock> encoder;
    private final List<List<MlpBlock>> terms = new ArrayList<>();
    private AdamUpdate adam;
    private Placeholder<TFloat32> input;
    private Placeholder<TInt32> labels;
    private Placeholder<TFloat32> nus;
    private Placeholder<TFloat32> targets;
    private Placeholder<TFloat32> latentIn;
    private Placeholder<TFloat32> nuIn;
    private Operand<TFloat32> supConLoss;
    private Operand<TFloat32> paramLoss;
    private Operand<TFloat32> totalLoss;
    private Op trainUpdate;
    private Operand<TFloat32> latent;
    private Operand<TFloat32> inferenceRatio;
    private long step;

    private NuisanceFineTuner(ContrastiveModel trained, NuisanceConfig config, Mode mode, long seed, boolean deterministic) {
        this.modelConfig = trained.config();
        this.optimizer = trained.optimizer();
        this.config = config;
        this.mode = mode;
        this.sourceValues = trained.variableValues();
        for (String name : trained.variableNames()) {
            sourceShapes.put(name, trained.variableShape(name).stream().mapToLong(Long::longValue).toArray());
        }
        this.graph = new GraphSession();
        try {
            build(graph.ops(), new SplittableRandom(seed));
            graph.open(deterministic);
        } catch (RuntimeException | Error e) {
            graph.close();
            throw e;
        }
    }

    /**
     * A fine-tuner in {@link Mode#FINE_TUNE} starting from the current variables of {@code trained} (not changed,
     * may be closed after this returns).
     *
     * @param seed          seed of the classifier weights
     * @param deterministic one intra-op and one inter-op thread, as {@link ContrastiveModel#create}
     */
    public static NuisanceFineTuner start(ContrastiveModel trained, NuisanceConfig config, long seed, boolean deterministic) {
        return start(trained, config, Mode.FINE_TUNE, seed, deterministic);
    }

    /**
     * A fine-tuner starting from the current variables of {@code trained} (not changed, may be closed after this
     * returns) that trains what {@code mode} says. With the same seed both modes start from the same classifier
     * weights.
     *
     * @param seed          seed of the classifier weights
     * @param deterministic one intra-op and one inter-op thread, as {@link ContrastiveModel#create}
     */
    public static NuisanceFineTuner start(ContrastiveModel trained, NuisanceConfig config, Mode mode, long seed,
                                          boolean deterministic) {
        Objects.requireNonNull(trained, "trained");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(mode, "mode");
        return new NuisanceFineTuner(trained, config, mode, seed, deterministic);
    }

    public NuisanceConfig config() {
        return config;
    }

    public Mode mode() {
        return mode;
    }

    /**
     * Runs the fine-tuning (or, in {@link Mode#CLASSIFIER_ONLY}, the classifier fit). A second call continues from
     * the current variables and Adam state.
     *
     * @param source      events before the final object thresholds; labels are the SupCon classes
     * @param thresholds  object thresholds applied after every shift (also for ν = 0)
     * @param nominal     the nominal preprocessing (raw 57 features → network inputs), never re-fitted
     * @param schedule    epochs, batch size, learning rate, seed
     * @return the mean losses of every epoch
     * @throws IllegalArgumentException if there are fewer events than one batch
     */
    public List<EpochLosses> fit(EventSet source, ObjectThresholds thresholds, Preprocessing nominal, Schedule schedule) {
        requireOpen();
        int n = source.size();
        int b = schedule.batchSize();
        if (n < b) {
            throw new IllegalArgumentException("need at least batchSize=" + b + " source events, got " + n);
        }
        int features = modelConfig.inputSize();
        float[] nominalX = PtStandardization.applyAll(nominal, JetEnergyScale.apply(source, 0.0, thresholds).networkFeatures(), features);
        int[] eventLabels = source.labels();
        SplittableRandom rng = new SplittableRandom(schedule.seed());
        List<EpochLosses> history = new ArrayList<>();
        float[] x = new float[2 * b * features];
        int[] l = new int[2 * b];
        float[] nu = new float[2 * b];
        float[] y = new float[2 * b];
        Arrays.fill(y, b, 2 * b, 1f);
        for (int epoch = 1; epoch <= schedule.epochs(); epoch++) {
            int[] order = Seeds.permutation(n, rng);
            double sumS = 0;
            double sumP = 0;
            double sumT = 0;
            int steps = 0;
            for (int start = 0; start + b <= n; start += b) {
                for (int i = 0; i < b; i++) {
                    int e = order[start + i];
                    double v = (2 * rng.nextDouble() - 1) * config.range();
                    System.arraycopy(nominalX, e * features, x, i * features, features);
                    float[] shifted = shiftedFeatures(source, e, v, thresholds);
                    float[] pre = PtStandardization.applyAll(nominal, shifted, features);
                    System.arraycopy(pre, 0, x, (b + i) * features, features);
                    l[i] = eventLabels[e];
                    l[b + i] = eventLabels[e];
                    nu[i] = (float) v;
                    nu[b + i] = (float) v;
                }
                float[] losses = trainStep(x, l, nu, y, schedule.learningRate());
                sumS += losses[0];
                sumP += losses[1];
                sumT += losses[2];
                steps++;
            }
            history.add(new EpochLosses(epoch, sumS / steps, sumP / steps, sumT / steps));
        }
        return List.copyOf(history);
    }

    /** The raw 57 network features of one source event after a shift by ν and the thresholds. */
    static float[] shiftedFeatures(EventSet source, int event, double nu, ObjectThresholds thresholds) {
        return JetEnergyScale.apply(source.subset(new int[] {event}), nu, thresholds).networkFeatures();
    }

    /**
     * Latent vectors of preprocessed network inputs, inference mode (BatchNorm running statistics). In
     * {@link Mode#CLASSIFIER_ONLY} these are the source model's {@link ContrastiveModel#embed} values, bit for bit
     * when both run deterministically.
     *
     * @param x {@code [N, inputSize]} row-major, N &gt;= 1
     * @return {@code [N, latentSize]} row-major
     */
    public float[] embed(float[] x) {
        requireOpen();
        int d = modelConfig.inputSize();
        if (x.length == 0 || x.length % d != 0) {
            throw new IllegalArgumentException("x must hold a positive whole number of events of " + d + " features, got x.length=" + x.length);
        }
        int events = x.length / d;
        try (TFloat32 xt = TFloat32.tensorOf(Shape.of(events, d), DataBuffers.of(x, true, false));
             Result r = graph.session().runner().feed(input, xt).fetch(latent).run()) {
            float[] out = new float[events * modelConfig.latentSize()];
            ((TFloat32) r.get(0)).copyTo(DataBuffers.of(out, false, false));
            return out;
        }
    }

    /**
     * f(z, ν) for one latent vector: the learned log(n_ν(z)/n_0(z)).
     *
     * @throws IllegalArgumentException if {@code z.length != latentSize} or ν is not finite
     */
    public double logRatio(float[] z, double nu) {
        if (z.length != modelConfig.latentSize()) {
            throw new IllegalArgumentException("z must have latentSize=" + modelConfig.latentSize() + " values, got z.length=" + z.length);
        }
        return logRatios(z, nu)[0];
    }

    /**
     * f(z, ν) for many latent vectors at one ν.
     *
     * @param z {@code [N, latentSize]} row-major, N &gt;= 1
     */
    public float[] logRatios(float[] z, double nu) {
        requireOpen();
        int d = modelConfig.latentSize();
        if (z.length == 0 || z.length % d != 0) {
            throw new IllegalArgumentException("z must hold a positive whole number of latent vectors of " + d + " values, got z.length=" + z.length);
        }
        if (!Double.isFinite(nu)) {
            throw new IllegalArgumentException("nu must be finite, got nu=" + nu);
        }
        int events = z.length / d;
        float[] nuv = new float[events];
        Arrays.fill(nuv, (float) nu);
        try (TFloat32 zt = TFloat32.tensorOf(Shape.of(events, d), DataBuffers.of(z, true, false));
             TFloat32 nt = TFloat32.tensorOf(Shape.of(events), DataBuffers.of(nuv, true, false));
             Result r = graph.session().runner().feed(latentIn, zt).feed(nuIn, nt).fetch(inferenceRatio).run()) {
            float[] out = new float[events];
            ((TFloat32) r.get(0)).copyTo(DataBuffers.of(out, false, false));
            return out;
        }
    }

    /**
     * The classifier's current weights as the bundle's nuisance model ({@link NuisanceModel#FILE}), evaluated in Java.
     *
     * @param trainedOn what it was trained on, for the file
     */
    public NuisanceModel classifier(String trainedOn) {
        Map<String, float[]> values = values();
        List<NuisanceModel.Mlp> mlps = new ArrayList<>();
        for (List<MlpBlock> term : terms) {
            List<NuisanceModel.DenseLayer> t = new ArrayList<>();
            for (MlpBlock dense : term) {
                t.add(new NuisanceModel.DenseLayer(dense.inputs(), dense.outputs(), values.get(dense.kernel().name()),
                        values.get(dense.bias().name())));
            }
            mlps.add(new NuisanceModel.Mlp(t));
        }
        return new NuisanceModel(config.nuisance().name().toLowerCase(java.util.Locale.ROOT), modelConfig.latentSize(), config.range(),
                modelConfig.leakyReluAlpha(), mlps, trainedOn);
    }

    /**
     * Every variable of the source {@link ContrastiveModel}, named as there, with the encoder and head weights and
     * BatchNorm statistics (and their Adam moments) replaced by the fine-tuned ones; the classifier is not included.
     * In {@link Mode#CLASSIFIER_ONLY} every value equals the source model's, bit for bit (the frozen variables are
     * read back from this graph, the Adam moments, which this graph does not have, copied from the source).
     */
    public Map<String, float[]> modelVariables() {
        Map<String, float[]> tuned = values();
        Map<String, float[]> out = new LinkedHashMap<>();
        for (Map.Entry<String, float[]> e : sourceValues.entrySet()) {
            float[] v = tuned.get(e.getKey());
            out.put(e.getKey(), v != null ? v : e.getValue().clone());
        }
        return out;
    }

    /**
     * The fine-tuned encoder as a float network, exactly as {@link ContrastiveModel#encoderSpec(String)} extracts
     * it (a throw-away model is loaded with {@link #modelVariables()}).
     */
    public NetworkSpec encoderSpec(String name) {
        try (ContrastiveModel model = ContrastiveModel.create(modelConfig, optimizer, true)) {
            model.setVariableValues(modelVariables());
            return model.encoderSpec(name);
        }
    }

    @Override
    public void close() {
        graph.close();
    }

    // ---- training step ----

    private float[] trainStep(float[] x, int[] l, float[] nu, float[] y, double rate) {
        step++;
        int rows = l.length;
        Session.Runner runner = graph.session().runner();
        try (AdamUpdate.StepInputs stepInputs = adam.feed(runner, rate, step);
             TFloat32 xt = TFloat32.tensorOf(Shape.of(rows, modelConfig.inputSize()), DataBuffers.of(x, true, false));
             TInt32 lt = TInt32.tensorOf(Shape.of(rows), DataBuffers.of(l, true, false));
             TFloat32 nt = TFloat32.tensorOf(Shape.of(rows), DataBuffers.of(nu, true, false));
             TFloat32 yt = TFloat32.tensorOf(Shape.of(rows), DataBuffers.of(y, true, false));
             Result r = runner.feed(input, xt).feed(labels, lt).feed(nus, nt).feed(targets, yt)
                     .fetch(supConLoss).fetch(paramLoss).fetch(totalLoss).addTarget(trainUpdate).run()) {
            return new float[] {((TFloat32) r.get(0)).getFloat(), ((TFloat32) r.get(1)).getFloat(), ((TFloat32) r.get(2)).getFloat()};
        }
    }

    // ---- graph ----

    /** The encoder pass that gives z, the head's projection and the running-statistics updates to run with a step. */
    private record Encoded(Operand<TFloat32> z, Operand<TFloat32> projection, List<Op> runningUpdates) {
    }

    private void build(Ops tf, SplittableRandom rng) {
        int d = modelConfig.latentSize();
        variables = new GraphVariables(tf);
        encoder = MlpBlock.encoder(variables, modelConfig, this::sourceValue);
        List<MlpBlock> head = MlpBlock.head(variables, modelConfig, this::sourceValue);
        InitialValues classifierInit = InitialValues.pytorchDefaults(rng);
        List<GraphVariable> classifierVariables = new ArrayList<>();
        for (int k = 1; k <= config.order(); k++) {
            List<Integer> sizes = new ArrayList<>();
            sizes.add(d);
            sizes.addAll(CLASSIFIER_HIDDEN);
            sizes.add(1);
            List<MlpBlock> term = MlpBlock.stack(variables, "nuisance/a" + k, sizes, MlpBlock.Kind.DENSE_LEAKY_RELU,
                    MlpBlock.Kind.DENSE, classifierInit);
            for (MlpBlock block : term) {
                classifierVariables.add(block.kernel());
                classifierVariables.add(block.bias());
            }
            terms.add(term);
        }

        input = tf.withName("input").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, modelConfig.inputSize())));
        labels = tf.withName("labels").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
        nus = tf.withName("nu").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1)));
        targets = tf.withName("target").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1)));
        adam = AdamUpdate.create(tf, optimizer);
        latentIn = tf.withName("latent_in").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, d)));
        nuIn = tf.withName("nu_in").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1)));

        MlpForward forward = MlpForward.of(modelConfig);
        Ops train = tf.withSubScope("train");
        Encoded encoded = switch (mode) {
            case FINE_TUNE -> {
                MlpForward.TrainingPass pass = forward.training(train, input);
                Operand<TFloat32> z = pass.apply(input, encoder);
                Operand<TFloat32> projection = pass.apply(z, head);
                yield new Encoded(z, projection, pass.runningUpdates());
            }
            case CLASSIFIER_ONLY -> {
                Operand<TFloat32> z = forward.inference(train, input, encoder);
                yield new Encoded(z, forward.inference(train, z, head), List.of());
            }
        };
        supConLoss = SupConLoss.build(train, encoded.projection(), labels, (float) modelConfig.temperature());
        Operand<TFloat32> f = ratio(train, encoded.z(), nus);
        // Stable BCE with logits: max(f,0) − f·y + log(1 + e^−|f|).
        Operand<TFloat32> bce = train.math.add(train.math.sub(train.math.maximum(f, train.constant(0f)), train.math.mul(f, targets)),
                train.math.log1p(train.math.exp(train.math.neg(train.math.abs(f)))));
        paramLoss = train.math.mean(bce, train.constant(0));
        totalLoss = train.math.add(supConLoss, train.math.mul(train.constant((float) config.lambda()), paramLoss));

        List<Op> updates = switch (mode) {
            case FINE_TUNE -> adam.minimize(train, totalLoss, variables.trainable(), variables, encoded.runningUpdates());
            case CLASSIFIER_ONLY -> adam.minimize(train, paramLoss, classifierVariables, variables, encoded.runningUpdates());
        };
        trainUpdate = tf.withName("train_step").withControlDependencies(updates).noOp();

        Ops inference = tf.withSubScope("inference");
        latent = forward.inference(inference, input, encoder);
        inferenceRatio = ratio(inference, latentIn, nuIn);
    }

    /** Initial values of the encoder and head: the source model's, whose own variable list is the authority on shapes. */
    private float[] sourceValue(String name, VariableRole role, long[] shape, int fanIn) {
        float[] value = sourceValues.get(name);
        long[] sourceShape = sourceShapes.get(name);
        if (value == null || sourceShape == null) {
            throw new IllegalStateException("the trained model has no variable '" + name + "'");
        }
        if (!Arrays.equals(sourceShape, shape)) {
            throw new IllegalStateException("variable '" + name + "' has shape " + Arrays.toString(sourceShape)
                    + " in the trained model, but its config implies " + Arrays.toString(shape));
        }
        return value;
    }

    /** f(z, ν) = Σ a_k(z)·(ν/range)^k, shape [N]. */
    private Operand<TFloat32> ratio(Ops tf, Operand<TFloat32> z, Operand<TFloat32> nu) {
        Operand<TFloat32> t = tf.math.mul(nu, tf.constant((float) (1.0 / config.range())));
        Operand<TFloat32> power = tf.onesLike(t);
        Operand<TFloat32> f = tf.zerosLike(t);
        MlpForward forward = MlpForward.of(modelConfig);
        for (List<MlpBlock> term : terms) {
            power = tf.math.mul(power, t);
            Operand<TFloat32> a = tf.reshape(forward.inference(tf, z, term), tf.constant(new int[] {-1}));
            f = tf.math.add(f, tf.math.mul(a, power));
        }
        return f;
    }

    private Map<String, float[]> values() {
        requireOpen();
        return variables.read(graph.session());
    }

    private void requireOpen() {
        if (graph.isClosed()) {
            throw new IllegalStateException("the fine-tuner has been closed");
        }
    }
}
