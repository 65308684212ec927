package org.l1embed.service.kserve;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.l1embed.inference.InferenceDevice;
import org.l1embed.service.batching.BatchPolicy;
import org.l1embed.service.batching.Lane;

/**
 * What the protocol's {@code ModelMetadata} and {@code ModelConfig} say about one served model version.
 *
 * @param name         the served name
 * @param version      the version described
 * @param versions     every ready version of the served model, in version order
 * @param backend      the backend behind it
 * @param device       where it computes
 * @param maxBatchSize the most events one request may carry (from the inbound message limit)
 * @param inputs       its inputs (one: the events)
 * @param outputs      its outputs, in the order a response gives them by default
 * @param batching     the dynamic batcher's policy
 * @param parameters   free-form facts: the fixed-point types of an emulated model
 */
public record ServedModelInfo(String name, String version, List<String> versions, Lane.Backend backend,
        InferenceDevice device, int maxBatchSize, List<TensorSpec> inputs, List<TensorSpec> outputs, BatchPolicy batching,
        Map<String, String> parameters) {

    public ServedModelInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        versions = List.copyOf(versions);
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(device, "device");
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        Objects.requireNonNull(batching, "batching");
        parameters = Map.copyOf(parameters);
    }

    /** Triton's platform name: {@code onnxruntime_onnx} for float inference, {@code l1embed_emulator} for the emulator. */
    public String platform() {
        return switch (backend) {
            case FLOAT -> "onnxruntime_onnx";
            case EMULATION -> "l1embed_emulator";
        };
    }

    /** Triton's backend name: {@code onnxruntime} or {@code l1embed_emulator}. */
    public String backendName() {
        return switch (backend) {
            case FLOAT -> "onnxruntime";
            case EMULATION -> "l1embed_emulator";
        };
    }
}
