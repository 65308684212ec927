package org.l1embed.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.concurrent.Callable;
import picocli.CommandLine;

/**
 * How l1embed reports a failure: one line {@code l1embed: <message>} on stderr and exit code 1; the stack
 * trace only when debugging was asked for. Usage errors ({@link CommandLine.ParameterException}) are not
 * failures: they pass through to picocli's usage-error handling (exit code 2).
 */
final class Failures {

    /** Exit code of a failure. */
    static final int FAILURE = CommandLine.ExitCode.SOFTWARE;

    private Failures() {
    }

    /**
     * Runs a subcommand's work, turning any exception except a usage error into a one-line report.
     *
     * @return the work's exit code, or {@link #FAILURE}
     */
    static int guard(PrintWriter err, boolean debug, Callable<Integer> work) {
        try {
            return work.call();
        } catch (CommandLine.ParameterException e) {
            throw e;
        } catch (Exception e) {
            return report(e, err, debug);
        }
    }

    /** Prints {@code l1embed: <message>} (and with {@code debug} the stack trace); returns {@link #FAILURE}. */
    static int report(Exception e, PrintWriter err, boolean debug) {
        err.println("l1embed: " + message(e));
        if (debug) {
            e.printStackTrace(err);
        }
        err.flush();
        return FAILURE;
    }

    /** The user-facing text of an exception: the file and the reason for I/O errors, else the message. */
    static String message(Throwable e) {
        if (e instanceof UncheckedIOException u && u.getCause() != null) {
            return message(u.getCause());
        }
        String text;
        if (e instanceof NoSuchFileException f) {
            text = f.getFile() + ": " + reason(f, "no such file or directory");
        } else if (e instanceof AccessDeniedException f) {
            text = f.getFile() + ": " + reason(f, "permission denied");
        } else if (e instanceof NotDirectoryException f) {
            text = f.getFile() + ": " + reason(f, "not a directory");
        } else if (e instanceof FileSystemException f) {
            text = f.getFile() + ": " + reason(f, e.getClass().getSimpleName());
        } else if (e instanceof CharacterCodingException) {
            text = "a text file is not valid UTF-8";
        } else if (e instanceof IllegalArgumentException || e instanceof ArithmeticException
                || e instanceof IOException) {
            text = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        } else {
            // Anything else is a bug in l1embed, not a problem with the user's input: say so.
            text = "internal error: " + e + " (run with --debug for the stack trace)";
        }
        return oneLine(text);
    }

    private static String reason(FileSystemException e, String fallback) {
        return e.getReason() != null ? e.getReason() : fallback;
    }

    /** Collapses line breaks so that a message stays on one line. */
    static String oneLine(String text) {
        return text == null ? "" : text.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
