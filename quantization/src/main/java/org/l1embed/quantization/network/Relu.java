package org.l1embed.quantization.network;

import java.util.List;
import org.l1embed.quantization.fixed.FixedType;

/** {@code y = x > 0 ? x : 0}, converted to {@code resultType} (its rounding and overflow modes apply). */
public record Relu(String name, int size, FixedType resultType) implements ElementwiseLayer {

    public Relu {
        Validation.requireName(name);
        Validation.requirePositive(Validation.label(name, LayerKind.RELU), "size", size);
    }

    @Override
    public LayerKind kind() {
        return LayerKind.RELU;
    }

    @Override
    public List<NamedType> types() {
        return isQuantized() ? List.of(new NamedType("result", resultType)) : List.of();
    }
}
