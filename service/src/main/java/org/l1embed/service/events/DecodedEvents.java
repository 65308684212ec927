package org.l1embed.service.events;

/**
 * A batch of events as a model's raw network features (before preprocessing).
 *
 * @param count    number of events, >= 1
 * @param size     values per event
 * @param features {@code count × size} values, event-major; every value finite
 */
public record DecodedEvents(int count, int size, float[] features) {

    public DecodedEvents {
        if (count < 1 || size < 1 || features.length != (long) count * size) {
            throw new IllegalArgumentException("decoded events: expected count >= 1 and count x size values, got count=" + count
                    + ", size=" + size + ", values=" + features.length);
        }
    }
}
