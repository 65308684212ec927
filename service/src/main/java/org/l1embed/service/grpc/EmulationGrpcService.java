package org.l1embed.service.grpc;

import static org.l1embed.service.errors.ServiceException.failedPrecondition;

import io.quarkus.grpc.GrpcService;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import org.l1embed.proto.v1.EmulateRequest;
import org.l1embed.proto.v1.EmulateResponse;
import org.l1embed.proto.v1.EmulationService;
import org.l1embed.proto.v1.LayerReport;
import org.l1embed.proto.v1.ValidateRequest;
import org.l1embed.proto.v1.ValidateResponse;
import org.l1embed.quantization.emulator.EmulationResult;
import org.l1embed.quantization.fixed.FixedType;
import org.l1embed.service.events.DecodedEvents;
import org.l1embed.service.events.EventDecoder;
import org.l1embed.service.inference.FixedModel;
import org.l1embed.service.repository.LoadedModel;
import org.l1embed.service.repository.ModelLease;
import org.l1embed.service.repository.ModelRepository;
import org.l1embed.service.validation.Validator;

/** {@code l1embed.v1.EmulationService}: the quantization module's bit-accurate emulator on quantized bundles. */
@GrpcService
public class EmulationGrpcService implements EmulationService {

    private final ModelRepository models;

    public EmulationGrpcService(ModelRepository models) {
        this.models = models;
    }

    @Override
    @Blocking
    public Uni<EmulateResponse> emulate(EmulateRequest request) {
        return GrpcErrors.unary("Emulate", () -> emulateOne(request));
    }

    @Inject
    Validator validator;

    @Override
    @Blocking
    public Uni<ValidateResponse> validate(ValidateRequest request) {
        return GrpcErrors.unary("Validate", () -> ValidationMapping.validate(models, validator, request));
    }

    private EmulateResponse emulateOne(EmulateRequest request) {
        try (ModelLease lease = models.acquire(request.getModel().getName(), request.getModel().getVersion(), "model")) {
            LoadedModel model = lease.model();
            FixedModel fixed = model.fixedModel().orElseThrow(() -> failedPrecondition(model.key().label()
                    + " is a float model (network '" + model.bundle().network().name() + "' has no fixed-point types); "
                    + "emulation needs a quantized bundle"));
            DecodedEvents events = EventDecoder.decode(request.getEvents(), model.input(), "events");
            FixedType outputType = fixed.emulator().outputType();
            EmulateResponse.Builder out = EmulateResponse.newBuilder()
                    .setModel(ProtoMapping.ref(model.key()))
                    .setRequestId(request.getRequestId())
                    .setEvents(events.count())
                    .setOutputs(fixed.emulator().outputSize())
                    .setOutputType(outputType.toString());
            long[] raw;
            if (request.getTrace() || request.getCountOverflows()) {
                EmulationResult result = fixed.emulate(events, request.getTrace());
                raw = result.raw();
                out.setOverflowsCounted(true).setInputOverflows(result.inputOverflows());
                for (int l = 0; l < result.layers().size(); l++) {
                    out.addLayers(layerReport(result.layers().get(l), model.bundle().network().layers().get(l).outputSize()));
                }
            } else {
                raw = fixed.emulateRaw(events);
            }
            for (long r : raw) {
                out.addRaw(r);
                out.addValues(outputType.toDouble(r));
            }
            return ScoreMapping.emulate(out, model, out.getValuesList().stream().mapToDouble(Double::doubleValue).toArray()).build();
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
