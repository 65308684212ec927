package org.l1embed.hls.render;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
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
 * Seeded random quantized networks whose constants span the types the export accepts: widths 1..53 (often the
 * extremes), fractional bits from -6 to 30 (so I may be negative or exceed W), a quarter unsigned, every
 * rounding and overflow mode, and values on the grid, on exact ties, at the boundaries and beyond the range.
 * Values between layers stay narrow (<= 11 bits) so that every product fits the emulator's 64 bits. Records
 * what it covered, so tests can require that the interesting cases occurred.
 */
final class WideConstantNetworks {

    private final SplittableRandom random;
    private final Map<String, Integer> covered = new TreeMap<>();

    WideConstantNetworks(long seed) {
        this.random = new SplittableRandom(seed);
    }

    private void cover(String what) {
        covered.merge(what, 1, Integer::sum);
    }

    private Rounding rounding() {
        return Rounding.values()[random.nextInt(Rounding.values().length)];
    }

    private Overflow overflow(boolean signed) {
        Overflow o = Overflow.values()[random.nextInt(Overflow.values().length)];
        return !signed && o == Overflow.WRAP_SM ? Overflow.SAT : o;
    }

    /** A type of width in [minW, maxW] and F in [minF, maxF], random modes. */
    private FixedType type(int minW, int maxW, int minF, int maxF, boolean signed) {
        int w = random.nextInt(minW, maxW + 1);
        int f = random.nextInt(minF, maxF + 1);
        return new FixedType(w, w - f, signed, rounding(), overflow(signed));
    }

    /** Values flowing between layers: narrow (<= 11 bits) so that products with 53-bit constants fit 64 bits. */
    private FixedType dataType() {
        return type(2, 11, -2, 10, true);
    }

    /** A constant's type: widths 1..53 (often the extremes), F from -6 to 30, a quarter unsigned. */
    private FixedType constantType() {
        boolean signed = random.nextInt(4) != 0;
        int w = switch (random.nextInt(6)) {
            case 0 -> 53;
            case 1 -> random.nextInt(1, 4);
            default -> random.nextInt(1, 54);
        };
        int f = switch (random.nextInt(6)) {
            case 0 -> random.nextInt(-6, 0);
            case 1 -> random.nextInt(25, 31);
            default -> random.nextInt(-6, 31);
        };
        FixedType t = new FixedType(w, w - f, signed, rounding(), overflow(signed));
        cover(signed ? "signed constant" : "unsigned constant");
        cover(f < 0 ? "negative F" : f >= 25 ? "F >= 25" : "F in 0..24");
        cover(w == 53 ? "width 53" : w <= 3 ? "width <= 3" : "width 4..52");
        cover(t.integerBits() > w ? "I > W" : t.integerBits() < 0 ? "I < 0" : "0 <= I <= W");
        return t;
    }

    /** A value for a constant of type t: a grid point, an exact tie, a boundary, or anything in ±1.25 × the range. */
    private double value(FixedType t) {
        double range = Math.max(Math.abs(t.min().doubleValue()), t.max().doubleValue());
        int f = t.fractionalBits();
        return switch (random.nextInt(8)) {
            case 0 -> t.toDouble(random.nextLong(t.minRaw(), t.maxRaw() + 1));
            case 1 -> Math.scalb((double) (2 * random.nextLong(t.minRaw(), t.maxRaw() + 1) + 1), -f - 1);   // a tie, where a double holds it
            case 2 -> random.nextBoolean() ? t.max().doubleValue() : t.min().doubleValue();
            case 3 -> 0.0;
            default -> random.nextDouble(-1.25 * range, 1.25 * range);
        };
    }

    private Tensor values(FixedType t, int... shape) {
        int n = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = value(t);
        }
        return Tensor.of(shape, v);
    }

    /** A constant type whose product with {@code in} (and, for BatchNorm, the sum) fits the emulator's 64 bits. */
    private FixedType constantTypeFor(FixedType in) {
        while (true) {
            FixedType t = constantType();
            if (in.productType(t).fitsLong()) {
                return t;
            }
        }
    }

    NetworkSpec next(String name) {
        int size = random.nextInt(1, 6);
        FixedType in = dataType();
        InputSpec input = InputSpec.flat(size, in);
        List<Layer> layers = new ArrayList<>();
        int count = random.nextInt(1, 6);
        for (int k = 0; k < count; k++) {
            String n = "l" + k;
            Layer layer = switch (random.nextInt(5)) {
                case 0, 1 -> {
                    int outputs = random.nextInt(1, 6);
                    FixedType w = constantTypeFor(in);
                    FixedType b = constantType();
                    FixedType acc = type(24, 62, -2, 40, true);
                    yield new Dense(n, size, outputs, values(w, size, outputs), values(b, outputs), w, b, acc, dataType());
                }
                case 2 -> batchNorm(n, size, in);
                case 3 -> {
                    FixedType a = constantTypeFor(in);
                    yield new LeakyRelu(n, size, value(a), a, dataType());
                }
                default -> random.nextBoolean() ? new Relu(n, size, type(2, 11, -2, 10, random.nextBoolean()))
                        : new Linear(n, size, dataType());
            };
            cover(layer.kind().jsonName());
            layers.add(layer);
            size = layer.outputSize();
            in = layer.resultType();
        }
        return new NetworkSpec(name, input, layers);
    }

    private BatchNorm batchNorm(String name, int size, FixedType in) {
        FixedType scale;
        FixedType shift;
        do {
            scale = constantTypeFor(in);
            shift = constantType();
        } while (!in.productType(scale).sumType(shift).fitsLong());
        // Variance 1 and epsilon 0 make scale = gamma and, with mean 0, shift = beta exactly, so grid points
        // and ties of the types reach the quantizer; otherwise both are computed.
        boolean exact = random.nextBoolean();
        Tensor gamma = values(scale, size);
        Tensor beta = values(shift, size);
        double[] mean = new double[size];
        double[] variance = new double[size];
        for (int i = 0; i < size; i++) {
            mean[i] = exact ? 0 : random.nextDouble(-2, 2);
            variance[i] = exact ? 1 : random.nextDouble(0.01, 4);
        }
        return new BatchNorm(name, size, gamma, beta, Tensor.vector(mean), Tensor.vector(variance), exact ? 0 : 1e-3,
                scale, shift, dataType());
    }

    /** How often each case occurred so far (layer kinds, signedness, F and W ranges). */
    Map<String, Integer> covered() {
        return Map.copyOf(covered);
    }
}
