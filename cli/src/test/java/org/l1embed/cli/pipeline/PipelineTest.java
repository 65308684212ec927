package org.l1embed.cli.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.l1embed.quantization.bundle.ModelBundle;
import org.l1embed.quantization.json.StrictJson;

/** The pipeline end to end on a tiny configuration: every stage's output, resume after an interruption, determinism. */
class PipelineTest {

    @TempDir
    static Path shared;

    private static Path complete;

    /** Small enough for seconds per stage; every stage still runs for real. */
    static PipelineConfig tiny() {
        return PipelineConfig.defaults()
                .with("data", d -> d.put("synthetic", 6000))
                .with("train", t -> t.put("epochs", 1).put("batch", 256))
                .with("finetune", f -> f.put("epochs", 1).put("events", 2000).put("heldOutEvents", 500))
                .with("quantize", q -> q.put("events", 2000).put("qatEpochs", 1).put("evaluationEvents", 1000))
                .with("hls", h -> h.put("testbenchEvents", 100))
                .with("validate", v -> v.put("events", 2000))
                .with("evaluate", e -> e.put("synthetic", 3000).put("toys", 10).put("reference", 1000).put("data", 200)
                        .put("centres", 50).put("bootstrap", 10).put("injectionToys", 2));
    }

    private static PrintStream quiet() {
        return new PrintStream(new ByteArrayOutputStream(), true);
    }

    @BeforeAll
    static void runOnce() throws IOException {
        complete = shared.resolve("complete");
        Pipeline.Result r = new Pipeline(quiet(), "test").run(tiny(), complete);
        assertEquals(List.of(Stage.values()), r.ran());
    }

    /** The complete run's report directory (for the browser test). */
    static Path completeReport() {
        return complete.resolve("report");
    }

    @Test
    void aCompleteRunHoldsTheServedBundleTheHlsProjectAndTheReport() throws IOException {
        ModelBundle served = ModelBundle.read(complete.resolve("models/l1embed/1"));
        assertTrue(served.network().isQuantized());
        assertTrue(Files.isRegularFile(complete.resolve("hls/layers.json")));
        assertTrue(Files.isRegularFile(complete.resolve("hls/build_prj.tcl")));
        JsonNode validation = StrictJson.MAPPER.readTree(Files.readString(complete.resolve("work/validation/validation.json")));
        assertEquals("PASS", validation.path("verdict").asText(), validation.toString());
        assertEquals(2000, validation.path("events").asInt());
        assertTrue(validation.path("testbench").path("bitExact").asBoolean(), validation.toString());
        assertEquals(4, validation.path("outputs").size());
        String html = Files.readString(complete.resolve("report/index.html"));
        assertTrue(html.contains("against the bit-accurate emulator on 2000 generated background events (seed 1)"), "validation in the report");
        for (String section : List.of("Training", "Latent space by process", "ROC", "NPLM", "Systematics", "Float vs fixed point",
                "HLS resource", "Provenance")) {
            assertTrue(html.contains(section), section);
        }
        // Every image the page shows is a file beside it; nothing is fetched from elsewhere.
        List<String> images = new ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("<img src=\"([^\"]+)\"").matcher(html);
        while (m.find()) {
            images.add(m.group(1));
        }
        assertTrue(images.size() >= 15, images.toString());
        for (String i : images) {
            assertTrue(Files.isRegularFile(complete.resolve("report").resolve(i)), i);
        }
        assertFalse(html.contains("http://") || html.contains("https://"), "no external resources");
        assertFalse(html.contains(">n/a<"), "every number in the tables is filled");
    }

    @Test
    void theReportRendersInAHeadlessBrowserWithEveryImageLoadedAndEveryTableFilled() throws Exception {
        Path chromium = Stream.of("/usr/bin/chromium", "/usr/bin/chromium-browser").map(Path::of).filter(Files::isExecutable).findFirst()
                .orElseThrow(() -> new AssertionError("chromium is required to render the report (Debian: apt-get install chromium; "
                        + ".ci/run installs it)"));
        String url = completeReport().resolve("index.html").toUri().toString();
        String dom = browser(chromium, "--dump-dom", url);
        java.util.regex.Matcher body = java.util.regex.Pattern.compile(
                "<body data-images-loaded=\"(\\d+)\" data-images-total=\"(\\d+)\" data-images-failed=\"(\\d+)\">").matcher(dom);
        assertTrue(body.find(), "the page's image counter ran: " + dom.substring(0, Math.min(400, dom.length())));
        int total = Integer.parseInt(body.group(2));
        assertTrue(total >= 15, "images: " + total);
        assertEquals(total, Integer.parseInt(body.group(1)), "every image loaded");
        assertEquals(0, Integer.parseInt(body.group(3)), "no image failed");
        java.util.regex.Matcher cells = java.util.regex.Pattern.compile("<td[^>]*>(.*?)</td>").matcher(dom);
        int n = 0;
        while (cells.find()) {
            assertFalse(cells.group(1).isBlank() || cells.group(1).equals("n/a"), "an empty table cell: " + cells.group());
            n++;
        }
        assertTrue(n > 100, "table cells: " + n);
        // The screenshot is part of the test output.
        Path shot = Path.of("target", "pipeline-report.png").toAbsolutePath();
        Files.deleteIfExists(shot);
        browser(chromium, "--hide-scrollbars", "--window-size=1280,4000", "--screenshot=" + shot, url);
        java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(shot.toFile());
        assertEquals(1280, image.getWidth());
        assertEquals(4000, image.getHeight());
    }

    /** Runs headless Chromium once and returns its standard output. */
    private static String browser(Path chromium, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--user-data-dir=" + Files.createTempDirectory("l1embed-chromium-")));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS), "chromium finished");
        assertEquals(0, p.exitValue(), "chromium exit status");
        return out;
    }

    @Test
    void anInterruptedRunResumesAndProducesTheSameArtefacts(@TempDir Path tmp) throws IOException {
        Path run = tmp.resolve("run");
        assertThrows(Pipeline.Stopped.class, () -> new Pipeline(quiet(), "test").run(tiny(), run, s -> s != Stage.QUANTIZE));
        assertTrue(Files.isDirectory(run.resolve("models/l1embed/1")));
        assertFalse(Files.exists(run.resolve("hls")));
        Pipeline.Result resumed = new Pipeline(quiet(), "test").run(tiny(), run);
        assertEquals(List.of(Stage.TRAIN, Stage.FINETUNE, Stage.QUANTIZE), resumed.skipped());
        assertEquals(List.of(Stage.EXPORT_HLS, Stage.VALIDATE, Stage.EVALUATE, Stage.REPORT), resumed.ran());

        // The same artefacts as the uninterrupted run: bundles (provenance timestamps aside), the HLS project, the evaluation.
        for (String f : List.of("models/l1embed/1/network.json", "models/l1embed/1/model.onnx", "work/finetuned/nuisance.json",
                "work/float/network.json")) {
            assertArrayEquals(Files.readAllBytes(complete.resolve(f)), Files.readAllBytes(run.resolve(f)), f);
        }
        try (Stream<Path> files = Files.walk(complete.resolve("hls"))) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                Path rel = complete.resolve("hls").relativize(p);
                assertArrayEquals(Files.readAllBytes(p), Files.readAllBytes(run.resolve("hls").resolve(rel)), rel.toString());
            }
        }
        assertEquals(withoutRunSpecifics(complete.resolve("work/evaluation/report.json")),
                withoutRunSpecifics(run.resolve("work/evaluation/report.json")));

        // A changed setting reruns that stage and every later one.
        Pipeline.Result changed = new Pipeline(quiet(), "test").run(tiny().with("hls", h -> h.put("reuse", 4)), run);
        assertEquals(List.of(Stage.TRAIN, Stage.FINETUNE, Stage.QUANTIZE), changed.skipped());
        assertEquals(List.of(Stage.EXPORT_HLS, Stage.VALIDATE, Stage.EVALUATE, Stage.REPORT), changed.ran());
    }

    private static JsonNode withoutRunSpecifics(Path report) throws IOException {
        ObjectNode n = (ObjectNode) StrictJson.MAPPER.readTree(Files.readString(report));
        n.remove("created");
        ((ObjectNode) n.get("bundle")).remove("directory");
        return n;
    }

    @Test
    void configurationErrorsNameTheField(@TempDir Path tmp) throws IOException {
        Path f = tmp.resolve("p.yaml");
        Files.writeString(f, "train: {epochz: 3}\n");
        assertEquals(f + ": unknown field train.epochz; expected one of [batch, epochs, latent]",
                assertThrows(IllegalArgumentException.class, () -> PipelineConfig.read(f)).getMessage());
        Files.writeString(f, "quantize: {bits: ten}\n");
        assertEquals(f + ": quantize.bits: expected a number, got \"ten\"",
                assertThrows(IllegalArgumentException.class, () -> PipelineConfig.read(f)).getMessage());
        Files.writeString(f, "train: {epochs: 0}\n");
        assertEquals(f + ": train.epochs must be >= 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> PipelineConfig.read(f)).getMessage());
        Files.writeString(f, "name: bad-name\n");
        assertEquals(f + ": name must be a C identifier (it names the model and its HLS project), got 'bad-name'",
                assertThrows(IllegalArgumentException.class, () -> PipelineConfig.read(f)).getMessage());
        Files.writeString(f, "evaluate: {toys: 50}\nhls: {reuse: 4}\n");
        assertEquals(4, PipelineConfig.read(f).integer("hls.reuse"));
    }

    @Test
    void everySettingIsCheckedBeforeAnyStageRuns(@TempDir Path tmp) throws IOException {
        Path f = tmp.resolve("p.yaml");
        java.util.Map<String, String> cases = new java.util.LinkedHashMap<>();
        cases.put("validate: {events: 0}\n", "validate.events must be >= 1, got 0");
        cases.put("quantize: {bits: 100}\n", "quantize.bits must be in 2..32, got 100");
        cases.put("quantize: {constantBits: 33}\n", "quantize.constantBits must be in 2..32, got 33");
        cases.put("finetune: {order: 3}\n", "finetune: order must be");
        cases.put("finetune: {range: 1.0}\n", "finetune.range must be > 0 and <= 0.4055 (the largest jet-energy-scale shift the "
                + "synthetic source events support), got 1.0");
        cases.put("finetune: {range: -0.1}\n", "finetune: range must be finite and > 0, got range=-0.1");
        cases.put("hls: {part: bogus}\n", "hls: part must be");
        cases.put("hls: {clockNs: -1.0}\n", "hls.clockNs must be a finite number of nanoseconds > 0, got -1.0");
        cases.put("hls: {reuse: 1}\n", "hls.reuse 1 does not suit the encoder's dense layers [57x96, 96x64, 64x48, 48x4]");
        cases.put("hls: {reuse: 5}\n", "valid for all of them: [2, 3, 4, 6, 8, 12, 16, 24, 32, 48, 96]");
        cases.put("evaluate: {toys: 5}\n", "evaluate.toys must be 0 (no NPLM) or >= 10");
        cases.put("evaluate: {data: 50000, reference: 20000}\n", "evaluate.data must be in 10..20000, got 50000");
        cases.put("data: {synthetic: 10}\n", "data.synthetic must be in 5000..10000000, got 10");
        cases.put("train: {epochs: 2}\ntrain: {epochs: 3}\n", "Duplicate field 'train'");
        for (var e : cases.entrySet()) {
            Files.writeString(f, e.getKey());
            String message = assertThrows(IllegalArgumentException.class, () -> PipelineConfig.read(f), e.getKey()).getMessage();
            assertTrue(message.contains(e.getValue()), e.getKey() + " -> " + message);
        }
        assertEquals("--config " + tmp + ": not a regular file; expected a pipeline.yaml",
                assertThrows(IllegalArgumentException.class, () -> PipelineConfig.read(tmp)).getMessage());
        assertEquals("--synthetic must be in 5000..10000000 events, got -5",
                assertThrows(IllegalArgumentException.class, () -> PipelineConfig.defaults().withData(null, -5)).getMessage());
    }

    @Test
    void theRunDirectoryAndTheDataAreCheckedBeforeAnythingIsWritten(@TempDir Path tmp) throws IOException {
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Pipeline(quiet(), "test").run(tiny(), file)).getMessage()
                .startsWith("--out " + file + ": exists and is not a directory"));
        Path foreign = Files.createDirectories(tmp.resolve("foreign"));
        Files.writeString(foreign.resolve("notes.txt"), "mine");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Pipeline(quiet(), "test").run(tiny(), foreign)).getMessage()
                .startsWith("--out " + foreign + ": a non-empty directory that is not an l1embed run directory"));
        assertEquals(List.of("notes.txt"), list(foreign));
        Path empty = Files.createDirectories(tmp.resolve("no-h5"));
        Path run = tmp.resolve("run");
        assertEquals("--data " + empty + ": no .h5 or .hdf5 files in the directory", assertThrows(IllegalArgumentException.class,
                () -> new Pipeline(quiet(), "test").run(tiny().withData(empty, null), run)).getMessage());
        assertEquals("--data " + tmp.resolve("missing") + ": no such directory; expected a directory of ADC2021-layout .h5 files",
                assertThrows(IllegalArgumentException.class,
                        () -> new Pipeline(quiet(), "test").run(tiny().withData(tmp.resolve("missing"), null), run)).getMessage());
        assertFalse(Files.exists(run), "nothing written");
    }

    @Test
    void aKilledRunsLeftoversAreClearedAndACheckpointOfOtherSettingsIsDiscarded(@TempDir Path tmp) throws IOException {
        // What a process killed during training with other settings leaves: its state, a checkpoint, a staging directory.
        Path run = Files.createDirectories(tmp.resolve("run"));
        ObjectNode state = StrictJson.MAPPER.createObjectNode().put("format", "l1embed-pipeline-state");
        state.putObject("stages");
        state.putObject("running").put("stage", "train").put("key", "the key of other settings");
        Files.writeString(run.resolve(Pipeline.STATE_FILE), state.toString());
        Path checkpoint = Files.createDirectories(run.resolve("work/float.checkpoint"));
        Files.writeString(checkpoint.resolve("checkpoint.l1ckpt"), "a checkpoint of another model");
        Path staging = Files.createDirectories(run.resolve("work/.float.l1embed-tmp-42"));
        Files.writeString(staging.resolve("half-written"), "x");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        assertThrows(Pipeline.Stopped.class,
                () -> new Pipeline(new PrintStream(log, true), "test").run(tiny(), run, s -> s != Stage.TRAIN));
        String text = log.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(text.contains("removed 1 half-written directory left beside float by an interrupted run"), text);
        assertTrue(text.contains("discarded the training checkpoint of an interrupted run with other settings"), text);
        assertEquals(List.of("float"), list(run.resolve("work")));
        JsonNode after = StrictJson.MAPPER.readTree(Files.readString(run.resolve(Pipeline.STATE_FILE)));
        assertTrue(after.path("stages").has("train"));
        assertFalse(after.has("running"), after.toString());
    }

    private static List<String> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
