package org.l1embed.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import org.l1embed.cli.jobs.FinetuneJob;
import org.l1embed.cli.text.TextTable;
import org.l1embed.training.nuisance.NuisanceConfig;
import org.l1embed.training.nuisance.NuisanceFineTuner;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code l1embed finetune}: nuisance-parameterized fine-tuning of a float bundle that {@code l1embed train} wrote, into a
 * new bundle; prints the per-epoch losses and the held-out check of the learned log-ratio.
 *
 * <p>Bad option values (unknown nuisance, range, order, lambda, epochs, events, batch, learning rate) are usage errors
 * (exit 2); a bundle that cannot be fine-tuned (quantized, no preprocessing, no training state) is a failure (exit 1).
 */
@Command(name = "finetune",
        sortOptions = false,
        description = {
            "Fine-tune a float model bundle so that its latent space moves predictably under a systematic shift: SupCon plus "
                    + "a nu-parameterized classifier f(z, nu) = sum_k a_k(z)(nu/range)^k on the latent (L = L_SupCon + lambda L_param).",
            "",
            "Source events are synthetic background events before the final jet threshold, shifted by nu ~ U[-range, range] "
                    + "with the thresholds applied after each shift; the bundle's own preprocessing is used, never re-fitted. "
                    + "Needs the training state (training/model_state.bin) that l1embed train writes into the bundle."
        })
final class FinetuneCommand extends Subcommand {

    @Option(names = "--bundle", required = true, paramLabel = "DIR", description = "Float model bundle written by l1embed train.")
    private Path bundle;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Fine-tuned bundle directory to write.")
    private Path out;

    @Option(names = "--nuisance", required = true, paramLabel = "NAME", description = "The nuisance parameter: jes (jet energy scale, jet pT x e^nu).")
    private String nuisance;

    @Option(names = "--range", required = true, paramLabel = "R",
            description = "Half-width of the nu interval, in (0, 0.405] (for jes a log scale: 0.05 is +-5 %%).")
    private double range;

    @Option(names = "--lambda", required = true, paramLabel = "L", description = "Weight of the parameterized-classifier loss, >= 0.")
    private double lambda;

    @Option(names = "--order", defaultValue = "2", paramLabel = "K", description = "Highest power of nu in f, 1 or 2 (default: ${DEFAULT-VALUE}).")
    private int order;

    @Option(names = "--epochs", defaultValue = "10", paramLabel = "N", description = "Epochs (default: ${DEFAULT-VALUE}).")
    private int epochs;

    @Option(names = "--events", defaultValue = "20000", paramLabel = "N", description = "Source events (default: ${DEFAULT-VALUE}).")
    private int events;

    @Option(names = "--batch", defaultValue = "256", paramLabel = "N",
            description = "Source events per step; each step holds them nominal and shifted (default: ${DEFAULT-VALUE}).")
    private int batch;

    @Option(names = "--learning-rate", defaultValue = "1e-3", paramLabel = "X", description = "Constant Adam learning rate (default: ${DEFAULT-VALUE}).")
    private double learningRate;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "N",
            description = "Seed of the source events, classifier, shuffles and nu draws (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--held-out-events", paramLabel = "N",
            description = "Held-out background events of the check and the systematics report (default: half of --events, "
                    + "2000 to 20000). A few-%% shift moves the latent little: closure tests need 10^5 or more to tell anything.")
    private Integer heldOutEvents;

    @Option(names = "--overwrite", description = "Replace an existing output bundle.")
    private boolean overwrite;

    @Override
    int run() throws Exception {
        FinetuneJob.Options options;
        try {
            options = new FinetuneJob.Options(bundle, out, NuisanceConfig.of(nuisance, range, order, lambda), epochs, events, batch,
                    learningRate, seed, overwrite, new L1embed.Version().getVersion()[0].replace("l1embed ", ""),
                    heldOutEvents != null ? heldOutEvents : FinetuneJob.Options.defaultHeldOutEvents(events));
        } catch (IllegalArgumentException e) {
            // The messages name the option's field, its value and the rule ("range must be ..., got range=0.6").
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        FinetuneJob.Result r = new FinetuneJob(errStream()).run(options);
        PrintWriter stdout = spec.commandLine().getOut();
        TextTable losses = new TextTable().right("epoch").right("L_SupCon").right("L_param").right("total");
        for (NuisanceFineTuner.EpochLosses e : r.losses()) {
            losses.row(Integer.toString(e.epoch()), fmt("%.5f", e.supCon()), fmt("%.5f", e.param()), fmt("%.5f", e.total()));
        }
        stdout.print(losses.render());
        TextTable held = new TextTable().right("held-out nu").right("corr(f, log n_nu/n_0)").right("mean f nominal")
                .right("mean f shifted").right("E_0[e^f]");
        for (FinetuneJob.HeldOutCheck c : r.heldOut()) {
            held.row(fmt("%+.4f", c.nu()), fmt("%.3f", c.correlation()), fmt("%+.5f", c.meanFNominal()), fmt("%+.5f", c.meanFShifted()),
                    fmt("%.4f", c.normalization()));
        }
        stdout.println();
        stdout.print(held.render());
        stdout.println();
        stdout.print(r.systematics().toTable());
        stdout.flush();
        PrintWriter err = spec.commandLine().getErr();
        err.println("wrote fine-tuned bundle " + r.bundle().directory() + " (held-out check on " + r.heldOutEvents() + " events)");
        err.flush();
        return 0;
    }

    private static String fmt(String format, double x) {
        return String.format(Locale.ROOT, format, x);
    }
}
