package org.l1embed.cli.jobs;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.l1embed.analysis.score.MahalanobisScore;
import org.l1embed.events.EventLayout;
import org.l1embed.events.EventSet;
import org.l1embed.events.Process;
import org.l1embed.events.synthetic.SyntheticEvents;
import org.l1embed.hls.bundle.BundleTestbench;
import org.l1embed.quantization.bundle.AnomalyScore;
import org.l1embed.quantization.bundle.BundleWriter;
import org.l1embed.quantization.bundle.ExistingTarget;
import org.l1embed.quantization.bundle.ModelBundle;
import org.l1embed.quantization.bundle.Provenance;
import org.l1embed.quantization.emulator.EmulationResult;
import org.l1embed.quantization.emulator.Emulator;
import org.l1embed.quantization.emulator.FloatNetwork;
import org.l1embed.quantization.network.NetworkSpec;
import org.l1embed.quantization.network.Preprocessing;
import org.l1embed.training.export.BundleExporter;
import org.l1embed.training.preprocess.PtStandardization;
import org.l1embed.training.quantize.ptq.PostTrainingQuantization;
import org.l1embed.training.quantize.ptq.PrecisionConfig;
import org.l1embed.training.quantize.ptq.QuantizationReport;
import org.l1embed.training.quantize.qat.QuantizationAwareTraining;

/**
 * Quantization of a float model bundle: read the bundle (checksums verified) → synthetic background calibration events
 * (the cocktail of {@link SyntheticEvents}) → the bundle's own preprocessing, never re-fitted → profiled types
 * ({@link PostTrainingQuantization}) → optionally quantization-aware fine-tuning of the dense weights
 * ({@link QuantizationAwareTraining}: distillation of the float latent through the emulator's own conversions, the best
 * epoch on separate validation events kept) → the float, post-training and fine-tuned networks evaluated on independent
 * events (mean |Δlatent| against float; per signal the AUC and efficiencies of a Mahalanobis anomaly score fitted on the
 * calibration background) → a quantized bundle (network.json with every type and the quantized weights, the float
 * network as model.onnx, provenance with the training record kept (its code version replaced by this one's) and
 * everything above under {@code metrics.quantization}, the anomaly score of the fixed-point latent, and bit-exact
 * testbench vectors ({@link BundleTestbench}: {@value #TESTBENCH_EVENTS} raw events, their network inputs and the
 * emulator's raw outputs, in the format of an HLS project's {@code tb_data/})).
 *
 * <p>Event seeds: calibration {@code seed}, QAT validation {@code seed + 1}, evaluation {@code seed + }{@value #EVALUATION_SEED_OFFSET}
 * (far from the seeds {@code l1embed train} uses by default, so evaluation events are not training events), testbench
 * {@code seed + }{@value #TESTBENCH_SEED_OFFSET}.
 *
 * <p>Refused: a bundle that is already quantized, and a bundle whose preprocessing is {@code none}: the calibration
 * events are raw synthetic features, so identity preprocessing would profile ranges in GeV, which cannot be what the
 * network was trained on (every bundle {@code l1embed train} writes stores its fitted constants).
 */
public final class QuantizeJob {

    /** Default number of calibration events. */
    public static final int DEFAULT_EVENTS = 20_000;
    /** Default number of background evaluation events (each signal gets a tenth of it, at least 500). */
    public static final int DEFAULT_EVALUATION_EVENTS = 20_000;
    /** Added to the seed for the evaluation events. */
    public static final long EVALUATION_SEED_OFFSET = 1_000_003L;
    /** Events of the testbench vectors stored in the bundle: background, then {@value #TESTBENCH_SIGNAL_EVENTS} of each signal. */
    public static final int TESTBENCH_EVENTS = 500;
    /** Events of each signal process among the {@value #TESTBENCH_EVENTS} testbench events. */
    public static final int TESTBENCH_SIGNAL_EVENTS = 25;
    /** Added to the seed for the testbench events. */
    public static final long TESTBENCH_SEED_OFFSET = 2_000_003L;
    /**
     * Fewest calibration events: the anomaly score of the bundle is a Mahalanobis distance, whose covariance needs two
     * ({@link MahalanobisScore#fit}).
     */
    public static final int MIN_EVENTS = 2;
    /**
     * Most background evaluation events: the background and every signal's share ({@link #signalEventsPerProcess}) are
     * evaluated as one event set, which holds at most {@link EventLayout#MAX_EVENTS}.
     */
    public static final int MAX_EVALUATION_EVENTS = maxEvaluationEvents();

    /**
     * What to quantize and how.
     *
     * @param bundle           the float bundle directory
     * @param out              the quantized bundle directory to write
     * @param precision        the precision config (its width already set from {@code --bits} when auto)
     * @param events           calibration events, {@value #MIN_EVENTS}..{@link EventLayout#MAX_EVENTS}
     * @param seed             seed of the calibration, validation and evaluation events
     * @param overwrite        replace an existing {@code out}
     * @param codeVersion      the l1embed version that quantizes: recorded in model.onnx and as the provenance's code version
     *                         (the training configuration, seeds and dataset fingerprint are kept)
     * @param qatEpochs        epochs of quantization-aware fine-tuning after PTQ; 0 for PTQ only
     * @param qatLearningRate  peak learning rate of the fine-tuning, finite and &gt; 0
     * @param evaluationEvents background events of the evaluation, 0 to skip it; at most {@link #MAX_EVALUATION_EVENTS}
     */
    public record Options(Path bundle, Path out, PrecisionConfig precision, int events, long seed, boolean overwrite,
                          String codeVersion, int qatEpochs, double qatLearningRate, int evaluationEvents) {
        public Options {
            if (events < MIN_EVENTS || events > EventLayout.MAX_EVENTS) {
                throw new IllegalArgumentException("events must be in " + MIN_EVENTS + ".." + EventLayout.MAX_EVENTS + ", got events="
                        + events);
            }
            if (bundle == null || out == null || precision == null) {
                throw new IllegalArgumentException("bundle, out and precision are required");
            }
            if (qatEpochs < 0) {
                throw new IllegalArgumentException("qat-epochs must be >= 0, got qat-epochs=" + qatEpochs);
            }
            if (!(qatLearningRate > 0) || !Double.isFinite(qatLearningRate)) {
                throw new IllegalArgumentException("qat-learning-rate must be finite and > 0, got qat-learning-rate=" + qatLearningRate);
            }
            if (evaluationEvents < 0 || evaluationEvents > MAX_EVALUATION_EVENTS) {
                throw new IllegalArgumentException("evaluation-events must be in 0.." + MAX_EVALUATION_EVENTS
                        + ", got evaluation-events=" + evaluationEvents);
            }
        }

        /** Post-training quantization only, without the evaluation. */
        public Options(Path bundle, Path out, PrecisionConfig precision, int events, long seed, boolean overwrite, String codeVersion) {
            this(bundle, out, precision, events, seed, overwrite, codeVersion, 0, 1e-3, 0);
        }
    }

    /**
     * One network of the comparison, evaluated on the evaluation events.
     *
     * @param meanAbsDeltaLatent mean |latent − float latent| over background evaluation events and latent dimensions
     * @param detection          per-signal AUC and efficiencies
     */
    public record Variant(String name, double meanAbsDeltaLatent, AnomalyEvaluation detection) {
    }

    /**
     * What the job produced.
     *
     * @param report   the written network against float on the calibration events (overflows per layer)
     * @param qat      the fine-tuning record, null without QAT
     * @param variants float, ptq and (with QAT) qat on the evaluation events; empty when evaluation was skipped
     */
    public record Result(ModelBundle bundle, QuantizationReport report, QuantizationAwareTraining.Result qat, List<Variant> variants) {
        public Result {
            variants = List.copyOf(variants);
        }
    }

    private final PrintStream log;

    public QuantizeJob(PrintStream log) {
        this.log = log;
    }

    /**
     * Runs the job.
     *
     * @throws IllegalArgumentException if the bundle is quantized already or has no preprocessing, its input size is not
     *                                  the synthetic events' feature count, the precision config does not fit the network,
     *                                  or {@code out} exists without {@code overwrite}
     * @throws IOException              if the bundle is invalid or cannot be read or written
     */
    public Result run(Options o) throws IOException {
        ModelBundle in = ModelBundle.read(o.bundle());
        NetworkSpec floatSpec = FloatBundles.requireFloatWithPreprocessing(in, o.bundle(), "quantize", "calibration events");
        Preprocessing pre = floatSpec.input().preprocessing();
        float[] inputs = networkInputs(pre, new SyntheticEvents(o.seed()).cocktail(o.events(), 0.0));
        NetworkSpec ptq = PostTrainingQuantization.quantize(floatSpec, inputs, o.precision());
        log.println("calibrated on " + o.events() + " synthetic background events (seed " + o.seed() + ", " + pre.kind()
                + " preprocessing from the bundle)");
        NetworkSpec quantized = ptq;
        QuantizationAwareTraining.Result qat = null;
        int validationEvents = Math.max(1000, o.events() / 4);
        float[] validation = networkInputs(pre, new SyntheticEvents(o.seed() + 1).cocktail(validationEvents, 0.0));
        if (o.qatEpochs() > 0) {
            log.println("quantization-aware fine-tuning: " + o.qatEpochs() + " epochs on the calibration events, best epoch chosen on "
                    + validationEvents + " validation events (seed " + (o.seed() + 1) + ")");
            qat = QuantizationAwareTraining.run(floatSpec, ptq, inputs, validation,
                    new QuantizationAwareTraining.Settings(o.qatEpochs(), 256, o.qatLearningRate(), o.seed()),
                    e -> log.printf("  qat epoch %d/%d: train loss %.6g, validation loss %.6g%n", e.epoch(), o.qatEpochs(),
                            e.trainLoss(), e.validationLoss()));
            log.printf("  kept epoch %d: validation loss %.6g (post-training %.6g)%n", qat.bestEpoch(), qat.bestValidationLoss(),
                    qat.initialValidationLoss());
            quantized = qat.network();
        }
        QuantizationReport report = PostTrainingQuantization.report(floatSpec, quantized, inputs);
        List<Variant> variants = o.evaluationEvents() > 0 ? evaluate(o, pre, floatSpec, ptq, qat, inputs) : List.of();

        ObjectNode metrics = in.provenance().metrics();
        ObjectNode q = report.toJson();
        q.put("calibrationEvents", o.events());
        q.put("calibrationSeed", o.seed());
        q.put("calibrationData", "synthetic background cocktail");
        q.put("width", o.precision().width());
        q.put("constantWidth", o.precision().effectiveConstantWidth());
        q.put("marginBits", o.precision().marginBits());
        q.put("constantRounding", o.precision().constantRounding().name());
        q.put("dataRounding", o.precision().dataRounding().name());
        q.put("overflow", o.precision().overflow().name());
        q.put("method", qat == null ? "post-training" : "quantization-aware fine-tuning");
        if (qat != null) {
            ObjectNode t = q.putObject("qat");
            t.put("epochs", o.qatEpochs());
            t.put("learningRate", o.qatLearningRate());
            t.put("loss", "mean squared error against the float latent, each dimension divided by its variance");
            t.put("initialValidationLoss", qat.initialValidationLoss());
            t.put("bestEpoch", qat.bestEpoch());
            t.put("bestValidationLoss", qat.bestValidationLoss());
            ArrayNode h = t.putArray("history");
            qat.history().forEach(e -> h.addObject().put("epoch", e.epoch()).put("trainLoss", e.trainLoss())
                    .put("validationLoss", e.validationLoss()));
        }
        if (!variants.isEmpty()) {
            ObjectNode ev = q.putObject("evaluation");
            ev.put("backgroundEvents", o.evaluationEvents());
            ev.put("seed", o.seed() + EVALUATION_SEED_OFFSET);
            ev.put("score", "Mahalanobis distance fitted on the calibration background latents");
            for (Variant v : variants) {
                ObjectNode n = v.detection().toJson();
                n.put("meanAbsDeltaLatent", v.meanAbsDeltaLatent());
                ev.set(v.name(), n);
            }
        }
        metrics.set("quantization", q);
        Provenance provenance = new Provenance(in.provenance().trainingConfig(), in.provenance().seeds(),
                in.provenance().datasetFingerprint(), o.codeVersion(), metrics, java.time.Instant.now());
        // The anomaly score of the fixed-point latent: what the firmware's output is compared with.
        AnomalyScore score = MahalanobisScore.fit(latents(quantized, inputs), quantized.outputSize()).toBundleScore(
                AnomalyEvaluation.ACCEPTANCES, latents(quantized, validation), "Mahalanobis distance fitted on the emulated "
                        + "fixed-point latents of " + o.events() + " calibration background events (seed " + o.seed() + "); thresholds on "
                        + validationEvents + " validation background events (seed " + (o.seed() + 1) + ")");
        BundleWriter writer = BundleExporter.writer(quantized, provenance).withExtraFile(AnomalyScore.FILE, score.toJsonBytes());
        for (Map.Entry<String, byte[]> f : testbench(quantized, o.seed()).files().entrySet()) {
            writer = writer.withExtraFile(f.getKey(), f.getValue());
        }
        ModelBundle out = writer.write(o.out(), o.overwrite() ? ExistingTarget.REPLACE : ExistingTarget.REFUSE);
        return new Result(out, report, qat, variants);
    }

    /** Float, PTQ and (if any) QAT latents of independent events, scored against each other and for anomaly detection. */
    private List<Variant> evaluate(Options o, Preprocessing pre, NetworkSpec floatSpec, NetworkSpec ptq,
                                   QuantizationAwareTraining.Result qat, float[] calibration) {
        long seed = o.seed() + EVALUATION_SEED_OFFSET;
        SyntheticEvents gen = new SyntheticEvents(seed);
        List<EventSet> parts = new ArrayList<>();
        EventSet background = gen.cocktail(o.evaluationEvents(), 0.0);
        parts.add(background);
        int perSignal = signalEventsPerProcess(o.evaluationEvents());
        for (Process p : Process.signals()) {
            parts.add(gen.generate(p, perSignal));
        }
        EventSet test = EventSet.concat(parts);
        float[] x = networkInputs(pre, test);
        int d = floatSpec.outputSize();
        Map<String, NetworkSpec> networks = new LinkedHashMap<>();
        networks.put("float", floatSpec);
        networks.put("ptq", ptq);
        if (qat != null) {
            networks.put("qat", qat.network());
        }
        float[] floatLatent = latents(floatSpec, x);
        List<Variant> variants = new ArrayList<>();
        for (Map.Entry<String, NetworkSpec> e : networks.entrySet()) {
            float[] z = e.getValue() == floatSpec ? floatLatent : latents(e.getValue(), x);
            double delta = 0;
            int bgValues = background.size() * d;
            for (int k = 0; k < bgValues; k++) {
                delta += Math.abs(z[k] - floatLatent[k]);
            }
            AnomalyEvaluation detection = AnomalyEvaluation.of(latents(e.getValue(), calibration), z, test.labels(), d);
            variants.add(new Variant(e.getKey(), delta / bgValues, detection));
        }
        log.println("evaluated on " + background.size() + " background and " + perSignal + " events of each signal (seed " + seed + ")");
        return variants;
    }

    /** Events of each signal process in an evaluation on {@code evaluationEvents} background events: a tenth, at least 500. */
    public static int signalEventsPerProcess(int evaluationEvents) {
        return Math.max(500, evaluationEvents / 10);
    }

    /** The largest n whose evaluation set, n background events and every signal's share, fits in one event set. */
    private static int maxEvaluationEvents() {
        long signals = Process.signals().size();
        // n + signals * floor(n / 10) <= MAX_EVENTS: start just above the real-valued bound and step down.
        int n = (int) Math.min(EventLayout.MAX_EVENTS, (EventLayout.MAX_EVENTS + signals) * 10 / (10 + signals));
        while (n + signals * signalEventsPerProcess(n) > EventLayout.MAX_EVENTS) {
            n--;
        }
        return n;
    }

    /**
     * The bundle's testbench vectors: raw features of independent events (background cocktail, then each signal, so that
     * the vectors reach the tails of the input ranges), the network's preprocessing, the emulator's raw outputs.
     */
    static BundleTestbench testbench(NetworkSpec quantized, long seed) {
        SyntheticEvents gen = new SyntheticEvents(seed + TESTBENCH_SEED_OFFSET);
        List<EventSet> parts = new ArrayList<>();
        parts.add(gen.cocktail(TESTBENCH_EVENTS - TESTBENCH_SIGNAL_EVENTS * Process.signals().size(), 0.0));
        for (Process p : Process.signals()) {
            parts.add(gen.generate(p, TESTBENCH_SIGNAL_EVENTS));
        }
        return BundleTestbench.of(quantized, EventSet.concat(parts).networkFeatures());
    }

    private static float[] networkInputs(Preprocessing pre, EventSet events) {
        return PtStandardization.applyAll(pre, events.networkFeatures(), EventLayout.NETWORK_FEATURES);
    }

    /** Outputs of a network: the emulator's values for a quantized one, {@link FloatNetwork}'s for a float one. */
    static float[] latents(NetworkSpec spec, float[] inputs) {
        int n = spec.input().size();
        int d = spec.outputSize();
        int events = inputs.length / n;
        float[] out = new float[events * d];
        if (spec.isQuantized()) {
            EmulationResult r = Emulator.compile(spec).emulate(inputs, false);
            for (int e = 0; e < events; e++) {
                for (int j = 0; j < d; j++) {
                    out[e * d + j] = (float) r.value(e, j);
                }
            }
            return out;
        }
        double[] y = new FloatNetwork(spec).forwardAll(inputs);
        for (int k = 0; k < out.length; k++) {
            out[k] = (float) y[k];
        }
        return out;
    }
}
