package org.l1embed.training.quantize.ptq;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.l1embed.quantization.fixed.FixedType;
import org.l1embed.quantization.fixed.Overflow;
import org.l1embed.quantization.fixed.Rounding;
import org.l1embed.quantization.profile.Profiler;

/**
 * How to quantize a float network after training: the profiled default (every tensor {@code width} bits, integer
 * bits from the observed range plus {@code marginBits}) and explicit per-layer types that replace the proposal.
 *
 * <p>The defaults ({@link #defaults(int)}) follow QKeras {@code quantized_bits} as hls4ml converts it: round to
 * nearest, ties to even ({@link Rounding#RND_CONV}) and saturation ({@link Overflow#SAT}), for constants and data
 * alike, no margin bits.
 *
 * <p>JSON form ({@link #parse(String)}):
 * <pre>{@code
 * {"default": {"width": 8, "constantWidth": 6, "marginBits": 0, "constantRounding": "RND_CONV", "dataRounding": "RND_CONV", "overflow": "SAT"},
 *  "input": "ap_fixed<10,4,AP_RND_CONV,AP_SAT>",
 *  "layers": {"dense0": {"weight": "ap_fixed<8,2,AP_RND_CONV,AP_SAT>", "result": "ap_ufixed<8,4,AP_RND_CONV,AP_SAT>"}}}
 * }</pre>
 * Every field is optional; a missing default field takes the value of {@link #defaults(int)} with width 8.
 * Roles per layer kind: dense {@code weight, bias, accumulator, result}; batch norm {@code scale, shift, result};
 * leaky ReLU {@code alpha, result}; ReLU and linear {@code result}. A dense layer whose accumulator is not given gets
 * the never-overflowing {@link org.l1embed.quantization.network.AccumulatorRule#auto} of its final input, weight and
 * bias types.
 *
 * @param width            total bits of every proposed data type (input and layer results), 1..32; also of the
 *                         constants unless {@code constantWidth} is given
 * @param constantWidth    total bits of proposed constant types (weights, biases, scales, shifts, alphas), 1..32; null
 *                         for {@code width}
 * @param marginBits       integer bits added to the profiled need, 0..16
 * @param constantRounding rounding of weights, biases, scales, shifts and alphas
 * @param dataRounding     rounding of the input and of layer results
 * @param overflow         overflow mode of every proposed type
 * @param inputType        replaces the proposed input type; null to keep the proposal
 * @param layerTypes       layer name → role → type replacing the proposal; checked against a network when applied
 */
public record PrecisionConfig(int width, Integer constantWidth, int marginBits, Rounding constantRounding, Rounding dataRounding, Overflow overflow,
                              FixedType inputType, Map<String, Map<String, FixedType>> layerTypes) {

    /** The default total width of proposed types when none is given. */
    public static final int DEFAULT_WIDTH = 8;
    /** Rounding of every proposed type by default (QKeras {@code quantized_bits} as hls4ml converts it). */
    public static final Rounding DEFAULT_ROUNDING = Rounding.RND_CONV;
    /** Overflow of every proposed type by default. */
    public static final Overflow DEFAULT_OVERFLOW = Overflow.SAT;

    private static final Set<String> DEFAULT_FIELDS = Set.of("width", "constantWidth", "marginBits", "constantRounding", "dataRounding", "overflow");
    private static final Set<String> TOP_FIELDS = Set.of("default", "input", "layers");
    private static final ObjectMapper MAPPER = org.l1embed.quantization.json.StrictJson.MAPPER;

    public PrecisionConfig {
        if (width < 1 || width > Profiler.MAX_PROPOSED_WIDTH) {
            throw new IllegalArgumentException("width must be in 1.." + Profiler.MAX_PROPOSED_WIDTH + ", got width=" + width);
        }
        if (constantWidth != null && (constantWidth < 1 || constantWidth > Profiler.MAX_PROPOSED_WIDTH)) {
            throw new IllegalArgumentException("constantWidth must be in 1.." + Profiler.MAX_PROPOSED_WIDTH + ", got constantWidth="
                    + constantWidth);
        }
        if (marginBits < 0 || marginBits > 16) {
            throw new IllegalArgumentException("marginBits must be in 0..16, got marginBits=" + marginBits);
        }
        Objects.requireNonNull(constantRounding, "constantRounding");
        Objects.requireNonNull(dataRounding, "dataRounding");
        Objects.requireNonNull(overflow, "overflow");
        Objects.requireNonNull(layerTypes, "layerTypes must not be null (use an empty map)");
        TreeMap<String, Map<String, FixedType>> copy = new TreeMap<>();
        layerTypes.forEach((layer, roles) -> copy.put(layer, Map.copyOf(new TreeMap<>(roles))));
        layerTypes = java.util.Collections.unmodifiableSortedMap(copy);
    }

    /** Profiled types of {@code width} bits, RND_CONV and SAT everywhere, no margin, no overrides. */
    public static PrecisionConfig defaults(int width) {
        return new PrecisionConfig(width, null, 0, DEFAULT_ROUNDING, DEFAULT_ROUNDING, DEFAULT_OVERFLOW, null, Map.of());
    }

    /** The width of proposed constant types: {@code constantWidth}, or {@code width} when it is not given. */
    public int effectiveConstantWidth() {
        return constantWidth != null ? constantWidth : width;
    }

    /** This config with another constant width (null: the same as {@link #width()}). */
    public PrecisionConfig withConstantWidth(Integer newConstantWidth) {
        return new PrecisionConfig(width, newConstantWidth, marginBits, constantRounding, dataRounding, overflow, inputType, layerTypes);
    }

    /** This config with another default width (the constant width and the overrides are kept). */
    public PrecisionConfig withWidth(int newWidth) {
        return new PrecisionConfig(newWidth, constantWidth, marginBits, constantRounding, dataRounding, overflow, inputType, layerTypes);
    }

    /**
     * Reads a precision config file.
     *
     * @throws IllegalArgumentException naming the file and the problem ({@link #parse(String)})
     * @throws IOException              if the file cannot be read
     */
    public static PrecisionConfig read(Path file) throws IOException {
        try {
            return parse(Files.readString(file));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Parses the JSON form (see the class comment).
     *
     * @throws IllegalArgumentException on malformed JSON, an unknown field, a value of the wrong kind, a bad mode
     *                                  name or a bad type string, naming the JSON path of the offending value
     */
    public static PrecisionConfig parse(String json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("precision config is not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("precision config must be a JSON object");
        }
        requireKnown(root, TOP_FIELDS, "");
        JsonNode d = root.path("default");
        if (!d.isMissingNode() && !d.isObject()) {
            throw new IllegalArgumentException("default must be an object, got " + d);
        }
        if (d.isObject()) {
            requireKnown(d, DEFAULT_FIELDS, "default.");
        }
        int width = intField(d, "width", DEFAULT_WIDTH);
        Integer constantWidth = d.has("constantWidth") ? intField(d, "constantWidth", 0) : null;
        int margin = intField(d, "marginBits", 0);
        Rounding cr = d.has("constantRounding") ? at("default.constantRounding",
                () -> Rounding.parse(text(d, "constantRounding", "default."))) : DEFAULT_ROUNDING;
        Rounding dr = d.has("dataRounding") ? at("default.dataRounding",
                () -> Rounding.parse(text(d, "dataRounding", "default."))) : DEFAULT_ROUNDING;
        Overflow o = d.has("overflow") ? at("default.overflow", () -> Overflow.parse(text(d, "overflow", "default."))) : DEFAULT_OVERFLOW;
        FixedType input = root.has("input") ? type(text(root, "input", ""), "input") : null;
        Map<String, Map<String, FixedType>> layers = new TreeMap<>();
        JsonNode l = root.path("layers");
        if (!l.isMissingNode()) {
            if (!l.isObject()) {
                throw new IllegalArgumentException("layers must be an object of layer name → {role: type}, got " + l);
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = l.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!e.getValue().isObject()) {
                    throw new IllegalArgumentException("layers." + e.getKey() + " must be an object of role → type, got " + e.getValue());
                }
                Map<String, FixedType> roles = new TreeMap<>();
                for (Iterator<Map.Entry<String, JsonNode>> r = e.getValue().fields(); r.hasNext(); ) {
                    Map.Entry<String, JsonNode> role = r.next();
                    String path = "layers." + e.getKey() + "." + role.getKey();
                    if (!role.getValue().isTextual()) {
                        throw new IllegalArgumentException(path + " must be a type string such as ap_fixed<8,2,AP_RND_CONV,AP_SAT>, got "
                                + role.getValue());
                    }
                    roles.put(role.getKey(), type(role.getValue().asText(), path));
                }
                layers.put(e.getKey(), roles);
            }
        }
        try {
            return new PrecisionConfig(width, constantWidth, margin, cr, dr, o, input, layers);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("default." + e.getMessage(), e);
        }
    }

    private static FixedType type(String text, String path) {
        return at(path, () -> FixedType.parse(text));
    }

    private static <T> T at(String path, java.util.function.Supplier<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(path + ": " + e.getMessage(), e);
        }
    }

    private static void requireKnown(JsonNode node, Set<String> known, String prefix) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!known.contains(f)) {
                throw new IllegalArgumentException("unknown field " + prefix + f + "; expected one of "
                        + new java.util.TreeSet<>(known));
            }
        }
    }

    private static int intField(JsonNode d, String field, int fallback) {
        JsonNode v = d.path(field);
        if (v.isMissingNode()) {
            return fallback;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw new IllegalArgumentException("default." + field + " must be an integer, got " + v);
        }
        return v.asInt();
    }

    private static String text(JsonNode node, String field, String prefix) {
        JsonNode v = node.get(field);
        if (!v.isTextual()) {
            throw new IllegalArgumentException(prefix + field + " must be a string, got " + v);
        }
        return v.asText();
    }
}
