package org.l1embed.service.grpc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.l1embed.service.Requests.floats;
import static org.l1embed.service.Requests.model;
import static org.l1embed.service.Requests.tensor;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Multi;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.l1embed.events.EventLayout;
import org.l1embed.events.EventSet;
import org.l1embed.proto.v1.EmbedRequest;
import org.l1embed.proto.v1.EmbedResponse;
import org.l1embed.proto.v1.EmbedStreamResponse;
import org.l1embed.proto.v1.EmbeddingServiceGrpc;
import org.l1embed.proto.v1.EventBatch;
import org.l1embed.proto.v1.InferenceDevice;
import org.l1embed.proto.v1.MutinyEmbeddingServiceGrpc;
import org.l1embed.proto.v1.PhysicsObject;
import org.l1embed.proto.v1.StructuredEvent;
import org.l1embed.proto.v1.StructuredEvents;
import org.l1embed.quantization.bundle.ModelBundle;
import org.l1embed.quantization.emulator.FloatNetwork;
import org.l1embed.quantization.network.NetworkSpec;
import org.l1embed.service.FixtureBundles;
import org.l1embed.service.Float32Bound;
import org.l1embed.service.RepositoryResource;
import org.l1embed.service.Requests;

@QuarkusTest
@WithTestResource(value = RepositoryResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class EmbeddingServiceTest {

    @GrpcClient("l1embed")
    EmbeddingServiceGrpc.EmbeddingServiceBlockingStub embedding;

    @GrpcClient("l1embed")
    MutinyEmbeddingServiceGrpc.MutinyEmbeddingServiceStub streaming;

    @ConfigProperty(name = "l1embed.models.dir")
    Path root;

    private EmbedResponse embed(String name, String version, EventBatch events) {
        return embedding.embed(EmbedRequest.newBuilder().setModel(model(name, version)).setEvents(events).setRequestId("r1").build());
    }

    private void assertMatchesFloatNetwork(String name, String version, EventSet events, EmbedResponse response)
            throws IOException {
        NetworkSpec spec = ModelBundle.read(root.resolve(name).resolve(version)).network();
        float[] inputs = Requests.preprocessed(spec, events.networkFeatures());
        float[] latents = floats(response.getLatents());
        int n = spec.input().size();
        int out = spec.outputSize();
        assertEquals(List.of((long) events.size(), (long) out), response.getLatents().getShapeList());
        FloatNetwork reference = new FloatNetwork(spec);
        for (int e = 0; e < events.size(); e++) {
            double[] x = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = inputs[e * n + i];
            }
            double[] expected = reference.forward(x);
            double[] bound = Float32Bound.bound(spec, x);
            for (int j = 0; j < out; j++) {
                double diff = Math.abs(latents[e * out + j] - expected[j]);
                assertTrue(diff <= bound[j], "event " + e + ", latent " + j + ": |" + latents[e * out + j] + " - " + expected[j]
                        + "| = " + diff + " > bound " + bound[j]);
            }
        }
    }

    @Test
    void embedsPackedFeaturesAsTheFloatNetworkComputesThem() throws IOException {
        EventSet events = FixtureBundles.events(256, 21);
        EmbedResponse r = embed(FixtureBundles.FLOAT, "1", tensor(events.networkFeatures(), 256, 57));
        assertEquals(model(FixtureBundles.FLOAT, "1"), r.getModel());
        assertEquals("r1", r.getRequestId());
        assertEquals(InferenceDevice.INFERENCE_DEVICE_CPU, r.getDevice());
        assertEquals(0, r.getAnomalyScoresCount());
        assertMatchesFloatNetwork(FixtureBundles.FLOAT, "1", events, r);
    }

    @Test
    void anEmptyVersionSelectsTheLatestReadyVersion() throws IOException {
        EventSet events = FixtureBundles.events(64, 22);
        EmbedResponse latest = embed(FixtureBundles.QUANTIZED, "", tensor(events.networkFeatures(), 64, 57));
        assertEquals(model(FixtureBundles.QUANTIZED, "2"), latest.getModel());
        assertMatchesFloatNetwork(FixtureBundles.QUANTIZED, "2", events, latest);
        EmbedResponse first = embed(FixtureBundles.QUANTIZED, "1", tensor(events.networkFeatures(), 64, 57));
        assertMatchesFloatNetwork(FixtureBundles.QUANTIZED, "1", events, first);
    }

    @Test
    void everyEventLayoutGivesTheSameLatentsBitForBit() {
        EventSet events = FixtureBundles.events(40, 23);
        float[] features = floats(embed(FixtureBundles.FLOAT, "1", tensor(events.networkFeatures(), 40, 57)).getLatents());
        float[] objects = floats(embed(FixtureBundles.FLOAT, "1", tensor(events.particles(), 40, 19, 4)).getLatents());
        float[] triples = floats(embed(FixtureBundles.FLOAT, "1", tensor(events.networkFeatures(), 40, 19, 3)).getLatents());
        StructuredEvents.Builder s = StructuredEvents.newBuilder();
        for (int e = 0; e < events.size(); e++) {
            StructuredEvent.Builder ev = StructuredEvent.newBuilder();
            for (int r = 0; r < EventLayout.OBJECTS; r++) {
                if (events.value(e, r, EventLayout.PT) != 0f) {
                    ev.addObjects(PhysicsObject.newBuilder().setPt(events.value(e, r, EventLayout.PT))
                            .setEta(events.value(e, r, EventLayout.ETA)).setPhi(events.value(e, r, EventLayout.PHI))
                            .setTypeValue((int) events.value(e, r, EventLayout.CLASS)));
                }
            }
            s.addEvents(ev);
        }
        float[] structured = floats(embed(FixtureBundles.FLOAT, "1", EventBatch.newBuilder().setStructured(s).build()).getLatents());
        assertArrayEquals(features, objects);
        assertArrayEquals(features, triples);
        assertArrayEquals(features, structured);
    }

    private StatusRuntimeException refused(String name, String version, EventBatch events) {
        return assertThrows(StatusRuntimeException.class, () -> embed(name, version, events));
    }

    private static void assertStatus(Status.Code code, String message, StatusRuntimeException e) {
        assertEquals(code, e.getStatus().getCode(), e.getStatus().toString());
        assertEquals(message, e.getStatus().getDescription());
    }

    @Test
    void refusesBadRequestsWithTheRightStatusAndKeepsServing() {
        float[] x = FixtureBundles.events(2, 24).networkFeatures();
        assertStatus(Status.Code.INVALID_ARGUMENT, "model.name: required, got ''", refused("", "", tensor(x, 2, 57)));
        assertStatus(Status.Code.INVALID_ARGUMENT, "model.version: must be empty (latest) or one or more of [A-Za-z0-9._-], "
                + "not starting with '.', at most 255 characters, got '../1'", refused(FixtureBundles.FLOAT, "../1", tensor(x, 2, 57)));
        String longName = "m".repeat(10_000);   // echoed whole, the message would exceed a gRPC client's 8 KiB metadata limit
        assertStatus(Status.Code.INVALID_ARGUMENT, "model.name: must be one or more of [A-Za-z0-9._-], not starting with '.', at most "
                + "255 characters, got '" + "m".repeat(64) + "…' (10000 characters)", refused(longName, "", tensor(x, 2, 57)));
        assertStatus(Status.Code.NOT_FOUND, "model 'nope' is not in the repository; models: adc_float, adc_q, broken",
                refused("nope", "", tensor(x, 2, 57)));
        assertStatus(Status.Code.NOT_FOUND, "model 'adc_q' version '7' is not in the repository; versions of 'adc_q': 1, 2",
                refused(FixtureBundles.QUANTIZED, "7", tensor(x, 2, 57)));
        assertStatus(Status.Code.INVALID_ARGUMENT, "events.tensor.shape[0]: the number of events must be >= 1, got 0 "
                + "(shape [0, 57])", refused(FixtureBundles.FLOAT, "1", tensor(new float[0], 0, 57)));
        assertStatus(Status.Code.INVALID_ARGUMENT, "events.tensor.shape: [2, 58] is not accepted by model 'adc_float' "
                + "version '1'; expected one of [N, 57], [N, 19, 3], [N, 19, 4]",
                refused(FixtureBundles.FLOAT, "1", tensor(new float[116], 2, 58)));
        assertStatus(Status.Code.INVALID_ARGUMENT, "events.tensor.data: expected 456 bytes (114 float32 values of shape "
                + "[2, 57]), got 452", refused(FixtureBundles.FLOAT, "1", tensor(java.util.Arrays.copyOf(x, 113), 2, 57)));
        float[] nan = x.clone();
        nan[60] = Float.NaN;
        assertStatus(Status.Code.INVALID_ARGUMENT, "events.tensor.data: value [1, 3] is NaN; every value must be finite",
                refused(FixtureBundles.FLOAT, "1", tensor(nan, 2, 57)));
        assertStatus(Status.Code.INVALID_ARGUMENT, "events: required, got none (set events.tensor or events.structured)",
                refused(FixtureBundles.FLOAT, "1", EventBatch.getDefaultInstance()));
        assertTrue(refused(FixtureBundles.BROKEN, "1", tensor(x, 2, 57)).getStatus().getDescription()
                .startsWith("model 'broken' version '1' could not be loaded: model bundle "));
        assertEquals(2, embed(FixtureBundles.FLOAT, "1", tensor(x, 2, 57)).getLatents().getShape(0));
    }

    @Test
    void streamsAnswerEveryRequestInOrderWithErrorsInBand() {
        float[] x = FixtureBundles.events(3, 25).networkFeatures();
        List<EmbedRequest> requests = List.of(
                EmbedRequest.newBuilder().setRequestId("a").setModel(model(FixtureBundles.FLOAT, "1")).setEvents(tensor(x, 3, 57)).build(),
                EmbedRequest.newBuilder().setRequestId("b").setModel(model("nope", "")).setEvents(tensor(x, 3, 57)).build(),
                EmbedRequest.newBuilder().setRequestId("c").setModel(model(FixtureBundles.QUANTIZED, "")).setEvents(tensor(x, 3, 57)).build());
        List<EmbedStreamResponse> responses = streaming.embedStream(Multi.createFrom().iterable(requests))
                .collect().asList().await().atMost(Duration.ofSeconds(30));
        assertEquals(List.of("a", "b", "c"), responses.stream().map(EmbedStreamResponse::getRequestId).toList());
        assertArrayEquals(floats(embed(FixtureBundles.FLOAT, "1", tensor(x, 3, 57)).getLatents()),
                floats(responses.get(0).getResponse().getLatents()));
        assertEquals(Status.Code.NOT_FOUND.value(), responses.get(1).getError().getCode());
        assertEquals("model 'nope' is not in the repository; models: adc_float, adc_q, broken",
                responses.get(1).getError().getMessage());
        assertEquals("2", responses.get(2).getResponse().getModel().getVersion());
    }
}
