package org.l1embed.quantization.network;

import java.util.List;
import java.util.Optional;
import org.l1embed.quantization.fixed.FixedType;

/**
 * One layer of a {@link NetworkSpec}. A layer is either float (no fixed-point types) or fully quantized
 * (every tensor typed); mixtures are rejected when the layer is built.
 */
public sealed interface Layer permits Dense, ElementwiseLayer {

    /** Unique name within the network. */
    String name();

    LayerKind kind();

    /** Number of input values. */
    int inputSize();

    /** Number of output values. */
    int outputSize();

    /** The output's fixed-point type; null for a float layer. */
    FixedType resultType();

    /** The output's fixed-point type; empty for a float layer. */
    default Optional<FixedType> outputType() {
        return Optional.ofNullable(resultType());
    }

    /** True when every tensor of this layer has a fixed-point type. */
    default boolean isQuantized() {
        return outputType().isPresent();
    }

    /** The named fixed-point types of this layer (e.g. weight, bias, accumulator, result), in a fixed order. */
    List<NamedType> types();

    /** A tensor's role and its type, for descriptions and reports. */
    record NamedType(String role, FixedType type) {
    }
}
