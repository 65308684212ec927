package org.l1embed.hls;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.l1embed.quantization.fixed.FixedType;
import org.l1embed.quantization.fixed.Overflow;
import org.l1embed.quantization.fixed.Rounding;
import org.l1embed.quantization.network.AccumulatorRule;
import org.l1embed.quantization.network.BatchNorm;
import org.l1embed.quantization.network.Dense;
import org.l1embed.quantization.network.InputSpec;
import org.l1embed.quantization.network.Layer;
import org.l1embed.quantization.network.LeakyRelu;
import org.l1embed.quantization.network.Linear;
import org.l1embed.quantization.network.NetworkSpec;
import org.l1embed.quantization.network.Relu;
import org.l1embed.quantization.network.Tensor;

/** Seeded random quantized networks of a given mode family, within what the export and the test header support. */
public final class RandomQuantizedNetworks {

    /** Which rounding/overflow modes the types use. */
    public enum Modes { TRN_WRAP, RND_CONV_SAT, MIXED }

    private final SplittableRandom rnd;
    private final Modes modes;

    public RandomQuantizedNetworks(long seed, Modes modes) {
        this.rnd = new SplittableRandom(seed);
        this.modes = modes;
    }

    /** A network with {@code inputs} inputs and the given dense widths, an activation after every hidden dense layer. */
    public NetworkSpec next(String name, int inputs, int... widths) {
        FixedType in = type(true, 8, 16);
        List<Layer> layers = new ArrayList<>();
        FixedType prev = in;
        int size = inputs;
        for (int l = 0; l < widths.length; l++) {
            int out = widths[l];
            FixedType w = type(true, 6, 16);
            FixedType b = type(true, 6, 16);
            FixedType acc = rnd.nextInt(3) == 0 ? narrowAccumulator(prev, w, b, size) : AccumulatorRule.auto(prev, w, b, size);
            FixedType res = type(true, 8, 18);
            layers.add(new Dense("dense" + l, size, out, Tensor.matrix(size, out, values(size * out, w, 1.0 / Math.sqrt(size))),
                    Tensor.vector(values(out, b, 0.5)), w, b, acc, res));
            prev = res;
            size = out;
            if (l < widths.length - 1) {
                Layer act = activation(l, size);
                layers.add(act);
                prev = act.resultType();
            }
        }
        layers.add(new Linear("out", size, type(true, 8, 16)));
        return new NetworkSpec(name, InputSpec.flat(inputs, in), layers);
    }

    private Layer activation(int l, int size) {
        return switch (rnd.nextInt(3)) {
            case 0 -> new Relu("relu" + l, size, type(false, 6, 16));                       // unsigned ReLU output
            case 1 -> new LeakyRelu("leaky" + l, size, 0.1 + 0.2 * rnd.nextDouble(), type(true, 6, 10), type(true, 8, 16));
            default -> new BatchNorm("bn" + l, size, Tensor.vector(values(size, FixedType.signed(8, 2), 1.5)),
                    Tensor.vector(values(size, FixedType.signed(8, 2), 0.5)), Tensor.vector(values(size, FixedType.signed(8, 2), 0.5)),
                    Tensor.filled(size, 0.5 + rnd.nextDouble()), 1e-3, type(true, 8, 14), type(true, 8, 14), type(true, 8, 16));
        };
    }

    /** An accumulator a few bits narrower than auto (integer and fractional), so it can overflow and round. */
    private FixedType narrowAccumulator(FixedType x, FixedType w, FixedType b, int n) {
        FixedType auto = AccumulatorRule.auto(x, w, b, n);
        int integerBits = auto.integerBits() - 2 - rnd.nextInt(6);
        int width = Math.max(integerBits + 4, auto.width() - 2 - rnd.nextInt(10));
        return new FixedType(Math.min(width, 62), integerBits, true, rounding(), overflow(true));
    }

    private FixedType type(boolean signed, int minWidth, int maxWidth) {
        int width = minWidth + rnd.nextInt(maxWidth - minWidth + 1);
        int integerBits = 1 + rnd.nextInt(Math.min(width, 7));
        return new FixedType(width, integerBits, signed, rounding(), overflow(signed));
    }

    private Rounding rounding() {
        return switch (modes) {
            case TRN_WRAP -> Rounding.TRN;
            case RND_CONV_SAT -> Rounding.RND_CONV;
            case MIXED -> Rounding.values()[rnd.nextInt(Rounding.values().length)];
        };
    }

    private Overflow overflow(boolean signed) {
        return switch (modes) {
            case TRN_WRAP -> Overflow.WRAP;
            case RND_CONV_SAT -> Overflow.SAT;
            case MIXED -> Overflow.values()[rnd.nextInt(signed ? 5 : 4)];
        };
    }

    /** Values of about ±scale, many of them off the type's grid (so quantization rounds). */
    private double[] values(int n, FixedType t, double scale) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = (rnd.nextDouble() * 2 - 1) * scale * 2;
        }
        return v;
    }
}
