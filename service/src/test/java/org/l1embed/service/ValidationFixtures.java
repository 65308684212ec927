package org.l1embed.service;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.l1embed.analysis.score.MahalanobisScore;
import org.l1embed.hls.bundle.BundleTestbench;
import org.l1embed.quantization.bundle.AnomalyScore;
import org.l1embed.quantization.bundle.BundleWriter;
import org.l1embed.quantization.bundle.ExistingTarget;
import org.l1embed.quantization.bundle.Provenance;
import org.l1embed.quantization.emulator.EmulationResult;
import org.l1embed.quantization.emulator.Emulator;
import org.l1embed.quantization.network.NetworkSpec;
import org.l1embed.training.export.OnnxExporter;
import org.l1embed.training.quantize.ptq.PostTrainingQuantization;
import org.l1embed.training.quantize.ptq.PrecisionConfig;
import org.l1embed.training.quantize.qat.QuantizationAwareTraining;

/**
 * The model repository of the validation, score and firmware tests, written with the project's own code as
 * {@code l1embed quantize} writes a bundle: the float encoder of {@link FixtureBundles#encoder} (seed 5), post-training
 * quantization to 12 bits on 3000 generated background events, two epochs of quantization-aware training
 * (TensorFlow Java), a Mahalanobis {@code score.json} fitted on the emulated latents, and testbench vectors of 300 raw
 * events ({@link BundleTestbench}).
 *
 * <ul>
 *   <li>{@value #QAT} {@code 1}: that bundle.</li>
 *   <li>{@value #BAD_TESTBENCH} {@code 1}: the same network, whose stored testbench outputs were written wrong on
 *       purpose (the first raw output plus one) before the checksums, so the bundle loads and Validate must catch it.</li>
 *   <li>{@value #PLAIN} {@code 1}: a quantized bundle without {@code score.json} and without testbench vectors
 *       ({@link FixtureBundles#encoder} seed 1).</li>
 *   <li>{@value #FLOAT} {@code 1}: a float bundle.</li>
 * </ul>
 */
public final class ValidationFixtures {

    public static final String QAT = "adc_qat";
    public static final String BAD_TESTBENCH = "adc_qat_badtb";
    public static final String PLAIN = "adc_plain";
    public static final String FLOAT = "adc_float";
    /** Testbench events stored in the QAT bundles. */
    public static final int TESTBENCH_EVENTS = 300;
    /** The background acceptances of the score thresholds. */
    public static final double[] ACCEPTANCES = {1e-3, 1e-2};

    private ValidationFixtures() {
    }

    /** Writes the repository described above under {@code root}. */
    public static void writeRepository(Path root) throws IOException {
        NetworkSpec floatSpec = FixtureBundles.encoder(5, false);
        float[] calibration = Requests.preprocessed(floatSpec, FixtureBundles.events(3000, 41).networkFeatures());
        float[] validation = Requests.preprocessed(floatSpec, FixtureBundles.events(1000, 42).networkFeatures());
        NetworkSpec ptq = PostTrainingQuantization.quantize(floatSpec, calibration, PrecisionConfig.defaults(12));
        NetworkSpec qat = QuantizationAwareTraining.run(floatSpec, ptq, calibration, validation,
                new QuantizationAwareTraining.Settings(2, 256, 1e-3, 1), null).network();
        AnomalyScore score = MahalanobisScore.fit(latents(qat, calibration), qat.outputSize())
                .toBundleScore(ACCEPTANCES, latents(qat, validation), "service test fixture: emulated latents");
        BundleTestbench tb = BundleTestbench.of(qat, FixtureBundles.events(TESTBENCH_EVENTS, 43).networkFeatures());

        Map<String, byte[]> extras = new TreeMap<>(tb.files());
        extras.put(AnomalyScore.FILE, score.toJsonBytes());
        write(qat, root.resolve(QAT).resolve("1"), extras);

        long[] wrong = tb.expected();
        wrong[0] += 1;
        Map<String, byte[]> bad = new TreeMap<>(new BundleTestbench(tb.inputSize(), tb.outputSize(), tb.rawFeatures(),
                tb.networkInputs(), wrong).files());
        bad.put(AnomalyScore.FILE, score.toJsonBytes());
        write(qat, root.resolve(BAD_TESTBENCH).resolve("1"), bad);

        write(FixtureBundles.encoder(1, true), root.resolve(PLAIN).resolve("1"), Map.of());
        write(FixtureBundles.encoder(3, false), root.resolve(FLOAT).resolve("1"), Map.of());
    }

    /** The emulator's output values, converted to float32 (as l1embed quantize fits a quantized bundle's score). */
    static float[] latents(NetworkSpec spec, float[] inputs) {
        EmulationResult r = Emulator.compile(spec).emulate(inputs, false);
        float[] out = new float[r.events() * r.outputs()];
        for (int e = 0; e < r.events(); e++) {
            for (int j = 0; j < r.outputs(); j++) {
                out[e * r.outputs() + j] = (float) r.value(e, j);
            }
        }
        return out;
    }

    private static void write(NetworkSpec spec, Path dir, Map<String, byte[]> extras) throws IOException {
        ObjectNode config = JsonNodeFactory.instance.objectNode().put("fixture", spec.name());
        TreeMap<String, Long> seeds = new TreeMap<>();
        seeds.put("init", 5L);
        Provenance provenance = new Provenance(config, seeds, "generated:service-validation-fixture", "0.1.0-test",
                JsonNodeFactory.instance.objectNode(), Instant.parse("2025-03-01T12:00:00Z"));
        BundleWriter writer = new BundleWriter(spec, new OnnxExporter("0.1.0-test").toBytes(spec), provenance);
        for (Map.Entry<String, byte[]> e : extras.entrySet()) {
            writer = writer.withExtraFile(e.getKey(), e.getValue());
        }
        writer.write(dir, ExistingTarget.REFUSE);
    }
}
