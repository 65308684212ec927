package org.l1embed.hls.design;

import java.util.Arrays;

/**
 * A layer constant (weights, biases, BatchNorm scale and shift, LeakyReLU alpha) as the raw integers of its
 * fixed-point type: the values the firmware holds.
 *
 * @param name   the C name of the array (or scalar), e.g. {@code dense1_weight}
 * @param type   its typedef and type
 * @param shape  {@code [n_in, n_out]} for weights (row-major), {@code [n]} for vectors, {@code []} for a scalar
 * @param raw    the raw values in row-major order
 */
public record ConstantTensor(String name, TensorType type, int[] shape, long[] raw) {

    public ConstantTensor {
        shape = shape.clone();
        raw = raw.clone();
    }

    public boolean isScalar() {
        return shape.length == 0;
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    @Override
    public long[] raw() {
        return raw.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConstantTensor c && name.equals(c.name) && type.equals(c.type) && Arrays.equals(shape, c.shape)
                && Arrays.equals(raw, c.raw);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * name.hashCode() + type.hashCode()) + Arrays.hashCode(raw);
    }

    @Override
    public String toString() {
        return "ConstantTensor[" + name + " " + type.type() + " " + Arrays.toString(shape) + "]";
    }
}
