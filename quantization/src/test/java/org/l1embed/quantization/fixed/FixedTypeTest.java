package org.l1embed.quantization.fixed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;

class FixedTypeTest {

    private static List<FixedType> smallTypesWithAllModes() {
        List<FixedType> out = new ArrayList<>();
        for (int w = 1; w <= 6; w++) {
            for (int i = -2; i <= w + 2; i++) {
                for (boolean s : new boolean[] {true, false}) {
                    for (Rounding q : Rounding.values()) {
                        for (Overflow o : Overflow.values()) {
                            if (!s && o == Overflow.WRAP_SM) {
                                continue;
                            }
                            out.add(new FixedType(w, i, s, q, o));
                        }
                    }
                }
            }
        }
        // a few wide and exotic ones
        out.add(FixedType.signed(64, 64));
        out.add(FixedType.unsigned(63, -70));
        out.add(FixedType.signed(80, 20).withModes(Rounding.RND_CONV, Overflow.SAT));
        out.add(FixedType.signed(1024, -4096));
        out.add(FixedType.unsigned(1024, 4096).withModes(Rounding.RND_MIN_INF, Overflow.SAT_ZERO));
        return out;
    }

    /** The expected vendor spelling written independently of {@link FixedType#toString()}. */
    private static String vendorText(FixedType t) {
        return text(t, t.signed() ? "ap_fixed" : "ap_ufixed", "AP_");
    }

    private static String hls4mlText(FixedType t) {
        return text(t, t.signed() ? "fixed" : "ufixed", "");
    }

    private static String text(FixedType t, String name, String prefix) {
        String s = name + "<" + t.width() + "," + t.integerBits();
        if (t.rounding() != Rounding.TRN || t.overflow() != Overflow.WRAP) {
            s += "," + prefix + t.rounding().name();
            if (t.overflow() != Overflow.WRAP) {
                s += "," + prefix + t.overflow().name();
            }
        }
        return s + ">";
    }

    @Test
    void toStringAndParseRoundTripForEveryModeCombination() {
        for (FixedType t : smallTypesWithAllModes()) {
            assertEquals(vendorText(t), t.toString());
            assertEquals(hls4mlText(t), t.toHls4mlString());
            assertEquals(t, FixedType.parse(t.toString()), t.toString());
            assertEquals(t, FixedType.parse(t.toHls4mlString()), t.toHls4mlString());
            String full = (t.signed() ? "ap_fixed<" : "ap_ufixed<") + t.width() + "," + t.integerBits() + ","
                    + t.rounding().vendorName() + "," + t.overflow().vendorName() + ",0>";
            assertEquals(t, FixedType.parse(full), full);
            String spaced = "  " + (t.signed() ? "fixed" : "ufixed") + " < " + t.width() + " ,  " + t.integerBits() + " , "
                    + t.rounding().name().toLowerCase(Locale.ROOT) + " ,AP_" + t.overflow().name() + " , 0 >  ";
            assertEquals(t, FixedType.parse(spaced), spaced);
        }
    }

    @Test
    void printsTruncationWhenOnlyOverflowIsNotDefault() {
        assertEquals("ap_fixed<16,6,AP_TRN,AP_SAT>", FixedType.signed(16, 6).withModes(Rounding.TRN, Overflow.SAT).toString());
        assertEquals("fixed<16,6,TRN,SAT>", FixedType.signed(16, 6).withModes(Rounding.TRN, Overflow.SAT).toHls4mlString());
        assertEquals("ap_fixed<16,6,AP_RND_CONV>", FixedType.signed(16, 6).withModes(Rounding.RND_CONV, Overflow.WRAP).toString());
        assertEquals("ap_ufixed<8,3,AP_RND_CONV,AP_SAT>",
                FixedType.unsigned(8, 3).withModes(Rounding.RND_CONV, Overflow.SAT).toString());
        assertEquals("ufixed<8,3,RND_CONV,SAT>",
                FixedType.unsigned(8, 3).withModes(Rounding.RND_CONV, Overflow.SAT).toHls4mlString());
        assertEquals("ap_fixed<16,6>", FixedType.signed(16, 6).toString());
    }

    @Test
    void parsesIntegerSpellingsAsTypesWithNoFractionalBits() {
        assertEquals(FixedType.signed(8, 8), FixedType.parse("ap_int<8>"));
        assertEquals(FixedType.unsigned(8, 8), FixedType.parse("ap_uint<8>"));
        assertEquals(FixedType.signed(1, 1), FixedType.parse("int<1>"));
        assertEquals(FixedType.unsigned(63, 63), FixedType.parse(" uint < 63 > "));
        assertEquals(0, FixedType.parse("ap_int<32>").fractionalBits());
    }

    @Test
    void parsesVendorAndHls4mlSpellingsAlike() {
        FixedType t = new FixedType(8, 3, false, Rounding.RND_CONV, Overflow.SAT);
        assertEquals(t, FixedType.parse("ap_ufixed<8,3,AP_RND_CONV,AP_SAT>"));
        assertEquals(t, FixedType.parse("ufixed<8,3,RND_CONV,SAT>"));
        assertEquals(t, FixedType.parse("ap_ufixed<8,3,RND_CONV,AP_SAT,0>"));
        assertEquals(t, FixedType.parse("ap_ufixed <8, 3, AP_RND_CONV, AP_SAT>"));
        assertEquals(FixedType.signed(8, -2), FixedType.parse("ap_fixed<8,-2>"));
        assertEquals(FixedType.signed(8, 10), FixedType.parse("fixed<8,10>"));
        assertEquals(new FixedType(8, 3, true, Rounding.RND, Overflow.WRAP), FixedType.parse("ap_fixed<8,3,AP_RND>"));
    }

    // ------------------------------------------------------------------ bad inputs

    private static IllegalArgumentException rejects(String text) {
        return assertThrows(IllegalArgumentException.class, () -> FixedType.parse(text), text);
    }

    private static void assertMessageHas(IllegalArgumentException e, String... parts) {
        String m = String.valueOf(e.getMessage());
        for (String p : parts) {
            assertTrue(m.contains(p), "message should contain '" + p + "': " + m);
        }
    }

    @Test
    void rejectsZeroWidthNamingTheWidth() {
        assertMessageHas(rejects("ap_fixed<0,1>"), "ap_fixed<0,1>", "width", "0");
        assertMessageHas(assertThrows(IllegalArgumentException.class, () -> FixedType.signed(0, 1)), "width", "0");
        assertMessageHas(assertThrows(IllegalArgumentException.class, () -> FixedType.signed(-3, 1)), "width", "-3");
        assertMessageHas(rejects("ap_fixed<1025,1>"), "width", "1025");
    }

    @Test
    void rejectsWrapSmOnUnsignedTypes() {
        assertMessageHas(rejects("ap_ufixed<8,3,AP_TRN,AP_WRAP_SM>"), "WRAP_SM", "ap_ufixed<8,3");
        assertMessageHas(rejects("ufixed<8,3,TRN,WRAP_SM>"), "WRAP_SM");
        assertEquals(new FixedType(8, 3, true, Rounding.TRN, Overflow.WRAP_SM), FixedType.parse("ap_fixed<8,3,AP_TRN,AP_WRAP_SM>"));
    }

    @Test
    void rejectsNonZeroSaturationBits() {
        assertMessageHas(rejects("ap_fixed<8,3,AP_TRN,AP_WRAP,2>"), "N", "2");
        assertMessageHas(rejects("ap_fixed<8,3,AP_TRN,AP_WRAP,x>"), "x");
    }

    @Test
    void rejectsMissingOrMalformedFields() {
        assertMessageHas(rejects("ap_fixed<8>"), "ap_fixed<8>");
        assertMessageHas(rejects("ap_fixed<8,x>"), "integerBits", "x");
        assertMessageHas(rejects("ap_fixed<y,3>"), "width", "y");
        assertMessageHas(rejects("ap_fixed<8,3,AP_FOO>"), "rounding", "AP_FOO");
        assertMessageHas(rejects("ap_fixed<8,3,AP_TRN,AP_BAR>"), "overflow", "AP_BAR");
        assertMessageHas(rejects("foo<8,3>"), "foo<8,3>");
        assertMessageHas(rejects("ap_fixed<8,3,AP_TRN,AP_WRAP,0,1>"), "ap_fixed<8,3,AP_TRN,AP_WRAP,0,1>");
        assertMessageHas(rejects("ap_int<8,3>"), "ap_int<8,3>");
        assertMessageHas(rejects("ap_fixed<8,5000>"), "integerBits", "5000");
        rejects("");
        rejects("ap_fixed");
        rejects("ap_fixed<8,3");
    }

    // ------------------------------------------------------------------ range and exact values

    @Test
    void minMaxAndLsbAreExact() {
        FixedType a = FixedType.signed(8, 3); // F = 5
        assertExact("0.03125", a.lsb());
        assertExact("-4", a.min());
        assertExact("3.96875", a.max());
        assertEquals(-128, a.minRaw());
        assertEquals(127, a.maxRaw());

        FixedType b = FixedType.unsigned(4, 6); // F = -2
        assertExact("4", b.lsb());
        assertExact("0", b.min());
        assertExact("60", b.max());
        assertEquals(0, b.minRaw());
        assertEquals(15, b.maxRaw());

        FixedType c = FixedType.signed(8, -2); // F = 10
        assertExact("0.0009765625", c.lsb());
        assertExact("-0.125", c.min());
        assertExact("0.1240234375", c.max());

        FixedType d = FixedType.signed(64, 0);
        assertEquals(Long.MIN_VALUE, d.minRaw());
        assertEquals(Long.MAX_VALUE, d.maxRaw());
        assertExact("-0.5", d.min());
        assertEquals(0, ApFixedOracle.value(ApFixedOracle.maxRaw(d), d).compareTo(d.max()));

        FixedType e = FixedType.unsigned(63, 63);
        assertEquals(0, e.minRaw());
        assertEquals(Long.MAX_VALUE, e.maxRaw());

        assertExact("-1", FixedType.signed(1, 1).min());
        assertExact("0", FixedType.signed(1, 1).max());
        assertExact("1", FixedType.unsigned(1, 1).max());
    }

    @Test
    void minMaxLsbAndToBigDecimalMatchTheOracleForSmallTypes() {
        for (FixedType t : smallTypesWithAllModes()) {
            assertEquals(0, ApFixedOracle.value(java.math.BigInteger.ONE, t).compareTo(t.lsb()), "lsb of " + t);
            assertEquals(0, ApFixedOracle.value(ApFixedOracle.minRaw(t), t).compareTo(t.min()), "min of " + t);
            assertEquals(0, ApFixedOracle.value(ApFixedOracle.maxRaw(t), t).compareTo(t.max()), "max of " + t);
            if (t.width() <= 6) {
                assertEquals(ApFixedOracle.minRaw(t).longValueExact(), t.minRaw(), "minRaw of " + t);
                assertEquals(ApFixedOracle.maxRaw(t).longValueExact(), t.maxRaw(), "maxRaw of " + t);
                assertEquals(ApFixedOracle.fractionalBits(t), t.fractionalBits());
                for (long r = t.minRaw(); r <= t.maxRaw(); r++) {
                    assertEquals(0, ApFixedOracle.value(java.math.BigInteger.valueOf(r), t).compareTo(t.toBigDecimal(r)),
                            "value of raw " + r + " in " + t);
                    assertTrue(t.contains(r));
                }
                assertFalse(t.contains(t.minRaw() - 1));
                assertFalse(t.contains(t.maxRaw() + 1));
            }
        }
    }

    private static void assertExact(String expected, BigDecimal actual) {
        assertEquals(0, new BigDecimal(expected).compareTo(actual), "expected " + expected + ", got " + actual.toPlainString());
    }

    @Test
    void wideTypesParseAndPrintButRefuseLongRawOperations() {
        FixedType wide = FixedType.parse("ap_fixed<80,20>");
        assertEquals(FixedType.signed(80, 20), wide);
        assertEquals("ap_fixed<80,20>", wide.toString());
        assertEquals(60, wide.fractionalBits());
        assertFalse(wide.fitsLong());
        assertMessageHas(assertThrows(ArithmeticException.class, wide::minRaw), "80");
        assertMessageHas(assertThrows(ArithmeticException.class, wide::maxRaw), "80");
        assertMessageHas(assertThrows(ArithmeticException.class, () -> wide.quantize(1.0)), "80");
        assertMessageHas(assertThrows(ArithmeticException.class, () -> wide.quantize(1.0f)), "80");
        assertMessageHas(assertThrows(ArithmeticException.class, () -> wide.quantizeDetailed(1.0)), "80");
        assertThrows(ArithmeticException.class, () -> Conversion.of(0, wide).apply(1));
        assertExact("-524288", wide.min());
        assertExact(ApFixedOracle.value(ApFixedOracle.maxRaw(wide), wide).toPlainString(), wide.max());

        FixedType u64 = FixedType.unsigned(64, 64);
        assertFalse(u64.fitsLong());
        assertMessageHas(assertThrows(ArithmeticException.class, u64::maxRaw), "64");
        assertTrue(FixedType.signed(64, 64).fitsLong());
        assertTrue(FixedType.unsigned(63, 63).fitsLong());
    }

    private static void assertMessageHas(ArithmeticException e, String part) {
        assertTrue(String.valueOf(e.getMessage()).contains(part), "message should contain '" + part + "': " + e.getMessage());
    }

    // ------------------------------------------------------------------ result types

    @Test
    void resultTypesOfTheDocExamples() {
        FixedType a = FixedType.parse("ap_fixed<16,6>");
        assertEquals("ap_fixed<32,12>", a.productType(a).toString());
        assertEquals("ap_fixed<17,7>", a.sumType(a).toString());
        assertEquals("ap_fixed<17,7>", a.sumType(FixedType.parse("ap_ufixed<8,3>")).toString());
        assertEquals("ap_fixed<17,7>", FixedType.parse("ap_ufixed<8,3>").sumType(a).toString());
        assertEquals("ap_fixed<17,7>", a.differenceType(a).toString());
        assertEquals("ap_fixed<17,7>", a.negationType().toString());
        FixedType u = FixedType.parse("ap_ufixed<8,3>");
        assertEquals("ap_ufixed<9,4>", u.sumType(u).toString());
        assertEquals("ap_fixed<9,4>", u.differenceType(u).toString());
        assertEquals("ap_ufixed<16,6>", u.productType(u).toString());
        assertEquals("ap_fixed<9,4>", u.negationType().toString());
    }

    @Test
    void resultTypesMatchTheOracleTableForAllSmallTypes() {
        List<FixedType> types = new ArrayList<>();
        for (int w = 1; w <= 6; w++) {
            for (int i = -2; i <= w + 2; i++) {
                types.add(FixedType.signed(w, i));
                types.add(FixedType.unsigned(w, i).withModes(Rounding.RND_CONV, Overflow.SAT));
            }
        }
        for (FixedType a : types) {
            assertEquals(ApFixedOracle.negationType(a), a.negationType(), "-" + a);
            for (FixedType b : types) {
                assertEquals(ApFixedOracle.productType(a, b), a.productType(b), a + " * " + b);
                assertEquals(ApFixedOracle.sumType(a, b), a.sumType(b), a + " + " + b);
                assertEquals(ApFixedOracle.differenceType(a, b), a.differenceType(b), a + " - " + b);
            }
        }
    }

    @Test
    void constructorRejectsUnsignedWrapSm() {
        assertThrows(IllegalArgumentException.class, () -> new FixedType(8, 3, false, Rounding.TRN, Overflow.WRAP_SM));
        assertThrows(NullPointerException.class, () -> new FixedType(8, 3, true, null, Overflow.WRAP));
        assertThrows(NullPointerException.class, () -> new FixedType(8, 3, true, Rounding.TRN, null));
    }
}
