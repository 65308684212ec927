package org.l1embed.cli.jobs;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.l1embed.analysis.nplm.NplmSettings;
import org.l1embed.analysis.nplm.Sample;
import org.l1embed.cli.text.TextTable;
import org.l1embed.events.EventLayout;
import org.l1embed.events.Process;
import org.l1embed.quantization.bundle.ModelBundle;
import org.l1embed.quantization.bundle.NuisanceModel;
import org.l1embed.quantization.files.StagedDirectory;
import org.l1embed.quantization.json.StrictJson;
import org.l1embed.quantization.network.NetworkSpec;
import org.l1embed.quantization.network.Preprocessing;

/**
 * {@code l1embed evaluate}: bundle (checksums verified) → evaluation events (synthetic or HDF5), background split in a
 * fit half and a test half ({@link EvaluationEvents}) → the embedding and the raw-57 and 6-D baselines
 * ({@link Representation}) → per representation the anomaly scores and trigger metrics ({@link DetectionMetrics}) and
 * the NPLM study ({@link NplmStudy}) → with a nuisance model in the bundle, the systematics-aware NPLM study on the
 * embedding ({@link NuisanceStudy}) → {@code report.json} and PNG plots, written into a staged directory that replaces
 * the report directory only when complete.
 */
public final class EvaluateJob {

    /** Format of report.json. */
    public static final String FORMAT = "l1embed-evaluation-report";
    /** Its schema version. */
    public static final int SCHEMA_VERSION = 1;
    /** The report file. */
    public static final String REPORT_JSON = "report.json";

    /** Shifts of the nuisance check, in multiples of the classifier's range. */
    static final double[] NUISANCE_SHIFTS = {-1, -0.5, 0.5, 1};

    /**
     * The NPLM settings of an evaluation.
     *
     * @param toys          null toys per representation; 0 skips NPLM
     * @param reference     N_R, at most the fit half of the background
     * @param data          expected N_D
     * @param centres       M
     * @param lambda        ridge λ
     * @param solver        one step or full Newton
     * @param injections    expected injected signal events; null for the default (0.5, 1, 2, 4 % of N_D)
     * @param injectionToys pseudo-data sets per signal and injection
     * @param shapeSigma    σ of the nuisance's constraint
     * @param normSigma     σ of the normalisation's constraint
     */
    public record NplmOptions(int toys, int reference, int data, int centres, double lambda, NplmSettings.Solver solver,
                              List<Integer> injections, int injectionToys, double shapeSigma, double normSigma) {
        public NplmOptions {
            Objects.requireNonNull(solver, "solver");
            if (toys < 0) {
                throw new IllegalArgumentException("nplm-toys must be >= 0, got nplm-toys=" + toys);
            }
            if (toys > 0 && toys < 10) {
                throw new IllegalArgumentException("nplm-toys must be 0 (no NPLM) or >= 10 (the chi2 fit needs them), got nplm-toys=" + toys);
            }
            if (reference < 10) {
                throw new IllegalArgumentException("nplm-reference must be >= 10, got nplm-reference=" + reference);
            }
            if (data < 10 || data > reference) {
                throw new IllegalArgumentException("nplm-data must be in [10, nplm-reference=" + reference + "], got nplm-data=" + data);
            }
            if (centres < 1 || centres > reference + data) {
                throw new IllegalArgumentException("nplm-centres must be in [1, N_R + N_D = " + (reference + data) + "], got nplm-centres="
                        + centres);
            }
            if (!(lambda >= 0) || !Double.isFinite(lambda)) {
                throw new IllegalArgumentException("nplm-lambda must be finite and >= 0, got nplm-lambda=" + lambda);
            }
            injections = injections == null ? defaultInjections(data) : List.copyOf(injections);
            for (int n : injections) {
                if (n < 0) {
                    throw new IllegalArgumentException("injections must be >= 0, got " + n);
                }
            }
            if (injectionToys < 1) {
                throw new IllegalArgumentException("injection-toys must be >= 1, got injection-toys=" + injectionToys);
            }
            if (!(shapeSigma > 0) || !Double.isFinite(shapeSigma)) {
                throw new IllegalArgumentException("shape-sigma must be finite and > 0, got shape-sigma=" + shapeSigma);
            }
            if (!(normSigma > 0) || !Double.isFinite(normSigma)) {
                throw new IllegalArgumentException("norm-sigma must be finite and > 0, got norm-sigma=" + normSigma);
            }
        }

        /** 0.5, 1, 2 and 4 % of N_D, at least 1 each, distinct. */
        static List<Integer> defaultInjections(int data) {
            return java.util.stream.DoubleStream.of(0.005, 0.01, 0.02, 0.04).mapToInt(f -> Math.max(1, (int) Math.round(f * data)))
                    .distinct().boxed().toList();
        }

        /** {@code one-step} or {@code newton}. */
        public static NplmSettings.Solver solver(String text) {
            return switch (text.toLowerCase(Locale.ROOT)) {
                case "one-step" -> NplmSettings.Solver.ONE_STEP;
                case "newton" -> NplmSettings.Solver.FULL_NEWTON;
                default -> throw new IllegalArgumentException("nplm-solver must be one-step or newton, got '" + text + "'");
            };
        }

        /** Defaults for a given N_R: N_D = N_R/10, 100 toys, M = 300, λ = 1e-6, one step, 5 pseudo-data per injection. */
        public static NplmOptions defaults(int reference) {
            return new NplmOptions(100, reference, Math.max(10, reference / 10), 300, 1e-6, NplmSettings.Solver.ONE_STEP, null, 5, 0.025, 0.1);
        }
    }

    /**
     * What to evaluate.
     *
     * @param bundle          the model bundle
     * @param data            HDF5 directory, or null for synthetic events
     * @param syntheticEvents background events to generate when {@code data} is null
     * @param out             the report directory
     * @param bootstrap       bootstrap replicas, &gt;= 1
     */
    public record Options(Path bundle, Path data, int syntheticEvents, Path out, NplmOptions nplm, int bootstrap, long seed, boolean overwrite) {
        public Options {
            Objects.requireNonNull(bundle, "bundle");
            Objects.requireNonNull(out, "out");
            Objects.requireNonNull(nplm, "nplm");
            if ((data == null) == (syntheticEvents <= 0)) {
                throw new IllegalArgumentException("give either --data DIR or --synthetic N (N > 0), got data=" + data + ", synthetic="
                        + syntheticEvents);
            }
            if (bootstrap < 1) {
                throw new IllegalArgumentException("bootstrap must be >= 1, got bootstrap=" + bootstrap);
            }
        }
    }

    /**
     * What was written.
     *
     * @param directory the report directory
     * @param report    report.json's content
     * @param summary   the tables printed on stdout
     */
    public record Result(Path directory, ObjectNode report, String summary) {
    }

    private final PrintStream log;

    public EvaluateJob(PrintStream log) {
        this.log = log;
    }

    public Result run(Options o) throws IOException {
        ModelBundle bundle = ModelBundle.read(o.bundle());
        NetworkSpec network = requireEvaluable(bundle, o.bundle());
        Optional<NuisanceModel> nuisance = NuisanceModel.of(bundle);
        StagedDirectory.TargetCheck check = o.overwrite() ? StagedDirectory.TargetCheck.replaceAny()
                : StagedDirectory.TargetCheck.refuse("report directory", "pass --overwrite to replace it");
        try (StagedDirectory staged = StagedDirectory.beside(o.out(), "report directory", check)) {
            EvaluationEvents events = o.data() != null ? EvaluationEvents.hdf5(o.data(), o.seed())
                    : EvaluationEvents.synthetic(o.syntheticEvents(), o.seed());
            if (o.nplm().toys() > 0 && events.testBackground().size() < o.nplm().data()) {
                // Checked before any work: pseudo-data are drawn from the test half.
                throw new IllegalArgumentException("nplm-data=" + o.nplm().data() + " exceeds the " + events.testBackground().size()
                        + " test background events; give more events or a smaller --nplm-data");
            }
            log.printf(Locale.ROOT, "evaluating %s on %s: %d + %d background events (fit + test), %s%n", o.bundle(), events.source(),
                    events.fitBackground().size(), events.testBackground().size(), signalCounts(events));
            List<Representation> reps = Representation.all(events, network);
            Path dir = staged.path();
            ObjectNode report = StrictJson.MAPPER.createObjectNode();
            report.put("format", FORMAT);
            report.put("schemaVersion", SCHEMA_VERSION);
            report.set("bundle", bundleJson(bundle, o.bundle(), nuisance.isPresent()));
            report.set("events", eventsJson(events, o));
            List<String> plots = new ArrayList<>();

            List<DetectionMetrics> metrics = new ArrayList<>();
            ObjectNode repJson = report.putObject("representations");
            for (Representation r : reps) {
                long started = System.nanoTime();
                DetectionMetrics m = DetectionMetrics.of(r, o.bootstrap(), o.seed());
                metrics.add(m);
                ObjectNode rj = repJson.putObject(r.name());
                rj.put("description", r.description());
                rj.put("dimension", r.dimension());
                rj.set("scores", m.toJson());
                log.printf(Locale.ROOT, "scores on %s: %.1f s%n", r.name(), (System.nanoTime() - started) / 1e9);
            }
            for (Process signal : events.signals().keySet()) {
                plots.add(EvaluationPlots.roc(dir, signal, metrics));
            }
            plots.add(EvaluationPlots.efficiencyVsRate(dir, metrics.get(0)));
            if (reps.get(0).dimension() >= 2) {
                plots.add(EvaluationPlots.latentPairs(dir, reps.get(0), events.testBackground(), o.seed()));
            }

            Map<String, NplmStudy> studies = new LinkedHashMap<>();
            if (o.nplm().toys() > 0) {
                int[] injections = o.nplm().injections().stream().mapToInt(Integer::intValue).toArray();
                ObjectNode nj = report.putObject("nplm");
                for (Representation r : reps) {
                    NplmStudy s = nplm(r, o, injections);
                    studies.put(r.name(), s);
                    nj.set(r.name(), s.toJson());
                    plots.add(EvaluationPlots.nullDistribution(dir, r.name(), s.nullT().values(), s.chi2().degreesOfFreedom()));
                }
                for (Process signal : events.signals().keySet()) {
                    Map<String, double[]> z = new LinkedHashMap<>();
                    for (NplmStudy s : studies.values()) {
                        double[] zs = new double[injections.length];
                        java.util.Arrays.fill(zs, Double.NaN);
                        for (NplmStudy.Injection i : s.injections().getOrDefault(signal, List.of())) {
                            for (int k = 0; k < injections.length; k++) {
                                if (injections[k] == i.signalEvents()) {
                                    zs[k] = i.chiSquared().z();
                                }
                            }
                        }
                        z.put(s.representation(), zs);
                    }
                    plots.add(EvaluationPlots.zVsInjection(dir, signal, injections, z));
                }
                if (nuisance.isPresent()) {
                    NuisanceStudy ns = nuisanceStudy(nuisance.get(), studies.get("embedding"), events, network, reps.get(0), o);
                    report.set("nplmNuisance", ns.toJson());
                    double[] nu = ns.shifts().stream().mapToDouble(NuisanceStudy.Shift::nu).toArray();
                    plots.add(EvaluationPlots.nuisanceCheck(dir, nu, ns.shifts().stream().mapToDouble(s -> s.zNominal().z()).toArray(),
                            ns.shifts().stream().mapToDouble(s -> s.zAware().z()).toArray()));
                } else {
                    report.putObject("nplmNuisance").put("skipped", "the bundle has no " + NuisanceModel.FILE + " (fine-tune it with l1embed finetune)");
                }
            } else {
                report.putObject("nplm").put("skipped", "--nplm-toys 0");
            }
            ArrayNode pj = report.putArray("plots");
            plots.forEach(pj::add);
            report.put("created", Instant.now().toString());
            Files.write(dir.resolve(REPORT_JSON), (StrictJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(report) + "\n")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            String summary = summary(metrics, studies);
            staged.commit();
            return new Result(staged.target(), report, summary);
        }
    }

    /** The bundle's network, refused unless it takes the 57 network features through stored preprocessing. */
    static NetworkSpec requireEvaluable(ModelBundle bundle, Path directory) {
        NetworkSpec network = bundle.network();
        if (network.input().preprocessing() instanceof Preprocessing.Identity) {
            throw new IllegalArgumentException(directory + ": input.preprocessing is 'none'; evaluation events are raw features and need "
                    + "the preprocessing constants the network was trained with");
        }
        if (network.input().size() != EventLayout.NETWORK_FEATURES) {
            throw new IllegalArgumentException(directory + ": network input has " + network.input().size() + " values; evaluation events "
                    + "have " + EventLayout.NETWORK_FEATURES);
        }
        return network;
    }

    private NplmStudy nplm(Representation r, Options o, int[] injections) {
        NplmOptions n = o.nplm();
        int d = r.dimension();
        int nRef = Math.min(n.reference(), r.fitEvents());
        int[] pick = java.util.Arrays.copyOf(EvaluationEvents.shuffled(r.fitEvents(), o.seed() ^ 0x5245464CL), nRef);
        float[] referenceRows = AnomalyEvaluation.rows(r.fit(), d, java.util.Arrays.stream(pick).boxed().toList());
        // A feature constant over the reference (e.g. MET's eta in the raw 57) carries no information and cannot be
        // standardized with the reference's statistics: NPLM runs on the others.
        int[] keep = varyingColumns(referenceRows, d);
        Sample reference = Sample.of(columns(referenceRows, d, keep), keep.length);
        Sample pool = Sample.of(columns(r.test(), d, keep), keep.length);
        Map<Process, Sample> signals = new LinkedHashMap<>();
        r.signals().forEach((p, x) -> signals.put(p, Sample.of(columns(x, d, keep), keep.length)));
        NplmOptions used = nRef == n.reference() ? n : new NplmOptions(n.toys(), nRef, Math.min(n.data(), nRef), Math.min(n.centres(),
                nRef + Math.min(n.data(), nRef)), n.lambda(), n.solver(), n.injections(), n.injectionToys(), n.shapeSigma(), n.normSigma());
        if (keep.length < d) {
            log.printf(Locale.ROOT, "nplm %s: %d of %d features are constant over the reference and left out%n", r.name(), d - keep.length, d);
        }
        return NplmStudy.run(r.name(), reference, pool, signals, used, injections, o.seed(), log);
    }

    /** Columns of {@code [events, d]} rows that take more than one value. */
    static int[] varyingColumns(float[] rows, int d) {
        int events = rows.length / d;
        return java.util.stream.IntStream.range(0, d).filter(k -> {
            for (int e = 1; e < events; e++) {
                if (rows[e * d + k] != rows[k]) {
                    return true;
                }
            }
            return false;
        }).toArray();
    }

    static float[] columns(float[] rows, int d, int[] keep) {
        if (keep.length == d) {
            return rows;
        }
        int events = rows.length / d;
        float[] out = new float[events * keep.length];
        for (int e = 0; e < events; e++) {
            for (int k = 0; k < keep.length; k++) {
                out[e * keep.length + k] = rows[e * d + keep[k]];
            }
        }
        return out;
    }

    private NuisanceStudy nuisanceStudy(NuisanceModel model, NplmStudy embedding, EvaluationEvents events, NetworkSpec network,
                                        Representation r, Options o) {
        double[] nus = java.util.Arrays.stream(NUISANCE_SHIFTS).map(f -> f * model.range()).toArray();
        return NuisanceStudy.run(model, embedding, nu -> Sample.of(Representation.embed(network, events.shifted().testBackground(nu)
                .networkFeatures()), r.dimension()), nus, Math.max(10, Math.min(o.nplm().toys(), 50)), o.nplm().injectionToys(),
                o.nplm().shapeSigma(), o.nplm().normSigma(), o.seed(), log);
    }

    private static String signalCounts(EvaluationEvents events) {
        StringBuilder b = new StringBuilder();
        events.signals().forEach((p, s) -> b.append(b.length() == 0 ? "" : ", ").append(s.size()).append(' ').append(p.shortName()));
        return b.length() == 0 ? "no signal events" : b.toString();
    }

    private static ObjectNode bundleJson(ModelBundle bundle, Path directory, boolean hasNuisance) {
        ObjectNode b = StrictJson.MAPPER.createObjectNode();
        b.put("directory", directory.toAbsolutePath().normalize().toString());
        b.put("network", bundle.network().name());
        b.put("quantized", bundle.network().isQuantized());
        b.put("latentSize", bundle.network().outputSize());
        b.put("preprocessing", bundle.network().input().preprocessing().kind());
        b.put("datasetFingerprint", bundle.provenance().datasetFingerprint());
        b.put("codeVersion", bundle.provenance().codeVersion());
        b.put("nuisanceModel", hasNuisance);
        return b;
    }

    private static ObjectNode eventsJson(EvaluationEvents events, Options o) {
        ObjectNode e = StrictJson.MAPPER.createObjectNode();
        e.put("source", events.source());
        e.put("seed", o.seed());
        e.put("fitBackground", events.fitBackground().size());
        e.put("testBackground", events.testBackground().size());
        ObjectNode s = e.putObject("signals");
        events.signals().forEach((p, set) -> s.put(p.shortName(), set.size()));
        e.put("bootstrapReplicas", o.bootstrap());
        return e;
    }

    /** Tables for stdout: AUC and efficiencies (Mahalanobis) per representation and signal; NPLM Z at the largest injection. */
    static String summary(List<DetectionMetrics> metrics, Map<String, NplmStudy> studies) {
        TextTable t = new TextTable().left("representation").left("signal").right("AUC").right("eff@2.5e-5").right("eff@2.5e-4")
                .right("eff@1e-3");
        for (DetectionMetrics m : metrics) {
            boolean first = true;
            for (Map.Entry<Process, DetectionMetrics.SignalResult> s : m.scores().get(DetectionMetrics.SCORE_KINDS.get(0)).entrySet()) {
                var b = s.getValue().bootstrap();
                List<String> row = new ArrayList<>(List.of(first ? m.representation() : "", s.getKey().shortName(),
                        String.format(Locale.ROOT, "%.3f±%.3f", b.auc().value(), b.auc().std())));
                for (var e : b.efficiencies()) {
                    row.add(String.format(Locale.ROOT, "%.3f%s", e.efficiency().value(), e.nominal().resolved() ? "" : "*"));
                }
                t.row(row.toArray(String[]::new));
                first = false;
            }
        }
        StringBuilder out = new StringBuilder(t.render());
        out.append("(Mahalanobis score; * = the background sample cannot resolve the acceptance)\n");
        if (!studies.isEmpty()) {
            TextTable z = new TextTable().left("representation").right("null <t>").right("chi2 dof").left("signal").right("injected")
                    .right("Z (chi2)");
            for (NplmStudy s : studies.values()) {
                boolean first = true;
                for (Map.Entry<Process, List<NplmStudy.Injection>> e : s.injections().entrySet()) {
                    for (NplmStudy.Injection i : e.getValue()) {
                        z.row(first ? s.representation() : "", first ? String.format(Locale.ROOT, "%.2f", s.nullT().mean()) : "",
                                first ? String.format(Locale.ROOT, "%.2f", s.chi2().degreesOfFreedom()) : "", e.getKey().shortName(),
                                Integer.toString(i.signalEvents()), String.format(Locale.ROOT, "%.2f", i.chiSquared().z()));
                        first = false;
                    }
                }
            }
            out.append('\n').append(z.render());
        }
        return out.toString();
    }
}
