package org.l1embed.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.l1embed.cli.jobs.QuantizeJob;
import org.l1embed.events.EventLayout;
import org.l1embed.events.synthetic.SyntheticEvents;
import org.l1embed.quantization.bundle.ExistingTarget;
import org.l1embed.quantization.bundle.ModelBundle;
import org.l1embed.quantization.emulator.FloatNetwork;
import org.l1embed.quantization.network.BatchNormFolding;
import org.l1embed.quantization.network.InputSpec;
import org.l1embed.quantization.network.NetworkSpec;
import org.l1embed.quantization.network.Preprocessing;
import org.l1embed.training.export.BundleExporter;
import org.l1embed.training.model.ContrastiveModel;
import org.l1embed.training.model.OptimizerConfig;
import org.l1embed.training.preprocess.PtStandardization;
import org.l1embed.training.quantize.ptq.PrecisionConfig;
import org.l1embed.training.train.ModelState;

/** {@code l1embed finetune} end to end on a bundle that one epoch of training writes, and every refusal. */
class FinetuneCommandTest {

    private static Path floatBundle;

    @BeforeAll
    static void trainOneEpoch() throws Exception {
        floatBundle = TrainedBundles.floatBundle();
    }

    private static String[] args(Path bundle, Path out, String... more) {
        List<String> all = new java.util.ArrayList<>(List.of("finetune", "--bundle", bundle.toString(), "--out", out.toString()));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    private static String[] standard(Path bundle, Path out, String... more) {
        List<String> all = new java.util.ArrayList<>(List.of("--nuisance", "jes", "--range", "0.05", "--lambda", "0.5",
                "--events", "3000", "--epochs", "2"));
        all.addAll(List.of(more));
        return args(bundle, out, all.toArray(String[]::new));
    }

    @Test
    void writesAFineTunedBundleWithItsLossesAndHeldOutCheck(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("tuned");
        CliRun r = CliRun.of(standard(floatBundle, out));
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.err().contains("finetune epoch 1/2: L_SupCon ") && r.err().contains("finetune epoch 2/2: "), r.err());
        assertTrue(r.out().contains("L_param") && r.out().contains("held-out nu") && r.out().contains("+0.0450")
                && r.out().contains("-0.0300"), r.out());
        assertTrue(r.err().contains("classifier on the encoder before fine-tuning epoch 2/2"), r.err());
        assertTrue(r.out().contains("mean shift vs nu"), r.out());

        ModelBundle in = ModelBundle.read(floatBundle);
        ModelBundle tuned = ModelBundle.read(out);   // verifies every checksum
        assertNotEquals(in.network(), tuned.network(), "fine-tuning changes the encoder");
        assertEquals(in.network().input(), tuned.network().input(), "same input spec: preprocessing kept, never re-fitted");
        assertEquals(in.network().name(), tuned.network().name());
        assertFalse(tuned.network().isQuantized());
        assertEquals(in.provenance().trainingConfig(), tuned.provenance().trainingConfig());
        assertEquals(in.provenance().datasetFingerprint(), tuned.provenance().datasetFingerprint());
        assertEquals(in.provenance().seeds().get("model"), tuned.provenance().seeds().get("model"));
        assertEquals(1L, tuned.provenance().seeds().get("finetune"));
        assertEquals(in.provenance().metrics().get("embedding"), tuned.provenance().metrics().get("embedding"));

        JsonNode f = tuned.provenance().metrics().get("finetune");
        assertEquals("JES", f.get("nuisance").asText());
        assertEquals(0.05, f.get("range").asDouble());
        assertEquals(2, f.get("order").asInt());
        assertEquals(0.5, f.get("lambda").asDouble());
        assertEquals(2, f.get("epochs").asInt());
        assertEquals(3000, f.get("events").asInt());
        assertEquals(2, f.get("losses").size());
        for (JsonNode epoch : f.get("losses")) {
            for (String loss : List.of("supCon", "param", "total")) {
                assertTrue(Double.isFinite(epoch.get(loss).asDouble()) && epoch.get(loss).asDouble() > 0, f.toString());
            }
            assertEquals(epoch.get("supCon").asDouble() + 0.5 * epoch.get("param").asDouble(), epoch.get("total").asDouble(), 1e-4);
        }
        JsonNode checks = f.get("heldOut").get("checks");
        assertEquals(6, checks.size());
        assertEquals(-0.9 * 0.05, checks.get(0).get("nu").asDouble(), 1e-15);
        assertEquals(0.9 * 0.05, checks.get(5).get("nu").asDouble(), 1e-15);
        for (JsonNode c : checks) {
            assertTrue(Math.abs(c.get("normalization").asDouble() - 1) < 0.2, c.toString());
        }

        // The systematics report: before and after side by side, in provenance and as files of the bundle.
        JsonNode sys = f.get("systematics");
        for (String variant : List.of("before", "after")) {
            assertEquals(6, sys.get(variant).get("perNu").size(), sys.toString());
            assertEquals(4, sys.get(variant).get("meanShiftFits").size(), sys.toString());
        }
        assertTrue(tuned.extraFiles().contains("report/systematics/systematics.json"), tuned.extraFiles().toString());
        long pngs = tuned.extraFiles().stream().filter(p -> p.startsWith("report/systematics/") && p.endsWith(".png")).count();
        assertTrue(pngs >= 3, tuned.extraFiles().toString());
        for (String p : tuned.extraFiles()) {
            if (p.endsWith(".png")) {
                assertTrue(javax.imageio.ImageIO.read(tuned.file(p).toFile()) != null, p + " is a PNG");
            }
        }

        // The fine-tuned latent gets its own anomaly score.
        assertTrue(org.l1embed.quantization.bundle.AnomalyScore.of(tuned).orElseThrow().fittedOn().contains("fine-tuned"));
        assertNotEquals(java.util.Arrays.toString(org.l1embed.quantization.bundle.AnomalyScore.of(in).orElseThrow().mean()),
                java.util.Arrays.toString(org.l1embed.quantization.bundle.AnomalyScore.of(tuned).orElseThrow().mean()));

        // The classifier travels with the bundle, for the nuisance-aware NPLM test.
        org.l1embed.quantization.bundle.NuisanceModel nm = org.l1embed.quantization.bundle.NuisanceModel.of(tuned).orElseThrow();
        assertEquals("jes", nm.nuisance());
        assertEquals(0.05, nm.range());
        assertEquals(4, nm.latentSize());
        assertTrue(org.l1embed.quantization.bundle.NuisanceModel.of(in).isEmpty());

        // The new state restores to exactly the written encoder.
        assertTrue(tuned.extraFiles().contains(ModelState.BUNDLE_PATH));
        try (ContrastiveModel model = ModelState.read(tuned.file(ModelState.BUNDLE_PATH)).restore(true)) {
            assertEquals(tuned.network().layers(),
                    BatchNormFolding.apply(model.encoderSpec(tuned.network().name(), tuned.network().input())).layers());
        }

        // Float evaluation as emulate runs it: raw events through the bundle's preprocessing and the network.
        NetworkSpec spec = tuned.network();
        float[] raw = new SyntheticEvents(3).cocktail(20, 0.0).networkFeatures();
        float[] x = PtStandardization.applyAll(spec.input().preprocessing(), raw, EventLayout.NETWORK_FEATURES);
        FloatNetwork network = new FloatNetwork(spec);
        for (int e = 0; e < 20; e++) {
            double[] in57 = new double[EventLayout.NETWORK_FEATURES];
            for (int k = 0; k < in57.length; k++) {
                in57[k] = x[e * in57.length + k];
            }
            double[] latent = network.forward(in57);
            assertEquals(4, latent.length);
            for (double v : latent) {
                assertTrue(Double.isFinite(v), "event " + e);
            }
        }

        // Fine-tuning is deterministic: the same command gives the same network and state.
        Path again = tmp.resolve("again");
        assertEquals(0, CliRun.of(standard(floatBundle, again)).exit());
        assertEquals(tuned.network(), ModelBundle.read(again).network());
        assertArrayEquals(Files.readAllBytes(out.resolve(ModelState.BUNDLE_PATH)), Files.readAllBytes(again.resolve(ModelState.BUNDLE_PATH)));
    }

    @Test
    void badOptionValuesAreUsageErrorsNamingTheOption(@TempDir Path tmp) {
        Path out = tmp.resolve("o");
        assertEquals("l1embed: unknown nuisance 'pileup'; known: [JES]", CliRun.of(args(floatBundle, out, "--nuisance", "pileup",
                "--range", "0.05", "--lambda", "0.5")).assertUsageError());
        assertEquals("l1embed: range must be finite and > 0, got range=0.0", CliRun.of(args(floatBundle, out, "--nuisance", "jes",
                "--range", "0", "--lambda", "0.5")).assertUsageError());
        String tooWide = CliRun.of(args(floatBundle, out, "--nuisance", "jes", "--range", "0.6", "--lambda", "0.5")).assertUsageError();
        assertTrue(tooWide.startsWith("l1embed: range must be > 0 and <= 0.4055 (ln(15/10)") && tooWide.endsWith("got range=0.6"), tooWide);
        assertEquals("l1embed: lambda must be finite and >= 0, got lambda=-0.1", CliRun.of(args(floatBundle, out, "--nuisance", "jes",
                "--range", "0.05", "--lambda", "-0.1")).assertUsageError());
        assertEquals("l1embed: order must be 1 or 2, got order=3", CliRun.of(args(floatBundle, out, "--nuisance", "jes",
                "--range", "0.05", "--lambda", "0.5", "--order", "3")).assertUsageError());
        assertEquals("l1embed: events must be >= batch (256) and <= " + EventLayout.MAX_EVENTS + ", got events=100",
                CliRun.of(args(floatBundle, out, "--nuisance", "jes", "--range", "0.05", "--lambda", "0.5", "--events", "100"))
                        .assertUsageError());
        assertEquals("l1embed: learning rate must be finite and > 0, got learningRate=0.0",
                CliRun.of(standard(floatBundle, out, "--learning-rate", "0")).assertUsageError());
        assertTrue(CliRun.of(args(floatBundle, out, "--range", "0.05", "--lambda", "0.5")).assertUsageError().contains("--nuisance"));
        assertFalse(Files.exists(out));
    }

    @Test
    void refusesAQuantizedBundle(@TempDir Path tmp) throws Exception {
        Path q = tmp.resolve("q");
        new QuantizeJob(new PrintStream(new ByteArrayOutputStream(), true)).run(new QuantizeJob.Options(floatBundle, q,
                PrecisionConfig.defaults(PrecisionConfig.DEFAULT_WIDTH), 200, 1, false, "test"));
        String message = CliRun.of(standard(q, tmp.resolve("o"))).assertFailure();
        assertTrue(message.contains(q.toString()) && message.contains("is already quantized; fine-tune the float bundle"), message);
        assertFalse(Files.exists(tmp.resolve("o")));
    }

    @Test
    void refusesABundleWithoutPreprocessing(@TempDir Path tmp) throws Exception {
        ModelBundle in = ModelBundle.read(floatBundle);
        NetworkSpec identity = in.network().withInput(new InputSpec(in.network().input().shape(), new Preprocessing.Identity(), null));
        Path bundle = tmp.resolve("identity");
        BundleExporter.writer(identity, in.provenance())
                .withExtraFile(ModelState.BUNDLE_PATH, Files.readAllBytes(in.file(ModelState.BUNDLE_PATH)))
                .write(bundle, ExistingTarget.REFUSE);
        String message = CliRun.of(standard(bundle, tmp.resolve("o"))).assertFailure();
        assertTrue(message.contains("input.preprocessing is 'none'"), message);
    }

    @Test
    void refusesABundleWithoutTrainingState(@TempDir Path tmp) throws Exception {
        ModelBundle in = ModelBundle.read(floatBundle);
        Path old = tmp.resolve("old");
        BundleExporter.write(in.network(), in.provenance(), old, ExistingTarget.REFUSE);
        assertEquals("l1embed: bundle " + old + " has no training/model_state.bin; it was written by an older l1embed train — train again",
                CliRun.of(standard(old, tmp.resolve("o"))).assertFailure());
        assertFalse(Files.exists(tmp.resolve("o")));
    }

    @Test
    void refusesACorruptStateOrOneOfAnotherModel(@TempDir Path tmp) throws Exception {
        ModelBundle in = ModelBundle.read(floatBundle);
        Path garbage = tmp.resolve("garbage");
        BundleExporter.writer(in.network(), in.provenance())
                .withExtraFile(ModelState.BUNDLE_PATH, "not a state".getBytes(StandardCharsets.US_ASCII))
                .write(garbage, ExistingTarget.REFUSE);
        assertEquals("l1embed: " + garbage.resolve(ModelState.BUNDLE_PATH) + ": not an l1embed model state (no L1EMBMST header)",
                CliRun.of(standard(garbage, tmp.resolve("o"))).assertFailure());

        Path foreign = tmp.resolve("foreign");
        ModelState fresh;
        try (ContrastiveModel model = ContrastiveModel.create(ModelState.read(in.file(ModelState.BUNDLE_PATH)).model(),
                OptimizerConfig.defaults(), true)) {
            fresh = ModelState.of(model);   // same architecture, untrained weights
        }
        BundleExporter.writer(in.network(), in.provenance()).withExtraFile(ModelState.BUNDLE_PATH, fresh.toBytes())
                .write(foreign, ExistingTarget.REFUSE);
        String message = CliRun.of(standard(foreign, tmp.resolve("o"))).assertFailure();
        assertTrue(message.contains("model_state.bin does not belong to network.json: the encoder it restores differs (first at layer 0"),
                message);
        assertFalse(Files.exists(tmp.resolve("o")));
    }

    @Test
    void refusesAnExistingOutputBeforeTraining(@TempDir Path tmp) throws Exception {
        Path out = Files.createDirectories(tmp.resolve("o"));
        Files.writeString(out.resolve("notes.txt"), "mine");
        String message = CliRun.of(standard(floatBundle, out)).assertFailure();
        assertEquals("l1embed: --out: " + out + " is not empty; expected a new or empty directory, or --overwrite to replace the model "
                + "bundle there", message);
        assertEquals("l1embed: --out: " + out + " is not empty and is not a model bundle (no checksums.sha256), so --overwrite does "
                + "not replace it; expected a new or empty directory, or a previous bundle",
                CliRun.of(standard(floatBundle, out, "--overwrite")).assertFailure());
        assertEquals("mine", Files.readString(out.resolve("notes.txt")));
    }
}
