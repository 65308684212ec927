package org.l1embed.training.model;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.ReduceMax;
import org.tensorflow.op.core.ReduceSum;
import org.tensorflow.op.core.Unique;
import org.tensorflow.op.linalg.MatMul;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The supervised contrastive loss, "L_out" form of Khosla et al. (arXiv:2004.11362, eq. 2), as TensorFlow graph
 * ops. For a batch of B projections with labels y, and ẑ = z / √(‖z‖² + 10⁻¹²) (L2 normalisation):
 *
 * <pre>
 *   s(i,a)  = ẑᵢ·ẑₐ / τ
 *   A(i)    = {a ≠ i}                P(i) = {p ∈ A(i) : y_p = y_i}
 *   ℓᵢ      = −(1/|P(i)|) Σ_{p∈P(i)} [ s(i,p) − log Σ_{a∈A(i)} exp s(i,a) ]
 *   L       = mean of ℓᵢ over the anchors with |P(i)| &gt; 0;   L = 0 when no anchor has a positive
 * </pre>
 *
 * <p>Equivalently {@code ℓᵢ = log Σ_{a∈A(i)} exp s(i,a) − (1/|P(i)|) Σ_{p∈P(i)} s(i,p)}, which is how it is
 * computed. Numerics: the log-sum-exp excludes self-contrast by subtracting 10³⁰ from s(i,i) (its exp is exactly
 * 0) and shifts each row by its largest remaining entry under a stop-gradient (the shift cancels exactly), so the
 * largest exponent is exp(0) and the sum is &gt;= 1 — no overflow for any τ, no log(0). The positive term uses
 * per-class sums of ẑ ({@code Σ_{p∈P(i)} ẑ_p = Σ_{y_p = y_i} ẑ_p − ẑᵢ}), so no B×B label mask is built; the
 * B×B work is one matrix product and one log-sum-exp. Anchors without positives are excluded from the mean
 * rather than producing NaN; a batch where every label is distinct therefore has loss 0 and zero gradient. The
 * base-temperature factor τ/τ_base of the reference implementation is not applied (τ_base = τ).
 *
 * <p>The SimCLR / NT-Xent loss (Chen et al., arXiv:2002.05709) is the special case where the batch holds two
 * views of each event and the label of a row is the index of its event: each anchor then has exactly one
 * positive ({@link #viewLabels(int)}).
 */
public final class SupConLoss {

    /** Added to ‖z‖² before the inverse square root, so that a zero projection does not divide by zero. */
    public static final float NORM_EPSILON = 1e-12f;

    /** The smallest temperature accepted: similarities stay far below the self-contrast offset. */
    public static final float MIN_TEMPERATURE = 1e-6f;

    /** Subtracted from the self-similarity s(i,i) so that exp gives exactly 0 there (|s| &lt;= 1/τ elsewhere). */
    private static final float SELF_OFFSET = 1e30f;

    private SupConLoss() {
    }

    /**
     * Builds the loss.
     *
     * @param tf          where to add the ops
     * @param projections {@code [B, P]}, B &gt;= 2 (with B = 1 there is nothing to contrast with)
     * @param labels      {@code [B]}, any int values; equal values are positives
     * @param temperature τ &gt;= {@value #MIN_TEMPERATURE}
     * @return the scalar loss
     */
    public static Operand<TFloat32> build(Ops tf, Operand<TFloat32> projections, Operand<TInt32> labels, float temperature) {
        if (!(temperature >= MIN_TEMPERATURE) || !Float.isFinite(temperature)) {
            throw new IllegalArgumentException("temperature must be finite and >= " + MIN_TEMPERATURE + ", got temperature=" + temperature);
        }
        Operand<TInt32> axis1 = tf.constant(1);
        Operand<TFloat32> one = tf.constant(1f);

        Operand<TFloat32> squaredNorm = tf.reduceSum(tf.math.square(projections), axis1, ReduceSum.keepDims(true));
        Operand<TFloat32> unit = tf.math.mul(projections, tf.math.rsqrt(tf.math.add(squaredNorm, tf.constant(NORM_EPSILON))));
        Operand<TFloat32> scaled = tf.math.mul(unit, tf.constant(1f / temperature));
        Operand<TFloat32> similarity = tf.linalg.matMul(scaled, unit, MatMul.transposeB(true));

        // log Σ_{a≠i} exp s(i,a): the diagonal is pushed to -1e30 (exp gives exactly 0) and each row is shifted by
        // its largest remaining entry, so the largest exponent is exp(0).
        Operand<TInt32> batch = tf.gather(tf.shape(labels), tf.constant(0), tf.constant(0));
        Operand<TFloat32> selfOffset = tf.linalg.matrixDiag(tf.fill(tf.expandDims(batch, tf.constant(0)), tf.constant(SELF_OFFSET)),
                tf.constant(0), tf.constant(-1), tf.constant(-1), tf.constant(0f));
        Operand<TFloat32> others = tf.math.sub(similarity, selfOffset);
        Operand<TFloat32> rowMax = tf.stopGradient(tf.reduceMax(others, axis1, ReduceMax.keepDims(true)));
        Operand<TFloat32> logSumExp = tf.math.add(tf.squeeze(rowMax),
                tf.math.log(tf.reduceSum(tf.math.exp(tf.math.sub(others, rowMax)), axis1)));

        // Σ_{p∈P(i)} s(i,p) = ẑᵢ·(Σ_{y_p = y_i} ẑ_p − ẑᵢ)/τ from per-class sums: O(B·P) instead of a B×B mask.
        Unique<TInt32, TInt32> distinct = tf.unique(labels, tf.constant(new int[] {0}));
        Operand<TInt32> classIndex = distinct.idx();
        Operand<TInt32> classes = tf.size(distinct.y());
        Operand<TFloat32> classSums = tf.math.unsortedSegmentSum(unit, classIndex, classes);
        Operand<TFloat32> positiveSums = tf.math.sub(tf.gather(classSums, classIndex, tf.constant(0)), unit);
        Operand<TFloat32> positiveSimilarity = tf.reduceSum(tf.math.mul(scaled, positiveSums), axis1);
        Operand<TFloat32> classCounts = tf.math.unsortedSegmentSum(tf.onesLike(tf.dtypes.cast(labels, TFloat32.class)),
                classIndex, classes);
        Operand<TFloat32> positiveCount = tf.math.sub(tf.gather(classCounts, classIndex, tf.constant(0)), one);

        Operand<TFloat32> hasPositive = tf.dtypes.cast(tf.math.greater(positiveCount, tf.constant(0f)), TFloat32.class);
        Operand<TFloat32> anchorLoss = tf.math.sub(logSumExp, tf.math.div(positiveSimilarity, tf.math.maximum(positiveCount, one)));
        Operand<TFloat32> anchors = tf.reduceSum(hasPositive, tf.constant(0));
        return tf.math.div(tf.reduceSum(tf.math.mul(anchorLoss, hasPositive), tf.constant(0)), tf.math.maximum(anchors, one));
    }

    /**
     * Labels for a batch that holds two views of {@code events} events, first all first views then all second
     * views in the same event order: {@code [0, 1, …, n−1, 0, 1, …, n−1]}. With these labels SupCon is NT-Xent.
     *
     * @throws IllegalArgumentException if {@code events < 1}
     */
    public static int[] viewLabels(int events) {
        if (events < 1) {
            throw new IllegalArgumentException("events must be >= 1, got events=" + events);
        }
        int[] labels = new int[2 * events];
        for (int i = 0; i < events; i++) {
            labels[i] = i;
            labels[events + i] = i;
        }
        return labels;
    }
}
