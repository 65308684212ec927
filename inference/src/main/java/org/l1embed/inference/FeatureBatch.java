package org.l1embed.inference;

/**
 * A batch of events as a model's raw network features (before preprocessing): what a client's request decodes into,
 * and what validation feeds both backends.
 *
 * @param count    number of events, >= 1
 * @param size     values per event
 * @param features {@code count × size} values, event-major; every value finite
 */
public record FeatureBatch(int count, int size, float[] features) {

    public FeatureBatch {
        if (count < 1 || size < 1 || features.length != (long) count * size) {
            throw new IllegalArgumentException("event batch: expected count >= 1 and count x size values, got count=" + count
                    + ", size=" + size + ", values=" + features.length);
        }
    }
}
