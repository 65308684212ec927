package org.l1embed.quantization.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.l1embed.quantization.json.JsonFields;
import org.l1embed.quantization.json.StrictJson;

/**
 * The nuisance-parameterized classifier a fine-tuned bundle carries ({@value #FILE}): the learned density ratio of the
 * latent space under a systematic shift ν (physics.md, "Systematic uncertainties in the latent space"),
 * {@code f(z, ν) = Σ_{k=1..order} a_k(z)·(ν/range)^k ≈ log(n_ν(z)/n_0(z))}, each {@code a_k} an MLP of Dense layers
 * with LeakyReLU between them and one linear output. Written by {@code l1embed finetune}; read by the nuisance-aware
 * NPLM test of {@code l1embed evaluate}, which reweights the reference sample by {@code e^{f(z, ν)}}.
 *
 * <p>ν is divided by {@code range} so that the MLP outputs are of order one whatever the size of the nuisance; the
 * coefficient of ν^k in the form {@code f = Σ a_k(z)·ν^k} is {@code a_k(z)/range^k}. Evaluation accumulates in double.
 *
 * <p>{@code nuisance.json}:
 * <pre>{@code
 * {"format": "l1embed-nuisance-model", "schemaVersion": 1, "nuisance": "jes", "range": 0.05, "latentSize": 4,
 *  "leakyReluAlpha": 0.2, "terms": [{"layers": [{"inputs": 4, "outputs": 16, "kernel": [[..16..] x 4], "bias": [..16..]},
 *  ...]}, ...], "trainedOn": "..."}
 * }</pre>
 * {@code kernel} is written row by row ({@code inputs} rows of {@code outputs} values); the values are float32 written
 * exactly, so a round trip is bit-identical.
 *
 * @param nuisance       the nuisance's name (e.g. {@code jes}: jet pT × e^ν)
 * @param latentSize     d, the length of z
 * @param range          the ν scale (the training range), finite and &gt; 0
 * @param leakyReluAlpha LeakyReLU slope for negative inputs
 * @param terms          one MLP per power k = 1..order
 * @param trainedOn      what the classifier was trained on (free text)
 */
public record NuisanceModel(String nuisance, int latentSize, double range, double leakyReluAlpha, List<Mlp> terms, String trainedOn) {

    /** The file inside a bundle. */
    public static final String FILE = "nuisance.json";
    /** The value of the {@code format} field. */
    public static final String FORMAT = "l1embed-nuisance-model";
    /** The schema version this code reads and writes. */
    public static final int SCHEMA_VERSION = 1;

    private static final Set<String> FIELDS = Set.of("format", "schemaVersion", "nuisance", "range", "latentSize", "leakyReluAlpha",
            "terms", "trainedOn");
    private static final Set<String> LAYER_FIELDS = Set.of("inputs", "outputs", "kernel", "bias");

    /** One Dense layer: {@code kernel} is {@code [inputs, outputs]} row-major. */
    public record DenseLayer(int inputs, int outputs, float[] kernel, float[] bias) {
        public DenseLayer {
            if (inputs < 1 || outputs < 1) {
                throw new IllegalArgumentException("inputs and outputs must be >= 1, got inputs=" + inputs + ", outputs=" + outputs);
            }
            if (kernel.length != inputs * outputs || bias.length != outputs) {
                throw new IllegalArgumentException("kernel must hold inputs*outputs=" + inputs * outputs
                        + " values and bias outputs=" + outputs + ", got kernel.length=" + kernel.length
                        + ", bias.length=" + bias.length);
            }
            kernel = kernel.clone();
            bias = bias.clone();
        }

        @Override
        public float[] kernel() {
            return kernel.clone();
        }

        @Override
        public float[] bias() {
            return bias.clone();
        }
    }

    /** Dense layers with LeakyReLU after all but the last; each layer takes the previous one's outputs; the last has one output. */
    public record Mlp(List<DenseLayer> layers) {
        public Mlp {
            layers = List.copyOf(layers);
            if (layers.isEmpty() || layers.get(layers.size() - 1).outputs() != 1) {
                throw new IllegalArgumentException("an MLP term needs at least one layer and a single output");
            }
            for (int l = 1; l < layers.size(); l++) {
                if (layers.get(l).inputs() != layers.get(l - 1).outputs()) {
                    throw new IllegalArgumentException("layer " + l + " takes inputs=" + layers.get(l).inputs() + ", but layer "
                            + (l - 1) + " gives outputs=" + layers.get(l - 1).outputs());
                }
            }
        }
    }

    public NuisanceModel {
        Objects.requireNonNull(nuisance, "nuisance must not be null");
        Objects.requireNonNull(trainedOn, "trainedOn must not be null");
        Objects.requireNonNull(terms, "terms must not be null");
        terms = List.copyOf(terms);
        if (terms.isEmpty()) {
            throw new IllegalArgumentException("terms must not be empty (order >= 1)");
        }
        if (!(range > 0) || !Double.isFinite(range)) {
            throw new IllegalArgumentException("range must be finite and > 0, got range=" + range);
        }
        if (!Double.isFinite(leakyReluAlpha)) {
            throw new IllegalArgumentException("leakyReluAlpha must be finite, got leakyReluAlpha=" + leakyReluAlpha);
        }
        for (int k = 0; k < terms.size(); k++) {
            int in = terms.get(k).layers().get(0).inputs();
            if (in != latentSize) {
                throw new IllegalArgumentException("terms[" + k + "] must take latentSize=" + latentSize + " inputs, got " + in);
            }
        }
    }

    /** The highest power of ν. */
    public int order() {
        return terms.size();
    }

    /**
     * {@code a_k(z)} for k = 1..order (index k−1), in units where ν is measured in multiples of {@link #range}.
     *
     * @throws IllegalArgumentException if {@code z.length != latentSize}
     */
    public double[] coefficients(float[] z) {
        if (z.length != latentSize) {
            throw new IllegalArgumentException("z must have latentSize=" + latentSize + " values, got z.length=" + z.length);
        }
        double[] out = new double[terms.size()];
        double[] in = new double[latentSize];
        for (int i = 0; i < latentSize; i++) {
            in[i] = z[i];
        }
        for (int k = 0; k < terms.size(); k++) {
            double[] h = in;
            List<DenseLayer> layers = terms.get(k).layers();
            for (int l = 0; l < layers.size(); l++) {
                DenseLayer d = layers.get(l);
                double[] next = new double[d.outputs()];
                for (int o = 0; o < d.outputs(); o++) {
                    double s = d.bias[o];
                    for (int i = 0; i < d.inputs(); i++) {
                        s += h[i] * d.kernel[i * d.outputs() + o];
                    }
                    next[o] = l + 1 < layers.size() && s < 0 ? s * leakyReluAlpha : s;
                }
                h = next;
            }
            out[k] = h[0];
        }
        return out;
    }

    /**
     * {@code a_k(z)} of every event: {@code [order][events]}.
     *
     * @param z {@code [events, latentSize]} row-major
     * @throws IllegalArgumentException if {@code z.length} is not a multiple of {@code latentSize}
     */
    public double[][] coefficientsOfAll(float[] z) {
        if (z.length % latentSize != 0) {
            throw new IllegalArgumentException("z must hold whole events of latentSize=" + latentSize + " values, got z.length=" + z.length);
        }
        int events = z.length / latentSize;
        double[][] out = new double[order()][events];
        float[] row = new float[latentSize];
        for (int e = 0; e < events; e++) {
            System.arraycopy(z, e * latentSize, row, 0, latentSize);
            double[] a = coefficients(row);
            for (int k = 0; k < a.length; k++) {
                out[k][e] = a[k];
            }
        }
        return out;
    }

    /**
     * f(z, ν), the learned log(n_ν(z)/n_0(z)).
     *
     * @throws IllegalArgumentException if {@code z.length != latentSize} or ν is not finite
     */
    public double logRatio(float[] z, double nu) {
        if (!Double.isFinite(nu)) {
            throw new IllegalArgumentException("nu must be finite, got nu=" + nu);
        }
        double[] a = coefficients(z);
        double t = nu / range;
        double power = 1;
        double f = 0;
        for (double ak : a) {
            power *= t;
            f += ak * power;
        }
        return f;
    }

    /** The same classifier with another description of what it was trained on. */
    public NuisanceModel withTrainedOn(String description) {
        return new NuisanceModel(nuisance, latentSize, range, leakyReluAlpha, terms, description);
    }

    /** The canonical JSON text (UTF-8 bytes, trailing newline). */
    public byte[] toJsonBytes() {
        ObjectNode n = StrictJson.MAPPER.createObjectNode();
        n.put("format", FORMAT);
        n.put("schemaVersion", SCHEMA_VERSION);
        n.put("nuisance", nuisance);
        n.put("range", range);
        n.put("latentSize", latentSize);
        n.put("leakyReluAlpha", leakyReluAlpha);
        ArrayNode ts = n.putArray("terms");
        for (Mlp m : terms) {
            ArrayNode ls = ts.addObject().putArray("layers");
            for (DenseLayer d : m.layers()) {
                ObjectNode l = ls.addObject();
                l.put("inputs", d.inputs()).put("outputs", d.outputs());
                ArrayNode kernel = l.putArray("kernel");
                for (int i = 0; i < d.inputs(); i++) {
                    ArrayNode row = kernel.addArray();
                    for (int o = 0; o < d.outputs(); o++) {
                        row.add(d.kernel[i * d.outputs() + o]);
                    }
                }
                ArrayNode bias = l.putArray("bias");
                for (float b : d.bias) {
                    bias.add(b);
                }
            }
        }
        n.put("trainedOn", trainedOn);
        try {
            return (StrictJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(n) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot render " + FILE, e);
        }
    }

    /**
     * Parses {@code nuisance.json}.
     *
     * @throws IllegalArgumentException naming the JSON path, the value and what was expected
     */
    public static NuisanceModel parse(String json) {
        JsonNode root = StrictJson.readObject(json, FILE);
        JsonFields.requireKnown(root, FIELDS, "");
        JsonFields.requireText(root, "format", FORMAT);
        if (!root.path("schemaVersion").isInt() || root.get("schemaVersion").asInt() != SCHEMA_VERSION) {
            throw new IllegalArgumentException("schemaVersion: expected " + SCHEMA_VERSION + ", got " + root.path("schemaVersion"));
        }
        String nuisance = JsonFields.text(root.path("nuisance"), "nuisance");
        double range = JsonFields.number(root.path("range"), "range");
        int latentSize = JsonFields.integer(root.path("latentSize"), "latentSize", 1);
        double alpha = JsonFields.number(root.path("leakyReluAlpha"), "leakyReluAlpha");
        JsonNode ts = root.path("terms");
        if (!ts.isArray() || ts.isEmpty()) {
            throw new IllegalArgumentException("terms: expected a non-empty array, got " + ts);
        }
        List<Mlp> terms = new ArrayList<>();
        for (int k = 0; k < ts.size(); k++) {
            String at = "terms[" + k + "]";
            JsonNode t = ts.get(k);
            if (!t.isObject()) {
                throw new IllegalArgumentException(at + ": expected an object, got " + t);
            }
            JsonFields.requireKnown(t, Set.of("layers"), at + ".");
            JsonNode ls = t.path("layers");
            if (!ls.isArray() || ls.isEmpty()) {
                throw new IllegalArgumentException(at + ".layers: expected a non-empty array, got " + ls);
            }
            List<DenseLayer> layers = new ArrayList<>();
            for (int l = 0; l < ls.size(); l++) {
                layers.add(layer(ls.get(l), at + ".layers[" + l + "]"));
            }
            try {
                terms.add(new Mlp(layers));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(at + ": " + e.getMessage(), e);
            }
        }
        String trainedOn = JsonFields.text(root.path("trainedOn"), "trainedOn");
        return new NuisanceModel(nuisance, latentSize, range, alpha, terms, trainedOn);
    }

    private static DenseLayer layer(JsonNode l, String at) {
        if (!l.isObject()) {
            throw new IllegalArgumentException(at + ": expected an object, got " + l);
        }
        JsonFields.requireKnown(l, LAYER_FIELDS, at + ".");
        int inputs = JsonFields.integer(l.path("inputs"), at + ".inputs", 1);
        int outputs = JsonFields.integer(l.path("outputs"), at + ".outputs", 1);
        JsonNode rows = l.path("kernel");
        if (!rows.isArray() || rows.size() != inputs) {
            throw new IllegalArgumentException(at + ".kernel: expected " + inputs + " rows, got " + rows);
        }
        float[] kernel = new float[inputs * outputs];
        for (int i = 0; i < inputs; i++) {
            double[] row = JsonFields.numbers(rows.get(i), at + ".kernel[" + i + "]", outputs);
            for (int o = 0; o < outputs; o++) {
                kernel[i * outputs + o] = float32(row[o], at + ".kernel[" + i + "][" + o + "]");
            }
        }
        double[] b = JsonFields.numbers(l.path("bias"), at + ".bias", outputs);
        float[] bias = new float[outputs];
        for (int o = 0; o < outputs; o++) {
            bias[o] = float32(b[o], at + ".bias[" + o + "]");
        }
        return new DenseLayer(inputs, outputs, kernel, bias);
    }

    private static float float32(double v, String at) {
        float f = (float) v;
        if (Float.isInfinite(f)) {
            throw new IllegalArgumentException(at + ": expected a float32 value, got " + v + " (beyond the float32 range)");
        }
        return f;
    }

    /**
     * The nuisance model of a bundle, if it has one.
     *
     * @throws IOException            if the file cannot be read
     * @throws InvalidBundleException if it is not a valid model for the bundle's network (naming the file and the field)
     */
    public static Optional<NuisanceModel> of(ModelBundle bundle) throws IOException {
        if (!bundle.extraFiles().contains(FILE)) {
            return Optional.empty();
        }
        String text = Files.readString(bundle.file(FILE), StandardCharsets.UTF_8);
        try {
            NuisanceModel model = parse(text);
            if (model.latentSize() != bundle.network().outputSize()) {
                throw new IllegalArgumentException("latentSize " + model.latentSize() + " differs from the network's outputSize "
                        + bundle.network().outputSize());
            }
            return Optional.of(model);
        } catch (IllegalArgumentException e) {
            throw new InvalidBundleException(bundle.directory(), List.of(FILE + ": " + e.getMessage()), e);
        }
    }
}
