package org.l1embed.quantization.network;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.l1embed.quantization.fixed.FixedType;

/**
 * The network input: its logical shape (e.g. {@code [19, 4]} objects × features, flattened row-major to
 * {@code size()} values), its preprocessing, and the fixed-point type inputs are converted to (after
 * passing through float32, as a C testbench reads them).
 *
 * @param shape         positive dimensions
 * @param preprocessing never null; {@link Preprocessing.Identity} when none
 * @param type          null for a float network
 */
public record InputSpec(List<Integer> shape, Preprocessing preprocessing, FixedType type) {

    public InputSpec {
        Objects.requireNonNull(shape, "input.shape");
        Objects.requireNonNull(preprocessing, "input.preprocessing");
        shape = List.copyOf(shape);
        if (shape.isEmpty()) {
            throw new IllegalArgumentException("input.shape must have at least one dimension, got []");
        }
        for (int d : shape) {
            if (d <= 0) {
                throw new IllegalArgumentException("input.shape dimensions must be positive, got " + shape);
            }
        }
        long product = 1;
        for (int d : shape) {
            product *= d;
            if (product > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("input.shape " + shape + " has more than " + Integer.MAX_VALUE + " values");
            }
        }
        int size = (int) product;
        int constants = preprocessing instanceof Preprocessing.Standardize s ? s.mean().size()
                : preprocessing instanceof Preprocessing.StandardizeNonZero z ? z.mean().size()
                : preprocessing instanceof Preprocessing.IntegerShift t ? t.offset().size() : size;
        if (constants != size) {
            throw new IllegalArgumentException("input.preprocessing: " + preprocessing.kind() + " has " + constants
                    + " constants but the input has " + size + " values (shape " + shape + ")");
        }
    }

    /** A flat input of {@code size} values with no preprocessing. */
    public static InputSpec flat(int size, FixedType type) {
        return new InputSpec(List.of(size), new Preprocessing.Identity(), type);
    }

    /** Number of input values: the product of the shape. */
    public int size() {
        return shape.stream().reduce(1, Math::multiplyExact);
    }

    public Optional<FixedType> fixedType() {
        return Optional.ofNullable(type);
    }

    public InputSpec withType(FixedType newType) {
        return new InputSpec(shape, preprocessing, newType);
    }
}
