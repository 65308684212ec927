package org.l1embed.training.model.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.l1embed.training.model.OptimizerConfig;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Steps on the linear loss Σ c·w, whose gradient is exactly c, against the update written out in Java float32
 * arithmetic (OptimizerConfig's formulas, operation by operation).
 */
class AdamUpdateTest {

    private static final float[] KERNEL = {0.5f, -1.25f, 3f};
    private static final float[] BIAS = {2f, -0.75f, 0.1f};
    private static final float[] C = {0.3f, -2f, 1e-3f};

    @Test
    void adamWDecaysKernelsOutsideTheAdaptiveStep() {
        check(OptimizerConfig.adamW(0.01));
    }

    @Test
    void adamAddsTheDecayToTheKernelGradient() {
        check(new OptimizerConfig(OptimizerConfig.Kind.ADAM, 0.8, 0.99, 1e-3, 0.05));
    }

    @Test
    void addsZeroMomentsNamedAfterTheirVariables() {
        try (GraphSession graph = new GraphSession()) {
            Ops tf = graph.ops();
            GraphVariables variables = new GraphVariables(tf);
            GraphVariable w = variables.add("d/kernel", VariableRole.KERNEL, new long[] {3}, KERNEL);
            AdamUpdate adam = AdamUpdate.create(tf, OptimizerConfig.defaults());
            adam.minimize(tf, tf.reduceSum(tf.math.mul(w.variable(), tf.constant(C)), tf.constant(0)), List.of(w), variables, List.of());
            assertEquals(List.of("d/kernel", "d/kernel/adam_m", "d/kernel/adam_v"), variables.names());
            assertEquals(List.of(VariableRole.KERNEL, VariableRole.FIRST_MOMENT, VariableRole.SECOND_MOMENT),
                    variables.all().stream().map(GraphVariable::role).toList());
            graph.open(true);
            Session.Runner runner = graph.session().runner();
            assertTrue(assertThrows(IllegalArgumentException.class, () -> adam.feed(runner, Double.NaN, 1))
                    .getMessage().contains("rate=NaN"));
            assertTrue(assertThrows(IllegalArgumentException.class, () -> adam.feed(runner, 1e-3, 0))
                    .getMessage().contains("step=0"));
        }
    }

    private static void check(OptimizerConfig optimizer) {
        double rate = 0.02;
        try (GraphSession graph = new GraphSession()) {
            Ops tf = graph.ops();
            GraphVariables variables = new GraphVariables(tf);
            GraphVariable w = variables.add("d/kernel", VariableRole.KERNEL, new long[] {3}, KERNEL);
            GraphVariable b = variables.add("d/bias", VariableRole.BIAS, new long[] {3}, BIAS);
            Operand<TFloat32> loss = tf.math.add(tf.reduceSum(tf.math.mul(w.variable(), tf.constant(C)), tf.constant(0)),
                    tf.reduceSum(tf.math.mul(b.variable(), tf.constant(C)), tf.constant(0)));
            AdamUpdate adam = AdamUpdate.create(tf, optimizer);
            List<Op> updates = adam.minimize(tf, loss, variables.trainable(), variables, List.of());
            Op step = tf.withControlDependencies(updates).noOp();
            graph.open(true);

            float[][] expected = {KERNEL.clone(), new float[3], new float[3], BIAS.clone(), new float[3], new float[3]};
            for (long t = 1; t <= 3; t++) {
                Session.Runner runner = graph.session().runner();
                try (AdamUpdate.StepInputs inputs = adam.feed(runner, rate, t)) {
                    runner.addTarget(step).run().close();
                }
                float c1 = (float) (1.0 - StrictMath.pow(optimizer.beta1(), t));
                float c2 = (float) (1.0 - StrictMath.pow(optimizer.beta2(), t));
                oracleStep(optimizer, true, expected[0], expected[1], expected[2], (float) rate, c1, c2);
                oracleStep(optimizer, false, expected[3], expected[4], expected[5], (float) rate, c1, c2);
            }
            Map<String, float[]> values = variables.read(graph.session());
            assertArrayEquals(expected[0], values.get("d/kernel"));
            assertArrayEquals(expected[1], values.get("d/kernel/adam_m"));
            assertArrayEquals(expected[2], values.get("d/kernel/adam_v"));
            assertArrayEquals(expected[3], values.get("d/bias"), "no weight decay on biases");
            assertArrayEquals(expected[4], values.get("d/bias/adam_m"));
            assertArrayEquals(expected[5], values.get("d/bias/adam_v"));
        }
    }

    private static void oracleStep(OptimizerConfig o, boolean kernel, float[] w, float[] m, float[] v, float rate,
                                   float c1, float c2) {
        float beta1 = (float) o.beta1();
        float beta2 = (float) o.beta2();
        float decay = (float) o.weightDecay();
        boolean decayed = kernel && o.weightDecay() > 0;
        for (int i = 0; i < w.length; i++) {
            float g = C[i];
            if (decayed && o.kind() == OptimizerConfig.Kind.ADAM) {
                g = g + decay * w[i];
            }
            m[i] = beta1 * m[i] + (1f - beta1) * g;
            v[i] = beta2 * v[i] + (1f - beta2) * (g * g);
            float step = (m[i] / c1) / ((float) Math.sqrt(v[i] / c2) + (float) o.epsilon());
            if (decayed && o.kind() == OptimizerConfig.Kind.ADAMW) {
                step = step + decay * w[i];
            }
            w[i] = w[i] - rate * step;
        }
    }
}
