package org.l1embed.cli.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.l1embed.cli.jobs.EvaluateJob;
import org.l1embed.cli.jobs.FinetuneJob;
import org.l1embed.cli.jobs.QuantizeJob;
import org.l1embed.cli.jobs.TrainJob;
import org.l1embed.cli.jobs.ValidateJob;
import org.l1embed.hls.config.FpgaPart;
import org.l1embed.hls.config.HlsConfig;
import org.l1embed.hls.design.HlsDesign;
import org.l1embed.hls.design.TestbenchVectors;
import org.l1embed.hls.render.GeneratedFile;
import org.l1embed.hls.render.HlsProjectRenderer;
import org.l1embed.hls.write.ProjectWriter;
import org.l1embed.inference.validation.Thresholds;
import org.l1embed.inference.validation.ValidationReport;
import org.l1embed.quantization.bundle.Checksums;
import org.l1embed.quantization.bundle.ModelBundle;
import org.l1embed.quantization.files.StagedDirectory;
import org.l1embed.quantization.json.StrictJson;
import org.l1embed.quantization.network.NetworkSpec;
import org.l1embed.training.data.hdf5.Hdf5DatasetLoader;
import org.l1embed.training.nuisance.NuisanceConfig;
import org.l1embed.training.quantize.ptq.PrecisionConfig;
import org.l1embed.training.train.ContrastiveMode;

/**
 * {@code l1embed pipeline}: the whole chain in one run directory — data → contrastive embedding ({@code work/float}) →
 * nuisance fine-tuning ({@code work/finetuned}) → quantization-aware fine-tuning into the bundle the service loads
 * ({@code models/<name>/<version>}) → the HLS project ({@code hls}) → the anomaly-detection evaluation
 * ({@code work/evaluation}) → the static report ({@code report/index.html}).
 *
 * <p><b>Resume.</b> Every stage writes its output atomically, and {@value #STATE_FILE} records each finished stage
 * with a key: the SHA-256 of its settings and of the previous stage's key. A rerun skips every stage whose key is
 * recorded and whose output is there, and reruns from the first one that changed or is missing; training itself also
 * resumes from its per-epoch checkpoint. Every stage is deterministic for its settings, so an interrupted and resumed
 * run produces the same artefacts as an uninterrupted one (timestamps in provenance and reports aside).
 */
public final class Pipeline {

    /** The state file in the run directory. */
    public static final String STATE_FILE = "pipeline-state.json";
    /** The state's record of the stage running now (stage id and key); left there when a process is killed. */
    private static final String RUNNING = "running";

    /** Called after each stage; returning false stops the run there (what an interruption leaves). */
    @FunctionalInterface
    public interface StageListener {
        boolean afterStage(Stage stage);
    }

    /** A run stopped by its listener before the last stage. */
    public static final class Stopped extends RuntimeException {
        public Stopped(Stage after) {
            super("pipeline stopped after stage " + after.id() + "; run the same command again to resume");
        }
    }

    /**
     * What ran.
     *
     * @param runDirectory the run directory
     * @param ran          stages run now
     * @param skipped      stages skipped because already finished with the same settings
     */
    public record Result(Path runDirectory, List<Stage> ran, List<Stage> skipped) {
    }

    private final PrintStream log;
    private final String codeVersion;

    public Pipeline(PrintStream log, String codeVersion) {
        this.log = log;
        this.codeVersion = codeVersion;
    }

    /** Where each stage writes. */
    public static Path output(Path runDir, Stage stage, PipelineConfig c) {
        return switch (stage) {
            case TRAIN -> runDir.resolve("work/float");
            case FINETUNE -> runDir.resolve("work/finetuned");
            case QUANTIZE -> runDir.resolve("models").resolve(c.text("name")).resolve(Integer.toString(c.integer("version")));
            case EXPORT_HLS -> runDir.resolve("hls");
            case VALIDATE -> runDir.resolve("work/validation");
            case EVALUATE -> runDir.resolve("work/evaluation");
            case REPORT -> runDir.resolve("report");
        };
    }

    public Result run(PipelineConfig c, Path runDir) throws IOException {
        return run(c, runDir, s -> true);
    }

    /**
     * What can be checked before anything is written: the run directory is new, empty or an earlier run's, and the data
     * directory holds HDF5 files.
     *
     * @throws IllegalArgumentException naming the option, the path and what was expected
     */
    public static void preflight(PipelineConfig c, Path runDir) throws IOException {
        if (Files.exists(runDir)) {
            if (!Files.isDirectory(runDir)) {
                throw new IllegalArgumentException("--out " + runDir + ": exists and is not a directory; expected a new or empty "
                        + "directory, or the run directory of an earlier l1embed pipeline to resume");
            }
            boolean empty;
            try (java.util.stream.Stream<Path> entries = Files.list(runDir)) {
                empty = entries.findAny().isEmpty();
            }
            if (!empty && !Files.isRegularFile(runDir.resolve(STATE_FILE))) {
                throw new IllegalArgumentException("--out " + runDir + ": a non-empty directory that is not an l1embed run directory (no "
                        + STATE_FILE + "); give a new or empty directory, or the run directory of an earlier l1embed pipeline to resume");
            }
        }
        Path data = c.dataDir();
        if (data != null) {
            try {
                Hdf5DatasetLoader.sourcesIn(data);
            } catch (NoSuchFileException | NotDirectoryException e) {
                throw new IllegalArgumentException("--data " + data + ": " + (e instanceof NoSuchFileException ? "no such directory"
                        : "not a directory") + "; expected a directory of ADC2021-layout .h5 files");
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--data " + e.getMessage(), e);
            }
        }
    }

    public Result run(PipelineConfig c, Path runDir, StageListener listener) throws IOException {
        preflight(c, runDir);
        Files.createDirectories(runDir);
        ObjectNode state = readState(runDir);
        ObjectNode stages = (ObjectNode) state.get("stages");
        // What was running when an earlier process stopped: its training checkpoint is only resumable with its key.
        JsonNode interrupted = state.remove(RUNNING);
        writeState(runDir, state, c);   // from now on the directory is recognisably a run directory
        List<Stage> ran = new ArrayList<>();
        List<Stage> skipped = new ArrayList<>();
        String previous = "";
        boolean rerunRest = false;
        Stage[] all = Stage.values();
        long started = System.nanoTime();
        for (int k = 0; k < all.length; k++) {
            Stage s = all[k];
            String key = key(s, c, previous);
            JsonNode recorded = stages.get(s.id());
            Path out = output(runDir, s, c);
            boolean done = !rerunRest && recorded != null && key.equals(recorded.path("key").asText()) && Files.isDirectory(out);
            if (done) {
                log.printf(Locale.ROOT, "[%d/%d] %s: finished earlier with the same settings, skipped (%s)%n", k + 1, all.length, s.id(),
                        runDir.relativize(out));
                skipped.add(s);
            } else {
                if (!rerunRest && recorded != null && !key.equals(recorded.path("key").asText())) {
                    log.printf(Locale.ROOT, "[%d/%d] %s: settings changed since it ran; its output and every later stage's are replaced%n",
                            k + 1, all.length, s.id());
                }
                rerunRest = true;
                log.printf(Locale.ROOT, "[%d/%d] %s -> %s%n", k + 1, all.length, s.id(), runDir.relativize(out));
                prepare(s, key, out, interrupted);
                state.putObject(RUNNING).put("stage", s.id()).put("key", key);
                writeState(runDir, state, c);
                long t0 = System.nanoTime();
                runStage(s, c, runDir);
                double seconds = (System.nanoTime() - t0) / 1e9;
                state.remove(RUNNING);
                ObjectNode rec = stages.putObject(s.id());
                rec.put("key", key);
                rec.put("seconds", Math.round(seconds * 10) / 10.0);
                rec.put("finishedAt", Instant.now().toString());
                writeState(runDir, state, c);
                ran.add(s);
                log.printf(Locale.ROOT, "[%d/%d] %s done in %.1f s (%.1f s in all)%n", k + 1, all.length, s.id(), seconds,
                        (System.nanoTime() - started) / 1e9);
            }
            previous = key;
            if (k + 1 < all.length && !listener.afterStage(s)) {
                throw new Stopped(s);
            }
        }
        return new Result(runDir, List.copyOf(ran), List.copyOf(skipped));
    }

    /**
     * Clears what an earlier, killed process left for this stage: staging directories beside its output, and a training
     * checkpoint made with other settings (training resumes from a checkpoint only when the stage key is the same).
     */
    private void prepare(Stage s, String key, Path out, JsonNode interrupted) throws IOException {
        int stale = StagedDirectory.removeStale(out);
        if (stale > 0) {
            log.printf(Locale.ROOT, "removed %d half-written director%s left beside %s by an interrupted run%n", stale, stale == 1 ? "y" : "ies",
                    out.getFileName());
        }
        if (s == Stage.TRAIN) {
            Path checkpoint = TrainJob.checkpointDirectory(out);
            boolean sameSettings = interrupted != null && s.id().equals(interrupted.path("stage").asText())
                    && key.equals(interrupted.path("key").asText());
            if (Files.exists(checkpoint) && !sameSettings) {
                StagedDirectory.deleteTree(checkpoint);
                log.printf(Locale.ROOT, "discarded the training checkpoint of an interrupted run with other settings (%s)%n",
                        checkpoint.getFileName());
            }
        }
    }

    /** SHA-256 of the stage's settings and the previous stage's key. */
    static String key(Stage s, PipelineConfig c, String previous) {
        ObjectNode n = StrictJson.MAPPER.createObjectNode();
        n.put("stage", s.id());
        n.put("previous", previous);
        n.put("seed", c.integer("seed"));
        switch (s) {
            case TRAIN -> {
                n.set("data", c.section("data"));
                n.set("train", c.section("train"));
            }
            case FINETUNE -> n.set("finetune", c.section("finetune"));
            case QUANTIZE -> {
                n.put("name", c.text("name"));
                n.put("version", c.integer("version"));
                n.set("quantize", c.section("quantize"));
            }
            case EXPORT_HLS -> {
                n.put("name", c.text("name"));
                n.set("hls", c.section("hls"));
            }
            case VALIDATE -> n.set("validate", c.section("validate"));
            case EVALUATE -> n.set("evaluate", c.section("evaluate"));
            case REPORT -> n.put("report", 1);
        }
        return Checksums.sha256Hex(n.toString().getBytes(StandardCharsets.UTF_8));
    }

    private void runStage(Stage s, PipelineConfig c, Path runDir) throws IOException {
        long seed = c.integer("seed");
        switch (s) {
            case TRAIN -> {
                Integer synthetic = c.dataDir() == null ? c.integer("data.synthetic") : 0;
                new TrainJob(log).run(new TrainJob.Options(c.dataDir(), synthetic, output(runDir, s, c), c.integer("train.epochs"),
                        c.integer("train.latent"), ContrastiveMode.SUPERVISED, c.integer("train.batch"), seed, true, codeVersion, false));
            }
            case FINETUNE -> new FinetuneJob(log).run(new FinetuneJob.Options(output(runDir, Stage.TRAIN, c), output(runDir, s, c),
                    NuisanceConfig.of("jes", c.number("finetune.range"), c.integer("finetune.order"), c.number("finetune.lambda")),
                    c.integer("finetune.epochs"), c.integer("finetune.events"), 256, 1e-3, seed, true, codeVersion,
                    c.integer("finetune.heldOutEvents")));
            case QUANTIZE -> new QuantizeJob(log).run(new QuantizeJob.Options(output(runDir, Stage.FINETUNE, c), output(runDir, s, c),
                    PrecisionConfig.defaults(c.integer("quantize.bits")).withConstantWidth(c.integer("quantize.constantBits")),
                    c.integer("quantize.events"), seed, true, codeVersion, c.integer("quantize.qatEpochs"), 1e-3,
                    c.integer("quantize.evaluationEvents")));
            case EXPORT_HLS -> exportHls(c, runDir);
            case VALIDATE -> validate(c, runDir);
            case EVALUATE -> new EvaluateJob(log).run(new EvaluateJob.Options(output(runDir, Stage.FINETUNE, c), null,
                    c.integer("evaluate.synthetic"), output(runDir, s, c), new EvaluateJob.NplmOptions(c.integer("evaluate.toys"),
                    c.integer("evaluate.reference"), c.integer("evaluate.data"), c.integer("evaluate.centres"), 1e-6,
                    org.l1embed.analysis.nplm.NplmSettings.Solver.ONE_STEP, null, c.integer("evaluate.injectionToys"), 0.025, 0.1),
                    c.integer("evaluate.bootstrap"), seed, true));
            case REPORT -> HtmlReport.write(runDir, c, output(runDir, s, c));
        }
    }

    private void exportHls(PipelineConfig c, Path runDir) throws IOException {
        NetworkSpec net = ModelBundle.read(output(runDir, Stage.QUANTIZE, c)).network();
        String name = c.text("name");
        HlsConfig defaults = HlsConfig.defaults(name);
        HlsConfig config = new HlsConfig(name, name, new FpgaPart(c.text("hls.part")), c.number("hls.clockNs"), 1, Map.of(),
                defaults.ioType(), defaults.strategy(), c.integer("hls.testbenchEvents"), c.integer("seed"))
                .withReuse(c.integer("hls.reuse"), Map.of());
        HlsDesign design = HlsDesign.plan(net, config);
        List<GeneratedFile> files = HlsProjectRenderer.render(design, TestbenchVectors.generate(net, config.testbenchEvents(),
                config.seed()));
        ProjectWriter.write(files, output(runDir, Stage.EXPORT_HLS, c), true);
        log.printf(Locale.ROOT, "HLS project: %d files, %d DSP, %d LUT, latency %d cycles (%.0f ns), II %d%n", files.size(), design.dsp(),
                design.lut(), design.latencyCycles(), design.latencyCycles() * config.clockPeriodNs(), design.initiationInterval());
    }

    private void validate(PipelineConfig c, Path runDir) throws IOException {
        ValidateJob.Result r;
        try {
            r = new ValidateJob().run(new ValidateJob.Options(output(runDir, Stage.QUANTIZE, c), null, c.integer("validate.events"),
                    c.integer("seed"), null, Thresholds.none()));
        } catch (ai.onnxruntime.OrtException e) {
            throw new IOException("ONNX Runtime refused " + output(runDir, Stage.QUANTIZE, c).resolve("model.onnx") + ": " + e.getMessage(), e);
        }
        ValidationReport v = r.report();
        log.printf(Locale.ROOT, "float (ONNX Runtime) vs fixed (emulator) on %s: max |diff| %.4g, %.2f %% of events within one LSB; "
                        + "testbench %s%n", r.source(), java.util.Arrays.stream(v.maxAbsDiff()).max().orElse(Double.NaN),
                100 * v.agreementRate(), v.testbench().present() ? (v.testbench().bitExact() ? "bit-exact" : "NOT bit-exact") : "absent");
        if (!v.passed()) {
            throw new IllegalStateException("validation of " + output(runDir, Stage.QUANTIZE, c) + " failed: " + String.join("; ", v.failures()));
        }
        try (StagedDirectory staged = StagedDirectory.beside(output(runDir, Stage.VALIDATE, c), "validation directory",
                StagedDirectory.TargetCheck.replaceAny())) {
            Files.writeString(staged.path().resolve("validation.json"),
                    StrictJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(ValidateJob.json(r)) + "\n", StandardCharsets.UTF_8);
            staged.commit();
        }
    }

    private static ObjectNode readState(Path runDir) throws IOException {
        Path f = runDir.resolve(STATE_FILE);
        if (!Files.exists(f)) {
            ObjectNode n = StrictJson.MAPPER.createObjectNode();
            n.put("format", "l1embed-pipeline-state");
            n.putObject("stages");
            return n;
        }
        JsonNode n = StrictJson.readObject(Files.readString(f), STATE_FILE);
        if (!"l1embed-pipeline-state".equals(n.path("format").asText()) || !n.path("stages").isObject()) {
            throw new IllegalArgumentException(f + ": not an l1embed pipeline state (format l1embed-pipeline-state with stages)");
        }
        return (ObjectNode) n;
    }

    private static void writeState(Path runDir, ObjectNode state, PipelineConfig c) throws IOException {
        state.set("config", c.toJson());
        Path tmp = Files.createTempFile(runDir, "." + STATE_FILE, ".tmp");
        Files.writeString(tmp, StrictJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(state) + "\n");
        Files.move(tmp, runDir.resolve(STATE_FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
