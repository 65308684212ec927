package org.l1embed.service.batching;

import ai.onnxruntime.OrtException;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import org.jboss.logging.Logger;
import org.l1embed.inference.FeatureBatch;
import org.l1embed.inference.FixedModel;
import org.l1embed.service.ServiceConfig;
import org.l1embed.service.repository.LoadedModel;

/**
 * The service's entry to the backends for {@code Embed} and {@code Emulate}: one {@link DynamicBatcher} configured by
 * {@code l1embed.batching.*}, and the two kernels of a loaded model (ONNX Runtime latents, emulator raw outputs).
 */
@Startup   // refuses a bad configuration at start-up, not on the first request
@ApplicationScoped
public class InferenceScheduler {

    private static final Logger LOG = Logger.getLogger(InferenceScheduler.class);

    private final DynamicBatcher batcher;

    public InferenceScheduler(ServiceConfig config, BatchObserver observer) {
        ServiceConfig.Batching b = config.batching();
        BatchPolicy policy = new BatchPolicy(b.enabled(), b.maxBatch(), b.maxDelay().toNanos(), b.maxQueue());
        this.batcher = new DynamicBatcher(policy, observer);
        LOG.infof("dynamic batching %s", policy.enabled() ? "on: max-batch " + policy.maxBatch() + " events, max-delay "
                + policy.maxDelayNanos() / 1000 + " µs, max-queue " + policy.maxQueue() + " requests per model and backend" : "off");
    }

    /** How requests are merged. */
    public BatchPolicy policy() {
        return batcher.policy();
    }

    /**
     * The latents of a model's events ({@code events × latent size}, event-major), merged with concurrent requests.
     *
     * @param deadlineNanos the request's deadline ({@link System#nanoTime()} clock) or {@link DynamicBatcher#NO_DEADLINE}
     */
    public CompletableFuture<float[]> embed(LoadedModel model, FeatureBatch events, long deadlineNanos) {
        int latent = model.bundle().network().outputSize();
        int size = events.size();
        BatchKernel<float[]> kernel = new BatchKernel<>() {
            @Override
            public float[] compute(float[] features, int n) {
                try {
                    return model.floatModel().embed(new FeatureBatch(n, size, features));
                } catch (OrtException e) {
                    throw new IllegalStateException("ONNX Runtime failed on " + model.key().label() + ": " + e.getMessage(), e);
                }
            }

            @Override
            public float[] slice(float[] outputs, int from, int count) {
                return Arrays.copyOfRange(outputs, from * latent, (from + count) * latent);
            }
        };
        return batcher.submit(new Lane(model.key(), Lane.Backend.FLOAT), model, kernel, events.features(), events.count(),
                deadlineNanos);
    }

    /** The emulator's raw outputs of a quantized model's events ({@code events × outputs}), merged with concurrent requests. */
    public CompletableFuture<long[]> emulateRaw(LoadedModel model, FixedModel fixed, FeatureBatch events, long deadlineNanos) {
        int outputs = fixed.emulator().outputSize();
        int size = events.size();
        BatchKernel<long[]> kernel = new BatchKernel<>() {
            @Override
            public long[] compute(float[] features, int n) {
                return fixed.emulateRaw(new FeatureBatch(n, size, features));
            }

            @Override
            public long[] slice(long[] raw, int from, int count) {
                return Arrays.copyOfRange(raw, from * outputs, (from + count) * outputs);
            }
        };
        return batcher.submit(new Lane(model.key(), Lane.Backend.EMULATION), model, kernel, events.features(), events.count(),
                deadlineNanos);
    }

    @PreDestroy
    void close() {
        batcher.close();
    }
}
