package org.l1embed.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.l1embed.cli.io.NpyTestFiles;

class EmulateCommandTest {

    /** examples/reference/x.csv as float32, event-major. */
    private static final float[] REFERENCE_INPUTS = {
        1f, 0.5f, -0.25f, 0.75f,
        0.3f, -0.7f, 1.1f, 0.05f,
        5f, -6f, 2f, 3f,
        0.046875f, -0.109375f, 1.984375f, 0.015625f,
        3.5f, 2f, -3f, -1f,
        -2f, 1.5f, -3f, -1f,
    };

    @TempDir
    Path dir;

    private final Path reference = CliRun.reference();
    private final Path network = reference.resolve("network.json");
    private final Path csv = reference.resolve("x.csv");

    @Test
    void writesTheHandDerivedReferenceOutputByteForByte() throws IOException {
        Path out = dir.resolve("y.csv");
        CliRun run = CliRun.of("emulate", "--network", network.toString(), "--input", csv.toString(), "--output", out.toString());
        assertEquals(0, run.exit(), run.err());
        assertEquals("", run.out());
        assertBytesEqual(reference.resolve("y.expected.csv"), out);
        assertFalse(Files.exists(dir.resolve("y.trace.csv")));
    }

    @Test
    void traceHoldsEveryLayerOutputOfEveryEventAsDerivedByHand() throws IOException {
        Path out = dir.resolve("y.csv");
        CliRun run = CliRun.of("emulate", "--network", network.toString(), "--input", csv.toString(), "--output", out.toString(),
                "--trace");
        assertEquals(0, run.exit(), run.err());
        assertBytesEqual(reference.resolve("y.expected.csv"), out);
        Path trace = dir.resolve("y.trace.csv");
        assertBytesEqual(reference.resolve("y.expected.trace.csv"), trace);
        List<String> lines = Files.readAllLines(trace);
        assertEquals("event,layer,index,raw,value", lines.get(0));
        assertEquals(1 + 6 * (3 + 3 + 2 + 2), lines.size());
        assertTrue(lines.contains("2,relu1,0,127,7.9375"), "relu1 saturates on event 2");
        assertTrue(lines.contains("3,output,0,14,1.750"), "the output tie of event 3 rounds to even");
    }

    @Test
    void overflowReportCountsOverflowsPerLayerAsDerivedByHand() throws IOException {
        CliRun run = CliRun.of("emulate", "--network", network.toString(), "--input", csv.toString(),
                "--output", dir.resolve("y.csv").toString(), "--overflow-report");
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.err().contains("emulated 6 events"), run.err());
        assertTrue(run.err().contains("input values that overflowed the input type: 2"), run.err());
        assertTrue(run.err().lines().anyMatch(l -> l.matches("\\s*dense1\\s+dense\\s+\\S+\\s+0\\s+0")), run.err());
        assertTrue(run.err().lines().anyMatch(l -> l.matches("\\s*relu1\\s+relu\\s+\\S+\\s+-\\s+1")), run.err());
        assertTrue(run.err().lines().anyMatch(l -> l.matches("\\s*dense2\\s+dense\\s+\\S+\\s+0\\s+0")), run.err());
        assertTrue(run.err().lines().anyMatch(l -> l.matches("\\s*output\\s+linear\\s+\\S+\\s+-\\s+3")), run.err());
        assertTrue(run.err().contains("accumulator \"auto\" resolved to ap_fixed<17,8>"), "the auto accumulator note is shown");
        assertBytesEqual(reference.resolve("y.expected.csv"), dir.resolve("y.csv"));
    }

    @Test
    void float32NpyInputGivesTheSameOutputAsCsvInput() throws IOException {
        Path npy = NpyTestFiles.float32(dir.resolve("x.npy"), "(6, 4)", REFERENCE_INPUTS);
        Path out = dir.resolve("y.csv");
        CliRun run = CliRun.of("emulate", "--network", network.toString(), "--input", npy.toString(), "--output", out.toString());
        assertEquals(0, run.exit(), run.err());
        assertBytesEqual(reference.resolve("y.expected.csv"), out);
    }

    @Test
    void float64NpyInputOfEveryFormatVersionGivesTheSameOutputAsCsvInput() throws IOException {
        double[] wide = new double[REFERENCE_INPUTS.length];
        String[] decimals = {"1", "0.5", "-0.25", "0.75", "0.3", "-0.7", "1.1", "0.05", "5", "-6", "2", "3",
            "0.046875", "-0.109375", "1.984375", "0.015625", "3.5", "2", "-3", "-1", "-2", "1.5", "-3", "-1"};
        for (int i = 0; i < wide.length; i++) {
            wide[i] = Double.parseDouble(decimals[i]);
        }
        for (int major = 1; major <= 3; major++) {
            Path npy = NpyTestFiles.float64(dir.resolve("x" + major + ".npy"), major, "(6, 4)", wide);
            Path out = dir.resolve("y" + major + ".csv");
            CliRun run = CliRun.of("emulate", "--network", network.toString(), "--input", npy.toString(), "--output", out.toString());
            assertEquals(0, run.exit(), run.err());
            assertBytesEqual(reference.resolve("y.expected.csv"), out);
        }
    }

    @Test
    void oneDimensionalNpyIsOneEvent() throws IOException {
        Path npy = NpyTestFiles.float32(dir.resolve("x.npy"), "(4,)", 0.3f, -0.7f, 1.1f, 0.05f);
        Path out = dir.resolve("y.csv");
        CliRun run = CliRun.of("emulate", "--network", network.toString(), "--input", npy.toString(), "--output", out.toString());
        assertEquals(0, run.exit(), run.err());
        assertEquals("raw_0,raw_1,value_0,value_1\n15,-10,1.875,-1.250\n", Files.readString(out));
    }

    @Test
    void traceFileOfAnOutputWithoutCsvExtensionGetsTheSuffixAppended() throws IOException {
        Path out = dir.resolve("y.out");
        CliRun run = CliRun.of("emulate", "--network", network.toString(), "--input", csv.toString(), "--output", out.toString(),
                "--trace");
        assertEquals(0, run.exit(), run.err());
        assertBytesEqual(reference.resolve("y.expected.trace.csv"), dir.resolve("y.out.trace.csv"));
    }

    @Test
    void replacesAnExistingOutputFile() throws IOException {
        Path out = Files.writeString(dir.resolve("y.csv"), "old content that is longer than the new one".repeat(20));
        CliRun run = CliRun.of("emulate", "--network", network.toString(), "--input", csv.toString(), "--output", out.toString());
        assertEquals(0, run.exit(), run.err());
        assertBytesEqual(reference.resolve("y.expected.csv"), out);
    }

    // ---------------------------------------------------------------- failures: exit 1, one line, no output

    @Test
    void nanInCsvInputFailsNamingLineColumnAndValue() throws IOException {
        Path in = Files.writeString(dir.resolve("x.csv"), "# header\n1,2,3,4\n1,2,NaN,4\n");
        String message = emulateFails(network, in);
        assertEquals("l1embed: " + in + ": line 3, column 3: value 'NaN' is not finite; inputs must be finite numbers", message);
    }

    @Test
    void wrongColumnCountFailsNamingLineAndCounts() throws IOException {
        Path in = Files.writeString(dir.resolve("x.csv"), "1,2,3,4\n1,2,3\n");
        String message = emulateFails(network, in);
        assertTrue(message.contains(in + ": line 2 has 3 values, expected 4"), message);
    }

    @Test
    void headerLineOfNamesFailsNamingTheLineAndValue() throws IOException {
        Path in = Files.writeString(dir.resolve("x.csv"), "a,b,c,d\n1,2,3,4\n");
        String message = emulateFails(network, in);
        assertTrue(message.contains(in + ": line 1, column 1: 'a' is not a number"), message);
    }

    @Test
    void malformedJsonFailsNamingFileAndPosition() throws IOException {
        Path net = Files.writeString(dir.resolve("network.json"), "{\"format\": \"l1embed-network\",\n  \"schemaVersion\": 1,,\n}");
        String message = emulateFails(net, csv);
        assertTrue(message.startsWith("l1embed: " + net + ": malformed JSON at line 2"), message);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "ap_fixed<0,1>                    | width=0",
        "ap_ufixed<8,3,AP_TRN,AP_WRAP_SM> | AP_WRAP_SM needs a signed type",
        "ap_fixed<12,6,AP_TRN,AP_WRAP,1>  | N=1",
    })
    void badTypeInNetworkFailsNamingTheJsonPathAndValue(String type, String rule) throws IOException {
        String json = Files.readString(network).replace("\"result\": \"ap_fixed<12,6>\"", "\"result\": \"" + type + "\"");
        Path net = Files.writeString(dir.resolve("network.json"), json);
        String message = emulateFails(net, csv);
        assertTrue(message.startsWith("l1embed: " + net + ": layers[2] (dense2).types.result"), message);
        assertTrue(message.contains("'" + type + "'") && message.contains(rule), message);
    }

    @Test
    void networkWithoutTypesFailsSayingItIsNotQuantized() throws IOException {
        String json = Files.readString(network).replaceAll("(?s),\\s*\"types\": \\{[^}]*\\}", "")
                .replace(",\n    \"type\": \"ap_fixed<8,3,AP_RND_CONV,AP_SAT>\"", "");
        Path net = Files.writeString(dir.resolve("network.json"), json);
        String message = emulateFails(net, csv);
        assertTrue(message.contains("is not quantized"), message);
    }

    @Test
    void fortranOrderNpyFailsNamingTheField() throws IOException {
        Path npy = NpyTestFiles.write(dir.resolve("x.npy"), 1, "{'descr': '<f4', 'fortran_order': True, 'shape': (1, 4), }", new byte[16]);
        String message = emulateFails(network, npy);
        assertTrue(message.contains(npy + ": header field 'fortran_order' is True"), message);
    }

    @Test
    void integerNpyFailsNamingTheDtype() throws IOException {
        Path npy = NpyTestFiles.write(dir.resolve("x.npy"), 1, "{'descr': '<i4', 'fortran_order': False, 'shape': (1, 4), }", new byte[16]);
        String message = emulateFails(network, npy);
        assertTrue(message.contains(npy + ": header field 'descr' is '<i4'; expected '<f4'"), message);
    }

    @Test
    void bigEndianNpyFailsNamingTheDtype() throws IOException {
        Path npy = NpyTestFiles.write(dir.resolve("x.npy"), 1, "{'descr': '>f4', 'fortran_order': False, 'shape': (1, 4), }", new byte[16]);
        String message = emulateFails(network, npy);
        assertTrue(message.contains("header field 'descr' is '>f4'"), message);
    }

    @Test
    void npyOfTheWrongWidthFailsNamingTheShape() throws IOException {
        Path npy = NpyTestFiles.float32(dir.resolve("x.npy"), "(2, 5)", new float[10]);
        String message = emulateFails(network, npy);
        assertTrue(message.contains(npy + ": header field 'shape' is (2, 5); expected (N, 4) or (4,)"), message);
    }

    @Test
    void nanInNpyFailsNamingTheElement() throws IOException {
        float[] values = REFERENCE_INPUTS.clone();
        values[9] = Float.NaN;
        Path npy = NpyTestFiles.float32(dir.resolve("x.npy"), "(6, 4)", values);
        String message = emulateFails(network, npy);
        assertTrue(message.contains(npy + ": element [2, 1] (event 2, feature 1) is NaN"), message);
    }

    @Test
    void truncatedNpyFailsSayingHowManyBytesAreMissing() throws IOException {
        Path npy = NpyTestFiles.write(dir.resolve("x.npy"), 1, "{'descr': '<f4', 'fortran_order': False, 'shape': (6, 4), }", new byte[90]);
        String message = emulateFails(network, npy);
        assertTrue(message.contains("truncated") && message.contains("needs 96 bytes of data, the file has 90"), message);
    }

    @Test
    void missingInputFileFailsNamingIt() {
        Path in = dir.resolve("absent.csv");
        assertEquals("l1embed: " + in + ": no such file or directory", emulateFails(network, in));
    }

    @Test
    void unknownInputExtensionFailsNamingTheFile() throws IOException {
        Path in = Files.writeString(dir.resolve("x.txt"), "1,2,3,4\n");
        assertTrue(emulateFails(network, in).contains(in + ": unknown input format"));
    }

    @Test
    void missingOutputDirectoryFailsNamingIt() {
        Path out = dir.resolve("no-such-dir").resolve("y.csv");
        CliRun run = CliRun.of("emulate", "--network", network.toString(), "--input", csv.toString(), "--output", out.toString());
        assertTrue(run.assertFailure().contains("no-such-dir"), run.err());
        assertFalse(Files.exists(out.getParent()));
    }

    @Test
    void debugPrintsTheStackTraceAfterTheMessage() throws IOException {
        Path in = Files.writeString(dir.resolve("x.csv"), "1,2,3\n");
        CliRun run = CliRun.of("emulate", "--network", network.toString(), "--input", in.toString(),
                "--output", dir.resolve("y.csv").toString(), "--debug");
        assertEquals(1, run.exit());
        assertTrue(run.err().startsWith("l1embed: " + in + ": line 1 has 3 values"), run.err());
        assertTrue(run.err().contains("\tat org.l1embed.cli.io.CsvInputs"), run.err());
    }

    @Test
    void missingRequiredOptionIsAUsageError() {
        String message = CliRun.of("emulate", "--network", network.toString()).assertUsageError();
        assertTrue(message.contains("--input") && message.contains("--output"), message);
    }

    /** Runs emulate with --trace, expects a failure, and checks that neither output nor temporary files were left. */
    private String emulateFails(Path net, Path input) {
        Path out = dir.resolve("y.csv");
        CliRun run = CliRun.of("emulate", "--network", net.toString(), "--input", input.toString(), "--output", out.toString(),
                "--trace");
        String message = run.assertFailure();
        assertFalse(Files.exists(out), "no output file after a failure");
        assertFalse(Files.exists(dir.resolve("y.trace.csv")), "no trace file after a failure");
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(), files.filter(p -> p.getFileName().toString().startsWith(".")).toList(), "no temporary files");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return message;
    }

    private static void assertBytesEqual(Path expected, Path actual) throws IOException {
        assertEquals(Files.readString(expected, StandardCharsets.UTF_8), Files.readString(actual, StandardCharsets.UTF_8),
                actual + " differs from " + expected);
        assertTrue(Arrays.equals(Files.readAllBytes(expected), Files.readAllBytes(actual)));
    }
}
