package org.l1embed.quantization.network;

import java.util.List;
import org.l1embed.quantization.fixed.FixedType;

/**
 * {@code y = x > 0 ? x : alpha·x}. In fixed point the slope is a constant of {@code alphaType}; the product
 * {@code alpha·x} is exact and then converted to {@code resultType}, as is {@code x} on the positive side.
 */
public record LeakyRelu(String name, int size, double alpha, FixedType alphaType, FixedType resultType) implements ElementwiseLayer {

    public LeakyRelu {
        Validation.requireName(name);
        String label = Validation.label(name, LayerKind.LEAKY_RELU);
        Validation.requirePositive(label, "size", size);
        if (!Double.isFinite(alpha)) {
            throw new IllegalArgumentException(label + ": alpha must be finite, got alpha=" + alpha);
        }
        Validation.requireAllOrNone(label, List.of("alpha", "result"), alphaType, resultType);
    }

    @Override
    public LayerKind kind() {
        return LayerKind.LEAKY_RELU;
    }

    @Override
    public List<NamedType> types() {
        return isQuantized() ? List.of(new NamedType("alpha", alphaType), new NamedType("result", resultType)) : List.of();
    }
}
