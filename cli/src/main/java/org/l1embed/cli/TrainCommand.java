package org.l1embed.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.l1embed.cli.jobs.TrainJob;
import org.l1embed.cli.text.TextTable;
import org.l1embed.training.train.ContrastiveMode;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code l1embed train}: trains the contrastive embedding on HDF5 files or synthetic events and writes the model
 * bundle, then prints the evaluation (linear probe, per-signal AUC and efficiency at 1 kHz and 10 kHz of 40 MHz)
 * against the raw-57 and 6-D baselines.
 */
@Command(name = "train",
        sortOptions = false,
        description = {
            "Train the contrastive embedding and write the model bundle (network.json, model.onnx, provenance.json, checksums).",
            "",
            "Training is checkpointed every epoch next to the bundle (<out>.checkpoint/); running the same command again "
                    + "after an interruption resumes from there."
        })
final class TrainCommand extends Subcommand {

    static final class Source {
        @Option(names = "--data", paramLabel = "DIR", description = "Directory of ADC2021-layout HDF5 files (one per process, or with Labels).")
        Path data;

        @Option(names = "--synthetic", paramLabel = "N", description = "Generate N background events (plus signals) instead.")
        Integer synthetic;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    private Source source;

    @Option(names = "--out", required = true, paramLabel = "BUNDLE", description = "Bundle directory to write.")
    private Path out;

    @Option(names = "--epochs", defaultValue = "50", paramLabel = "N", description = "Epochs (default: ${DEFAULT-VALUE}).")
    private int epochs;

    @Option(names = "--latent", defaultValue = "4", paramLabel = "D", description = "Latent size (default: ${DEFAULT-VALUE}).")
    private int latent;

    @Option(names = "--mode", defaultValue = "supcon", paramLabel = "MODE", description = "supcon or simclr (default: ${DEFAULT-VALUE}).")
    private String mode;

    @Option(names = "--preprocessing", defaultValue = "zscore", paramLabel = "FORM",
            description = "zscore (pT standardized, float) or integer (pT in 0.25 GeV units minus an offset, a power-of-two "
                    + "scale: no multiplier in firmware) (default: ${DEFAULT-VALUE}).")
    private String preprocessing;

    @Option(names = "--batch", defaultValue = "1024", paramLabel = "N", description = "Batch size (default: ${DEFAULT-VALUE}).")
    private int batch;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "N", description = "Seed of data, split and training (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--overwrite", description = "Replace an existing bundle.")
    private boolean overwrite;

    @Override
    int run() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        ContrastiveMode m = switch (mode.toLowerCase(Locale.ROOT)) {
            case "supcon" -> ContrastiveMode.SUPERVISED;
            case "simclr" -> ContrastiveMode.SELF_SUPERVISED;
            default -> throw new IllegalArgumentException("--mode must be supcon or simclr, got '" + mode + "'");
        };
        boolean integer = switch (preprocessing.toLowerCase(Locale.ROOT)) {
            case "zscore" -> false;
            case "integer" -> true;
            default -> throw new IllegalArgumentException("--preprocessing must be zscore or integer, got '" + preprocessing + "'");
        };
        TrainJob.Options options = new TrainJob.Options(source.data, source.synthetic != null ? source.synthetic : 0, out, epochs,
                latent, m, batch, seed, overwrite, new L1embed.Version().getVersion()[0].replace("l1embed ", ""), integer);
        TrainJob.Result r = new TrainJob(errStream()).run(options);
        err.println("wrote bundle " + r.bundle() + " (" + r.trainEvents() + " training events, best epoch "
                + (r.training().bestEpoch() + 1) + " of " + r.training().history().size() + ")");
        TextTable t = new TextTable().left("representation").right("probe acc.").left("signal").right("AUC")
                .right("eff@2.5e-5").right("eff@2.5e-4");
        for (Map.Entry<String, TrainJob.Evaluation> e : r.evaluations().entrySet()) {
            boolean first = true;
            for (Map.Entry<String, Double> a : e.getValue().auc().entrySet()) {
                double[] eff = e.getValue().efficiency().get(a.getKey());
                t.row(first ? e.getKey() : "", first ? fmt(e.getValue().probeAccuracy()) : "", a.getKey(), fmt(a.getValue()),
                        sci(eff[0]), sci(eff[1]));
                first = false;
            }
        }
        err.print(t.render("  "));
        err.flush();
        return 0;
    }

    private static String fmt(double x) {
        return String.format(Locale.ROOT, "%.3f", x);
    }

    private static String sci(double x) {
        return String.format(Locale.ROOT, "%.2e", x);
    }
}
