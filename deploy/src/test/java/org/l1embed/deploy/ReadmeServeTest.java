package org.l1embed.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.l1embed.cli.L1embed;
import org.l1embed.cli.io.InputFormat;
import org.l1embed.cli.io.InputMatrix;
import org.l1embed.inference.FeatureBatch;
import org.l1embed.inference.FloatModel;
import org.l1embed.inference.InferenceDevice;
import org.l1embed.inference.OnnxSessions;
import org.l1embed.quantization.bundle.ModelBundle;

/**
 * The README's "serve the run's models" section, run as written: a pipeline run (small settings, every stage real)
 * leaves {@code RUN_DIR/models}; the README's {@code java ... quarkus-run.jar} line starts the packaged service on it (as
 * a separate process, on a free port); the README's {@code python3 examples/clients/embed.py} line makes an Embed
 * call over gRPC; the latents it prints are compared with the bundle's {@code model.onnx} run here in ONNX Runtime.
 *
 * <p>Needs the packaged service ({@code service/target/quarkus-app}, built before this module in the reactor) and
 * Debian's {@code python3-grpcio} and {@code python3-grpc-tools} ({@code .ci/run} installs them).
 */
class ReadmeServeTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SourceTree TREE = SourceTree.find();

    @TempDir
    static Path tmp;

    private static Path runDir;
    private static Process server;
    private static int port;
    private static Path serverLog;

    /** The lines of the README's fenced block that follows the line starting with {@code marker}. */
    static List<String> readmeBlock(String marker) throws IOException {
        List<String> lines = Files.readAllLines(TREE.root().resolve("README.md"), StandardCharsets.UTF_8);
        int at = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(marker)) {
                at = i;
                break;
            }
        }
        assertTrue(at >= 0, "README.md has no line starting with '" + marker + "'");
        int open = at + 1;
        while (!lines.get(open).startsWith("```")) {
            open++;
        }
        List<String> block = new ArrayList<>();
        for (int i = open + 1; !lines.get(i).startsWith("```"); i++) {
            block.add(lines.get(i));
        }
        return block;
    }

    /** The block's command starting with {@code prefix}, without a trailing comment or {@code &}, split into words. */
    static List<String> command(List<String> block, String prefix) {
        for (String line : block) {
            if (line.startsWith(prefix)) {
                String c = line.replaceAll("\\s+#.*$", "").replaceAll("\\s*&\\s*$", "").trim();
                return new ArrayList<>(Arrays.asList(c.split("\\s+")));
            }
        }
        throw new AssertionError("no command starting with '" + prefix + "' in the README block " + block);
    }

    @BeforeAll
    static void runThePipelineAndStartTheServiceAsTheReadmeSays() throws Exception {
        Path jar = TREE.root().resolve("service/target/quarkus-app/quarkus-run.jar");
        assertTrue(Files.isRegularFile(jar), jar + " is missing: package the service first (./mvnw -pl service -am package "
                + "-DskipTests), as the README's serve section does; ./mvnw verify builds it before this module");
        runDir = tmp.resolve("run");
        Path config = tmp.resolve("pipeline.yaml");
        Files.writeString(config, String.join("\n",
                "data: {synthetic: 6000}",
                "train: {epochs: 1, batch: 256}",
                "finetune: {epochs: 1, events: 2000, heldOutEvents: 500}",
                "quantize: {events: 2000, qatEpochs: 1, evaluationEvents: 1000}",
                "hls: {testbenchEvents: 100}",
                "validate: {events: 2000}",
                "evaluate: {synthetic: 3000, toys: 10, reference: 1000, data: 200, centres: 50, bootstrap: 10, injectionToys: 2}",
                ""), StandardCharsets.UTF_8);
        int exit = L1embed.commandLine().execute("pipeline", "--out", runDir.toString(), "--config", config.toString());
        assertEquals(0, exit, "l1embed pipeline");

        List<String> java = command(readmeBlock("Serve the run's models"), "java ");
        int models = -1;
        for (int i = 0; i < java.size(); i++) {
            if (java.get(i).startsWith("-Dl1embed.models.dir=")) {
                models = i;
            }
        }
        assertTrue(models > 0, "the README's java line sets -Dl1embed.models.dir: " + java);
        assertEquals("/tmp/l1embed-run/models", java.get(models).substring("-Dl1embed.models.dir=".length()),
                "the README serves the run directory of its pipeline command");
        java.set(models, "-Dl1embed.models.dir=" + runDir.resolve("models"));
        java.set(0, Path.of(System.getProperty("java.home"), "bin", "java").toString());
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        java.add(1, "-Dquarkus.http.port=" + port);
        serverLog = tmp.resolve("server.log");
        server = new ProcessBuilder(java).directory(TREE.root().toFile()).redirectErrorStream(true)
                .redirectOutput(serverLog.toFile()).start();
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (true) {
            assertTrue(server.isAlive(), () -> "the service exited:\n" + log());
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/q/health/ready"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    break;
                }
            } catch (IOException e) {
                // not listening yet
            }
            assertTrue(System.nanoTime() < deadline, () -> "not ready within 90 s:\n" + log());
            Thread.sleep(250);
        }
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (server != null) {
            server.destroy();
            if (!server.waitFor(20, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
    }

    private static String log() {
        try {
            return Files.readString(serverLog, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static String python(List<String> args) throws Exception {
        List<String> cmd = new ArrayList<>(args);
        cmd.set(0, "/usr/bin/python3");
        Process p = new ProcessBuilder(cmd).directory(TREE.root().toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "embed.py did not finish");
        assertEquals(0, p.exitValue(), () -> String.join(" ", cmd) + " printed:\n" + out + "\nserver log:\n" + log());
        return out;
    }

    @Test
    void theReadmesEmbedCallAnswersWithTheLatentsOfTheRunsModel() throws Exception {
        List<String> embed = command(readmeBlock("Serve the run's models"), "python3 examples/clients/embed.py");
        embed.addAll(List.of("--target", "localhost:" + port));
        String table = python(embed);
        assertTrue(table.startsWith("model l1embed version 1 on CPU: 4 events -> 4 latent dimensions\n"), table);
        assertEquals(5, table.lines().count(), table);

        embed.add("--json");
        JsonNode r = JSON.readTree(python(embed));
        assertEquals("l1embed", r.path("model").asText());
        assertEquals("1", r.path("version").asText());
        assertEquals(4, r.path("anomaly_scores").size(), "the pipeline's bundle defines an anomaly score");

        // The same events through the run's model.onnx, here, in ONNX Runtime: what the service must have computed.
        ModelBundle bundle = ModelBundle.read(runDir.resolve("models/l1embed/1"));
        InputMatrix events = InputFormat.readAny(TREE.root().resolve("examples/clients/events.csv"), 57);
        float[] expected;
        try (FloatModel model = FloatModel.open(new OnnxSessions(InferenceDevice.CPU, 1), Files.readAllBytes(bundle.modelOnnx()), 57,
                bundle.network().outputSize(), bundle.checksums().get(ModelBundle.NETWORK_JSON))) {
            expected = model.embed(new FeatureBatch(events.events(), 57, events.values()));
        }
        JsonNode latents = r.path("latents");
        assertEquals(events.events(), latents.size());
        for (int e = 0; e < events.events(); e++) {
            for (int j = 0; j < 4; j++) {
                float got = (float) latents.get(e).get(j).asDouble();
                assertEquals(expected[e * 4 + j], got, 1e-5f * Math.max(1f, Math.abs(expected[e * 4 + j])), "event " + e + " latent " + j);
            }
        }
    }
}
