package org.l1embed.service.repository;

import java.util.Comparator;
import java.util.regex.Pattern;

/**
 * One model version of the repository: the bundle directory {@code <root>/<name>/<version>/}.
 *
 * @param name    the model's directory name: one or more of {@code [A-Za-z0-9._-]}, not starting with '.'
 * @param version the version's directory name, with the same rule
 */
public record ModelKey(String name, String version) implements Comparable<ModelKey> {

    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]*");
    /** The longest model name or version: a directory name on common file systems. */
    public static final int MAX_SEGMENT_LENGTH = 255;
    /** The rule, as messages state it. */
    public static final String RULE = "one or more of [A-Za-z0-9._-], not starting with '.', at most " + MAX_SEGMENT_LENGTH + " characters";
    /** How much of a client's value a message repeats. */
    private static final int QUOTED_LENGTH = 64;

    /** By name, then by {@link VersionOrder}. */
    public static final Comparator<ModelKey> ORDER = Comparator.comparing(ModelKey::name)
            .thenComparing(ModelKey::version, VersionOrder.INSTANCE);

    public ModelKey {
        requireSegment("name", name);
        requireSegment("version", version);
    }

    /** True when {@code s} is a valid model name or version (a directory name the repository reads). */
    public static boolean isValidSegment(String s) {
        return s != null && s.length() <= MAX_SEGMENT_LENGTH && SEGMENT.matcher(s).matches();
    }

    /**
     * Checks a model name or version from a request.
     *
     * @throws IllegalArgumentException naming the field and the value
     */
    static void requireSegment(String field, String value) {
        if (!isValidSegment(value)) {
            throw new IllegalArgumentException(field + " must be " + RULE + ", got " + quote(value));
        }
    }

    /**
     * A client's value for a message, in quotes: whole when short, else its start and its length, so that no message
     * grows with what a client sends (a long one would exceed a gRPC client's metadata limit).
     */
    public static String quote(String value) {
        if (value == null) {
            return "null";
        }
        return value.length() <= QUOTED_LENGTH ? "'" + value + "'"
                : "'" + value.substring(0, QUOTED_LENGTH) + "…' (" + value.length() + " characters)";
    }

    /** For messages: {@code model 'adc' version '2'}. */
    public String label() {
        return "model '" + name + "' version '" + version + "'";
    }

    @Override
    public int compareTo(ModelKey o) {
        return ORDER.compare(this, o);
    }

    @Override
    public String toString() {
        return name + "/" + version;
    }
}
