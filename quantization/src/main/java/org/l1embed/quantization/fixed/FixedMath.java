package org.l1embed.quantization.fixed;

/**
 * Exact arithmetic on raw fixed-point values. Each operation returns the raw value in the exact result
 * type of {@link FixedType#productType}, {@link FixedType#sumType}, {@link FixedType#differenceType} or
 * {@link FixedType#negationType}; nothing is rounded. Converting the result into a narrower type is a
 * separate, explicit {@link Conversion}.
 *
 * <p>Operands must be values of their types. The result type must fit a {@code long}; otherwise an
 * {@link ArithmeticException} names it.
 */
public final class FixedMath {

    private FixedMath() {
    }

    /** Raw value of {@code a · b} in {@code ta.productType(tb)}. */
    public static long multiply(long a, FixedType ta, long b, FixedType tb) {
        requireMember(a, ta, "a");
        requireMember(b, tb, "b");
        ta.productType(tb).requireFitsLong();
        return a * b;
    }

    /** Raw value of {@code a + b} in {@code ta.sumType(tb)}. */
    public static long add(long a, FixedType ta, long b, FixedType tb) {
        requireMember(a, ta, "a");
        requireMember(b, tb, "b");
        FixedType r = ta.sumType(tb).requireFitsLong();
        return (a << (r.fractionalBits() - ta.fractionalBits())) + (b << (r.fractionalBits() - tb.fractionalBits()));
    }

    /** Raw value of {@code a - b} in {@code ta.differenceType(tb)}. */
    public static long subtract(long a, FixedType ta, long b, FixedType tb) {
        requireMember(a, ta, "a");
        requireMember(b, tb, "b");
        FixedType r = ta.differenceType(tb).requireFitsLong();
        return (a << (r.fractionalBits() - ta.fractionalBits())) - (b << (r.fractionalBits() - tb.fractionalBits()));
    }

    /** Raw value of {@code -a} in {@code ta.negationType()}. */
    public static long negate(long a, FixedType ta) {
        requireMember(a, ta, "a");
        ta.negationType().requireFitsLong();
        return -a;
    }

    private static void requireMember(long raw, FixedType type, String operand) {
        if (!type.contains(raw)) {
            throw new IllegalArgumentException("operand " + operand + ": raw value " + raw + " is outside " + type
                    + " (raw range " + type.minRaw() + ".." + type.maxRaw() + ")");
        }
    }
}
