package org.l1embed.quantization.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;

/**
 * Field checks shared by the small JSON documents of a bundle ({@code score.json}, {@code nuisance.json}): each failure
 * is an {@link IllegalArgumentException} naming the JSON path, the value found and what was expected.
 */
public final class JsonFields {

    private JsonFields() {
    }

    /** A finite number at {@code at}. */
    public static double number(JsonNode v, String at) {
        if (!v.isNumber() || !Double.isFinite(v.asDouble())) {
            throw new IllegalArgumentException(at + ": expected a finite number, got " + v);
        }
        return v.asDouble();
    }

    /** An array of exactly {@code expected} finite numbers at {@code at}. */
    public static double[] numbers(JsonNode array, String at, int expected) {
        if (!array.isArray() || array.size() != expected) {
            throw new IllegalArgumentException(at + ": expected an array of " + expected + " numbers, got " + array);
        }
        double[] out = new double[expected];
        for (int i = 0; i < expected; i++) {
            out[i] = number(array.get(i), at + "[" + i + "]");
        }
        return out;
    }

    /** An integer of at least {@code min} at {@code at}. */
    public static int integer(JsonNode v, String at, int min) {
        if (!v.isInt() || v.asInt() < min) {
            throw new IllegalArgumentException(at + ": expected an integer >= " + min + ", got " + v);
        }
        return v.asInt();
    }

    /** A string at {@code at}. */
    public static String text(JsonNode v, String at) {
        if (!v.isTextual()) {
            throw new IllegalArgumentException(at + ": expected a string, got " + v);
        }
        return v.asText();
    }

    /** {@code root.field} must be the string {@code expected}. */
    public static void requireText(JsonNode root, String field, String expected) {
        JsonNode v = root.path(field);
        if (!v.isTextual() || !v.asText().equals(expected)) {
            throw new IllegalArgumentException(field + ": expected \"" + expected + "\", got " + v);
        }
    }

    /** Every field of {@code node} must be one of {@code known}; {@code prefix} is the node's path with a trailing dot. */
    public static void requireKnown(JsonNode node, Set<String> known, String prefix) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!known.contains(f)) {
                throw new IllegalArgumentException("unknown field " + prefix + f + "; expected one of " + new TreeSet<>(known));
            }
        }
    }
}
