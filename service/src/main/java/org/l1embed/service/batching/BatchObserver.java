package org.l1embed.service.batching;

/**
 * What the batcher reports, for metrics. Called on the thread that computes; implementations must be cheap and
 * thread-safe, and must not throw.
 */
public interface BatchObserver {

    /** A request left the queue (or was computed directly, with {@code queueNanos} 0). */
    void dequeued(Lane lane, long queueNanos);

    /** One backend call: {@code events} events of {@code requests} requests in {@code computeNanos}. */
    void executed(Lane lane, int events, int requests, long computeNanos);

    /** A request whose deadline had passed was answered DEADLINE_EXCEEDED without being computed. */
    void expired(Lane lane);

    /** Observes nothing. */
    BatchObserver NONE = new BatchObserver() {
        @Override
        public void dequeued(Lane lane, long queueNanos) {
        }

        @Override
        public void executed(Lane lane, int events, int requests, long computeNanos) {
        }

        @Override
        public void expired(Lane lane) {
        }
    };
}
