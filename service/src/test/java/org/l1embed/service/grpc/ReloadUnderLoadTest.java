package org.l1embed.service.grpc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.l1embed.service.Requests.floats;
import static org.l1embed.service.Requests.model;
import static org.l1embed.service.Requests.tensor;

import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.l1embed.proto.v1.EmbedRequest;
import org.l1embed.proto.v1.EmbeddingServiceGrpc;
import org.l1embed.proto.v1.LoadModelRequest;
import org.l1embed.proto.v1.ModelServiceGrpc;
import org.l1embed.proto.v1.ModelState;
import org.l1embed.proto.v1.ReloadModelsRequest;
import org.l1embed.service.FixtureBundles;
import org.l1embed.service.RepositoryResource;

/** A short, bounded load test: concurrent Embed calls while the served model is loaded again and again. */
@QuarkusTest
@WithTestResource(value = RepositoryResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class ReloadUnderLoadTest {

    @GrpcClient("l1embed")
    EmbeddingServiceGrpc.EmbeddingServiceBlockingStub embedding;

    @GrpcClient("l1embed")
    ModelServiceGrpc.ModelServiceBlockingStub models;

    @Test
    void reloadingTheServedModelDropsNoRequest() throws Exception {
        EmbedRequest request = EmbedRequest.newBuilder().setModel(model(FixtureBundles.QUANTIZED, ""))
                .setEvents(tensor(FixtureBundles.events(16, 41).networkFeatures(), 16, 57)).build();
        float[] expected = floats(embedding.embed(request).getLatents());
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong calls = new AtomicLong();
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        ExecutorService clients = Executors.newFixedThreadPool(8);
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < 8; c++) {
            running.add(clients.submit(() -> {
                while (!stop.get()) {
                    try {
                        assertArrayEquals(expected, floats(embedding.embed(request).getLatents()));
                        calls.incrementAndGet();
                    } catch (Throwable t) {
                        failures.add(t);
                    }
                }
            }));
        }
        try {
            for (int i = 0; i < 10; i++) {
                assertEquals(ModelState.MODEL_STATE_READY, models.load(LoadModelRequest.newBuilder()
                        .setModel(model(FixtureBundles.QUANTIZED, "2")).build()).getState());
                assertEquals(4, models.reload(ReloadModelsRequest.getDefaultInstance()).getModelsCount());
            }
        } finally {
            stop.set(true);
            for (Future<?> f : running) {
                f.get(30, TimeUnit.SECONDS);
            }
            clients.shutdown();
        }
        assertTrue(failures.isEmpty(), failures.size() + " failed calls, first: " + failures.peek());
        assertTrue(calls.get() > 0);
    }
}
