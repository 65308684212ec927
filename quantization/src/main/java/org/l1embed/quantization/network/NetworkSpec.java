package org.l1embed.quantization.network;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.l1embed.quantization.fixed.FixedType;

/**
 * The network description every l1embed module exchanges: input, preprocessing and an ordered list of
 * layers with float weights and (for a quantized network) the fixed-point type of every tensor.
 * Independent of both the training framework and the firmware backend; changed only by named passes
 * that return new specs ({@link BatchNormFolding}, {@link AccumulatorRule}).
 *
 * <p>The JSON form is {@code network.json} ({@link NetworkJson}, schema in {@code docs/network-schema.json}).
 *
 * @param name   a short identifier, used for generated file names
 * @param input  the input description
 * @param layers at least one layer; each layer's input size equals the previous layer's output size
 */
public record NetworkSpec(String name, InputSpec input, List<Layer> layers) {

    /** The version of the JSON schema this code reads and writes. */
    public static final int SCHEMA_VERSION = 1;

    public NetworkSpec {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(layers, "layers");
        if (name == null || !name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("network name must be an identifier ([A-Za-z_][A-Za-z0-9_]*), got '" + name + "'");
        }
        layers = List.copyOf(layers);
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("network '" + name + "' must have at least one layer, got none");
        }
        Set<String> names = new HashSet<>();
        int previous = input.size();
        String previousName = "input";
        for (int i = 0; i < layers.size(); i++) {
            Layer layer = layers.get(i);
            if (!names.add(layer.name())) {
                throw new IllegalArgumentException("layers[" + i + "]: layer name '" + layer.name() + "' is used twice");
            }
            if (layer.inputSize() != previous) {
                throw new IllegalArgumentException("layers[" + i + "] (" + layer.name() + "): input size " + layer.inputSize()
                        + " does not match the output size " + previous + " of " + previousName);
            }
            previous = layer.outputSize();
            previousName = "layers[" + i + "] (" + layer.name() + ")";
        }
    }

    /** Number of output values. */
    public int outputSize() {
        return layers.get(layers.size() - 1).outputSize();
    }

    /** True when the input and every layer carry fixed-point types. */
    public boolean isQuantized() {
        return input.type() != null && layers.stream().allMatch(Layer::isQuantized);
    }

    /**
     * Returns this spec if it is quantized.
     *
     * @throws IllegalArgumentException naming the first tensor without a fixed-point type
     */
    public NetworkSpec requireQuantized() {
        if (input.type() == null) {
            throw new IllegalArgumentException("network '" + name + "' is not quantized: input.type is missing");
        }
        for (int i = 0; i < layers.size(); i++) {
            if (!layers.get(i).isQuantized()) {
                throw new IllegalArgumentException("network '" + name + "' is not quantized: layers[" + i + "] ("
                        + layers.get(i).name() + ") has no fixed-point types");
            }
        }
        return this;
    }

    /** The fixed-point type of the values entering layer {@code index} (the input type for layer 0). */
    public FixedType inputTypeOf(int index) {
        return index == 0 ? input.type() : layers.get(index - 1).outputType().orElse(null);
    }

    /** The fixed-point type of the network output. */
    public FixedType outputType() {
        return layers.get(layers.size() - 1).outputType().orElse(null);
    }

    /** This spec with other layers (validated again). */
    public NetworkSpec withLayers(List<Layer> newLayers) {
        return new NetworkSpec(name, input, newLayers);
    }

    /** This spec with another input description (validated again). */
    public NetworkSpec withInput(InputSpec newInput) {
        return new NetworkSpec(name, newInput, layers);
    }
}
