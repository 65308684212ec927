package org.l1embed.training.export;

import ai.onnx.proto.OnnxMl;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.function.IntFunction;
import org.l1embed.quantization.bundle.Checksums;
import org.l1embed.quantization.network.BatchNorm;
import org.l1embed.quantization.network.Dense;
import org.l1embed.quantization.network.InputSpec;
import org.l1embed.quantization.network.Layer;
import org.l1embed.quantization.network.LeakyRelu;
import org.l1embed.quantization.network.NetworkJson;
import org.l1embed.quantization.network.NetworkSpec;
import org.l1embed.quantization.network.Preprocessing;
import org.l1embed.quantization.network.Tensor;

/**
 * Writes the float forward pass of a {@link NetworkSpec} as an ONNX model (IR version {@value #IR_VERSION}, opset
 * {@value #OPSET_VERSION}) built directly from the ONNX protobuf classes ({@code ai.onnx.proto.OnnxMl}).
 *
 * <p>The graph ({@code docs/model-bundle.md}, "model.onnx"): input {@value #INPUT_NAME}, float32
 * {@code [N, inputSize]} (raw features, the logical input shape flattened row-major, batch dimension symbolic
 * {@value #BATCH_DIMENSION}); then the spec's preprocessing in float32, exactly as
 * {@link Preprocessing#apply} computes it ({@code standardize}: Sub, Div; {@code standardize_nonzero}: also
 * Equal and Where, so zero slots stay zero); then one group of nodes per layer — Dense: MatMul (weights
 * {@code [in][out]}) + Add; BatchNorm: Mul + Add with {@code scale} and {@code shift} computed in double
 * ({@link BatchNorm#scale}, {@link BatchNorm#shift}) and then rounded to float32 (the spec's BatchNorm is exported
 * as it is, never folded here); Relu; LeakyRelu (alpha as float32); Linear: Identity. Output
 * {@value #OUTPUT_NAME}, float32 {@code [N, outputSize]}. Every constant is a float32 initializer with
 * little-endian raw data.
 *
 * <p>A quantized spec is exported too, as its float network (fixed-point types are ignored, as in
 * {@code FloatNetwork}); the metadata says {@code l1embed.quantized=true}. The bit-exact fixed-point network is
 * {@code network.json} plus the emulator, not ONNX.
 *
 * <p>Names are derived from the spec only: constants and intermediate values are {@code <layer name>/<role>}
 * and {@code preprocess/<role>}, nodes {@code <layer name>/<op type>}, so the same spec always gives the same
 * bytes. The model carries its provenance in {@code metadata_props} ({@link #metadataKeys()}).
 */
public final class OnnxExporter {

    /** ONNX IR version of the exported model. */
    public static final long IR_VERSION = 8;
    /** Version of the default ONNX operator set the model imports. */
    public static final long OPSET_VERSION = 17;
    /** Name of the graph input: raw event features. */
    public static final String INPUT_NAME = "events";
    /** Name of the graph output: the latent vector. */
    public static final String OUTPUT_NAME = "latent";
    /** Name of the symbolic batch dimension of input and output. */
    public static final String BATCH_DIMENSION = "N";
    /** {@code producer_name} of the model. */
    public static final String PRODUCER_NAME = "l1embed";
    /** {@code domain} of the model. */
    public static final String MODEL_DOMAIN = "org.l1embed";

    /** Metadata key: the network's name. */
    public static final String META_NETWORK_NAME = "l1embed.network_name";
    /** Metadata key: SHA-256 of the UTF-8 bytes of {@link NetworkJson#toJson} of the spec (i.e. of {@code network.json}). */
    public static final String META_NETWORK_SHA256 = "l1embed.network_json_sha256";
    /** Metadata key: the l1embed version that wrote the model. */
    public static final String META_VERSION = "l1embed.version";
    /** Metadata key: the logical input shape, e.g. {@code [19, 3]}, flattened row-major into the input. */
    public static final String META_INPUT_SHAPE = "l1embed.input_shape";
    /** Metadata key: the preprocessing kind inside the graph ({@code none}, {@code standardize}, ...). */
    public static final String META_PREPROCESSING = "l1embed.preprocessing";
    /** Metadata key: {@code true} when the spec is quantized (the model is still its float network). */
    public static final String META_QUANTIZED = "l1embed.quantized";

    private final String l1embedVersion;

    /**
     * @param l1embedVersion the l1embed version to record (e.g. {@code 0.1.0+git.59c14b7}), non-blank
     */
    public OnnxExporter(String l1embedVersion) {
        if (l1embedVersion == null || l1embedVersion.isBlank()) {
            throw new IllegalArgumentException("l1embedVersion must be a non-blank string, got "
                    + (l1embedVersion == null ? "null" : "'" + l1embedVersion + "'"));
        }
        this.l1embedVersion = l1embedVersion;
    }

    /** The metadata keys every exported model has, in the order they are written. */
    public static List<String> metadataKeys() {
        return List.of(META_NETWORK_NAME, META_NETWORK_SHA256, META_VERSION, META_INPUT_SHAPE, META_PREPROCESSING, META_QUANTIZED);
    }

    /**
     * The ONNX model of {@code spec}.
     *
     * @throws IllegalArgumentException if a constant cannot be expressed in float32 (a weight, preprocessing
     *                                  constant, BatchNorm scale or shift, or slope outside the float32 range, or a
     *                                  standardisation std that rounds to zero), naming the layer, the field, the
     *                                  index and the value
     */
    public OnnxMl.ModelProto toModel(NetworkSpec spec) {
        OnnxGraph g = new OnnxGraph(spec.name());
        InputSpec input = spec.input();
        g.input(INPUT_NAME, BATCH_DIMENSION, input.size());
        String x = preprocessing(g, input);
        List<Layer> layers = spec.layers();
        for (int i = 0; i < layers.size(); i++) {
            Layer layer = layers.get(i);
            String out = i == layers.size() - 1 ? OUTPUT_NAME : layer.name() + "/out";
            x = layer(g, layer, x, out);
        }
        g.output(OUTPUT_NAME, BATCH_DIMENSION, spec.outputSize());

        String networkJson = NetworkJson.toJson(spec);
        OnnxMl.ModelProto.Builder model = OnnxMl.ModelProto.newBuilder()
                .setIrVersion(IR_VERSION)
                .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET_VERSION))
                .setProducerName(PRODUCER_NAME)
                .setProducerVersion(l1embedVersion)
                .setDomain(MODEL_DOMAIN)
                .setDocString("l1embed network '" + spec.name() + "': float forward pass of network.json, input shape "
                        + input.shape() + " flattened row-major, preprocessing '" + input.preprocessing().kind()
                        + "' inside the graph")
                .setGraph(g.build());
        List<String> values = List.of(spec.name(), Checksums.sha256Hex(networkJson.getBytes(StandardCharsets.UTF_8)),
                l1embedVersion, input.shape().toString(), input.preprocessing().kind(), Boolean.toString(spec.isQuantized()));
        List<String> keys = metadataKeys();
        for (int i = 0; i < keys.size(); i++) {
            model.addMetadataProps(OnnxMl.StringStringEntryProto.newBuilder().setKey(keys.get(i)).setValue(values.get(i)));
        }
        return model.build();
    }

    /** The serialized ONNX model of {@code spec}: deterministic, the same spec gives the same bytes. See {@link #toModel}. */
    public byte[] toBytes(NetworkSpec spec) {
        return toModel(spec).toByteArray();
    }

    /**
     * Writes the ONNX model of {@code spec} to {@code file} atomically (a temporary file beside it, then a rename),
     * replacing an existing file.
     *
     * @throws IllegalArgumentException see {@link #toModel}; nothing is written
     * @throws IOException if writing fails; {@code file} is then unchanged
     */
    public void write(NetworkSpec spec, Path file) throws IOException {
        byte[] bytes = toBytes(spec);
        Path target = file.toAbsolutePath().normalize();
        Files.createDirectories(target.getParent());
        Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName() + ".l1embed-tmp-", "");
        try {
            Files.write(tmp, bytes);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    // ---------------------------------------------------------------- graph parts

    /**
     * Adds the preprocessing nodes; returns the name of the network inputs (features). Preprocessing is a sealed
     * type, but Java 17 has no pattern switch: a kind added later reaches the refusal at the end.
     */
    private static String preprocessing(OnnxGraph g, InputSpec input) {
        Preprocessing p = input.preprocessing();
        long[] dims = {input.size()};
        if (p instanceof Preprocessing.Identity) {
            return INPUT_NAME;
        }
        if (p instanceof Preprocessing.Standardize s) {
            return standardize(g, dims, s.mean(), s.std(), "preprocess/features");
        }
        if (p instanceof Preprocessing.StandardizeNonZero z) {
            String standardized = standardize(g, dims, z.mean(), z.std(), "preprocess/standardized");
            String zero = g.initializer("preprocess/zero", new long[0], new float[] {0f});
            String isZero = g.node(OnnxOp.EQUAL, "preprocess/Equal", List.of(INPUT_NAME, zero), "preprocess/is_zero");
            return g.node(OnnxOp.WHERE, "preprocess/Where", List.of(isZero, zero, standardized), "preprocess/features");
        }
        if (p instanceof Preprocessing.IntegerShift t) {
            return integerShift(g, dims, t);
        }
        throw new IllegalArgumentException("input.preprocessing: kind '" + p.kind() + "' cannot be exported to ONNX; "
                + "supported: none, standardize, standardize_nonzero, integer_shift");
    }

    /**
     * {@code x == 0 ? 0 : (Round(x · 2^-e) - offset) · 2^-shift} in float32 (ONNX Round is half to even, as
     * {@link Math#rint}), equal to {@link Preprocessing.IntegerShift#apply} while hardware values and offsets stay
     * below 2^24 in magnitude (then every float32 operation here is exact).
     */
    private static String integerShift(OnnxGraph g, long[] dims, Preprocessing.IntegerShift t) {
        int n = t.offset().size();
        float[] in = new float[n];
        float[] offset = new float[n];
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            if (Math.abs(t.offset().get(i)) > (1 << 24)) {
                throw new IllegalArgumentException("input.preprocessing.integer_shift: offset[" + i + "]=" + (long) t.offset().get(i)
                        + " is not exact in float32 (|offset| <= 2^24 needed for the ONNX graph)");
            }
            in[i] = Math.scalb(1f, -(int) t.lsbExponent().get(i));
            offset[i] = (float) t.offset().get(i);
            out[i] = Math.scalb(1f, -(int) t.shift().get(i));
        }
        String scaled = g.node(OnnxOp.MUL, "preprocess/MulLsb", List.of(INPUT_NAME, g.initializer("preprocess/inverse_lsb", dims, in)),
                "preprocess/scaled");
        String hardware = g.node(OnnxOp.ROUND, "preprocess/Round", List.of(scaled), "preprocess/hardware");
        String centered = g.node(OnnxOp.SUB, "preprocess/Sub", List.of(hardware, g.initializer("preprocess/offset", dims, offset)),
                "preprocess/centered");
        String value = g.node(OnnxOp.MUL, "preprocess/MulShift", List.of(centered, g.initializer("preprocess/shift", dims, out)),
                "preprocess/shifted");
        String zero = g.initializer("preprocess/zero", new long[0], new float[] {0f});
        String isZero = g.node(OnnxOp.EQUAL, "preprocess/Equal", List.of(INPUT_NAME, zero), "preprocess/is_zero");
        return g.node(OnnxOp.WHERE, "preprocess/Where", List.of(isZero, zero, value), "preprocess/features");
    }

    /** {@code (events - mean) / std} in float32, as {@link Preprocessing.Standardize#apply}. */
    private static String standardize(OnnxGraph g, long[] dims, Tensor mean, Tensor std, String output) {
        String label = "input.preprocessing";
        float[] m = float32(label, "mean", mean.toArray(), i -> "[" + i + "]");
        float[] s = float32(label, "std", std.toArray(), i -> "[" + i + "]");
        for (int i = 0; i < s.length; i++) {
            if (!(s[i] > 0)) {
                throw new IllegalArgumentException(label + ": std[" + i + "]=" + std.get(i) + " rounds to " + s[i]
                        + " in float32; preprocessing divides by the float32 std, which must be > 0");
            }
        }
        String meanName = g.initializer("preprocess/mean", dims, m);
        String stdName = g.initializer("preprocess/std", dims, s);
        String centered = g.node(OnnxOp.SUB, "preprocess/Sub", List.of(INPUT_NAME, meanName), "preprocess/centered");
        return g.node(OnnxOp.DIV, "preprocess/Div", List.of(centered, stdName), output);
    }

    /** Adds the nodes of one layer reading {@code x}; returns {@code out}. */
    private static String layer(OnnxGraph g, Layer layer, String x, String out) {
        String n = layer.name();
        String label = layer.kind().jsonName() + " layer '" + n + "'";
        switch (layer.kind()) {
            case DENSE -> {
                Dense d = (Dense) layer;
                int cols = d.outputs();
                String w = g.initializer(n + "/weight", new long[] {d.inputs(), cols},
                        float32(label, "weights", d.weights().toArray(), i -> "[" + i / cols + "][" + i % cols + "]"));
                String b = g.initializer(n + "/bias", new long[] {cols}, float32(label, "bias", d.bias().toArray(), i -> "[" + i + "]"));
                String product = g.node(OnnxOp.MAT_MUL, n + "/MatMul", List.of(x, w), n + "/matmul");
                return g.node(OnnxOp.ADD, n + "/Add", List.of(product, b), out);
            }
            case BATCH_NORM -> {
                BatchNorm bn = (BatchNorm) layer;
                double[] scale = new double[bn.size()];
                double[] shift = new double[bn.size()];
                for (int i = 0; i < scale.length; i++) {
                    scale[i] = bn.scale(i);
                    shift[i] = bn.shift(i);
                }
                long[] dims = {bn.size()};
                String s = g.initializer(n + "/scale", dims, float32(label, "scale (gamma / sqrt(variance + epsilon))", scale,
                        i -> "[" + i + "]"));
                String t = g.initializer(n + "/shift", dims, float32(label, "shift (beta - mean * scale)", shift, i -> "[" + i + "]"));
                String scaled = g.node(OnnxOp.MUL, n + "/Mul", List.of(x, s), n + "/scaled");
                return g.node(OnnxOp.ADD, n + "/Add", List.of(scaled, t), out);
            }
            case RELU -> {
                return g.node(OnnxOp.RELU, n + "/Relu", List.of(x), out);
            }
            case LEAKY_RELU -> {
                double alpha = ((LeakyRelu) layer).alpha();
                float a = float32(label, "alpha", new double[] {alpha}, i -> "")[0];
                return g.node(OnnxOp.LEAKY_RELU, n + "/LeakyRelu", List.of(x), out, OnnxGraph.floatAttribute("alpha", a));
            }
            case LINEAR -> {
                return g.node(OnnxOp.IDENTITY, n + "/Identity", List.of(x), out);
            }
        }
        throw new IllegalStateException("unreachable: every layer kind is handled above");
    }

    /** The values rounded to float32; refuses one outside the float32 range, naming it. */
    private static float[] float32(String label, String field, double[] values, IntFunction<String> index) {
        float[] f = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            f[i] = (float) values[i];
            if (!Float.isFinite(f[i])) {
                throw new IllegalArgumentException(label + ": " + field + index.apply(i) + "=" + values[i]
                        + " is outside the float32 range (magnitude <= " + Float.MAX_VALUE + "); ONNX constants are float32");
            }
        }
        return f;
    }
}
