package org.l1embed.quantization.emulator;

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

/** Seeded random quantized networks for emulator tests: every layer kind, narrow and wide types, all modes. */
final class RandomNetworks {

    private final SplittableRandom rnd;

    RandomNetworks(long seed) {
        this.rnd = new SplittableRandom(seed);
    }

    NetworkSpec next() {
        int inputs = 1 + rnd.nextInt(12);
        FixedType inType = type(4, 16);
        List<Layer> layers = new ArrayList<>();
        FixedType prev = inType;
        int size = inputs;
        int depth = 1 + rnd.nextInt(4);
        for (int l = 0; l < depth; l++) {
            int out = 1 + rnd.nextInt(10);
            FixedType w = type(3, 16);
            FixedType b = type(3, 16);
            FixedType acc = accumulator(prev, w, b, size);
            FixedType result = type(3, 18);
            layers.add(new Dense("dense" + l, size, out, Tensor.matrix(size, out, values(size * out, w)),
                    Tensor.vector(values(out, b)), w, b, acc, result));
            prev = result;
            size = out;
            Layer act = activation(l, size, prev);
            if (act != null) {
                layers.add(act);
                prev = act.outputType().orElseThrow();
            }
        }
        return new NetworkSpec("random", InputSpec.flat(inputs, inType), layers);
    }

    /** Either the auto accumulator (fast path possible) or a narrow one of any modes (general path). */
    private FixedType accumulator(FixedType x, FixedType w, FixedType b, int n) {
        FixedType auto = AccumulatorRule.auto(x, w, b, n);
        return switch (rnd.nextInt(4)) {
            case 0 -> auto;
            case 1 -> auto.withModes(Rounding.values()[rnd.nextInt(7)], Overflow.SAT);
            case 2 -> new FixedType(Math.max(2, auto.width() - 1 - rnd.nextInt(8)), auto.integerBits() - rnd.nextInt(6),
                    true, Rounding.DEFAULT, Overflow.WRAP);   // too narrow, wraps: fast modular path
            default -> type(4, 24);                            // anything: general path
        };
    }

    private Layer activation(int l, int size, FixedType in) {
        return switch (rnd.nextInt(5)) {
            case 0 -> new Relu("relu" + l, size, type(3, 16));
            case 1 -> new LeakyRelu("leaky" + l, size, (rnd.nextInt(7) + 1) / 8.0 + rnd.nextDouble() / 64, type(3, 8), type(3, 16));
            case 2 -> new Linear("linear" + l, size, type(2, 16));
            case 3 -> new BatchNorm("bn" + l, size, Tensor.vector(values(size, FixedType.signed(8, 2))),
                    Tensor.vector(values(size, FixedType.signed(8, 2))), Tensor.vector(values(size, FixedType.signed(8, 2))),
                    Tensor.filled(size, 0.75 + rnd.nextDouble()), 1e-3, type(4, 14), type(4, 14), type(3, 16));
            default -> null;
        };
    }

    /** A random type: width in [minW, maxW], integer bits from negative to beyond the width, any modes. */
    FixedType type(int minW, int maxW) {
        boolean signed = rnd.nextInt(4) != 0;
        int width = minW + rnd.nextInt(maxW - minW + 1);
        int integerBits = rnd.nextInt(-2, width + 3);
        Rounding r = Rounding.values()[rnd.nextInt(7)];
        Overflow o = Overflow.values()[rnd.nextInt(signed ? 5 : 4)];
        return new FixedType(width, integerBits, signed, r, o);
    }

    /** Values spread over (and a bit beyond) the range of {@code t}, many of them off-grid. */
    private double[] values(int n, FixedType t) {
        double span = Math.scalb(1.0, t.integerBits());
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = (rnd.nextDouble() * 2 - 1) * span * 1.1;
        }
        return v;
    }

    /** Events for a network: values over the input range, some beyond it, some exact ties. */
    float[] inputs(NetworkSpec spec, int events) {
        FixedType t = spec.input().type();
        int n = spec.input().size();
        float[] x = new float[events * n];
        double span = Math.scalb(1.0, t.integerBits());
        double lsb = Math.scalb(1.0, -t.fractionalBits());
        for (int i = 0; i < x.length; i++) {
            x[i] = rnd.nextInt(4) == 0
                    ? (float) ((rnd.nextInt(-64, 64) + 0.5) * lsb)
                    : (float) ((rnd.nextDouble() * 2 - 1) * span * 1.2);
        }
        return x;
    }
}
