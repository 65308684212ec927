package org.l1embed.service.grpc;

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
import java.util.Arrays;
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
import org.l1embed.proto.v1.EmulateRequest;
import org.l1embed.proto.v1.EmulationServiceGrpc;
import org.l1embed.proto.v1.LoadModelRequest;
import org.l1embed.proto.v1.ModelServiceGrpc;
import org.l1embed.proto.v1.ModelState;
import org.l1embed.proto.v1.ReloadModelsRequest;
import org.l1embed.service.FixtureBundles;
import org.l1embed.service.RepositoryResource;

/**
 * The bounded load test of issue 6: {@value #CLIENTS} concurrent clients call {@code Embed} and {@code Emulate} for
 * {@value #SECONDS} s on loopback (batches of 1 to 8 events, so dynamic batching merges them), while the served model is
 * loaded again and the repository reloaded in the middle. No call may fail, and every answer must equal the answer
 * computed before the load started.
 */
@QuarkusTest
@WithTestResource(value = RepositoryResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class LoadTest {

    private static final int CLIENTS = 32;
    private static final int SECONDS = 10;

    @GrpcClient("l1embed")
    EmbeddingServiceGrpc.EmbeddingServiceBlockingStub embedding;

    @GrpcClient("l1embed")
    EmulationServiceGrpc.EmulationServiceBlockingStub emulation;

    @GrpcClient("l1embed")
    ModelServiceGrpc.ModelServiceBlockingStub models;

    @Test
    void thirtyTwoClientsForTenSecondsWithAReloadInTheMiddleSeeNoFailure() throws Exception {
        List<EmbedRequest> embeds = new ArrayList<>();
        List<float[]> latents = new ArrayList<>();
        List<EmulateRequest> emulates = new ArrayList<>();
        List<List<Long>> raws = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            int n = 1 + c % 8;
            float[] x = FixtureBundles.events(n, 1000 + c).networkFeatures();
            embeds.add(EmbedRequest.newBuilder().setModel(model(FixtureBundles.QUANTIZED, "2")).setEvents(tensor(x, n, 57)).build());
            latents.add(floats(embedding.embed(embeds.get(c)).getLatents()));
            emulates.add(EmulateRequest.newBuilder().setModel(model(FixtureBundles.QUANTIZED, "2")).setEvents(tensor(x, n, 57))
                    .build());
            raws.add(emulation.emulate(emulates.get(c)).getRawList());
        }
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong embedCalls = new AtomicLong();
        AtomicLong emulateCalls = new AtomicLong();
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> running = new ArrayList<>();
        long start = System.nanoTime();
        for (int c = 0; c < CLIENTS; c++) {
            int client = c;
            running.add(clients.submit(() -> {
                for (long i = 0; !stop.get(); i++) {
                    try {
                        if ((client + i) % 2 == 0) {
                            float[] got = floats(embedding.embed(embeds.get(client)).getLatents());
                            if (!Arrays.equals(latents.get(client), got)) {
                                throw new AssertionError("client " + client + ": latents differ");
                            }
                            embedCalls.incrementAndGet();
                        } else {
                            if (!raws.get(client).equals(emulation.emulate(emulates.get(client)).getRawList())) {
                                throw new AssertionError("client " + client + ": raw outputs differ");
                            }
                            emulateCalls.incrementAndGet();
                        }
                    } catch (Throwable t) {
                        failures.add(t);
                    }
                }
            }));
        }
        int reloads = 0;
        try {
            Thread.sleep(TimeUnit.SECONDS.toMillis(SECONDS) / 2);
            assertEquals(ModelState.MODEL_STATE_READY, models.load(LoadModelRequest.newBuilder()
                    .setModel(model(FixtureBundles.QUANTIZED, "2")).build()).getState());
            assertEquals(4, models.reload(ReloadModelsRequest.getDefaultInstance()).getModelsCount());
            reloads++;
            Thread.sleep(Math.max(0, TimeUnit.SECONDS.toMillis(SECONDS) - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)));
        } finally {
            stop.set(true);
            for (Future<?> f : running) {
                f.get(60, TimeUnit.SECONDS);
            }
            clients.shutdown();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("LoadTest: %d clients, %.1f s, %d Embed + %d Emulate calls (%.0f calls/s), %d reload(s), %d failed%n",
                CLIENTS, seconds, embedCalls.get(), emulateCalls.get(), (embedCalls.get() + emulateCalls.get()) / seconds, reloads,
                failures.size());
        assertTrue(failures.isEmpty(), failures.size() + " failed calls, first: " + failures.peek());
        assertTrue(embedCalls.get() > 0 && emulateCalls.get() > 0);
    }
}
