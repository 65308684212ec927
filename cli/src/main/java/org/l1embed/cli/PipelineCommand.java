package org.l1embed.cli;

import java.nio.file.Path;
import org.l1embed.cli.pipeline.Pipeline;
import org.l1embed.cli.pipeline.PipelineConfig;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code l1embed pipeline}: the whole chain into one run directory, resumable. */
@Command(name = "pipeline",
        sortOptions = false,
        description = {
            "Run the whole chain into RUN_DIR: contrastive embedding -> nuisance fine-tuning -> quantization-aware fine-tuning "
                    + "(RUN_DIR/models/<name>/<version>, a bundle the service loads) -> HLS project (RUN_DIR/hls) -> float model vs "
                    + "bit-accurate emulation validated -> anomaly-detection evaluation -> report (RUN_DIR/report/index.html).",
            "",
            "Without --data/--synthetic/--config it runs on built-in synthetic data sized for about ten minutes on two cores. "
                    + "Rerunning the same command resumes after the last finished stage."
        })
final class PipelineCommand extends Subcommand {

    static final class Source {
        @Option(names = "--data", paramLabel = "DIR", description = "Directory of ADC2021-layout HDF5 files (one per process, or with Labels).")
        Path data;

        @Option(names = "--synthetic", paramLabel = "N", description = "Generate N background events (plus signals) for training.")
        Integer synthetic;
    }

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    private Source source;

    @Option(names = "--out", required = true, paramLabel = "RUN_DIR", description = "Run directory (created; reused to resume).")
    private Path out;

    @Option(names = "--config", paramLabel = "FILE", description = "pipeline.yaml: settings to change from the defaults (see docs/pipeline.md).")
    private Path config;

    @Override
    int run() throws Exception {
        PipelineConfig c;
        try {
            c = config != null ? PipelineConfig.read(config) : PipelineConfig.defaults();
            if (source != null) {
                c = c.withData(source.data, source.synthetic);
            }
            Pipeline.preflight(c, out);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        Pipeline.Result r = new Pipeline(errStream(), new L1embed.Version().getVersion()[0].replace("l1embed ", "")).run(c, out);
        spec.commandLine().getOut().println("run directory " + r.runDirectory().toAbsolutePath() + ": " + r.ran().size() + " stages run, "
                + r.skipped().size() + " skipped; report: " + Pipeline.output(r.runDirectory(), org.l1embed.cli.pipeline.Stage.REPORT, c)
                .resolve("index.html"));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
