package org.l1embed.hls.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.l1embed.hls.HlsExport;
import org.l1embed.quantization.network.NetworkSpec;

/**
 * The whole project rendered for {@link RenderFixtures#everyLayerKind()}, compared byte for byte with the
 * reviewed files in {@code src/test/resources/golden/small/}. A change to any renderer or kernel shows up
 * here as a diff to review.
 *
 * <p>To accept a deliberate change, regenerate the golden files and review the diff (docs/hls-export.md):
 * <pre>
 * ./mvnw -q -pl hls-export test -Dtest=GoldenProjectTest -Dl1embed.golden.update=true
 * </pre>
 */
class GoldenProjectTest {

    /** Set to {@code true} to rewrite the golden files in the source tree from the current renderers. */
    static final String UPDATE_PROPERTY = "l1embed.golden.update";

    /** In the source tree, relative to the module directory where surefire runs the tests. */
    static final Path GOLDEN = Path.of("src", "test", "resources", "golden", "small");

    private static Map<String, byte[]> rendered(NetworkSpec spec) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (GeneratedFile f : HlsExport.render(spec, RenderFixtures.everyLayerKindConfig())) {
            if (files.put(f.path(), f.content().getBytes(StandardCharsets.UTF_8)) != null) {
                fail("the project has two files at " + f.path());
            }
        }
        return files;
    }

    private static List<String> goldenPaths() throws IOException {
        if (!Files.isDirectory(GOLDEN)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(GOLDEN)) {
            return walk.filter(Files::isRegularFile).map(p -> GOLDEN.relativize(p).toString().replace('\\', '/')).sorted().toList();
        }
    }

    /** Rewrites the golden directory: every generated file written, every file no longer generated deleted. */
    private static void update(Map<String, byte[]> files) throws IOException {
        for (String stale : goldenPaths()) {
            if (!files.containsKey(stale)) {
                Files.delete(GOLDEN.resolve(stale));
            }
        }
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            Path p = GOLDEN.resolve(f.getKey());
            Files.createDirectories(p.getParent());
            Files.write(p, f.getValue());
        }
    }

    @Test
    void everyGeneratedFileMatchesItsGoldenFileByteForByte() throws IOException {
        Map<String, byte[]> files = rendered(RenderFixtures.everyLayerKind());
        if (Boolean.getBoolean(UPDATE_PROPERTY)) {
            update(files);
        }
        List<String> problems = new ArrayList<>();
        TreeSet<String> golden = new TreeSet<>(goldenPaths());
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            if (!golden.contains(f.getKey())) {
                problems.add(f.getKey() + ": generated, but there is no golden file");
                continue;
            }
            byte[] want = Files.readAllBytes(GOLDEN.resolve(f.getKey()));
            if (!Arrays.equals(want, f.getValue())) {
                problems.add(f.getKey() + ": differs from the golden file, " + firstDifference(want, f.getValue()));
            }
        }
        golden.removeAll(files.keySet());
        golden.forEach(stale -> problems.add(stale + ": golden file that is no longer generated"));
        if (!problems.isEmpty()) {
            fail(problems.size() + " file(s) differ from " + GOLDEN.toAbsolutePath() + ":\n  " + String.join("\n  ", problems)
                    + "\nIf the change is intended, regenerate and review the diff:\n  ./mvnw -q -pl hls-export test "
                    + "-Dtest=GoldenProjectTest -D" + UPDATE_PROPERTY + "=true");
        }
    }

    /** The first line that differs, both versions, for the failure message. */
    private static String firstDifference(byte[] golden, byte[] generated) {
        String[] want = new String(golden, StandardCharsets.UTF_8).split("\n", -1);
        String[] got = new String(generated, StandardCharsets.UTF_8).split("\n", -1);
        for (int i = 0; i < Math.max(want.length, got.length); i++) {
            String w = i < want.length ? want[i] : "(end of file)";
            String g = i < got.length ? got[i] : "(end of file)";
            if (!w.equals(g)) {
                return "first at line " + (i + 1) + ":\n      golden:    " + w + "\n      generated: " + g;
            }
        }
        return "in bytes that are not text (e.g. line ends or encoding)";
    }

    @Test
    void coversEveryLayerKindReuseAndTheFilesOfAProject() {
        Map<String, byte[]> files = rendered(RenderFixtures.everyLayerKind());
        assertEquals(List.of("firmware/golden_small.h", "firmware/golden_small.cpp", "firmware/defines.h", "firmware/parameters.h",
                "firmware/weights/dense1_weight.h", "firmware/weights/dense1_bias.h", "firmware/weights/bn1_scale.h",
                "firmware/weights/bn1_shift.h", "firmware/weights/lrelu1_alpha.h", "firmware/weights/dense2_weight.h",
                "firmware/weights/dense2_bias.h", "firmware/kernels/l1embed_dense.h", "firmware/kernels/l1embed_activations.h",
                "firmware/kernels/l1embed_batchnorm.h", "golden_small_test.cpp", "tb_data/tb_input_features.dat",
                "tb_data/tb_output_raw.dat", "build_prj.tcl", "layers.json", "hls4ml_config.yml", "README.md"),
                List.copyOf(files.keySet()), "the files, in the order they are rendered");
        String parameters = new String(files.get("firmware/parameters.h"), StandardCharsets.UTF_8);
        assertTrue(parameters.contains("static const unsigned reuse_factor = 3;"), parameters);
        String tb = new String(files.get("tb_data/tb_input_features.dat"), StandardCharsets.UTF_8);
        assertEquals(8, tb.lines().count(), "eight testbench events");
    }

    @Test
    void renderingTwiceGivesTheSameBytes() {
        Map<String, byte[]> first = rendered(RenderFixtures.everyLayerKind());
        Map<String, byte[]> second = rendered(RenderFixtures.everyLayerKind());
        assertSameFiles(first, second);
    }

    @Test
    void renderingTheSameSpecObjectTwiceGivesTheSameBytes() {
        NetworkSpec spec = RenderFixtures.everyLayerKind();
        assertSameFiles(rendered(spec), rendered(spec));
    }

    @Test
    void anEqualSpecBuiltAfreshGivesTheSameBytes() {
        NetworkSpec a = RenderFixtures.everyLayerKind();
        NetworkSpec b = RenderFixtures.everyLayerKind();
        assertTrue(a != b && a.equals(b), "two distinct, equal specs");
        assertSameFiles(rendered(a), rendered(b));
    }

    private static void assertSameFiles(Map<String, byte[]> a, Map<String, byte[]> b) {
        assertEquals(List.copyOf(a.keySet()), List.copyOf(b.keySet()), "same files in the same order");
        for (String path : a.keySet()) {
            assertTrue(Arrays.equals(a.get(path), b.get(path)), () -> path + " differs between two renderings");
        }
    }
}
