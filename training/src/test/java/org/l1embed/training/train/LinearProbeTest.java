package org.l1embed.training.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LinearProbeTest {

    @Test
    void separatesLinearlySeparableClassesPerfectly() {
        // Three classes split by the sign pattern of a 2-d point, far from the boundaries.
        SplittableRandom rng = new SplittableRandom(1);
        int n = 600;
        float[] z = new float[2 * n];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            int c = i % 3;
            labels[i] = c;
            double angle = 2 * Math.PI * c / 3 + (rng.nextDouble() - 0.5);
            z[2 * i] = (float) (100 + 5 * Math.cos(angle));
            z[2 * i + 1] = (float) (-3 + 5 * Math.sin(angle));
        }
        LinearProbe probe = LinearProbe.fit(z, labels, 2);
        assertEquals(1.0, probe.accuracy(z, labels));
    }

    @Test
    void staysNearChanceWhenLabelsAreUnrelated() {
        SplittableRandom rng = new SplittableRandom(2);
        int n = 4000;
        float[] z = new float[4 * n];
        for (int i = 0; i < z.length; i++) {
            z[i] = (float) rng.nextGaussian();
        }
        int[] labels = rng.ints(n, 0, 4).toArray();
        double accuracy = LinearProbe.fit(z, labels, 4).accuracy(z, labels);
        assertTrue(accuracy < 0.32, "accuracy " + accuracy);
    }

    @Test
    void rejectsInconsistentInput() {
        assertEquals("labels must be in [0, 2), got labels[1]=2",
                assertThrows(IllegalArgumentException.class,
                        () -> LinearProbe.fit(new float[4], new int[] {0, 2}, 2, 2, 10, 0)).getMessage());
        assertEquals("z must hold labels.length × dimension = 2 × 2 values (at least one event), got z.length=3",
                assertThrows(IllegalArgumentException.class, () -> LinearProbe.fit(new float[3], new int[2], 2)).getMessage());
        assertEquals("z must be finite, got NaN at event 1, dimension 0",
                assertThrows(IllegalArgumentException.class,
                        () -> LinearProbe.fit(new float[] {0, 0, Float.NaN, 0}, new int[] {0, 1}, 2)).getMessage());
    }
}
