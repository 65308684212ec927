package org.l1embed.service.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.l1embed.service.Requests.model;
import static org.l1embed.service.Requests.tensor;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import io.quarkus.grpc.GrpcClient;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.l1embed.proto.v1.EmbedRequest;
import org.l1embed.proto.v1.EmbeddingServiceGrpc;
import org.l1embed.proto.v1.EmulateRequest;
import org.l1embed.proto.v1.EmulationServiceGrpc;
import org.l1embed.service.FixtureBundles;
import org.l1embed.service.RepositoryResource;

@QuarkusTest
@WithTestResource(value = RepositoryResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class OperationsEndpointsTest {

    @GrpcClient("l1embed")
    EmbeddingServiceGrpc.EmbeddingServiceBlockingStub embedding;

    @GrpcClient("l1embed")
    EmulationServiceGrpc.EmulationServiceBlockingStub emulation;

    @Test
    void apiModelsListsTheRepositoryAsJson() {
        given().get("/api/models").then().statusCode(200)
                .body("$", hasSize(4))
                .body("[0].name", equalTo("adc_float")).body("[0].state", equalTo("READY")).body("[0].latest", equalTo(true))
                .body("[2].version", equalTo("2")).body("[2].quantized", equalTo(true))
                .body("[3].state", equalTo("FAILED")).body("[3].message", containsString("sha256 mismatch"));
        given().get("/api/models/adc_q").then().statusCode(200).body("version", org.hamcrest.Matchers.contains("1", "2"));
        given().get("/api/models/none").then().statusCode(200).body("$", hasSize(0));
    }

    @Test
    void readinessReportsModelCountsPerState() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name == 'models' }.data.ready", equalTo(3))
                .body("checks.find { it.name == 'models' }.data.failed", equalTo(1));
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void prometheusMetricsAreServed() {
        given().get("/q/metrics").then().statusCode(200).body(containsString("jvm_"));
    }

    @Test
    void metricLabelsDoNotGrowWithThePathsClientsChoose() throws Exception {
        MethodDescriptor.Marshaller<byte[]> bytes = new MethodDescriptor.Marshaller<>() {
            @Override
            public java.io.InputStream stream(byte[] value) {
                return new java.io.ByteArrayInputStream(value);
            }

            @Override
            public byte[] parse(java.io.InputStream stream) {
                try {
                    return stream.readAllBytes();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        };
        ManagedChannel channel = ManagedChannelBuilder.forAddress("localhost", io.restassured.RestAssured.port).usePlaintext().build();
        try {
            for (int i = 0; i < 3; i++) {
                MethodDescriptor<byte[], byte[]> unknown = MethodDescriptor.<byte[], byte[]>newBuilder()
                        .setType(MethodDescriptor.MethodType.UNARY).setFullMethodName("probe.Unknown/Method" + i)
                        .setRequestMarshaller(bytes).setResponseMarshaller(bytes).build();
                StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
                        () -> ClientCalls.blockingUnaryCall(channel, unknown, CallOptions.DEFAULT, new byte[0]));
                assertEquals(Status.Code.UNIMPLEMENTED, e.getStatus().getCode());
                given().contentType("text/plain").body("x").post("/v2/models/probe" + i + "/infer").then().statusCode(415);
                given().get("/no/such/path" + i).then().statusCode(404);
            }
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        for (String clientChosen : List.of("probe.Unknown", "/v2/models/probe", "/no/such/path")) {
            assertFalse(metrics.contains(clientChosen), clientChosen + " became a label:\n" + metrics.lines()
                    .filter(l -> l.contains(clientChosen)).collect(Collectors.joining("\n")));
        }
    }

    @Test
    void prometheusMetricsCountRequestsBatchesAndTritonSeries() {
        float[] x = FixtureBundles.events(3, 17).networkFeatures();
        embedding.embed(EmbedRequest.newBuilder().setModel(model(FixtureBundles.FLOAT, "1")).setEvents(tensor(x, 3, 57)).build());
        emulation.emulate(EmulateRequest.newBuilder().setModel(model(FixtureBundles.QUANTIZED, "1")).setEvents(tensor(x, 3, 57))
                .build());
        assertThrows(StatusRuntimeException.class, () -> embedding.embed(EmbedRequest.newBuilder()
                .setModel(model(FixtureBundles.FLOAT, "1")).setEvents(tensor(x, 1, 171)).build()));
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        for (String series : List.of(
                "l1embed_grpc_requests_total{method=\"Embed\",model=\"adc_float\",service=\"l1embed.v1.EmbeddingService\",status=\"OK\",version=\"1\"}",
                "l1embed_grpc_requests_total{method=\"Embed\",model=\"adc_float\",service=\"l1embed.v1.EmbeddingService\",status=\"INVALID_ARGUMENT\",version=\"1\"}",
                "l1embed_grpc_requests_total{method=\"Emulate\",model=\"adc_q\",service=\"l1embed.v1.EmulationService\",status=\"OK\",version=\"1\"}",
                "l1embed_grpc_request_duration_seconds_bucket{method=\"Embed\",model=\"adc_float\"",
                "l1embed_batch_size_events_bucket{backend=\"float\",model=\"adc_float\",version=\"1\"",
                "l1embed_batch_requests_bucket{backend=\"emulation\",model=\"adc_q\",version=\"1\"",
                "l1embed_batch_queue_duration_seconds_count{backend=\"float\",model=\"adc_float\",version=\"1\"}",
                "l1embed_batch_compute_duration_seconds_count{backend=\"emulation\",model=\"adc_q\",version=\"1\"}",
                "l1embed_emulation_mismatches_total{model=\"adc_q\",version=\"1\"} 0.0",
                "nv_inference_request_success{model=\"adc_float\",version=\"1\"}",
                "nv_inference_request_failure{model=\"adc_float\",version=\"1\"}",
                "nv_inference_count{model=\"adc_q_emulated\",version=\"1\"}",
                "nv_inference_exec_count{model=\"adc_q_emulated\",version=\"1\"}",
                "nv_inference_queue_duration_us{model=\"adc_float\",version=\"1\"}",
                "nv_inference_compute_infer_duration_us{model=\"adc_float\",version=\"1\"}")) {
            assertTrue(metrics.contains(series), series + " in\n" + metrics.lines()
                    .filter(l -> l.startsWith("l1embed_") || l.startsWith("nv_")).collect(Collectors.joining("\n")));
        }
    }
}
