package org.l1embed.training.quantize;


import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.l1embed.quantization.fixed.FixedType;
import org.l1embed.quantization.fixed.Overflow;
import org.l1embed.quantization.fixed.Rounding;
import org.l1embed.quantization.network.BatchNorm;
import org.l1embed.quantization.network.Dense;
import org.l1embed.quantization.network.InputSpec;
import org.l1embed.quantization.network.Layer;
import org.l1embed.quantization.network.LeakyRelu;
import org.l1embed.quantization.network.Linear;
import org.l1embed.quantization.network.NetworkSpec;
import org.l1embed.quantization.network.Relu;
import org.l1embed.quantization.network.Tensor;

/**
 * Seeded random quantized networks and inputs for the exactness tests of the TensorFlow graphs against the emulator:
 * every rounding and overflow mode, narrow accumulators that round and overflow at each step, unsigned ReLU outputs,
 * LeakyReLU, unfolded BatchNorm and Linear layers.
 */
public final class RandomQuantizedNetworks {

    private RandomQuantizedNetworks() {
    }

    /** How a random network's types are chosen. */
    public enum Flavour {
        /** QKeras-like: every type RND_CONV/SAT, wide accumulators (single-sum path where it applies). */
        RND_CONV_SAT,
        /** The vendor defaults TRN/WRAP everywhere. */
        TRN_WRAP,
        /** Random modes per tensor and narrow accumulators that round and overflow at each step. */
        MIXED_NARROW,
        /** Random modes, unsigned ReLU outputs, LeakyRelu, unfolded BatchNorm and Linear layers. */
        MIXED_ELEMENTWISE
    }

    /** A network of dense layers of the given sizes (first = input size) with types of the flavour. */
    public static NetworkSpec network(Flavour flavour, int[] sizes, SplittableRandom rnd) {
        FixedType inType = type(flavour, rnd, true, 10 + rnd.nextInt(9), 3 + rnd.nextInt(4));
        List<Layer> layers = new ArrayList<>();
        FixedType current = inType;
        for (int l = 0; l + 1 < sizes.length; l++) {
            int nIn = sizes[l];
            int nOut = sizes[l + 1];
            double[] w = new double[nIn * nOut];
            double scale = 1.5 / Math.sqrt(nIn);
            for (int k = 0; k < w.length; k++) {
                w[k] = rnd.nextGaussian() * scale;
            }
            double[] b = new double[nOut];
            for (int k = 0; k < nOut; k++) {
                b[k] = rnd.nextGaussian() * 0.5;
            }
            FixedType wType = type(flavour, rnd, true, 6 + rnd.nextInt(7), 1 + rnd.nextInt(2));
            FixedType bType = type(flavour, rnd, true, 8 + rnd.nextInt(6), 2 + rnd.nextInt(3));
            FixedType acc = accumulator(flavour, rnd, current, wType, nIn);
            FixedType res = type(flavour, rnd, true, 10 + rnd.nextInt(7), 4 + rnd.nextInt(3));
            layers.add(new Dense("dense" + l, nIn, nOut, Tensor.matrix(nIn, nOut, w), Tensor.vector(b), wType, bType, acc, res));
            current = res;
            boolean last = l + 2 == sizes.length;
            if (flavour == Flavour.MIXED_ELEMENTWISE) {
                current = elementwise(layers, l, nOut, current, rnd, last);
            } else if (!last) {
                FixedType act = type(flavour, rnd, false, 8 + rnd.nextInt(6), 3 + rnd.nextInt(3));
                layers.add(new Relu("relu" + l, nOut, act));
                current = act;
            }
        }
        return new NetworkSpec("random", InputSpec.flat(sizes[0], inType), layers);
    }

    private static FixedType elementwise(List<Layer> layers, int l, int n, FixedType current, SplittableRandom rnd, boolean last) {
        Flavour f = Flavour.MIXED_ELEMENTWISE;
        switch (rnd.nextInt(4)) {
            case 0 -> {
                FixedType act = type(f, rnd, false, 6 + rnd.nextInt(8), 2 + rnd.nextInt(4));
                layers.add(new Relu("relu" + l, n, act));
                return act;
            }
            case 1 -> {
                FixedType act = type(f, rnd, true, 8 + rnd.nextInt(8), 3 + rnd.nextInt(4));
                layers.add(new LeakyRelu("leaky" + l, n, 0.1 + 0.3 * rnd.nextDouble(), type(f, rnd, true, 6 + rnd.nextInt(6), 1), act));
                return act;
            }
            case 2 -> {
                double[] gamma = new double[n];
                double[] beta = new double[n];
                double[] mean = new double[n];
                double[] var = new double[n];
                for (int i = 0; i < n; i++) {
                    gamma[i] = 0.5 + rnd.nextDouble();
                    beta[i] = rnd.nextGaussian() * 0.3;
                    mean[i] = rnd.nextGaussian() * 0.3;
                    var[i] = 0.3 + rnd.nextDouble();
                }
                FixedType act = type(f, rnd, true, 8 + rnd.nextInt(8), 3 + rnd.nextInt(4));
                layers.add(new BatchNorm("bn" + l, n, Tensor.vector(gamma), Tensor.vector(beta), Tensor.vector(mean),
                        Tensor.vector(var), 1e-3, type(f, rnd, true, 6 + rnd.nextInt(8), 2 + rnd.nextInt(2)),
                        type(f, rnd, true, 6 + rnd.nextInt(8), 2 + rnd.nextInt(3)), act));
                return act;
            }
            default -> {
                FixedType act = type(f, rnd, rnd.nextBoolean(), 6 + rnd.nextInt(8), 2 + rnd.nextInt(4));
                layers.add(new Linear("linear" + l, n, act));
                return act;
            }
        }
    }

    private static FixedType accumulator(Flavour flavour, SplittableRandom rnd, FixedType x, FixedType w, int n) {
        return switch (flavour) {
            case RND_CONV_SAT, TRN_WRAP -> {
                // Wide: keeps every product bit and cannot overflow (the "auto" rule of docs/fixed-point.md, plus one).
                int log = 32 - Integer.numberOfLeadingZeros(n - 1);
                int i = x.integerBits() + w.integerBits() + log + 2;
                int width = i + x.fractionalBits() + w.fractionalBits() + (rnd.nextBoolean() ? 0 : 2);
                yield type(flavour, rnd, true, width, i);
            }
            case MIXED_NARROW, MIXED_ELEMENTWISE -> type(flavour, rnd, true, 8 + rnd.nextInt(10), 2 + rnd.nextInt(4));
        };
    }

    private static final Overflow[] SIGNED_OVERFLOWS = {Overflow.SAT, Overflow.SAT_SYM, Overflow.SAT_ZERO, Overflow.WRAP};
    private static final Overflow[] UNSIGNED_OVERFLOWS = {Overflow.SAT, Overflow.SAT_ZERO, Overflow.WRAP};

    private static FixedType type(Flavour flavour, SplittableRandom rnd, boolean signed, int width, int integerBits) {
        FixedType t = new FixedType(width, integerBits, signed, Rounding.DEFAULT, Overflow.DEFAULT);
        return switch (flavour) {
            case RND_CONV_SAT -> t.withModes(Rounding.RND_CONV, Overflow.SAT);
            case TRN_WRAP -> t;
            case MIXED_NARROW, MIXED_ELEMENTWISE -> {
                Overflow[] os = signed ? SIGNED_OVERFLOWS : UNSIGNED_OVERFLOWS;
                yield t.withModes(Rounding.values()[rnd.nextInt(Rounding.values().length)], os[rnd.nextInt(os.length)]);
            }
        };
    }

    /** Inputs spanning a little beyond the input type's range, with some values exactly on its grid and ties. */
    public static float[] inputs(NetworkSpec spec, SplittableRandom rnd, int events) {
        FixedType t = spec.input().type();
        double range = Math.max(Math.abs(t.toDouble(t.minRaw())), t.toDouble(t.maxRaw()));
        double lsb = Math.scalb(1.0, -t.fractionalBits());
        float[] x = new float[events * spec.input().size()];
        for (int k = 0; k < x.length; k++) {
            x[k] = switch (rnd.nextInt(4)) {
                case 0 -> (float) ((rnd.nextInt(4000) - 2000 + 0.5) * lsb);                 // a tie
                case 1 -> (float) (rnd.nextGaussian() * range * 0.6);
                case 2 -> (float) ((rnd.nextDouble() * 2.4 - 1.2) * range);                 // some outside
                default -> (float) (rnd.nextGaussian() * range * 0.1);
            };
        }
        return x;
    }


    /** The types of every layer, for failure messages. */
    public static String describe(NetworkSpec spec) {
        StringBuilder sb = new StringBuilder("input " + spec.input().type());
        for (Layer l : spec.layers()) {
            sb.append("; ").append(l.name()).append(' ').append(l.types());
        }
        return sb.toString();
    }
}
