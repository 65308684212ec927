package org.l1embed.quantization.network;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The layer kinds a {@link NetworkSpec} can hold, with their names in the JSON form. */
public enum LayerKind {
    DENSE("dense"),
    BATCH_NORM("batchnorm"),
    RELU("relu"),
    LEAKY_RELU("leaky_relu"),
    LINEAR("linear");

    private final String jsonName;

    LayerKind(String jsonName) {
        this.jsonName = jsonName;
    }

    /** The name used in {@code network.json}. */
    public String jsonName() {
        return jsonName;
    }

    /**
     * The kind with the given JSON name.
     *
     * @throws IllegalArgumentException naming the value and the known kinds
     */
    public static LayerKind fromJsonName(String name) {
        for (LayerKind k : values()) {
            if (k.jsonName.equals(name)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown layer kind '" + name + "', expected one of "
                + Arrays.stream(values()).map(LayerKind::jsonName).collect(Collectors.joining(", ")));
    }
}
