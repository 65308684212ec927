package org.l1embed.quantization.network;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.l1embed.quantization.fixed.FixedType;
import org.l1embed.quantization.json.StrictJson;

/**
 * Reads and writes the JSON form of a {@link NetworkSpec} ({@code network.json}, schema version
 * {@value NetworkSpec#SCHEMA_VERSION}, documented in {@code docs/network-json.md} and
 * {@code docs/network-schema.json}).
 *
 * <p>Reading is strict: unknown fields, wrong shapes, bad type strings and unknown layer kinds are errors
 * whose message gives the JSON path (e.g. {@code layers[2] (dense2).weights[3]}), the value and what was
 * expected. A Dense accumulator written as {@code "auto"} is resolved with {@link AccumulatorRule} and the
 * resolution is returned as a note, so callers can show it. Writing is deterministic: the same spec gives
 * the same bytes on a given JDK; doubles are written with {@link Double#toString}, so reading back is exact
 * (JDK 17 sometimes prints a longer form than JDK 19+, so bytes may differ between JDK versions).
 */
public final class NetworkJson {

    /** The value of the {@code format} field. */
    public static final String FORMAT = "l1embed-network";

    private static final ObjectMapper MAPPER = StrictJson.MAPPER;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private NetworkJson() {
    }

    /** A parsed spec with the notes produced while reading (e.g. resolved "auto" accumulators). */
    public record Parsed(NetworkSpec spec, List<String> notes) {
        public Parsed {
            notes = List.copyOf(notes);
        }
    }

    // ---------------------------------------------------------------- reading

    /**
     * Reads a network from a file.
     *
     * @throws IOException if the file cannot be read
     * @throws IllegalArgumentException naming the file, the JSON path, the value and the rule when the content is invalid
     */
    public static Parsed read(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        try {
            return parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /** Parses a network from JSON text; see {@link #read(Path)}. */
    public static Parsed parse(String json) {
        return new Reader().read(StrictJson.readObject(json, "network"));
    }

    private static final class Reader {
        private final List<String> notes = new ArrayList<>();

        Parsed read(JsonNode root) {
            allowOnly(root, "", "format", "schemaVersion", "name", "input", "layers");
            String format = text(root, "", "format");
            if (!FORMAT.equals(format)) {
                throw new IllegalArgumentException("format must be '" + FORMAT + "', got '" + format + "'");
            }
            int version = integer(root, "", "schemaVersion");
            if (version != NetworkSpec.SCHEMA_VERSION) {
                throw new IllegalArgumentException("schemaVersion " + version + " is not supported; this l1embed reads version "
                        + NetworkSpec.SCHEMA_VERSION);
            }
            String name = text(root, "", "name");
            InputSpec input = input(required(root, "", "input"));
            JsonNode layersNode = required(root, "", "layers");
            if (!layersNode.isArray()) {
                throw new IllegalArgumentException("layers must be an array, got " + layersNode.getNodeType());
            }
            List<Layer> layers = new ArrayList<>();
            FixedType previous = input.type();
            for (int i = 0; i < layersNode.size(); i++) {
                JsonNode node = layersNode.get(i);
                String path = "layers[" + i + "]";
                if (!node.isObject()) {
                    throw new IllegalArgumentException(path + " must be an object, got " + node.getNodeType());
                }
                if (node.has("name") && node.get("name").isTextual()) {
                    path += " (" + node.get("name").asText() + ")";
                }
                Layer layer;
                try {
                    layer = layer(node, path, previous);
                } catch (IllegalArgumentException e) {
                    throw e.getMessage().startsWith("layers[") ? e : new IllegalArgumentException(path + ": " + e.getMessage(), e);
                }
                layers.add(layer);
                previous = layer.outputType().orElse(null);
            }
            return new Parsed(new NetworkSpec(name, input, layers), notes);
        }

        InputSpec input(JsonNode node) {
            allowOnly(node, "input", "shape", "type", "preprocessing");
            JsonNode shapeNode = required(node, "input", "shape");
            if (!shapeNode.isArray()) {
                throw new IllegalArgumentException("input.shape must be an array of positive integers, got " + shapeNode);
            }
            List<Integer> shape = new ArrayList<>();
            for (JsonNode d : shapeNode) {
                if (!d.canConvertToInt() || !d.isIntegralNumber()) {
                    throw new IllegalArgumentException("input.shape must be an array of positive integers, got " + shapeNode);
                }
                shape.add(d.intValue());
            }
            FixedType type = optionalType(node, "input", "type");
            Preprocessing pre = new Preprocessing.Identity();
            if (node.has("preprocessing")) {
                JsonNode p = node.get("preprocessing");
                String kind = text(p, "input.preprocessing", "kind");
                pre = switch (kind) {
                    case "none" -> {
                        allowOnly(p, "input.preprocessing", "kind");
                        yield new Preprocessing.Identity();
                    }
                    case "standardize" -> {
                        allowOnly(p, "input.preprocessing", "kind", "mean", "std");
                        yield new Preprocessing.Standardize(vector(p, "input.preprocessing", "mean"),
                                vector(p, "input.preprocessing", "std"));
                    }
                    case "standardize_nonzero" -> {
                        allowOnly(p, "input.preprocessing", "kind", "mean", "std");
                        yield new Preprocessing.StandardizeNonZero(vector(p, "input.preprocessing", "mean"),
                                vector(p, "input.preprocessing", "std"));
                    }
                    case "integer_shift" -> {
                        allowOnly(p, "input.preprocessing", "kind", "lsbExponent", "offset", "shift");
                        yield new Preprocessing.IntegerShift(vector(p, "input.preprocessing", "lsbExponent"),
                                vector(p, "input.preprocessing", "offset"), vector(p, "input.preprocessing", "shift"));
                    }
                    default -> throw new IllegalArgumentException("input.preprocessing.kind must be 'none', 'standardize', "
                            + "'standardize_nonzero' or 'integer_shift', got '" + kind + "'");
                };
            }
            return new InputSpec(shape, pre, type);
        }

        Layer layer(JsonNode node, String path, FixedType previous) {
            LayerKind kind;
            try {
                kind = LayerKind.fromJsonName(text(node, path, "kind"));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(path + ".kind: " + e.getMessage(), e);
            }
            String name = text(node, path, "name");
            return switch (kind) {
                case DENSE -> dense(node, path, name, previous);
                case BATCH_NORM -> batchNorm(node, path, name);
                case RELU -> {
                    allowOnly(node, path, "kind", "name", "size", "types");
                    JsonNode t = types(node, path, "result");
                    yield new Relu(name, integer(node, path, "size"), optionalType(t, path + ".types", "result"));
                }
                case LEAKY_RELU -> {
                    allowOnly(node, path, "kind", "name", "size", "alpha", "types");
                    JsonNode t = types(node, path, "alpha", "result");
                    yield new LeakyRelu(name, integer(node, path, "size"), number(node, path, "alpha"),
                            optionalType(t, path + ".types", "alpha"), optionalType(t, path + ".types", "result"));
                }
                case LINEAR -> {
                    allowOnly(node, path, "kind", "name", "size", "types");
                    JsonNode t = types(node, path, "result");
                    yield new Linear(name, integer(node, path, "size"), optionalType(t, path + ".types", "result"));
                }
            };
        }

        Dense dense(JsonNode node, String path, String name, FixedType previous) {
            allowOnly(node, path, "kind", "name", "inputs", "outputs", "weights", "bias", "types");
            int inputs = integer(node, path, "inputs");
            int outputs = integer(node, path, "outputs");
            if (inputs <= 0 || outputs <= 0) {
                throw new IllegalArgumentException(path + ": inputs and outputs must be positive, got inputs=" + inputs
                        + ", outputs=" + outputs);
            }
            Tensor weights = matrix(node, path, "weights", inputs, outputs);
            Tensor bias = vector(node, path, "bias");
            if (bias.size() != outputs) {
                throw new IllegalArgumentException(path + ".bias: expected " + outputs + " values (outputs), got " + bias.size());
            }
            JsonNode t = types(node, path, "weight", "bias", "accumulator", "result");
            String tp = path + ".types";
            FixedType w = optionalType(t, tp, "weight");
            FixedType b = optionalType(t, tp, "bias");
            FixedType r = optionalType(t, tp, "result");
            FixedType acc;
            JsonNode accNode = t == null ? null : t.get("accumulator");
            if (accNode != null && accNode.isTextual() && accNode.asText().trim().equals("auto")) {
                if (previous == null || w == null || b == null) {
                    throw new IllegalArgumentException(tp + ".accumulator: \"auto\" needs a typed input (the previous layer's result "
                            + "or input.type), a weight type and a bias type");
                }
                acc = AccumulatorRule.auto(previous, w, b, inputs);
                notes.add(path + ": accumulator \"auto\" resolved to " + acc + " (input " + previous + ", weight " + w
                        + ", bias " + b + ", n=" + inputs + ")");
            } else if (accNode == null && w != null) {
                throw new IllegalArgumentException(tp + ".accumulator is missing: give a type or \"auto\" "
                        + "(l1embed never picks an accumulator silently)");
            } else {
                acc = optionalType(t, tp, "accumulator");
            }
            return new Dense(name, inputs, outputs, weights, bias, w, b, acc, r);
        }

        BatchNorm batchNorm(JsonNode node, String path, String name) {
            allowOnly(node, path, "kind", "name", "size", "gamma", "beta", "mean", "variance", "epsilon", "types");
            JsonNode t = types(node, path, "scale", "shift", "result");
            String tp = path + ".types";
            return new BatchNorm(name, integer(node, path, "size"), vector(node, path, "gamma"), vector(node, path, "beta"),
                    vector(node, path, "mean"), vector(node, path, "variance"), number(node, path, "epsilon"),
                    optionalType(t, tp, "scale"), optionalType(t, tp, "shift"), optionalType(t, tp, "result"));
        }

        // ---- field helpers: each error names the path, the value and the rule

        static JsonNode types(JsonNode node, String path, String... allowed) {
            JsonNode t = node.get("types");
            if (t == null || t.isNull()) {
                return null;
            }
            if (!t.isObject()) {
                throw new IllegalArgumentException(path + ".types must be an object, got " + t.getNodeType());
            }
            allowOnly(t, path + ".types", allowed);
            return t;
        }

        static void allowOnly(JsonNode node, String path, String... allowed) {
            Set<String> known = new TreeSet<>(List.of(allowed));
            Iterator<String> it = node.fieldNames();
            while (it.hasNext()) {
                String f = it.next();
                if (!known.contains(f)) {
                    throw new IllegalArgumentException((path.isEmpty() ? "" : path + ": ") + "unknown field '" + f
                            + "', expected one of " + known);
                }
            }
        }

        static JsonNode required(JsonNode node, String path, String field) {
            JsonNode v = node.get(field);
            if (v == null || v.isNull()) {
                throw new IllegalArgumentException(join(path, field) + " is missing");
            }
            return v;
        }

        static String text(JsonNode node, String path, String field) {
            JsonNode v = required(node, path, field);
            if (!v.isTextual()) {
                throw new IllegalArgumentException(join(path, field) + " must be a string, got " + v);
            }
            return v.asText();
        }

        static int integer(JsonNode node, String path, String field) {
            JsonNode v = required(node, path, field);
            if (!v.isIntegralNumber() || !v.canConvertToInt()) {
                throw new IllegalArgumentException(join(path, field) + " must be an integer, got " + v);
            }
            return v.intValue();
        }

        static double number(JsonNode node, String path, String field) {
            JsonNode v = required(node, path, field);
            if (!v.isNumber()) {
                throw new IllegalArgumentException(join(path, field) + " must be a number, got " + v);
            }
            return v.doubleValue();
        }

        static FixedType optionalType(JsonNode node, String path, String field) {
            if (node == null) {
                return null;
            }
            JsonNode v = node.get(field);
            if (v == null || v.isNull()) {
                return null;
            }
            if (!v.isTextual()) {
                throw new IllegalArgumentException(join(path, field) + " must be a type string such as \"ap_fixed<16,6>\", got " + v);
            }
            try {
                return FixedType.parse(v.asText());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(join(path, field) + ": " + e.getMessage(), e);
            }
        }

        static Tensor vector(JsonNode node, String path, String field) {
            JsonNode v = required(node, path, field);
            if (!v.isArray() || v.isEmpty()) {
                throw new IllegalArgumentException(join(path, field) + " must be a non-empty array of numbers, got " + abbreviate(v));
            }
            double[] values = new double[v.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = element(v.get(i), join(path, field) + "[" + i + "]");
            }
            return Tensor.vector(values);
        }

        static Tensor matrix(JsonNode node, String path, String field, int rows, int cols) {
            JsonNode v = required(node, path, field);
            String p = join(path, field);
            if (!v.isArray() || v.size() != rows) {
                throw new IllegalArgumentException(p + ": expected " + rows + " rows of " + cols + " values ([inputs][outputs]), got "
                        + (v.isArray() ? v.size() + " rows" : v.getNodeType().toString()));
            }
            double[] values = new double[rows * cols];
            for (int r = 0; r < rows; r++) {
                JsonNode row = v.get(r);
                if (!row.isArray() || row.size() != cols) {
                    throw new IllegalArgumentException(p + "[" + r + "]: expected " + cols + " values (outputs), got "
                            + (row.isArray() ? row.size() + " values" : row.getNodeType().toString()));
                }
                for (int c = 0; c < cols; c++) {
                    values[r * cols + c] = element(row.get(c), p + "[" + r + "][" + c + "]");
                }
            }
            return Tensor.matrix(rows, cols, values);
        }

        static double element(JsonNode n, String path) {
            if (!n.isNumber()) {
                throw new IllegalArgumentException(path + " must be a number, got " + n);
            }
            return n.doubleValue();
        }

        static String join(String path, String field) {
            return path.isEmpty() ? field : path + "." + field;
        }

        static String abbreviate(JsonNode v) {
            String s = v.toString();
            return s.length() > 60 ? s.substring(0, 60) + "..." : s;
        }
    }

    // ---------------------------------------------------------------- writing

    /** The JSON text of a spec: deterministic, fields in a fixed order, arrays on one line, ending in a newline. */
    public static String toJson(NetworkSpec spec) {
        ObjectNode root = NODES.objectNode();
        root.put("format", FORMAT);
        root.put("schemaVersion", NetworkSpec.SCHEMA_VERSION);
        root.put("name", spec.name());
        ObjectNode input = root.putObject("input");
        ArrayNode shape = input.putArray("shape");
        spec.input().shape().forEach(shape::add);
        putType(input, "type", spec.input().type());
        ObjectNode pre = input.putObject("preprocessing");
        pre.put("kind", spec.input().preprocessing().kind());
        if (spec.input().preprocessing() instanceof Preprocessing.Standardize s) {
            putVector(pre, "mean", s.mean());
            putVector(pre, "std", s.std());
        } else if (spec.input().preprocessing() instanceof Preprocessing.StandardizeNonZero z) {
            putVector(pre, "mean", z.mean());
            putVector(pre, "std", z.std());
        } else if (spec.input().preprocessing() instanceof Preprocessing.IntegerShift t) {
            putIntegers(pre, "lsbExponent", t.lsbExponent());
            putIntegers(pre, "offset", t.offset());
            putIntegers(pre, "shift", t.shift());
        }
        ArrayNode layers = root.putArray("layers");
        for (Layer layer : spec.layers()) {
            layers.add(layerNode(layer));
        }
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                .withArrayIndenter(DefaultPrettyPrinter.NopIndenter.instance);
        try {
            return MAPPER.writer(printer).writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render network JSON", e);
        }
    }

    private static ObjectNode layerNode(Layer layer) {
        ObjectNode n = NODES.objectNode();
        n.put("kind", layer.kind().jsonName());
        n.put("name", layer.name());
        switch (layer.kind()) {
            case DENSE -> {
                Dense d = (Dense) layer;
                n.put("inputs", d.inputs());
                n.put("outputs", d.outputs());
                ArrayNode rows = n.putArray("weights");
                for (int i = 0; i < d.inputs(); i++) {
                    ArrayNode row = rows.addArray();
                    for (int j = 0; j < d.outputs(); j++) {
                        row.add(d.weights().get(i, j));
                    }
                }
                putVector(n, "bias", d.bias());
            }
            case BATCH_NORM -> {
                BatchNorm b = (BatchNorm) layer;
                n.put("size", b.size());
                putVector(n, "gamma", b.gamma());
                putVector(n, "beta", b.beta());
                putVector(n, "mean", b.mean());
                putVector(n, "variance", b.variance());
                n.put("epsilon", b.epsilon());
            }
            case LEAKY_RELU -> {
                n.put("size", layer.inputSize());
                n.put("alpha", ((LeakyRelu) layer).alpha());
            }
            case RELU, LINEAR -> n.put("size", layer.inputSize());
        }
        if (layer.isQuantized()) {
            ObjectNode types = n.putObject("types");
            for (Layer.NamedType t : layer.types()) {
                types.put(t.role(), t.type().toString());
            }
        }
        return n;
    }

    private static void putType(ObjectNode node, String field, FixedType type) {
        if (type != null) {
            node.put(field, type.toString());
        }
    }

    private static void putIntegers(ObjectNode node, String field, Tensor t) {
        ArrayNode a = node.putArray(field);
        for (int i = 0; i < t.size(); i++) {
            a.add((long) t.get(i));
        }
    }

    private static void putVector(ObjectNode node, String field, Tensor t) {
        ArrayNode a = node.putArray(field);
        for (int i = 0; i < t.size(); i++) {
            a.add(t.get(i));
        }
    }
}
