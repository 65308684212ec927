package org.l1embed.training.model.graph;

import java.util.Arrays;
import java.util.Objects;
import org.tensorflow.op.Op;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * One float variable of a graph, as {@link GraphVariables#add} creates it: the variable, initialised in the init
 * scope from a constant, and the placeholder/assign pair that overwrites it.
 *
 * @param name     the checkpoint name, '/'-separated (e.g. {@code encoder/dense_0/kernel}); the graph ops are
 *                 named after it with '/' replaced by '.' ({@code encoder.dense_0.kernel}, {@code ….initial},
 *                 {@code ….new_value}, {@code ….set})
 * @param role     what the variable is
 * @param shape    the dimensions, each &gt;= 0, row-major; the accessor returns a copy
 * @param variable the graph variable
 * @param newValue placeholder of the value {@link #assign} writes
 * @param assign   writes {@link #newValue} into {@link #variable}
 */
public record GraphVariable(String name, VariableRole role, long[] shape, Variable<TFloat32> variable,
                            Placeholder<TFloat32> newValue, Op assign) {

    public GraphVariable {
        Objects.requireNonNull(name, "name must not be null");
        Objects.requireNonNull(role, "role must not be null");
        shape = shape.clone();
        sizeOf(shape);
        Objects.requireNonNull(variable, "variable must not be null");
        Objects.requireNonNull(newValue, "newValue must not be null");
        Objects.requireNonNull(assign, "assign must not be null");
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** The number of values, the product of the dimensions. */
    public int size() {
        return sizeOf(shape);
    }

    /**
     * The number of values of a shape.
     *
     * @throws IllegalArgumentException if a dimension is negative or the product exceeds {@code Integer.MAX_VALUE}
     */
    public static int sizeOf(long[] shape) {
        long n = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("dimensions must be >= 0, got shape " + Arrays.toString(shape));
            }
            n *= d;
            if (n > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("a variable must hold at most " + Integer.MAX_VALUE
                        + " values, got shape " + Arrays.toString(shape));
            }
        }
        return (int) n;
    }
}
