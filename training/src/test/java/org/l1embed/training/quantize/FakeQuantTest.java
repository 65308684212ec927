package org.l1embed.training.quantize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.DoubleStream;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.l1embed.quantization.fixed.FixedType;
import org.l1embed.quantization.fixed.Overflow;
import org.l1embed.quantization.fixed.Rounding;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Gradients;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat64;

/** {@link FakeQuant} against {@link FixedType#quantize(double)} (the project's exact oracle), with equality. */
class FakeQuantTest {

    private static final List<Overflow> SIGNED_OVERFLOWS = List.of(Overflow.SAT, Overflow.SAT_SYM, Overflow.SAT_ZERO, Overflow.WRAP);
    private static final List<Overflow> UNSIGNED_OVERFLOWS = List.of(Overflow.SAT, Overflow.SAT_ZERO, Overflow.WRAP);

    static Stream<FixedType> formats() {
        return Stream.of(FixedType.signed(8, 3), FixedType.unsigned(6, 2), FixedType.signed(16, 6), FixedType.signed(4, -1),
                FixedType.unsigned(8, 10), FixedType.signed(1, 1), FixedType.signed(24, 12), FixedType.unsigned(13, 0));
    }

    @ParameterizedTest
    @MethodSource("formats")
    void matchesExactConversionOnEveryTieEdgeAndModeCombination(FixedType format) {
        double[] xs = grid(format);
        List<FixedType> types = new ArrayList<>();
        for (Rounding r : Rounding.values()) {
            for (Overflow o : format.signed() ? SIGNED_OVERFLOWS : UNSIGNED_OVERFLOWS) {
                types.add(format.withModes(r, o));
            }
        }
        try (Graph g = new Graph()) {
            Ops tf = Ops.create(g);
            Placeholder<TFloat64> x = tf.placeholder(TFloat64.class, Placeholder.shape(Shape.of(-1)));
            List<Operand<TFloat64>> outs = new ArrayList<>();
            for (FixedType t : types) {
                outs.add(FakeQuant.build(tf, x, t));
            }
            try (Session s = new Session(g);
                 TFloat64 in = TFloat64.tensorOf(Shape.of(xs.length), DataBuffers.of(xs, true, false))) {
                Session.Runner runner = s.runner().feed(x, in);
                outs.forEach(runner::fetch);
                try (Result r = runner.run()) {
                    for (int k = 0; k < types.size(); k++) {
                        FixedType t = types.get(k);
                        double[] got = new double[xs.length];
                        ((TFloat64) r.get(k)).copyTo(DataBuffers.of(got, false, false));
                        for (int i = 0; i < xs.length; i++) {
                            double expected = t.toDouble(t.quantize(xs[i]));
                            if (Double.compare(expected + 0.0, got[i] + 0.0) != 0) {
                                assertEquals(expected, got[i], t + " of x=" + xs[i] + " (" + Double.toHexString(xs[i]) + ")");
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * Raw values k·lsb (every one from min−4 to max+4 when W <= 14; else the 2000 next to each edge and to zero
     * plus 4000 seeded random ones), the ties (k+½)·lsb, quarters, the doubles next to each, and far values.
     */
    private static double[] grid(FixedType t) {
        DoubleStream.Builder v = DoubleStream.builder();
        LongStream ks = t.width() <= 14
                ? LongStream.rangeClosed(t.minRaw() - 4, t.maxRaw() + 4)
                : LongStream.concat(LongStream.concat(LongStream.rangeClosed(t.minRaw() - 4, t.minRaw() + 2000),
                        LongStream.rangeClosed(t.maxRaw() - 2000, t.maxRaw() + 4)),
                        LongStream.concat(LongStream.rangeClosed(-2000, 2000),
                                new SplittableRandom(42).longs(4000, t.minRaw(), t.maxRaw() + 1)));
        double lsb = Math.scalb(1.0, -t.fractionalBits());
        ks.forEach(k -> {
            for (double frac : new double[] {0.0, 0.25, 0.5, 0.75}) {
                double x = (k + frac) * lsb;
                v.add(x);
                v.add(Math.nextUp(x));
                v.add(Math.nextDown(x));
            }
        });
        double min = t.toDouble(t.minRaw());
        double max = t.toDouble(t.maxRaw());
        for (double x : new double[] {min - lsb / 2, max + lsb / 2, min - 1e6 * lsb, max + 1e6 * lsb, -1e300, 1e300,
                0x1p52 * lsb, -0x1p52 * lsb, 0x1p53 * lsb + 2 * lsb, -0x1p60 * lsb - 0x1p8 * lsb, 3e15 * lsb + 0.5 * lsb,
                0.0, -0.0, 0x1p-60, -0x1p-60, 1e-300, -1e-300, Double.MIN_NORMAL, -Double.MIN_NORMAL, -0x1p-60 * lsb,
                Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL / 3, -Double.MIN_NORMAL / 3}) {
            v.add(x);
        }
        return v.build().toArray();
    }

    @Test
    void straightThroughPassesGradientInsideRangeAndZeroWhereSaturated() {
        FixedType t = FixedType.parse("ap_fixed<8,3,AP_RND_CONV,AP_SAT>");
        double[] xs = {-5.0, -4.0, -1.3, 0.0, 0.7, 3.96875, 3.99, 9.0};
        double[] expectedGrad = {0, 1, 1, 1, 1, 1, 0, 0};
        try (Graph g = new Graph()) {
            Ops tf = Ops.create(g);
            Placeholder<TFloat64> x = tf.placeholder(TFloat64.class, Placeholder.shape(Shape.of(-1)));
            Operand<TFloat64> y = FakeQuant.straightThrough(tf, x, t);
            Gradients grad = tf.gradients(tf.reduceSum(y, tf.constant(0)), List.of(x));
            try (Session s = new Session(g);
                 TFloat64 in = TFloat64.tensorOf(Shape.of(xs.length), DataBuffers.of(xs, true, false));
                 Result r = s.runner().feed(x, in).fetch(y).fetch(grad.dy(0)).run()) {
                double[] value = new double[xs.length];
                double[] dy = new double[xs.length];
                ((TFloat64) r.get(0)).copyTo(DataBuffers.of(value, false, false));
                ((TFloat64) r.get(1)).copyTo(DataBuffers.of(dy, false, false));
                for (int i = 0; i < xs.length; i++) {
                    assertEquals(t.toDouble(t.quantize(xs[i])), value[i], "value at x=" + xs[i]);
                    assertEquals(expectedGrad[i], dy[i], "gradient at x=" + xs[i]);
                }
            }
        }
    }

    @Test
    void refusesTypesFloat64CannotHoldExactly() {
        IllegalArgumentException wide = assertThrows(IllegalArgumentException.class,
                () -> FakeQuant.requireSupported(FixedType.signed(53, 10)));
        assertTrue(wide.getMessage().contains("width=52"), wide.getMessage());
        IllegalArgumentException sm = assertThrows(IllegalArgumentException.class,
                () -> FakeQuant.requireSupported(FixedType.signed(8, 3).withModes(Rounding.TRN, Overflow.WRAP_SM)));
        assertTrue(sm.getMessage().contains("AP_WRAP_SM"), sm.getMessage());
    }
}
