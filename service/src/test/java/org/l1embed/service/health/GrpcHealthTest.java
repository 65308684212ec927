package org.l1embed.service.health;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.l1embed.service.Requests.model;

import grpc.health.v1.HealthGrpc;
import grpc.health.v1.HealthOuterClass.HealthCheckRequest;
import grpc.health.v1.HealthOuterClass.HealthCheckResponse.ServingStatus;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.l1embed.proto.v1.EmbeddingServiceGrpc;
import org.l1embed.proto.v1.EmulationServiceGrpc;
import org.l1embed.proto.v1.LoadModelRequest;
import org.l1embed.proto.v1.ModelServiceGrpc;
import org.l1embed.proto.v1.ModelState;
import org.l1embed.proto.v1.UnloadModelRequest;
import org.l1embed.service.FixtureBundles;
import org.l1embed.service.RepositoryResource;

/** The standard gRPC health service (grpc.health.v1), through grpc-java's generated HealthGrpc client. */
@QuarkusTest
@WithTestResource(value = RepositoryResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class GrpcHealthTest {

    private static final List<String[]> READY_MODELS = List.of(new String[] {FixtureBundles.QUANTIZED, "1"},
            new String[] {FixtureBundles.QUANTIZED, "2"}, new String[] {FixtureBundles.FLOAT, "1"});

    @GrpcClient("l1embed")
    HealthGrpc.HealthBlockingStub health;

    @GrpcClient("l1embed")
    ModelServiceGrpc.ModelServiceBlockingStub models;

    private ServingStatus status(String service) {
        return health.check(HealthCheckRequest.newBuilder().setService(service).build()).getStatus();
    }

    @Test
    void theServerAndItsServicesAreServingWhenModelsAreReady() {
        assertEquals(ServingStatus.SERVING, status(""));
        assertEquals(ServingStatus.SERVING, status(EmbeddingServiceGrpc.SERVICE_NAME));
        assertEquals(ServingStatus.SERVING, status(EmulationServiceGrpc.SERVICE_NAME));
        assertEquals(ServingStatus.SERVING, status(ModelServiceGrpc.SERVICE_NAME));
    }

    @Test
    void inferenceIsNotServingWhileNoModelIsReady() {
        try {
            for (String[] m : READY_MODELS) {
                models.unload(UnloadModelRequest.newBuilder().setModel(model(m[0], m[1])).build());
            }
            assertEquals(ServingStatus.NOT_SERVING, status(""));
            assertEquals(ServingStatus.NOT_SERVING, status(EmbeddingServiceGrpc.SERVICE_NAME));
            assertEquals(ServingStatus.NOT_SERVING, status(EmulationServiceGrpc.SERVICE_NAME));
            assertEquals(ServingStatus.SERVING, status(ModelServiceGrpc.SERVICE_NAME), "the repository still answers");
            given().get("/q/health/ready").then().statusCode(503).body("status", equalTo("DOWN"));
        } finally {
            for (String[] m : READY_MODELS) {
                assertEquals(ModelState.MODEL_STATE_READY,
                        models.load(LoadModelRequest.newBuilder().setModel(model(m[0], m[1])).build()).getState());
            }
        }
        assertEquals(ServingStatus.SERVING, status(""));
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }
}
