package org.l1embed.events;

import java.util.Arrays;

/**
 * A dataset shuffled and divided into training, validation and test events.
 *
 * @param train      training events
 * @param validation validation events
 * @param test       test events
 */
public record DatasetSplit(EventSet train, EventSet validation, EventSet test) {

    /**
     * Shuffles {@code all} with a permutation drawn from {@link SplitMix64} seeded with {@code seed}, then cuts it
     * into {@link SplitFractions#counts} consecutive parts. Deterministic: the same events, fractions and seed
     * give the same three sets. Copies the events (the input is left as it is).
     */
    public static DatasetSplit of(EventSet all, SplitFractions fractions, long seed) {
        int n = all.size();
        int[] order = new SplitMix64(seed).permutation(n);
        int[] counts = fractions.counts(n);
        int a = counts[0];
        int b = a + counts[1];
        return new DatasetSplit(
                all.subset(Arrays.copyOfRange(order, 0, a)),
                all.subset(Arrays.copyOfRange(order, a, b)),
                all.subset(Arrays.copyOfRange(order, b, n)));
    }

    /** Total number of events in the three parts. */
    public int size() {
        return train.size() + validation.size() + test.size();
    }
}
