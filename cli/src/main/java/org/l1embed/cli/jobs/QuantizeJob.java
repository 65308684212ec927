package org.l1embed.cli.jobs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import org.l1embed.quantization.bundle.ExistingTarget;
import org.l1embed.quantization.bundle.ModelBundle;
import org.l1embed.quantization.bundle.Provenance;
import org.l1embed.quantization.network.NetworkSpec;
import org.l1embed.quantization.network.Preprocessing;
import org.l1embed.training.data.synthetic.SyntheticEvents;
import org.l1embed.training.export.BundleExporter;
import org.l1embed.training.preprocess.PtStandardization;
import org.l1embed.training.quantize.ptq.PostTrainingQuantization;
import org.l1embed.training.quantize.ptq.PrecisionConfig;
import org.l1embed.training.quantize.ptq.QuantizationReport;

/**
 * Post-training quantization of a float model bundle: read the bundle (checksums verified) → synthetic background
 * calibration events (the cocktail of {@link SyntheticEvents}) → the bundle's own preprocessing, never re-fitted →
 * profiled types ({@link PostTrainingQuantization}) → a quantized bundle (network.json with every type, the float
 * network as model.onnx, provenance with the training record kept (its code version replaced by this one's) and the quantization report added to the metrics
 * under {@code quantization}).
 *
 * <p>Refused: a bundle that is already quantized, and a bundle whose preprocessing is {@code none}: the calibration
 * events are raw synthetic features, so identity preprocessing would profile ranges in GeV, which cannot be what the
 * network was trained on (every bundle {@code l1embed train} writes stores its fitted constants).
 */
public final class QuantizeJob {

    /** Default number of calibration events. */
    public static final int DEFAULT_EVENTS = 20_000;

    /**
     * What to quantize and how.
     *
     * @param bundle      the float bundle directory
     * @param out         the quantized bundle directory to write
     * @param precision   the precision config (its width already set from {@code --bits} when auto)
     * @param events      calibration events, at least 1
     * @param seed        seed of the calibration events
     * @param overwrite   replace an existing {@code out}
     * @param codeVersion the l1embed version that quantizes: recorded in model.onnx and as the provenance's code version
     *                    (the training configuration, seeds and dataset fingerprint are kept)
     */
    public record Options(Path bundle, Path out, PrecisionConfig precision, int events, long seed, boolean overwrite,
                          String codeVersion) {
        public Options {
            if (events < 1) {
                throw new IllegalArgumentException("events must be >= 1, got events=" + events);
            }
            if (bundle == null || out == null || precision == null) {
                throw new IllegalArgumentException("bundle, out and precision are required");
            }
        }
    }

    /** What the job produced. */
    public record Result(ModelBundle bundle, QuantizationReport report) {
    }

    private final PrintStream log;

    public QuantizeJob(PrintStream log) {
        this.log = log;
    }

    /**
     * Runs the job.
     *
     * @throws IllegalArgumentException if the bundle is quantized already or has no preprocessing, its input size is not
     *                                  the synthetic events' feature count, the precision config does not fit the network,
     *                                  or {@code out} exists without {@code overwrite}
     * @throws IOException              if the bundle is invalid or cannot be read or written
     */
    public Result run(Options o) throws IOException {
        ModelBundle in = ModelBundle.read(o.bundle());
        NetworkSpec floatSpec = in.network();
        if (floatSpec.isQuantized() || floatSpec.layers().stream().anyMatch(l -> l.isQuantized())) {
            throw new IllegalArgumentException(o.bundle() + ": network '" + floatSpec.name() + "' is already quantized; "
                    + "quantize the float bundle that l1embed train wrote");
        }
        Preprocessing pre = floatSpec.input().preprocessing();
        if (pre instanceof Preprocessing.Identity) {
            throw new IllegalArgumentException(o.bundle() + ": input.preprocessing is 'none'; calibration events are raw features "
                    + "and need the preprocessing constants the network was trained with");
        }
        int features = floatSpec.input().size();
        if (features != org.l1embed.training.data.EventLayout.NETWORK_FEATURES) {
            throw new IllegalArgumentException(o.bundle() + ": network input has " + features + " values; synthetic calibration "
                    + "events have " + org.l1embed.training.data.EventLayout.NETWORK_FEATURES);
        }
        float[] raw = new SyntheticEvents(o.seed()).cocktail(o.events(), 0.0).networkFeatures();
        float[] inputs = PtStandardization.applyAll(pre, raw, features);
        NetworkSpec quantized = PostTrainingQuantization.quantize(floatSpec, inputs, o.precision());
        log.println("calibrated on " + o.events() + " synthetic background events (seed " + o.seed() + ", " + pre.kind()
                + " preprocessing from the bundle)");
        QuantizationReport report = PostTrainingQuantization.report(floatSpec, quantized, inputs);

        ObjectNode metrics = in.provenance().metrics();
        ObjectNode q = report.toJson();
        q.put("calibrationEvents", o.events());
        q.put("calibrationSeed", o.seed());
        q.put("calibrationData", "synthetic background cocktail");
        q.put("width", o.precision().width());
        q.put("marginBits", o.precision().marginBits());
        q.put("constantRounding", o.precision().constantRounding().name());
        q.put("dataRounding", o.precision().dataRounding().name());
        q.put("overflow", o.precision().overflow().name());
        metrics.set("quantization", q);
        Provenance provenance = new Provenance(in.provenance().trainingConfig(), in.provenance().seeds(),
                in.provenance().datasetFingerprint(), o.codeVersion(), metrics, java.time.Instant.now());
        ModelBundle out = BundleExporter.write(quantized, provenance, o.out(), o.overwrite() ? ExistingTarget.REPLACE : ExistingTarget.REFUSE);
        return new Result(out, report);
    }
}
