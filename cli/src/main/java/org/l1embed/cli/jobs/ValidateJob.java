package org.l1embed.cli.jobs;

import ai.onnxruntime.OrtException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.l1embed.cli.io.InputFormat;
import org.l1embed.cli.io.InputMatrix;
import org.l1embed.events.EventLayout;
import org.l1embed.hls.bundle.BundleTestbench;
import org.l1embed.inference.FeatureBatch;
import org.l1embed.inference.FixedModel;
import org.l1embed.inference.FloatModel;
import org.l1embed.inference.InferenceDevice;
import org.l1embed.inference.OnnxSessions;
import org.l1embed.inference.validation.TestbenchResult;
import org.l1embed.inference.validation.Thresholds;
import org.l1embed.inference.validation.Validation;
import org.l1embed.inference.validation.ValidationReport;
import org.l1embed.quantization.bundle.Checksums;
import org.l1embed.quantization.bundle.ModelBundle;
import org.l1embed.quantization.json.StrictJson;
import org.l1embed.quantization.network.NetworkSpec;

/**
 * The validation of a quantized bundle against its float parent, as a CI gate runs it: {@code model.onnx} in ONNX
 * Runtime (CPU) against the bit-accurate emulator on events from a file or generated, the bundle's stored testbench
 * vectors bit for bit, and a verdict against the thresholds. The same {@link Validation} the service's
 * {@code Validate} RPC runs, so a gate and a running service agree on the same bundle and events.
 */
public final class ValidateJob {

    /** The {@code format} of {@link #json}. */
    public static final String FORMAT = "l1embed-validation";

    /** Generated events when neither a file nor a count is given. */
    public static final int DEFAULT_EVENTS = 100_000;

    /**
     * What to validate and the rules.
     *
     * @param bundle       a quantized model bundle directory (verified against its checksums)
     * @param input        a {@code .csv} or {@code .npy} file of raw events ({@code [N, inputs]}); null for generated events
     * @param events       generated synthetic background events (ADC2021 cocktail); ignored with {@code input}
     * @param seed         the generator's seed
     * @param tolerance    an event agrees when every output's |float − fixed| is at most this; null for one LSB of the
     *                     network's output type
     * @param thresholds   the rules, their names as the command line spells them; their tolerance is replaced by the
     *                     resolved one
     */
    public record Options(Path bundle, Path input, int events, long seed, Double tolerance, Thresholds thresholds) {
        public Options {
            Objects.requireNonNull(bundle, "bundle");
            Objects.requireNonNull(thresholds, "thresholds");
            if (input == null && events < 1) {
                throw new IllegalArgumentException("--events: must be >= 1, got " + events);
            }
        }
    }

    /**
     * @param source  the events, in words, e.g. {@code 100000 generated background events (seed 1)}
     * @param seconds wall time of the comparison
     */
    public record Result(ModelBundle bundle, String source, ValidationReport report, double seconds) {
    }

    /** The figures, every check and the verdict, as JSON (format {@value #FORMAT}); what the pipeline's report reads. */
    public static ObjectNode json(Result r) {
        ValidationReport v = r.report();
        ObjectNode n = StrictJson.MAPPER.createObjectNode();
        n.put("format", FORMAT);
        n.put("network", r.bundle().network().name());
        n.put("outputType", r.bundle().network().outputType().toString());
        n.put("events", v.events());
        n.put("source", r.source());
        n.put("seconds", Math.round(r.seconds() * 10) / 10.0);
        ArrayNode outputs = n.putArray("outputs");
        double[] max = v.maxAbsDiff();
        double[] mean = v.meanAbsDiff();
        for (int j = 0; j < max.length; j++) {
            outputs.addObject().put("index", j).put("maxAbsDiff", max[j]).put("meanAbsDiff", mean[j]);
        }
        n.put("tolerance", v.tolerance());
        n.put("agreementRate", v.agreementRate());
        n.put("inputOverflows", v.inputOverflows());
        ArrayNode layers = n.putArray("layers");
        for (ValidationReport.LayerOverflows l : v.layers()) {
            layers.addObject().put("name", l.name()).put("resultType", l.resultType().toString())
                    .put("accumulatorOverflows", l.accumulatorOverflows()).put("resultOverflows", l.resultOverflows());
        }
        TestbenchResult tb = v.testbench();
        n.putObject("testbench").put("present", tb.present()).put("vectors", tb.vectors()).put("bitExact", tb.bitExact())
                .put("outputsCompared", tb.outputsCompared()).put("mismatchedOutputs", tb.mismatchedOutputs())
                .put("inputMismatches", tb.inputMismatches());
        ArrayNode checks = n.putArray("checks");
        for (ValidationReport.Check c : v.checks()) {
            checks.addObject().put("name", c.name()).put("passed", c.passed()).put("message", c.message());
        }
        n.put("verdict", v.passed() ? "PASS" : "FAIL");
        return n;
    }

    /**
     * Runs the validation.
     *
     * @throws IllegalArgumentException if the bundle is a float bundle, or its input does not match the events
     * @throws IOException              if the bundle or the input cannot be read (an invalid bundle names every problem)
     */
    public Result run(Options o) throws IOException, OrtException {
        ModelBundle bundle = ModelBundle.read(o.bundle());
        NetworkSpec spec = bundle.network();
        if (!spec.isQuantized()) {
            throw new IllegalArgumentException("--bundle " + o.bundle() + ": network '" + spec.name() + "' is a float network "
                    + "(no fixed-point types); validation compares a quantized bundle with its float network (l1embed quantize)");
        }
        double tolerance = o.tolerance() != null ? o.tolerance() : spec.outputType().lsb().doubleValue();
        Thresholds rules = o.thresholds();
        Thresholds t = new Thresholds(rules.maxAbsDiff(), rules.meanAbsDiff(), tolerance, rules.minAgreementRate(),
                rules.maxOverflows(), rules.requireTestbenchBitExact(), rules.names());
        byte[] onnx = Files.readAllBytes(bundle.modelOnnx());
        String onnxSha = Checksums.sha256Hex(onnx);
        if (!onnxSha.equals(bundle.checksums().get(ModelBundle.MODEL_ONNX))) {
            throw new IOException(bundle.modelOnnx() + " changed while the bundle was read: sha256 " + onnxSha + ", verified "
                    + bundle.checksums().get(ModelBundle.MODEL_ONNX));
        }
        FixedModel fixed = new FixedModel(spec);
        String label = "bundle " + o.bundle();
        long start = System.nanoTime();
        String source;
        FloatModel floatModel;
        try {
            floatModel = FloatModel.open(new OnnxSessions(InferenceDevice.CPU, Runtime.getRuntime().availableProcessors()), onnx,
                    spec.input().size(), spec.outputSize(), bundle.checksums().get(ModelBundle.NETWORK_JSON));
        } catch (OrtException e) {
            // The checksum matched, so the file is the one the bundle was written with: it is not a model ONNX Runtime reads.
            throw new IOException(bundle.modelOnnx() + ": ONNX Runtime cannot load it as a model (" + e.getMessage() + ")", e);
        }
        try (floatModel) {
            Validation v = new Validation(label, floatModel, fixed, spec, tolerance);
            if (o.input() != null) {
                InputMatrix m = InputFormat.readAny(o.input(), spec.input().size());
                v.add(new FeatureBatch(m.events(), m.features(), m.values()));
                source = m.events() + " events from " + o.input();
            } else {
                if (spec.input().size() != EventLayout.NETWORK_FEATURES) {
                    throw new IllegalArgumentException("--events: generated events carry the " + EventLayout.NETWORK_FEATURES
                            + " ADC2021 network features, but network '" + spec.name() + "' takes " + spec.input().size()
                            + " inputs; give the events with --input");
                }
                Validation.generate(o.events(), o.seed(), v::add);
                source = o.events() + " generated background events (seed " + o.seed() + ")";
            }
            TestbenchResult tb = BundleTestbench.read(bundle).map(x -> Validation.check(fixed, x)).orElse(TestbenchResult.absent());
            ValidationReport report = v.report(tb, t);
            return new Result(bundle, source, report, (System.nanoTime() - start) / 1e9);
        }
    }
}
