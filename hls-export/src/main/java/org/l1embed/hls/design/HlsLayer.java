package org.l1embed.hls.design;

import java.util.List;
import org.l1embed.hls.estimate.LayerEstimate;
import org.l1embed.quantization.fixed.FixedType;
import org.l1embed.quantization.network.Layer;

/**
 * One layer as the HLS project has it.
 *
 * @param index        position in the network, from 0
 * @param layer        the network layer (its name is a C identifier)
 * @param input        the typedef of the values entering the layer
 * @param types        the layer's own typedefs, result last
 * @param reuseFactor  1 for element-wise layers
 * @param estimate     resources and latency
 * @param constants    the layer's constants as raw integers of their types, in the order of {@code types}
 */
public record HlsLayer(int index, Layer layer, TensorType input, List<TensorType> types, int reuseFactor,
                       LayerEstimate estimate, List<ConstantTensor> constants) {

    public HlsLayer {
        types = List.copyOf(types);
        constants = List.copyOf(constants);
    }

    public String name() {
        return layer.name();
    }

    /** The typedef of a role of this layer. */
    public TensorType type(String role) {
        return types.stream().filter(t -> t.role().equals(role)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("layer '" + name() + "' has no '" + role + "' type"));
    }

    /** The result typedef. */
    public TensorType result() {
        return types.get(types.size() - 1);
    }

    /** Name of the array holding this layer's output in the top function. */
    public String outputArray() {
        return name() + "_out";
    }

    /** Name of the config struct in {@code parameters.h}. */
    public String configName() {
        return "config_" + name();
    }

    /** Width of the exact sum x·scale + shift of a BatchNorm, for estimates. */
    static FixedType batchNormSum(FixedType in, FixedType scale, FixedType shift) {
        return in.productType(scale).sumType(shift);
    }
}
