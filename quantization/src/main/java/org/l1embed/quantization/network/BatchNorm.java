package org.l1embed.quantization.network;

import java.util.List;
import org.l1embed.quantization.fixed.FixedType;

/**
 * Batch normalisation at inference: {@code y = x·scale + shift} with {@code scale = gamma / sqrt(variance + epsilon)}
 * and {@code shift = beta - mean·scale}, both derived (never stored).
 *
 * <p>Fixed-point semantics (unfolded): {@code scale} and {@code shift} are quantized to {@code scaleType} and
 * {@code shiftType}; {@code y = (result)(x·scale + shift)} at full precision. Usually it is folded into the
 * preceding Dense in float before quantization ({@link BatchNormFolding}).
 */
public record BatchNorm(String name, int size, Tensor gamma, Tensor beta, Tensor mean, Tensor variance, double epsilon,
                        FixedType scaleType, FixedType shiftType, FixedType resultType) implements ElementwiseLayer {

    public BatchNorm {
        Validation.requireName(name);
        String label = Validation.label(name, LayerKind.BATCH_NORM);
        Validation.requirePositive(label, "size", size);
        Validation.requireShape(label, "gamma", gamma, size);
        Validation.requireShape(label, "beta", beta, size);
        Validation.requireShape(label, "mean", mean, size);
        Validation.requireShape(label, "variance", variance, size);
        if (!(epsilon >= 0) || !Double.isFinite(epsilon)) {
            throw new IllegalArgumentException(label + ": epsilon must be finite and >= 0, got epsilon=" + epsilon);
        }
        for (int i = 0; i < size; i++) {
            if (!(variance.get(i) + epsilon > 0)) {
                throw new IllegalArgumentException(label + ": variance + epsilon must be > 0, got variance[" + i + "]="
                        + variance.get(i) + ", epsilon=" + epsilon);
            }
        }
        Validation.requireAllOrNone(label, List.of("scale", "shift", "result"), scaleType, shiftType, resultType);
    }

    /** scale[i] = gamma[i] / sqrt(variance[i] + epsilon), in double. */
    public double scale(int i) {
        return gamma.get(i) / Math.sqrt(variance.get(i) + epsilon);
    }

    /** shift[i] = beta[i] - mean[i]·scale[i], in double. */
    public double shift(int i) {
        return beta.get(i) - mean.get(i) * scale(i);
    }

    @Override
    public LayerKind kind() {
        return LayerKind.BATCH_NORM;
    }

    @Override
    public List<NamedType> types() {
        return isQuantized()
                ? List.of(new NamedType("scale", scaleType), new NamedType("shift", shiftType), new NamedType("result", resultType))
                : List.of();
    }
}
