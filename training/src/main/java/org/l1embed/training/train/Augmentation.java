package org.l1embed.training.train;

import java.util.Objects;
import java.util.SplittableRandom;

/**
 * A random change of one event's <em>raw</em> features, applied on the Java side to each row of a batch before
 * the {@link FeatureTransform} (preprocessing) runs. Implementations draw only from the generator they are given,
 * which the trainer derives from the run's seed and the step, so augmented batches are reproducible.
 * Ready-made ones are in {@link Augmentations}.
 */
@FunctionalInterface
public interface Augmentation {

    /**
     * Changes {@code values[offset … offset + features)} in place.
     *
     * @throws IllegalArgumentException if the event layout does not suit this augmentation
     */
    void apply(float[] values, int offset, int features, SplittableRandom rng);

    /** This augmentation, then {@code next}, on the same event and generator. */
    default Augmentation andThen(Augmentation next) {
        Objects.requireNonNull(next, "next");
        return (values, offset, features, rng) -> {
            apply(values, offset, features, rng);
            next.apply(values, offset, features, rng);
        };
    }

    /** Leaves events unchanged. */
    static Augmentation none() {
        return (values, offset, features, rng) -> { };
    }
}
