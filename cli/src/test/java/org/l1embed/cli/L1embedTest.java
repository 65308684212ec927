package org.l1embed.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class L1embedTest {

    @Test
    void withoutACommandIsAUsageErrorListingTheCommands() {
        String message = CliRun.of().assertUsageError();
        assertTrue(message.contains("emulate") && message.contains("fixed") && message.contains("profile"), message);
    }

    @Test
    void unknownCommandIsAUsageErrorWithASuggestion() {
        String message = CliRun.of("emulat").assertUsageError();
        assertTrue(message.contains("'emulat'") && message.contains("(did you mean emulate"), message);
    }

    @Test
    void unknownOptionIsAUsageErrorPointingAtTheSubcommandsHelp() {
        CliRun run = CliRun.of("fixed", "--all-mode", "ap_fixed<8,3>", "1");
        run.assertUsageError();
        assertEquals("Try 'l1embed fixed --help' for more information.", run.errLines().get(1));
    }

    @Test
    void versionPrintsTheProjectVersion() {
        CliRun run = CliRun.of("--version");
        assertEquals(0, run.exit());
        assertTrue(run.out().startsWith("l1embed 0."), run.out());
        assertTrue(!run.out().contains("${"), "the version resource is filtered");
    }

    @Test
    void helpListsTheCommandsAndExitCodes() {
        CliRun run = CliRun.of("--help");
        assertEquals(0, run.exit());
        assertTrue(run.out().contains("emulate") && run.out().contains("fixed") && run.out().contains("profile"), run.out());
        assertTrue(run.out().contains("Exit status: 0 success, 1 failure, 2 usage error."), run.out());
    }

    @Test
    void subcommandHelpExitsZero() {
        for (String command : new String[] {"emulate", "fixed", "profile"}) {
            CliRun run = CliRun.of(command, "--help");
            assertEquals(0, run.exit(), command);
            assertTrue(run.out().startsWith("Usage: l1embed " + command), run.out());
        }
    }

    @Test
    void debugMayComeBeforeTheCommand() {
        CliRun run = CliRun.of("--debug", "fixed", "ap_fixed<0,1>", "1");
        assertEquals(1, run.exit());
        assertTrue(run.err().contains("\tat "), run.err());
    }

    @Test
    void bareCommandLineStillExitsTwoOnUsageErrors() {
        assertEquals(2, new CommandLine(new L1embed()).setErr(new PrintWriter(new StringWriter()))
                .execute("emulate", "--bogus"));
    }
}
