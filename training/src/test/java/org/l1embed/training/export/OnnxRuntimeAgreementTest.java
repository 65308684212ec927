package org.l1embed.training.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxModelMetadata;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.l1embed.quantization.bundle.Checksums;
import org.l1embed.quantization.emulator.FloatNetwork;
import org.l1embed.quantization.network.InputSpec;
import org.l1embed.quantization.network.LayerKind;
import org.l1embed.quantization.network.Linear;
import org.l1embed.quantization.network.NetworkJson;
import org.l1embed.quantization.network.NetworkSpec;
import org.l1embed.quantization.network.Preprocessing;
import org.l1embed.quantization.network.Tensor;

/**
 * The exported model run by the real ONNX Runtime (CPU, one intra-op thread) computes the spec's float network.
 *
 * <p>Tolerance: ORT computes in float32 with float32 constants, the reference ({@link FloatNetwork}) in double on
 * the same float32-preprocessed inputs. Every output must lie within the rigorous float32 forward error bound of
 * {@link Float32ErrorBound} — about {@code (fan-in + 2)·2^-24} relative to the sum of absolute terms per Dense,
 * accumulated over the layers — rather than within a guessed epsilon. The preprocessing itself is claimed exact
 * and is tested with equality.
 */
class OnnxRuntimeAgreementTest {

    private static final String VERSION = "0.1.0-test";
    /** The process-wide ONNX Runtime environment (getEnvironment returns the same one every time). */
    private static final OrtEnvironment env = OrtEnvironment.getEnvironment();

    @Test
    void ortAgreesWithFloatNetworkOnRandomNetworksWithinTheFloat32Bound() throws OrtException {
        RandomFloatNetworks random = new RandomFloatNetworks(20250301);
        Set<LayerKind> kinds = EnumSet.noneOf(LayerKind.class);
        Set<String> preprocessing = new HashSet<>();
        double worstRatio = 0;
        double worstRelative = 0;
        for (int k = 0; k < 36; k++) {
            NetworkSpec spec = random.next();
            spec.layers().forEach(l -> kinds.add(l.kind()));
            preprocessing.add(spec.input().preprocessing().kind());
            float[] events = random.events(spec, 1000);
            double[][] reference = reference(spec, events);
            try (OrtSession session = session(new OnnxExporter(VERSION).toBytes(spec))) {
                float[] batch = run(session, events, 1000, spec.input().size());
                for (int first = 0; first < 1000; first += 97) {   // batch size 1
                    float[] one = run(session, java.util.Arrays.copyOfRange(events, first * spec.input().size(),
                            (first + 1) * spec.input().size()), 1, spec.input().size());
                    double[] r = check(spec, events, reference, one, first, 1);
                    worstRatio = Math.max(worstRatio, r[0]);
                    worstRelative = Math.max(worstRelative, r[1]);
                }
                double[] r = check(spec, events, reference, batch, 0, 1000);
                worstRatio = Math.max(worstRatio, r[0]);
                worstRelative = Math.max(worstRelative, r[1]);
            }
        }
        assertEquals(EnumSet.allOf(LayerKind.class), kinds, "every layer kind was exported");
        assertEquals(Set.of("none", "standardize", "standardize_nonzero"), preprocessing, "every preprocessing kind was exported");
        System.out.printf("ORT vs FloatNetwork: worst |diff| / bound = %.3g, worst |diff| / magnitude = %.3g%n", worstRatio, worstRelative);
    }

    @Test
    void integerShiftInsideTheGraphGivesTheSameBitsAsApplyIncludingTies() throws OrtException {
        // pT in 0.25 GeV units around 40 GeV, eta and phi in 2^-7 units: |hardware values| well below 2^24
        Preprocessing pre = new Preprocessing.IntegerShift(Tensor.vector(-2, -7, -7, -2), Tensor.vector(160, 0, 0, -5),
                Tensor.vector(7, 7, 7, 3));
        NetworkSpec spec = new NetworkSpec("intshift", new InputSpec(List.of(4), pre, null), List.of(new Linear("id", 4, null)));
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(9);
        int events = 5000;
        float[] x = new float[events * 4];
        for (int i = 0; i < x.length; i++) {
            double lsb = (i % 4 == 0 || i % 4 == 3) ? 0.25 : 1.0 / 128;
            x[i] = switch (rnd.nextInt(5)) {
                case 0 -> 0f;                                                          // empty slot
                case 1 -> (float) ((rnd.nextInt(-20000, 20000) + 0.5) * lsb);         // exact tie: half to even
                case 2 -> (float) (rnd.nextInt(-20000, 20000) * lsb);                 // on the grid
                default -> (float) (rnd.nextDouble(-1, 1) * 20000 * lsb);
            };
        }
        float[] expected = new float[x.length];
        for (int e = 0; e < events; e++) {
            float[] out = new float[4];
            pre.apply(java.util.Arrays.copyOfRange(x, e * 4, e * 4 + 4), out);
            System.arraycopy(out, 0, expected, e * 4, 4);
        }
        try (OrtSession session = session(new OnnxExporter(VERSION).toBytes(spec))) {
            float[] actual = run(session, x, events, 4);
            for (int i = 0; i < expected.length; i++) {
                assertEquals(Float.floatToIntBits(expected[i]), Float.floatToIntBits(actual[i]),
                        "raw " + x[i] + " gave " + actual[i] + ", expected " + expected[i]);
            }
        }
    }

    @Test
    void preprocessingInsideTheGraphGivesTheSameBitsAsPreprocessingApply() throws OrtException {
        float[] raw = {0f, -0f, 1f, -1f, 3.5f, 1e-30f, -1e30f, Float.MIN_VALUE, Float.MAX_VALUE, 7.25f, 0.1f, -123.456f,
                Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN, 2e-45f};
        int n = 4;
        double[] mean = {0.1, -3.7, 1e-7, 12345.678};
        double[] std = {0.3, 1.0 / 3, 1e-5, 2.5e4};
        RandomFloatNetworks random = new RandomFloatNetworks(7);
        for (Preprocessing pre : List.of(new Preprocessing.Standardize(Tensor.vector(mean), Tensor.vector(std)),
                new Preprocessing.StandardizeNonZero(Tensor.vector(mean), Tensor.vector(std)))) {
            NetworkSpec spec = new NetworkSpec("pre", new InputSpec(List.of(n), pre, null), List.of(new Linear("id", n, null)));
            float[] events = new float[4 * 1000];
            for (int e = 0; e < raw.length; e++) {   // every special value in every feature slot
                for (int f = 0; f < n; f++) {
                    events[e * n + f] = raw[(e + f) % raw.length];
                }
            }
            float[] more = random.events(spec, 1000 - raw.length);
            System.arraycopy(more, 0, events, raw.length * n, more.length);
            float[] expected = new float[events.length];
            for (int e = 0; e < 1000; e++) {
                float[] out = new float[n];
                pre.apply(java.util.Arrays.copyOfRange(events, e * n, (e + 1) * n), out);
                System.arraycopy(out, 0, expected, e * n, n);
            }
            try (OrtSession session = session(new OnnxExporter(VERSION).toBytes(spec))) {
                float[] actual = run(session, events, 1000, n);
                for (int i = 0; i < expected.length; i++) {
                    assertEquals(Float.floatToIntBits(expected[i]), Float.floatToIntBits(actual[i]),
                            pre.kind() + ": raw " + events[i] + " gave " + actual[i] + ", expected " + expected[i]);
                }
            }
        }
    }

    @Test
    void sessionSeesTheNamesShapesAndMetadata() throws OrtException {
        NetworkSpec spec = new RandomFloatNetworks(3).next();
        try (OrtSession session = session(new OnnxExporter(VERSION).toBytes(spec))) {
            assertEquals(List.of(OnnxExporter.INPUT_NAME), List.copyOf(session.getInputNames()));
            assertEquals(List.of(OnnxExporter.OUTPUT_NAME), List.copyOf(session.getOutputNames()));
            TensorInfo in = tensorInfo(session.getInputInfo().get("events"));
            TensorInfo out = tensorInfo(session.getOutputInfo().get("latent"));
            assertArrayEquals(new long[] {-1, spec.input().size()}, in.getShape());
            assertArrayEquals(new long[] {-1, spec.outputSize()}, out.getShape());
            assertEquals("N", in.getDimensionNames()[0]);
            assertEquals("N", out.getDimensionNames()[0]);
            assertEquals(ai.onnxruntime.OnnxJavaType.FLOAT, in.type);
            assertEquals(ai.onnxruntime.OnnxJavaType.FLOAT, out.type);

            OnnxModelMetadata meta = session.getMetadata();
            assertEquals("l1embed", meta.getProducerName());
            assertEquals("org.l1embed", meta.getDomain());
            assertEquals(spec.name(), meta.getGraphName());
            Map<String, String> expected = new LinkedHashMap<>();
            expected.put("l1embed.network_name", spec.name());
            expected.put("l1embed.network_json_sha256", Checksums.sha256Hex(NetworkJson.toJson(spec).getBytes(StandardCharsets.UTF_8)));
            expected.put("l1embed.version", VERSION);
            expected.put("l1embed.input_shape", spec.input().shape().toString());
            expected.put("l1embed.preprocessing", spec.input().preprocessing().kind());
            expected.put("l1embed.quantized", "false");
            assertEquals(expected, meta.getCustomMetadata());
        }
    }

    // ---------------------------------------------------------------- helpers

    static OrtSession session(byte[] model) throws OrtException {
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            return env.createSession(model, options);
        }
    }

    static float[] run(OrtSession session, float[] events, int batch, int features) throws OrtException {
        try (OnnxTensor input = OnnxTensor.createTensor(env, FloatBuffer.wrap(events), new long[] {batch, features});
             OrtSession.Result result = session.run(Map.of(OnnxExporter.INPUT_NAME, input))) {
            OnnxTensor out = (OnnxTensor) result.get(OnnxExporter.OUTPUT_NAME).orElseThrow();
            FloatBuffer buffer = out.getFloatBuffer();
            float[] values = new float[buffer.remaining()];
            buffer.get(values);
            return values;
        }
    }

    private static TensorInfo tensorInfo(NodeInfo node) {
        return (TensorInfo) node.getInfo();
    }

    /** Network inputs as every consumer computes them (float32 preprocessing), then the double forward pass. */
    private static double[][] reference(NetworkSpec spec, float[] events) {
        int n = spec.input().size();
        int count = events.length / n;
        FloatNetwork net = new FloatNetwork(spec);
        double[][] out = new double[count][];
        for (int e = 0; e < count; e++) {
            out[e] = net.forward(features(spec, events, e));
        }
        return out;
    }

    private static double[] features(NetworkSpec spec, float[] events, int e) {
        int n = spec.input().size();
        float[] f = new float[n];
        spec.input().preprocessing().apply(java.util.Arrays.copyOfRange(events, e * n, (e + 1) * n), f);
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = f[i];
        }
        return d;
    }

    /** Asserts ORT's outputs for events {@code [first, first + count)}; returns {worst diff/bound, worst diff/magnitude}. */
    private static double[] check(NetworkSpec spec, float[] events, double[][] reference, float[] ort, int first, int count) {
        int out = spec.outputSize();
        assertEquals(count * out, ort.length);
        double worstRatio = 0;
        double worstRelative = 0;
        for (int e = 0; e < count; e++) {
            double[] features = features(spec, events, first + e);
            double[] tol = Float32ErrorBound.tolerance(spec, features);
            double[] mag = Float32ErrorBound.magnitude(spec, features);
            for (int j = 0; j < out; j++) {
                double want = reference[first + e][j];
                double got = ort[e * out + j];
                double diff = Math.abs(got - want);
                if (!(diff <= tol[j])) {
                    throw new AssertionError(spec.name() + " event " + (first + e) + " output " + j + " (batch " + count + "): ORT "
                            + got + ", FloatNetwork " + want + ", |diff| " + diff + " > bound " + tol[j] + "\n" + NetworkJson.toJson(spec));
                }
                worstRatio = Math.max(worstRatio, diff / tol[j]);
                worstRelative = Math.max(worstRelative, diff / Math.max(mag[j], Double.MIN_NORMAL));
            }
        }
        assertTrue(worstRatio <= 1);
        return new double[] {worstRatio, worstRelative};
    }
}
