package org.l1embed.service;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.l1embed.events.EventSet;
import org.l1embed.events.synthetic.SyntheticEvents;
import org.l1embed.quantization.bundle.BundleWriter;
import org.l1embed.quantization.bundle.ExistingTarget;
import org.l1embed.quantization.bundle.Provenance;
import org.l1embed.quantization.fixed.FixedType;
import org.l1embed.quantization.network.Dense;
import org.l1embed.quantization.network.InputSpec;
import org.l1embed.quantization.network.Layer;
import org.l1embed.quantization.network.LeakyRelu;
import org.l1embed.quantization.network.NetworkSpec;
import org.l1embed.quantization.network.Preprocessing;
import org.l1embed.quantization.network.Relu;
import org.l1embed.quantization.network.Tensor;
import org.l1embed.training.export.OnnxExporter;
import org.l1embed.training.preprocess.PtStandardization;

/**
 * The test model repository, written with the project's own code: seeded encoders 57→16→8→4 with the reference
 * study's pT standardization fitted on generated ADC2021 events, exported to ONNX by training's {@link OnnxExporter}
 * and written by quantization's {@link BundleWriter}.
 *
 * <ul>
 *   <li>{@value #QUANTIZED} versions {@code 1} and {@code 2}: quantized (input {@code ap_fixed<16,6,AP_RND_CONV,AP_SAT>},
 *       weights and results {@code ap_fixed<16,6>}, accumulators {@code ap_fixed<32,12>}); version 2 is the latest.</li>
 *   <li>{@value #FLOAT} version {@code 1}: the same architecture without fixed-point types.</li>
 *   <li>{@value #BROKEN} version {@code 1}: a bundle whose {@code model.onnx} was changed after writing (checksum
 *       mismatch), so the repository must refuse it.</li>
 * </ul>
 */
public final class FixtureBundles {

    public static final String QUANTIZED = "adc_q";
    public static final String FLOAT = "adc_float";
    public static final String BROKEN = "broken";

    static final FixedType INPUT = FixedType.parse("ap_fixed<16,6,AP_RND_CONV,AP_SAT>");
    static final FixedType DATA = FixedType.parse("ap_fixed<16,6>");
    static final FixedType ACCUMULATOR = FixedType.parse("ap_fixed<32,12>");
    static final FixedType ALPHA = FixedType.parse("ap_fixed<8,1>");

    private FixtureBundles() {
    }

    /** Generated ADC2021 events (the background cocktail), seeded. */
    public static EventSet events(int n, long seed) {
        return new SyntheticEvents(seed).cocktail(n, 0.0);
    }

    /** The preprocessing every fixture model carries: pT standardization fitted on 2000 generated events. */
    public static Preprocessing preprocessing() {
        return PtStandardization.fit(events(2000, 11).networkFeatures(), 57);
    }

    /** A seeded encoder 57→16→8→4; quantized or float. Weights lie on a 2^-10 grid, so float32 holds them exactly. */
    public static NetworkSpec encoder(long seed, boolean quantized) {
        SplittableRandom rng = new SplittableRandom(seed);
        int[] widths = {57, 16, 8, 4};
        List<Layer> layers = new ArrayList<>();
        for (int l = 0; l + 1 < widths.length; l++) {
            int in = widths[l];
            int out = widths[l + 1];
            double limit = Math.sqrt(6.0 / (in + out));
            double[] w = new double[in * out];
            for (int k = 0; k < w.length; k++) {
                w[k] = Math.rint(rng.nextDouble(-limit, limit) * 1024) / 1024;
            }
            double[] b = new double[out];
            for (int k = 0; k < out; k++) {
                b[k] = Math.rint(rng.nextDouble(-0.1, 0.1) * 1024) / 1024;
            }
            String name = "dense" + (l + 1);
            layers.add(quantized
                    ? new Dense(name, in, out, Tensor.matrix(in, out, w), Tensor.vector(b), DATA, DATA, ACCUMULATOR, DATA)
                    : Dense.floating(name, Tensor.matrix(in, out, w), Tensor.vector(b)));
            if (l == 0) {
                layers.add(new LeakyRelu("leaky_relu1", out, 0.296875, quantized ? ALPHA : null, quantized ? DATA : null));
            } else if (l == 1) {
                layers.add(new Relu("relu2", out, quantized ? DATA : null));
            }
        }
        InputSpec input = new InputSpec(List.of(57), preprocessing(), quantized ? INPUT : null);
        return new NetworkSpec(quantized ? "encoder_q" : "encoder_float", input, layers);
    }

    /** Writes the repository described above under {@code root}. */
    public static void writeRepository(Path root) throws IOException {
        write(encoder(1, true), root.resolve(QUANTIZED).resolve("1"));
        write(encoder(2, true), root.resolve(QUANTIZED).resolve("2"));
        write(encoder(3, false), root.resolve(FLOAT).resolve("1"));
        Path broken = root.resolve(BROKEN).resolve("1");
        write(encoder(4, true), broken);
        Path onnx = broken.resolve("model.onnx");
        byte[] bytes = Files.readAllBytes(onnx);
        bytes[bytes.length - 1] ^= 1;
        Files.write(onnx, bytes);
    }

    private static void write(NetworkSpec spec, Path dir) throws IOException {
        ObjectNode config = JsonNodeFactory.instance.objectNode().put("fixture", spec.name());
        TreeMap<String, Long> seeds = new TreeMap<>();
        seeds.put("init", 1L);
        Provenance provenance = new Provenance(config, seeds, "generated:service-fixture", "0.1.0-test",
                JsonNodeFactory.instance.objectNode(), Instant.parse("2025-03-01T12:00:00Z"));
        new BundleWriter(spec, new OnnxExporter("0.1.0-test").toBytes(spec), provenance).write(dir, ExistingTarget.REFUSE);
    }
}
