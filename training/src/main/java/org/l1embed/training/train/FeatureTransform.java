package org.l1embed.training.train;

import java.util.Objects;
import org.l1embed.quantization.network.Preprocessing;

/**
 * The preprocessing hook: turns a batch of raw event features into network inputs, in place, after the
 * augmentations ran on the raw values. Use {@link #identity()} when the data is already preprocessed (and no
 * augmentation needs raw values), or {@link #of(Preprocessing)} to apply the constants the model will carry.
 */
@FunctionalInterface
public interface FeatureTransform {

    /**
     * Transforms {@code events} events of {@code features} values each, stored row-major at the start of
     * {@code batch}, in place. Must not change the number of values per event.
     */
    void apply(float[] batch, int events, int features);

    /** Leaves the values unchanged. */
    static FeatureTransform identity() {
        return (batch, events, features) -> { };
    }

    /** Applies a model's {@link Preprocessing} event by event (float32, as every consumer of the model does). */
    static FeatureTransform of(Preprocessing preprocessing) {
        Objects.requireNonNull(preprocessing, "preprocessing");
        return (batch, events, features) -> {
            float[] raw = new float[features];
            float[] out = new float[features];
            for (int e = 0; e < events; e++) {
                System.arraycopy(batch, e * features, raw, 0, features);
                preprocessing.apply(raw, out);
                System.arraycopy(out, 0, batch, e * features, features);
            }
        };
    }
}
