package org.l1embed.training.preprocess;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.l1embed.quantization.network.Preprocessing;

class PtStandardizationTest {

    @Test
    void fitsOneMeanAndStdOverPresentObjectsAndKeepsPaddingAtZero() {
        // two events, two objects each: pT values 10, 20, 30 present; one empty slot
        float[] x = {10, 0.5f, -1, 20, 1, 2, 30, -0.5f, 0.1f, 0, 0, 0};
        Preprocessing.StandardizeNonZero p = PtStandardization.fit(x, 6);
        // mean 20, sample std 10
        assertEquals(20.0, p.mean().get(0), 1e-12);
        assertEquals(10.0, p.std().get(3), 1e-12);
        assertEquals(0.0, p.mean().get(1));
        assertEquals(1.0, p.std().get(2));
        float[] y = PtStandardization.applyAll(p, x, 6);
        assertArrayEquals(new float[] {-1, 0.5f, -1, 0, 1, 2, 1, -0.5f, 0.1f, 0, 0, 0}, y);
    }

    @Test
    void theIntegerFormUsesHardwareUnitsAndAPowerOfTwoScale() {
        float[] x = {10, 0.5f, -1, 20, 1, 2, 30, -0.5f, 0.1f, 0, 0, 0};   // pT mean 20, std 10
        Preprocessing.IntegerShift p = PtStandardization.fitInteger(x, 6);
        assertEquals(-2.0, p.lsbExponent().get(0));
        assertEquals(80.0, p.offset().get(0));        // 20 GeV / 0.25 GeV
        assertEquals(5.0, p.shift().get(0));          // rint(log2(10 / 0.25)) = rint(5.32) = 5
        assertEquals(7.0, p.shift().get(1));          // eta: hw * 2^-7
        float[] y = PtStandardization.applyAll(p, x, 6);
        // pT 30 -> hw 120 -> (120 - 80) / 32 = 1.25; eta 0.5 -> 64 / 128 = 0.5; empty slot stays 0
        assertArrayEquals(new float[] {-1.25f, 0.5f, -1, 0, 1, 2, 1.25f, -0.5f, 0.1015625f, 0, 0, 0}, y);
    }

    @Test
    void refusesNonFiniteValuesAndSamplesWithoutObjects() {
        assertEquals("training sample: event 1, feature 0 is NaN",
                assertThrows(IllegalArgumentException.class, () -> PtStandardization.fit(new float[] {1, 0, 0, Float.NaN, 0, 0}, 3))
                        .getMessage());
        assertThrows(IllegalArgumentException.class, () -> PtStandardization.fit(new float[6], 3));
    }
}
