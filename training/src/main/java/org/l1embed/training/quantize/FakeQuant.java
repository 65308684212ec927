package org.l1embed.training.quantize;

import java.util.Objects;
import org.l1embed.quantization.fixed.FixedType;
import org.l1embed.quantization.fixed.Overflow;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.TInt64;

/**
 * A conversion into a {@link FixedType} as TensorFlow graph ops on float64 tensors: each element of the input is
 * taken as its exact binary value and converted with the type's rounding and overflow modes, exactly as
 * {@link FixedType#quantize(double)} does (the integer rules of {@code docs/fixed-point.md}, "Conversion").
 *
 * <p>Method, with F the type's fractional bits: y = x·2^F (exact: a power of two), fl = floor(y). The remainder
 * y − fl is never formed (it is not exact for tiny negative y); the ties are decided by comparing y with
 * fl + ½, which is exact while |y| &lt; 2^52, and for |y| ≥ 2^52 y is already an integer, so the increment is
 * forced to 0 there. q = fl + increment, then the overflow rule on q (all arithmetic on integers below 2^53, so
 * exact), and the result is q·2^-F. A negative x whose y underflows to zero is treated as fl = −1 (y is then a
 * tiny negative number), as the exact rule demands; the sign is read from the bits, so this holds for subnormal
 * inputs too, which TensorFlow's CPU kernels flush to zero in arithmetic and comparisons.
 *
 * <p>Limits: widths up to {@value #MAX_WIDTH} bits (raw values and their sums must stay exact in a double),
 * |F| at most {@value #MAX_FRACTIONAL_BITS}; {@link Overflow#WRAP_SM} is refused. NaN or infinite inputs give
 * unspecified results (the graph cannot throw per element).
 *
 * <p>Gradients: {@link #build} has none (Floor has no gradient); {@link #straightThrough} passes the incoming
 * gradient unchanged where the value lies inside the type's range and, for saturating modes, zero outside it
 * (QKeras' straight-through estimator).
 */
public final class FakeQuant {

    /** The widest type accepted: raw values and the sum of two of them stay exact in a double's 53-bit significand. */
    public static final int MAX_WIDTH = 52;
    /** Bound on |F|, so that 2^F and every in-range value are normal doubles. */
    public static final int MAX_FRACTIONAL_BITS = 900;

    private FakeQuant() {
    }

    /**
     * Throws unless {@code type} can be converted into exactly with float64 ops.
     *
     * @return {@code type}
     * @throws IllegalArgumentException naming the type and the rule it breaks
     */
    public static FixedType requireSupported(FixedType type) {
        Objects.requireNonNull(type, "type");
        if (type.width() > MAX_WIDTH) {
            throw new IllegalArgumentException("type " + type + " is " + type.width() + " bits wide; float64 fake "
                    + "quantization holds raw values exactly only up to width=" + MAX_WIDTH);
        }
        if (Math.abs(type.fractionalBits()) > MAX_FRACTIONAL_BITS) {
            throw new IllegalArgumentException("type " + type + " has fractionalBits=" + type.fractionalBits()
                    + "; float64 fake quantization needs |fractionalBits| <= " + MAX_FRACTIONAL_BITS);
        }
        if (type.overflow() == Overflow.WRAP_SM) {
            throw new IllegalArgumentException("type " + type + ": overflow mode AP_WRAP_SM is not supported by "
                    + "float64 fake quantization (use AP_WRAP, AP_SAT, AP_SAT_ZERO or AP_SAT_SYM)");
        }
        return type;
    }

    /**
     * The converted values (forward only; no gradient).
     *
     * @param x float64 values of any shape, each taken exactly
     * @return the values of the converted numbers, raw·2^-F, same shape
     * @throws IllegalArgumentException if the type is not {@linkplain #requireSupported supported}
     */
    public static Operand<TFloat64> build(Ops tf, Operand<TFloat64> x, FixedType type) {
        return tf.math.mul(rawValue(tf, x, requireSupported(type)), tf.constant(Math.scalb(1.0, -type.fractionalBits())));
    }

    /**
     * The raw integers of the converted numbers, as float64 (exact integers).
     *
     * @throws IllegalArgumentException if the type is not {@linkplain #requireSupported supported}
     */
    public static Operand<TFloat64> buildRaw(Ops tf, Operand<TFloat64> x, FixedType type) {
        return rawValue(tf, x, requireSupported(type));
    }

    /**
     * The converted values with a straight-through gradient: forward exactly {@link #build}; backward the
     * identity, times zero where a saturating type clips (x outside [min, max]).
     *
     * @throws IllegalArgumentException if the type is not {@linkplain #requireSupported supported}
     */
    public static Operand<TFloat64> straightThrough(Ops tf, Operand<TFloat64> x, FixedType type) {
        Operand<TFloat64> q = build(tf, x, type);
        Operand<TFloat64> pass = x;
        if (type.overflow().saturates()) {
            Operand<TBool> inside = tf.math.logicalAnd(
                    tf.math.greaterEqual(x, tf.constant(type.toDouble(type.minRaw()))),
                    tf.math.lessEqual(x, tf.constant(type.toDouble(type.maxRaw()))));
            pass = tf.math.mul(x, tf.dtypes.cast(inside, TFloat64.class));
        }
        // q + (pass − pass): the forward value is q exactly (a − a = 0 for finite a), the gradient d pass / dx.
        return tf.math.add(tf.stopGradient(q), tf.math.sub(pass, tf.stopGradient(pass)));
    }

    private static Operand<TFloat64> rawValue(Ops tf, Operand<TFloat64> x, FixedType type) {
        Operand<TFloat64> zero = tf.constant(0.0);
        Operand<TFloat64> y = tf.math.mul(x, tf.constant(Math.scalb(1.0, type.fractionalBits())));
        // The sign from the bits, not from a comparison: TensorFlow's CPU kernels flush subnormal doubles to zero.
        Operand<TInt64> bits = tf.bitcast(x, TInt64.class);
        Operand<TBool> negative = tf.math.logicalAnd(tf.math.less(bits, tf.constant(0L)),
                tf.math.notEqual(bits, tf.constant(Long.MIN_VALUE)));
        Operand<TBool> positive = tf.math.greater(bits, tf.constant(0L));
        // A negative x with y rounded to zero lies in (-1, 0) at this scale: fl = -1, and it is inexact.
        Operand<TBool> underflowNegative = tf.math.logicalAnd(negative, tf.math.equal(y, zero));
        Operand<TFloat64> fl = tf.math.sub(tf.math.floor(y), asDouble(tf, underflowNegative));
        Operand<TBool> inexact = tf.math.logicalOr(tf.math.greater(y, fl), underflowNegative);
        Operand<TFloat64> half = tf.math.add(fl, tf.constant(0.5));
        Operand<TBool> inc = switch (type.rounding()) {
            case TRN -> null;
            case TRN_ZERO -> tf.math.logicalAnd(negative, inexact);
            case RND -> tf.math.greaterEqual(y, half);
            case RND_MIN_INF -> tf.math.greater(y, half);
            case RND_ZERO -> tieRule(tf, y, half, negative);
            case RND_INF -> tieRule(tf, y, half, positive);
            case RND_CONV -> tieRule(tf, y, half, isOdd(tf, fl));
        };
        Operand<TFloat64> q = inc == null ? fl : tf.math.add(fl, asDouble(tf, tf.math.logicalAnd(inc, inexact)));
        return overflow(tf, q, type);
    }

    /** [y &gt; fl + ½] or ([y = fl + ½] and tieUp). */
    private static Operand<TBool> tieRule(Ops tf, Operand<TFloat64> y, Operand<TFloat64> half, Operand<TBool> tieUp) {
        return tf.math.logicalOr(tf.math.greater(y, half), tf.math.logicalAnd(tf.math.equal(y, half), tieUp));
    }

    /** fl − 2·floor(fl/2) = 1, exact for integers below 2^53. */
    private static Operand<TBool> isOdd(Ops tf, Operand<TFloat64> fl) {
        Operand<TFloat64> halfFl = tf.math.floor(tf.math.mul(fl, tf.constant(0.5)));
        return tf.math.notEqual(tf.math.sub(fl, tf.math.mul(halfFl, tf.constant(2.0))), tf.constant(0.0));
    }

    private static Operand<TFloat64> overflow(Ops tf, Operand<TFloat64> q, FixedType type) {
        double min = type.minRaw();
        double max = type.maxRaw();
        return switch (type.overflow()) {
            case SAT -> clamp(tf, q, min, max);
            case SAT_SYM -> clamp(tf, q, type.signed() && type.width() > 1 ? min + 1 : min, max);
            case SAT_ZERO -> tf.math.mul(q, asDouble(tf, tf.math.logicalAnd(
                    tf.math.greaterEqual(q, tf.constant(min)), tf.math.lessEqual(q, tf.constant(max)))));
            case WRAP -> wrap(tf, q, type);
            case WRAP_SM -> throw new IllegalArgumentException("AP_WRAP_SM is not supported: " + type);
        };
    }

    private static Operand<TFloat64> clamp(Ops tf, Operand<TFloat64> q, double min, double max) {
        return tf.math.minimum(tf.math.maximum(q, tf.constant(min)), tf.constant(max));
    }

    /**
     * The low W bits: v = q − 2^W·floor(q/2^W) ∈ [0, 2^W) (each step exact: powers of two, integers, an exact
     * difference), then v − 2^W where v ≥ 2^(W−1) for a signed type.
     */
    private static Operand<TFloat64> wrap(Ops tf, Operand<TFloat64> q, FixedType type) {
        double modulus = Math.scalb(1.0, type.width());
        Operand<TFloat64> v = tf.math.sub(q, tf.math.mul(
                tf.math.floor(tf.math.mul(q, tf.constant(1.0 / modulus))), tf.constant(modulus)));
        if (!type.signed()) {
            return v;
        }
        Operand<TBool> high = tf.math.greaterEqual(v, tf.constant(modulus / 2));
        return tf.math.sub(v, tf.math.mul(asDouble(tf, high), tf.constant(modulus)));
    }

    private static Operand<TFloat64> asDouble(Ops tf, Operand<TBool> b) {
        return tf.dtypes.cast(b, TFloat64.class);
    }
}
