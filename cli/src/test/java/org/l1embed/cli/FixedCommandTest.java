package org.l1embed.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/**
 * Expected raw values are worked out by hand from the integer rules of docs/fixed-point.md; the comments give
 * the arithmetic. All types here have F = 5 (LSB 1/32), so value = raw / 32 written with five decimals.
 */
class FixedCommandTest {

    @Test
    void printsTheTypeHeaderAndOneRowPerValue() {
        CliRun run = CliRun.of("fixed", "ap_fixed<8,3,AP_RND_CONV,AP_SAT>", "1.37", "-5");
        assertEquals(0, run.exit(), run.err());
        assertEquals("""
                type      ap_fixed<8,3,AP_RND_CONV,AP_SAT>
                format    signed, W=8, I=3, F=5
                rounding  AP_RND_CONV (round to nearest, ties to even)
                overflow  AP_SAT (clamp to min or max)
                range     -4.00000 .. 3.96875 (raw -128 .. 127)
                lsb       0.03125

                input   raw     value    error  flags
                 1.37    44   1.37500  0.00500  rounded
                   -5  -128  -4.00000  1.00000  saturated
                """, run.out());
        assertEquals("", run.err());
    }

    @Test
    void negativeValuesNeedNoDoubleDash() {
        CliRun run = CliRun.of("fixed", "ap_fixed<8,3>", "-0.25", "-5", "-1e-1", "-.5");
        assertEquals(0, run.exit(), run.err());
        List<List<String>> rows = rows(run.out());
        assertEquals(List.of("-0.25", "-8", "-0.25000", "0.00000", "exact"), rows.get(0));
        // -5·32 = -160 wraps: -160 + 256 = 96
        assertEquals(List.of("-5", "96", "3.00000", "8.00000", "wrapped"), rows.get(1));
        // -0.1·32 = -3.2 (as a double, slightly more negative) -> floor -4
        assertEquals(List.of("-1e-1", "-4", "-0.12500", "-0.02500", "rounded"), rows.get(2));
        assertEquals(List.of("-.5", "-16", "-0.50000", "0.00000", "exact"), rows.get(3));
    }

    @Test
    void doubleDashIsAcceptedToo() {
        CliRun run = CliRun.of("fixed", "--", "ap_fixed<8,3>", "-1");
        assertEquals(0, run.exit(), run.err());
        assertEquals(List.of("-1", "-32", "-1.00000", "0.00000", "exact"), rows(run.out()).get(0));
    }

    /**
     * Ties at ±1.5 and ±2.5 LSB (r = ±3, ±5 at F = 6, one bit dropped: fl = floor(r/2), rem = 1 = h).
     * Columns: mode, raw for 0.046875 (+1.5), -0.046875 (-1.5), 0.078125 (+2.5), -0.078125 (-2.5).
     */
    static List<Arguments> ties() {
        return List.of(
                // fl = 1, -2, 2, -3; TRN keeps fl
                Arguments.of("AP_TRN", 1, -2, 2, -3),
                // toward zero: negatives with rem != 0 get +1
                Arguments.of("AP_TRN_ZERO", 1, -1, 2, -2),
                // rem >= h: always +1
                Arguments.of("AP_RND", 2, -1, 3, -2),
                // rem = h: +1 only when r < 0
                Arguments.of("AP_RND_ZERO", 1, -1, 2, -2),
                // rem = h: never +1
                Arguments.of("AP_RND_MIN_INF", 1, -2, 2, -3),
                // rem = h: +1 only when r > 0
                Arguments.of("AP_RND_INF", 2, -2, 3, -3),
                // rem = h: +1 when fl is odd (fl = 1, -2, 2, -3)
                Arguments.of("AP_RND_CONV", 2, -2, 2, -2));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ties")
    void everyRoundingModeResolvesTiesAsTheVendorLibraryDoes(String mode, long plus15, long minus15, long plus25, long minus25) {
        CliRun run = CliRun.of("fixed", "ap_fixed<8,3," + mode + ",AP_WRAP>", "0.046875", "-0.046875", "0.078125", "-0.078125");
        assertEquals(0, run.exit(), run.err());
        List<List<String>> rows = rows(run.out());
        assertEquals(row("0.046875", plus15), rows.get(0));
        assertEquals(row("-0.046875", minus15), rows.get(1));
        assertEquals(row("0.078125", plus25), rows.get(2));
        assertEquals(row("-0.078125", minus25), rows.get(3));
    }

    /** A tie row: the value is raw/32 and the error is ±1/64 either way. */
    private static List<String> row(String input, long raw) {
        String[] values = {"-0.09375", "-0.06250", "-0.03125", "0.00000", "0.03125", "0.06250", "0.09375"};
        String value = values[(int) raw + 3];
        String error = new BigDecimal(value).subtract(new BigDecimal(input)).signum() > 0 ? "0.015625" : "-0.015625";
        return List.of(input, Long.toString(raw), value, error, "rounded");
    }

    /**
     * Out of range for ap_fixed<8,3> (raw -128..127): 5.25 -> q = 168, -4.5 -> q = -144, and -4 -> q = -128 (in range,
     * but the minimum that SAT_SYM remaps).
     */
    static List<Arguments> overflows() {
        return List.of(
                // low 8 bits, sign-extended: 168 - 256 = -88; -144 + 256 = 112
                Arguments.of("AP_WRAP",
                        List.of("5.25", "-88", "-2.75000", "-8.00000", "wrapped"),
                        List.of("-4.5", "112", "3.50000", "8.00000", "wrapped"),
                        List.of("-4", "-128", "-4.00000", "0.00000", "exact")),
                Arguments.of("AP_SAT",
                        List.of("5.25", "127", "3.96875", "-1.28125", "saturated"),
                        List.of("-4.5", "-128", "-4.00000", "0.50000", "saturated"),
                        List.of("-4", "-128", "-4.00000", "0.00000", "exact")),
                Arguments.of("AP_SAT_ZERO",
                        List.of("5.25", "0", "0.00000", "-5.25000", "saturated"),
                        List.of("-4.5", "0", "0.00000", "4.50000", "saturated"),
                        List.of("-4", "-128", "-4.00000", "0.00000", "exact")),
                // clamp to ±127; the in-range minimum -128 also becomes -127
                Arguments.of("AP_SAT_SYM",
                        List.of("5.25", "127", "3.96875", "-1.28125", "saturated"),
                        List.of("-4.5", "-127", "-3.96875", "0.53125", "saturated"),
                        List.of("-4", "-127", "-3.96875", "0.03125", "saturated")),
                // 168 = 1010_1000b: Ro = 1, lD = bit 8 = 0 -> invert: 0101_0111b = 87, MSB := 0 -> 87.
                // -144: V = 112 = 0111_0000b, Ro = 0, lD = bit 8 = 1 -> invert: 1000_1111b, MSB := 1 -> -113.
                Arguments.of("AP_WRAP_SM",
                        List.of("5.25", "87", "2.71875", "-2.53125", "wrapped"),
                        List.of("-4.5", "-113", "-3.53125", "0.96875", "wrapped"),
                        List.of("-4", "-128", "-4.00000", "0.00000", "exact")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overflows")
    void everyOverflowModeHandlesOutOfRangeValuesAsTheVendorLibraryDoes(String mode, List<String> above, List<String> below,
                                                                       List<String> minimum) {
        CliRun run = CliRun.of("fixed", "ap_fixed<8,3,AP_TRN," + mode + ">", "5.25", "-4.5", "-4");
        assertEquals(0, run.exit(), run.err());
        assertEquals(List.of(above, below, minimum), rows(run.out()));
    }

    static List<Arguments> unsignedOverflows() {
        // ap_ufixed<8,3>: raw 0..255. -1 -> q = -32; 9 -> q = 288.
        return List.of(
                Arguments.of("AP_WRAP", List.of("-1", "224", "7.00000", "8.00000", "wrapped"),
                        List.of("9", "32", "1.00000", "-8.00000", "wrapped")),
                Arguments.of("AP_SAT", List.of("-1", "0", "0.00000", "1.00000", "saturated"),
                        List.of("9", "255", "7.96875", "-1.03125", "saturated")),
                Arguments.of("AP_SAT_ZERO", List.of("-1", "0", "0.00000", "1.00000", "saturated"),
                        List.of("9", "0", "0.00000", "-9.00000", "saturated")),
                Arguments.of("AP_SAT_SYM", List.of("-1", "0", "0.00000", "1.00000", "saturated"),
                        List.of("9", "255", "7.96875", "-1.03125", "saturated")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unsignedOverflows")
    void unsignedOverflowModesClampOrWrapAtZeroAndMax(String mode, List<String> negative, List<String> above) {
        CliRun run = CliRun.of("fixed", "ap_ufixed<8,3,AP_TRN," + mode + ">", "-1", "9");
        assertEquals(0, run.exit(), run.err());
        assertEquals(List.of(negative, above), rows(run.out()));
    }

    @Test
    void roundingAndSaturationAreBothFlagged() {
        // 3.99·32 = 127.68 -> RND_CONV 128 > 127 -> 127
        CliRun run = CliRun.of("fixed", "ap_fixed<8,3,AP_RND_CONV,AP_SAT>", "3.99");
        assertEquals(List.of("3.99", "127", "3.96875", "-0.02125", "rounded,saturated"), rows(run.out()).get(0));
    }

    @Test
    void allModesListsEveryRoundingAndOverflowModeForSignedTypes() {
        CliRun run = CliRun.of("fixed", "ap_fixed<8,3>", "1.37", "-5", "--all-modes");
        assertEquals(0, run.exit(), run.err());
        List<List<String>> blocks = modeBlocks(run.out());
        assertEquals(2, blocks.size());
        List<String> first = blocks.get(0);
        assertEquals(7 * 5, first.size());
        // 1.37·32 = 43.84: TRN 43, RND_CONV 44
        assertTrue(first.contains("AP_TRN AP_WRAP 43 1.34375 -0.02625 rounded"), first.toString());
        assertTrue(first.contains("AP_RND_CONV AP_SAT 44 1.37500 0.00500 rounded"), first.toString());
        assertTrue(first.contains("AP_TRN AP_WRAP_SM 43 1.34375 -0.02625 rounded"), first.toString());
        // -5·32 = -160: q = -160 for every rounding; WRAP_SM: V = 96 = 0110_0000b, Ro = 0, lD = 1 -> 1001_1111b -> -97
        assertTrue(blocks.get(1).contains("AP_RND AP_WRAP_SM -97 -3.03125 1.96875 wrapped"), blocks.get(1).toString());
        assertTrue(blocks.get(1).contains("AP_RND_INF AP_SAT_SYM -127 -3.96875 1.03125 saturated"), blocks.get(1).toString());
    }

    @Test
    void allModesSkipsSignMagnitudeWrapForUnsignedTypes() {
        CliRun run = CliRun.of("fixed", "ap_ufixed<8,3>", "1.37", "--all-modes");
        assertEquals(0, run.exit(), run.err());
        List<String> block = modeBlocks(run.out()).get(0);
        assertEquals(7 * 4, block.size());
        assertTrue(block.stream().noneMatch(l -> l.contains("WRAP_SM")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ap_fixed<0,1>", "ap_ufixed<8,3,AP_TRN,AP_WRAP_SM>", "ap_fixed<8,3,AP_TRN,AP_WRAP,1>",
        "ap_fixed<8>", "ap_fixed<8,3,AP_ROUND>", "float"})
    void badTypeStringFailsNamingTheTypeAndTheRule(String type) {
        String message = CliRun.of("fixed", type, "1").assertFailure();
        assertTrue(message.startsWith("l1embed: bad fixed-point type '" + type + "'"), message);
    }

    @Test
    void badTypeMessagesNameTheFieldAndValue() {
        assertTrue(CliRun.of("fixed", "ap_fixed<0,1>", "1").assertFailure().contains("width=0"));
        assertTrue(CliRun.of("fixed", "ap_ufixed<8,3,AP_TRN,AP_WRAP_SM>", "1").assertFailure().contains("AP_WRAP_SM needs a signed type"));
        assertTrue(CliRun.of("fixed", "ap_fixed<8,3,AP_TRN,AP_WRAP,1>", "1").assertFailure().contains("N=1"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"NaN", "-inf", "Infinity", "-Infinity"})
    void nonFiniteValuesFail(String value) {
        // "-inf" is not a number to picocli, so it looks like an option: "--" ends the options.
        String message = CliRun.of("fixed", "ap_fixed<8,3>", "--", value).assertFailure();
        assertEquals("l1embed: value '" + value + "' is not finite: NaN and infinities have no fixed-point value", message);
    }

    @Test
    void nonNumericValueFailsNamingIt() {
        String message = CliRun.of("fixed", "ap_fixed<8,3>", "1.5", "1,5").assertFailure();
        assertTrue(message.startsWith("l1embed: value '1,5' is not a decimal number"), message);
    }

    @Test
    void missingValueIsAUsageError() {
        assertTrue(CliRun.of("fixed", "ap_fixed<8,3>").assertUsageError().contains("VALUE"));
    }

    @Test
    void failuresAreOneLineEvenWithABareCommandLine() {
        CliRun run = CliRun.on(new CommandLine(new L1embed()), "fixed", "ap_fixed<0,1>", "1");
        assertTrue(run.assertFailure().contains("width=0"));
    }

    /** The table rows after the header line "input raw value error flags", split on blanks. */
    private static List<List<String>> rows(String out) {
        List<String> lines = out.lines().toList();
        int header = lines.indexOf(lines.stream().filter(l -> l.matches("\\s*input\\s+raw\\s+value\\s+error\\s+flags")).findFirst()
                .orElseThrow(() -> new AssertionError("no table header in:\n" + out)));
        List<List<String>> rows = new ArrayList<>();
        for (String l : lines.subList(header + 1, lines.size())) {
            rows.add(Arrays.asList(l.strip().split("\\s+")));
        }
        return rows;
    }

    /** For --all-modes: per input, its rows with single spaces between cells. */
    private static List<List<String>> modeBlocks(String out) {
        List<List<String>> blocks = new ArrayList<>();
        List<String> current = null;
        for (String l : out.lines().toList()) {
            if (l.startsWith("input ")) {
                current = new ArrayList<>();
                blocks.add(current);
            } else if (current != null && l.startsWith("AP_")) {
                current.add(l.strip().replaceAll("\\s+", " "));
            }
        }
        return blocks;
    }
}
