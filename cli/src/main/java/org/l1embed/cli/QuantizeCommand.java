package org.l1embed.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import org.l1embed.cli.jobs.QuantizeJob;
import org.l1embed.training.quantize.ptq.PrecisionConfig;
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

    @Option(names = "--bits", paramLabel = "W", description = "Total bits of proposed types (default: 8, or the file's default.width).")
    private Integer bits;

    @Option(names = "--events", defaultValue = "20000", paramLabel = "N", description = "Calibration events (default: ${DEFAULT-VALUE}).")
    private int events;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "N", description = "Seed of the calibration events (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--overwrite", description = "Replace an existing output bundle.")
    private boolean overwrite;

    @Override
    int run() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        PrecisionConfig config = "auto".equals(precision) ? PrecisionConfig.defaults(PrecisionConfig.DEFAULT_WIDTH)
                : PrecisionConfig.read(Path.of(precision));
        if (bits != null) {
            config = config.withWidth(bits);
        }
        QuantizeJob.Options options = new QuantizeJob.Options(bundle, out, config, events, seed, overwrite,
                new L1embed.Version().getVersion()[0].replace("l1embed ", ""));
        QuantizeJob.Result r = new QuantizeJob(errStream()).run(options);
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.print(r.report().toTable());
        stdout.flush();
        err.println("wrote quantized bundle " + r.bundle().directory());
        err.flush();
        return 0;
    }
}
