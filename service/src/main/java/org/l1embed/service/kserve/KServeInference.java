package org.l1embed.service.kserve;

import static org.l1embed.service.errors.ServiceException.invalidArgument;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.l1embed.inference.FeatureBatch;
import org.l1embed.inference.FixedModel;
import org.l1embed.quantization.fixed.FixedType;
import org.l1embed.service.batching.InferenceScheduler;
import org.l1embed.service.batching.Lane;
import org.l1embed.service.events.EventDecoder;
import org.l1embed.service.events.ModelInput;
import org.l1embed.service.events.TensorLayout;
import org.l1embed.service.metrics.ServiceMetrics;
import org.l1embed.service.repository.LoadedModel;
import org.l1embed.service.repository.ModelKey;

/**
 * Runs the protocol's inference requests: checks the request against the served model (input name, datatype, shape,
 * batch size, outputs), decodes the events as {@code Embed} does ({@link EventDecoder}), and computes them through the
 * same {@link InferenceScheduler}, so KServe and l1embed requests for one model version merge into the same batches.
 * Records every request in the Triton-named metrics under the served name ({@link ServiceMetrics#inferenceFinished}).
 */
@ApplicationScoped
public class KServeInference {

    private final ServedModels served;
    private final InferenceScheduler scheduler;
    private final ServiceMetrics metrics;

    public KServeInference(ServedModels served, InferenceScheduler scheduler, ServiceMetrics metrics) {
        this.served = served;
        this.scheduler = scheduler;
        this.metrics = metrics;
    }

    /**
     * Computes one request. The work before the backend runs on the calling thread; the returned future completes when
     * the request's batch has run.
     *
     * @param deadlineNanos the request's deadline ({@link System#nanoTime()} clock) or
     *                      {@link org.l1embed.service.batching.DynamicBatcher#NO_DEADLINE}
     * @param resolved      told the bundle's model version as soon as the request has resolved it (for call metrics)
     * @throws org.l1embed.service.errors.ServiceException INVALID_ARGUMENT naming the input or output, the expected and the
     *                                                     given shape or datatype; NOT_FOUND; UNAVAILABLE;
     *                                                     FAILED_PRECONDITION (a refused bundle)
     */
    public CompletableFuture<InferResponse> infer(InferRequest request, long deadlineNanos, Consumer<ModelKey> resolved) {
        long start = System.nanoTime();
        ServedModels.Lease lease = served.acquire(request.modelName(), request.modelVersion());
        LoadedModel model = lease.model();
        Lane.Backend backend = lease.target().backend();
        resolved.accept(model.key());
        try {
            ModelInput input = lease.input();
            List<String> outputs = outputs(request.outputs(), backend, input.label());
            FeatureBatch events = decode(request.inputs(), input);
            CompletableFuture<List<InferResponse.Output>> computed = switch (backend) {
                case FLOAT -> scheduler.embed(model, events, deadlineNanos).thenApply(latents -> List.of(
                        new InferResponse.Output(ServedModels.OUTPUT, Datatype.FP32, shape(events, latents.length),
                                TensorCodec.littleEndian(latents))));
                case EMULATION -> {
                    FixedModel fixed = model.fixedModel().orElseThrow();
                    yield scheduler.emulateRaw(model, fixed, events, deadlineNanos)
                            .thenApply(raw -> emulatedOutputs(raw, fixed.emulator().outputType(), events));
                }
            };
            return computed.thenApply(all -> new InferResponse(request.modelName(), model.key().version(), request.id(),
                    select(all, outputs))).whenComplete((response, failure) -> {
                        lease.close();
                        metrics.inferenceFinished(model.key(), backend, events.count(), System.nanoTime() - start,
                                failure == null);
                    });
        } catch (RuntimeException | Error e) {
            metrics.inferenceFinished(model.key(), backend, 0, System.nanoTime() - start, false);
            lease.close();
            throw e;
        }
    }

    /** The one input, checked and decoded to raw network features. */
    private FeatureBatch decode(List<InferRequest.Input> inputs, ModelInput input) {
        if (inputs.size() != 1 || !inputs.get(0).name().equals(ServedModels.INPUT)) {
            throw invalidArgument("inputs: " + input.label() + " expects exactly one input '" + ServedModels.INPUT
                    + "', got " + inputs.stream().map(i -> "'" + i.name() + "'").collect(Collectors.joining(", ", "[", "]")));
        }
        InferRequest.Input in = inputs.get(0);
        String field = "inputs." + in.name();
        Datatype datatype = Datatype.parse(in.datatype(), field + ".datatype", input.label());
        TensorLayout layout = EventDecoder.layout(in.shape(), input, field);
        int max = served.maxBatchSize(input);
        if (in.shape().get(0) > max) {
            throw invalidArgument(field + ".shape[0]: " + in.shape().get(0) + " events exceed the max_batch_size " + max
                    + " of " + input.label());
        }
        float[] values = in.values().toFloats(datatype, EventDecoder.values(in.shape()),
                in.source() + " (input '" + in.name() + "', shape " + in.shape() + ")");
        return EventDecoder.fromValues(values, in.shape(), layout, input, in.source());
    }

    /** The outputs to return, checked against the model's. */
    private static List<String> outputs(List<String> requested, Lane.Backend backend, String label) {
        List<String> available = switch (backend) {
            case FLOAT -> List.of(ServedModels.OUTPUT);
            case EMULATION -> List.of(ServedModels.OUTPUT, ServedModels.RAW_OUTPUT);
        };
        if (requested.isEmpty()) {
            return available;
        }
        for (String name : requested) {
            if (!available.contains(name)) {
                throw invalidArgument("outputs: " + label + " has no output '" + name + "'; its outputs: "
                        + String.join(", ", available));
            }
        }
        return requested;
    }

    private static List<InferResponse.Output> emulatedOutputs(long[] raw, FixedType type, FeatureBatch events) {
        double[] values = new double[raw.length];
        for (int i = 0; i < raw.length; i++) {
            values[i] = type.toDouble(raw[i]);
        }
        List<Long> shape = shape(events, raw.length);
        return List.of(new InferResponse.Output(ServedModels.OUTPUT, Datatype.FP64, shape, TensorCodec.littleEndian(values)),
                new InferResponse.Output(ServedModels.RAW_OUTPUT, Datatype.INT64, shape, TensorCodec.littleEndian(raw)));
    }

    private static List<Long> shape(FeatureBatch events, int values) {
        return List.of((long) events.count(), (long) (values / events.count()));
    }

    private static List<InferResponse.Output> select(List<InferResponse.Output> all, List<String> names) {
        List<InferResponse.Output> out = new ArrayList<>(names.size());
        for (String name : names) {
            all.stream().filter(o -> o.name().equals(name)).findFirst().ifPresent(out::add);
        }
        return out;
    }
}
