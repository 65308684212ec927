package org.l1embed.analysis.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.geom.Point2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChartTest {

    private static Chart sample() {
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

    private static BufferedImage decode(byte[] png) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertTrue(image != null, "not a decodable PNG");
        return image;
    }

    private static boolean near(int rgb, int expected) {
        int dr = Math.abs(((rgb >> 16) & 0xFF) - ((expected >> 16) & 0xFF));
        int dg = Math.abs(((rgb >> 8) & 0xFF) - ((expected >> 8) & 0xFF));
        int db = Math.abs((rgb & 0xFF) - (expected & 0xFF));
        return dr + dg + db < 60;
    }

    @Test
    void pngDecodesWithTheDefaultSize() throws IOException {
        BufferedImage image = decode(sample().toPng());
        assertEquals(Chart.DEFAULT_WIDTH, image.getWidth());
        assertEquals(Chart.DEFAULT_HEIGHT, image.getHeight());
    }

    @Test
    void sameChartGivesIdenticalBytes() {
        assertArrayEquals(sample().toPng(), sample().toPng());
    }

    @Test
    void horizontalLineLandsOnThePredictedPixelRow() throws IOException {
        Chart chart = Chart.builder("line").size(600, 400).yRange(0, 10).xRange(0, 1)
                .legend(LegendPosition.NONE)
                .add(Series.line("level", new double[] {0, 1}, new double[] {2.5, 2.5}, OkabeIto.VERMILLION))
                .build();
        BufferedImage image = decode(chart.toPng());
        assertEquals(600, image.getWidth());
        assertEquals(400, image.getHeight());
        Point2D p = chart.toPixel(0.5, 2.5);
        int column = (int) Math.round(p.getX());
        int row = (int) Math.round(p.getY());
        var plot = chart.plotArea();
        // 2.5 of 0..10 is a quarter of the way up the plot area
        assertEquals(plot.y + 0.75 * plot.height, p.getY(), 1e-9);
        int rgb = OkabeIto.VERMILLION.rgb();
        boolean onRow = false;
        for (int dy = -1; dy <= 1; dy++) {
            onRow |= near(image.getRGB(column, row + dy) & 0xFFFFFF, rgb);
        }
        assertTrue(onRow, "no line colour at row " + row);
        for (int y = plot.y + 2; y < plot.y + plot.height - 2; y++) {
            if (Math.abs(y - row) > 3) {
                assertTrue(!near(image.getRGB(column, y) & 0xFFFFFF, rgb), "line colour at row " + y);
            }
        }
    }

    @Test
    void logAxisPlacesDecadesEvenly() {
        Chart chart = Chart.builder("log").logY(true).yRange(1e-4, 1)
                .add(Series.points("p", new double[] {0, 1}, new double[] {1e-3, 0.1}, OkabeIto.BLUE)).build();
        var plot = chart.plotArea();
        assertEquals(plot.y + 0.75 * plot.height, chart.toPixel(0, 1e-3).getY(), 1e-9);
        assertEquals(plot.y + 0.25 * plot.height, chart.toPixel(0, 0.1).getY(), 1e-9);
        assertTrue(decodeQuietly(chart.toPng()).getWidth() > 0);
    }

    private static BufferedImage decodeQuietly(byte[] png) {
        try {
            return decode(png);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void niceTicksAreOneTwoFiveMultiples() {
        Axis axis = Axis.linearAuto(0.013, 0.977);
        List<String> labels = axis.ticks().stream().map(Axis.Tick::label).toList();
        assertEquals(List.of("-0.2", "0", "0.2", "0.4", "0.6", "0.8", "1", "1.2"), labels);
        assertEquals(new java.math.BigDecimal("0.05"), Axis.niceStep(0.04));
        assertEquals(new java.math.BigDecimal("2E+3"), Axis.niceStep(2500));
        List<String> fixed = Axis.linearFixed(-0.05, 0.05).ticks().stream().map(Axis.Tick::label).toList();
        assertTrue(fixed.contains("0") && fixed.contains("-0.04") && fixed.contains("0.04"), fixed.toString());
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
        assertTrue(e.getMessage().contains("'p-values'") && e.getMessage().contains("y[1]=0.0 must be > 0"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Series.step("h", new double[] {0, 1}, new double[] {1, 2}, OkabeIto.BLUE));
        assertTrue(e.getMessage().contains("edges must have contents.length + 1 = 3"), e.getMessage());
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
    void gridStacksChartsOfEqualSize() throws IOException {
        ChartGrid grid = ChartGrid.of(2, List.of(sample(), sample(), sample()));
        BufferedImage image = decode(grid.toPng());
        assertEquals(2 * Chart.DEFAULT_WIDTH, image.getWidth());
        assertEquals(2 * Chart.DEFAULT_HEIGHT, image.getHeight());
        Chart small = Chart.builder("small").size(300, 200)
                .add(Series.line("l", new double[] {0, 1}, new double[] {0, 1}, OkabeIto.BLUE)).build();
        assertThrows(IllegalArgumentException.class, () -> ChartGrid.of(2, List.of(sample(), small)));
    }
}
