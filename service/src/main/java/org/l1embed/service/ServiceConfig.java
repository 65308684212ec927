package org.l1embed.service;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.l1embed.inference.InferenceDevice;

/** The service's own configuration keys ({@code l1embed.*}); see {@code docs/service.md}. */
@ConfigMapping(prefix = "l1embed")
public interface ServiceConfig {

    /** The model repository. */
    Models models();

    /** Float inference. */
    Inference inference();

    /** Dynamic batching of concurrent requests. */
    Batching batching();

    /** The optional bearer-token check. */
    Auth auth();

    /** {@code l1embed.models.*}. */
    interface Models {
        /** {@code l1embed.models.dir}: the directory holding {@code <name>/<version>/} bundle directories. */
        @WithDefault("models")
        Path dir();
    }

    /** {@code l1embed.inference.*}. */
    interface Inference {
        /** {@code l1embed.inference.device}: {@code cpu} (default) or {@code cuda} (falls back to CPU with a WARN line). */
        @WithDefault("cpu")
        InferenceDevice device();

        /** {@code l1embed.inference.intra-op-threads}: ONNX Runtime intra-op threads per model session, >= 1. */
        @WithDefault("1")
        int intraOpThreads();
    }

    /**
     * {@code l1embed.batching.*}: concurrent small {@code Embed} and {@code Emulate} requests for the same model version
     * are merged into one backend call (see {@code docs/service.md}).
     */
    interface Batching {
        /** {@code l1embed.batching.enabled}: merge concurrent small requests; when false every request is its own call. */
        @WithDefault("true")
        boolean enabled();

        /**
         * {@code l1embed.batching.max-batch}: the most events one merged call takes, >= 1. A request with at least this
         * many events is computed on its own, without waiting.
         */
        @WithDefault("256")
        int maxBatch();

        /**
         * {@code l1embed.batching.max-delay}: how long the oldest queued request may wait for others before its batch
         * runs, >= 0; a duration such as {@code PT0S} (the default: merge only what is already waiting),
         * {@code PT0.0005S} (500 µs) or {@code 2ms}. On a small CPU machine, waiting costs more than it saves (see
         * BENCHMARKS.md); on a GPU, where one call of 1 000 events costs about as much as one of 1, a delay pays.
         */
        @WithDefault("PT0S")
        Duration maxDelay();

        /**
         * {@code l1embed.batching.max-queue}: the most requests waiting per model version and backend, >= 1; a request
         * beyond it is refused with RESOURCE_EXHAUSTED.
         */
        @WithDefault("4096")
        int maxQueue();
    }

    /** {@code l1embed.auth.*}. */
    interface Auth {
        /**
         * {@code l1embed.auth.token}: when set, every gRPC call (except {@code grpc.health.v1.Health}) and every
         * {@code /api} request must carry {@code authorization: Bearer <token>}.
         */
        Optional<String> token();

        /** {@code l1embed.auth.token-file}: the token in a file (trimmed), e.g. a mounted Kubernetes secret. */
        Optional<Path> tokenFile();
    }
}
