package org.l1embed.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.l1embed.cli.jobs.QuantizeJob;
import org.l1embed.quantization.json.StrictJson;
import org.l1embed.training.quantize.ptq.PrecisionConfig;

/** {@code l1embed evaluate} end to end on bundles the real jobs write, and its refusals. */
class EvaluateCommandTest {

    /** Small but complete: every section runs, in seconds. */
    private static final List<String> SMALL = List.of("--synthetic", "6000", "--nplm-toys", "12", "--nplm-reference", "2000",
            "--nplm-data", "300", "--nplm-centres", "60", "--injections", "10,40", "--injection-toys", "2", "--bootstrap", "20");

    private static CliRun evaluate(Path bundle, Path out, List<String> options, String... more) {
        List<String> all = new ArrayList<>(List.of("evaluate", "--bundle", bundle.toString(), "--out", out.toString()));
        all.addAll(options);
        all.addAll(List.of(more));
        return CliRun.of(all.toArray(String[]::new));
    }

    private static JsonNode report(Path dir) throws Exception {
        return StrictJson.MAPPER.readTree(Files.readString(dir.resolve("report.json")));
    }

    @Test
    void fineTunedBundleGetsEveryMetricTheNplmStudyAndTheSystematicsAwareTest(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("report");
        CliRun r = evaluate(TrainedBundles.fineTunedBundle(), out, SMALL);
        assertEquals(0, r.exit(), r.err());
        JsonNode rep = report(out);
        assertEquals("l1embed-evaluation-report", rep.get("format").asText());
        assertTrue(rep.get("bundle").get("nuisanceModel").asBoolean());
        assertEquals(3000, rep.get("events").get("fitBackground").asInt());
        assertEquals(3000, rep.get("events").get("testBackground").asInt());

        // Detection metrics: three representations, two scores, four signals, three trigger acceptances each.
        for (String name : List.of("embedding", "raw57", "sixD")) {
            JsonNode scores = rep.get("representations").get(name).get("scores");
            for (String kind : List.of("mahalanobis", "gaussianMixture")) {
                assertEquals(4, scores.get(kind).size(), name + " " + kind);
                scores.get(kind).forEach(signal -> {
                    double auc = signal.get("auc").get("value").asDouble();
                    assertTrue(auc > 0 && auc < 1, signal.toString());
                    assertTrue(signal.get("auc").get("std").asDouble() > 0, signal.toString());
                    JsonNode effs = signal.get("efficiencies");
                    assertEquals(3, effs.size());
                    assertEquals(2.5e-5, effs.get(0).get("backgroundAcceptance").asDouble());
                    assertEquals(1000.0, effs.get(0).get("rateHz").asDouble(), 1e-9);
                    // 3000 test background events cannot resolve 2.5e-5 (< 1 event) but can resolve 1e-3 (3 events).
                    assertFalse(effs.get(0).get("resolved").asBoolean());
                    assertTrue(effs.get(0).get("note").asText().contains("too small"));
                    assertTrue(effs.get(2).get("resolved").asBoolean());
                    assertTrue(effs.get(2).get("backgroundPassing").asInt() <= 3);
                    // Looser acceptance: lower threshold, at least the efficiency.
                    assertTrue(effs.get(2).get("threshold").asDouble() <= effs.get(1).get("threshold").asDouble());
                    assertTrue(effs.get(2).get("efficiency").get("value").asDouble() >= effs.get(1).get("efficiency").get("value").asDouble());
                });
            }
        }

        // NPLM on every representation: the null toys, their chi2 fit, Z per signal and injection.
        for (String name : List.of("embedding", "raw57", "sixD")) {
            JsonNode n = rep.get("nplm").get(name);
            assertEquals(12, n.get("null").get("t").size(), name);
            assertTrue(n.get("null").get("chi2Dof").asDouble() > 0, n.toString());
            assertTrue(n.get("sigma").asDouble() > 0);
            for (JsonNode inj : n.get("injections")) {
                assertEquals(2, inj.size(), n.toString());
                assertTrue(Double.isFinite(inj.get(1).get("chiSquared").get("z").asDouble()), inj.toString());
            }
        }
        JsonNode nuis = rep.get("nplmNuisance");
        assertEquals("jes", nuis.get("nuisance").asText());
        assertEquals(12, nuis.get("nullAware").get("t").size());
        assertEquals(4, nuis.get("shiftedBackground").size());
        assertEquals(-0.05, nuis.get("shiftedBackground").get(0).get("nu").asDouble(), 1e-15);

        // Every plot is listed, written and a PNG.
        JsonNode plots = rep.get("plots");
        assertTrue(plots.size() >= 4 + 1 + 1 + 3 + 4 + 1, plots.toString());
        for (JsonNode p : plots) {
            assertNotNull(ImageIO.read(out.resolve(p.asText()).toFile()), p.asText());
        }
        assertTrue(r.out().contains("eff@1e-3"), r.out());
        assertTrue(r.out().contains("Z (chi2)"), r.out());
        try (var files = Files.list(tmp)) {
            assertEquals(List.of(out), files.toList(), "no staging directory is left beside the report");
        }
    }

    @Test
    void quantizedBundleIsEvaluatedThroughTheEmulatorAndNplmCanBeSkipped(@TempDir Path tmp) throws Exception {
        Path q = tmp.resolve("q");
        new QuantizeJob(new PrintStream(new ByteArrayOutputStream(), true)).run(new QuantizeJob.Options(TrainedBundles.floatBundle(), q,
                PrecisionConfig.defaults(10), 2000, 1L, false, "test"));
        Path out = tmp.resolve("report");
        CliRun r = evaluate(q, out, List.of("--synthetic", "2000", "--nplm-toys", "0", "--bootstrap", "5"));
        assertEquals(0, r.exit(), r.err());
        JsonNode rep = report(out);
        assertTrue(rep.get("bundle").get("quantized").asBoolean());
        assertTrue(rep.get("representations").get("embedding").get("description").asText().startsWith("fixed-point latent"));
        assertEquals("--nplm-toys 0", rep.get("nplm").get("skipped").asText());
    }

    @Test
    void badOptionsAreUsageErrorsNamingTheValue(@TempDir Path tmp) throws Exception {
        Path b = TrainedBundles.floatBundle();
        Path out = tmp.resolve("r");
        assertEquals("l1embed: nplm-toys must be 0 (no NPLM) or >= 10 (the chi2 fit needs them), got nplm-toys=5",
                evaluate(b, out, List.of("--synthetic", "1000", "--nplm-toys", "5")).assertUsageError());
        assertEquals("l1embed: nplm-centres must be in [1, N_R + N_D = 1100], got nplm-centres=2000",
                evaluate(b, out, List.of("--synthetic", "1000", "--nplm-reference", "1000", "--nplm-centres", "2000")).assertUsageError());
        assertEquals("l1embed: nplm-data must be in [10, nplm-reference=1000], got nplm-data=5000",
                evaluate(b, out, List.of("--synthetic", "1000", "--nplm-reference", "1000", "--nplm-data", "5000")).assertUsageError());
        assertEquals("l1embed: nplm-solver must be one-step or newton, got 'exact'",
                evaluate(b, out, List.of("--synthetic", "1000", "--nplm-solver", "exact")).assertUsageError());
        assertEquals("l1embed: injections must be >= 0, got -3",
                evaluate(b, out, List.of("--synthetic", "1000", "--injections", "10,-3")).assertUsageError());
        assertFalse(Files.exists(out));
    }

    @Test
    void badInputsAreFailuresAndLeaveNothingBehind(@TempDir Path tmp) throws Exception {
        Path b = TrainedBundles.floatBundle();
        Path out = tmp.resolve("r");
        assertEquals("l1embed: synthetic must be >= 200 background events, got synthetic=100",
                evaluate(b, out, List.of("--synthetic", "100")).assertFailure());
        assertEquals("l1embed: nplm-data=2000 exceeds the 500 test background events; give more events or a smaller --nplm-data",
                evaluate(b, out, List.of("--synthetic", "1000", "--nplm-toys", "10", "--nplm-data", "2000", "--bootstrap", "5"))
                        .assertFailure());
        String missing = evaluate(tmp.resolve("nothing"), out, List.of("--synthetic", "1000")).assertFailure();
        assertTrue(missing.contains("nothing"), missing);
        try (var files = Files.list(tmp)) {
            assertEquals(List.of(), files.toList(), "nothing is left behind");
        }
        Files.createDirectories(out.resolve("keep"));
        String exists = evaluate(b, out, List.of("--synthetic", "1000", "--nplm-toys", "0", "--bootstrap", "5")).assertFailure();
        assertEquals("l1embed: report directory " + out.toAbsolutePath() + " is not empty; pass --overwrite to replace it", exists);
        assertTrue(Files.isDirectory(out.resolve("keep")));
    }
}
