package org.l1embed.training.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import org.l1embed.quantization.json.StrictJson;

/**
 * The shape and the fixed hyper-parameters of the contrastive MLP (arXiv:2502.15926, "SimpleDense"):
 * encoder {@code inputSize → hiddenWidths… → latentSize}, every hidden layer Dense + BatchNorm + LeakyReLU and
 * the latent layer as {@link LatentBlock} says; projection head {@code latentSize → headWidths…}, every head
 * layer but the last Dense + BatchNorm + LeakyReLU and the last one a plain Dense (its output is what the loss
 * normalises). The head is used only for the loss and is not part of the extracted encoder.
 *
 * <p>Defaults ({@link #defaults()}): 57 → 96 → 64 → 48 → 4, head 4 → 48 → 96, LeakyReLU slope 0.01 (PyTorch's
 * default, which the paper's reference implementation uses), BatchNorm momentum 0.1 and epsilon 1e-5 (PyTorch
 * conventions), temperature 0.9 (the paper's value for the MLP), seed 1.
 *
 * <p>Text form: {@link #toJson()} and {@link #parseJson(String)} round-trip every config exactly (doubles are
 * written with {@link Double#toString(double)}, which reads back to the same bits).
 *
 * @param inputSize         number of input features, &gt; 0
 * @param hiddenWidths      widths of the hidden encoder layers, each &gt; 0; may be empty
 * @param latentSize        latent dimension d, &gt; 0
 * @param latentBlock       what follows the latent Dense
 * @param headWidths        widths of the projection head layers, at least one, each &gt; 0; the last is the
 *                          projection size
 * @param leakyReluAlpha    LeakyReLU slope for negative inputs, in [0, 1]
 * @param batchNormMomentum weight of the current batch in the running statistics,
 *                          {@code running = (1 - m)·running + m·batch}, in (0, 1]
 * @param batchNormEpsilon  added to the variance before the square root, finite and &gt; 0
 * @param temperature       SupCon temperature τ, finite and &gt;= 1e-6
 * @param seed              seed of the weight initialisation
 */
public record ModelConfig(int inputSize, List<Integer> hiddenWidths, int latentSize, LatentBlock latentBlock,
                          List<Integer> headWidths, double leakyReluAlpha, double batchNormMomentum,
                          double batchNormEpsilon, double temperature, long seed) {

    /** The paper's MLP input: 19 objects × (pT, η, φ). */
    public static final int DEFAULT_INPUT_SIZE = 57;

    public ModelConfig {
        requirePositive("inputSize", inputSize);
        requirePositive("latentSize", latentSize);
        Objects.requireNonNull(latentBlock, "latentBlock must not be null");
        hiddenWidths = copyWidths("hiddenWidths", hiddenWidths);
        headWidths = copyWidths("headWidths", headWidths);
        if (headWidths.isEmpty()) {
            throw new IllegalArgumentException("headWidths must have at least one layer (the projection size), got []");
        }
        if (!(leakyReluAlpha >= 0 && leakyReluAlpha <= 1)) {
            throw new IllegalArgumentException("leakyReluAlpha must be in [0, 1], got leakyReluAlpha=" + leakyReluAlpha);
        }
        if (!(batchNormMomentum > 0 && batchNormMomentum <= 1)) {
            throw new IllegalArgumentException("batchNormMomentum must be in (0, 1], got batchNormMomentum=" + batchNormMomentum);
        }
        if (!(batchNormEpsilon > 0) || !Double.isFinite(batchNormEpsilon)) {
            throw new IllegalArgumentException("batchNormEpsilon must be finite and > 0, got batchNormEpsilon=" + batchNormEpsilon);
        }
        if (!(temperature >= SupConLoss.MIN_TEMPERATURE) || !Double.isFinite(temperature)) {
            throw new IllegalArgumentException("temperature must be finite and >= " + SupConLoss.MIN_TEMPERATURE
                    + ", got temperature=" + temperature);
        }
    }

    /** The default MLP: 57 → 96 → 64 → 48 → 4, head 4 → 48 → 96, as described in the class comment. */
    public static ModelConfig defaults() {
        return new ModelConfig(DEFAULT_INPUT_SIZE, List.of(96, 64, 48), 4, LatentBlock.DENSE_BATCH_NORM_LEAKY_RELU,
                List.of(48, 96), 0.01, 0.1, 1e-5, 0.9, 1L);
    }

    /** This config with another input size. */
    public ModelConfig withInputSize(int newInputSize) {
        return new ModelConfig(newInputSize, hiddenWidths, latentSize, latentBlock, headWidths, leakyReluAlpha,
                batchNormMomentum, batchNormEpsilon, temperature, seed);
    }

    /** This config with other encoder widths. */
    public ModelConfig withEncoder(List<Integer> newHiddenWidths, int newLatentSize) {
        return new ModelConfig(inputSize, newHiddenWidths, newLatentSize, latentBlock, headWidths, leakyReluAlpha,
                batchNormMomentum, batchNormEpsilon, temperature, seed);
    }

    /** This config with another projection head. */
    public ModelConfig withHead(List<Integer> newHeadWidths) {
        return new ModelConfig(inputSize, hiddenWidths, latentSize, latentBlock, newHeadWidths, leakyReluAlpha,
                batchNormMomentum, batchNormEpsilon, temperature, seed);
    }

    /** This config with another latent block. */
    public ModelConfig withLatentBlock(LatentBlock newLatentBlock) {
        return new ModelConfig(inputSize, hiddenWidths, latentSize, newLatentBlock, headWidths, leakyReluAlpha,
                batchNormMomentum, batchNormEpsilon, temperature, seed);
    }

    /** This config with another temperature. */
    public ModelConfig withTemperature(double newTemperature) {
        return new ModelConfig(inputSize, hiddenWidths, latentSize, latentBlock, headWidths, leakyReluAlpha,
                batchNormMomentum, batchNormEpsilon, newTemperature, seed);
    }

    /** This config with another latent size. */
    public ModelConfig withLatentSize(int newLatentSize) {
        return new ModelConfig(inputSize, hiddenWidths, newLatentSize, latentBlock, headWidths, leakyReluAlpha,
                batchNormMomentum, batchNormEpsilon, temperature, seed);
    }

    /** This config with another initialisation seed. */
    public ModelConfig withSeed(long newSeed) {
        return new ModelConfig(inputSize, hiddenWidths, latentSize, latentBlock, headWidths, leakyReluAlpha,
                batchNormMomentum, batchNormEpsilon, temperature, newSeed);
    }

    /** Sizes along the encoder: {@code [inputSize, hiddenWidths…, latentSize]}. */
    public List<Integer> encoderSizes() {
        List<Integer> sizes = new ArrayList<>();
        sizes.add(inputSize);
        sizes.addAll(hiddenWidths);
        sizes.add(latentSize);
        return List.copyOf(sizes);
    }

    /** Sizes along the projection head: {@code [latentSize, headWidths…]}. */
    public List<Integer> headSizes() {
        List<Integer> sizes = new ArrayList<>();
        sizes.add(latentSize);
        sizes.addAll(headWidths);
        return List.copyOf(sizes);
    }

    /** The size of the projection the loss sees: the last head width. */
    public int projectionSize() {
        return headWidths.get(headWidths.size() - 1);
    }

    /** Trainable parameters of the encoder (Dense weights and biases, BatchNorm gamma and beta). */
    public int encoderParameterCount() {
        List<Integer> sizes = encoderSizes();
        int count = 0;
        for (int i = 0; i + 1 < sizes.size(); i++) {
            boolean latent = i + 2 == sizes.size();
            count += sizes.get(i) * sizes.get(i + 1) + sizes.get(i + 1);
            if (!latent || latentBlock.hasBatchNorm()) {
                count += 2 * sizes.get(i + 1);
            }
        }
        return count;
    }

    /** The JSON field names, in the order {@link #toJson()} writes them (the record's component order). */
    private static final List<String> JSON_FIELDS = List.of("inputSize", "hiddenWidths", "latentSize", "latentBlock",
            "headWidths", "leakyReluAlpha", "batchNormMomentum", "batchNormEpsilon", "temperature", "seed");

    /**
     * This config as canonical JSON: one line, no spaces, every field in component order, doubles as
     * {@link Double#toString(double)}, e.g. <code>{"inputSize":57,"hiddenWidths":[96,64,48],"latentSize":4,
     * "latentBlock":"DENSE_BATCH_NORM_LEAKY_RELU",…,"seed":1}</code>. Equal configs give equal text.
     */
    public String toJson() {
        ObjectNode n = StrictJson.MAPPER.createObjectNode();
        n.put("inputSize", inputSize);
        ArrayNode hidden = n.putArray("hiddenWidths");
        hiddenWidths.forEach(hidden::add);
        n.put("latentSize", latentSize);
        n.put("latentBlock", latentBlock.name());
        ArrayNode head = n.putArray("headWidths");
        headWidths.forEach(head::add);
        n.put("leakyReluAlpha", leakyReluAlpha);
        n.put("batchNormMomentum", batchNormMomentum);
        n.put("batchNormEpsilon", batchNormEpsilon);
        n.put("temperature", temperature);
        n.put("seed", seed);
        try {
            return StrictJson.MAPPER.writeValueAsString(n);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);   // a tree of numbers and strings always serialises
        }
    }

    /**
     * Reads what {@link #toJson()} writes. Every field is required, unknown fields are errors, and each value must
     * have its field's JSON type (integers without a fraction, {@code latentBlock} a {@link LatentBlock} name); then
     * the constructor validates the values.
     *
     * @throws IllegalArgumentException naming the field, the value and the expectation, or the position of malformed JSON
     */
    public static ModelConfig parseJson(String json) {
        JsonNode root = StrictJson.readObject(json, "model config");
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!JSON_FIELDS.contains(f)) {
                throw new IllegalArgumentException("model config: unknown field '" + f + "'; expected " + JSON_FIELDS);
            }
        }
        String block = jsonField(root, "latentBlock").isTextual() ? root.get("latentBlock").asText() : null;
        LatentBlock latent = null;
        for (LatentBlock b : LatentBlock.values()) {
            if (b.name().equals(block)) {
                latent = b;
            }
        }
        if (latent == null) {
            throw new IllegalArgumentException("model config: latentBlock must be one of " + List.of(LatentBlock.values())
                    + ", got " + root.get("latentBlock"));
        }
        JsonNode seedNode = jsonField(root, "seed");
        if (!seedNode.isIntegralNumber() || !seedNode.canConvertToLong()) {
            throw new IllegalArgumentException("model config: seed must be a 64-bit integer, got " + seedNode);
        }
        return new ModelConfig(jsonInt(root, "inputSize"), jsonWidths(root, "hiddenWidths"), jsonInt(root, "latentSize"), latent,
                jsonWidths(root, "headWidths"), jsonDouble(root, "leakyReluAlpha"), jsonDouble(root, "batchNormMomentum"),
                jsonDouble(root, "batchNormEpsilon"), jsonDouble(root, "temperature"), seedNode.longValue());
    }

    private static JsonNode jsonField(JsonNode root, String field) {
        JsonNode n = root.get(field);
        if (n == null) {
            throw new IllegalArgumentException("model config: field '" + field + "' is missing");
        }
        return n;
    }

    private static int jsonInt(JsonNode root, String field) {
        JsonNode n = jsonField(root, field);
        if (!n.isIntegralNumber() || !n.canConvertToInt()) {
            throw new IllegalArgumentException("model config: " + field + " must be a 32-bit integer, got " + n);
        }
        return n.intValue();
    }

    private static double jsonDouble(JsonNode root, String field) {
        JsonNode n = jsonField(root, field);
        if (!n.isNumber()) {
            throw new IllegalArgumentException("model config: " + field + " must be a number, got " + n);
        }
        return n.doubleValue();
    }

    private static List<Integer> jsonWidths(JsonNode root, String field) {
        JsonNode n = jsonField(root, field);
        if (!n.isArray()) {
            throw new IllegalArgumentException("model config: " + field + " must be an array of integers, got " + n);
        }
        List<Integer> widths = new ArrayList<>();
        for (int i = 0; i < n.size(); i++) {
            JsonNode w = n.get(i);
            if (!w.isIntegralNumber() || !w.canConvertToInt()) {
                throw new IllegalArgumentException("model config: " + field + "[" + i + "] must be a 32-bit integer, got " + w);
            }
            widths.add(w.intValue());
        }
        return widths;
    }

    private static void requirePositive(String field, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(field + " must be > 0, got " + field + "=" + value);
        }
    }

    private static List<Integer> copyWidths(String field, List<Integer> widths) {
        Objects.requireNonNull(widths, () -> field + " must not be null");
        for (int i = 0; i < widths.size(); i++) {
            Integer w = widths.get(i);
            if (w == null || w <= 0) {
                throw new IllegalArgumentException(field + "[" + i + "] must be > 0, got " + field + "=" + widths);
            }
        }
        return List.copyOf(widths);
    }
}
