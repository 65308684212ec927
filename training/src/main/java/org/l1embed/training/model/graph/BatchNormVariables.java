package org.l1embed.training.model.graph;

import java.util.Objects;

/**
 * The four variables of one BatchNorm, each of shape {@code [features]}: y = γ·(x − μ)/√(σ² + ε) + β, with μ and
 * σ² the batch statistics in training mode and the running ones in inference mode (see {@link MlpForward}).
 */
public record BatchNormVariables(GraphVariable gamma, GraphVariable beta, GraphVariable runningMean,
                                 GraphVariable runningVariance) {

    public BatchNormVariables {
        Objects.requireNonNull(gamma, "gamma must not be null");
        Objects.requireNonNull(beta, "beta must not be null");
        Objects.requireNonNull(runningMean, "runningMean must not be null");
        Objects.requireNonNull(runningVariance, "runningVariance must not be null");
    }
}
