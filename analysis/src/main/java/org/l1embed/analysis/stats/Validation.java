package org.l1embed.analysis.stats;

import java.util.Arrays;

/** Argument checks and index sorting shared by the tests in this package. */
final class Validation {

    private Validation() {
    }

    static void sample(String name, double[] values, double[] weights) {
        if (values.length == 0) {
            throw new IllegalArgumentException("sample " + name + ": need at least one value, got none");
        }
        if (weights.length != values.length) {
            throw new IllegalArgumentException("sample " + name + ": weights length " + weights.length
                    + " must equal values length " + values.length);
        }
        double total = 0;
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException("sample " + name + ": value " + i + " must be finite, got "
                        + values[i]);
            }
            if (!(weights[i] >= 0) || Double.isInfinite(weights[i])) {
                throw new IllegalArgumentException("sample " + name + ": weight " + i
                        + " must be finite and >= 0, got " + weights[i]);
            }
            total += weights[i];
        }
        if (!(total > 0)) {
            throw new IllegalArgumentException("sample " + name + ": weights must have a positive sum, got "
                    + total);
        }
    }

    /** Indices that sort {@code values} ascending (stable). */
    static int[] sortOrder(double[] values) {
        // the JDK has no primitive sort with a comparator; boxing costs little at these sizes
        Integer[] boxed = new Integer[values.length];
        for (int i = 0; i < boxed.length; i++) {
            boxed[i] = i;
        }
        Arrays.sort(boxed, (p, q) -> Double.compare(values[p], values[q]));
        int[] order = new int[boxed.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = boxed[i];
        }
        return order;
    }
}
