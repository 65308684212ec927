package org.l1embed.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Properties;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * The {@code l1embed} command: one subcommand per job.
 *
 * <p>Exit codes: 0 success, 1 failure (bad file, invalid network, NaN input, bad type string; one line
 * {@code l1embed: <message>} on stderr), 2 usage error (one line plus a hint to {@code --help}). A stack trace
 * is printed only with {@code --debug} or the environment variable {@code L1EMBED_DEBUG=1}.
 *
 * <p>Use {@link #commandLine()} to run it: it installs the short usage-error handler. Failures are reported by
 * each subcommand itself, so a bare {@code new CommandLine(new L1embed())} reports them the same way.
 */
@Command(name = "l1embed",
        mixinStandardHelpOptions = true,
        versionProvider = L1embed.Version.class,
        description = "Contrastive embeddings for CMS Level-1 anomaly detection: fixed-point tools.",
        subcommands = {EmulateCommand.class, FixedCommand.class, ProfileCommand.class, ExportHlsCommand.class, GenerateCommand.class, TrainCommand.class, QuantizeCommand.class, FinetuneCommand.class, EvaluateCommand.class, ValidateCommand.class, PipelineCommand.class,
            CommandLine.HelpCommand.class},
        footer = {"", "Exit status: 0 success, 1 failure, 2 usage error.",
                "Set L1EMBED_DEBUG=1 (or pass --debug) to see stack traces."})
public final class L1embed implements Runnable {

    @Spec
    private CommandSpec spec;

    private boolean debug;

    /** Inherited by every subcommand, so it may be written before or after the subcommand name. */
    @Option(names = "--debug", scope = ScopeType.INHERIT,
            description = "Print the stack trace of a failure (also: environment L1EMBED_DEBUG=1).")
    void setDebug(boolean debug) {
        this.debug = debug;
    }

    /** True when {@code --debug} was given or {@code L1EMBED_DEBUG=1} is set. */
    boolean debug() {
        return debug || "1".equals(System.getenv("L1EMBED_DEBUG"));
    }

    /** Without a subcommand there is nothing to do: a usage error. */
    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command: expected one of "
                + String.join(", ", spec.subcommands().keySet()));
    }

    /** The command line with l1embed's error handling; what {@link #main} runs. */
    public static CommandLine commandLine() {
        CommandLine cmd = new CommandLine(new L1embed());
        cmd.setParameterExceptionHandler(L1embed::usageError);
        cmd.setExecutionExceptionHandler((e, failed, parseResult) -> Failures.report(e, failed.getErr(), debugRequested(failed)));
        return cmd;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** One line naming the problem, one line pointing at the help of the command that was used. */
    private static int usageError(CommandLine.ParameterException e, String[] args) {
        CommandLine failed = e.getCommandLine();
        PrintWriter err = failed.getErr();
        String message = Failures.oneLine(e.getMessage());
        if (e instanceof CommandLine.UnmatchedArgumentException u && !u.getSuggestions().isEmpty()) {
            message += " (did you mean " + String.join(" or ", u.getSuggestions()) + "?)";
        }
        err.println("l1embed: " + message);
        err.println("Try '" + failed.getCommandSpec().qualifiedName() + " --help' for more information.");
        err.flush();
        return failed.getCommandSpec().exitCodeOnInvalidInput();
    }

    private static boolean debugRequested(CommandLine cmd) {
        CommandLine root = cmd;
        while (root.getParent() != null) {
            root = root.getParent();
        }
        return root.getCommand() instanceof L1embed l && l.debug();
    }

    /** {@code l1embed <version>} from the filtered {@code version.properties}, and the Java runtime. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties p = new Properties();
            try (InputStream in = L1embed.class.getResourceAsStream("version.properties")) {
                if (in != null) {
                    p.load(in);
                }
            }
            return new String[] {
                "l1embed " + p.getProperty("version", "(unknown version)"),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"
            };
        }
    }
}
