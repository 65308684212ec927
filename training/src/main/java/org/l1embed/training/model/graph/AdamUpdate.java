package org.l1embed.training.model.graph;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.l1embed.training.model.OptimizerConfig;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Gradients;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * The Adam/AdamW update of an {@link OptimizerConfig} as graph ops (the formulas are in its Javadoc), with the
 * per-step inputs as placeholders: the learning rate and the bias corrections 1 − β1ᵗ and 1 − β2ᵗ, computed in
 * Java in double precision from the 1-based step t and fed as float32 ({@link #feed}).
 *
 * <p>Weight decay applies to variables of role {@link VariableRole#KERNEL} only. The moments are variables of
 * the registry named {@code <name>/adam_m} and {@code <name>/adam_v}, starting at zero, so they are checkpointed
 * with the weights.
 */
public final class AdamUpdate {

    private final OptimizerConfig optimizer;
    private final Placeholder<TFloat32> learningRate;
    private final Placeholder<TFloat32> firstMomentCorrection;
    private final Placeholder<TFloat32> secondMomentCorrection;

    private AdamUpdate(OptimizerConfig optimizer, Placeholder<TFloat32> learningRate,
                       Placeholder<TFloat32> firstMomentCorrection, Placeholder<TFloat32> secondMomentCorrection) {
        this.optimizer = optimizer;
        this.learningRate = learningRate;
        this.firstMomentCorrection = firstMomentCorrection;
        this.secondMomentCorrection = secondMomentCorrection;
    }

    /**
     * Creates the scalar placeholders {@code learning_rate}, {@code first_moment_correction} and
     * {@code second_moment_correction} in {@code tf}.
     */
    public static AdamUpdate create(Ops tf, OptimizerConfig optimizer) {
        Objects.requireNonNull(optimizer, "optimizer must not be null");
        return new AdamUpdate(optimizer,
                tf.withName("learning_rate").placeholder(TFloat32.class, Placeholder.shape(Shape.scalar())),
                tf.withName("first_moment_correction").placeholder(TFloat32.class, Placeholder.shape(Shape.scalar())),
                tf.withName("second_moment_correction").placeholder(TFloat32.class, Placeholder.shape(Shape.scalar())));
    }

    public OptimizerConfig optimizer() {
        return optimizer;
    }

    /**
     * Every write of one optimisation step that minimises {@code loss} over {@code trainable}: the gradients, then
     * (after all of them) the moment and parameter assigns. Adds the two moment variables of every trainable
     * variable to {@code variables}, in the order of {@code trainable}.
     *
     * <p>Every read of a variable in the forward and backward passes feeds some gradient; making every write wait
     * for every gradient keeps the in-place ref-variable updates from racing those reads. {@code alsoRun} (e.g. the
     * BatchNorm running-statistics updates, which nothing in the step reads) are returned first, without that wait.
     *
     * @param scope     the scope of the gradients; the assigns go to its sub-scope {@code update}
     * @param trainable the variables to update, each registered in {@code variables}
     * @param alsoRun   ops to run in the same step
     * @return {@code alsoRun}, then per trainable variable the assigns of m, v and the variable; group them into the
     *         step's target (e.g. a no-op with these control dependencies)
     */
    public List<Op> minimize(Ops scope, Operand<TFloat32> loss, List<GraphVariable> trainable, GraphVariables variables,
                             List<Op> alsoRun) {
        List<Operand<?>> targets = new ArrayList<>();
        for (GraphVariable v : trainable) {
            targets.add(v.variable());
        }
        Gradients gradients = scope.gradients(loss, targets);
        List<Op> gradientOps = new ArrayList<>();
        for (int i = 0; i < trainable.size(); i++) {
            gradientOps.add(gradients.dy(i));
        }
        Ops update = scope.withSubScope("update").withControlDependencies(gradientOps);
        List<Op> updates = new ArrayList<>(alsoRun);
        for (int i = 0; i < trainable.size(); i++) {
            GraphVariable v = trainable.get(i);
            GraphVariable m = variables.add(v.name() + "/adam_m", VariableRole.FIRST_MOMENT, v.shape(), new float[v.size()]);
            GraphVariable s = variables.add(v.name() + "/adam_v", VariableRole.SECOND_MOMENT, v.shape(), new float[v.size()]);
            updates.addAll(update(update, v, m, s, gradients.dy(i)));
        }
        return List.copyOf(updates);
    }

    /**
     * Feeds the learning rate and the bias corrections of one step into {@code runner}; close the returned tensors
     * after the run.
     *
     * @param rate learning rate, finite and &gt;= 0
     * @param step 1-based index of the update
     * @throws IllegalArgumentException on a bad rate or step
     */
    public StepInputs feed(Session.Runner runner, double rate, long step) {
        if (!(rate >= 0) || !Double.isFinite(rate)) {
            throw new IllegalArgumentException("learning rate must be finite and >= 0, got rate=" + rate);
        }
        if (step < 1) {
            throw new IllegalArgumentException("step must be >= 1 (1-based), got step=" + step);
        }
        float c1 = (float) (1.0 - StrictMath.pow(optimizer.beta1(), step));
        float c2 = (float) (1.0 - StrictMath.pow(optimizer.beta2(), step));
        StepInputs inputs = new StepInputs(TFloat32.scalarOf((float) rate), TFloat32.scalarOf(c1), TFloat32.scalarOf(c2));
        runner.feed(learningRate, inputs.learningRate()).feed(firstMomentCorrection, inputs.firstMomentCorrection())
                .feed(secondMomentCorrection, inputs.secondMomentCorrection());
        return inputs;
    }

    /** The scalar tensors fed for one step; closing frees them. */
    public record StepInputs(TFloat32 learningRate, TFloat32 firstMomentCorrection, TFloat32 secondMomentCorrection)
            implements AutoCloseable {
        @Override
        public void close() {
            learningRate.close();
            firstMomentCorrection.close();
            secondMomentCorrection.close();
        }
    }

    private List<Op> update(Ops tf, GraphVariable v, GraphVariable m, GraphVariable s, Operand<TFloat32> gradient) {
        float beta1 = (float) optimizer.beta1();
        float beta2 = (float) optimizer.beta2();
        boolean decayed = v.role() == VariableRole.KERNEL && optimizer.weightDecay() > 0;
        Operand<TFloat32> decay = tf.constant((float) optimizer.weightDecay());
        Operand<TFloat32> g = gradient;
        if (decayed && optimizer.kind() == OptimizerConfig.Kind.ADAM) {
            g = tf.math.add(g, tf.math.mul(decay, v.variable()));
        }
        Operand<TFloat32> m1 = tf.math.add(tf.math.mul(tf.constant(beta1), m.variable()), tf.math.mul(tf.constant(1f - beta1), g));
        Operand<TFloat32> s1 = tf.math.add(tf.math.mul(tf.constant(beta2), s.variable()),
                tf.math.mul(tf.constant(1f - beta2), tf.math.square(g)));
        Operand<TFloat32> step = tf.math.div(tf.math.div(m1, firstMomentCorrection),
                tf.math.add(tf.math.sqrt(tf.math.div(s1, secondMomentCorrection)), tf.constant((float) optimizer.epsilon())));
        if (decayed && optimizer.kind() == OptimizerConfig.Kind.ADAMW) {
            step = tf.math.add(step, tf.math.mul(decay, v.variable()));
        }
        Operand<TFloat32> next = tf.math.sub(v.variable(), tf.math.mul(learningRate, step));
        return List.of(tf.assign(m.variable(), m1), tf.assign(s.variable(), s1), tf.assign(v.variable(), next));
    }
}
