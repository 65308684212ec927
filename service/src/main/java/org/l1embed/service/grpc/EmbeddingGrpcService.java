package org.l1embed.service.grpc;

import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcService;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import java.util.concurrent.CompletableFuture;
import org.l1embed.inference.FeatureBatch;
import org.l1embed.proto.v1.EmbedRequest;
import org.l1embed.proto.v1.EmbedResponse;
import org.l1embed.proto.v1.EmbedStreamResponse;
import org.l1embed.proto.v1.EmbeddingService;
import org.l1embed.proto.v1.RequestError;
import org.l1embed.service.batching.InferenceScheduler;
import org.l1embed.service.batching.Lane;
import org.l1embed.service.events.EventDecoder;
import org.l1embed.service.metrics.ServiceMetrics;
import org.l1embed.service.repository.LoadedModel;
import org.l1embed.service.repository.ModelLease;
import org.l1embed.service.repository.ModelRepository;

/**
 * {@code l1embed.v1.EmbeddingService}: float inference through the model's ONNX Runtime session. Requests are decoded
 * on a worker thread and computed by the {@link InferenceScheduler} (merged with concurrent small requests when
 * dynamic batching is on); the worker thread is not held while a request waits for its batch.
 */
@GrpcService
public class EmbeddingGrpcService implements EmbeddingService {

    private final ModelRepository models;
    private final InferenceScheduler scheduler;
    private final ServiceMetrics metrics;

    public EmbeddingGrpcService(ModelRepository models, InferenceScheduler scheduler, ServiceMetrics metrics) {
        this.models = models;
        this.scheduler = scheduler;
        this.metrics = metrics;
    }

    @Override
    @Blocking
    public Uni<EmbedResponse> embed(EmbedRequest request) {
        CallInfo call = CallInfo.current();
        return GrpcErrors.unaryAsync("Embed", () -> embedOne(request, call));
    }

    /** Requests are answered one after another, so responses keep the request order. */
    @Override
    public Multi<EmbedStreamResponse> embedStream(Multi<EmbedRequest> requests) {
        CallInfo call = CallInfo.current();
        return OrderedStreams.inOrder(requests, request -> embedOne(request, call), EmbeddingGrpcService::streamResponse);
    }

    private static EmbedStreamResponse streamResponse(EmbedRequest request, EmbedResponse response, Throwable failure) {
        EmbedStreamResponse.Builder out = EmbedStreamResponse.newBuilder().setRequestId(request.getRequestId());
        if (failure == null) {
            return out.setResponse(response).build();
        }
        StatusRuntimeException s = GrpcErrors.toStatus("EmbedStream", failure);
        return out.setError(RequestError.newBuilder().setCode(s.getStatus().getCode().value())
                .setMessage(String.valueOf(s.getStatus().getDescription()))).build();
    }

    private CompletableFuture<EmbedResponse> embedOne(EmbedRequest request, CallInfo call) {
        long start = System.nanoTime();
        ModelLease lease = models.acquire(request.getModel().getName(), request.getModel().getVersion(), "model");
        try {
            LoadedModel model = lease.model();
            call.model(model.key());
            FeatureBatch events = EventDecoder.decode(request.getEvents(), model.input(), "events");
            int latentSize = model.bundle().network().outputSize();
            return scheduler.embed(model, events, call.deadlineNanos())
                    .thenApply(latents -> ScoreMapping.embed(EmbedResponse.newBuilder()
                            .setModel(ProtoMapping.ref(model.key()))
                            .setRequestId(request.getRequestId())
                            .setLatents(Tensors.matrix(latents, events.count(), latentSize))
                            .setDevice(ProtoMapping.device(model.floatModel().device())), model, latents)
                            .build())
                    .whenComplete((response, failure) -> {
                        lease.close();
                        metrics.inferenceFinished(model.key(), Lane.Backend.FLOAT, events.count(), System.nanoTime() - start,
                        failure == null);
                    });
        } catch (RuntimeException | Error e) {
            metrics.inferenceFinished(lease.model().key(), Lane.Backend.FLOAT, 0, System.nanoTime() - start, false);
            lease.close();
            throw e;
        }
    }
}
