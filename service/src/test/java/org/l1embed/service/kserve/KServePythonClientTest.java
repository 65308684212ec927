package org.l1embed.service.kserve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.l1embed.quantization.network.NetworkSpec;
import org.l1embed.service.FixtureBundles;
import org.l1embed.service.RepositoryResource;

/**
 * An independent client: Python's grpcio (Debian's python3-grpcio and python3-grpc-tools, run as {@code /usr/bin/python3})
 * generates its stubs from the same protocol files and calls ServerMetadata, ModelMetadata, ModelConfig and ModelInfer
 * (plain and gzip) on the running service; its outputs must equal the values computed here in-process, bit for bit.
 * Without python3, grpcio or grpc_tools this test fails (CI installs them in .ci/run).
 */
@QuarkusTest
@WithTestResource(value = RepositoryResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class KServePythonClientTest {

    private static final String PYTHON = "/usr/bin/python3";
    private static final int N = 50;

    @TestHTTPResource("/")
    URL server;

    @ConfigProperty(name = "l1embed.models.dir")
    Path root;

    @Test
    void pythonGrpcClientGetsTheInProcessResults() throws Exception {
        requireGrpcio();
        Path dir = Files.createTempDirectory(Path.of("target"), "kserve-python-").toAbsolutePath();
        float[] x = FixtureBundles.events(N, 911).networkFeatures();
        Path floatBundle = root.resolve(FixtureBundles.FLOAT).resolve("1");
        Path quantized = root.resolve(FixtureBundles.QUANTIZED).resolve("2");
        NetworkSpec spec = InProcessModels.network(quantized);
        long[] raw = InProcessModels.emulatedRaw(quantized, x);
        double[] values = new double[raw.length];
        for (int i = 0; i < raw.length; i++) {
            values[i] = spec.outputType().toDouble(raw[i]);
        }
        Files.write(dir.resolve("input.bin"), TensorCodec.littleEndian(x));
        Files.write(dir.resolve("expected_latent.bin"), TensorCodec.littleEndian(InProcessModels.floatLatents(floatBundle, x, N)));
        Files.write(dir.resolve("expected_raw.bin"), TensorCodec.littleEndian(raw));
        Files.write(dir.resolve("expected_values.bin"), TensorCodec.littleEndian(values));
        Files.writeString(dir.resolve("meta.txt"), N + " " + spec.outputSize());

        Process python = new ProcessBuilder(PYTHON, Path.of("src/test/python/kserve_client.py").toAbsolutePath().toString(),
                "--port", Integer.toString(server.getPort()), "--dir", dir.toString(),
                "--proto", Path.of("../proto/src/main/proto").toAbsolutePath().normalize().toString())
                .redirectErrorStream(true).start();
        String output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(python.waitFor(120, TimeUnit.SECONDS), "the Python client timed out");
        assertEquals(0, python.exitValue(), "the Python client failed:\n" + output);
        assertTrue(output.contains("all checks hold"), output);
    }

    private static void requireGrpcio() throws InterruptedException {
        String problem;
        try {
            Process check = new ProcessBuilder(PYTHON, "-c", "import grpc, grpc_tools").redirectErrorStream(true).start();
            String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            problem = check.waitFor() == 0 ? null : output.strip();
        } catch (IOException e) {
            problem = e.getMessage();
        }
        if (problem != null) {
            fail(PYTHON + " with grpcio and grpc_tools is required for the independent-client test (Debian: apt-get install "
                    + "python3-grpcio python3-grpc-tools; CI installs them in .ci/run): " + problem);
        }
    }
}
