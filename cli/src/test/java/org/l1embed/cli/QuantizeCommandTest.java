package org.l1embed.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.l1embed.cli.jobs.QuantizeJob;
import org.l1embed.events.EventLayout;
import org.l1embed.events.EventSet;
import org.l1embed.events.Process;
import org.l1embed.events.synthetic.SyntheticEvents;
import org.l1embed.hls.bundle.BundleTestbench;
import org.l1embed.quantization.bundle.ModelBundle;
import org.l1embed.quantization.emulator.EmulationResult;
import org.l1embed.quantization.emulator.Emulator;
import org.l1embed.quantization.network.NetworkJson;
import org.l1embed.quantization.network.NetworkSpec;
import org.l1embed.training.preprocess.PtStandardization;
import picocli.CommandLine;

/** {@code l1embed quantize} end to end on a bundle that one epoch of training writes. */
class QuantizeCommandTest {

    private static Path floatBundle;

    @BeforeAll
    static void trainOneEpoch() throws Exception {
        floatBundle = TrainedBundles.floatBundle();
    }

    private static CliRun quantize(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "quantize";
        System.arraycopy(args, 0, all, 1, args.length);
        return CliRun.of(all);
    }

    @Test
    void quantizationAwareFineTuningWritesABundleThatEmulateAndExportHlsTakeUnchanged(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("qat8");
        CliRun r = quantize("--bundle", floatBundle.toString(), "--out", out.toString(), "--precision", "auto", "--bits", "8",
                "--events", "3000", "--qat-epochs", "2", "--evaluation-events", "2000");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.err().contains("qat epoch 2/2"), r.err());
        for (String row : new String[] {"float ", "ptq ", "qat "}) {
            assertTrue(r.out().contains("\n" + row), "comparison row '" + row + "' in:\n" + r.out());
        }
        ModelBundle q = ModelBundle.read(out);
        var metrics = q.provenance().metrics().path("quantization");
        assertEquals("quantization-aware fine-tuning", metrics.path("method").asText());
        assertEquals(2, metrics.path("qat").path("history").size());
        assertTrue(metrics.path("qat").path("bestValidationLoss").asDouble() <= metrics.path("qat").path("initialValidationLoss").asDouble());
        for (String variant : new String[] {"float", "ptq", "qat"}) {
            assertEquals(4, metrics.path("evaluation").path(variant).path("auc").size(), variant + ": " + metrics);
        }
        assertEquals(0.0, metrics.path("evaluation").path("float").path("meanAbsDeltaLatent").asDouble());

        // The anomaly score is the fixed-point latent's: refitting it on the emulated calibration latents gives the same file.
        var score = org.l1embed.quantization.bundle.AnomalyScore.of(q).orElseThrow();
        assertEquals(4, score.latentSize());
        assertTrue(score.fittedOn().contains("fixed-point"), score.fittedOn());

        // Every dense weight of the written network is exactly representable in its type.
        NetworkSpec spec = NetworkJson.read(q.networkJson()).spec();
        for (var layer : spec.layers()) {
            if (layer instanceof org.l1embed.quantization.network.Dense d) {
                for (double w : d.weights().toArray()) {
                    assertEquals(w, d.weightType().toDouble(d.weightType().quantize(w)), d.name());
                }
            }
        }
        // The bundle runs through emulate and export-hls as written.
        float[] raw = new SyntheticEvents(9).cocktail(50, 0.0).networkFeatures();
        StringBuilder csv = new StringBuilder();
        for (int e = 0; e < 50; e++) {
            for (int i = 0; i < EventLayout.NETWORK_FEATURES; i++) {
                csv.append(i == 0 ? "" : ",").append(raw[e * EventLayout.NETWORK_FEATURES + i]);
            }
            csv.append('\n');
        }
        Path x = tmp.resolve("x.csv");
        java.nio.file.Files.writeString(x, csv);
        CliRun emulate = CliRun.of("emulate", "--network", q.networkJson().toString(), "--input", x.toString(), "--output",
                tmp.resolve("y.csv").toString());
        assertEquals(0, emulate.exit(), emulate.err());
        float[] inputs = PtStandardization.applyAll(spec.input().preprocessing(), raw, EventLayout.NETWORK_FEATURES);
        EmulationResult e = Emulator.compile(spec).emulate(inputs, false);
        java.util.List<String> lines = java.nio.file.Files.readAllLines(tmp.resolve("y.csv"));
        assertEquals(50, lines.stream().filter(l -> !l.startsWith("raw_")).count());
        String[] first = lines.get(lines.get(0).startsWith("raw_") ? 1 : 0).split(",");
        assertEquals(e.raw(0, 0), Long.parseLong(first[0]), "emulate on the CLI reads the same network");
        CliRun hls = CliRun.of("export-hls", "--network", q.networkJson().toString(), "--out", tmp.resolve("hls").toString(),
                "--reuse", "4");
        assertEquals(0, hls.exit(), hls.err());
    }

    @Test
    void refusesOptionValuesOutOfRangeAsUsageErrorsNamingTheOptionBeforeAnyWork(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("q");
        String[][] cases = {
            {"--bits", "0", "l1embed: --bits must be in 1..32, got 0"},
            {"--bits", "33", "l1embed: --bits must be in 1..32, got 33"},
            {"--bits", "100", "l1embed: --bits must be in 1..32, got 100"},
            {"--bits", "-3", "l1embed: --bits must be in 1..32, got -3"},
            {"--constant-bits", "0", "l1embed: --constant-bits must be in 1..32, got 0"},
            {"--constant-bits", "33", "l1embed: --constant-bits must be in 1..32, got 33"},
            {"--events", "0", "l1embed: --events must be in 2.." + EventLayout.MAX_EVENTS + ", got 0"},
            {"--events", "1", "l1embed: --events must be in 2.." + EventLayout.MAX_EVENTS + ", got 1"},
            {"--events", Integer.toString(EventLayout.MAX_EVENTS + 1),
                "l1embed: --events must be in 2.." + EventLayout.MAX_EVENTS + ", got " + (EventLayout.MAX_EVENTS + 1)},
            {"--qat-epochs", "-1", "l1embed: --qat-epochs must be >= 0, got -1"},
            {"--qat-learning-rate", "NaN", "l1embed: --qat-learning-rate must be finite and > 0, got NaN"},
            {"--qat-learning-rate", "0", "l1embed: --qat-learning-rate must be finite and > 0, got 0.0"},
            {"--qat-learning-rate", "Infinity", "l1embed: --qat-learning-rate must be finite and > 0, got Infinity"},
            {"--evaluation-events", "-1", "l1embed: --evaluation-events must be in 0.." + QuantizeJob.MAX_EVALUATION_EVENTS + ", got -1"},
            {"--evaluation-events", Integer.toString(QuantizeJob.MAX_EVALUATION_EVENTS + 1), "l1embed: --evaluation-events must be in 0.."
                + QuantizeJob.MAX_EVALUATION_EVENTS + ", got " + (QuantizeJob.MAX_EVALUATION_EVENTS + 1)},
        };
        for (String[] c : cases) {
            assertEquals(c[2], quantize("--bundle", floatBundle.toString(), "--out", out.toString(), "--precision", "auto", c[0], c[1])
                    .assertUsageError(), c[0] + " " + c[1]);
        }
        // --bits and --constant-bits replace a precision file's widths, so they are checked the same way with one.
        Path config = Files.writeString(tmp.resolve("p.json"), "{\"default\": {\"width\": 10}}");
        assertEquals("l1embed: --bits must be in 1..32, got 100", quantize("--bundle", floatBundle.toString(), "--out", out.toString(),
                "--precision", config.toString(), "--bits", "100").assertUsageError());
        assertFalse(Files.exists(out));
    }

    @Test
    void theLargestEvaluationIsOneEventSetAndOneMoreBackgroundEventWouldNotFit() {
        int n = QuantizeJob.MAX_EVALUATION_EVENTS;
        long signals = Process.signals().size();
        assertTrue(n + signals * QuantizeJob.signalEventsPerProcess(n) <= EventLayout.MAX_EVENTS);
        assertTrue(n + 1 + signals * QuantizeJob.signalEventsPerProcess(n + 1) > EventLayout.MAX_EVENTS);
    }

    @Test
    void acceptsTheEndsOfTheRanges(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("q");
        CliRun r = quantize("--bundle", floatBundle.toString(), "--out", out.toString(), "--precision", "auto", "--bits", "32",
                "--constant-bits", "1", "--events", "2", "--qat-epochs", "0", "--evaluation-events", "0");
        assertEquals(0, r.exit(), r.err());
        assertEquals(32, ModelBundle.read(out).network().input().type().width());
    }

    @Test
    void aPrecisionThatIsNeitherAutoNorAFileIsAUsageError(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("q");
        assertEquals("l1embed: --precision: expected 'auto' or a precision JSON file, got 'bogus' (no such file)",
                quantize("--bundle", floatBundle.toString(), "--out", out.toString(), "--precision", "bogus").assertUsageError());
        Path dir = Files.createDirectories(tmp.resolve("configs"));
        assertEquals("l1embed: --precision: expected 'auto' or a precision JSON file, got '" + dir + "' (a directory)",
                quantize("--bundle", floatBundle.toString(), "--out", out.toString(), "--precision", dir.toString()).assertUsageError());
        assertFalse(Files.exists(out));
    }

    @Test
    void refusesANonEmptyOutBeforeAnyWorkAndLeavesItAsItWas(@TempDir Path tmp) throws Exception {
        Path out = Files.createDirectories(tmp.resolve("o"));
        Files.writeString(out.resolve("notes.txt"), "mine");
        // With the default 20000 events and fine-tuning this would take many seconds: one line and no progress means none ran.
        String[] args = {"--bundle", floatBundle.toString(), "--out", out.toString(), "--precision", "auto", "--qat-epochs", "2"};
        assertEquals("l1embed: --out: " + out + " is not empty; expected a new or empty directory, or --overwrite to replace the model "
                + "bundle there", quantize(args).assertFailure());
        String[] overwrite = java.util.Arrays.copyOf(args, args.length + 1);
        overwrite[args.length] = "--overwrite";
        assertEquals("l1embed: --out: " + out + " is not empty and is not a model bundle (no checksums.sha256), so --overwrite does "
                + "not replace it; expected a new or empty directory, or a previous bundle", quantize(overwrite).assertFailure());
        assertEquals(java.util.List.of("notes.txt"), listing(out));
        assertEquals("mine", Files.readString(out.resolve("notes.txt")));
        assertEquals(java.util.List.of("o"), listing(tmp), "no staging directory left beside it");
    }

    @Test
    void refusesAnOutThatIsAFileOrUnderAFileBeforeAnyWork(@TempDir Path tmp) throws Exception {
        Path file = Files.writeString(tmp.resolve("q.txt"), "mine");
        assertEquals("l1embed: --out: " + file + " exists and is not a directory; expected a new or empty directory",
                quantize("--bundle", floatBundle.toString(), "--out", file.toString(), "--precision", "auto", "--overwrite").assertFailure());
        Path under = file.resolve("q");
        assertEquals("l1embed: --out: " + under + " cannot be created, " + file + " is not a directory; expected a new or empty directory",
                quantize("--bundle", floatBundle.toString(), "--out", under.toString(), "--precision", "auto").assertFailure());
        assertEquals("mine", Files.readString(file));
        assertEquals(java.util.List.of("q.txt"), listing(tmp));
    }

    @Test
    void overwriteReplacesAPreviousBundle(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("q");
        CliRun first = quantize("--bundle", floatBundle.toString(), "--out", out.toString(), "--precision", "auto", "--events", "200",
                "--evaluation-events", "0", "--bits", "6");
        assertEquals(0, first.exit(), first.err());
        CliRun second = quantize("--bundle", floatBundle.toString(), "--out", out.toString(), "--precision", "auto", "--events", "200",
                "--evaluation-events", "0", "--bits", "10", "--overwrite");
        assertEquals(0, second.exit(), second.err());
        assertEquals(10, ModelBundle.read(out).network().input().type().width());
    }

    private static java.util.List<String> listing(Path dir) throws java.io.IOException {
        try (var s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void writesAQuantizedBundleThatTheEmulatorAndTheHlsExporterAccept(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("q16");
        CliRun r = quantize("--bundle", floatBundle.toString(), "--out", out.toString(), "--precision", "auto", "--bits", "16",
                "--events", "3000");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("mean |Δlatent|"), r.out());

        ModelBundle q = ModelBundle.read(out);
        NetworkSpec spec = NetworkJson.read(q.networkJson()).spec();
        assertTrue(spec.isQuantized());
        assertEquals(ModelBundle.read(floatBundle).network().input().preprocessing(), spec.input().preprocessing(),
                "the bundle's preprocessing is kept, never re-fitted");
        assertEquals(3000, q.provenance().metrics().path("quantization").path("events").asInt());
        assertEquals(0, q.provenance().metrics().path("quantization").path("inputOverflows").asLong());

        float[] raw = new SyntheticEvents(1).cocktail(3000, 0.0).networkFeatures();
        float[] inputs = PtStandardization.applyAll(spec.input().preprocessing(), raw, EventLayout.NETWORK_FEATURES);
        EmulationResult e = Emulator.compile(spec).emulate(inputs, false);
        long overflows = e.inputOverflows() + e.layers().stream().mapToLong(l -> l.accumulatorOverflows() + l.resultOverflows()).sum();
        assertEquals(0, overflows, "16-bit profiled types overflow nowhere on the calibration events: " + e);
        assertTrue(q.provenance().metrics().path("quantization").path("meanAbsDeltaLatent").asDouble() < 0.05, r.out());

        CliRun hls = CliRun.of("export-hls", "--network", q.networkJson().toString(), "--out", tmp.resolve("hls").toString(),
                "--reuse", "4");   // 57x96 at reuse 1 is over the HLS unroll limit
        assertEquals(0, hls.exit(), hls.err());
    }

    @Test
    void storesBitExactTestbenchVectorsThatExportHlsWritesByteForByteFromTheSameRawEvents(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("q10");
        CliRun r = quantize("--bundle", floatBundle.toString(), "--out", out.toString(), "--precision", "auto", "--bits", "10",
                "--events", "2000", "--evaluation-events", "0");
        assertEquals(0, r.exit(), r.err());
        ModelBundle q = ModelBundle.read(out);
        NetworkSpec spec = q.network();
        BundleTestbench tb = BundleTestbench.read(q).orElseThrow();
        assertEquals(QuantizeJob.TESTBENCH_EVENTS, tb.events());

        // Raw features of independent seeded events: the background cocktail, then each signal.
        SyntheticEvents gen = new SyntheticEvents(1 + QuantizeJob.TESTBENCH_SEED_OFFSET);
        java.util.List<EventSet> parts = new java.util.ArrayList<>();
        parts.add(gen.cocktail(QuantizeJob.TESTBENCH_EVENTS - QuantizeJob.TESTBENCH_SIGNAL_EVENTS * Process.signals().size(), 0.0));
        for (Process p : Process.signals()) {
            parts.add(gen.generate(p, QuantizeJob.TESTBENCH_SIGNAL_EVENTS));
        }
        float[] raw = EventSet.concat(parts).networkFeatures();
        assertArrayEquals(raw, tb.rawFeatures());
        float[] inputs = PtStandardization.applyAll(spec.input().preprocessing(), raw, EventLayout.NETWORK_FEATURES);
        assertArrayEquals(inputs, tb.networkInputs());
        assertArrayEquals(Emulator.compile(spec).emulateRaw(inputs), tb.expected());

        // export-hls given the same raw events writes the same tb_data files, byte for byte: C-simulation checks these vectors.
        Path csv = tmp.resolve("raw.csv");
        Files.writeString(csv, Files.readString(q.file(BundleTestbench.RAW_FEATURES)).replace(' ', ','));
        CliRun hls = CliRun.of("export-hls", "--network", q.networkJson().toString(), "--out", tmp.resolve("hls").toString(),
                "--reuse", "4", "--testbench-input", csv.toString());
        assertEquals(0, hls.exit(), hls.err());
        assertArrayEquals(Files.readAllBytes(q.file(BundleTestbench.NETWORK_INPUTS)),
                Files.readAllBytes(tmp.resolve("hls/tb_data/tb_input_features.dat")));
        assertArrayEquals(Files.readAllBytes(q.file(BundleTestbench.EXPECTED)),
                Files.readAllBytes(tmp.resolve("hls/tb_data/tb_output_raw.dat")));
    }

    @Test
    void namesAMissingLayerOfThePrecisionConfigAndWritesNothing(@TempDir Path tmp) throws Exception {
        Path config = Files.writeString(tmp.resolve("p.json"), "{\"layers\": {\"nope\": {\"weight\": \"ap_fixed<8,2>\"}}}");
        Path out = tmp.resolve("q");
        String message = quantize("--bundle", floatBundle.toString(), "--out", out.toString(), "--precision", config.toString(),
                "--events", "200").assertFailure();
        assertTrue(message.contains("layers.nope") && message.contains("has no layer 'nope'"), message);
        assertFalse(Files.exists(out));
    }

    @Test
    void namesABadTypeStringWithItsFile(@TempDir Path tmp) throws Exception {
        Path config = Files.writeString(tmp.resolve("p.json"), "{\"input\": \"ap_fixed<8,2,AP_ROUND>\"}");
        String message = quantize("--bundle", floatBundle.toString(), "--out", tmp.resolve("q").toString(), "--precision",
                config.toString()).assertFailure();
        assertTrue(message.contains(config.toString()) && message.contains("input: bad fixed-point type 'ap_fixed<8,2,AP_ROUND>'"), message);
    }

    @Test
    void refusesABundleThatIsAlreadyQuantized(@TempDir Path tmp) throws Exception {
        Path q = tmp.resolve("q");
        assertEquals(0, quantize("--bundle", floatBundle.toString(), "--out", q.toString(), "--precision", "auto", "--events", "200")
                .exit());
        String message = quantize("--bundle", q.toString(), "--out", tmp.resolve("qq").toString(), "--precision", "auto")
                .assertFailure();
        assertTrue(message.contains("already quantized"), message);
    }
}
