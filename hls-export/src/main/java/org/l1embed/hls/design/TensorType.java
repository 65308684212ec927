package org.l1embed.hls.design;

import org.l1embed.quantization.fixed.FixedType;

/**
 * One tensor's typedef in {@code defines.h}.
 *
 * @param role    "input", "weight", "bias", "accum", "result", "scale", "shift" or "alpha"
 * @param typedef the C++ type name, e.g. {@code dense1_weight_t}
 * @param type    the fixed-point type
 */
public record TensorType(String role, String typedef, FixedType type) {
}
