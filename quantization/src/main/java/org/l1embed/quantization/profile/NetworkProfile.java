package org.l1embed.quantization.profile;

import java.util.List;
import java.util.Locale;

/**
 * The ranges of every tensor of a network, observed on {@code events} sample events.
 *
 * @param events  number of events profiled
 * @param tensors one entry per tensor, in network order (input first)
 */
public record NetworkProfile(int events, List<TensorProfile> tensors) {

    public NetworkProfile {
        tensors = List.copyOf(tensors);
    }

    /**
     * The profile of one tensor.
     *
     * @throws IllegalArgumentException if there is none with this layer and role
     */
    public TensorProfile find(String layer, String role) {
        return tensors.stream().filter(t -> t.layer().equals(layer) && t.role().equals(role)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no profile for tensor '" + role + "' of layer '" + layer + "'"));
    }

    /** A fixed-width text table: layer, tensor, min, max, integer bits needed, signedness. */
    public String toTable() {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-16s %-8s %14s %14s %6s %s%n",
                "layer", "tensor", "min", "max", "I", "sign"));
        for (TensorProfile t : tensors) {
            sb.append(String.format(Locale.ROOT, "%-16s %-8s %14.6g %14.6g %6d %s%n", t.layer(), t.role(), t.min(), t.max(),
                    t.integerBitsNeeded(), t.needsSign() ? "signed" : "unsigned"));
        }
        return sb.toString();
    }
}
