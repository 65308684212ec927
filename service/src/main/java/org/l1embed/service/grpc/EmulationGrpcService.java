package org.l1embed.service.grpc;

import static org.l1embed.service.errors.ServiceException.deadlineExceeded;
import static org.l1embed.service.errors.ServiceException.failedPrecondition;

import io.quarkus.grpc.GrpcService;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.util.concurrent.CompletableFuture;
import org.l1embed.inference.FeatureBatch;
import org.l1embed.inference.FixedModel;
import org.l1embed.proto.v1.EmulateRequest;
import org.l1embed.proto.v1.EmulateResponse;
import org.l1embed.proto.v1.EmulationService;
import org.l1embed.proto.v1.LayerReport;
import org.l1embed.proto.v1.ValidateRequest;
import org.l1embed.proto.v1.ValidateResponse;
import org.l1embed.quantization.emulator.EmulationResult;
import org.l1embed.quantization.fixed.FixedType;
import org.l1embed.service.batching.DynamicBatcher;
import org.l1embed.service.batching.InferenceScheduler;
import org.l1embed.service.batching.Lane;
import org.l1embed.service.events.EventDecoder;
import org.l1embed.service.metrics.ServiceMetrics;
import org.l1embed.service.repository.LoadedModel;
import org.l1embed.service.repository.ModelLease;
import org.l1embed.service.repository.ModelRepository;
import org.l1embed.service.validation.Validator;

/**
 * {@code l1embed.v1.EmulationService}: the quantization module's bit-accurate emulator on quantized bundles. Plain
 * {@code Emulate} requests go through the {@link InferenceScheduler} (merged with concurrent small requests when
 * dynamic batching is on); requests for traces or overflow counts are computed on their own.
 */
@GrpcService
public class EmulationGrpcService implements EmulationService {

    private final ModelRepository models;
    private final InferenceScheduler scheduler;
    private final ServiceMetrics metrics;

    public EmulationGrpcService(ModelRepository models, InferenceScheduler scheduler, ServiceMetrics metrics) {
        this.models = models;
        this.scheduler = scheduler;
        this.metrics = metrics;
    }

    @Override
    @Blocking
    public Uni<EmulateResponse> emulate(EmulateRequest request) {
        CallInfo call = CallInfo.current();
        return GrpcErrors.unaryAsync("Emulate", () -> emulateOne(request, call));
    }

    @Inject
    Validator validator;

    @Override
    @Blocking
    public Uni<ValidateResponse> validate(ValidateRequest request) {
        return GrpcErrors.unary("Validate", () -> ValidationMapping.validate(models, validator, request));
    }

    private CompletableFuture<EmulateResponse> emulateOne(EmulateRequest request, CallInfo call) {
        long start = System.nanoTime();
        ModelLease lease = models.acquire(request.getModel().getName(), request.getModel().getVersion(), "model");
        try {
            LoadedModel model = lease.model();
            call.model(model.key());
            FixedModel fixed = model.fixedModel().orElseThrow(() -> failedPrecondition(model.key().label()
                    + " is a float model (network '" + model.bundle().network().name() + "' has no fixed-point types); "
                    + "emulation needs a quantized bundle"));
            FeatureBatch events = EventDecoder.decode(request.getEvents(), model.input(), "events");
            FixedType outputType = fixed.emulator().outputType();
            EmulateResponse.Builder out = EmulateResponse.newBuilder()
                    .setModel(ProtoMapping.ref(model.key()))
                    .setRequestId(request.getRequestId())
                    .setEvents(events.count())
                    .setOutputs(fixed.emulator().outputSize())
                    .setOutputType(outputType.toString());
            CompletableFuture<long[]> raw;
            if (request.getTrace() || request.getCountOverflows()) {
                long now = System.nanoTime();
                if (call.deadlineNanos() != DynamicBatcher.NO_DEADLINE && now - call.deadlineNanos() >= 0) {
                    throw deadlineExceeded("the request's deadline passed before " + model.key().label()
                            + " could emulate it; it was not computed");
                }
                EmulationResult result = fixed.emulate(events, request.getTrace());
                out.setOverflowsCounted(true).setInputOverflows(result.inputOverflows());
                for (int l = 0; l < result.layers().size(); l++) {
                    out.addLayers(layerReport(result.layers().get(l), model.bundle().network().layers().get(l).outputSize()));
                }
                raw = CompletableFuture.completedFuture(result.raw());
            } else {
                raw = scheduler.emulateRaw(model, fixed, events, call.deadlineNanos());
            }
            return raw.thenApply(r -> {
                for (long v : r) {
                    out.addRaw(v);
                    out.addValues(outputType.toDouble(v));
                }
                return ScoreMapping.emulate(out, model, out.getValuesList().stream().mapToDouble(Double::doubleValue).toArray())
                        .build();
            }).whenComplete((response, failure) -> {
                lease.close();
                metrics.inferenceFinished(model.key(), Lane.Backend.EMULATION, events.count(), System.nanoTime() - start,
                        failure == null);
            });
        } catch (RuntimeException | Error e) {
            metrics.inferenceFinished(lease.model().key(), Lane.Backend.EMULATION, 0, System.nanoTime() - start, false);
            lease.close();
            throw e;
        }
    }

    private static LayerReport layerReport(EmulationResult.LayerReport layer, int size) {
        LayerReport.Builder b = LayerReport.newBuilder()
                .setName(layer.name())
                .setSize(size)
                .setKind(layer.kind().jsonName())
                .setResultType(layer.resultType().toString())
                .setAccumulatorOverflows(layer.accumulatorOverflows())
                .setResultOverflows(layer.resultOverflows());
        if (layer.trace() != null) {
            for (long v : layer.trace()) {
                b.addTrace(v);
            }
        }
        return b.build();
    }
}
