package org.l1embed.training.quantize.qat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.l1embed.quantization.emulator.EmulationResult;
import org.l1embed.quantization.emulator.Emulator;
import org.l1embed.quantization.emulator.FloatNetwork;
import org.l1embed.quantization.network.Dense;
import org.l1embed.quantization.network.InputSpec;
import org.l1embed.quantization.network.Layer;
import org.l1embed.quantization.network.LeakyRelu;
import org.l1embed.quantization.network.NetworkSpec;
import org.l1embed.quantization.network.Tensor;
import org.l1embed.training.quantize.ptq.PostTrainingQuantization;
import org.l1embed.training.quantize.ptq.PrecisionConfig;

class QuantizationAwareTrainingTest {

    private static final int[] SIZES = {16, 24, 12, 4};

    @Test
    void fineTuningAt6BitsLowersTheExactDistillationLossAndReportsTheEmulatorsValue() {
        NetworkSpec floatSpec = floatNetwork(new SplittableRandom(3));
        float[] train = inputs(4000, 7);
        float[] validation = inputs(2000, 8);
        NetworkSpec ptq = PostTrainingQuantization.quantize(floatSpec, train, PrecisionConfig.defaults(6));
        List<QuantizationAwareTraining.Epoch> seen = new ArrayList<>();
        QuantizationAwareTraining.Result r = QuantizationAwareTraining.run(floatSpec, ptq, train, validation,
                new QuantizationAwareTraining.Settings(4, 128, 3e-3, 1), seen::add);

        assertEquals(4, r.history().size());
        assertEquals(r.history(), seen);
        assertTrue(r.bestEpoch() > 0, "some epoch must beat PTQ: " + r);
        assertTrue(r.bestValidationLoss() < 0.8 * r.initialValidationLoss(),
                "QAT should cut the 6-bit distillation loss by > 20 %: " + r.initialValidationLoss() + " → " + r.bestValidationLoss());
        // The loss the training reports is the emulator's: recompute it from emulated outputs.
        assertEquals(r.bestValidationLoss(), emulatedLoss(floatSpec, r.network(), validation, train), 1e-12 * r.bestValidationLoss());
        assertEquals(r.initialValidationLoss(), emulatedLoss(floatSpec, ptq, validation, train), 1e-12 * r.initialValidationLoss());
        // Types and input are untouched.
        assertEquals(ptq.input(), r.network().input());
        for (int l = 0; l < ptq.layers().size(); l++) {
            assertEquals(ptq.layers().get(l).types(), r.network().layers().get(l).types());
        }
    }

    @Test
    void refusesMismatchedNetworksAndBadInputs() {
        NetworkSpec floatSpec = floatNetwork(new SplittableRandom(3));
        float[] x = inputs(100, 1);
        NetworkSpec ptq = PostTrainingQuantization.quantize(floatSpec, x, PrecisionConfig.defaults(8));
        QuantizationAwareTraining.Settings s = QuantizationAwareTraining.Settings.defaults(1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> QuantizationAwareTraining.run(floatSpec, floatSpec, x, x, s, null));
        assertTrue(e.getMessage().contains("quantized"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> QuantizationAwareTraining.run(floatSpec, ptq, new float[17], x, s, null));
        assertTrue(e.getMessage().contains("train inputs") && e.getMessage().contains("17"), e.getMessage());
        float[] bad = x.clone();
        bad[35] = Float.NaN;
        e = assertThrows(IllegalArgumentException.class, () -> QuantizationAwareTraining.run(floatSpec, ptq, x, bad, s, null));
        assertTrue(e.getMessage().contains("validation inputs") && e.getMessage().contains("event 2, feature 3"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new QuantizationAwareTraining.Settings(0, 10, 1e-3, 1));
        assertTrue(e.getMessage().contains("epochs=0"), e.getMessage());
    }

    /** Mean over events and outputs of (emulated − float)² / var(float on the training inputs). */
    private static double emulatedLoss(NetworkSpec floatSpec, NetworkSpec quantized, float[] inputs, float[] train) {
        int n = floatSpec.input().size();
        int outputs = floatSpec.outputSize();
        double[] trainTargets = new FloatNetwork(floatSpec).forwardAll(train);
        double[] invVar = new double[outputs];
        int trainEvents = train.length / n;
        for (int j = 0; j < outputs; j++) {
            double mean = 0;
            for (int e = 0; e < trainEvents; e++) {
                mean += trainTargets[e * outputs + j];
            }
            mean /= trainEvents;
            double var = 0;
            for (int e = 0; e < trainEvents; e++) {
                var += (trainTargets[e * outputs + j] - mean) * (trainTargets[e * outputs + j] - mean);
            }
            invVar[j] = trainEvents / var;
        }
        EmulationResult fixed = Emulator.compile(quantized).emulate(inputs, false);
        double[] t = new FloatNetwork(floatSpec).forwardAll(inputs);
        double sum = 0;
        for (int e = 0; e < fixed.events(); e++) {
            for (int j = 0; j < outputs; j++) {
                double d = fixed.value(e, j) - t[e * outputs + j];
                sum += d * d * invVar[j];
            }
        }
        return sum / ((double) fixed.events() * outputs);
    }

    /** 16 → 24 → 12 → 4 with LeakyReLU between dense layers, seeded Gaussian weights. */
    private static NetworkSpec floatNetwork(SplittableRandom r) {
        List<Layer> layers = new ArrayList<>();
        for (int l = 0; l + 1 < SIZES.length; l++) {
            int in = SIZES[l];
            int out = SIZES[l + 1];
            double[] w = new double[in * out];
            for (int k = 0; k < w.length; k++) {
                w[k] = r.nextGaussian() / Math.sqrt(in);
            }
            double[] b = new double[out];
            for (int k = 0; k < out; k++) {
                b[k] = 0.1 * r.nextGaussian();
            }
            layers.add(Dense.floating("dense" + l, Tensor.matrix(in, out, w), Tensor.vector(b)));
            if (l + 2 < SIZES.length) {
                layers.add(new LeakyRelu("leaky" + l, out, 0.2, null, null));
            }
        }
        return new NetworkSpec("teacher", InputSpec.flat(SIZES[0], null), layers);
    }

    private static float[] inputs(int events, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[events * SIZES[0]];
        for (int k = 0; k < x.length; k++) {
            x[k] = (float) r.nextGaussian();
        }
        return x;
    }
}
