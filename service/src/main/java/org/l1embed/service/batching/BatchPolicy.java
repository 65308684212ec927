package org.l1embed.service.batching;

/**
 * How requests are merged.
 *
 * @param enabled        false: every request is computed on its own, on the calling thread
 * @param maxBatch       the most events of a merged call, >= 1; requests with at least this many events are computed on
 *                       their own without waiting
 * @param maxDelayNanos  how long the oldest request of a batch may wait for more, in nanoseconds, >= 0
 * @param maxQueue       the most requests waiting per lane (model version and backend), >= 1
 */
public record BatchPolicy(boolean enabled, int maxBatch, long maxDelayNanos, int maxQueue) {

    public BatchPolicy {
        if (maxBatch < 1) {
            throw new IllegalArgumentException("l1embed.batching.max-batch must be >= 1, got " + maxBatch);
        }
        if (maxDelayNanos < 0) {
            throw new IllegalArgumentException("l1embed.batching.max-delay must be >= 0, got " + maxDelayNanos + " ns");
        }
        if (maxQueue < 1) {
            throw new IllegalArgumentException("l1embed.batching.max-queue must be >= 1, got " + maxQueue);
        }
    }
}
