package org.l1embed.inference;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/**
 * A bundle's {@code model.onnx} in an ONNX Runtime session: raw features in, latents out (preprocessing is inside the
 * graph; {@code docs/model-bundle.md}). The graph's contract is checked when the model is opened: input
 * {@value #INPUT} float32 {@code [N, inputSize]}, output {@value #OUTPUT} float32 {@code [N, outputSize]}, and, when
 * the model records it, the SHA-256 of the {@code network.json} it was exported from.
 *
 * <p>Thread-safe: ONNX Runtime sessions may run concurrently.
 */
public final class FloatModel implements AutoCloseable {

    /** The input name {@code OnnxExporter} writes. */
    public static final String INPUT = "events";
    /** The output name {@code OnnxExporter} writes. */
    public static final String OUTPUT = "latent";
    /** The metadata key holding the SHA-256 of the {@code network.json} the model was exported from. */
    public static final String META_NETWORK_SHA256 = "l1embed.network_json_sha256";

    private final OrtSession session;
    private final InferenceDevice device;
    private final int inputSize;
    private final int outputSize;

    private FloatModel(OrtSession session, InferenceDevice device, int inputSize, int outputSize) {
        this.session = session;
        this.device = device;
        this.inputSize = inputSize;
        this.outputSize = outputSize;
    }

    /**
     * Opens a model and checks it against the network it must implement.
     *
     * @param networkJsonSha256 the verified SHA-256 of the bundle's {@code network.json}
     * @throws IllegalArgumentException if the graph's inputs, outputs, shapes or recorded network hash do not match,
     *                                  naming what differs
     * @throws OrtException             if ONNX Runtime refuses the model
     */
    public static FloatModel open(OnnxSessions sessions, byte[] onnx, int inputSize, int outputSize, String networkJsonSha256)
            throws OrtException {
        OnnxSessions.Opened opened = sessions.open(onnx);
        OrtSession session = opened.session();
        try {
            requireTensor(session.getInputInfo(), INPUT, "input", inputSize);
            requireTensor(session.getOutputInfo(), OUTPUT, "output", outputSize);
            Optional<String> recorded = Optional.ofNullable(session.getMetadata().getCustomMetadata().get(META_NETWORK_SHA256));
            if (recorded.isPresent() && !recorded.get().equals(networkJsonSha256)) {
                throw new IllegalArgumentException("model.onnx: metadata " + META_NETWORK_SHA256 + " is " + recorded.get()
                        + ", but network.json has sha256 " + networkJsonSha256 + " (the ONNX model was exported from another network)");
            }
            return new FloatModel(session, opened.device(), inputSize, outputSize);
        } catch (RuntimeException | OrtException e) {
            session.close();
            throw e;
        }
    }

    private static void requireTensor(Map<String, NodeInfo> infos, String name, String role, int size) {
        NodeInfo info = infos.get(name);
        if (info == null || infos.size() != 1) {
            throw new IllegalArgumentException("model.onnx: expected one " + role + " named '" + name + "', got " + infos.keySet());
        }
        if (!(info.getInfo() instanceof TensorInfo t) || t.type != ai.onnxruntime.OnnxJavaType.FLOAT
                || t.getShape().length != 2 || t.getShape()[1] != size) {
            throw new IllegalArgumentException("model.onnx: " + role + " '" + name + "' must be float32 [N, " + size + "], got "
                    + info.getInfo());
        }
    }

    /** The device the session runs on. */
    public InferenceDevice device() {
        return device;
    }

    /**
     * Runs the model on a batch.
     *
     * @return {@code events × outputSize} latents, event-major
     * @throws OrtException if ONNX Runtime fails
     */
    public float[] embed(FeatureBatch events) throws OrtException {
        if (events.size() != inputSize) {
            throw new IllegalArgumentException("events: expected " + inputSize + " values per event, got " + events.size());
        }
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        long[] shape = {events.count(), inputSize};
        try (OnnxTensor input = OnnxTensor.createTensor(env, FloatBuffer.wrap(events.features()), shape);
             OrtSession.Result result = session.run(Map.of(INPUT, input))) {
            OnnxValue value = result.get(OUTPUT).orElseThrow(() -> new IllegalStateException("model.onnx returned no " + OUTPUT));
            FloatBuffer out = ((OnnxTensor) value).getFloatBuffer();
            float[] latents = new float[events.count() * outputSize];
            if (out.remaining() != latents.length) {
                throw new IllegalStateException("model.onnx returned " + out.remaining() + " values for " + events.count()
                        + " events of " + outputSize + " outputs");
            }
            out.get(latents);
            return latents;
        }
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException("closing the ONNX Runtime session failed: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "FloatModel[" + device + ", " + inputSize + " -> " + outputSize + ", shape " + Arrays.toString(new int[] {inputSize, outputSize}) + "]";
    }
}
