package org.l1embed.hls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.l1embed.hls.config.HlsConfig;
import org.l1embed.hls.render.GeneratedFile;
import org.l1embed.hls.write.ProjectWriter;
import org.l1embed.quantization.network.NetworkSpec;

/**
 * The generated project is compiled, not only written: g++ builds it against the test-only ap_fixed header
 * (src/test/cpp), its testbench runs on 10 000 events, and C-simulation must equal the Java emulator on every
 * output bit. g++ is a build requirement (CI installs it); without it this test fails, it does not skip.
 */
class GeneratedProjectCompilesTest {

    private static final int EVENTS = 10_000;
    private static final Pattern SUMMARY = Pattern.compile("l1embed testbench: (\\d+) events, (\\d+) outputs compared, (\\d+) mismatches");

    static Stream<Arguments> networks() {
        return Stream.of(
                Arguments.of("trn_wrap_small", RandomQuantizedNetworks.Modes.TRN_WRAP, 1L, 8, new int[] {6, 3}, 1),
                Arguments.of("trn_wrap_l1", RandomQuantizedNetworks.Modes.TRN_WRAP, 2L, 57, new int[] {32, 16, 4}, 1),
                Arguments.of("rnd_conv_sat", RandomQuantizedNetworks.Modes.RND_CONV_SAT, 3L, 57, new int[] {16, 8, 4}, 1),
                Arguments.of("rnd_conv_sat_reuse", RandomQuantizedNetworks.Modes.RND_CONV_SAT, 4L, 20, new int[] {12, 4}, 4),
                Arguments.of("mixed_a", RandomQuantizedNetworks.Modes.MIXED, 5L, 19, new int[] {10, 7, 2}, 1),
                Arguments.of("mixed_b", RandomQuantizedNetworks.Modes.MIXED, 6L, 33, new int[] {24, 12, 6, 3}, 2));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("networks")
    void compiledTestbenchMatchesTheEmulatorOnEveryBit(String name, RandomQuantizedNetworks.Modes modes, long seed, int inputs,
                                                       int[] widths, int reuse, @TempDir Path dir) throws Exception {
        NetworkSpec spec = new RandomQuantizedNetworks(seed, modes).next(name, inputs, widths);
        HlsConfig config = HlsConfig.defaults(name).withReuse(reuse, java.util.Map.of()).withTestbench(EVENTS, seed);
        List<GeneratedFile> files = HlsExport.render(spec, config);
        Path project = dir.resolve(name);
        ProjectWriter.write(files, project, false);

        Path header = Path.of("src/test/cpp").toAbsolutePath();
        run(project, 180, "g++", "-std=c++17", "-O1", "-Wall", "-I" + header, "-Ifirmware",
                name + "_test.cpp", "firmware/" + name + ".cpp", "-o", "tb");
        String out = run(project, 120, "./tb", "tb_data");
        Matcher m = SUMMARY.matcher(out);
        assertTrue(m.find(), "testbench printed no summary:\n" + out);
        assertEquals(EVENTS, Integer.parseInt(m.group(1)), out);
        assertEquals((long) EVENTS * spec.outputSize(), Long.parseLong(m.group(2)), out);
        assertEquals(0, Long.parseLong(m.group(3)), "C-simulation differs from the emulator:\n" + out);
    }

    /** Runs a command in {@code dir}; fails the test with its output unless it exits 0. */
    static String run(Path dir, int timeoutSeconds, String... command) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder(new ArrayList<>(List.of(command))).directory(dir.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            fail("cannot run " + command[0] + " (g++ is required to build the generated HLS projects; install it, e.g. "
                    + "apt-get install g++): " + e.getMessage());
            throw e;
        }
        byte[] output = p.getInputStream().readAllBytes();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail(String.join(" ", command) + " did not finish in " + timeoutSeconds + " s");
        }
        String text = new String(output, StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            fail(String.join(" ", command) + " exited with " + p.exitValue() + ":\n" + text);
        }
        return text;
    }
}
