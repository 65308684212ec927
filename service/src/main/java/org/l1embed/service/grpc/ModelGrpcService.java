package org.l1embed.service.grpc;

import static org.l1embed.service.errors.ServiceException.invalidArgument;

import io.quarkus.grpc.GrpcService;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import org.l1embed.proto.v1.DescribeModelRequest;
import org.l1embed.proto.v1.ExportFirmwareRequest;
import org.l1embed.proto.v1.FirmwareChunk;
import org.l1embed.proto.v1.ListModelsRequest;
import org.l1embed.proto.v1.ListModelsResponse;
import org.l1embed.proto.v1.LoadModelRequest;
import org.l1embed.proto.v1.ModelDescription;
import org.l1embed.proto.v1.ModelRef;
import org.l1embed.proto.v1.ModelService;
import org.l1embed.proto.v1.ModelStatus;
import org.l1embed.proto.v1.ReloadModelsRequest;
import org.l1embed.proto.v1.ReloadModelsResponse;
import org.l1embed.proto.v1.UnloadModelRequest;
import org.l1embed.service.repository.ModelKey;
import org.l1embed.service.repository.ModelLease;
import org.l1embed.service.repository.ModelRepository;

/** {@code l1embed.v1.ModelService}: the model repository. */
@GrpcService
public class ModelGrpcService implements ModelService {

    private final ModelRepository models;

    public ModelGrpcService(ModelRepository models) {
        this.models = models;
    }

    @Override
    public Uni<ListModelsResponse> list(ListModelsRequest request) {
        return GrpcErrors.unary("List", () -> ListModelsResponse.newBuilder()
                .addAllModels(models.list(request.getName()).stream().map(ProtoMapping::status).toList())
                .build());
    }

    @Override
    public Uni<ModelDescription> describe(DescribeModelRequest request) {
        return GrpcErrors.unary("Describe", () -> {
            try (ModelLease lease = models.acquire(request.getModel().getName(), request.getModel().getVersion(), "model")) {
                return ProtoMapping.description(lease.model());
            }
        });
    }

    @Override
    @Blocking
    public Uni<ModelStatus> load(LoadModelRequest request) {
        return GrpcErrors.unary("Load", () -> ProtoMapping.status(models.load(key(request.getModel()))));
    }

    @Override
    @Blocking
    public Uni<ModelStatus> unload(UnloadModelRequest request) {
        return GrpcErrors.unary("Unload", () -> ProtoMapping.status(models.unload(key(request.getModel()))));
    }

    @Override
    @Blocking
    public Uni<ReloadModelsResponse> reload(ReloadModelsRequest request) {
        return GrpcErrors.unary("Reload", () -> ReloadModelsResponse.newBuilder()
                .addAllModels(models.reload(request.getName()).stream().map(ProtoMapping::status).toList())
                .build());
    }

    @Override
    @Blocking
    public Multi<FirmwareChunk> exportFirmware(ExportFirmwareRequest request) {
        return FirmwareMapping.export(models, request);
    }

    /** A fully specified model version from a request (Load and Unload need both name and version). */
    private static ModelKey key(ModelRef ref) {
        if (ref.getName().isEmpty()) {
            throw invalidArgument("model.name: required, got ''");
        }
        if (ref.getVersion().isEmpty()) {
            throw invalidArgument("model.version: required here (Load and Unload act on one version), got ''");
        }
        if (!ModelKey.isValidSegment(ref.getName()) || !ModelKey.isValidSegment(ref.getVersion())) {
            throw invalidArgument("model: name and version must be " + ModelKey.RULE + ", got name " + ModelKey.quote(ref.getName())
                    + ", version " + ModelKey.quote(ref.getVersion()));
        }
        return new ModelKey(ref.getName(), ref.getVersion());
    }
}
