package org.l1embed.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.l1embed.quantization.fixed.FixedType;
import org.l1embed.quantization.network.Dense;
import org.l1embed.quantization.network.NetworkJson;
import org.l1embed.quantization.network.NetworkSpec;

class ProfileCommandTest {

    @TempDir
    Path dir;

    private final Path network = CliRun.reference().resolve("network.json");
    private final Path csv = CliRun.reference().resolve("x.csv");

    @Test
    void printsTheRangeOfEveryTensor() {
        CliRun run = CliRun.of("profile", "--network", network.toString(), "--input", csv.toString());
        assertEquals(0, run.exit(), run.err());
        List<String> lines = run.out().lines().toList();
        assertTrue(lines.get(0).matches("layer\\s+tensor\\s+min\\s+max\\s+I\\s+sign\\s*"), run.out());
        // input: the float32 inputs range over -6 .. 5 (e2); a signed type needs I = 4 for -6
        assertTrue(lines.get(1).matches("input\\s+input\\s+-6\\.0+\\s+5\\.0+\\s+4\\s+signed\\s*"), lines.get(1));
        assertTrue(run.err().contains("profiled 6 events"), run.err());
    }

    @Test
    void proposeWritesAValidQuantizedNetworkAndPrintsItsTypes() throws IOException {
        Path proposed = dir.resolve("proposed.json");
        CliRun run = CliRun.of("profile", "--network", network.toString(), "--input", csv.toString(), "--propose", proposed.toString());
        assertEquals(0, run.exit(), run.err());
        NetworkSpec spec = NetworkJson.read(proposed).spec();
        assertTrue(spec.isQuantized());
        // defaults: 16 bits, RND_CONV, SAT; input range -6..5 needs I = 4
        assertEquals(FixedType.parse("ap_fixed<16,4,AP_RND_CONV,AP_SAT>"), spec.input().type());
        Dense dense1 = (Dense) spec.layers().get(0);
        // weights -1 .. 1.5 need I = 2
        assertEquals(FixedType.parse("ap_fixed<16,2,AP_RND_CONV,AP_SAT>"), dense1.weightType());
        assertTrue(run.out().lines().anyMatch(l -> l.matches("input\\s+input\\s+ap_fixed<16,4,AP_RND_CONV,AP_SAT>")), run.out());
        assertTrue(run.out().lines().anyMatch(l -> l.matches("dense1\\s+accumulator\\s+ap_fixed<\\d+,\\d+>")), run.out());
        // the proposal is a network the emulator accepts
        CliRun emulate = CliRun.of("emulate", "--network", proposed.toString(), "--input", csv.toString(),
                "--output", dir.resolve("y.csv").toString());
        assertEquals(0, emulate.exit(), emulate.err());
    }

    @Test
    void proposalOptionsSetWidthMarginAndModes() throws IOException {
        Path proposed = dir.resolve("proposed.json");
        CliRun run = CliRun.of("profile", "--network", network.toString(), "--input", csv.toString(), "--propose", proposed.toString(),
                "--width", "10", "--margin", "1", "--rounding", "TRN", "--data-rounding", "AP_RND", "--overflow", "AP_WRAP");
        assertEquals(0, run.exit(), run.err());
        NetworkSpec spec = NetworkJson.read(proposed).spec();
        assertEquals(FixedType.parse("ap_fixed<10,5,AP_RND>"), spec.input().type());
        assertEquals(FixedType.parse("ap_fixed<10,3>"), ((Dense) spec.layers().get(0)).weightType());
    }

    @Test
    void badModeIsAUsageError() {
        String message = CliRun.of("profile", "--network", network.toString(), "--input", csv.toString(), "--rounding", "NEAREST")
                .assertUsageError();
        assertTrue(message.contains("'--rounding'") && message.contains("'NEAREST'"), message);
    }

    @Test
    void nonNumericWidthIsAUsageError() {
        CliRun.of("profile", "--network", network.toString(), "--input", csv.toString(), "--width", "wide").assertUsageError();
    }

    @Test
    void widthOutsideTheProposersRangeFailsWithoutWritingTheProposal() {
        Path proposed = dir.resolve("proposed.json");
        String message = CliRun.of("profile", "--network", network.toString(), "--input", csv.toString(),
                "--propose", proposed.toString(), "--width", "40").assertFailure();
        assertTrue(message.contains("width=40"), message);
        assertFalse(Files.exists(proposed));
    }

    @Test
    void proposalIntoAMissingDirectoryFailsBeforeProfiling() {
        Path proposed = dir.resolve("missing").resolve("proposed.json");
        CliRun run = CliRun.of("profile", "--network", network.toString(), "--input", csv.toString(), "--propose", proposed.toString());
        assertTrue(run.assertFailure().contains("missing"));
        assertEquals("", run.out(), "nothing profiled");
    }
}
