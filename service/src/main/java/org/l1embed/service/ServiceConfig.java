package org.l1embed.service;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import org.l1embed.service.inference.InferenceDevice;

/** The service's own configuration keys ({@code l1embed.*}); see {@code docs/service.md}. */
@ConfigMapping(prefix = "l1embed")
public interface ServiceConfig {

    /** The model repository. */
    Models models();

    /** Float inference. */
    Inference inference();

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
}
