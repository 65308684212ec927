package org.l1embed.hls.bundle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.l1embed.hls.HlsExport;
import org.l1embed.hls.config.HlsConfig;
import org.l1embed.hls.render.GeneratedFile;
import org.l1embed.quantization.bundle.BundleWriter;
import org.l1embed.quantization.bundle.ExistingTarget;
import org.l1embed.quantization.bundle.InvalidBundleException;
import org.l1embed.quantization.bundle.ModelBundle;
import org.l1embed.quantization.bundle.Provenance;
import org.l1embed.quantization.emulator.Emulator;
import org.l1embed.quantization.fixed.FixedType;
import org.l1embed.quantization.network.Dense;
import org.l1embed.quantization.network.InputSpec;
import org.l1embed.quantization.network.NetworkSpec;
import org.l1embed.quantization.network.Preprocessing;
import org.l1embed.quantization.network.Relu;
import org.l1embed.quantization.network.Tensor;

class BundleTestbenchTest {

    private static final FixedType DATA = FixedType.parse("ap_fixed<12,4,AP_RND_CONV,AP_SAT>");

    /** 5 → 3 → ReLU with standardisation, quantized. */
    static NetworkSpec network() {
        double[] w = new double[15];
        for (int k = 0; k < w.length; k++) {
            w[k] = ((k * 7) % 11 - 5) / 8.0;
        }
        Dense d = new Dense("fc1", 5, 3, Tensor.matrix(5, 3, w), Tensor.vector(0.25, -0.5, 0.125), DATA, DATA,
                FixedType.parse("ap_fixed<28,12>"), DATA);
        Preprocessing pre = new Preprocessing.Standardize(Tensor.vector(1, 2, 3, 4, 5), Tensor.vector(0.5, 1.5, 2.5, 3.5, 4.5));
        return new NetworkSpec("tb", new InputSpec(List.of(5), pre, DATA), List.of(d, new Relu("relu1", 3, DATA)));
    }

    static float[] raw(int events, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] x = new float[events * 5];
        for (int k = 0; k < x.length; k++) {
            x[k] = (float) rnd.nextDouble(-30, 30);
        }
        return x;
    }

    private static ModelBundle write(NetworkSpec spec, Path dir, Map<String, byte[]> extras) throws IOException {
        Provenance p = new Provenance(JsonNodeFactory.instance.objectNode(), new TreeMap<>(), "test", "0.1.0-test",
                JsonNodeFactory.instance.objectNode(), Instant.parse("2025-03-01T12:00:00Z"));
        BundleWriter w = new BundleWriter(spec, new byte[] {1}, p);
        for (Map.Entry<String, byte[]> e : new TreeMap<>(extras).entrySet()) {
            w = w.withExtraFile(e.getKey(), e.getValue());
        }
        return w.write(dir, ExistingTarget.REFUSE);
    }

    @Test
    void vectorsArePreprocessingInFloat32ThenTheEmulator() {
        NetworkSpec spec = network();
        float[] raw = raw(50, 1);
        BundleTestbench tb = BundleTestbench.of(spec, raw);
        assertEquals(50, tb.events());
        float[] inputs = new float[raw.length];
        float[] one = new float[5];
        for (int e = 0; e < 50; e++) {
            spec.input().preprocessing().apply(java.util.Arrays.copyOfRange(raw, e * 5, e * 5 + 5), one);
            System.arraycopy(one, 0, inputs, e * 5, 5);
        }
        assertArrayEquals(inputs, tb.networkInputs());
        assertArrayEquals(Emulator.compile(spec).emulateRaw(inputs), tb.expected());
        assertArrayEquals(raw, tb.rawFeatures());
    }

    @Test
    void storedFilesReadBackAndAreTheHlsProjectsTbDataForTheSameInputs(@TempDir Path tmp) throws IOException {
        NetworkSpec spec = network();
        BundleTestbench tb = BundleTestbench.of(spec, raw(40, 2));
        ModelBundle bundle = write(spec, tmp.resolve("b"), tb.files());
        BundleTestbench back = BundleTestbench.read(bundle).orElseThrow();
        assertArrayEquals(tb.rawFeatures(), back.rawFeatures());
        assertArrayEquals(tb.networkInputs(), back.networkInputs());
        assertArrayEquals(tb.expected(), back.expected());

        List<GeneratedFile> project = HlsExport.render(spec, HlsConfig.defaults("tb"), tb.networkInputs());
        Map<String, String> byPath = new TreeMap<>();
        project.forEach(f -> byPath.put(f.path(), f.content()));
        assertEquals(byPath.get("tb_data/tb_input_features.dat"),
                Files.readString(bundle.file(BundleTestbench.NETWORK_INPUTS), StandardCharsets.UTF_8));
        assertEquals(byPath.get("tb_data/tb_output_raw.dat"),
                Files.readString(bundle.file(BundleTestbench.EXPECTED), StandardCharsets.UTF_8));
    }

    @Test
    void aBundleWithoutTheFilesHasNoTestbench(@TempDir Path tmp) throws IOException {
        assertTrue(BundleTestbench.read(write(network(), tmp.resolve("b"), Map.of())).isEmpty());
    }

    @Test
    void refusesSomeButNotAllFilesAndDifferentEventCounts(@TempDir Path tmp) throws IOException {
        NetworkSpec spec = network();
        Map<String, byte[]> files = new TreeMap<>(BundleTestbench.of(spec, raw(10, 3)).files());
        files.remove(BundleTestbench.EXPECTED);
        ModelBundle partial = write(spec, tmp.resolve("partial"), files);
        InvalidBundleException e = assertThrows(InvalidBundleException.class, () -> BundleTestbench.read(partial));
        assertTrue(e.getMessage().contains("testbench/: has [testbench/raw_features.dat, testbench/tb_input_features.dat] but not "
                + "[testbench/tb_output_raw.dat]"), e.getMessage());

        Map<String, byte[]> uneven = new TreeMap<>(BundleTestbench.of(spec, raw(10, 3)).files());
        uneven.put(BundleTestbench.EXPECTED, BundleTestbench.of(spec, raw(9, 3)).files().get(BundleTestbench.EXPECTED));
        ModelBundle b = write(spec, tmp.resolve("uneven"), uneven);
        e = assertThrows(InvalidBundleException.class, () -> BundleTestbench.read(b));
        assertTrue(e.getMessage().contains("testbench/: the files hold different numbers of events: testbench/raw_features.dat 10, "
                + "testbench/tb_input_features.dat 10, testbench/tb_output_raw.dat 9"), e.getMessage());

        Map<String, byte[]> wrongWidth = new TreeMap<>(BundleTestbench.of(spec, raw(2, 3)).files());
        wrongWidth.put(BundleTestbench.EXPECTED, "1 2\n3 4\n".getBytes(StandardCharsets.UTF_8));
        ModelBundle w = write(spec, tmp.resolve("width"), wrongWidth);
        e = assertThrows(InvalidBundleException.class, () -> BundleTestbench.read(w));
        assertTrue(e.getMessage().contains("testbench/tb_output_raw.dat: line 1: expected 3 values separated by single spaces, got 2"),
                e.getMessage());
    }

    @Test
    void refusesAFloatNetworkAndNonFiniteFeatures() {
        NetworkSpec spec = network();
        NetworkSpec floating = new NetworkSpec("f", new InputSpec(List.of(5), spec.input().preprocessing(), null),
                List.of(Dense.floating("fc1", Tensor.matrix(5, 1, new double[] {1, 1, 1, 1, 1}), Tensor.vector(0))));
        assertThrows(IllegalArgumentException.class, () -> BundleTestbench.of(floating, raw(1, 1)));
        float[] x = raw(2, 1);
        x[7] = Float.NaN;
        assertEquals("rawFeatures[1][2] must be finite, got NaN",
                assertThrows(IllegalArgumentException.class, () -> BundleTestbench.of(spec, x)).getMessage());
    }
}
