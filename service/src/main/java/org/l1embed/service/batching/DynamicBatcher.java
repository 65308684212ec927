package org.l1embed.service.batching;

import static org.l1embed.service.errors.ServiceException.deadlineExceeded;
import static org.l1embed.service.errors.ServiceException.resourceExhausted;
import static org.l1embed.service.errors.ServiceException.unavailable;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Merges concurrent small requests into batches, as Triton's dynamic batcher does: per {@link Lane} (model version and
 * backend), a batch starts with the oldest waiting request and takes the following ones until it holds
 * {@link BatchPolicy#maxBatch()} events or the oldest has waited {@link BatchPolicy#maxDelayNanos()}; then one
 * {@link BatchKernel#compute} runs and the outputs are split back per request. Requests already waiting when the delay
 * has passed still join (up to the batch limit), so a backlog drains in full batches.
 *
 * <p>Each lane has at most one thread forming and computing its batches at a time (taken from a cached pool and given
 * back when the lane's queue is empty), so a lane's backend calls never overlap; requests computed directly (large
 * ones, or all when batching is disabled) run on the caller's thread, concurrently.
 *
 * <p>Requests carry a model <em>instance</em> (the loaded model a request leased): only requests of the same instance
 * are merged, so during a reload a batch never mixes the old and the new model.
 *
 * <p>Deadlines: a request whose deadline has passed when its batch starts is answered DEADLINE_EXCEEDED and not
 * computed. Refusals: a full lane queue answers RESOURCE_EXHAUSTED naming {@code l1embed.batching.max-queue}.
 */
public final class DynamicBatcher implements AutoCloseable {

    /** The deadline of a request that has none. */
    public static final long NO_DEADLINE = Long.MAX_VALUE;

    private static final Logger LOG = Logger.getLogger(DynamicBatcher.class);

    private final BatchPolicy policy;
    private final BatchObserver observer;
    private final ExecutorService drainers;
    private final ConcurrentMap<Lane, LaneQueue> lanes = new ConcurrentHashMap<>();
    private volatile boolean closed;

    public DynamicBatcher(BatchPolicy policy, BatchObserver observer) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.observer = Objects.requireNonNull(observer, "observer");
        AtomicInteger threads = new AtomicInteger();
        this.drainers = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "l1embed-batch-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    public BatchPolicy policy() {
        return policy;
    }

    /**
     * Computes a request: merged with others when batching is enabled and the request has fewer than
     * {@code maxBatch} events, otherwise directly on the calling thread (the returned future is then already done).
     *
     * @param lane          the model version and backend
     * @param instance      the loaded model the request holds; only requests of the same instance are merged
     * @param kernel        computes batches of this instance and backend
     * @param features      {@code events × size} raw features
     * @param events        the number of events, >= 1
     * @param deadlineNanos the request's deadline on the {@link System#nanoTime()} clock, or {@link #NO_DEADLINE}
     * @return the request's outputs; completes exceptionally with a {@code ServiceException} (DEADLINE_EXCEEDED,
     *         RESOURCE_EXHAUSTED, UNAVAILABLE) or the kernel's exception
     */
    public <O> CompletableFuture<O> submit(Lane lane, Object instance, BatchKernel<O> kernel, float[] features, int events,
            long deadlineNanos) {
        Pending<O> p = new Pending<>(lane, instance, kernel, features, events, deadlineNanos, System.nanoTime());
        if (closed) {
            p.future.completeExceptionally(unavailable("the service is shutting down"));
            return p.future;
        }
        if (!policy.enabled() || events >= policy.maxBatch()) {
            run(lane, List.of(p), p.enqueuedNanos);
            return p.future;
        }
        LaneQueue q = lanes.computeIfAbsent(lane, l -> new LaneQueue(l, policy.maxQueue()));
        if (!q.queue.offer(p)) {
            p.future.completeExceptionally(resourceExhausted("l1embed.batching.max-queue: " + policy.maxQueue()
                    + " requests are already waiting for " + lane.label() + "; retry later"));
            return p.future;
        }
        schedule(q);
        return p.future;
    }

    private void schedule(LaneQueue q) {
        if (q.draining.compareAndSet(false, true)) {
            try {
                drainers.execute(() -> drain(q));
            } catch (RejectedExecutionException e) {   // closed meanwhile
                q.draining.set(false);
                failAll(q);
            }
        }
    }

    /** Forms and runs batches until the lane's queue is empty; one drainer per lane at a time. */
    private void drain(LaneQueue q) {
        try {
            while (true) {
                List<Pending<?>> batch = nextBatch(q);
                if (batch.isEmpty()) {
                    q.draining.set(false);
                    // a request offered after the last poll but before the flag was cleared found the flag set
                    if (q.queue.isEmpty() || !q.draining.compareAndSet(false, true)) {
                        return;
                    }
                    continue;
                }
                run(q.lane, batch, System.nanoTime());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            q.draining.set(false);
            failAll(q);
        } catch (RuntimeException | Error e) {   // not expected: run() completes every future itself
            LOG.errorf(e, "batching %s failed", q.lane.label());
            q.draining.set(false);
            failAll(q);
        }
    }

    private List<Pending<?>> nextBatch(LaneQueue q) throws InterruptedException {
        Pending<?> first = q.carry != null ? q.carry : q.queue.poll();
        q.carry = null;
        if (first == null) {
            return List.of();
        }
        List<Pending<?>> batch = new ArrayList<>();
        batch.add(first);
        int events = first.events;
        long flushAt = first.enqueuedNanos + policy.maxDelayNanos();
        while (events < policy.maxBatch()) {
            long wait = flushAt - System.nanoTime();
            Pending<?> next = wait > 0 ? q.queue.poll(wait, TimeUnit.NANOSECONDS) : q.queue.poll();
            if (next == null) {
                break;
            }
            if (next.instance != first.instance || events + next.events > policy.maxBatch()) {
                q.carry = next;   // starts the next batch
                break;
            }
            batch.add(next);
            events += next.events;
        }
        return batch;
    }

    /** Computes one batch (all of the same lane and instance) and completes every request's future. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private void run(Lane lane, List<? extends Pending<?>> batch, long startNanos) {
        List<Pending> live = new ArrayList<>(batch.size());
        int events = 0;
        for (Pending<?> p : batch) {
            observer.dequeued(lane, startNanos - p.enqueuedNanos);
            if (p.future.isDone()) {
                continue;   // cancelled by the caller
            }
            if (p.deadlineNanos != NO_DEADLINE && startNanos - p.deadlineNanos >= 0) {
                observer.expired(lane);
                p.future.completeExceptionally(deadlineExceeded("the request's deadline passed after "
                        + micros(startNanos - p.enqueuedNanos) + " µs waiting for " + lane.label() + "; it was not computed"));
                continue;
            }
            live.add(p);
            events += p.events;
        }
        if (live.isEmpty()) {
            return;
        }
        BatchKernel kernel = live.get(0).kernel;
        float[] features = live.size() == 1 ? live.get(0).features : concatenate(live, events);
        Object outputs;
        long t0 = System.nanoTime();
        try {
            outputs = kernel.compute(features, events);
        } catch (RuntimeException | Error e) {
            for (Pending p : live) {
                p.future.completeExceptionally(e);
            }
            return;
        }
        observer.executed(lane, events, live.size(), System.nanoTime() - t0);
        if (live.size() == 1) {
            live.get(0).future.complete(outputs);
            return;
        }
        int from = 0;
        for (Pending p : live) {
            try {
                p.future.complete(kernel.slice(outputs, from, p.events));
            } catch (RuntimeException | Error e) {
                p.future.completeExceptionally(e);
            }
            from += p.events;
        }
    }

    @SuppressWarnings("rawtypes")
    private static float[] concatenate(List<Pending> batch, int events) {
        int size = batch.get(0).features.length / batch.get(0).events;
        float[] out = new float[events * size];
        int at = 0;
        for (Pending p : batch) {
            System.arraycopy(p.features, 0, out, at, p.features.length);
            at += p.features.length;
        }
        return out;
    }

    private static long micros(long nanos) {
        return TimeUnit.NANOSECONDS.toMicros(nanos);
    }

    private void failAll(LaneQueue q) {
        Pending<?> p;
        if (q.carry != null) {
            q.carry.future.completeExceptionally(unavailable("the service is shutting down"));
            q.carry = null;
        }
        while ((p = q.queue.poll()) != null) {
            p.future.completeExceptionally(unavailable("the service is shutting down"));
        }
    }

    /** Refuses new requests and answers the waiting ones UNAVAILABLE. */
    @Override
    public void close() {
        closed = true;
        drainers.shutdownNow();
        for (LaneQueue q : lanes.values()) {
            failAll(q);
        }
    }

    /** One request waiting in a lane. */
    private static final class Pending<O> {
        final Lane lane;
        final Object instance;
        final BatchKernel<O> kernel;
        final float[] features;
        final int events;
        final long deadlineNanos;
        final long enqueuedNanos;
        final CompletableFuture<O> future = new CompletableFuture<>();

        Pending(Lane lane, Object instance, BatchKernel<O> kernel, float[] features, int events, long deadlineNanos,
                long enqueuedNanos) {
            if (events < 1 || features.length % events != 0) {
                throw new IllegalArgumentException("expected events >= 1 and a multiple of events values, got events=" + events
                        + ", values=" + features.length);
            }
            this.lane = lane;
            this.instance = Objects.requireNonNull(instance, "instance");
            this.kernel = Objects.requireNonNull(kernel, "kernel");
            this.features = features;
            this.events = events;
            this.deadlineNanos = deadlineNanos;
            this.enqueuedNanos = enqueuedNanos;
        }
    }

    /** A lane's queue; {@code carry} is touched only by the lane's current drainer. */
    private static final class LaneQueue {
        final Lane lane;
        final LinkedBlockingQueue<Pending<?>> queue;
        final AtomicBoolean draining = new AtomicBoolean();
        Pending<?> carry;

        LaneQueue(Lane lane, int capacity) {
            this.lane = lane;
            this.queue = new LinkedBlockingQueue<>(capacity);
        }
    }
}
