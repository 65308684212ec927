package org.l1embed.cli.jobs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.l1embed.quantization.bundle.ModelBundle;
import org.l1embed.quantization.network.BatchNormFolding;
import org.l1embed.training.model.ContrastiveModel;
import org.l1embed.training.train.ContrastiveMode;
import org.l1embed.training.train.ModelState;

/** The train job end to end on synthetic events, and an interruption followed by a resume. */
class TrainJobTest {

    static TrainJob.Options options(Path out) {
        return new TrainJob.Options(null, 6000, out, 3, 4, ContrastiveMode.SUPERVISED, 256, 7L, false, "test", false);
    }

    private static TrainJob job() {
        return new TrainJob(new PrintStream(new ByteArrayOutputStream(), true));
    }

    @Test
    void interruptedTrainingLeavesACheckpointAndNoBundleAndResumesToTheSameBundle(@TempDir Path tmp) throws Exception {
        Path straight = tmp.resolve("straight");
        TrainJob.Result full = job().run(options(straight));
        assertTrue(full.evaluations().get("embedding").probeAccuracy() > 0.4, "probe above chance (0.25)");
        assertEquals(3, full.training().history().size());

        Path resumed = tmp.resolve("resumed");
        int[] epochs = {0};
        assertThrows(TrainJob.InterruptedRun.class, () -> job().run(options(resumed), s -> ++epochs[0] < 1));
        assertFalse(Files.exists(resumed), "no bundle after an interruption");
        assertTrue(Files.isDirectory(tmp.resolve("resumed.checkpoint")), "a resumable checkpoint is left");

        job().run(options(resumed));
        assertFalse(Files.exists(tmp.resolve("resumed.checkpoint")), "the checkpoint is removed once the bundle is written");
        ModelBundle a = ModelBundle.read(straight);
        ModelBundle b = ModelBundle.read(resumed);
        assertEquals(a.network(), b.network(), "resumed training gives the same network, bit for bit");
        assertArrayEquals(Files.readAllBytes(straight.resolve("model.onnx")), Files.readAllBytes(resumed.resolve("model.onnx")));
        assertArrayEquals(Files.readAllBytes(straight.resolve(ModelState.BUNDLE_PATH)), Files.readAllBytes(resumed.resolve(ModelState.BUNDLE_PATH)),
                "and the same training state: weights, running statistics and Adam moments");
    }

    @Test
    void theBundleCarriesTheTrainingStateOfItsNetwork(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("b");
        job().run(new TrainJob.Options(null, 3000, out, 1, 3, ContrastiveMode.SUPERVISED, 128, 5L, false, "test", false));
        ModelBundle bundle = ModelBundle.read(out);
        assertEquals(java.util.List.of(org.l1embed.quantization.bundle.AnomalyScore.FILE, ModelState.BUNDLE_PATH), bundle.extraFiles());
        // The anomaly score: fitted on training background latents, thresholds at the trigger acceptances.
        var score = org.l1embed.quantization.bundle.AnomalyScore.of(bundle).orElseThrow();
        assertEquals(3, score.latentSize());
        assertEquals(2, score.thresholds().size());
        assertEquals(2.5e-5, score.thresholds().get(0).backgroundAcceptance());
        assertTrue(score.thresholds().get(0).score() >= score.thresholds().get(1).score(), score.thresholds().toString());
        ModelState state = ModelState.read(bundle.file(ModelState.BUNDLE_PATH));
        assertEquals(3, state.model().latentSize());
        assertTrue(state.variables().containsKey("head/dense_0/kernel") && state.variables().containsKey("encoder/dense_0/kernel/adam_m"),
                "the projection head and the optimiser moments are kept");
        try (ContrastiveModel model = state.restore(true)) {
            assertEquals(bundle.network().layers(),
                    BatchNormFolding.apply(model.encoderSpec(bundle.network().name(), bundle.network().input())).layers(),
                    "the state restores to exactly the bundle's folded encoder");
        }
    }

    @Test
    void aKilledTrainingProcessResumesToTheSameBundle(@TempDir Path tmp) throws Exception {
        Path killed = tmp.resolve("killed");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), TrainJobProcess.class.getName(),
                killed.toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (var out = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream()))) {
            String line = out.readLine();   // blocks until the first epoch (and its checkpoint) is done
            assertTrue(line != null && line.startsWith("epoch done"), "first epoch line: " + line);
        } finally {
            p.destroyForcibly();            // SIGKILL: no shutdown hooks, no cleanup
            p.waitFor();
        }
        assertFalse(Files.exists(killed), "no bundle from a killed run");
        assertTrue(Files.exists(tmp.resolve("killed.checkpoint")), "the checkpoint survives the kill");

        job().run(options(killed));
        Path straight = tmp.resolve("straight");
        job().run(options(straight));
        assertEquals(ModelBundle.read(straight).network(), ModelBundle.read(killed).network());
    }
}
