package org.l1embed.service.grpc;

import io.grpc.Status;
import io.quarkus.grpc.GrpcService;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import java.util.concurrent.CompletableFuture;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.l1embed.proto.inference.CudaSharedMemoryStatusRequest;
import org.l1embed.proto.inference.CudaSharedMemoryStatusResponse;
import org.l1embed.proto.inference.GRPCInferenceService;
import org.l1embed.proto.inference.ModelConfigRequest;
import org.l1embed.proto.inference.ModelConfigResponse;
import org.l1embed.proto.inference.ModelInferRequest;
import org.l1embed.proto.inference.ModelInferResponse;
import org.l1embed.proto.inference.ModelMetadataRequest;
import org.l1embed.proto.inference.ModelMetadataResponse;
import org.l1embed.proto.inference.ModelReadyRequest;
import org.l1embed.proto.inference.ModelReadyResponse;
import org.l1embed.proto.inference.ModelStatisticsRequest;
import org.l1embed.proto.inference.ModelStatisticsResponse;
import org.l1embed.proto.inference.ModelStreamInferResponse;
import org.l1embed.proto.inference.RepositoryIndexRequest;
import org.l1embed.proto.inference.RepositoryIndexResponse;
import org.l1embed.proto.inference.RepositoryModelLoadRequest;
import org.l1embed.proto.inference.RepositoryModelLoadResponse;
import org.l1embed.proto.inference.RepositoryModelUnloadRequest;
import org.l1embed.proto.inference.RepositoryModelUnloadResponse;
import org.l1embed.proto.inference.ServerLiveRequest;
import org.l1embed.proto.inference.ServerLiveResponse;
import org.l1embed.proto.inference.ServerMetadataRequest;
import org.l1embed.proto.inference.ServerMetadataResponse;
import org.l1embed.proto.inference.ServerReadyRequest;
import org.l1embed.proto.inference.ServerReadyResponse;
import org.l1embed.proto.inference.SystemSharedMemoryStatusRequest;
import org.l1embed.proto.inference.SystemSharedMemoryStatusResponse;
import org.l1embed.proto.inference.TraceRequest;
import org.l1embed.proto.inference.TraceResponse;
import org.l1embed.service.errors.ServiceException;
import org.l1embed.service.health.ModelsReadiness;
import org.l1embed.service.kserve.KServeInference;
import org.l1embed.service.kserve.ServedModels;
import org.l1embed.service.metrics.ServiceMetrics;

/**
 * {@code inference.GRPCInferenceService}: the standard inference protocol (KServe v2 / Triton) on the service's models,
 * as {@link ServedModels} names them. Inference goes through {@link KServeInference}, and so through the same dynamic
 * batcher as {@code Embed} and {@code Emulate}. Repository load/unload, shared memory and tracing answer UNIMPLEMENTED.
 */
@GrpcService
public class KServeGrpcService implements GRPCInferenceService {

    private final ServedModels served;
    private final KServeInference inference;
    private final ServiceMetrics metrics;
    private final ModelsReadiness readiness;
    private final String version;

    public KServeGrpcService(ServedModels served, KServeInference inference, ServiceMetrics metrics,
            @Readiness ModelsReadiness readiness, @ConfigProperty(name = "quarkus.application.version", defaultValue = "unknown")
            String version) {
        this.served = served;
        this.inference = inference;
        this.metrics = metrics;
        this.readiness = readiness;
        this.version = version;
    }

    @Override
    public Uni<ServerLiveResponse> serverLive(ServerLiveRequest request) {
        return Uni.createFrom().item(ServerLiveResponse.newBuilder().setLive(true).build());
    }

    @Override
    @Blocking
    public Uni<ServerReadyResponse> serverReady(ServerReadyRequest request) {
        return GrpcErrors.unary("ServerReady", () -> ServerReadyResponse.newBuilder()
                .setReady(readiness.call().getStatus() == HealthCheckResponse.Status.UP).build());
    }

    /** Ready when the model version can be leased; false for an unknown, loading, unloaded or refused one. */
    @Override
    @Blocking
    public Uni<ModelReadyResponse> modelReady(ModelReadyRequest request) {
        return GrpcErrors.unary("ModelReady", () -> {
            try (ServedModels.Lease lease = served.acquire(request.getName(), request.getVersion())) {
                return ModelReadyResponse.newBuilder().setReady(true).build();
            } catch (ServiceException e) {
                if (e.kind() == ServiceException.Kind.INVALID_ARGUMENT) {
                    throw e;
                }
                return ModelReadyResponse.newBuilder().setReady(false).build();
            }
        });
    }

    @Override
    public Uni<ServerMetadataResponse> serverMetadata(ServerMetadataRequest request) {
        return Uni.createFrom().item(ServerMetadataResponse.newBuilder().setName("l1embed").setVersion(version)
                .addAllExtensions(ServedModels.EXTENSIONS).build());
    }

    @Override
    @Blocking
    public Uni<ModelMetadataResponse> modelMetadata(ModelMetadataRequest request) {
        CallInfo call = CallInfo.current();
        return GrpcErrors.unary("ModelMetadata", () -> {
            try (ServedModels.Lease lease = served.acquire(request.getName(), request.getVersion())) {
                call.model(lease.model().key());
                return KServeMapping.metadata(served.describe(lease));
            }
        });
    }

    @Override
    @Blocking
    public Uni<ModelConfigResponse> modelConfig(ModelConfigRequest request) {
        CallInfo call = CallInfo.current();
        return GrpcErrors.unary("ModelConfig", () -> {
            try (ServedModels.Lease lease = served.acquire(request.getName(), request.getVersion())) {
                call.model(lease.model().key());
                return ModelConfigResponse.newBuilder().setConfig(KServeMapping.config(served.describe(lease))).build();
            }
        });
    }

    @Override
    @Blocking
    public Uni<ModelInferResponse> modelInfer(ModelInferRequest request) {
        CallInfo call = CallInfo.current();
        return GrpcErrors.unaryAsync("ModelInfer", () -> inferOne(request, call));
    }

    /** Requests are answered one after another, so responses keep the request order; errors are in-band. */
    @Override
    public Multi<ModelStreamInferResponse> modelStreamInfer(Multi<ModelInferRequest> requests) {
        CallInfo call = CallInfo.current();
        return OrderedStreams.inOrder(requests, request -> inferOne(request, call), (request, response, failure) ->
                failure == null ? ModelStreamInferResponse.newBuilder().setInferResponse(response).build()
                        : ModelStreamInferResponse.newBuilder().setErrorMessage(streamError(failure)).build());
    }

    /** The in-band error of a stream request: the status a ModelInfer call would get, as "CODE: message". */
    private static String streamError(Throwable failure) {
        Status status = GrpcErrors.toStatus("ModelStreamInfer", failure).getStatus();
        return status.getCode() + ": " + status.getDescription();
    }

    private CompletableFuture<ModelInferResponse> inferOne(ModelInferRequest request, CallInfo call) {
        return inference.infer(KServeMapping.request(request), call.deadlineNanos(), call::model)
                .thenApply(KServeMapping::response);
    }

    @Override
    @Blocking
    public Uni<ModelStatisticsResponse> modelStatistics(ModelStatisticsRequest request) {
        return GrpcErrors.unary("ModelStatistics", () -> {
            ModelStatisticsResponse.Builder b = ModelStatisticsResponse.newBuilder();
            served.readyVersions(request.getName(), request.getVersion())
                    .forEach(key -> b.addModelStats(KServeMapping.statistics(key, metrics.statistics(key))));
            return b.build();
        });
    }

    @Override
    @Blocking
    public Uni<RepositoryIndexResponse> repositoryIndex(RepositoryIndexRequest request) {
        return GrpcErrors.unary("RepositoryIndex", () -> {
            RepositoryIndexResponse.Builder b = RepositoryIndexResponse.newBuilder();
            served.index(request.getReady()).forEach(e -> b.addModels(KServeMapping.index(e)));
            return b.build();
        });
    }

    @Override
    public Uni<RepositoryModelLoadResponse> repositoryModelLoad(RepositoryModelLoadRequest request) {
        return unimplemented("RepositoryModelLoad", "models are loaded through l1embed.v1.ModelService.Load");
    }

    @Override
    public Uni<RepositoryModelUnloadResponse> repositoryModelUnload(RepositoryModelUnloadRequest request) {
        return unimplemented("RepositoryModelUnload", "models are unloaded through l1embed.v1.ModelService.Unload");
    }

    @Override
    public Uni<SystemSharedMemoryStatusResponse> systemSharedMemoryStatus(SystemSharedMemoryStatusRequest request) {
        return unimplemented("SystemSharedMemoryStatus", "the service has no shared-memory inputs");
    }

    @Override
    public Uni<CudaSharedMemoryStatusResponse> cudaSharedMemoryStatus(CudaSharedMemoryStatusRequest request) {
        return unimplemented("CudaSharedMemoryStatus", "the service has no shared-memory inputs");
    }

    @Override
    public Uni<TraceResponse> trace(TraceRequest request) {
        return unimplemented("Trace", "the service has no request tracing");
    }

    private static <T> Uni<T> unimplemented(String method, String why) {
        return Uni.createFrom().failure(Status.UNIMPLEMENTED
                .withDescription("inference.GRPCInferenceService/" + method + " is not implemented by l1embed: " + why)
                .asRuntimeException());
    }
}
