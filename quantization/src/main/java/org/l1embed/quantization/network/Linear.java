package org.l1embed.quantization.network;

import java.util.List;
import org.l1embed.quantization.fixed.FixedType;

/** The identity activation; in fixed point a conversion (cast) to {@code resultType}. */
public record Linear(String name, int size, FixedType resultType) implements ElementwiseLayer {

    public Linear {
        Validation.requireName(name);
        Validation.requirePositive(Validation.label(name, LayerKind.LINEAR), "size", size);
    }

    @Override
    public LayerKind kind() {
        return LayerKind.LINEAR;
    }

    @Override
    public List<NamedType> types() {
        return isQuantized() ? List.of(new NamedType("result", resultType)) : List.of();
    }
}
