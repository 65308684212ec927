package org.l1embed.service.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtProvider;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.l1embed.inference.FeatureBatch;
import org.l1embed.inference.FloatModel;
import org.l1embed.inference.InferenceDevice;
import org.l1embed.inference.OnnxSessions;
import org.l1embed.quantization.bundle.Checksums;
import org.l1embed.quantization.network.NetworkJson;
import org.l1embed.quantization.network.NetworkSpec;
import org.l1embed.service.FixtureBundles;
import org.l1embed.training.export.OnnxExporter;

/**
 * The CUDA path on a machine with an NVIDIA GPU: {@code ./mvnw -Pgpu -pl service -am test -Dgroups=gpu
 * -Dsurefire.failIfNoSpecifiedTests=false} (the {@code gpu} profile swaps in ONNX Runtime's GPU build, which needs CUDA 12
 * and cuDNN 9 on the host). Skipped, with the reason, where the build has no CUDA provider or there is no NVIDIA device.
 * Checks that a CUDA session really opens (no fallback) and computes the CPU session's latents within float32
 * tolerance, and prints the throughput at batch 1024 and 65 536 (a figure for BENCHMARKS.md, not asserted).
 */
@Tag("gpu")
class CudaInferenceTest {

    private static final NetworkSpec SPEC = FixtureBundles.encoder(7, false);
    private static final byte[] ONNX = new OnnxExporter("0.1.0-test").toBytes(SPEC);
    private static final String NETWORK_SHA = Checksums.sha256Hex(NetworkJson.toJson(SPEC).getBytes(StandardCharsets.UTF_8));

    /** Skips (JUnit assumption, reason in the report) unless a CUDA-capable build and an NVIDIA device are present. */
    private static void requireAGpu() {
        assumeTrue(OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA),
                "this ONNX Runtime build has no CUDA execution provider (build the service with -Pgpu)");
        assumeTrue(Files.exists(Path.of("/dev/nvidia0")) || Files.exists(Path.of("/dev/nvidiactl")),
                "no NVIDIA device on this machine (/dev/nvidia0 absent)");
    }

    @Test
    void cudaSessionOpensWithoutFallbackAndMatchesTheCpu() throws Exception {
        requireAGpu();
        FeatureBatch events = new FeatureBatch(4096, 57, inputs(4096, 1));
        try (FloatModel cpu = FloatModel.open(new OnnxSessions(InferenceDevice.CPU, 1), ONNX, 57, 4, NETWORK_SHA);
             FloatModel cuda = FloatModel.open(new OnnxSessions(InferenceDevice.CUDA, 1), ONNX, 57, 4, NETWORK_SHA)) {
            assertEquals(InferenceDevice.CUDA, cuda.device(), "the CUDA execution provider must be used, not the CPU fallback");
            float[] a = cpu.embed(events);
            float[] b = cuda.embed(events);
            double worst = 0;
            for (int k = 0; k < a.length; k++) {
                worst = Math.max(worst, Math.abs(a[k] - b[k]) / Math.max(1.0, Math.abs(a[k])));
            }
            assertTrue(worst < 1e-4, "CUDA and CPU latents differ by " + worst + " (relative) at worst");
            for (int batch : new int[] {1024, 65_536}) {
                FeatureBatch big = new FeatureBatch(batch, 57, inputs(batch, batch));
                cuda.embed(big);   // warm-up
                int reps = batch == 1024 ? 200 : 20;
                long start = System.nanoTime();
                for (int r = 0; r < reps; r++) {
                    cuda.embed(big);
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                System.out.printf(Locale.ROOT, "CUDA float inference, batch %d: %.3g events/s (%d calls, %.3f s)%n", batch,
                        (double) batch * reps / seconds, reps, seconds);
            }
        }
    }

    private static float[] inputs(int events, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[events * 57];
        for (int k = 0; k < x.length; k++) {
            x[k] = (float) Math.abs(r.nextGaussian() * 20);
        }
        return x;
    }
}
