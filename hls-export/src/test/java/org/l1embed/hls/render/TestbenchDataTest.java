package org.l1embed.hls.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TestbenchDataTest {

    @Test
    void floatsReadBackToTheSameBits() {
        float[] special = {0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL, Float.MAX_VALUE, -Float.MAX_VALUE, 1e-10f,
                16777217f, 0.1f, -123.456f, 1e20f, 3.4e-39f};
        SplittableRandom rnd = new SplittableRandom(3);
        float[] x = new float[special.length + 3000 - (special.length + 3000) % 4];
        System.arraycopy(special, 0, x, 0, special.length);
        for (int k = special.length; k < x.length; k++) {
            float v;
            do {
                v = Float.intBitsToFloat(rnd.nextInt());
            } while (!Float.isFinite(v));
            x[k] = v;
        }
        String text = TestbenchData.floats(x, 4);
        assertEquals(x.length / 4, text.split("\n").length);
        float[] back = TestbenchData.parseFloats(text, 4, "f");
        for (int k = 0; k < x.length; k++) {
            assertEquals(Float.floatToRawIntBits(x[k]), Float.floatToRawIntBits(back[k]), "value " + k + ": " + x[k]);
        }
    }

    @Test
    void integersReadBack() {
        long[] y = {0, -1, 1, Long.MIN_VALUE, Long.MAX_VALUE, 12345, -987654321};
        String text = TestbenchData.integers(new long[] {0, -1, 1, Long.MIN_VALUE, Long.MAX_VALUE, 12345, -987654321, 7}, 2);
        assertEquals("0 -1\n1 " + Long.MIN_VALUE + "\n" + Long.MAX_VALUE + " 12345\n-987654321 7\n", text);
        assertArrayEquals(new long[] {0, -1, 1, Long.MIN_VALUE, Long.MAX_VALUE, 12345, -987654321, 7},
                TestbenchData.parseIntegers(text, 2, "y"));
        assertEquals(7, y.length);
    }

    @Test
    void refusesMalformedFilesNamingTheFileLineAndValue() {
        assertEquals("x.dat: expected at least one event (one per line), got an empty file",
                assertThrows(IllegalArgumentException.class, () -> TestbenchData.parseFloats("", 2, "x.dat")).getMessage());
        assertEquals("x.dat: the last line must end with '\\n'",
                assertThrows(IllegalArgumentException.class, () -> TestbenchData.parseFloats("1.0 2.0", 2, "x.dat")).getMessage());
        assertEquals("x.dat: line 2: expected 2 values separated by single spaces, got 3",
                assertThrows(IllegalArgumentException.class, () -> TestbenchData.parseFloats("1.0 2.0\n1.0  2.0\n", 2, "x.dat"))
                        .getMessage());
        for (String bad : new String[] {"NaN", "Infinity", "1e5", "0x1p3", "1.0f", "+1.0", "1e40", "1."}) {
            assertEquals("x.dat: line 1, value 2: expected a finite float32 as a plain decimal (e.g. -1.25), got '" + bad + "'",
                    assertThrows(IllegalArgumentException.class, () -> TestbenchData.parseFloats("1.0 " + bad + "\n", 2, "x.dat"))
                            .getMessage(), bad);
        }
        assertEquals("y.dat: line 1, value 1: expected a 64-bit decimal integer, got '9223372036854775808'",
                assertThrows(IllegalArgumentException.class, () -> TestbenchData.parseIntegers("9223372036854775808\n", 1, "y.dat"))
                        .getMessage());
        assertEquals("y.dat: line 1, value 1: expected a 64-bit decimal integer, got '1.5'",
                assertThrows(IllegalArgumentException.class, () -> TestbenchData.parseIntegers("1.5\n", 1, "y.dat")).getMessage());
    }
}
