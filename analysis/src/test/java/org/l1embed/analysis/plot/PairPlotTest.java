package org.l1embed.analysis.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.l1embed.analysis.plot.ChartTest.count;
import static org.l1embed.analysis.plot.ChartTest.decode;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PairPlotTest {

    private static float[] gaussian(int n, int d, double shift, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] p = new float[n * d];
        for (int i = 0; i < p.length; i++) {
            p[i] = (float) (r.nextGaussian() + shift);
        }
        return p;
    }

    private static ChartGrid latentPairs(long seed) {
        return PairPlot.of("latent", List.of("z0", "z1", "z2", "z3"), List.of(
                new PairPlot.Cloud("W", gaussian(3000, 4, 0, 1), OkabeIto.BLUE),
                new PairPlot.Cloud("QCD", gaussian(3000, 4, 3, 2), OkabeIto.ORANGE)), 500, seed);
    }

    @Test
    void fourDimensionsGiveSixPanelsInThreeColumnsWithBothCloudColours() {
        ChartGrid grid = latentPairs(7);
        assertEquals(6, grid.charts().size());
        assertEquals(List.of("latent: z1 vs z0", "latent: z2 vs z0", "latent: z3 vs z0", "latent: z2 vs z1",
                "latent: z3 vs z1", "latent: z3 vs z2"), grid.charts().stream().map(Chart::title).toList());
        BufferedImage image = decode(grid.toPng());
        assertEquals(3 * PairPlot.PANEL_WIDTH, image.getWidth());
        assertEquals(2 * PairPlot.PANEL_HEIGHT, image.getHeight());
        BufferedImage last = image.getSubimage(2 * PairPlot.PANEL_WIDTH, PairPlot.PANEL_HEIGHT, PairPlot.PANEL_WIDTH,
                PairPlot.PANEL_HEIGHT);
        // translucent markers: over white they are lighter than the palette colour, overlaps darker
        int blue = ChartTest.overWhite(OkabeIto.BLUE.rgb(), Series.SCATTER_OPACITY);
        int orange = ChartTest.overWhite(OkabeIto.ORANGE.rgb(), Series.SCATTER_OPACITY);
        assertTrue(count(last, blue, 24) > 50, "no translucent blue markers");
        assertTrue(count(last, orange, 24) > 50, "no translucent orange markers");
    }

    @Test
    void theSameSeedGivesTheSameImage() {
        assertArrayEquals(latentPairs(7).toPng(), latentPairs(7).toPng());
    }

    @Test
    void subsampleIsBoundedSortedWithoutRepeatsAndSeeded() {
        int[] a = PairPlot.subsample(1000, 50, new SplittableRandom(3));
        assertEquals(50, a.length);
        for (int i = 1; i < a.length; i++) {
            assertTrue(a[i] > a[i - 1]);
        }
        assertArrayEquals(a, PairPlot.subsample(1000, 50, new SplittableRandom(3)));
        assertArrayEquals(new int[] {0, 1, 2}, PairPlot.subsample(3, 50, new SplittableRandom(3)));
        Series.Points p = (Series.Points) latentPairs(1).charts().get(0).series().get(0);
        assertEquals(500, p.x().length);
    }

    @Test
    void badCloudsAreRefusedNamingCloudPointAndCoordinate() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PairPlot.of("", List.of("a",
                "b"), List.of(new PairPlot.Cloud("sig", new float[] {0, 1, 2, Float.NaN}, OkabeIto.BLUE)), 10, 0));
        assertEquals("cloud 'sig': point 1, coordinate 1 (b) is NaN; values must be finite", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> PairPlot.of("", List.of("a", "b"),
                List.of(new PairPlot.Cloud("odd", new float[] {0, 1, 2}, OkabeIto.BLUE)), 10, 0));
        assertTrue(e.getMessage().contains("'odd'") && e.getMessage().contains("got 3 values"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> PairPlot.of("", List.of("a"),
                List.of(new PairPlot.Cloud("x", new float[] {0}, OkabeIto.BLUE)), 10, 0));
        assertEquals("axisNames: a pair plot needs at least 2 coordinates, got 1", e.getMessage());
    }
}
