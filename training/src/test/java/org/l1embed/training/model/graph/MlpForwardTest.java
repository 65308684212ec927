package org.l1embed.training.model.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * One Dense(1 → 1)–BatchNorm–LeakyReLU block on values chosen so that every intermediate is exact in float32 (ε = 0,
 * unit variances), so both modes and the running-statistics update are checked with equality.
 */
class MlpForwardTest {

    private static final float MOMENTUM = 0.1f;
    private static final MlpForward FORWARD = new MlpForward(0.25, 0.0, MOMENTUM);

    @Test
    void inferenceUsesTheRunningStatisticsAndTrainingTheBatchStatisticsThenUpdatesThem() {
        try (GraphSession graph = new GraphSession()) {
            Ops tf = graph.ops();
            GraphVariables variables = new GraphVariables(tf);
            InitialValues initial = (name, role, shape, fanIn) -> switch (role) {
                case KERNEL, RUNNING_VARIANCE -> new float[] {1f};
                case GAMMA -> new float[] {2f};
                case BETA -> new float[] {0.5f};
                case BIAS, RUNNING_MEAN, FIRST_MOMENT, SECOND_MOMENT -> new float[] {0f};
            };
            List<MlpBlock> blocks = MlpBlock.stack(variables, "b", List.of(1, 1), MlpBlock.Kind.DENSE,
                    MlpBlock.Kind.DENSE_BATCH_NORM_LEAKY_RELU, initial);
            Placeholder<TFloat32> x = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 1)));
            Operand<TFloat32> inference = FORWARD.inference(tf.withSubScope("inference"), x, blocks);
            MlpForward.TrainingPass pass = FORWARD.training(tf.withSubScope("train"), x);
            Operand<TFloat32> training = pass.apply(x, blocks);
            List<Op> updates = pass.runningUpdates();
            assertEquals(2, updates.size());
            graph.open(true);

            float[] batch = {-3f, 1f};
            // Running statistics (0, 1): y = (x − 0)·(1·2) + 0.5, then LeakyReLU(0.25).
            assertArrayEquals(new float[] {(-6f + 0.5f) * 0.25f, 2.5f}, run(graph, x, batch, inference, List.of()));
            // Batch statistics: mean −1, biased variance 4: y = (x + 1)·(2/2) + 0.5 = {−1.5, 2.5}.
            assertArrayEquals(new float[] {-1.5f * 0.25f, 2.5f}, run(graph, x, batch, training, updates));

            Map<String, float[]> values = variables.read(graph.session());
            float m = MOMENTUM;
            // running = running·(1 − m) + batch·m, with the unbiased variance 4·2/(2 − 1) = 8.
            assertArrayEquals(new float[] {0f * (1f - m) + -1f * m}, values.get("b/batch_norm_0/running_mean"));
            assertArrayEquals(new float[] {1f * (1f - m) + 8f * m}, values.get("b/batch_norm_0/running_variance"));
        }
    }

    private static float[] run(GraphSession graph, Placeholder<TFloat32> x, float[] batch, Operand<TFloat32> output,
                               List<Op> targets) {
        try (TFloat32 xt = TFloat32.tensorOf(Shape.of(batch.length, 1), DataBuffers.of(batch, true, false))) {
            var runner = graph.session().runner().feed(x, xt).fetch(output);
            targets.forEach(runner::addTarget);
            try (Result result = runner.run()) {
                float[] out = new float[batch.length];
                ((TFloat32) result.get(0)).copyTo(DataBuffers.of(out, false, false));
                return out;
            }
        }
    }
}
