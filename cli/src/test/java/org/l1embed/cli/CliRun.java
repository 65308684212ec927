package org.l1embed.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine;

/** One in-process run of the {@code l1embed} command line, with what it printed. */
record CliRun(int exit, String out, String err) {

    /** Runs {@link L1embed#commandLine()}, what the launcher runs, with captured stdout and stderr. */
    static CliRun of(String... args) {
        return on(L1embed.commandLine(), args);
    }

    /** Runs a given command line with captured stdout and stderr. */
    static CliRun on(CommandLine cmd, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        int exit = cmd.execute(args);
        return new CliRun(exit, out.toString(), err.toString());
    }

    List<String> errLines() {
        return err.lines().toList();
    }

    /** Asserts exit code 1 with exactly one line {@code l1embed: ...} on stderr, no stack trace; returns the message. */
    String assertFailure() {
        assertEquals(1, exit, () -> "exit code; stderr was:\n" + err);
        assertEquals(1, errLines().size(), () -> "one line on stderr, got:\n" + err);
        assertTrue(err.startsWith("l1embed: "), err);
        assertFalse(err.contains("\tat ") || err.contains("Exception"), err);
        return errLines().get(0);
    }

    /** Asserts exit code 2 with a one-line message and a help hint on stderr; returns the message line. */
    String assertUsageError() {
        assertEquals(2, exit, () -> "exit code; stderr was:\n" + err);
        List<String> lines = errLines();
        assertEquals(2, lines.size(), () -> "message and hint, got:\n" + err);
        assertTrue(lines.get(0).startsWith("l1embed: "), err);
        assertTrue(lines.get(1).startsWith("Try 'l1embed") && lines.get(1).endsWith(" --help' for more information."), err);
        assertEquals("", out);
        return lines.get(0);
    }

    /** The {@code examples/reference} directory of the source tree, found from the working directory upwards. */
    static Path reference() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("examples").resolve("reference");
            if (Files.isRegularFile(candidate.resolve("network.json"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("examples/reference not found above " + Path.of("").toAbsolutePath());
    }
}
