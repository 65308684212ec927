package org.l1embed.training.model.graph;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.l1embed.training.model.LatentBlock;
import org.l1embed.training.model.ModelConfig;

/**
 * One Dense (+ BatchNorm) (+ LeakyReLU) block of an MLP: {@code h = x·W + b}, then BatchNorm if
 * {@link #batchNorm()} is not null, then LeakyReLU if {@link #activation()}. {@link MlpForward} builds its
 * forward pass.
 *
 * <p>Checkpoint names: block i of a stack with prefix {@code p} has {@code p/dense_i/kernel} ({@code [inputs,
 * outputs]}) and {@code p/dense_i/bias}, and where it has a BatchNorm {@code p/batch_norm_i/gamma}, {@code …/beta},
 * {@code …/running_mean} and {@code …/running_variance} (each {@code [outputs]}). Checkpoints, the model bundle
 * and the fine-tuner all rely on these names.
 *
 * @param inputs     input width, &gt;= 1
 * @param outputs    output width, &gt;= 1
 * @param kernel     the Dense kernel, shape {@code [inputs, outputs]}
 * @param bias       the Dense bias, shape {@code [outputs]}
 * @param batchNorm  the BatchNorm's variables, or null for a block without BatchNorm
 * @param activation whether the block ends with a LeakyReLU
 */
public record MlpBlock(int inputs, int outputs, GraphVariable kernel, GraphVariable bias, BatchNormVariables batchNorm,
                       boolean activation) {

    /** Which layers follow the Dense layer of a block. */
    public enum Kind {
        /** Dense only. */
        DENSE,
        /** Dense, LeakyReLU. */
        DENSE_LEAKY_RELU,
        /** Dense, BatchNorm. */
        DENSE_BATCH_NORM,
        /** Dense, BatchNorm, LeakyReLU. */
        DENSE_BATCH_NORM_LEAKY_RELU;

        /** True when the Dense layer is followed by a BatchNorm. */
        public boolean hasBatchNorm() {
            return this == DENSE_BATCH_NORM || this == DENSE_BATCH_NORM_LEAKY_RELU;
        }

        /** True when the block ends with a LeakyReLU. */
        public boolean hasActivation() {
            return this == DENSE_LEAKY_RELU || this == DENSE_BATCH_NORM_LEAKY_RELU;
        }

        /** The kind of the encoder's latent block. */
        public static Kind of(LatentBlock latent) {
            return switch (latent) {
                case DENSE -> DENSE;
                case DENSE_BATCH_NORM -> DENSE_BATCH_NORM;
                case DENSE_BATCH_NORM_LEAKY_RELU -> DENSE_BATCH_NORM_LEAKY_RELU;
            };
        }
    }

    public MlpBlock {
        if (inputs < 1 || outputs < 1) {
            throw new IllegalArgumentException("inputs and outputs must be >= 1, got inputs=" + inputs + ", outputs=" + outputs);
        }
        Objects.requireNonNull(kernel, "kernel must not be null");
        Objects.requireNonNull(bias, "bias must not be null");
    }

    /**
     * The encoder of a model config: {@link ModelConfig#encoderSizes()} with prefix {@code encoder}, hidden blocks
     * Dense–BatchNorm–LeakyReLU, the latent block as {@link ModelConfig#latentBlock()}.
     */
    public static List<MlpBlock> encoder(GraphVariables variables, ModelConfig config, InitialValues initial) {
        return stack(variables, "encoder", config.encoderSizes(), Kind.DENSE_BATCH_NORM_LEAKY_RELU,
                Kind.of(config.latentBlock()), initial);
    }

    /**
     * The projection head of a model config: {@link ModelConfig#headSizes()} with prefix {@code head}, hidden blocks
     * Dense–BatchNorm–LeakyReLU, the last block Dense only.
     */
    public static List<MlpBlock> head(GraphVariables variables, ModelConfig config, InitialValues initial) {
        return stack(variables, "head", config.headSizes(), Kind.DENSE_BATCH_NORM_LEAKY_RELU, Kind.DENSE, initial);
    }

    /**
     * Adds the variables of a stack of blocks, block by block (kernel, bias, then γ, β, running mean, running
     * variance where there is a BatchNorm), named as in the class comment.
     *
     * @param prefix  the name prefix, e.g. {@code encoder}
     * @param sizes   layer widths from input to output; {@code sizes.size() − 1} blocks, at least one
     * @param hidden  the kind of every block but the last
     * @param last    the kind of the last block
     * @param initial the initial values, asked for in the order the variables are added
     * @throws IllegalArgumentException if there are fewer than two sizes or a variable name is already taken
     */
    public static List<MlpBlock> stack(GraphVariables variables, String prefix, List<Integer> sizes, Kind hidden, Kind last,
                                       InitialValues initial) {
        if (sizes.size() < 2) {
            throw new IllegalArgumentException("a stack needs at least an input and an output size, got sizes=" + sizes);
        }
        List<MlpBlock> blocks = new ArrayList<>();
        for (int i = 0; i + 1 < sizes.size(); i++) {
            int in = sizes.get(i);
            int out = sizes.get(i + 1);
            Kind kind = i + 2 == sizes.size() ? last : hidden;
            String dense = prefix + "/dense_" + i;
            GraphVariable kernel = add(variables, initial, dense + "/kernel", VariableRole.KERNEL, new long[] {in, out}, in);
            GraphVariable bias = add(variables, initial, dense + "/bias", VariableRole.BIAS, new long[] {out}, in);
            BatchNormVariables bn = null;
            if (kind.hasBatchNorm()) {
                String norm = prefix + "/batch_norm_" + i;
                long[] shape = {out};
                bn = new BatchNormVariables(
                        add(variables, initial, norm + "/gamma", VariableRole.GAMMA, shape, in),
                        add(variables, initial, norm + "/beta", VariableRole.BETA, shape, in),
                        add(variables, initial, norm + "/running_mean", VariableRole.RUNNING_MEAN, shape, in),
                        add(variables, initial, norm + "/running_variance", VariableRole.RUNNING_VARIANCE, shape, in));
            }
            blocks.add(new MlpBlock(in, out, kernel, bias, bn, kind.hasActivation()));
        }
        return List.copyOf(blocks);
    }

    private static GraphVariable add(GraphVariables variables, InitialValues initial, String name, VariableRole role,
                                     long[] shape, int fanIn) {
        return variables.add(name, role, shape, initial.values(name, role, shape.clone(), fanIn));
    }
}
