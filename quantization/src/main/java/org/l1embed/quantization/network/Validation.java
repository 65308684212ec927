package org.l1embed.quantization.network;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.l1embed.quantization.fixed.FixedType;

/** Checks shared by the layer records; every message names the layer, the field, the value and the rule. */
final class Validation {

    private Validation() {
    }

    static void requireName(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("layer name must be a non-empty string, got " + (name == null ? "null" : "'" + name + "'"));
        }
    }

    static void requirePositive(String layer, String field, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(layer + ": " + field + " must be positive, got " + field + "=" + value);
        }
    }

    static void requireShape(String layer, String field, Tensor t, int... shape) {
        Objects.requireNonNull(t, () -> layer + ": " + field + " is missing");
        if (!Arrays.equals(t.shape(), shape)) {
            throw new IllegalArgumentException(layer + ": " + field + " must have shape " + Arrays.toString(shape)
                    + ", got " + Arrays.toString(t.shape()));
        }
        int bad = t.firstNonFinite();
        if (bad >= 0) {
            throw new IllegalArgumentException(layer + ": " + field + " must be finite, got " + t.get(bad)
                    + " at flat index " + bad);
        }
    }

    /** All types present (quantized layer) or all absent (float layer). */
    static void requireAllOrNone(String layer, List<String> roles, FixedType... types) {
        long present = Arrays.stream(types).filter(Objects::nonNull).count();
        if (present != 0 && present != types.length) {
            StringBuilder missing = new StringBuilder();
            for (int i = 0; i < types.length; i++) {
                if (types[i] == null) {
                    missing.append(missing.length() == 0 ? "" : ", ").append(roles.get(i));
                }
            }
            throw new IllegalArgumentException(layer + ": a layer is either float (no types) or fully quantized; "
                    + "missing types: " + missing);
        }
    }

    static String label(String name, LayerKind kind) {
        return kind.jsonName() + " layer '" + name + "'";
    }
}
