package org.l1embed.training.model.graph;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Where the initial value of a variable comes from when a block is built ({@link MlpBlock#stack}).
 */
@FunctionalInterface
public interface InitialValues {

    /**
     * The initial values of one variable.
     *
     * @param name  its checkpoint name
     * @param role  what it is
     * @param shape its dimensions (a copy the implementation may keep)
     * @param fanIn the number of inputs of its Dense layer (the kernel's first dimension, also for the bias)
     * @return {@link GraphVariable#sizeOf}(shape) values, row-major
     */
    float[] values(String name, VariableRole role, long[] shape, int fanIn);

    /**
     * PyTorch's defaults: {@code nn.Linear} kernels and biases U(−1/√fan_in, 1/√fan_in), drawn from {@code rng} in
     * the order asked for as {@code (float) ((2·u − 1)·bound)} with u = {@code rng.nextDouble()} (row-major, kernel
     * before bias, one draw per value); BatchNorm γ = 1, β = 0, running mean 0, running variance 1; Adam moments 0.
     * Only kernels and biases draw from {@code rng}, so the same seed and the same sequence of blocks give the same
     * weights whatever the blocks' BatchNorms are.
     */
    static InitialValues pytorchDefaults(SplittableRandom rng) {
        return (name, role, shape, fanIn) -> {
            int n = GraphVariable.sizeOf(shape);
            return switch (role) {
                case KERNEL, BIAS -> uniform(rng, n, 1.0 / StrictMath.sqrt(fanIn));
                case GAMMA, RUNNING_VARIANCE -> filled(n, 1f);
                case BETA, RUNNING_MEAN, FIRST_MOMENT, SECOND_MOMENT -> new float[n];
            };
        };
    }

    private static float[] uniform(SplittableRandom rng, int n, double bound) {
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = (float) ((2 * rng.nextDouble() - 1) * bound);
        }
        return values;
    }

    private static float[] filled(int n, float value) {
        float[] values = new float[n];
        Arrays.fill(values, value);
        return values;
    }
}
