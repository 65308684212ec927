package org.l1embed.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * What every {@code l1embed} subcommand shares: {@code --help}, access to the root command's {@code --debug}, and
 * failure reporting through {@link Failures#guard} (one line, exit code 1). Subclasses implement {@link #run()}.
 */
abstract class Subcommand implements Callable<Integer> {

    @ParentCommand
    private L1embed root;

    @Spec
    CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    private boolean help;

    /** The subcommand's work; any exception but a usage error becomes a one-line failure report. */
    abstract int run() throws Exception;

    /** A PrintStream onto picocli's error writer, for jobs that log progress (so tests capture it like every message). */
    java.io.PrintStream errStream() {
        java.io.PrintWriter w = spec.commandLine().getErr();
        return new java.io.PrintStream(new java.io.OutputStream() {
            @Override
            public void write(int b) {
                w.write(b);
            }

            @Override
            public void flush() {
                w.flush();
            }
        }, true);
    }

    @Override
    public final Integer call() {
        return Failures.guard(spec.commandLine().getErr(), root != null && root.debug(), this::run);
    }
}
