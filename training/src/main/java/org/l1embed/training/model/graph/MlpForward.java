package org.l1embed.training.model.graph;

import java.util.ArrayList;
import java.util.List;
import org.l1embed.training.model.ModelConfig;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.nn.LeakyRelu;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The forward pass through a list of {@link MlpBlock}s, in float32, in one of two modes.
 *
 * <p><b>Inference mode</b> ({@link #inference}): BatchNorm with the running statistics,
 * {@code y = (x − running_mean)·(rsqrt(running_variance + ε)·γ) + β}; changes nothing.
 *
 * <p><b>Training mode</b> ({@link #training}): BatchNorm with the statistics of the batch, mean μ and biased
 * variance σ² over the rows, {@code y = (x − μ)·(rsqrt(σ² + ε)·γ) + β}, and for every BatchNorm an update
 * {@code running = running·(1 − m) + batch·m} with the batch mean and the unbiased batch variance σ²·B/(B − 1)
 * (PyTorch's convention, m the momentum). The updates are collected, not run: the caller groups them into its
 * training step.
 *
 * <p>The arithmetic is fixed to the op sequence above (matMul then add for Dense; the scale computed before the
 * multiply), since trained weights and golden values depend on it to the last bit.
 *
 * @param leakyReluAlpha    negative slope of LeakyReLU (used as float32)
 * @param batchNormEpsilon  ε added to the variance (used as float32)
 * @param batchNormMomentum m of the running-statistics update (used as float32)
 */
public record MlpForward(double leakyReluAlpha, double batchNormEpsilon, double batchNormMomentum) {

    /** The forward pass with the LeakyReLU slope and BatchNorm constants of a model config. */
    public static MlpForward of(ModelConfig config) {
        return new MlpForward(config.leakyReluAlpha(), config.batchNormEpsilon(), config.batchNormMomentum());
    }

    /** The blocks applied to {@code x} in inference mode (running statistics). */
    public Operand<TFloat32> inference(Ops tf, Operand<TFloat32> x, List<MlpBlock> blocks) {
        return forward(tf, x, blocks, null, null);
    }

    /**
     * Starts a training-mode pass over one batch.
     *
     * @param tf    the scope of every op of the pass
     * @param batch the network input {@code [B, …]}; its row count B gives the unbiased-variance factor
     *              B/(B − 1) of the running-variance updates (infinite for B = 1, so callers need B &gt;= 2)
     */
    public TrainingPass training(Ops tf, Operand<TFloat32> batch) {
        Operand<TFloat32> rows = tf.dtypes.cast(tf.gather(tf.shape(batch), tf.constant(0), tf.constant(0)), TFloat32.class);
        return new TrainingPass(tf, tf.math.div(rows, tf.math.sub(rows, tf.constant(1f))));
    }

    /**
     * A training-mode pass over one batch: any number of {@link #apply} calls (e.g. encoder, then head on its
     * output), whose running-statistics updates accumulate in {@link #runningUpdates()}.
     */
    public final class TrainingPass {
        private final Ops tf;
        private final Operand<TFloat32> unbias;
        private final List<Op> runningUpdates = new ArrayList<>();

        private TrainingPass(Ops tf, Operand<TFloat32> unbias) {
            this.tf = tf;
            this.unbias = unbias;
        }

        /** The blocks applied to {@code x} with batch statistics; their running-statistics updates are collected. */
        public Operand<TFloat32> apply(Operand<TFloat32> x, List<MlpBlock> blocks) {
            return forward(tf, x, blocks, runningUpdates, unbias);
        }

        /** The running-statistics updates of every {@link #apply} so far, in order; to be run with the training step. */
        public List<Op> runningUpdates() {
            return List.copyOf(runningUpdates);
        }
    }

    /** {@code runningUpdates != null} selects training mode (updates appended there), null inference mode. */
    private Operand<TFloat32> forward(Ops tf, Operand<TFloat32> x, List<MlpBlock> blocks, List<Op> runningUpdates,
                                      Operand<TFloat32> unbias) {
        Operand<TFloat32> h = x;
        Operand<TInt32> axis0 = tf.constant(0);
        LeakyRelu.Options alpha = LeakyRelu.alpha((float) leakyReluAlpha);
        Operand<TFloat32> epsilon = tf.constant((float) batchNormEpsilon);
        for (MlpBlock b : blocks) {
            h = tf.math.add(tf.linalg.matMul(h, b.kernel().variable()), b.bias().variable());
            BatchNormVariables bn = b.batchNorm();
            if (bn != null) {
                if (runningUpdates != null) {
                    Operand<TFloat32> mean = tf.math.mean(h, axis0);
                    Operand<TFloat32> centred = tf.math.sub(h, mean);
                    Operand<TFloat32> variance = tf.math.mean(tf.math.square(centred), axis0);
                    Operand<TFloat32> scale = tf.math.mul(tf.math.rsqrt(tf.math.add(variance, epsilon)), bn.gamma().variable());
                    h = tf.math.add(tf.math.mul(centred, scale), bn.beta().variable());
                    runningUpdates.add(runningUpdate(tf, bn.runningMean(), mean));
                    runningUpdates.add(runningUpdate(tf, bn.runningVariance(), tf.math.mul(variance, unbias)));
                } else {
                    Operand<TFloat32> scale = tf.math.mul(
                            tf.math.rsqrt(tf.math.add(bn.runningVariance().variable(), epsilon)), bn.gamma().variable());
                    h = tf.math.add(tf.math.mul(tf.math.sub(h, bn.runningMean().variable()), scale), bn.beta().variable());
                }
            }
            if (b.activation()) {
                h = tf.nn.leakyRelu(h, alpha);
            }
        }
        return h;
    }

    private Op runningUpdate(Ops tf, GraphVariable running, Operand<TFloat32> batchValue) {
        float m = (float) batchNormMomentum;
        return tf.assign(running.variable(), tf.math.add(
                tf.math.mul(running.variable(), tf.constant(1f - m)), tf.math.mul(batchValue, tf.constant(m))));
    }
}
