package org.l1embed.training.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LearningRateScheduleTest {

    @Test
    void warmsUpLinearlyToThePeak() {
        LearningRateSchedule s = new LearningRateSchedule(0.1, 10, 110, 0.0);
        assertEquals(0.01, s.rate(0), 1e-15);
        assertEquals(0.05, s.rate(4), 1e-15);
        assertEquals(0.1, s.rate(9), 1e-15);
    }

    @Test
    void decaysAlongACosineToTheFloor() {
        LearningRateSchedule s = new LearningRateSchedule(0.1, 10, 110, 0.2);
        assertEquals(0.1, s.rate(10), 1e-15);
        // Half-way through the decay: floor + half the span.
        assertEquals(0.1 * (0.2 + 0.8 * 0.5), s.rate(60), 1e-15);
        assertEquals(0.1 * (0.2 + 0.8 * 0.5 * (1 + Math.cos(Math.PI * 0.25))), s.rate(35), 1e-15);
        assertEquals(0.02, s.rate(110), 1e-15);
        assertEquals(0.02, s.rate(1_000_000), 1e-15);
        for (long step = 10; step < 110; step++) {
            assertTrue(s.rate(step + 1) <= s.rate(step), "not decreasing at " + step);
        }
    }

    @Test
    void withoutWarmUpStartsAtThePeak() {
        LearningRateSchedule s = new LearningRateSchedule(1e-3, 0, 100, 0.0);
        assertEquals(1e-3, s.rate(0));
    }

    @Test
    void rejectsInconsistentSettings() {
        assertEquals("warmupSteps must be in [0, totalSteps=10], got warmupSteps=11",
                assertThrows(IllegalArgumentException.class, () -> new LearningRateSchedule(1, 11, 10, 0)).getMessage());
        assertEquals("totalSteps must be > 0, got totalSteps=0",
                assertThrows(IllegalArgumentException.class, () -> new LearningRateSchedule(1, 0, 0, 0)).getMessage());
        assertEquals("peak must be finite and > 0, got peak=Infinity",
                assertThrows(IllegalArgumentException.class,
                        () -> new LearningRateSchedule(Double.POSITIVE_INFINITY, 0, 10, 0)).getMessage());
        assertEquals("step must be >= 0, got step=-1",
                assertThrows(IllegalArgumentException.class, () -> new LearningRateSchedule(1, 0, 10, 0).rate(-1)).getMessage());
    }
}
