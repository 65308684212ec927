package org.l1embed.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.l1embed.cli.io.BundleTarget;
import org.l1embed.cli.jobs.AnomalyEvaluation;
import org.l1embed.cli.jobs.QuantizeJob;
import org.l1embed.cli.text.TextTable;
import org.l1embed.events.EventLayout;
import org.l1embed.quantization.profile.Profiler;
import org.l1embed.training.quantize.ptq.PrecisionConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code l1embed quantize}: post-training quantization of a float model bundle into a quantized bundle, printing the
 * float-versus-fixed report (mean |Δlatent|, overflows per layer) on the calibration events.
 */
@Command(name = "quantize",
        sortOptions = false,
        description = {
            "Quantize a float model bundle after training: profile it on synthetic calibration events (after the bundle's own "
                    + "preprocessing), choose fixed-point types, and write a quantized bundle.",
            "",
            "With --qat-epochs N the post-training weights are then fine-tuned, quantization-aware, to follow the float latent "
                    + "through the emulator's own conversions; the float, post-training and fine-tuned networks are compared on "
                    + "independent events (mean |Δlatent|, per-signal AUC and efficiency).",
            "",
            "--precision auto gives every tensor --bits bits (RND_CONV, SAT; integer bits from the observed range, accumulators "
                    + "that never overflow); a JSON file sets the defaults and per-layer types instead."
        })
final class QuantizeCommand extends Subcommand {

    @Option(names = "--bundle", required = true, paramLabel = "DIR", description = "Float model bundle to quantize.")
    private Path bundle;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Quantized bundle directory to write.")
    private Path out;

    @Option(names = "--precision", required = true, paramLabel = "auto|FILE",
            description = "auto, or a precision config JSON file ({\"default\": {...}, \"input\": TYPE, \"layers\": {NAME: {ROLE: TYPE}}}).")
    private String precision;

    @Option(names = "--bits", paramLabel = "W", description = "Total bits of proposed types, 1..32 (default: 8, or the file's default.width).")
    private Integer bits;

    @Option(names = "--constant-bits", paramLabel = "W",
            description = "Total bits of proposed weight, bias, scale, shift and alpha types, 1..32, when narrower (or wider) than --bits: "
                    + "e.g. --bits 10 --constant-bits 6 for 6-bit weights and 10-bit activations (default: --bits, or the file's "
                    + "default.constantWidth).")
    private Integer constantBits;

    @Option(names = "--events", defaultValue = "20000", paramLabel = "N", description = "Calibration events, at least 2 (default: ${DEFAULT-VALUE}).")
    private int events;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "N", description = "Seed of the calibration events (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--qat-epochs", defaultValue = "0", paramLabel = "N",
            description = "Epochs of quantization-aware fine-tuning after post-training quantization; 0 for none (default: ${DEFAULT-VALUE}).")
    private int qatEpochs;

    @Option(names = "--qat-learning-rate", defaultValue = "0.001", paramLabel = "X",
            description = "Peak learning rate of the fine-tuning (cosine decay to 0; default: ${DEFAULT-VALUE}).")
    private double qatLearningRate;

    @Option(names = "--evaluation-events", defaultValue = "20000", paramLabel = "N",
            description = "Background events of the float/PTQ/QAT comparison (each signal gets a tenth, at least 500); 0 skips it "
                    + "(default: ${DEFAULT-VALUE}).")
    private int evaluationEvents;

    @Option(names = "--overwrite", description = "Replace an existing output bundle (a directory holding checksums.sha256).")
    private boolean overwrite;

    @Override
    int run() throws Exception {
        // Everything that can be checked from the command line is, before calibration, fine-tuning and evaluation run.
        checkRanges();
        PrecisionConfig config = precisionConfig();
        BundleTarget.check("--out", out, overwrite);
        QuantizeJob.Options options;
        try {
            options = new QuantizeJob.Options(bundle, out, config, events, seed, overwrite,
                    new L1embed.Version().getVersion()[0].replace("l1embed ", ""), qatEpochs, qatLearningRate, evaluationEvents);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        QuantizeJob.Result r = new QuantizeJob(errStream()).run(options);
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.print(r.report().toTable());
        if (!r.variants().isEmpty()) {
            stdout.println();
            stdout.print(comparison(r));
        }
        stdout.flush();
        err.println("wrote quantized bundle " + r.bundle().directory());
        err.flush();
        return 0;
    }

    /** Usage errors for option values outside what the job accepts, named as the user typed them. */
    private void checkRanges() {
        if (bits != null) {
            requireIn("--bits", bits, 1, Profiler.MAX_PROPOSED_WIDTH);
        }
        if (constantBits != null) {
            requireIn("--constant-bits", constantBits, 1, Profiler.MAX_PROPOSED_WIDTH);
        }
        requireIn("--events", events, QuantizeJob.MIN_EVENTS, EventLayout.MAX_EVENTS);
        if (qatEpochs < 0) {
            throw usage("--qat-epochs must be >= 0, got " + qatEpochs);
        }
        if (!(qatLearningRate > 0) || !Double.isFinite(qatLearningRate)) {
            throw usage("--qat-learning-rate must be finite and > 0, got " + qatLearningRate);
        }
        requireIn("--evaluation-events", evaluationEvents, 0, QuantizeJob.MAX_EVALUATION_EVENTS);
    }

    private void requireIn(String option, int value, int min, int max) {
        if (value < min || value > max) {
            throw usage(option + " must be in " + min + ".." + max + ", got " + value);
        }
    }

    /**
     * {@code --precision} with {@code --bits} and {@code --constant-bits} applied. A value that is neither {@code auto}
     * nor a file is a usage error; a file that cannot be read or parsed is a failure naming the file.
     */
    private PrecisionConfig precisionConfig() throws IOException {
        PrecisionConfig config;
        if ("auto".equals(precision)) {
            config = PrecisionConfig.defaults(PrecisionConfig.DEFAULT_WIDTH);
        } else {
            Path file = Path.of(precision);
            if (!Files.exists(file)) {
                throw usage("--precision: expected 'auto' or a precision JSON file, got '" + precision + "' (no such file)");
            }
            if (Files.isDirectory(file)) {
                throw usage("--precision: expected 'auto' or a precision JSON file, got '" + precision + "' (a directory)");
            }
            config = PrecisionConfig.read(file);
        }
        if (bits != null) {
            config = config.withWidth(bits);
        }
        if (constantBits != null) {
            config = config.withConstantWidth(constantBits);
        }
        return config;
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }

    /** One row per network: mean |Δlatent| and, per signal, AUC and efficiency at the first acceptance. */
    private static String comparison(QuantizeJob.Result r) {
        TextTable t = new TextTable().left("network").right("mean |Δz|");
        var signals = r.variants().get(0).detection().auc().keySet();
        String rate = Double.toString(AnomalyEvaluation.ACCEPTANCES[0]);
        for (String s : signals) {
            t.right("AUC " + s);
        }
        for (String s : signals) {
            t.right("eff@" + rate + " " + s);
        }
        for (QuantizeJob.Variant v : r.variants()) {
            java.util.List<String> cells = new java.util.ArrayList<>();
            cells.add(v.name());
            cells.add(String.format(java.util.Locale.ROOT, "%.5f", v.meanAbsDeltaLatent()));
            for (String s : signals) {
                cells.add(String.format(java.util.Locale.ROOT, "%.4f", v.detection().auc().get(s)));
            }
            for (String s : signals) {
                cells.add(String.format(java.util.Locale.ROOT, "%.4f", v.detection().efficiency().get(s)[0]));
            }
            t.row(cells.toArray(String[]::new));
        }
        return t.render();
    }
}
