package org.l1embed.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import org.l1embed.cli.jobs.EvaluateJob;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code l1embed evaluate}: the anomaly-detection evaluation of a bundle — anomaly scores, ROC/AUC with bootstrap
 * uncertainties, trigger efficiencies at fixed rates, the NPLM signal-agnostic test with null toys and signal injection,
 * for the embedding beside the raw-57 and 6-D baselines, and the systematics-aware NPLM test when the bundle carries a
 * nuisance model — written as {@code report.json} and PNG plots into a report directory.
 */
@Command(name = "evaluate",
        sortOptions = false,
        description = {
            "Evaluate a model bundle for anomaly detection: Mahalanobis and Gaussian-mixture scores fitted on background, ROC "
                    + "AUC with bootstrap uncertainty, signal efficiency at background acceptances 2.5e-5, 2.5e-4 and 1e-3 with "
                    + "their score thresholds, and the NPLM kernel test (null toys, chi2 fit, Z vs injected signal) for the "
                    + "embedding and the raw-57 and 6-D baselines. With a fine-tuned bundle (nuisance.json) also the "
                    + "systematics-aware NPLM test t = tau - Delta on nominal and JES-shifted background.",
            "",
            "Writes REPORT_DIR/report.json and PNG plots, atomically."
        })
final class EvaluateCommand extends Subcommand {

    static final class Source {
        @Option(names = "--data", paramLabel = "DIR", description = "Directory of ADC2021-layout HDF5 files (one per process, or with Labels).")
        Path data;

        @Option(names = "--synthetic", paramLabel = "N", description = "Generate N background events (and N/10, at least 500, of each signal).")
        Integer synthetic;
    }

    @Option(names = "--bundle", required = true, paramLabel = "DIR", description = "Model bundle (float or quantized; 57 inputs with preprocessing).")
    private Path bundle;

    @ArgGroup(exclusive = true, multiplicity = "1")
    private Source source;

    @Option(names = "--out", required = true, paramLabel = "REPORT_DIR", description = "Report directory to write.")
    private Path out;

    @Option(names = "--nplm-toys", defaultValue = "100", paramLabel = "N",
            description = "Null toys per representation; 0 skips the NPLM test (default: ${DEFAULT-VALUE}).")
    private int toys;

    @Option(names = "--nplm-reference", defaultValue = "20000", paramLabel = "N",
            description = "Reference events N_R, drawn from the fit half of the background (default: ${DEFAULT-VALUE}, at most that half).")
    private int reference;

    @Option(names = "--nplm-data", paramLabel = "N",
            description = "Expected pseudo-data events N_D (Poisson-fluctuated), drawn from the test half (default: N_R/10).")
    private Integer data;

    @Option(names = "--nplm-centres", defaultValue = "300", paramLabel = "M", description = "Nystrom centres M (default: ${DEFAULT-VALUE}).")
    private int centres;

    @Option(names = "--nplm-lambda", defaultValue = "1e-6", paramLabel = "L", description = "Ridge lambda (default: ${DEFAULT-VALUE}).")
    private double lambda;

    @Option(names = "--nplm-solver", defaultValue = "one-step", paramLabel = "S",
            description = "one-step (the published single preconditioned Newton step) or newton (full solve) (default: ${DEFAULT-VALUE}).")
    private String solver;

    @Option(names = "--injections", split = ",", paramLabel = "N[,N...]",
            description = "Signal events injected into the pseudo-data (default: 0.5, 1, 2 and 4 %% of N_D).")
    private List<Integer> injections;

    @Option(names = "--injection-toys", defaultValue = "5", paramLabel = "N",
            description = "Pseudo-data sets per signal and injection; the median t is reported (default: ${DEFAULT-VALUE}).")
    private int injectionToys;

    @Option(names = "--bootstrap", defaultValue = "200", paramLabel = "B", description = "Bootstrap replicas of AUC and efficiencies (default: ${DEFAULT-VALUE}).")
    private int bootstrap;

    @Option(names = "--shape-sigma", defaultValue = "0.025", paramLabel = "S",
            description = "Width of the nuisance's Gaussian constraint, in nu (default: ${DEFAULT-VALUE}).")
    private double shapeSigma;

    @Option(names = "--norm-sigma", defaultValue = "0.1", paramLabel = "S",
            description = "Width of the log-normalisation's Gaussian constraint (default: ${DEFAULT-VALUE}).")
    private double normSigma;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "N", description = "Seed of events, splits, toys and bootstrap (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--overwrite", description = "Replace an existing report directory.")
    private boolean overwrite;

    @Override
    int run() throws Exception {
        EvaluateJob.Options options;
        try {
            options = new EvaluateJob.Options(bundle, source.data, source.synthetic != null ? source.synthetic : 0, out,
                    new EvaluateJob.NplmOptions(toys, reference, data != null ? data : Math.max(1, reference / 10), centres, lambda,
                            EvaluateJob.NplmOptions.solver(solver), injections, injectionToys, shapeSigma, normSigma),
                    bootstrap, seed, overwrite);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        EvaluateJob.Result r = new EvaluateJob(errStream()).run(options);
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.print(r.summary());
        stdout.flush();
        PrintWriter err = spec.commandLine().getErr();
        err.println("wrote report " + r.directory());
        err.flush();
        return 0;
    }
}
