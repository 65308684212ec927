package org.l1embed.analysis.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LinearProbeTest {

    private static float[] blobs(int n, int[] labels, long seed, double separation) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] x = new float[n * 2];
        for (int e = 0; e < n; e++) {
            labels[e] = rnd.nextInt(3);
            double angle = labels[e] * 2 * Math.PI / 3;
            x[e * 2] = (float) (separation * Math.cos(angle) + rnd.nextGaussian());
            x[e * 2 + 1] = (float) (separation * Math.sin(angle) + rnd.nextGaussian());
        }
        return x;
    }

    @Test
    void separatesLinearlySeparableClassesAndIsNearChanceOnNoise() {
        int[] y = new int[3000];
        float[] x = blobs(3000, y, 1, 6);
        int[] yt = new int[1000];
        float[] xt = blobs(1000, yt, 2, 6);
        LinearProbe p = LinearProbe.train(x, y, 2, 3, LinearProbe.Settings.defaults());
        assertTrue(p.accuracy(xt, yt) > 0.97, "accuracy " + p.accuracy(xt, yt));
        float[] noise = blobs(1000, yt, 3, 0);
        assertTrue(Math.abs(LinearProbe.train(noise, yt, 2, 3, LinearProbe.Settings.defaults()).accuracy(xt, yt) - 1 / 3.0) < 0.1);
    }

    @Test
    void isDeterministicForASeed() {
        int[] y = new int[500];
        float[] x = blobs(500, y, 4, 2);
        assertEquals(LinearProbe.train(x, y, 2, 3, LinearProbe.Settings.defaults()).accuracy(x, y),
                LinearProbe.train(x, y, 2, 3, LinearProbe.Settings.defaults()).accuracy(x, y));
    }

    @Test
    void refusesLabelsOutOfRange() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LinearProbe.train(new float[] {1, 2}, new int[] {0, 5}, 1, 3, LinearProbe.Settings.defaults()));
        assertEquals("probe data: label of event 1 is 5, expected 0..2", e.getMessage());
    }
}
