package org.l1embed.service.batching;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.l1embed.service.errors.ServiceException;
import org.l1embed.service.repository.ModelKey;

class DynamicBatcherTest {

    private static final Lane LANE = new Lane(new ModelKey("m", "1"), Lane.Backend.FLOAT);
    private static final Object INSTANCE = new Object();

    private DynamicBatcher batcher;

    /** Two features per event; output per event: the sum of its features. Records every batch and can be held. */
    private static final class SumKernel implements BatchKernel<float[]> {
        final ConcurrentLinkedQueue<float[]> batches = new ConcurrentLinkedQueue<>();
        final CountDownLatch computing = new CountDownLatch(1);
        volatile CountDownLatch release = new CountDownLatch(0);
        volatile String thread;

        @Override
        public float[] compute(float[] features, int events) {
            thread = Thread.currentThread().getName();
            batches.add(features.clone());
            computing.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            float[] out = new float[events];
            for (int e = 0; e < events; e++) {
                out[e] = features[2 * e] + features[2 * e + 1];
            }
            return out;
        }

        @Override
        public float[] slice(float[] outputs, int from, int count) {
            return Arrays.copyOfRange(outputs, from, from + count);
        }
    }

    private DynamicBatcher batcher(boolean enabled, int maxBatch, long maxDelayMillis, int maxQueue) {
        batcher = new DynamicBatcher(new BatchPolicy(enabled, maxBatch, TimeUnit.MILLISECONDS.toNanos(maxDelayMillis), maxQueue),
                BatchObserver.NONE);
        return batcher;
    }

    @AfterEach
    void close() {
        if (batcher != null) {
            batcher.close();
        }
    }

    private static Throwable failure(CompletableFuture<?> f) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(10, TimeUnit.SECONDS));
        return e.getCause();
    }

    @Test
    void mergesWaitingRequestsIntoOneCallAndSplitsTheOutputsInOrder() throws Exception {
        DynamicBatcher b = batcher(true, 64, 200, 100);
        SumKernel kernel = new SumKernel();
        List<CompletableFuture<float[]>> futures = new ArrayList<>();
        for (int r = 0; r < 10; r++) {
            int events = 1 + r % 3;
            float[] features = new float[2 * events];
            for (int i = 0; i < features.length; i++) {
                features[i] = 100 * r + i;
            }
            futures.add(b.submit(LANE, INSTANCE, kernel, features, events, DynamicBatcher.NO_DEADLINE));
        }
        for (int r = 0; r < 10; r++) {
            int events = 1 + r % 3;
            float[] expected = new float[events];
            for (int e = 0; e < events; e++) {
                expected[e] = (100 * r + 2 * e) + (100 * r + 2 * e + 1);
            }
            assertArrayEquals(expected, futures.get(r).get(10, TimeUnit.SECONDS), "request " + r);
        }
        assertEquals(1, kernel.batches.size(), "all ten requests arrived within the delay: one call");
        assertEquals(2 * 19, kernel.batches.peek().length);
    }

    @Test
    void aBatchNeverExceedsMaxBatchEvents() throws Exception {
        DynamicBatcher b = batcher(true, 4, 100, 100);
        SumKernel kernel = new SumKernel();
        List<CompletableFuture<float[]>> futures = new ArrayList<>();
        for (int r = 0; r < 9; r++) {
            futures.add(b.submit(LANE, INSTANCE, kernel, new float[] {r, r}, 1, DynamicBatcher.NO_DEADLINE));
        }
        for (int r = 0; r < 9; r++) {
            assertArrayEquals(new float[] {2 * r}, futures.get(r).get(10, TimeUnit.SECONDS));
        }
        assertTrue(kernel.batches.stream().allMatch(f -> f.length <= 2 * 4), "batches of at most 4 events");
        assertTrue(kernel.batches.size() >= 3);
    }

    @Test
    void neverMergesRequestsOfDifferentModelInstances() throws Exception {
        DynamicBatcher b = batcher(true, 64, 100, 100);
        SumKernel kernel = new SumKernel();
        CompletableFuture<float[]> a = b.submit(LANE, INSTANCE, kernel, new float[] {1, 2}, 1, DynamicBatcher.NO_DEADLINE);
        CompletableFuture<float[]> c = b.submit(LANE, new Object(), kernel, new float[] {3, 4}, 1, DynamicBatcher.NO_DEADLINE);
        assertArrayEquals(new float[] {3}, a.get(10, TimeUnit.SECONDS));
        assertArrayEquals(new float[] {7}, c.get(10, TimeUnit.SECONDS));
        assertEquals(2, kernel.batches.size());
    }

    @Test
    void refusesWithResourceExhaustedNamingTheLimitWhenTheQueueIsFull() throws Exception {
        DynamicBatcher b = batcher(true, 2, 0, 2);
        SumKernel kernel = new SumKernel();
        kernel.release = new CountDownLatch(1);
        CompletableFuture<float[]> first = b.submit(LANE, INSTANCE, kernel, new float[] {1, 1}, 1, DynamicBatcher.NO_DEADLINE);
        assertTrue(kernel.computing.await(10, TimeUnit.SECONDS));   // the lane's thread is busy with the first
        CompletableFuture<float[]> second = b.submit(LANE, INSTANCE, kernel, new float[] {2, 2}, 1, DynamicBatcher.NO_DEADLINE);
        CompletableFuture<float[]> third = b.submit(LANE, INSTANCE, kernel, new float[] {3, 3}, 1, DynamicBatcher.NO_DEADLINE);
        CompletableFuture<float[]> refused = b.submit(LANE, INSTANCE, kernel, new float[] {4, 4}, 1, DynamicBatcher.NO_DEADLINE);
        ServiceException e = assertInstanceOf(ServiceException.class, failure(refused));
        assertEquals(ServiceException.Kind.RESOURCE_EXHAUSTED, e.kind());
        assertEquals("l1embed.batching.max-queue: 2 requests are already waiting for model 'm' version '1' (float); retry later",
                e.getMessage());
        kernel.release.countDown();
        assertArrayEquals(new float[] {2}, first.get(10, TimeUnit.SECONDS));
        assertArrayEquals(new float[] {4}, second.get(10, TimeUnit.SECONDS));
        assertArrayEquals(new float[] {6}, third.get(10, TimeUnit.SECONDS));
    }

    @Test
    void aRequestWhoseDeadlinePassedWhileQueuedIsAnsweredDeadlineExceededAndNotComputed() throws Exception {
        DynamicBatcher b = batcher(true, 8, 0, 8);
        SumKernel kernel = new SumKernel();
        kernel.release = new CountDownLatch(1);
        CompletableFuture<float[]> first = b.submit(LANE, INSTANCE, kernel, new float[] {1, 1}, 1, DynamicBatcher.NO_DEADLINE);
        assertTrue(kernel.computing.await(10, TimeUnit.SECONDS));
        long soon = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(5);
        CompletableFuture<float[]> late = b.submit(LANE, INSTANCE, kernel, new float[] {7, 7}, 1, soon);
        CompletableFuture<float[]> patient = b.submit(LANE, INSTANCE, kernel, new float[] {8, 8}, 1, DynamicBatcher.NO_DEADLINE);
        Thread.sleep(50);
        kernel.release.countDown();
        assertArrayEquals(new float[] {2}, first.get(10, TimeUnit.SECONDS));
        assertArrayEquals(new float[] {16}, patient.get(10, TimeUnit.SECONDS));
        ServiceException e = assertInstanceOf(ServiceException.class, failure(late));
        assertEquals(ServiceException.Kind.DEADLINE_EXCEEDED, e.kind());
        assertTrue(e.getMessage().startsWith("the request's deadline passed after "), e.getMessage());
        assertTrue(e.getMessage().endsWith(" µs waiting for model 'm' version '1' (float); it was not computed"), e.getMessage());
        assertFalse(kernel.batches.stream().anyMatch(f -> f[0] == 7f), "the expired request was not computed");
    }

    @Test
    void largeRequestsAndDisabledBatchingAreComputedOnTheCallersThread() throws Exception {
        String caller = Thread.currentThread().getName();
        SumKernel kernel = new SumKernel();
        CompletableFuture<float[]> large = batcher(true, 2, 1000, 8)
                .submit(LANE, INSTANCE, kernel, new float[] {1, 2, 3, 4}, 2, DynamicBatcher.NO_DEADLINE);
        assertTrue(large.isDone());
        assertArrayEquals(new float[] {3, 7}, large.get());
        assertEquals(caller, kernel.thread);
        batcher.close();
        CompletableFuture<float[]> unbatched = batcher(false, 64, 1000, 8)
                .submit(LANE, INSTANCE, kernel, new float[] {5, 6}, 1, DynamicBatcher.NO_DEADLINE);
        assertTrue(unbatched.isDone());
        assertArrayEquals(new float[] {11}, unbatched.get());
        assertEquals(caller, kernel.thread);
    }

    @Test
    void aKernelFailureFailsEveryRequestOfItsBatch() throws Exception {
        DynamicBatcher b = batcher(true, 64, 100, 100);
        BatchKernel<float[]> failing = new BatchKernel<>() {
            @Override
            public float[] compute(float[] features, int events) {
                throw new IllegalStateException("backend broke");
            }

            @Override
            public float[] slice(float[] outputs, int from, int count) {
                return outputs;
            }
        };
        CompletableFuture<float[]> a = b.submit(LANE, INSTANCE, failing, new float[] {1, 2}, 1, DynamicBatcher.NO_DEADLINE);
        CompletableFuture<float[]> c = b.submit(LANE, INSTANCE, failing, new float[] {3, 4}, 1, DynamicBatcher.NO_DEADLINE);
        assertEquals("backend broke", failure(a).getMessage());
        assertEquals("backend broke", failure(c).getMessage());
    }

    @Test
    void policyRefusesOutOfRangeSettingsNamingTheKey() {
        assertEquals("l1embed.batching.max-batch must be >= 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> new BatchPolicy(true, 0, 0, 1)).getMessage());
        assertEquals("l1embed.batching.max-queue must be >= 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> new BatchPolicy(true, 1, 0, 0)).getMessage());
        assertEquals("l1embed.batching.max-delay must be >= 0, got -1 ns",
                assertThrows(IllegalArgumentException.class, () -> new BatchPolicy(true, 1, -1, 1)).getMessage());
    }
}
