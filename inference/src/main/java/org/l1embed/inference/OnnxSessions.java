package org.l1embed.inference;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.util.Objects;

/**
 * Opens ONNX Runtime sessions on the configured device. With {@link InferenceDevice#CUDA} it asks for the CUDA
 * execution provider on device 0; when that fails (a CPU-only ONNX Runtime build, no GPU, no CUDA libraries) it logs
 * one WARN line naming the reason and opens this and every later session on the CPU. Thread-safe.
 */
public final class OnnxSessions {

    private static final System.Logger LOG = System.getLogger(OnnxSessions.class.getName());

    private final OrtEnvironment environment;
    private final InferenceDevice requested;
    private final int intraOpThreads;
    private volatile boolean cudaUnavailable;

    /**
     * @param requested      the configured device
     * @param intraOpThreads intra-op threads per session, >= 1
     */
    public OnnxSessions(InferenceDevice requested, int intraOpThreads) {
        this.requested = Objects.requireNonNull(requested, "requested");
        if (intraOpThreads < 1) {
            throw new IllegalArgumentException("l1embed.inference.intra-op-threads must be >= 1, got " + intraOpThreads);
        }
        this.intraOpThreads = intraOpThreads;
        this.environment = OrtEnvironment.getEnvironment();
    }

    /** A session and the device it runs on. */
    public record Opened(OrtSession session, InferenceDevice device) {
    }

    /**
     * Opens a session for an ONNX model.
     *
     * @throws OrtException if ONNX Runtime refuses the model
     */
    public Opened open(byte[] model) throws OrtException {
        if (requested == InferenceDevice.CUDA && !cudaUnavailable) {
            try (OrtSession.SessionOptions options = options()) {
                try {
                    options.addCUDA(0);
                } catch (OrtException | RuntimeException | LinkageError e) {
                    fallBack(e);
                    return open(model);
                }
                return new Opened(environment.createSession(model, options), InferenceDevice.CUDA);
            }
        }
        try (OrtSession.SessionOptions options = options()) {
            return new Opened(environment.createSession(model, options), InferenceDevice.CPU);
        }
    }

    private synchronized void fallBack(Throwable e) {
        if (!cudaUnavailable) {
            cudaUnavailable = true;
            LOG.log(System.Logger.Level.WARNING, "l1embed.inference.device=cuda, but ONNX Runtime's CUDA execution provider "
                    + "cannot be used (" + e.getClass().getSimpleName() + ": " + e.getMessage() + "); float inference runs on the CPU");
        }
    }

    private OrtSession.SessionOptions options() throws OrtException {
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        options.setIntraOpNumThreads(intraOpThreads);
        options.setInterOpNumThreads(1);
        return options;
    }
}
