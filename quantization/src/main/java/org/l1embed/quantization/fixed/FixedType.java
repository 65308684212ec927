package org.l1embed.quantization.fixed;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fixed-point number format with the exact semantics of the vendor's {@code ap_fixed<W,I,Q,O,N>} and
 * {@code ap_ufixed<W,I,Q,O,N>} (with {@code N = 0}).
 *
 * <p>A value of this type is {@code raw · 2^-F} with {@code F = W - I} fractional bits; the raw integer
 * lies in {@code [-2^(W-1), 2^(W-1)-1]} when signed and {@code [0, 2^W-1]} when unsigned. {@code I} may be
 * negative or larger than {@code W}. Rounding and overflow modes apply when a value is converted
 * <em>into</em> this type.
 *
 * <p>Types up to {@link #MAX_WIDTH} bits can be described, parsed, printed and combined
 * ({@link #productType}, {@link #sumType}, ...). Raw values are Java {@code long}s, so operations on raw
 * values need {@link #fitsLong()}: signed widths up to 64, unsigned up to 63. Wider types are refused
 * by those operations with an {@link ArithmeticException}, never computed wrongly.
 *
 * @param width        total bits W, 1..{@value #MAX_WIDTH}
 * @param integerBits  integer bits I (including the sign bit when signed), |I| <= {@value #MAX_INTEGER_BITS}
 * @param signed       two's complement ({@code ap_fixed}) or unsigned ({@code ap_ufixed})
 * @param rounding     quantization mode applied when converting into this type
 * @param overflow     overflow mode applied when converting into this type; {@link Overflow#WRAP_SM} needs a signed type
 */
public record FixedType(int width, int integerBits, boolean signed, Rounding rounding, Overflow overflow) {

    /** The widest type l1embed describes: the vendor's default {@code AP_INT_MAX_W}. */
    public static final int MAX_WIDTH = 1024;
    /** Bound on |integerBits|; keeps every exponent well inside {@code int} arithmetic. */
    public static final int MAX_INTEGER_BITS = 4096;

    private static final Pattern TEXT = Pattern.compile(
            "\\s*(ap_)?(u?)(fixed|int)\\s*<([^<>]*)>\\s*");

    public FixedType {
        Objects.requireNonNull(rounding, "rounding");
        Objects.requireNonNull(overflow, "overflow");
        if (width < 1 || width > MAX_WIDTH) {
            throw new IllegalArgumentException("width must be in 1.." + MAX_WIDTH + ", got width=" + width);
        }
        if (Math.abs(integerBits) > MAX_INTEGER_BITS) {
            throw new IllegalArgumentException("integerBits must be in -" + MAX_INTEGER_BITS + ".." + MAX_INTEGER_BITS
                    + ", got integerBits=" + integerBits);
        }
        if (!signed && overflow == Overflow.WRAP_SM) {
            throw new IllegalArgumentException(
                    "overflow mode AP_WRAP_SM needs a signed type; the vendor library rejects it for ap_ufixed<"
                            + width + "," + integerBits + ">");
        }
    }

    /** {@code ap_fixed<width, integerBits>} with the default modes (TRN, WRAP). */
    public static FixedType signed(int width, int integerBits) {
        return new FixedType(width, integerBits, true, Rounding.DEFAULT, Overflow.DEFAULT);
    }

    /** {@code ap_ufixed<width, integerBits>} with the default modes (TRN, WRAP). */
    public static FixedType unsigned(int width, int integerBits) {
        return new FixedType(width, integerBits, false, Rounding.DEFAULT, Overflow.DEFAULT);
    }

    /** This type with other rounding and overflow modes. */
    public FixedType withModes(Rounding newRounding, Overflow newOverflow) {
        return new FixedType(width, integerBits, signed, newRounding, newOverflow);
    }

    /** This format with the default modes (TRN, WRAP): the type of an exact arithmetic result. */
    public FixedType withDefaultModes() {
        return withModes(Rounding.DEFAULT, Overflow.DEFAULT);
    }

    /** Fractional bits F = W - I (may be negative, or larger than W). */
    public int fractionalBits() {
        return width - integerBits;
    }

    /** True when raw values of this type fit a Java {@code long}: signed W <= 64, unsigned W <= 63. */
    public boolean fitsLong() {
        return signed ? width <= 64 : width <= 63;
    }

    /** Throws a clear {@link ArithmeticException} unless raw values of this type fit a {@code long}. */
    public FixedType requireFitsLong() {
        if (!fitsLong()) {
            throw new ArithmeticException(this + " is " + width + " bits wide; l1embed computes raw values in Java longs, "
                    + "which hold signed types up to 64 bits and unsigned types up to 63 bits");
        }
        return this;
    }

    /** Smallest raw value. */
    public long minRaw() {
        requireFitsLong();
        return signed ? -(1L << (width - 1)) : 0L;
    }

    /** Largest raw value. */
    public long maxRaw() {
        requireFitsLong();
        return signed ? (1L << (width - 1)) - 1 : (1L << width) - 1;
    }

    /** Smallest raw value, for any width. */
    public BigInteger minRawExact() {
        return signed ? BigInteger.ONE.shiftLeft(width - 1).negate() : BigInteger.ZERO;
    }

    /** Largest raw value, for any width. */
    public BigInteger maxRawExact() {
        return (signed ? BigInteger.ONE.shiftLeft(width - 1) : BigInteger.ONE.shiftLeft(width)).subtract(BigInteger.ONE);
    }

    /** True when {@code raw} is a value of this type. */
    public boolean contains(long raw) {
        return raw >= minRaw() && raw <= maxRaw();
    }

    /** The weight of the least significant bit, 2^-F, exactly. */
    public BigDecimal lsb() {
        return scaled(BigInteger.ONE);
    }

    /** The smallest representable value, exactly. */
    public BigDecimal min() {
        return scaled(minRawExact());
    }

    /** The largest representable value, exactly. */
    public BigDecimal max() {
        return scaled(maxRawExact());
    }

    /** The exact value of a raw integer of this type. */
    public BigDecimal toBigDecimal(long raw) {
        return scaled(BigInteger.valueOf(raw));
    }

    /**
     * The value of a raw integer as a double: exact whenever |raw| < 2^53 (always for W <= 53) and the
     * value is in the normal double range; otherwise the nearest double.
     */
    public double toDouble(long raw) {
        return Math.scalb((double) raw, -fractionalBits());
    }

    private BigDecimal scaled(BigInteger raw) {
        int f = fractionalBits();
        if (f >= 0) {
            // 2^-f = 5^f / 10^f exactly
            return new BigDecimal(raw.multiply(BigInteger.valueOf(5).pow(f)), f);
        }
        return new BigDecimal(raw.shiftLeft(-f));
    }

    // ---------------------------------------------------------------- conversions into this type

    /**
     * Converts a double into this type: the exact binary value of {@code x} is rounded and overflow-handled
     * with this type's modes (no double rounding).
     *
     * @return the raw integer of the result
     * @throws IllegalArgumentException if {@code x} is NaN or infinite
     * @throws ArithmeticException if this type does not fit a {@code long}
     */
    public long quantize(double x) {
        return Conversion.fromDouble(x, this);
    }

    /** As {@link #quantize(double)}; a float widens to double exactly first. */
    public long quantize(float x) {
        return Conversion.fromDouble(x, this);
    }

    /** Converts a double and reports whether it was rounded or overflowed. */
    public Quantized quantizeDetailed(double x) {
        return Conversion.fromDoubleDetailed(x, this);
    }

    /**
     * Converts a raw value of type {@code from} into this type (assignment/cast semantics).
     *
     * @throws IllegalArgumentException if {@code raw} is not a value of {@code from}
     */
    public long convert(long raw, FixedType from) {
        if (!from.contains(raw)) {
            throw new IllegalArgumentException("raw value " + raw + " is outside " + from + " (raw range "
                    + from.minRaw() + ".." + from.maxRaw() + ")");
        }
        return Conversion.of(from.fractionalBits(), this).apply(raw);
    }

    // ---------------------------------------------------------------- exact arithmetic result types

    /** Type of the exact product {@code this · other}: W1+W2, I1+I2, signed if either is. */
    public FixedType productType(FixedType other) {
        return new FixedType(width + other.width, integerBits + other.integerBits, signed || other.signed,
                Rounding.DEFAULT, Overflow.DEFAULT);
    }

    /** Type of the exact sum {@code this + other}. */
    public FixedType sumType(FixedType other) {
        int i = Math.max(integerBits + (other.signed && !signed ? 1 : 0),
                other.integerBits + (signed && !other.signed ? 1 : 0)) + 1;
        int f = Math.max(fractionalBits(), other.fractionalBits());
        return new FixedType(i + f, i, signed || other.signed, Rounding.DEFAULT, Overflow.DEFAULT);
    }

    /** Type of the exact difference {@code this - other}: as the sum, but always signed. */
    public FixedType differenceType(FixedType other) {
        FixedType sum = sumType(other);
        return new FixedType(sum.width, sum.integerBits, true, Rounding.DEFAULT, Overflow.DEFAULT);
    }

    /** Type of the exact negation {@code -this}: W+1, I+1, signed. */
    public FixedType negationType() {
        return new FixedType(width + 1, integerBits + 1, true, Rounding.DEFAULT, Overflow.DEFAULT);
    }

    // ---------------------------------------------------------------- text form

    /**
     * Parses {@code ap_fixed<W,I[,Q[,O[,N]]]>}, {@code ap_ufixed<...>}, the hls4ml spellings
     * {@code fixed<...>}/{@code ufixed<...>}, and {@code ap_int<W>}/{@code ap_uint<W>}/{@code int<W>}/{@code uint<W>}
     * (integers: I = W). Mode names may omit the {@code AP_} prefix. {@code N} must be 0.
     *
     * @throws IllegalArgumentException naming the text, the offending field and what is expected
     */
    public static FixedType parse(String text) {
        Objects.requireNonNull(text, "type text");
        Matcher m = TEXT.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("bad fixed-point type '" + text + "': expected ap_fixed<W,I[,Q[,O[,N]]]>, "
                    + "ap_ufixed<...>, fixed<...>, ufixed<...>, ap_int<W> or ap_uint<W>");
        }
        boolean isSigned = m.group(2).isEmpty();
        boolean isInteger = m.group(3).equals("int");
        String[] args = m.group(4).split(",", -1);
        try {
            if (isInteger) {
                if (args.length != 1) {
                    throw new IllegalArgumentException("an integer type takes exactly one argument W, got " + args.length);
                }
                int w = parseInt(args[0], "width");
                return new FixedType(w, w, isSigned, Rounding.DEFAULT, Overflow.DEFAULT);
            }
            if (args.length < 2 || args.length > 5) {
                throw new IllegalArgumentException("expected 2 to 5 arguments <W,I[,Q[,O[,N]]]>, got " + args.length);
            }
            int w = parseInt(args[0], "width");
            int i = parseInt(args[1], "integerBits");
            Rounding q = args.length > 2 ? Rounding.parse(args[2]) : Rounding.DEFAULT;
            Overflow o = args.length > 3 ? Overflow.parse(args[3]) : Overflow.DEFAULT;
            if (args.length > 4) {
                int n = parseInt(args[4], "saturationBits");
                if (n != 0) {
                    throw new IllegalArgumentException("saturation bits N must be 0 (l1embed supports only N = 0), got N=" + n);
                }
            }
            return new FixedType(w, i, isSigned, q, o);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bad fixed-point type '" + text.trim() + "': " + e.getMessage(), e);
        }
    }

    private static int parseInt(String s, String field) {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(field + " must be an integer, got '" + s.trim() + "'");
        }
    }

    /** The vendor spelling, e.g. {@code ap_fixed<16,6>} or {@code ap_ufixed<8,3,AP_RND_CONV,AP_SAT>}; modes only when not TRN/WRAP. */
    @Override
    public String toString() {
        return render("ap_" + (signed ? "fixed" : "ufixed"), "AP_");
    }

    /** The hls4ml spelling, e.g. {@code fixed<16,6>} or {@code ufixed<8,3,RND_CONV,SAT>}. */
    public String toHls4mlString() {
        return render(signed ? "fixed" : "ufixed", "");
    }

    private String render(String name, String modePrefix) {
        StringBuilder sb = new StringBuilder(name).append('<').append(width).append(',').append(integerBits);
        if (rounding != Rounding.DEFAULT || overflow != Overflow.DEFAULT) {
            sb.append(',').append(modePrefix).append(rounding.name());
            if (overflow != Overflow.DEFAULT) {
                sb.append(',').append(modePrefix).append(overflow.name());
            }
        }
        return sb.append('>').toString();
    }
}
