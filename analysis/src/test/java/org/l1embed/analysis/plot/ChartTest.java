package org.l1embed.analysis.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChartTest {

    static Chart sample() {
        double[] x = {0, 1, 2, 3, 4};
        return Chart.builder("sample")
                .xLabel("x").yLabel("y")
                .add(Series.points("data", x, new double[] {1, 3, 2, 5, 4}, OkabeIto.BLUE)
                        .withErrors(new double[] {0.3, 0.3, 0.5, 0.2, 0.4}))
                .add(Series.line("fit", x, new double[] {1.2, 2, 2.8, 3.6, 4.4}, OkabeIto.ORANGE)
                        .withStyle(LineStyle.DASHED))
                .add(Series.step("hist", new double[] {0, 1, 2, 3, 4, 5}, new double[] {1, 2, 2, 1, 0.5},
                        OkabeIto.BLUISH_GREEN))
                .build();
    }

    static BufferedImage decode(byte[] png) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
            assertTrue(image != null, "not a decodable PNG");
            return image;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean near(int rgb, int expected, int tolerance) {
        int dr = Math.abs(((rgb >> 16) & 0xFF) - ((expected >> 16) & 0xFF));
        int dg = Math.abs(((rgb >> 8) & 0xFF) - ((expected >> 8) & 0xFF));
        int db = Math.abs((rgb & 0xFF) - (expected & 0xFF));
        return dr + dg + db < tolerance;
    }

    /** Pixels within a small distance of the colour (exact colours survive antialiasing in line and marker cores). */
    static int count(BufferedImage image, int rgb, int tolerance) {
        int n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if (near(image.getRGB(x, y) & 0xFFFFFF, rgb, tolerance)) {
                    n++;
                }
            }
        }
        return n;
    }

    static int distinctColours(BufferedImage image) {
        Set<Integer> seen = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                seen.add(image.getRGB(x, y) & 0xFFFFFF);
            }
        }
        return seen.size();
    }

    /** The colour a translucent colour gives over white. */
    static int overWhite(int rgb, double alpha) {
        int out = 0;
        for (int shift = 16; shift >= 0; shift -= 8) {
            int c = (rgb >> shift) & 0xFF;
            out = (out << 8) | (int) Math.round(alpha * c + (1 - alpha) * 255);
        }
        return out;
    }

    @Test
    void pngDecodesWithTheDefaultSizeAndShowsEverySeriesColour() {
        BufferedImage image = decode(sample().toPng());
        assertEquals(Chart.DEFAULT_WIDTH, image.getWidth());
        assertEquals(Chart.DEFAULT_HEIGHT, image.getHeight());
        for (OkabeIto c : List.of(OkabeIto.BLUE, OkabeIto.ORANGE, OkabeIto.BLUISH_GREEN)) {
            assertTrue(count(image, c.rgb(), 30) > 20, c + " is missing from the image");
        }
        assertTrue(count(image, OkabeIto.VERMILLION.rgb(), 30) == 0, "an unused colour is present");
    }

    @Test
    void sameChartGivesIdenticalBytes() {
        assertArrayEquals(sample().toPng(), sample().toPng());
    }

    @Test
    void logAxesRenderStepsWithEmptyBinsLinesAndBands() {
        double[] edges = {1, 10, 100, 1000, 10_000};
        double[] x = {1, 10, 100, 1000};
        Chart chart = Chart.builder("log-log").logX(true).logY(true).size(600, 400)
                .add(Series.step("hist", edges, new double[] {1000, 0, 30, 2}, OkabeIto.VERMILLION))
                .add(Series.band("band", x, new double[] {0.5, 5, 50, 500}, new double[] {2, 20, 200, 2000},
                        OkabeIto.SKY_BLUE))
                .add(Series.line("line", x, new double[] {1, 10, 100, 1000}, OkabeIto.BLUE))
                .build();
        BufferedImage image = decode(chart.toPng());
        assertEquals(600, image.getWidth());
        assertEquals(400, image.getHeight());
        assertTrue(count(image, OkabeIto.VERMILLION.rgb(), 30) > 20, "the histogram is not drawn");
        assertTrue(count(image, OkabeIto.BLUE.rgb(), 30) > 20, "the line is not drawn");
        assertTrue(count(image, overWhite(OkabeIto.SKY_BLUE.rgb(), Series.BAND_OPACITY), 12) > 500,
                "the band is not filled with the translucent colour");
    }

    @Test
    void stepOutlineRisesFromTheBaseAndFollowsEachBin() {
        double[][] xy = Chart.stepOutline(new double[] {0, 1, 3}, new double[] {2, 0.5}, 0);
        assertArrayEquals(new double[] {0, 0, 1, 1, 3, 3}, xy[0]);
        assertArrayEquals(new double[] {0, 2, 2, 0.5, 0.5, 0}, xy[1]);
        // on a log axis the base is positive and empty bins sit on it
        xy = Chart.stepOutline(new double[] {0, 1, 3}, new double[] {0, 5}, 0.1);
        assertArrayEquals(new double[] {0.1, 0.1, 0.1, 5, 5, 0.1}, xy[1]);
        double[][] band = Chart.bandOutline(new double[] {0, 1}, new double[] {-1, -2}, new double[] {1, 2});
        assertArrayEquals(new double[] {0, 1, 1, 0}, band[0]);
        assertArrayEquals(new double[] {1, 2, -2, -1}, band[1]);
    }

    @Test
    void linearTickLabelsShowNeitherBinaryRoundingNorNegativeZero() {
        var nu = Chart.linearLabels(new double[] {-0.045, 0.045});
        assertEquals("0.03", nu.apply(0.030000000000000002));
        assertEquals("-0.04", nu.apply(-0.04));
        assertEquals("0", nu.apply(-1.3e-18));
        var unit = Chart.linearLabels(new double[] {0, 1});
        assertEquals("0.3", unit.apply(0.30000000000000004));
        assertEquals("1", unit.apply(1.0));
        assertEquals("2500", Chart.linearLabels(new double[] {0, 5000}).apply(2500.0000001));
    }

    @Test
    void nanIsRefusedNamingTheSeriesAndIndex() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Series.line("dim 2", new double[] {0, 1, 2}, new double[] {0, Double.NaN, 1}, OkabeIto.BLUE));
        assertTrue(e.getMessage().contains("'dim 2'") && e.getMessage().contains("y[1] is NaN"), e.getMessage());
    }

    @Test
    void emptyDataIsRefusedNamingTheSeries() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Series.points("empty one", new double[0], new double[0], OkabeIto.BLUE));
        assertTrue(e.getMessage().contains("'empty one'") && e.getMessage().contains("empty"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Chart.builder("nothing").build());
        assertTrue(e.getMessage().contains("no series"), e.getMessage());
    }

    @Test
    void mismatchedLengthsAndNonPositiveLogValuesAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Series.line("short", new double[] {0, 1}, new double[] {0}, OkabeIto.BLUE));
        assertTrue(e.getMessage().contains("x has 2 values but y has 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Chart.builder("log").logY(true)
                .add(Series.points("p-values", new double[] {0, 1}, new double[] {0.5, 0}, OkabeIto.BLUE)).build());
        assertEquals("series 'p-values': y[1]=0.0 must be > 0 on a log-y axis", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Chart.builder("log").logX(true)
                .add(Series.line("rate", new double[] {-1, 1}, new double[] {0.5, 1}, OkabeIto.BLUE)).build());
        assertEquals("series 'rate': x[0]=-1.0 must be > 0 on a log-x axis", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Chart.builder("log").logY(true)
                .add(Series.points("eff", new double[] {1}, new double[] {0.5}, OkabeIto.BLUE)
                        .withErrors(new double[] {0.5})).build());
        assertTrue(e.getMessage().contains("'eff': error bar 0") && e.getMessage().contains("use a band"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Series.step("h", new double[] {0, 1}, new double[] {1, 2}, OkabeIto.BLUE));
        assertTrue(e.getMessage().contains("edges must have contents.length + 1 = 3"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Series.band("b", new double[] {0, 1},
                new double[] {0, 2}, new double[] {1, 1}, OkabeIto.BLUE));
        assertEquals("series 'b': lower[1]=2.0 must be <= upper[1]=1.0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Series.scatter("s", new double[] {0},
                new double[] {0}, OkabeIto.BLUE).withOpacity(0));
        assertEquals("series 's': opacity must be in (0, 1], got 0.0", e.getMessage());
    }

    @Test
    void seriesNamesMayRepeat() {
        Chart chart = Chart.builder("twice")
                .add(Series.line("f", new double[] {0, 1}, new double[] {0, 1}, OkabeIto.BLUE))
                .add(Series.points("f", new double[] {0, 1}, new double[] {0, 1}, OkabeIto.BLUE).hiddenFromLegend())
                .build();
        assertTrue(distinctColours(decode(chart.toPng())) > 3);
    }

    @Test
    void writeCreatesTheFileAtomicallyAndLeavesNoTemporaryFiles(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("sub").resolve("chart.png");
        sample().write(file);
        sample().write(file);      // replacing an existing file works too
        assertArrayEquals(sample().toPng(), Files.readAllBytes(file));
        try (var listing = Files.list(file.getParent())) {
            assertEquals(List.of(file), listing.toList());
        }
    }

    @Test
    void gridStacksChartsOfEqualSize() {
        ChartGrid grid = ChartGrid.of(2, List.of(sample(), sample(), sample()));
        BufferedImage image = decode(grid.toPng());
        assertEquals(2 * Chart.DEFAULT_WIDTH, image.getWidth());
        assertEquals(2 * Chart.DEFAULT_HEIGHT, image.getHeight());
        // the third chart landed in the lower-left cell, the lower-right one stays white
        BufferedImage lowerLeft = image.getSubimage(0, Chart.DEFAULT_HEIGHT, Chart.DEFAULT_WIDTH, Chart.DEFAULT_HEIGHT);
        BufferedImage lowerRight = image.getSubimage(Chart.DEFAULT_WIDTH, Chart.DEFAULT_HEIGHT, Chart.DEFAULT_WIDTH,
                Chart.DEFAULT_HEIGHT);
        assertTrue(count(lowerLeft, OkabeIto.BLUISH_GREEN.rgb(), 30) > 20);
        assertEquals(1, distinctColours(lowerRight));
        Chart small = Chart.builder("small").size(300, 200)
                .add(Series.line("l", new double[] {0, 1}, new double[] {0, 1}, OkabeIto.BLUE)).build();
        assertThrows(IllegalArgumentException.class, () -> ChartGrid.of(2, List.of(sample(), small)));
    }
}
