package org.l1embed.training.model;

import java.util.Objects;

/**
 * Adam-family optimiser settings (Kingma &amp; Ba, arXiv:1412.6980; decoupled weight decay: Loshchilov &amp; Hutter,
 * arXiv:1711.05101). The learning rate is not here: it is fed every step (see the schedule in
 * {@code org.l1embed.training.train}).
 *
 * <p>Update for one parameter θ with gradient g at step t (1-based):
 * {@code m ← β1·m + (1−β1)·g}, {@code v ← β2·v + (1−β2)·g²},
 * {@code θ ← θ − lr·( (m/(1−β1ᵗ)) / (√(v/(1−β2ᵗ)) + ε) + λ·θ )} for {@link Kind#ADAMW} (decoupled decay);
 * for {@link Kind#ADAM} the decay is coupled instead: {@code g ← g + λ·θ} before the moments (PyTorch's
 * {@code Adam(weight_decay=λ)}), and {@code λ = 0} gives plain Adam. Weight decay applies to Dense kernels only,
 * never to biases or BatchNorm parameters.
 *
 * @param kind        ADAM or ADAMW
 * @param beta1       first-moment decay, in [0, 1)
 * @param beta2       second-moment decay, in [0, 1)
 * @param epsilon     added to √v̂, finite and &gt; 0
 * @param weightDecay λ, finite and &gt;= 0
 */
public record OptimizerConfig(Kind kind, double beta1, double beta2, double epsilon, double weightDecay) {

    /** The update rule. */
    public enum Kind {
        /** Adam; weight decay, if any, is an L2 term added to the gradient. */
        ADAM,
        /** AdamW: weight decay decoupled from the adaptive step. */
        ADAMW
    }

    public OptimizerConfig {
        Objects.requireNonNull(kind, "kind must not be null");
        if (!(beta1 >= 0 && beta1 < 1)) {
            throw new IllegalArgumentException("beta1 must be in [0, 1), got beta1=" + beta1);
        }
        if (!(beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("beta2 must be in [0, 1), got beta2=" + beta2);
        }
        if (!(epsilon > 0) || !Double.isFinite(epsilon)) {
            throw new IllegalArgumentException("epsilon must be finite and > 0, got epsilon=" + epsilon);
        }
        if (!(weightDecay >= 0) || !Double.isFinite(weightDecay)) {
            throw new IllegalArgumentException("weightDecay must be finite and >= 0, got weightDecay=" + weightDecay);
        }
    }

    /** Plain Adam: β1 = 0.9, β2 = 0.999, ε = 1e-8, no weight decay. */
    public static OptimizerConfig adam() {
        return new OptimizerConfig(Kind.ADAM, 0.9, 0.999, 1e-8, 0.0);
    }

    /** AdamW with β1 = 0.9, β2 = 0.999, ε = 1e-8 and the given decoupled weight decay. */
    public static OptimizerConfig adamW(double weightDecay) {
        return new OptimizerConfig(Kind.ADAMW, 0.9, 0.999, 1e-8, weightDecay);
    }

    /** The default: AdamW with λ = 1e-4. */
    public static OptimizerConfig defaults() {
        return adamW(1e-4);
    }
}
