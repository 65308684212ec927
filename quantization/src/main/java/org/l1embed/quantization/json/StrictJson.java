package org.l1embed.quantization.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The one strictly configured Jackson mapper of l1embed, and reading a document that must be a JSON object. */
public final class StrictJson {

    /** Refuses duplicate keys and content after the document. Thread-safe once configured. */
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private StrictJson() {
    }

    /**
     * Parses {@code json}, which must be a JSON object.
     *
     * @param what how the document is named in the error, e.g. "network"
     * @throws IllegalArgumentException "malformed JSON at line L, column C: ..." or "&lt;what&gt; JSON must be an object, got ..."
     */
    public static JsonNode readObject(String json, String what) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("malformed JSON at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(what + " JSON must be an object, got " + (root == null ? "nothing" : root.getNodeType()));
        }
        return root;
    }

    /**
     * Puts a number, or JSON null where it is not finite (JSON has no NaN or infinity).
     *
     * @return {@code node}
     */
    public static com.fasterxml.jackson.databind.node.ObjectNode putFinite(com.fasterxml.jackson.databind.node.ObjectNode node,
                                                                           String field, double value) {
        if (Double.isFinite(value)) {
            node.put(field, value);
        } else {
            node.putNull(field);
        }
        return node;
    }
}
