package org.l1embed.training.model;

import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Gradients;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/** A graph holding only {@link SupConLoss} on fed projections, with its gradient; for tests. */
final class LossGraph implements AutoCloseable {

    private final Graph graph = new Graph();
    private final Session session;
    private final Placeholder<TFloat32> projections;
    private final Placeholder<TInt32> labels;
    private final Operand<TFloat32> loss;
    private final Operand<TFloat32> gradient;
    private final int width;

    LossGraph(int width, float temperature) {
        this.width = width;
        Ops tf = Ops.create(graph);
        projections = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, width)));
        labels = tf.placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
        loss = SupConLoss.build(tf, projections, labels, temperature);
        Gradients g = tf.gradients(loss, java.util.List.of(projections));
        gradient = g.dy(0);
        session = new Session(graph);
    }

    /** Loss of row-major {@code [labels.length, width]} projections. */
    float loss(float[] z, int[] batchLabels) {
        try (Result r = run(z, batchLabels, false)) {
            return ((TFloat32) r.get(0)).getFloat();
        }
    }

    /** d loss / d projections, row-major. */
    float[] gradient(float[] z, int[] batchLabels) {
        try (Result r = run(z, batchLabels, true)) {
            float[] out = new float[z.length];
            ((TFloat32) r.get(1)).copyTo(DataBuffers.of(out, false, false));
            return out;
        }
    }

    private Result run(float[] z, int[] batchLabels, boolean withGradient) {
        try (TFloat32 zt = TFloat32.tensorOf(Shape.of(batchLabels.length, width), DataBuffers.of(z, true, false));
             TInt32 lt = TInt32.tensorOf(Shape.of(batchLabels.length), DataBuffers.of(batchLabels, true, false))) {
            Session.Runner runner = session.runner().feed(projections, zt).feed(labels, lt).fetch(loss);
            if (withGradient) {
                runner.fetch(gradient);
            }
            return runner.run();
        }
    }

    @Override
    public void close() {
        session.close();
        graph.close();
    }
}
