package org.l1embed.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportHlsCommandTest {

    private static final String NETWORK = CliRun.reference().resolve("network.json").toString();

    private static List<String> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }

    @Test
    void writesTheWholeProjectAndSummarizesTheEstimates(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("hls");
        CliRun r = CliRun.of("export-hls", "--network", NETWORK, "--out", out.toString(), "--testbench-events", "50",
                "--part", "xcvu9p-flgb2104-2-i", "--clock-ns", "2.5", "--reuse", "1,dense1=2");
        assertEquals(0, r.exit(), r.err());
        assertEquals("", r.out());
        assertTrue(r.err().contains("wrote HLS project 'reference' (18 files)"), r.err());
        assertTrue(files(out).containsAll(List.of("README.md", "build_prj.tcl", "firmware/defines.h", "firmware/reference.cpp",
                "firmware/weights/dense1_weight.h", "layers.json", "hls4ml_config.yml", "reference_test.cpp",
                "tb_data/tb_input_features.dat", "tb_data/tb_output_raw.dat")), files(out).toString());
        assertEquals(50, Files.readAllLines(out.resolve("tb_data/tb_output_raw.dat")).size());
        assertTrue(Files.readString(out.resolve("build_prj.tcl")).contains("set_part {xcvu9p-flgb2104-2-i}"));
        assertTrue(Files.readString(out.resolve("build_prj.tcl")).contains("create_clock -period 2.5 -name default"));
        assertTrue(Files.readString(out.resolve("firmware/parameters.h")).contains("static const unsigned reuse_factor = 2;"));
    }

    @Test
    void isDeterministic(@TempDir Path tmp) throws IOException {
        for (String d : List.of("a", "b")) {
            assertEquals(0, CliRun.of("export-hls", "--network", NETWORK, "--out", tmp.resolve(d).toString(),
                    "--testbench-events", "20").exit());
        }
        for (String f : files(tmp.resolve("a"))) {
            assertEquals(Files.readString(tmp.resolve("a").resolve(f)), Files.readString(tmp.resolve("b").resolve(f)), f);
        }
    }

    @Test
    void refusesAnInvalidReuseFactorAndWritesNothing(@TempDir Path tmp) {
        Path out = tmp.resolve("hls");
        String message = CliRun.of("export-hls", "--network", NETWORK, "--out", out.toString(), "--reuse", "dense1=5")
                .assertFailure();
        assertEquals("l1embed: layers[0] (dense1, 4x3 = 12 multiplications): reuse factor 5 must divide n_in*n_out = 12 so that "
                + "every round performs the same number of multiplications; valid: 1, 2, 3, 4, 6, 12", message);
        assertFalse(Files.exists(out));
        assertEquals(0, tmp.toFile().list().length, "no staging directory left");
    }

    @Test
    void refusesBadPartAndClockAndUnknownLayers(@TempDir Path tmp) {
        String out = tmp.resolve("hls").toString();
        assertTrue(CliRun.of("export-hls", "--network", NETWORK, "--out", out, "--part", "virtex").assertFailure()
                .contains("part must be an AMD/Xilinx part name"));
        assertTrue(CliRun.of("export-hls", "--network", NETWORK, "--out", out, "--clock-ns", "-1").assertFailure()
                .contains("clockPeriodNs must be in (0, 100] nanoseconds, got clockPeriodNs=-1.0"));
        assertTrue(CliRun.of("export-hls", "--network", NETWORK, "--out", out, "--reuse", "relu1=2").assertFailure()
                .contains("reuse factor given for 'relu1', which is not a dense layer"));
        assertTrue(CliRun.of("export-hls", "--network", NETWORK, "--out", out, "--reuse", "dense1=x").assertUsageError()
                .contains("--reuse: expected a number or LAYER=NUMBER, got 'dense1=x'"));
        assertEquals(0, tmp.toFile().list().length);
    }

    @Test
    void refusesANonEmptyDirectoryUnlessOverwriting(@TempDir Path tmp) throws IOException {
        Path out = Files.createDirectories(tmp.resolve("hls"));
        Files.writeString(out.resolve("notes.txt"), "mine");
        assertTrue(CliRun.of("export-hls", "--network", NETWORK, "--out", out.toString()).assertFailure().contains("is not empty"));
        assertEquals(List.of("notes.txt"), files(out));
        assertEquals(0, CliRun.of("export-hls", "--network", NETWORK, "--out", out.toString(), "--overwrite",
                "--testbench-events", "5").exit());
        assertFalse(files(out).contains("notes.txt"));
    }

    @Test
    void usesGivenTestbenchEvents(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("hls");
        assertEquals(0, CliRun.of("export-hls", "--network", NETWORK, "--out", out.toString(), "--testbench-input",
                CliRun.reference().resolve("x.csv").toString()).exit());
        // the expected outputs are the emulator's outputs for the reference events, as in y.expected.csv
        List<String> expected = Files.readAllLines(CliRun.reference().resolve("y.expected.csv")).stream().skip(1)
                .map(l -> String.join(" ", List.of(l.split(",")).subList(0, 2))).toList();
        assertEquals(expected, Files.readAllLines(out.resolve("tb_data/tb_output_raw.dat")));
    }
}
