package org.l1embed.quantization.network;

import java.util.Arrays;

/**
 * An immutable dense tensor of doubles in row-major order: a bias vector ({@code [n]}) or a weight matrix
 * ({@code [in][out]}, the layout the HLS dense kernel uses). Equality is by shape and values.
 */
public final class Tensor {

    private final int[] shape;
    private final double[] values;

    private Tensor(int[] shape, double[] values) {
        this.shape = shape;
        this.values = values;
    }

    /**
     * A tensor of the given shape; {@code values} are copied.
     *
     * @throws IllegalArgumentException if a dimension is not positive or the value count does not match
     */
    public static Tensor of(int[] shape, double[] values) {
        long expected = 1;
        for (int d : shape) {
            if (d <= 0) {
                throw new IllegalArgumentException("tensor dimensions must be positive, got shape " + Arrays.toString(shape));
            }
            expected *= d;
        }
        if (expected != values.length) {
            throw new IllegalArgumentException("tensor of shape " + Arrays.toString(shape) + " needs " + expected
                    + " values, got " + values.length);
        }
        return new Tensor(shape.clone(), values.clone());
    }

    /** A vector of the given values. */
    public static Tensor vector(double... values) {
        return of(new int[] {values.length}, values);
    }

    /** A {@code rows × cols} matrix from row-major values. */
    public static Tensor matrix(int rows, int cols, double[] rowMajor) {
        return of(new int[] {rows, cols}, rowMajor);
    }

    /** A vector of {@code n} copies of {@code value}. */
    public static Tensor filled(int n, double value) {
        double[] v = new double[n];
        Arrays.fill(v, value);
        return new Tensor(new int[] {n}, v);
    }

    public int rank() {
        return shape.length;
    }

    public int dimension(int axis) {
        return shape[axis];
    }

    /** A copy of the shape. */
    public int[] shape() {
        return shape.clone();
    }

    /** Number of values. */
    public int size() {
        return values.length;
    }

    /** Value at a flat (row-major) index. */
    public double get(int index) {
        return values[index];
    }

    /** Value at {@code [row][col]} of a matrix. */
    public double get(int row, int col) {
        return values[row * shape[1] + col];
    }

    /** A copy of the values in row-major order. */
    public double[] toArray() {
        return values.clone();
    }

    /** Smallest value. */
    public double min() {
        return Arrays.stream(values).min().orElseThrow();
    }

    /** Largest value. */
    public double max() {
        return Arrays.stream(values).max().orElseThrow();
    }

    /** Index of the first NaN or infinite value, or -1. */
    public int firstNonFinite() {
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Tensor t && Arrays.equals(shape, t.shape) && Arrays.equals(values, t.values);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape) + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "Tensor" + Arrays.toString(shape);
    }
}
