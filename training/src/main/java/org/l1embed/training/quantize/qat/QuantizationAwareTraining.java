package org.l1embed.training.quantize.qat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.l1embed.quantization.emulator.FloatNetwork;
import org.l1embed.quantization.fixed.FixedType;
import org.l1embed.quantization.network.Dense;
import org.l1embed.quantization.network.Layer;
import org.l1embed.quantization.network.NetworkSpec;
import org.l1embed.quantization.network.Tensor;
import org.l1embed.training.quantize.QuantizedForward;
import org.l1embed.training.quantize.QuantizedForward.DenseParameters;
import org.l1embed.training.quantize.QuantizedForward.Gradient;
import org.l1embed.training.train.Seeds;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Gradients;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;

/**
 * Quantization-aware fine-tuning of a quantized network by distillation: the dense weights of a quantized
 * {@link NetworkSpec} (types fixed, e.g. by post-training quantization) are trained so that the network's
 * fixed-point output follows the float network's output on the same inputs.
 *
 * <pre>
 *   forward   y = QuantizedForward(x; W, b)       every conversion of the emulator, straight-through gradients
 *   target    t = float network(x)                FloatNetwork in double precision, computed once
 *   loss      L = mean over events and outputs of (y_j − t_j)² / var(t_j)
 * </pre>
 *
 * The forward pass is {@link QuantizedForward} with the dense weights and biases as float64 variables ("master
 * weights"), converted into the layer's weight and bias types on every step, and every accumulator, result and
 * activation conversion exactly as the emulator does it (per product and per partial sum where the accumulator can
 * round or overflow). Gradients pass straight through each conversion and are zero where a saturating type clips.
 * So the value the loss sees is, bit for bit, what the emulator and the firmware compute for the current weights:
 * there is no separate "exact mode" to drift from the training graph. Dividing by the variance of each float output
 * weights the latent dimensions equally, as a Mahalanobis anomaly score does.
 *
 * <p>Adam ({@code ApplyAdam}, β₁ 0.9, β₂ 0.999, ε 1e-8) with a cosine decay of the learning rate to zero over all
 * steps. After every epoch the loss on the validation inputs is evaluated with the same graph; the result keeps the
 * weights of the best epoch, where epoch 0 is the starting point, so fine-tuning never returns a network worse on the
 * validation inputs than the one it was given.
 *
 * <p>The returned network has the input spec and types of {@code quantized}; its dense weights and biases are the
 * values of the converted master weights (every one exactly representable in its type), so converting them again is
 * the identity and the emulator, the HLS export and this graph agree on them. Other layers are not trained.
 */
public final class QuantizationAwareTraining {

    /**
     * How long and how fast to fine-tune.
     *
     * @param epochs       passes over the training inputs, &gt;= 1
     * @param batchSize    events per step, &gt;= 1
     * @param learningRate peak Adam learning rate, finite and &gt; 0
     * @param seed         seed of the shuffles
     */
    public record Settings(int epochs, int batchSize, double learningRate, long seed) {
        public Settings {
            if (epochs < 1) {
                throw new IllegalArgumentException("epochs must be >= 1, got epochs=" + epochs);
            }
            if (batchSize < 1) {
                throw new IllegalArgumentException("batchSize must be >= 1, got batchSize=" + batchSize);
            }
            if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
                throw new IllegalArgumentException("learningRate must be finite and > 0, got learningRate=" + learningRate);
            }
        }

        /** {@code epochs} epochs of batch 256 at a peak learning rate of 1e-3. */
        public static Settings defaults(int epochs) {
            return new Settings(epochs, 256, 1e-3, 1);
        }
    }

    /**
     * One finished epoch.
     *
     * @param trainLoss      mean loss of the epoch's steps (before each step's update)
     * @param validationLoss loss on the validation inputs after the epoch
     */
    public record Epoch(int epoch, double trainLoss, double validationLoss) {
    }

    /**
     * What fine-tuning produced.
     *
     * @param network               the quantized network with the weights of the best epoch
     * @param initialValidationLoss the validation loss of the network it was given
     * @param history               one entry per epoch
     * @param bestEpoch             the epoch whose weights were kept; 0 when none beat the starting point
     */
    public record Result(NetworkSpec network, double initialValidationLoss, List<Epoch> history, int bestEpoch) {
        public Result {
            history = List.copyOf(history);
        }

        /** The validation loss of {@link #network()}. */
        public double bestValidationLoss() {
            return bestEpoch == 0 ? initialValidationLoss : history.get(bestEpoch - 1).validationLoss();
        }
    }

    private QuantizationAwareTraining() {
    }

    /**
     * Fine-tunes {@code quantized} towards {@code floatSpec}.
     *
     * @param floatSpec  the float network the targets come from (same input size and output size)
     * @param quantized  the quantized network to fine-tune, with at least one dense layer
     * @param train      training network inputs (preprocessed), {@code inputSize} values per event
     * @param validation validation network inputs, used for the choice of the best epoch
     * @param settings   epochs, batch, learning rate, seed
     * @param listener   told of every finished epoch (may be null)
     * @throws IllegalArgumentException if the networks differ in shape, {@code quantized} is not quantized or has no dense
     *                                  layer, an input array is empty, not a whole number of events or holds a non-finite
     *                                  value, or a type is too wide for the float64 graph
     */
    public static Result run(NetworkSpec floatSpec, NetworkSpec quantized, float[] train, float[] validation, Settings settings,
                             Consumer<Epoch> listener) {
        Objects.requireNonNull(settings, "settings");
        quantized.requireQuantized();
        int n = quantized.input().size();
        int outputs = quantized.outputSize();
        if (floatSpec.input().size() != n || floatSpec.outputSize() != outputs) {
            throw new IllegalArgumentException("float and quantized networks differ in shape: " + floatSpec.input().size() + " → "
                    + floatSpec.outputSize() + " vs " + n + " → " + outputs);
        }
        List<Dense> dense = new ArrayList<>();
        for (Layer l : quantized.layers()) {
            if (l instanceof Dense d) {
                dense.add(d);
            }
        }
        if (dense.isEmpty()) {
            throw new IllegalArgumentException("network '" + quantized.name() + "' has no dense layer to fine-tune");
        }
        int trainEvents = events("train", train, n);
        events("validation", validation, n);
        double[] trainTargets = new FloatNetwork(floatSpec).forwardAll(train);
        double[] validationTargets = new FloatNetwork(floatSpec).forwardAll(validation);
        double[] inverseVariance = inverseVariance(trainTargets, outputs);
        try (QatGraph trainer = QatGraph.create(quantized, inverseVariance)) {
            double initial = trainer.loss(validation, validationTargets);
            Map<String, double[]> best = trainer.masterWeights();
            double bestLoss = initial;
            int bestEpoch = 0;
            List<Epoch> history = new ArrayList<>();
            int batch = Math.min(settings.batchSize(), trainEvents);
            int stepsPerEpoch = trainEvents / batch;
            long totalSteps = (long) stepsPerEpoch * settings.epochs();
            SplittableRandom rng = new SplittableRandom(settings.seed());
            float[] x = new float[batch * n];
            double[] t = new double[batch * outputs];
            long step = 0;
            for (int epoch = 1; epoch <= settings.epochs(); epoch++) {
                int[] order = Seeds.permutation(trainEvents, rng);
                double sum = 0;
                for (int s = 0; s < stepsPerEpoch; s++) {
                    for (int i = 0; i < batch; i++) {
                        int e = order[s * batch + i];
                        System.arraycopy(train, e * n, x, i * n, n);
                        System.arraycopy(trainTargets, e * outputs, t, i * outputs, outputs);
                    }
                    double rate = 0.5 * settings.learningRate() * (1 + StrictMath.cos(StrictMath.PI * step / totalSteps));
                    step++;
                    sum += trainer.step(x, t, rate, step);
                }
                double validationLoss = trainer.loss(validation, validationTargets);
                Epoch record = new Epoch(epoch, sum / stepsPerEpoch, validationLoss);
                history.add(record);
                if (validationLoss < bestLoss) {
                    bestLoss = validationLoss;
                    bestEpoch = epoch;
                    best = trainer.masterWeights();
                }
                if (listener != null) {
                    listener.accept(record);
                }
            }
            return new Result(QatGraph.withWeights(quantized, best), initial, history, bestEpoch);
        }
    }

    private static int events(String what, float[] inputs, int n) {
        if (inputs.length == 0 || inputs.length % n != 0) {
            throw new IllegalArgumentException(what + " inputs must hold a positive whole number of events of " + n
                    + " values, got " + inputs.length + " values");
        }
        for (int i = 0; i < inputs.length; i++) {
            if (!Float.isFinite(inputs[i])) {
                throw new IllegalArgumentException(what + " inputs: value " + inputs[i] + " at event " + i / n + ", feature " + i % n
                        + " is not finite");
            }
        }
        return inputs.length / n;
    }

    /** 1/var of every output over the training targets (1 where an output is constant). */
    private static double[] inverseVariance(double[] t, int outputs) {
        int events = t.length / outputs;
        double[] inv = new double[outputs];
        for (int j = 0; j < outputs; j++) {
            double mean = 0;
            for (int e = 0; e < events; e++) {
                mean += t[e * outputs + j];
            }
            mean /= events;
            double var = 0;
            for (int e = 0; e < events; e++) {
                double d = t[e * outputs + j] - mean;
                var += d * d;
            }
            var /= events;
            inv[j] = var > 0 ? 1 / var : 1;
        }
        return inv;
    }
}
