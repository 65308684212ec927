package org.l1embed.service.health;

import grpc.health.v1.HealthOuterClass.HealthCheckResponse.ServingStatus;
import io.quarkus.grpc.runtime.health.GrpcHealthStorage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import org.l1embed.proto.inference.GRPCInferenceServiceGrpc;
import org.l1embed.proto.v1.EmbeddingServiceGrpc;
import org.l1embed.proto.v1.EmulationServiceGrpc;
import org.l1embed.service.repository.RepositoryChanged;

/**
 * Mirrors readiness into the standard gRPC health service ({@code grpc.health.v1.Health}, served by quarkus-grpc when
 * {@code quarkus.grpc.server.health.enabled} is true, the default): the server ({@code ""}) and the inference services
 * (including the standard protocol's {@code inference.GRPCInferenceService}) are SERVING when the start-up load has
 * finished and at least one model is READY (as {@code /q/health/ready}), and NOT_SERVING otherwise.
 * {@code l1embed.v1.ModelService} stays SERVING: it answers with no model loaded.
 */
@ApplicationScoped
public class GrpcHealthReporter {

    /** The services whose health follows the models. */
    static final List<String> INFERENCE_SERVICES = List.of("", EmbeddingServiceGrpc.SERVICE_NAME,
            EmulationServiceGrpc.SERVICE_NAME, GRPCInferenceServiceGrpc.SERVICE_NAME);

    private final GrpcHealthStorage storage;

    public GrpcHealthReporter(GrpcHealthStorage storage) {
        this.storage = storage;
    }

    void onChange(@Observes RepositoryChanged change) {
        ServingStatus status = change.started() && change.ready() > 0 ? ServingStatus.SERVING : ServingStatus.NOT_SERVING;
        for (String service : INFERENCE_SERVICES) {
            storage.setStatus(service, status);
        }
    }
}
