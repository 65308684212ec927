package org.l1embed.training.nuisance;

import org.l1embed.training.train.Seeds;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import org.l1embed.quantization.network.NetworkSpec;
import org.l1embed.quantization.network.Preprocessing;
import org.l1embed.training.data.EventSet;
import org.l1embed.training.data.JetEnergyScale;
import org.l1embed.training.data.ObjectThresholds;
import org.l1embed.training.model.ContrastiveModel;
import org.l1embed.training.model.ModelConfig;
import org.l1embed.training.model.OptimizerConfig;
import org.l1embed.training.model.SupConLoss;
import org.l1embed.training.preprocess.PtStandardization;
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
import org.tensorflow.op.nn.LeakyRelu;
import org.tensorflow.proto.ConfigProto;
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
 * uniformly from [−range, range]; both copies keep the event's class label for SupCon. The encoder, the
 * projection head and the classifier are all updated (Adam/AdamW as {@link ContrastiveModel}, weight decay on
 * Dense kernels only); BatchNorm uses the statistics of the whole 2B batch and updates the running statistics.
 *
 * <p><b>Where it starts.</b> {@link #start} copies every encoder and head variable of a trained
 * {@link ContrastiveModel} (through {@link ContrastiveModel#variableValues()}, so a model restored from a trainer
 * checkpoint works the same) into a separate graph owned by this object; the source model is not changed.
 * The optimiser moments start at zero. {@link #modelVariables()} gives the fine-tuned values back in the
 * source model's naming, ready for {@link ContrastiveModel#setVariableValues}.
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

    /** Mean training-mode losses of one epoch (over its steps). */
    public record EpochLosses(int epoch, double supCon, double param, double total) {
    }

    private record Var(String name, long[] shape, boolean kernel, boolean running, Variable<TFloat32> variable,
                       Placeholder<TFloat32> newValue, Op assign) {
        int size() {
            int n = 1;
            for (long d : shape) {
                n *= (int) d;
            }
            return n;
        }
    }

    private record Dense(String kernel, String bias, String gamma, String beta, String mean, String variance,
                         boolean activation) {
    }

    private final ModelConfig modelConfig;
    private final OptimizerConfig optimizer;
    private final NuisanceConfig config;
    private final Map<String, float[]> sourceValues;
    private final Map<String, long[]> sourceShapes = new java.util.HashMap<>();
    private final Graph graph;
    private final Session session;
    private final Map<String, Var> vars = new LinkedHashMap<>();
    private final List<Dense> encoder = new ArrayList<>();
    private final List<Dense> head = new ArrayList<>();
    private final List<List<Dense>> terms = new ArrayList<>();
    private Placeholder<TFloat32> input;
    private Placeholder<TInt32> labels;
    private Placeholder<TFloat32> nus;
    private Placeholder<TFloat32> targets;
    private Placeholder<TFloat32> learningRate;
    private Placeholder<TFloat32> c1;
    private Placeholder<TFloat32> c2;
    private Placeholder<TFloat32> latentIn;
    private Placeholder<TFloat32> nuIn;
    private Operand<TFloat32> supConLoss;
    private Operand<TFloat32> paramLoss;
    private Operand<TFloat32> totalLoss;
    private Op trainUpdate;
    private Operand<TFloat32> latent;
    private Operand<TFloat32> inferenceRatio;
    private long step;
    private boolean closed;

    private NuisanceFineTuner(ContrastiveModel trained, NuisanceConfig config, long seed, boolean deterministic) {
        this.modelConfig = trained.config();
        this.optimizer = trained.optimizer();
        this.config = config;
        this.sourceValues = trained.variableValues();
        for (String name : trained.variableNames()) {
            sourceShapes.put(name, trained.variableShape(name).stream().mapToLong(Long::longValue).toArray());
        }
        this.graph = new Graph();
        try {
            build(Ops.create(graph), new SplittableRandom(seed));
            ConfigProto.Builder proto = ConfigProto.newBuilder();
            if (deterministic) {
                proto.setIntraOpParallelismThreads(1).setInterOpParallelismThreads(1);
            }
            this.session = new Session(graph, proto.build());
            session.initialize();
        } catch (RuntimeException | Error e) {
            graph.close();
            throw e;
        }
    }

    /**
     * A fine-tuner starting from the current variables of {@code trained} (not changed, may be closed after this
     * returns).
     *
     * @param seed          seed of the classifier weights
     * @param deterministic one intra-op and one inter-op thread, as {@link ContrastiveModel#create}
     */
    public static NuisanceFineTuner start(ContrastiveModel trained, NuisanceConfig config, long seed, boolean deterministic) {
        Objects.requireNonNull(trained, "trained");
        Objects.requireNonNull(config, "config");
        return new NuisanceFineTuner(trained, config, seed, deterministic);
    }

    public NuisanceConfig config() {
        return config;
    }

    /**
     * Runs the fine-tuning.
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
     * Latent vectors of preprocessed network inputs, inference mode (BatchNorm running statistics).
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
             Result r = session.runner().feed(input, xt).fetch(latent).run()) {
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
             Result r = session.runner().feed(latentIn, zt).feed(nuIn, nt).fetch(inferenceRatio).run()) {
            float[] out = new float[events];
            ((TFloat32) r.get(0)).copyTo(DataBuffers.of(out, false, false));
            return out;
        }
    }

    /** The classifier's current weights, evaluated in Java. */
    public ParameterizedClassifier classifier() {
        Map<String, float[]> values = values();
        List<List<ParameterizedClassifier.DenseLayer>> layers = new ArrayList<>();
        for (List<Dense> term : terms) {
            List<ParameterizedClassifier.DenseLayer> t = new ArrayList<>();
            for (Dense dense : term) {
                long[] shape = vars.get(dense.kernel()).shape();
                t.add(new ParameterizedClassifier.DenseLayer((int) shape[0], (int) shape[1], values.get(dense.kernel()),
                        values.get(dense.bias())));
            }
            layers.add(t);
        }
        return ParameterizedClassifier.of(modelConfig.latentSize(), config.range(), modelConfig.leakyReluAlpha(), layers);
    }

    /**
     * Every variable of the source {@link ContrastiveModel}, named as there, with the encoder and head weights and
     * BatchNorm statistics (and their Adam moments) replaced by the fine-tuned ones; the classifier is not included.
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
        if (!closed) {
            closed = true;
            session.close();
            graph.close();
        }
    }

    // ---- training step ----

    private float[] trainStep(float[] x, int[] l, float[] nu, float[] y, double rate) {
        step++;
        float b1 = (float) (1.0 - StrictMath.pow(optimizer.beta1(), step));
        float b2 = (float) (1.0 - StrictMath.pow(optimizer.beta2(), step));
        int rows = l.length;
        try (TFloat32 xt = TFloat32.tensorOf(Shape.of(rows, modelConfig.inputSize()), DataBuffers.of(x, true, false));
             TInt32 lt = TInt32.tensorOf(Shape.of(rows), DataBuffers.of(l, true, false));
             TFloat32 nt = TFloat32.tensorOf(Shape.of(rows), DataBuffers.of(nu, true, false));
             TFloat32 yt = TFloat32.tensorOf(Shape.of(rows), DataBuffers.of(y, true, false));
             TFloat32 lr = TFloat32.scalarOf((float) rate);
             TFloat32 t1 = TFloat32.scalarOf(b1);
             TFloat32 t2 = TFloat32.scalarOf(b2);
             Result r = session.runner().feed(input, xt).feed(labels, lt).feed(nus, nt).feed(targets, yt)
                     .feed(learningRate, lr).feed(c1, t1).feed(c2, t2)
                     .fetch(supConLoss).fetch(paramLoss).fetch(totalLoss).addTarget(trainUpdate).run()) {
            return new float[] {((TFloat32) r.get(0)).getFloat(), ((TFloat32) r.get(1)).getFloat(), ((TFloat32) r.get(2)).getFloat()};
        }
    }

    // ---- graph ----

    private void build(Ops tf, SplittableRandom rng) {
        int d = modelConfig.latentSize();
        List<Integer> enc = modelConfig.encoderSizes();
        for (int i = 0; i + 1 < enc.size(); i++) {
            boolean last = i + 2 == enc.size();
            boolean bn = !last || modelConfig.latentBlock().hasBatchNorm();
            boolean act = !last || modelConfig.latentBlock().hasActivation();
            encoder.add(copied(tf, "encoder", i, bn, act));
        }
        List<Integer> hd = modelConfig.headSizes();
        for (int i = 0; i + 1 < hd.size(); i++) {
            boolean last = i + 2 == hd.size();
            head.add(copied(tf, "head", i, !last, !last));
        }
        for (int k = 1; k <= config.order(); k++) {
            List<Integer> sizes = new ArrayList<>();
            sizes.add(d);
            sizes.addAll(CLASSIFIER_HIDDEN);
            sizes.add(1);
            List<Dense> term = new ArrayList<>();
            for (int i = 0; i + 1 < sizes.size(); i++) {
                int in = sizes.get(i);
                int out = sizes.get(i + 1);
                String name = "nuisance/a" + k + "/dense_" + i;
                double bound = 1.0 / StrictMath.sqrt(in);
                addVar(tf, name + "/kernel", new long[] {in, out}, true, false, uniform(rng, in * out, bound));
                addVar(tf, name + "/bias", new long[] {out}, false, false, uniform(rng, out, bound));
                term.add(new Dense(name + "/kernel", name + "/bias", null, null, null, null, i + 2 < sizes.size()));
            }
            terms.add(term);
        }

        input = tf.withName("input").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, modelConfig.inputSize())));
        labels = tf.withName("labels").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
        nus = tf.withName("nu").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1)));
        targets = tf.withName("target").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1)));
        learningRate = tf.withName("learning_rate").placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
        c1 = tf.withName("c1").placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
        c2 = tf.withName("c2").placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
        latentIn = tf.withName("latent_in").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, d)));
        nuIn = tf.withName("nu_in").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1)));

        Ops train = tf.withSubScope("train");
        List<Op> running = new ArrayList<>();
        Operand<TFloat32> rows = train.dtypes.cast(train.gather(train.shape(input), train.constant(0), train.constant(0)), TFloat32.class);
        Operand<TFloat32> unbias = train.math.div(rows, train.math.sub(rows, train.constant(1f)));
        Operand<TFloat32> z = forward(train, input, encoder, running, unbias);
        Operand<TFloat32> projection = forward(train, z, head, running, unbias);
        supConLoss = SupConLoss.build(train, projection, labels, (float) modelConfig.temperature());
        Operand<TFloat32> f = ratio(train, z, nus);
        // Stable BCE with logits: max(f,0) − f·y + log(1 + e^−|f|).
        Operand<TFloat32> bce = train.math.add(train.math.sub(train.math.maximum(f, train.constant(0f)), train.math.mul(f, targets)),
                train.math.log1p(train.math.exp(train.math.neg(train.math.abs(f)))));
        paramLoss = train.math.mean(bce, train.constant(0));
        totalLoss = train.math.add(supConLoss, train.math.mul(train.constant((float) config.lambda()), paramLoss));

        List<Var> trainable = new ArrayList<>();
        for (Var v : vars.values()) {
            if (!v.running()) {
                trainable.add(v);
            }
        }
        List<Operand<?>> xs = new ArrayList<>();
        for (Var v : trainable) {
            xs.add(v.variable());
        }
        Gradients grads = train.gradients(totalLoss, xs);
        List<Op> gradOps = new ArrayList<>();
        for (int i = 0; i < trainable.size(); i++) {
            gradOps.add(grads.dy(i));
        }
        // As in ContrastiveModel: every write waits for every gradient, so in-place updates cannot race reads.
        Ops update = train.withSubScope("update").withControlDependencies(gradOps);
        List<Op> updates = new ArrayList<>(running);
        for (int i = 0; i < trainable.size(); i++) {
            Var v = trainable.get(i);
            Var m = addVar(tf, v.name() + "/adam_m", v.shape(), false, true, new float[v.size()]);
            Var s = addVar(tf, v.name() + "/adam_v", v.shape(), false, true, new float[v.size()]);
            updates.addAll(adam(update, v, m, s, grads.dy(i)));
        }
        trainUpdate = tf.withName("train_step").withControlDependencies(updates).noOp();

        Ops inference = tf.withSubScope("inference");
        latent = forward(inference, input, encoder, null, null);
        inferenceRatio = ratio(inference, latentIn, nuIn);
    }

    /** An encoder or head block whose variables start at the source model's values. */
    private Dense copied(Ops tf, String prefix, int i, boolean bn, boolean act) {
        String dense = prefix + "/dense_" + i;
        String norm = prefix + "/batch_norm_" + i;
        addVar(tf, dense + "/kernel", shapeOf(dense + "/kernel"), true, false, source(dense + "/kernel"));
        addVar(tf, dense + "/bias", shapeOf(dense + "/bias"), false, false, source(dense + "/bias"));
        if (bn) {
            long[] shape = shapeOf(norm + "/gamma");
            addVar(tf, norm + "/gamma", shape, false, false, source(norm + "/gamma"));
            addVar(tf, norm + "/beta", shape, false, false, source(norm + "/beta"));
            addVar(tf, norm + "/running_mean", shape, false, true, source(norm + "/running_mean"));
            addVar(tf, norm + "/running_variance", shape, false, true, source(norm + "/running_variance"));
            return new Dense(dense + "/kernel", dense + "/bias", norm + "/gamma", norm + "/beta", norm + "/running_mean",
                    norm + "/running_variance", act);
        }
        return new Dense(dense + "/kernel", dense + "/bias", null, null, null, null, act);
    }

    private float[] source(String name) {
        float[] v = sourceValues.get(name);
        if (v == null) {
            throw new IllegalStateException("the trained model has no variable '" + name + "'");
        }
        return v;
    }

    /** The shape of a variable of the trained model: its own list is the authority. */
    private long[] shapeOf(String name) {
        long[] shape = sourceShapes.get(name);
        if (shape == null) {
            throw new IllegalStateException("the trained model has no variable '" + name + "'");
        }
        return shape.clone();
    }

    private Var addVar(Ops tf, String name, long[] shape, boolean kernel, boolean running, float[] initial) {
        String op = name.replace('/', '.');
        Ops init = tf.withInitScope();
        Variable<TFloat32> variable = init.withName(op).variable(
                init.withName(op + ".initial").constant(Shape.of(shape), DataBuffers.of(initial, true, false)));
        Placeholder<TFloat32> nv = tf.withName(op + ".new_value").placeholder(TFloat32.class, Placeholder.shape(Shape.of(shape)));
        Op assign = tf.withName(op + ".set").assign(variable, nv);
        Var v = new Var(name, shape.clone(), kernel, running, variable, nv, assign);
        vars.put(name, v);
        return v;
    }

    private Operand<TFloat32> forward(Ops tf, Operand<TFloat32> x, List<Dense> blocks, List<Op> running, Operand<TFloat32> unbias) {
        Operand<TFloat32> h = x;
        Operand<TInt32> axis0 = tf.constant(0);
        LeakyRelu.Options alpha = LeakyRelu.alpha((float) modelConfig.leakyReluAlpha());
        Operand<TFloat32> eps = tf.constant((float) modelConfig.batchNormEpsilon());
        float m = (float) modelConfig.batchNormMomentum();
        for (Dense b : blocks) {
            h = tf.math.add(tf.linalg.matMul(h, v(b.kernel())), v(b.bias()));
            if (b.gamma() != null) {
                if (running != null) {
                    Operand<TFloat32> mean = tf.math.mean(h, axis0);
                    Operand<TFloat32> centred = tf.math.sub(h, mean);
                    Operand<TFloat32> variance = tf.math.mean(tf.math.square(centred), axis0);
                    h = tf.math.add(tf.math.mul(centred, tf.math.mul(tf.math.rsqrt(tf.math.add(variance, eps)), v(b.gamma()))), v(b.beta()));
                    running.add(tf.assign(v(b.mean()), tf.math.add(tf.math.mul(v(b.mean()), tf.constant(1f - m)), tf.math.mul(mean, tf.constant(m)))));
                    running.add(tf.assign(v(b.variance()), tf.math.add(tf.math.mul(v(b.variance()), tf.constant(1f - m)),
                            tf.math.mul(tf.math.mul(variance, unbias), tf.constant(m)))));
                } else {
                    Operand<TFloat32> scale = tf.math.mul(tf.math.rsqrt(tf.math.add(v(b.variance()), eps)), v(b.gamma()));
                    h = tf.math.add(tf.math.mul(tf.math.sub(h, v(b.mean())), scale), v(b.beta()));
                }
            }
            if (b.activation()) {
                h = tf.nn.leakyRelu(h, alpha);
            }
        }
        return h;
    }

    /** f(z, ν) = Σ a_k(z)·(ν/range)^k, shape [N]. */
    private Operand<TFloat32> ratio(Ops tf, Operand<TFloat32> z, Operand<TFloat32> nu) {
        Operand<TFloat32> t = tf.math.mul(nu, tf.constant((float) (1.0 / config.range())));
        Operand<TFloat32> power = tf.onesLike(t);
        Operand<TFloat32> f = tf.zerosLike(t);
        for (List<Dense> term : terms) {
            power = tf.math.mul(power, t);
            Operand<TFloat32> a = tf.reshape(forward(tf, z, term, null, null), tf.constant(new int[] {-1}));
            f = tf.math.add(f, tf.math.mul(a, power));
        }
        return f;
    }

    private List<Op> adam(Ops tf, Var v, Var m, Var s, Operand<TFloat32> g) {
        float beta1 = (float) optimizer.beta1();
        float beta2 = (float) optimizer.beta2();
        boolean decayed = v.kernel() && optimizer.weightDecay() > 0;
        Operand<TFloat32> decay = tf.constant((float) optimizer.weightDecay());
        if (decayed && optimizer.kind() == OptimizerConfig.Kind.ADAM) {
            g = tf.math.add(g, tf.math.mul(decay, v.variable()));
        }
        Operand<TFloat32> m1 = tf.math.add(tf.math.mul(tf.constant(beta1), m.variable()), tf.math.mul(tf.constant(1f - beta1), g));
        Operand<TFloat32> s1 = tf.math.add(tf.math.mul(tf.constant(beta2), s.variable()), tf.math.mul(tf.constant(1f - beta2), tf.math.square(g)));
        Operand<TFloat32> stepSize = tf.math.div(tf.math.div(m1, c1),
                tf.math.add(tf.math.sqrt(tf.math.div(s1, c2)), tf.constant((float) optimizer.epsilon())));
        if (decayed && optimizer.kind() == OptimizerConfig.Kind.ADAMW) {
            stepSize = tf.math.add(stepSize, tf.math.mul(decay, v.variable()));
        }
        Operand<TFloat32> next = tf.math.sub(v.variable(), tf.math.mul(learningRate, stepSize));
        return List.of(tf.assign(m.variable(), m1), tf.assign(s.variable(), s1), tf.assign(v.variable(), next));
    }

    private Variable<TFloat32> v(String name) {
        return vars.get(name).variable();
    }

    private Map<String, float[]> values() {
        requireOpen();
        List<Var> list = new ArrayList<>(vars.values());
        Session.Runner runner = session.runner();
        for (Var v : list) {
            runner.fetch(v.variable());
        }
        Map<String, float[]> out = new LinkedHashMap<>();
        try (Result r = runner.run()) {
            for (int i = 0; i < list.size(); i++) {
                float[] value = new float[list.get(i).size()];
                ((TFloat32) r.get(i)).copyTo(DataBuffers.of(value, false, false));
                out.put(list.get(i).name(), value);
            }
        }
        return out;
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("the fine-tuner has been closed");
        }
    }

    private static float[] uniform(SplittableRandom rng, int n, double bound) {
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = (float) ((2 * rng.nextDouble() - 1) * bound);
        }
        return out;
    }
}
