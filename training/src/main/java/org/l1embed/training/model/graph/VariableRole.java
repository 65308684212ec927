package org.l1embed.training.model.graph;

/**
 * What a graph variable is. The role decides whether the optimiser updates it ({@link #isTrainable()}) and
 * whether weight decay applies to it (Dense kernels only, see {@link AdamUpdate}).
 */
public enum VariableRole {
    /** Dense kernel, shape {@code [inputs, outputs]}. */
    KERNEL,
    /** Dense bias, shape {@code [outputs]}. */
    BIAS,
    /** BatchNorm scale γ. */
    GAMMA,
    /** BatchNorm shift β. */
    BETA,
    /** BatchNorm running mean, updated by the training-mode forward pass, not by the optimiser. */
    RUNNING_MEAN,
    /** BatchNorm running (unbiased) variance, updated by the training-mode forward pass, not by the optimiser. */
    RUNNING_VARIANCE,
    /** Adam first moment m of another variable. */
    FIRST_MOMENT,
    /** Adam second moment v of another variable. */
    SECOND_MOMENT;

    /** True for the parameters the optimiser updates: kernels, biases, γ and β. */
    public boolean isTrainable() {
        return switch (this) {
            case KERNEL, BIAS, GAMMA, BETA -> true;
            case RUNNING_MEAN, RUNNING_VARIANCE, FIRST_MOMENT, SECOND_MOMENT -> false;
        };
    }
}
