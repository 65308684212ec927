package org.l1embed.cli.jobs;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.l1embed.analysis.score.MahalanobisScore;
import org.l1embed.analysis.systematics.EncoderVariant;
import org.l1embed.analysis.systematics.ShiftSample;
import org.l1embed.analysis.systematics.SystematicsReport;
import org.l1embed.cli.io.BundleTarget;
import org.l1embed.events.Cocktail;
import org.l1embed.events.EventLayout;
import org.l1embed.events.EventSet;
import org.l1embed.events.JetEnergyScale;
import org.l1embed.events.ObjectThresholds;
import org.l1embed.events.Process;
import org.l1embed.events.SplitMix64;
import org.l1embed.events.synthetic.SyntheticEvents;
import org.l1embed.quantization.bundle.AnomalyScore;
import org.l1embed.quantization.bundle.BundleWriter;
import org.l1embed.quantization.bundle.ExistingTarget;
import org.l1embed.quantization.bundle.ModelBundle;
import org.l1embed.quantization.bundle.NuisanceModel;
import org.l1embed.quantization.bundle.Provenance;
import org.l1embed.quantization.files.StagedDirectory;
import org.l1embed.quantization.json.StrictJson;
import org.l1embed.quantization.network.BatchNormFolding;
import org.l1embed.quantization.network.Layer;
import org.l1embed.quantization.network.NetworkSpec;
import org.l1embed.quantization.network.Preprocessing;
import org.l1embed.training.export.BundleExporter;
import org.l1embed.training.model.ContrastiveModel;
import org.l1embed.training.nuisance.NuisanceConfig;
import org.l1embed.training.nuisance.NuisanceFineTuner;
import org.l1embed.training.preprocess.PtStandardization;
import org.l1embed.training.train.ModelState;

/**
 * Nuisance-parameterized fine-tuning of a trained float bundle ({@link NuisanceFineTuner}, physics.md "Systematic
 * uncertainties in the latent space"): read the bundle (checksums verified) → its training state
 * ({@value ModelState#BUNDLE_PATH}, restored into a {@link ContrastiveModel} and checked against {@code network.json})
 * → synthetic background cocktail events generated <em>before</em> the final jet threshold (jets kept down to the
 * generator's jet floor), so that every JES shift migrates jets both ways, with the nominal thresholds applied after
 * each shift → the bundle's own preprocessing, never re-fitted → fine-tuning ({@code L_SupCon + λ·L_param}) → a new
 * bundle with the fine-tuned encoder (BatchNorm folded, the input bundle's input spec), the updated training state, and
 * provenance keeping the input's training configuration, seeds and dataset fingerprint, with {@code metrics.finetune}
 * added: the settings, the per-epoch losses, a held-out check of the learned log-ratio and a summary of the systematics
 * report.
 *
 * <p><b>Systematics report.</b> The same classifier is also trained, for as many epochs, on the encoder as it was before
 * fine-tuning ({@link NuisanceFineTuner.Mode#CLASSIFIER_ONLY}); for both encoders the held-out events give, at each
 * held-out ν, the nominal and shifted latents and f of the nominal ones, which {@link SystematicsReport} turns into mean
 * shift vs ν fits, learned vs empirical log-ratios and reweighting closure tests, side by side. The whole report is
 * written into the bundle as {@value #REPORT_DIR}{@code /systematics.json} with its PNG plots beside it.
 *
 * <p><b>Held-out check.</b> On background events the fine-tuning never saw, for ν = ±0.3, ±0.6 and ±0.9·range: every
 * event nominal and shifted by ν, f(z, ν) of both, binned in deciles of the pooled f; per bin the mean f against the
 * empirical {@code log((n_ν + ½)/(n_0 + ½))}. A calibrated f gives a correlation near 1 and {@code E_0[e^f] ≈ 1}.
 *
 * <p>Refused, before anything is trained: a quantized bundle, identity preprocessing (the source events are raw
 * features), an input size other than the synthetic events' 57, a bundle without training state (written by an older
 * {@code l1embed train}), a state that does not belong to the bundle's network, and an output that exists without
 * {@code overwrite}. The output appears only complete ({@link BundleExporter}, atomic).
 */
public final class FinetuneJob {

    /** Default number of source events. */
    public static final int DEFAULT_EVENTS = 20_000;

    /** The largest range accepted: ln(15/10), the synthetic source events keep jets down to 10 GeV below a 15 GeV threshold. */
    public static final double MAX_RANGE = Math.min(0.5, SyntheticEvents.Settings.DEFAULT.maxNu());

    /** Held-out shifts, as multiples of the range. */
    static final double[] HELD_OUT_FRACTIONS = {-0.9, -0.6, -0.3, 0.3, 0.6, 0.9};

    /** Where the systematics report (JSON and PNG plots) goes inside the written bundle. */
    public static final String REPORT_DIR = "report/systematics";

    /** Index of the first held-out event of each process: far from the events the fine-tuning (or training) used. */
    static final long HELD_OUT_FIRST = 1_000_000_000L;

    /** Bins of the held-out check. */
    static final int HELD_OUT_BINS = 10;

    /** Thresholds after every shift: those of the synthetic events {@code l1embed train} generates. */
    private static final ObjectThresholds THRESHOLDS = SyntheticEvents.Settings.DEFAULT.thresholds();

    /** Source events: the default generator, with the jet threshold lowered to its jet floor. */
    private static final SyntheticEvents.Settings SOURCE_SETTINGS = SyntheticEvents.Settings.DEFAULT
            .withThresholds(THRESHOLDS.withJetPt(SyntheticEvents.Settings.DEFAULT.jetFloorPt()));

    /**
     * What to fine-tune and how.
     *
     * @param bundle       the float bundle to start from (written by {@code l1embed train})
     * @param out          the bundle directory to write
     * @param nuisance     nuisance, range (in (0, {@link #MAX_RANGE}]), order and λ
     * @param epochs       passes over the source events, &gt;= 1
     * @param events       source (background cocktail) events, &gt;= batch
     * @param batch        source events per step (each step holds them nominal and shifted), &gt;= 2
     * @param learningRate constant Adam learning rate, finite and &gt; 0
     * @param seed         seed of the source events, the classifier initialisation, the shuffles and the ν draws
     * @param overwrite    replace an existing bundle at {@code out}
     * @param codeVersion  the l1embed version that fine-tunes (recorded in model.onnx and the provenance)
     */
    public record Options(Path bundle, Path out, NuisanceConfig nuisance, int epochs, int events, int batch, double learningRate,
                          long seed, boolean overwrite, String codeVersion, int heldOutEvents) {
        public Options {
            Objects.requireNonNull(bundle, "bundle");
            Objects.requireNonNull(out, "out");
            Objects.requireNonNull(nuisance, "nuisance");
            Objects.requireNonNull(codeVersion, "codeVersion");
            if (nuisance.range() > MAX_RANGE) {
                throw new IllegalArgumentException(String.format(Locale.ROOT, "range must be > 0 and <= %.4f (ln(15/10): the synthetic "
                        + "source events keep jets down to 10 GeV, so a larger shift could not lift every jet it should across the "
                        + "15 GeV threshold), got range=%s", MAX_RANGE, nuisance.range()));
            }
            if (epochs < 1) {
                throw new IllegalArgumentException("epochs must be >= 1, got epochs=" + epochs);
            }
            if (batch < 2) {
                throw new IllegalArgumentException("batch must be >= 2, got batch=" + batch);
            }
            if (events < batch || events > EventLayout.MAX_EVENTS) {
                throw new IllegalArgumentException("events must be >= batch (" + batch + ") and <= " + EventLayout.MAX_EVENTS
                        + ", got events=" + events);
            }
            if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
                throw new IllegalArgumentException("learning rate must be finite and > 0, got learningRate=" + learningRate);
            }
            if (heldOutEvents < 100 || heldOutEvents > EventLayout.MAX_EVENTS) {
                throw new IllegalArgumentException("held-out-events must be >= 100 and <= " + EventLayout.MAX_EVENTS
                        + ", got held-out-events=" + heldOutEvents);
            }
        }

        /** With the default number of held-out events, {@link #defaultHeldOutEvents(int)}. */
        public Options(Path bundle, Path out, NuisanceConfig nuisance, int epochs, int events, int batch, double learningRate,
                       long seed, boolean overwrite, String codeVersion) {
            this(bundle, out, nuisance, epochs, events, batch, learningRate, seed, overwrite, codeVersion, defaultHeldOutEvents(events));
        }

        /** Half the source events, at least 2 000 and at most 20 000. */
        public static int defaultHeldOutEvents(int events) {
            return Math.max(2_000, Math.min(20_000, events / 2));
        }
    }

    /**
     * The held-out check at one ν.
     *
     * @param nu            the shift
     * @param correlation   correlation of the per-bin mean f with the empirical per-bin log-ratio; NaN when undefined
     *                      (f constant)
     * @param meanFNominal  mean f(z, ν) over the nominal events
     * @param meanFShifted  mean f(z, ν) over the shifted events
     * @param normalization E_0[e^f]: 1 for a calibrated ratio
     */
    public record HeldOutCheck(double nu, double correlation, double meanFNominal, double meanFShifted, double normalization) {
    }

    /**
     * Latents and learned log-ratios of held-out events at one ν: what the systematics report takes.
     *
     * @param nu       the shift
     * @param nominal  {@code [N, d]} latents of the events at ν = 0 (thresholds applied)
     * @param shifted  {@code [N, d]} latents of the same events shifted by ν
     * @param fNominal {@code [N]} f(z, ν) of the nominal latents
     * @param fShifted {@code [N]} f(z, ν) of the shifted latents
     */
    public record HeldOutLatents(double nu, float[] nominal, float[] shifted, float[] fNominal, float[] fShifted) {
    }

    /** What the job produced. */
    public record Result(ModelBundle bundle, List<NuisanceFineTuner.EpochLosses> losses, List<HeldOutCheck> heldOut,
                         int heldOutEvents, SystematicsReport systematics) {
    }

    private final PrintStream log;

    public FinetuneJob(PrintStream log) {
        this.log = log;
    }

    /**
     * Runs the job.
     *
     * @throws IllegalArgumentException if the bundle is refused (see the class comment) or {@code out} may not be written
     * @throws ArithmeticException      if a loss becomes NaN or infinite (the learning rate is too large)
     * @throws IOException              if the bundle is invalid or cannot be read, or the output cannot be written
     */
    public Result run(Options o) throws IOException {
        ModelBundle in = ModelBundle.read(o.bundle());
        NetworkSpec network = FloatBundles.requireFloatWithPreprocessing(in, o.bundle(), "fine-tune", "the source events");
        Preprocessing pre = network.input().preprocessing();
        if (!in.extraFiles().contains(ModelState.BUNDLE_PATH)) {
            throw new IllegalArgumentException("bundle " + o.bundle() + " has no " + ModelState.BUNDLE_PATH + "; it was written by an "
                    + "older l1embed train — train again");
        }
        BundleTarget.check("--out", o.out(), o.overwrite());
        ModelState state = ModelState.read(in.file(ModelState.BUNDLE_PATH));

        NuisanceConfig nc = o.nuisance();
        List<NuisanceFineTuner.EpochLosses> losses = new ArrayList<>();
        List<HeldOutCheck> checks = new ArrayList<>();
        int heldOutCount = o.heldOutEvents();
        NetworkSpec tunedSpec;
        ModelState tunedState;
        NuisanceModel nuisanceModel;
        SystematicsReport report;
        AnomalyScore score;
        try (ContrastiveModel model = restore(state, network, o.bundle());
             NuisanceFineTuner tuner = NuisanceFineTuner.start(model, nc, o.seed(), true)) {
            EventSet source = sourceCocktail(o.seed(), 0, o.events());
            EventSet heldOut = sourceCocktail(o.seed(), HELD_OUT_FIRST, heldOutCount);
            log.printf(Locale.ROOT, "fine-tuning %s for %s: range %s, order %d, lambda %s; %d source events (synthetic background "
                            + "cocktail, seed %d, jets kept down to %.0f GeV, thresholds after each shift), %d epochs, batch %d, "
                            + "learning rate %s; %s preprocessing from the bundle%n", o.bundle(), nc.nuisance(), nc.range(), nc.order(),
                    nc.lambda(), o.events(), o.seed(), SOURCE_SETTINGS.jetFloorPt(), o.epochs(), o.batch(), o.learningRate(), pre.kind());
            losses.addAll(fitEpochs(tuner, "finetune", source, pre, o));
            double[] nus = Arrays.stream(HELD_OUT_FRACTIONS).map(f -> f * nc.range()).toArray();
            List<HeldOutLatents> latents = heldOutLatents(tuner, heldOut, pre, nus);
            // The same classifier trained on the encoder as it was: the "before" side of the systematics report.
            List<HeldOutLatents> before;
            try (NuisanceFineTuner frozen = NuisanceFineTuner.start(model, nc, NuisanceFineTuner.Mode.CLASSIFIER_ONLY, o.seed(), true)) {
                fitEpochs(frozen, "classifier on the encoder before fine-tuning", source, pre, o);
                before = heldOutLatents(frozen, heldOut, pre, nus);
            }
            report = SystematicsReport.compute(network.outputSize(), List.of(variant("before", before), variant("after", latents)));
            for (HeldOutLatents l : latents) {
                HeldOutCheck c = check(l);
                checks.add(c);
                log.printf(Locale.ROOT, "held-out nu %+.4f (%d events): correlation of binned f with log(n_nu/n_0) %.3f, mean f "
                        + "shifted %+.5f vs nominal %+.5f, E_0[e^f] %.4f%n", c.nu(), heldOutCount, c.correlation(), c.meanFShifted(),
                        c.meanFNominal(), c.normalization());
            }
            // The anomaly score of the fine-tuned latent: fitted on the nominal source events, thresholds on held-out ones.
            float[] sourceLatent = tuner.embed(PtStandardization.applyAll(pre, JetEnergyScale.apply(source, 0.0, THRESHOLDS)
                    .networkFeatures(), EventLayout.NETWORK_FEATURES));
            score = MahalanobisScore.fit(sourceLatent, network.outputSize()).toBundleScore(AnomalyEvaluation.ACCEPTANCES,
                    latents.get(0).nominal(), "Mahalanobis distance fitted on the fine-tuned latents of " + o.events() + " nominal "
                            + "source background events; thresholds on " + heldOutCount + " held-out nominal background events");
            try (ContrastiveModel tuned = ContrastiveModel.create(state.model(), state.optimizer(), true)) {
                tuned.setVariableValues(tuner.modelVariables());
                tunedState = ModelState.of(tuned);
                tunedSpec = BatchNormFolding.apply(tuned.encoderSpec(network.name(), network.input()));
            }
            nuisanceModel = tuner.classifier(String.format(Locale.ROOT, "fine-tuned with the encoder (lambda %s, %d epochs) on %d "
                    + "synthetic background cocktail events (seed %d), nu ~ U[-%s, %s], thresholds after each shift", nc.lambda(),
                    o.epochs(), o.events(), o.seed(), nc.range(), nc.range()));
        }

        ObjectNode metrics = in.provenance().metrics();
        ObjectNode finetune = finetuneJson(o, losses, checks, heldOutCount);
        finetune.set("systematics", systematicsSummary(report));
        metrics.set("finetune", finetune);
        TreeMap<String, Long> seeds = new TreeMap<>(in.provenance().seeds());
        seeds.put("finetune", o.seed());
        Provenance provenance = new Provenance(in.provenance().trainingConfig(), seeds, in.provenance().datasetFingerprint(),
                o.codeVersion(), metrics, Instant.now());
        BundleWriter writer = BundleExporter.writer(tunedSpec, provenance).withExtraFile(ModelState.BUNDLE_PATH, tunedState.toBytes())
                .withExtraFile(AnomalyScore.FILE, score.toJsonBytes())
                .withExtraFile(NuisanceModel.FILE, nuisanceModel.toJsonBytes())
                .withExtraFile(REPORT_DIR + "/systematics.json", StrictJson.MAPPER.writerWithDefaultPrettyPrinter()
                        .writeValueAsBytes(report.toJson()));
        Path plots = Files.createTempDirectory("l1embed-systematics-");
        try {
            for (String name : report.writePlots(plots)) {
                writer = writer.withExtraFile(REPORT_DIR + "/" + name, Files.readAllBytes(plots.resolve(name)));
            }
        } finally {
            StagedDirectory.deleteTree(plots);
        }
        ModelBundle out = writer.write(o.out(), o.overwrite() ? ExistingTarget.REPLACE : ExistingTarget.REFUSE);
        return new Result(out, List.copyOf(losses), List.copyOf(checks), heldOutCount, report);
    }

    /**
     * Fits {@code o.epochs()} epochs, one {@code fit} call each (the tuner keeps its weights, moments and step count
     * between calls; each epoch shuffles and draws ν from its own seed), logging every epoch.
     *
     * @throws ArithmeticException if a loss is not finite
     */
    private List<NuisanceFineTuner.EpochLosses> fitEpochs(NuisanceFineTuner tuner, String label, EventSet source, Preprocessing pre,
                                                           Options o) {
        List<NuisanceFineTuner.EpochLosses> losses = new ArrayList<>();
        for (int epoch = 1; epoch <= o.epochs(); epoch++) {
            long started = System.nanoTime();
            NuisanceFineTuner.EpochLosses e = tuner.fit(source, THRESHOLDS, pre,
                    new NuisanceFineTuner.Schedule(1, o.batch(), o.learningRate(), SplitMix64.derive(o.seed(), epoch))).get(0);
            if (!Double.isFinite(e.supCon()) || !Double.isFinite(e.param()) || !Double.isFinite(e.total())) {
                throw new ArithmeticException(label + " diverged in epoch " + epoch + ": L_SupCon " + e.supCon() + ", L_param "
                        + e.param() + "; try a smaller --learning-rate than " + o.learningRate());
            }
            losses.add(new NuisanceFineTuner.EpochLosses(epoch, e.supCon(), e.param(), e.total()));
            double seconds = (System.nanoTime() - started) / 1e9;
            log.printf(Locale.ROOT, "%s epoch %d/%d: L_SupCon %.5f, L_param %.5f, total %.5f, %.1f s, %,.0f events/s%n", label, epoch,
                    o.epochs(), e.supCon(), e.param(), e.total(), seconds, o.events() / Math.max(seconds, 1e-9));
        }
        return losses;
    }

    /**
     * Background cocktail events {@code first ..} of each process, split by the cocktail fractions, generated before the
     * final jet threshold; labels are the process classes.
     */
    static EventSet sourceCocktail(long seed, long first, int n) {
        SyntheticEvents generator = new SyntheticEvents(seed, SOURCE_SETTINGS);
        List<EventSet> parts = new ArrayList<>();
        for (Map.Entry<Process, Long> e : Cocktail.split(n, Process.backgrounds()).entrySet()) {
            parts.add(generator.generate(e.getKey(), first, Math.toIntExact(e.getValue()), 0.0));
        }
        return EventSet.concat(parts);
    }

    /** The state's model, refused unless it extracts to the bundle's network exactly (the state belongs to that bundle). */
    private static ContrastiveModel restore(ModelState state, NetworkSpec network, Path bundle) {
        String file = bundle.resolve(ModelState.BUNDLE_PATH).toString();
        ContrastiveModel model;
        try {
            model = state.restore(true);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
        try {
            if (state.model().inputSize() != network.input().size()) {
                throw new IllegalArgumentException(file + ": the model has inputSize=" + state.model().inputSize() + ", network.json "
                        + network.input().size() + " inputs");
            }
            List<Layer> restored = BatchNormFolding.apply(model.encoderSpec(network.name(), network.input())).layers();
            if (!restored.equals(network.layers())) {
                throw new IllegalArgumentException(file + " does not belong to network.json: the encoder it restores differs "
                        + "(first at " + firstDifference(restored, network.layers()) + ")");
            }
            return model;
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    private static String firstDifference(List<Layer> a, List<Layer> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            if (!a.get(i).equals(b.get(i))) {
                return "layer " + i + " '" + b.get(i).name() + "'";
            }
        }
        return "the layer count: " + a.size() + " restored, " + b.size() + " in network.json";
    }

    /**
     * For each ν: the latents of the held-out events nominal and shifted by ν (thresholds after the shift, nominal
     * preprocessing) and f(z, ν) of both. This is what the systematics report is fed with.
     */
    private static List<HeldOutLatents> heldOutLatents(NuisanceFineTuner tuner, EventSet heldOut, Preprocessing pre, double[] nus) {
        int features = EventLayout.NETWORK_FEATURES;
        float[] nominal = tuner.embed(PtStandardization.applyAll(pre, JetEnergyScale.apply(heldOut, 0.0, THRESHOLDS).networkFeatures(),
                features));
        List<HeldOutLatents> out = new ArrayList<>();
        for (double nu : nus) {
            float[] shifted = tuner.embed(PtStandardization.applyAll(pre, JetEnergyScale.apply(heldOut, nu, THRESHOLDS).networkFeatures(),
                    features));
            out.add(new HeldOutLatents(nu, nominal, shifted, tuner.logRatios(nominal, nu), tuner.logRatios(shifted, nu)));
        }
        return out;
    }

    /**
     * The held-out check of one ν: pooled f binned at its deciles; per bin the mean f against the empirical
     * {@code log((n_ν + ½)/(n_0 + ½))}; their correlation; and the means of f and E_0[e^f].
     */
    static HeldOutCheck check(HeldOutLatents l) {
        float[] f0 = l.fNominal();
        float[] f1 = l.fShifted();
        float[] pooled = new float[f0.length + f1.length];
        System.arraycopy(f0, 0, pooled, 0, f0.length);
        System.arraycopy(f1, 0, pooled, f0.length, f1.length);
        float[] sorted = pooled.clone();
        Arrays.sort(sorted);
        double[] edges = new double[HELD_OUT_BINS - 1];
        for (int i = 1; i < HELD_OUT_BINS; i++) {
            edges[i - 1] = sorted[i * sorted.length / HELD_OUT_BINS];
        }
        double[] n0 = new double[HELD_OUT_BINS];
        double[] n1 = new double[HELD_OUT_BINS];
        double[] sumF = new double[HELD_OUT_BINS];
        for (int i = 0; i < pooled.length; i++) {
            int bin = 0;
            while (bin < edges.length && pooled[i] >= edges[bin]) {
                bin++;
            }
            sumF[bin] += pooled[i];
            if (i < f0.length) {
                n0[bin]++;
            } else {
                n1[bin]++;
            }
        }
        // Ties can leave bins empty: only filled bins enter the correlation.
        List<double[]> points = new ArrayList<>();
        for (int b = 0; b < HELD_OUT_BINS; b++) {
            if (n0[b] + n1[b] > 0) {
                points.add(new double[] {sumF[b] / (n0[b] + n1[b]), Math.log((n1[b] + 0.5) / (n0[b] + 0.5))});
            }
        }
        double normalization = 0;
        for (float f : f0) {
            normalization += Math.exp(f);
        }
        return new HeldOutCheck(l.nu(), correlation(points), mean(f0), mean(f1), normalization / f0.length);
    }

    private static double correlation(List<double[]> points) {
        double ma = points.stream().mapToDouble(p -> p[0]).average().orElse(Double.NaN);
        double mb = points.stream().mapToDouble(p -> p[1]).average().orElse(Double.NaN);
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (double[] p : points) {
            sab += (p[0] - ma) * (p[1] - mb);
            saa += (p[0] - ma) * (p[0] - ma);
            sbb += (p[1] - mb) * (p[1] - mb);
        }
        return saa > 0 && sbb > 0 ? sab / Math.sqrt(saa * sbb) : Double.NaN;
    }

    private static double mean(float[] v) {
        double s = 0;
        for (float x : v) {
            s += x;
        }
        return s / v.length;
    }

    private static ObjectNode finetuneJson(Options o, List<NuisanceFineTuner.EpochLosses> losses, List<HeldOutCheck> checks,
                                           int heldOutEvents) {
        ObjectNode n = org.l1embed.quantization.json.StrictJson.MAPPER.createObjectNode();
        NuisanceConfig nc = o.nuisance();
        n.put("nuisance", nc.nuisance().name());
        n.put("range", nc.range());
        n.put("order", nc.order());
        n.put("lambda", nc.lambda());
        n.put("epochs", o.epochs());
        n.put("events", o.events());
        n.put("batch", o.batch());
        n.put("learningRate", o.learningRate());
        n.put("seed", o.seed());
        n.put("sourceEvents", String.format(Locale.ROOT, "synthetic background cocktail, jets kept down to %s GeV, thresholds "
                + "(e/gamma %s, muon %s, jet %s GeV) applied after each shift", SOURCE_SETTINGS.jetFloorPt(), THRESHOLDS.egammaPt(),
                THRESHOLDS.muonPt(), THRESHOLDS.jetPt()));
        ArrayNode l = n.putArray("losses");
        for (NuisanceFineTuner.EpochLosses e : losses) {
            ObjectNode row = l.addObject();
            row.put("epoch", e.epoch());
            row.put("supCon", e.supCon());
            row.put("param", e.param());
            row.put("total", e.total());
        }
        ObjectNode h = n.putObject("heldOut");
        h.put("events", heldOutEvents);
        h.put("bins", HELD_OUT_BINS);
        ArrayNode c = h.putArray("checks");
        for (HeldOutCheck check : checks) {
            ObjectNode row = c.addObject();
            row.put("nu", check.nu());
            StrictJson.putFinite(row, "correlation", check.correlation());   // null when f is constant
            row.put("meanFNominal", check.meanFNominal());
            row.put("meanFShifted", check.meanFShifted());
            row.put("normalization", check.normalization());
        }
        return n;
    }

    private static EncoderVariant variant(String name, List<HeldOutLatents> latents) {
        List<ShiftSample> samples = new ArrayList<>();
        for (HeldOutLatents l : latents) {
            samples.add(new ShiftSample(l.nu(), l.nominal(), l.shifted(), l.fNominal()));
        }
        return new EncoderVariant(name, samples);
    }

    /**
     * The figures of the report that belong in provenance: per variant and ν the log-ratio agreement, E_0[e^f] and the
     * smallest KS p-values over the dimensions with and without reweighting; per dimension the R² of the linear and
     * quadratic mean-shift fits. The whole report is {@value #REPORT_DIR}/systematics.json in the bundle.
     */
    private static ObjectNode systematicsSummary(SystematicsReport report) {
        ObjectNode n = StrictJson.MAPPER.createObjectNode();
        n.put("file", REPORT_DIR + "/systematics.json");
        for (SystematicsReport.VariantResult v : report.variants()) {
            ObjectNode variant = n.putObject(v.name());
            ArrayNode fits = variant.putArray("meanShiftFits");
            for (SystematicsReport.MeanShift m : v.meanShifts()) {
                ObjectNode fit = fits.addObject().put("dim", m.dim());
                StrictJson.putFinite(fit, "linearR2", m.linear().rSquared());
                StrictJson.putFinite(fit, "quadraticR2", m.quadratic().rSquared());
            }
            ArrayNode perNu = variant.putArray("perNu");
            for (int k = 0; k < v.logRatios().size(); k++) {
                SystematicsReport.LogRatioAtNu lr = v.logRatios().get(k);
                SystematicsReport.ClosureAtNu c = v.closures().get(k);
                ObjectNode row = perNu.addObject().put("nu", lr.nu());
                StrictJson.putFinite(row, "logRatioCorrelation", lr.correlation());
                StrictJson.putFinite(row, "meanExpF", lr.meanExpF());
                StrictJson.putFinite(row, "minKsPValueReweighted", c.minKsReweighted());
                StrictJson.putFinite(row, "minKsPValueUnweighted", c.minKsUnweighted());
            }
        }
        return n;
    }
}
