package org.l1embed.training.model;

/**
 * What follows the Dense layer that produces the latent vector. The paper's encoder (arXiv:2502.15926) treats
 * the latent layer like every other layer, {@link #DENSE_BATCH_NORM_LEAKY_RELU}; the other two give a latent
 * space that is not clipped on the negative side.
 */
public enum LatentBlock {
    /** Dense only: the latent is an affine function of the last hidden layer. */
    DENSE,
    /** Dense then BatchNorm. */
    DENSE_BATCH_NORM,
    /** Dense, BatchNorm, LeakyReLU (the paper's choice and the default). */
    DENSE_BATCH_NORM_LEAKY_RELU;

    /** True when the latent Dense is followed by a BatchNorm. */
    public boolean hasBatchNorm() {
        return this != DENSE;
    }

    /** True when the latent block ends with a LeakyReLU. */
    public boolean hasActivation() {
        return this == DENSE_BATCH_NORM_LEAKY_RELU;
    }
}
