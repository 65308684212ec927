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
import org.l1embed.training.train.ContrastiveMode;

/** The train job end to end on synthetic events, and an interruption followed by a resume. */
class TrainJobTest {

    private static TrainJob.Options options(Path out) {
        return new TrainJob.Options(null, 6000, out, 3, 4, ContrastiveMode.SUPERVISED, 256, 7L, false, "test");
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
    }
}
