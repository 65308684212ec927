package org.l1embed.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.l1embed.cli.jobs.FinetuneJob;
import org.l1embed.cli.jobs.QuantizeJob;
import org.l1embed.cli.jobs.TrainJob;
import org.l1embed.quantization.files.StagedDirectory;
import org.l1embed.training.nuisance.NuisanceConfig;
import org.l1embed.training.quantize.ptq.PrecisionConfig;
import org.l1embed.training.train.ContrastiveMode;

/**
 * Bundles the command tests start from, made once per test JVM by the real jobs: a float bundle from one epoch of
 * training on 6000 synthetic events, and that bundle fine-tuned for the jet energy scale (range 0.05, two epochs on
 * 4000 events). Read-only for the tests: a test that writes copies to its own directory.
 */
final class TrainedBundles {

    private static Path root;
    private static Path floatBundle;
    private static Path fineTuned;
    private static Path quantized;

    private TrainedBundles() {
    }

    private static PrintStream quiet() {
        return new PrintStream(new ByteArrayOutputStream(), true);
    }

    private static synchronized Path root() throws IOException {
        if (root == null) {
            root = Files.createTempDirectory("l1embed-cli-bundles-");
            Path r = root;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    StagedDirectory.deleteTree(r);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }));
        }
        return root;
    }

    /** The float bundle {@code l1embed train} writes after one epoch (seed 7, 6000 synthetic events, latent 4). */
    static synchronized Path floatBundle() throws IOException {
        if (floatBundle == null) {
            Path b = root().resolve("float");
            new TrainJob(quiet()).run(new TrainJob.Options(null, 6000, b, 1, 4, ContrastiveMode.SUPERVISED, 256, 7L, false, "test", false));
            floatBundle = b;
        }
        return floatBundle;
    }

    /** {@link #floatBundle()} fine-tuned for the jet energy scale: range 0.05, order 2, λ 0.5, 2 epochs on 4000 events. */
    static synchronized Path fineTunedBundle() throws IOException {
        if (fineTuned == null) {
            Path b = root().resolve("finetuned");
            new FinetuneJob(quiet()).run(new FinetuneJob.Options(floatBundle(), b, NuisanceConfig.of("jes", 0.05, 2, 0.5), 2, 4000, 256,
                    1e-3, 1L, false, "test", 2000));
            fineTuned = b;
        }
        return fineTuned;
    }

    /** {@link #floatBundle()} quantized post-training, 8 bits everywhere, calibrated on 3000 events; with testbench vectors. */
    static synchronized Path quantizedBundle() throws IOException {
        if (quantized == null) {
            Path b = root().resolve("ptq8");
            new QuantizeJob(quiet()).run(new QuantizeJob.Options(floatBundle(), b, PrecisionConfig.defaults(8), 3000, 1L, false, "test"));
            quantized = b;
        }
        return quantized;
    }
}
