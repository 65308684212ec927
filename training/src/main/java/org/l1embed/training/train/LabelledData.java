package org.l1embed.training.train;

import java.util.Objects;

/**
 * Events with integer class labels, as plain arrays: {@code x} holds {@code events() × features} values
 * row-major (event-major), {@code labels} one class id per event.
 *
 * <p>The arrays are not copied (a training set can be gigabytes): the caller must not change them while they
 * are in use. Validation runs over every value once.
 *
 * @param x        row-major features, all finite
 * @param labels   class ids, each &gt;= 0 (0 … K−1; self-supervised training ignores them)
 * @param features values per event, &gt; 0
 */
public record LabelledData(float[] x, int[] labels, int features) {

    public LabelledData {
        Objects.requireNonNull(x, "x must not be null");
        Objects.requireNonNull(labels, "labels must not be null");
        if (features <= 0) {
            throw new IllegalArgumentException("features must be > 0, got features=" + features);
        }
        if (labels.length == 0) {
            throw new IllegalArgumentException("data must hold at least one event, got labels.length=0");
        }
        if ((long) labels.length * features != x.length) {
            throw new IllegalArgumentException("x must hold labels.length × features = " + labels.length + " × " + features
                    + " = " + (long) labels.length * features + " values, got x.length=" + x.length);
        }
        for (int i = 0; i < x.length; i++) {
            if (!Float.isFinite(x[i])) {
                throw new IllegalArgumentException("x must be finite, got " + x[i] + " at event " + i / features
                        + ", feature " + i % features + " (flat index " + i + ")");
            }
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0) {
                throw new IllegalArgumentException("labels must be >= 0, got labels[" + i + "]=" + labels[i]);
            }
        }
    }

    /** Events without labels (all labels 0), for self-supervised training. */
    public static LabelledData unlabelled(float[] x, int features) {
        if (features <= 0) {
            throw new IllegalArgumentException("features must be > 0, got features=" + features);
        }
        return new LabelledData(x, new int[x.length / features], features);
    }

    /** Number of events. */
    public int events() {
        return labels.length;
    }

    /** Number of classes: the largest label + 1. */
    public int classes() {
        int max = 0;
        for (int label : labels) {
            max = Math.max(max, label);
        }
        return max + 1;
    }

    /**
     * A content fingerprint (event count, features and a 64-bit hash of every value and label) used to refuse
     * resuming a checkpoint on different data.
     */
    public String fingerprint() {
        long h = 0x9E3779B97F4A7C15L ^ features;
        for (float v : x) {
            h = Seeds.mix(h + Float.floatToRawIntBits(v));
        }
        for (int label : labels) {
            h = Seeds.mix(h + label);
        }
        return events() + "x" + features + ":" + Long.toHexString(h);
    }

    @Override
    public String toString() {
        return "LabelledData[events=" + events() + ", features=" + features + "]";
    }
}
