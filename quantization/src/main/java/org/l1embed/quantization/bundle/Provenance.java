package org.l1embed.quantization.bundle;

import org.l1embed.quantization.json.StrictJson;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Where a model bundle came from ({@code provenance.json}): the training configuration, the seeds, a fingerprint
 * of the training data, the code version, the evaluation metrics, and the creation time — the only timestamp
 * anywhere in a bundle, so that everything else is a pure function of the inputs and seeds.
 *
 * <p>{@code trainingConfig} and {@code metrics} are free-form JSON objects owned by the stage that trains and
 * evaluates. They are held in a canonical form: object keys sorted (recursively), numbers as Jackson reads them
 * back from text. So equal values give equal bytes and {@code parse(toJson())} equals the original. Numbers
 * must be finite (JSON has no NaN or infinity). The JSON nodes are copied in and out; the record is immutable.
 *
 * @param trainingConfig     the training configuration as a JSON object (may be empty)
 * @param seeds              named seeds (e.g. {@code init}, {@code shuffle}); names non-blank; may be empty
 * @param datasetFingerprint identifies the training data (e.g. {@code sha256:<hex>} of the files), non-blank
 * @param codeVersion        the l1embed version that produced the bundle (e.g. {@code 0.1.0+git.59c14b7}), non-blank
 * @param metrics            evaluation metrics as a JSON object (may be empty)
 * @param createdAt          when the bundle was created
 */
public record Provenance(ObjectNode trainingConfig, SortedMap<String, Long> seeds, String datasetFingerprint,
                         String codeVersion, ObjectNode metrics, Instant createdAt) {

    /** The value of the {@code format} field. */
    public static final String FORMAT = "l1embed-provenance";

    /** The version of the {@code provenance.json} schema this code reads and writes. */
    public static final int SCHEMA_VERSION = 1;

    private static final ObjectMapper MAPPER = StrictJson.MAPPER;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<String> FIELDS = List.of("format", "schemaVersion", "createdAt", "codeVersion",
            "datasetFingerprint", "seeds", "trainingConfig", "metrics");

    public Provenance {
        trainingConfig = canonical("trainingConfig", trainingConfig);
        metrics = canonical("metrics", metrics);
        Objects.requireNonNull(seeds, "seeds must not be null (use an empty map)");
        TreeMap<String, Long> seedCopy = new TreeMap<>();
        for (Map.Entry<String, Long> e : seeds.entrySet()) {
            if (e.getKey() == null || e.getKey().isBlank()) {
                throw new IllegalArgumentException("seeds: seed names must be non-blank, got "
                        + (e.getKey() == null ? "null" : "'" + e.getKey() + "'"));
            }
            seedCopy.put(e.getKey(), Objects.requireNonNull(e.getValue(), () -> "seeds." + e.getKey() + " must not be null"));
        }
        seeds = Collections.unmodifiableSortedMap(seedCopy);
        requireNonBlank("datasetFingerprint", datasetFingerprint);
        requireNonBlank("codeVersion", codeVersion);
        Objects.requireNonNull(createdAt, "createdAt must not be null");
    }

    /** A copy of the training configuration. */
    @Override
    public ObjectNode trainingConfig() {
        return trainingConfig.deepCopy();
    }

    /** A copy of the metrics. */
    @Override
    public ObjectNode metrics() {
        return metrics.deepCopy();
    }

    /** This provenance with other metrics (e.g. after evaluation). */
    public Provenance withMetrics(ObjectNode newMetrics) {
        return new Provenance(trainingConfig, seeds, datasetFingerprint, codeVersion, newMetrics, createdAt);
    }

    // ---------------------------------------------------------------- JSON

    /**
     * The JSON text of {@code provenance.json}: deterministic, top-level fields in a fixed order, nested keys
     * sorted, two-space indentation, arrays on one line, ending in a newline. {@code createdAt} is ISO-8601 UTC
     * ({@link Instant#toString()}).
     */
    public String toJson() {
        ObjectNode root = NODES.objectNode();
        root.put("format", FORMAT);
        root.put("schemaVersion", SCHEMA_VERSION);
        root.put("createdAt", createdAt.toString());
        root.put("codeVersion", codeVersion);
        root.put("datasetFingerprint", datasetFingerprint);
        ObjectNode s = root.putObject("seeds");
        seeds.forEach(s::put);
        root.set("trainingConfig", trainingConfig.deepCopy());
        root.set("metrics", metrics.deepCopy());
        return render(root) + "\n";
    }

    /**
     * Parses the text of {@code provenance.json}. Strict: every field of {@link #toJson()} is required, and
     * unknown fields are errors.
     *
     * @throws IllegalArgumentException naming the field, the value and the rule
     */
    public static Provenance parse(String json) {
        JsonNode root = StrictJson.readObject(json, "provenance");
        Iterator<String> names = root.fieldNames();
        while (names.hasNext()) {
            String f = names.next();
            if (!FIELDS.contains(f)) {
                throw new IllegalArgumentException("unknown field '" + f + "', expected one of " + new TreeSet<>(FIELDS));
            }
        }
        String format = text(root, "format");
        if (!FORMAT.equals(format)) {
            throw new IllegalArgumentException("format must be '" + FORMAT + "', got '" + format + "'");
        }
        JsonNode version = required(root, "schemaVersion");
        if (!version.isIntegralNumber() || !version.canConvertToInt() || version.intValue() != SCHEMA_VERSION) {
            throw new IllegalArgumentException("schemaVersion " + version + " is not supported; this l1embed reads version "
                    + SCHEMA_VERSION);
        }
        String created = text(root, "createdAt");
        Instant createdAt;
        try {
            createdAt = Instant.parse(created);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("createdAt must be an ISO-8601 UTC instant like 2025-01-31T12:00:00Z, got '"
                    + created + "'", e);
        }
        JsonNode seedsNode = object(root, "seeds");
        SortedMap<String, Long> seeds = new TreeMap<>();
        for (Map.Entry<String, JsonNode> e : seedsNode.properties()) {
            JsonNode v = e.getValue();
            if (!v.isIntegralNumber() || !v.canConvertToLong()) {
                throw new IllegalArgumentException("seeds." + e.getKey() + " must be a 64-bit integer, got " + v);
            }
            seeds.put(e.getKey(), v.longValue());
        }
        return new Provenance((ObjectNode) object(root, "trainingConfig"), seeds, text(root, "datasetFingerprint"),
                text(root, "codeVersion"), (ObjectNode) object(root, "metrics"), createdAt);
    }

    // ---------------------------------------------------------------- helpers

    private static ObjectNode canonical(String field, ObjectNode node) {
        Objects.requireNonNull(node, () -> field + " must not be null (use an empty object)");
        JsonNode sorted = sortedCopy(field, node);
        try {
            // Through text once, so that numbers have the node types Jackson reads back (IntNode, DoubleNode, ...).
            return (ObjectNode) MAPPER.readTree(render(sorted));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot re-read canonical JSON of " + field, e);
        }
    }

    private static JsonNode sortedCopy(String path, JsonNode node) {
        if (node.isObject()) {
            ObjectNode out = NODES.objectNode();
            TreeMap<String, JsonNode> fields = new TreeMap<>();
            node.properties().forEach(e -> fields.put(e.getKey(), e.getValue()));
            fields.forEach((k, v) -> out.set(k, sortedCopy(path + "." + k, v)));
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = NODES.arrayNode();
            for (int i = 0; i < node.size(); i++) {
                out.add(sortedCopy(path + "[" + i + "]", node.get(i)));
            }
            return out;
        }
        if (node.isNumber() && !node.isIntegralNumber() && !Double.isFinite(node.doubleValue())) {
            throw new IllegalArgumentException(path + " must be a finite number (JSON has no NaN or infinity), got "
                    + node.doubleValue());
        }
        if (!node.isValueNode()) {
            throw new IllegalArgumentException(path + " must be plain JSON (object, array, string, number, boolean, null), got "
                    + node.getNodeType());
        }
        return node.deepCopy();
    }

    private static String render(JsonNode node) {
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                .withArrayIndenter(DefaultPrettyPrinter.NopIndenter.instance);
        try {
            return MAPPER.writer(printer).writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render provenance JSON", e);
        }
    }

    private static void requireNonBlank(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " must be a non-blank string, got " + (value == null ? "null" : "'" + value + "'"));
        }
    }

    private static JsonNode required(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException(field + " is missing");
        }
        return v;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = required(node, field);
        if (!v.isTextual()) {
            throw new IllegalArgumentException(field + " must be a string, got " + v);
        }
        return v.asText();
    }

    private static JsonNode object(JsonNode node, String field) {
        JsonNode v = required(node, field);
        if (!v.isObject()) {
            throw new IllegalArgumentException(field + " must be an object, got " + v.getNodeType());
        }
        return v;
    }
}
