package org.l1embed.quantization.network;

import java.util.List;
import org.l1embed.quantization.fixed.FixedType;

/**
 * A fully connected layer {@code y[j] = b[j] + Σ_i x[i]·w[i][j]}.
 *
 * <p>Fixed-point semantics (the HLS latency kernel's, see {@code docs/fixed-point.md}):
 * {@code acc = (accumulator) bias[j]}; for i ascending {@code acc += (accumulator)(x[i]·w[i][j])};
 * {@code y[j] = (result) acc}. Weights are quantized to {@code weightType}, biases to {@code biasType}.
 *
 * @param weights         {@code [inputs][outputs]}, row-major
 * @param bias            {@code [outputs]}
 * @param weightType      null for a float layer
 * @param biasType        null for a float layer
 * @param accumulatorType null for a float layer; never defaulted (see {@link AccumulatorRule})
 * @param resultType      null for a float layer
 */
public record Dense(String name, int inputs, int outputs, Tensor weights, Tensor bias,
                    FixedType weightType, FixedType biasType, FixedType accumulatorType, FixedType resultType)
        implements Layer {

    public Dense {
        Validation.requireName(name);
        String label = Validation.label(name, LayerKind.DENSE);
        Validation.requirePositive(label, "inputs", inputs);
        Validation.requirePositive(label, "outputs", outputs);
        Validation.requireShape(label, "weights", weights, inputs, outputs);
        Validation.requireShape(label, "bias", bias, outputs);
        Validation.requireAllOrNone(label, List.of("weight", "bias", "accumulator", "result"),
                weightType, biasType, accumulatorType, resultType);
    }

    /** A float dense layer. */
    public static Dense floating(String name, Tensor weights, Tensor bias) {
        return new Dense(name, weights.dimension(0), weights.dimension(1), weights, bias, null, null, null, null);
    }

    /** This layer with the given types. */
    public Dense withTypes(FixedType weight, FixedType biasT, FixedType accumulator, FixedType result) {
        return new Dense(name, inputs, outputs, weights, bias, weight, biasT, accumulator, result);
    }

    @Override
    public LayerKind kind() {
        return LayerKind.DENSE;
    }

    @Override
    public int inputSize() {
        return inputs;
    }

    @Override
    public int outputSize() {
        return outputs;
    }

    @Override
    public List<NamedType> types() {
        return isQuantized()
                ? List.of(new NamedType("weight", weightType), new NamedType("bias", biasType),
                        new NamedType("accumulator", accumulatorType), new NamedType("result", resultType))
                : List.of();
    }
}
