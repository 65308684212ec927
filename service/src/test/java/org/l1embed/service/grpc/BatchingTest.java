package org.l1embed.service.grpc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.l1embed.service.Requests.floats;
import static org.l1embed.service.Requests.model;
import static org.l1embed.service.Requests.tensor;

import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.l1embed.proto.v1.EmbedRequest;
import org.l1embed.proto.v1.EmbeddingServiceGrpc;
import org.l1embed.proto.v1.EmulateRequest;
import org.l1embed.proto.v1.EmulationServiceGrpc;
import org.l1embed.service.FixtureBundles;
import org.l1embed.service.RepositoryResource;

/**
 * Dynamic batching (on in the test application) is invisible in the results: concurrent single-event requests get
 * exactly, bit for bit, the rows of one call with all the events.
 */
@QuarkusTest
@WithTestResource(value = RepositoryResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class BatchingTest {

    private static final int EVENTS = 96;
    private static final int CLIENTS = 16;

    @GrpcClient("l1embed")
    EmbeddingServiceGrpc.EmbeddingServiceBlockingStub embedding;

    @GrpcClient("l1embed")
    EmulationServiceGrpc.EmulationServiceBlockingStub emulation;

    @ConfigProperty(name = "l1embed.batching.enabled")
    boolean batching;

    private static float[] event(float[] features, int e) {
        return Arrays.copyOfRange(features, e * 57, (e + 1) * 57);
    }

    /** Runs {@code call(e)} for every event from {@value #CLIENTS} threads at once; results by event. */
    private static <T> List<T> concurrently(java.util.function.IntFunction<T> call) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int e = 0; e < EVENTS; e++) {
                int event = e;
                futures.add(clients.submit(() -> call.apply(event)));
            }
            List<T> out = new ArrayList<>();
            for (Future<T> f : futures) {
                out.add(f.get(60, TimeUnit.SECONDS));
            }
            return out;
        } finally {
            clients.shutdown();
        }
    }

    @Test
    void concurrentSingleEventEmbedsEqualTheRowsOfOneCall() throws Exception {
        assertEquals(true, batching, "the test application batches");
        float[] features = FixtureBundles.events(EVENTS, 61).networkFeatures();
        float[] all = floats(embedding.embed(EmbedRequest.newBuilder().setModel(model(FixtureBundles.QUANTIZED, "2"))
                .setEvents(tensor(features, EVENTS, 57)).build()).getLatents());
        List<float[]> single = concurrently(e -> floats(embedding.embed(EmbedRequest.newBuilder()
                .setModel(model(FixtureBundles.QUANTIZED, "2")).setEvents(tensor(event(features, e), 1, 57)).build())
                .getLatents()));
        for (int e = 0; e < EVENTS; e++) {
            assertArrayEquals(Arrays.copyOfRange(all, e * 4, (e + 1) * 4), single.get(e), "event " + e);
        }
    }

    @Test
    void concurrentSingleEventEmulationsEqualTheRowsOfOneCall() throws Exception {
        float[] features = FixtureBundles.events(EVENTS, 62).networkFeatures();
        List<Long> all = emulation.emulate(EmulateRequest.newBuilder().setModel(model(FixtureBundles.QUANTIZED, "1"))
                .setEvents(tensor(features, EVENTS, 57)).build()).getRawList();
        List<List<Long>> single = concurrently(e -> emulation.emulate(EmulateRequest.newBuilder()
                .setModel(model(FixtureBundles.QUANTIZED, "1")).setEvents(tensor(event(features, e), 1, 57)).build())
                .getRawList());
        for (int e = 0; e < EVENTS; e++) {
            assertEquals(all.subList(e * 4, (e + 1) * 4), single.get(e), "event " + e);
        }
    }
}
