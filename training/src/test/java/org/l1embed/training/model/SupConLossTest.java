package org.l1embed.training.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SupConLossTest {

    private static final double RELATIVE = 1e-5;

    @Test
    void matchesDoubleOracleOnRandomBatches() {
        double[] temperatures = {0.05, 0.1, 0.5, 0.9, 2.0};
        int[] widths = {3, 8, 96};
        SplittableRandom rng = new SplittableRandom(20250101);
        for (double tau : temperatures) {
            for (int width : widths) {
                try (LossGraph graph = new LossGraph(width, (float) tau)) {
                    for (int trial = 0; trial < 6; trial++) {
                        int batch = 2 + rng.nextInt(40);
                        int classes = 1 + rng.nextInt(5);
                        float[] z = gaussian(rng, batch * width, 1 + 4 * rng.nextDouble());
                        int[] labels = rng.ints(batch, 0, classes).toArray();
                        double expected = SupConOracle.supCon(rows(z, width), labels, tau);
                        float actual = graph.loss(z, labels);
                        assertClose(expected, actual, "tau=" + tau + " width=" + width + " batch=" + batch + " classes=" + classes);
                    }
                }
            }
        }
    }

    @Test
    void allSameLabelWithIdenticalProjectionsIsLogOfBatchMinusOne() {
        // Every similarity equals 1/τ, so each positive has probability 1/(B-1).
        int batch = 17;
        int width = 5;
        float[] z = new float[batch * width];
        for (int i = 0; i < batch; i++) {
            for (int k = 0; k < width; k++) {
                z[i * width + k] = k + 1;
            }
        }
        try (LossGraph graph = new LossGraph(width, 0.9f)) {
            assertClose(Math.log(batch - 1), graph.loss(z, new int[batch]), "identical projections");
        }
    }

    @Test
    void allSameLabelMatchesOracle() {
        SplittableRandom rng = new SplittableRandom(7);
        int batch = 33;
        int width = 12;
        float[] z = gaussian(rng, batch * width, 1);
        int[] labels = new int[batch];
        Arrays.fill(labels, 3);
        try (LossGraph graph = new LossGraph(width, 0.5f)) {
            assertClose(SupConOracle.supCon(rows(z, width), labels, 0.5), graph.loss(z, labels), "all one class");
        }
    }

    @Test
    void allDistinctLabelsGiveZeroLossAndZeroGradient() {
        SplittableRandom rng = new SplittableRandom(8);
        int batch = 20;
        int width = 6;
        float[] z = gaussian(rng, batch * width, 1);
        int[] labels = new int[batch];
        for (int i = 0; i < batch; i++) {
            labels[i] = 100 + i;
        }
        try (LossGraph graph = new LossGraph(width, 0.9f)) {
            assertEquals(0f, graph.loss(z, labels));
            float[] gradient = graph.gradient(z, labels);
            for (float g : gradient) {
                assertEquals(0f, Math.abs(g));
            }
        }
    }

    @Test
    void anchorsWithoutPositivesAreLeftOutOfTheMean() {
        // Labels 0,0,1,2: only the two rows of class 0 are anchors.
        SplittableRandom rng = new SplittableRandom(9);
        float[] z = gaussian(rng, 4 * 3, 1);
        int[] labels = {0, 0, 1, 2};
        try (LossGraph graph = new LossGraph(3, 0.7f)) {
            assertClose(SupConOracle.supCon(rows(z, 3), labels, 0.7), graph.loss(z, labels), "partial anchors");
        }
    }

    @Test
    void viewLabelsTurnSupConIntoNtXent() {
        SplittableRandom rng = new SplittableRandom(10);
        int events = 12;
        int width = 16;
        float[] z = gaussian(rng, 2 * events * width, 1);
        try (LossGraph graph = new LossGraph(width, 0.2f)) {
            assertClose(SupConOracle.ntXent(rows(z, width), 0.2), graph.loss(z, SupConLoss.viewLabels(events)), "NT-Xent");
        }
        assertArrayEquals(new int[] {0, 1, 2, 0, 1, 2}, SupConLoss.viewLabels(3));
        assertThrows(IllegalArgumentException.class, () -> SupConLoss.viewLabels(0));
    }

    @Test
    void smallTemperatureStaysFiniteAndAccurate() {
        // exp(2/τ) overflows float32 for τ = 0.01; the max shift must keep every exponent <= 0.
        SplittableRandom rng = new SplittableRandom(11);
        int batch = 24;
        int width = 4;
        float[] z = gaussian(rng, batch * width, 1);
        int[] labels = rng.ints(batch, 0, 3).toArray();
        try (LossGraph graph = new LossGraph(width, 0.01f)) {
            float loss = graph.loss(z, labels);
            assertTrue(Float.isFinite(loss), "loss " + loss);
            assertClose(SupConOracle.supCon(rows(z, width), labels, 0.01), loss, "tau=0.01");
            for (float g : graph.gradient(z, labels)) {
                assertTrue(Float.isFinite(g), "gradient " + g);
            }
        }
    }

    @Test
    void isInvariantToTheScaleOfProjections() {
        SplittableRandom rng = new SplittableRandom(12);
        int batch = 10;
        int width = 7;
        float[] z = gaussian(rng, batch * width, 1);
        float[] scaled = new float[z.length];
        for (int i = 0; i < z.length; i++) {
            scaled[i] = z[i] * 64f; // a power of two: the scaling itself is exact
        }
        int[] labels = rng.ints(batch, 0, 2).toArray();
        try (LossGraph graph = new LossGraph(width, 0.9f)) {
            assertClose(graph.loss(z, labels), graph.loss(scaled, labels), "scaled by 64");
        }
    }

    @Test
    void gradientMatchesCentralDifferencesOfTheOracle() {
        SplittableRandom rng = new SplittableRandom(13);
        int batch = 8;
        int width = 5;
        double tau = 0.5;
        float[] z = gaussian(rng, batch * width, 1);
        int[] labels = rng.ints(batch, 0, 3).toArray();
        try (LossGraph graph = new LossGraph(width, (float) tau)) {
            float[] gradient = graph.gradient(z, labels);
            double h = 1e-5;
            for (int k = 0; k < z.length; k++) {
                double[][] plus = rows(z, width);
                double[][] minus = rows(z, width);
                plus[k / width][k % width] += h;
                minus[k / width][k % width] -= h;
                double numeric = (SupConOracle.supCon(plus, labels, tau) - SupConOracle.supCon(minus, labels, tau)) / (2 * h);
                assertEquals(numeric, gradient[k], 1e-4 + 1e-3 * Math.abs(numeric), "d loss / d z[" + k + "]");
            }
        }
    }

    @Test
    void rejectsNonPositiveTemperature() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new LossGraph(3, 0f));
        assertTrue(e.getMessage().contains("temperature=0.0"), e.getMessage());
    }

    private static void assertClose(double expected, double actual, String what) {
        assertEquals(expected, actual, RELATIVE * Math.max(1.0, Math.abs(expected)), what);
    }

    private static float[] gaussian(SplittableRandom rng, int n, double scale) {
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            double u1 = rng.nextDouble();
            double u2 = rng.nextDouble();
            values[i] = (float) (scale * Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2));
        }
        return values;
    }

    private static double[][] rows(float[] z, int width) {
        double[][] out = new double[z.length / width][width];
        for (int i = 0; i < z.length; i++) {
            out[i / width][i % width] = z[i];
        }
        return out;
    }
}
