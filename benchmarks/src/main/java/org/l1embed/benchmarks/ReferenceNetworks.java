package org.l1embed.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.l1embed.quantization.fixed.FixedType;
import org.l1embed.quantization.network.Dense;
import org.l1embed.quantization.network.InputSpec;
import org.l1embed.quantization.network.Layer;
import org.l1embed.quantization.network.LeakyRelu;
import org.l1embed.quantization.network.NetworkSpec;
import org.l1embed.quantization.network.Relu;
import org.l1embed.quantization.network.Tensor;

/**
 * The seeded networks and inputs the benchmarks run on. Everything is a pure function of the seed, so a
 * benchmark run is reproducible bit for bit.
 *
 * <ul>
 *   <li>{@link #reference(long)}: the reference network, 57→32→16→4, ReLU after each hidden layer and a
 *       linear output layer.</li>
 *   <li>{@link #encoder(long)}: a wider encoder, 57→96→64→48→4, LeakyReLU (alpha 0.3 as
 *       {@code ap_fixed<8,1>}, i.e. 0.296875) after each hidden layer and a linear output layer.</li>
 * </ul>
 *
 * <p>Both use {@code ap_fixed<16,6>} for the input, weights, biases and every result, and
 * {@code ap_fixed<32,12>} accumulators (default TRN/WRAP modes). Weights are drawn like a trained network's:
 * Glorot-uniform, {@code U(-l, l)} with {@code l = sqrt(6 / (in + out))} (about ±0.26 for the first
 * reference layer), biases {@code U(-0.1, 0.1)}; both are rounded onto the {@code ap_fixed<16,6>} grid, so the
 * float values are exactly the firmware constants. Inputs are standardized features: standard Gaussian,
 * clipped to ±8.
 */
public final class ReferenceNetworks {

    /** Number of input features of both networks. */
    public static final int INPUTS = 57;

    /** The type of the input, weights, biases and results. */
    public static final FixedType DATA = FixedType.parse("ap_fixed<16,6>");

    /** The accumulator type of every dense layer. */
    public static final FixedType ACCUMULATOR = FixedType.parse("ap_fixed<32,12>");

    /** The type the LeakyReLU slope is stored in. */
    public static final FixedType ALPHA = FixedType.parse("ap_fixed<8,1>");

    /** The LeakyReLU slope of the encoder. */
    public static final double LEAKY_ALPHA = 0.3;

    /** Inputs are clipped to ±this many standard deviations. */
    public static final double INPUT_CLIP = 8.0;

    private static final double BIAS_LIMIT = 0.1;

    private ReferenceNetworks() {
    }

    /** The reference network 57→32→16→4 (ReLU, ReLU, linear). */
    public static NetworkSpec reference(long seed) {
        return build("reference", new int[] {INPUTS, 32, 16, 4}, false, new SplittableRandom(seed));
    }

    /** The encoder 57→96→64→48→4 (LeakyReLU after each hidden layer, linear output). */
    public static NetworkSpec encoder(long seed) {
        return build("encoder", new int[] {INPUTS, 96, 64, 48, 4}, true, new SplittableRandom(seed));
    }

    /**
     * A network by name.
     *
     * @param name {@code reference} or {@code encoder}
     * @throws IllegalArgumentException for another name
     */
    public static NetworkSpec byName(String name, long seed) {
        return switch (name) {
            case "reference" -> reference(seed);
            case "encoder" -> encoder(seed);
            default -> throw new IllegalArgumentException("unknown network '" + name + "': expected reference or encoder");
        };
    }

    /**
     * {@code events × size} standardized input values, event after event: standard Gaussian, clipped to
     * ±{@link #INPUT_CLIP}.
     */
    public static float[] inputs(int events, int size, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] x = new float[Math.multiplyExact(events, size)];
        for (int i = 0; i < x.length; i++) {
            double g = gaussian(rng);
            x[i] = (float) Math.max(-INPUT_CLIP, Math.min(INPUT_CLIP, g));
        }
        return x;
    }

    private static NetworkSpec build(String name, int[] widths, boolean leaky, SplittableRandom rng) {
        List<Layer> layers = new ArrayList<>();
        int last = widths.length - 1;
        for (int l = 0; l < last; l++) {
            int in = widths[l];
            int out = widths[l + 1];
            double limit = Math.sqrt(6.0 / (in + out));
            double[] w = new double[in * out];
            for (int k = 0; k < w.length; k++) {
                w[k] = onGrid(rng.nextDouble(-limit, limit));
            }
            double[] b = new double[out];
            for (int k = 0; k < b.length; k++) {
                b[k] = onGrid(rng.nextDouble(-BIAS_LIMIT, BIAS_LIMIT));
            }
            String denseName = "dense" + (l + 1);
            layers.add(new Dense(denseName, in, out, Tensor.matrix(in, out, w), Tensor.vector(b),
                    DATA, DATA, ACCUMULATOR, DATA));
            if (l + 1 < last) {
                layers.add(leaky
                        ? new LeakyRelu("leaky_relu" + (l + 1), out, LEAKY_ALPHA, ALPHA, DATA)
                        : new Relu("relu" + (l + 1), out, DATA));
            }
        }
        return new NetworkSpec(name, InputSpec.flat(widths[0], DATA), layers);
    }

    /** Rounds to the nearest multiple of the {@link #DATA} LSB (values stay well inside its range). */
    private static double onGrid(double x) {
        double scale = Math.scalb(1.0, DATA.fractionalBits());
        return Math.rint(x * scale) / scale;
    }

    /** A standard Gaussian by the Box–Muller transform (SplittableRandom has no nextGaussian on Java 17). */
    private static double gaussian(SplittableRandom rng) {
        double u = 1.0 - rng.nextDouble();   // (0, 1]
        double v = rng.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u)) * Math.cos(2.0 * Math.PI * v);
    }
}
