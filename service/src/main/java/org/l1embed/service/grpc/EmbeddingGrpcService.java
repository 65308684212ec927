package org.l1embed.service.grpc;

import ai.onnxruntime.OrtException;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcService;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import org.l1embed.proto.v1.EmbedRequest;
import org.l1embed.proto.v1.EmbedResponse;
import org.l1embed.proto.v1.EmbedStreamResponse;
import org.l1embed.proto.v1.EmbeddingService;
import org.l1embed.proto.v1.RequestError;
import org.l1embed.service.events.DecodedEvents;
import org.l1embed.service.events.EventDecoder;
import org.l1embed.service.repository.LoadedModel;
import org.l1embed.service.repository.ModelLease;
import org.l1embed.service.repository.ModelRepository;

/** {@code l1embed.v1.EmbeddingService}: float inference through the model's ONNX Runtime session. */
@GrpcService
public class EmbeddingGrpcService implements EmbeddingService {

    private final ModelRepository models;

    public EmbeddingGrpcService(ModelRepository models) {
        this.models = models;
    }

    @Override
    @Blocking
    public Uni<EmbedResponse> embed(EmbedRequest request) {
        return GrpcErrors.unary("Embed", () -> embedOne(request));
    }

    /** Requests are handled one after another on a worker thread, so responses keep the request order. */
    @Override
    public Multi<EmbedStreamResponse> embedStream(Multi<EmbedRequest> requests) {
        return requests.onItem().transformToUniAndConcatenate(request -> Uni.createFrom().item(() -> streamOne(request))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool()));
    }

    private EmbedStreamResponse streamOne(EmbedRequest request) {
        EmbedStreamResponse.Builder out = EmbedStreamResponse.newBuilder().setRequestId(request.getRequestId());
        try {
            return out.setResponse(embedOne(request)).build();
        } catch (RuntimeException e) {
            StatusRuntimeException s = GrpcErrors.toStatus("EmbedStream", e);
            return out.setError(RequestError.newBuilder().setCode(s.getStatus().getCode().value())
                    .setMessage(String.valueOf(s.getStatus().getDescription()))).build();
        }
    }

    private EmbedResponse embedOne(EmbedRequest request) {
        try (ModelLease lease = models.acquire(request.getModel().getName(), request.getModel().getVersion(), "model")) {
            LoadedModel model = lease.model();
            DecodedEvents events = EventDecoder.decode(request.getEvents(), model.input(), "events");
            float[] latents;
            try {
                latents = model.floatModel().embed(events);
            } catch (OrtException e) {
                throw new IllegalStateException("ONNX Runtime failed on " + model.key().label() + ": " + e.getMessage(), e);
            }
            int latentSize = model.bundle().network().outputSize();
            return ScoreMapping.embed(EmbedResponse.newBuilder()
                    .setModel(ProtoMapping.ref(model.key()))
                    .setRequestId(request.getRequestId())
                    .setLatents(Tensors.matrix(latents, events.count(), latentSize))
                    .setDevice(ProtoMapping.device(model.floatModel().device())), model, latents)
                    .build();
        }
    }
}
