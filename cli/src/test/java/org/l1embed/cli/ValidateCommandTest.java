package org.l1embed.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.l1embed.hls.bundle.BundleTestbench;
import org.l1embed.quantization.bundle.Checksums;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * {@code l1embed validate} on a real post-training-quantized bundle (ONNX Runtime against the emulator): verdicts and
 * exit codes at and around a threshold, the JUnit XML report, a tampered testbench, and bad input.
 */
class ValidateCommandTest {

    private static Path quantized;

    @BeforeAll
    static void quantize() throws Exception {
        quantized = TrainedBundles.quantizedBundle();
    }

    private static CliRun validate(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "validate";
        System.arraycopy(args, 0, all, 1, args.length);
        return CliRun.of(all);
    }

    /** The largest per-output max |float - fixed| the summary printed. */
    private static double printedMax(String out) {
        Matcher m = Pattern.compile("(?m)^\\s+(\\d+)\\s+(\\S+)\\s+(\\S+)\\s*$").matcher(out);
        double max = -1;
        int rows = 0;
        while (m.find()) {
            max = Math.max(max, Double.parseDouble(m.group(2)));
            rows++;
        }
        assertEquals(4, rows, "one row per latent output in:\n" + out);
        return max;
    }

    private static void copyTree(Path from, Path to) throws java.io.IOException {
        try (var paths = Files.walk(from)) {
            for (Path p : paths.toList()) {
                Files.copy(p, to.resolve(from.relativize(p).toString()));
            }
        }
    }

    private static Document xml(Path file) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
    }

    private static List<String> caseNames(Document d) {
        NodeList cases = d.getElementsByTagName("testcase");
        List<String> out = new ArrayList<>();
        for (int i = 0; i < cases.getLength(); i++) {
            out.add(((Element) cases.item(i)).getAttribute("name"));
        }
        return out;
    }

    @Test
    void passesWithinThresholdsAndWritesAJUnitReportWithOneCasePerRule(@TempDir Path tmp) throws Exception {
        Path report = tmp.resolve("report.xml");
        CliRun r = validate("--bundle", quantized.toString(), "--events", "4000", "--max-abs-diff", "10", "--min-agreement", "0",
                "--max-overflows", "1000000000", "--junit-xml", report.toString());
        assertEquals(0, r.exit(), r.err() + r.out());
        assertTrue(r.out().contains("events: 4000 generated background events (seed 1)"), r.out());
        assertTrue(r.out().contains("testbench: 500 stored events, bit-exact"), r.out());
        assertTrue(r.out().contains("  PASS testbench: all 2000 stored raw outputs of 500 events"), r.out());
        assertTrue(r.out().contains("  PASS --max-abs-diff: output "), r.out());
        assertTrue(r.out().endsWith("verdict: PASS\n"), r.out());

        Document d = xml(report);
        Element suite = (Element) d.getElementsByTagName("testsuite").item(0);
        assertEquals("4", suite.getAttribute("tests"));
        assertEquals("0", suite.getAttribute("failures"));
        assertEquals("0", suite.getAttribute("errors"));
        assertEquals(List.of("testbench", "--max-abs-diff", "--min-agreement", "--max-overflows"), caseNames(d));
        assertEquals(0, d.getElementsByTagName("failure").getLength());
        NodeList props = d.getElementsByTagName("property");
        boolean verdict = false;
        for (int i = 0; i < props.getLength(); i++) {
            Element p = (Element) props.item(i);
            verdict |= p.getAttribute("name").equals("verdict") && p.getAttribute("value").equals("PASS");
        }
        assertTrue(verdict, "a verdict property of PASS");
    }

    @Test
    void theMaxAbsDiffThresholdHoldsAtTheMeasuredValueAndFailsJustBelowIt(@TempDir Path tmp) throws Exception {
        CliRun first = validate("--bundle", quantized.toString(), "--events", "3000");
        assertEquals(0, first.exit(), first.err());
        assertTrue(first.out().contains("checks: none") == false, "the stored testbench is always a check:\n" + first.out());
        double max = printedMax(first.out());
        assertTrue(max > 0, "8-bit fixed point differs from float somewhere: " + max);
        // The summary prints 6 significant digits: a threshold just above passes, one well below fails.
        CliRun pass = validate("--bundle", quantized.toString(), "--events", "3000", "--max-abs-diff", String.valueOf(max * 1.00001));
        assertEquals(0, pass.exit(), pass.out());
        Path report = tmp.resolve("fail.xml");
        CliRun fail = validate("--bundle", quantized.toString(), "--events", "3000", "--max-abs-diff", String.valueOf(max * 0.999),
                "--junit-xml", report.toString());
        assertEquals(1, fail.exit(), fail.out() + fail.err());
        assertTrue(fail.out().contains("  FAIL --max-abs-diff: output "), fail.out());
        assertTrue(fail.out().endsWith("verdict: FAIL\n"), fail.out());
        Document d = xml(report);
        assertEquals("1", ((Element) d.getElementsByTagName("testsuite").item(0)).getAttribute("failures"));
        Element failure = (Element) d.getElementsByTagName("failure").item(0);
        assertTrue(failure.getAttribute("message").contains("max |float - fixed|"), failure.getAttribute("message"));
        assertEquals("--max-abs-diff", ((Element) failure.getParentNode()).getAttribute("name"));
    }

    @Test
    void aTamperedTestbenchFailsTheVerdictEvenWithoutThresholds(@TempDir Path tmp) throws Exception {
        Path copy = tmp.resolve("bundle");
        copyTree(quantized, copy);
        Path expected = copy.resolve(BundleTestbench.EXPECTED);
        String text = Files.readString(expected, StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("-?\\d+").matcher(text);
        assertTrue(m.find());
        String changed = text.substring(0, m.start()) + (Long.parseLong(m.group()) + 1) + text.substring(m.end());
        Files.writeString(expected, changed, StandardCharsets.UTF_8);
        Path sums = copy.resolve(Checksums.FILE_NAME);
        SortedMap<String, String> listed = new java.util.TreeMap<>(Checksums.parse(Files.readString(sums, StandardCharsets.UTF_8)));
        listed.put(BundleTestbench.EXPECTED, Checksums.sha256Hex(expected));
        Files.writeString(sums, Checksums.render(listed), StandardCharsets.UTF_8);

        CliRun r = validate("--bundle", copy.toString(), "--events", "1000");
        assertEquals(1, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("testbench: 500 stored events, NOT bit-exact"), r.out());
        assertTrue(r.out().contains("  FAIL testbench: 1 of 2000 stored raw outputs (in 1 of 500 events)"), r.out());
    }

    @Test
    void aBundleThatFailsItsChecksumsIsAnErrorAndTheJUnitReportSaysWhy(@TempDir Path tmp) throws Exception {
        Path copy = tmp.resolve("bundle");
        copyTree(quantized, copy);
        Files.writeString(copy.resolve("network.json"), " ", StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
        Path report = tmp.resolve("report.xml");
        CliRun r = validate("--bundle", copy.toString(), "--junit-xml", report.toString());
        String message = r.assertFailure();
        assertTrue(message.contains("network.json") && message.contains("sha256"), message);
        Document d = xml(report);
        assertEquals("1", ((Element) d.getElementsByTagName("testsuite").item(0)).getAttribute("errors"));
        assertTrue(((Element) d.getElementsByTagName("error").item(0)).getAttribute("message").contains("network.json"));
    }

    @Test
    void aModelOnnxRuntimeCannotLoadIsAnErrorNamingTheFile(@TempDir Path tmp) throws Exception {
        Path copy = tmp.resolve("bundle");
        copyTree(quantized, copy);
        Path onnx = copy.resolve("model.onnx");
        byte[] bytes = Files.readAllBytes(onnx);
        Files.write(onnx, java.util.Arrays.copyOf(bytes, bytes.length / 2));   // truncated, with its checksum rewritten to match
        Path sums = copy.resolve(Checksums.FILE_NAME);
        SortedMap<String, String> listed = new java.util.TreeMap<>(Checksums.parse(Files.readString(sums, StandardCharsets.UTF_8)));
        listed.put("model.onnx", Checksums.sha256Hex(onnx));
        Files.writeString(sums, Checksums.render(listed), StandardCharsets.UTF_8);
        String message = validate("--bundle", copy.toString(), "--events", "100").assertFailure();
        assertTrue(message.startsWith("l1embed: " + onnx + ": ONNX Runtime cannot load it as a model ("), message);
        assertFalse(message.contains("internal error"), message);
    }

    @Test
    void aFloatBundleIsRefusedNamingWhatIsNeeded() throws Exception {
        String message = validate("--bundle", TrainedBundles.floatBundle().toString()).assertFailure();
        assertTrue(message.contains("is a float network") && message.contains("l1embed quantize"), message);
    }

    @Test
    void eventsFromAFileAreCompared(@TempDir Path tmp) throws Exception {
        Path csv = tmp.resolve("events.csv");
        StringBuilder b = new StringBuilder();
        for (int e = 0; e < 3; e++) {
            for (int i = 0; i < 57; i++) {
                b.append(i == 0 ? "" : ",").append(i % 3 == 0 ? 20.0 + 5 * e + i : 0.1 * (i % 5));
            }
            b.append('\n');
        }
        Files.writeString(csv, b.toString(), StandardCharsets.UTF_8);
        CliRun r = validate("--bundle", quantized.toString(), "--input", csv.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("events: 3 events from " + csv), r.out());

        Path narrow = tmp.resolve("narrow.csv");
        Files.writeString(narrow, "1,2,3\n", StandardCharsets.UTF_8);
        String message = validate("--bundle", quantized.toString(), "--input", narrow.toString()).assertFailure();
        assertTrue(message.contains(narrow.toString()) && message.contains("57"), message);
    }

    @Test
    void badThresholdsAreUsageErrorsNamingTheOption() {
        String m = validate("--bundle", quantized.toString(), "--min-agreement", "1.5").assertUsageError();
        assertTrue(m.contains("--min-agreement: must be in [0, 1], got 1.5"), m);
        m = validate("--bundle", quantized.toString(), "--max-abs-diff", "-1").assertUsageError();
        assertTrue(m.contains("--max-abs-diff: must be finite and >= 0, got -1.0"), m);
        m = validate("--bundle", quantized.toString(), "--events", "0").assertUsageError();
        assertTrue(m.contains("--events: must be >= 1, got 0"), m);
        m = validate("--bundle", quantized.toString(), "--events", "10", "--input", "x.csv").assertUsageError();
        assertFalse(m.isEmpty());
    }
}
