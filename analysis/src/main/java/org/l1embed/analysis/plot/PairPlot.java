package org.l1embed.analysis.plot;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Pair plots of d-dimensional point clouds: one scatter panel per pair of coordinates (i &lt; j; a 4-D latent gives
 * 6 panels), every cloud in its own colour with small translucent markers, at most {@code maxPointsPerCloud}
 * points of each cloud drawn (a seeded uniform subsample without replacement, kept in input order, so the same
 * seed gives the same image). The legend sits in the first panel.
 */
public final class PairPlot {

    /** Panel size in pixels. */
    public static final int PANEL_WIDTH = 440;
    public static final int PANEL_HEIGHT = 400;
    /** Marker diameter in pixels. */
    public static final int MARKER_SIZE = 3;

    private PairPlot() {
    }

    /**
     * One group of points, row-major: point k is {@code points[k*d .. k*d+d-1]}.
     *
     * @param name legend text
     */
    public record Cloud(String name, float[] points, OkabeIto colour) {

        public Cloud {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(points, "points");
            Objects.requireNonNull(colour, "colour");
            points = points.clone();
        }

        @Override
        public float[] points() {
            return points.clone();
        }
    }

    /**
     * @param title      prefix of every panel title (may be empty)
     * @param axisNames  one name per coordinate; d = its size, at least 2
     * @param clouds     at least one, each with a whole number of d-dimensional points, at least one, all finite
     * @param maxPointsPerCloud at least 1
     * @param seed       seed of the subsampling
     * @throws IllegalArgumentException naming the cloud, the point and the coordinate of a bad value
     */
    public static ChartGrid of(String title, List<String> axisNames, List<Cloud> clouds, int maxPointsPerCloud,
            long seed) {
        Objects.requireNonNull(title, "title");
        int d = axisNames.size();
        if (d < 2) {
            throw new IllegalArgumentException("axisNames: a pair plot needs at least 2 coordinates, got " + d);
        }
        if (clouds.isEmpty()) {
            throw new IllegalArgumentException("clouds: need at least one cloud, got none");
        }
        if (maxPointsPerCloud < 1) {
            throw new IllegalArgumentException("maxPointsPerCloud must be >= 1, got " + maxPointsPerCloud);
        }
        SplittableRandom random = new SplittableRandom(seed);
        List<double[][]> columns = new ArrayList<>();
        for (Cloud c : clouds) {
            float[] p = c.points();
            if (p.length == 0 || p.length % d != 0) {
                throw new IllegalArgumentException("cloud '" + c.name() + "': points must hold a positive whole number "
                        + "of " + d + "-dimensional points, got " + p.length + " values");
            }
            for (int i = 0; i < p.length; i++) {
                if (!Float.isFinite(p[i])) {
                    throw new IllegalArgumentException("cloud '" + c.name() + "': point " + (i / d) + ", coordinate "
                            + i % d + " (" + axisNames.get(i % d) + ") is " + p[i] + "; values must be finite");
                }
            }
            int[] keep = subsample(p.length / d, maxPointsPerCloud, random.split());
            double[][] cols = new double[d][keep.length];
            for (int k = 0; k < keep.length; k++) {
                for (int j = 0; j < d; j++) {
                    cols[j][k] = p[keep[k] * d + j];
                }
            }
            columns.add(cols);
        }
        String prefix = title.isEmpty() ? "" : title + ": ";
        List<Chart> charts = new ArrayList<>();
        for (int i = 0; i < d; i++) {
            for (int j = i + 1; j < d; j++) {
                Chart.Builder b = Chart.builder(prefix + axisNames.get(j) + " vs " + axisNames.get(i))
                        .size(PANEL_WIDTH, PANEL_HEIGHT).markerSize(MARKER_SIZE)
                        .xLabel(axisNames.get(i)).yLabel(axisNames.get(j))
                        .legend(charts.isEmpty() ? LegendPosition.TOP_RIGHT : LegendPosition.NONE);
                for (int c = 0; c < clouds.size(); c++) {
                    double[][] cols = columns.get(c);
                    b.add(Series.scatter(clouds.get(c).name(), cols[i], cols[j], clouds.get(c).colour()));
                }
                charts.add(b.build());
            }
        }
        return ChartGrid.of(Math.min(3, charts.size()), charts);
    }

    /** Indices of a uniform subsample of size min(n, max) without replacement, ascending. */
    static int[] subsample(int n, int max, SplittableRandom random) {
        if (n <= max) {
            int[] all = new int[n];
            Arrays.setAll(all, k -> k);
            return all;
        }
        int[] idx = new int[n];
        Arrays.setAll(idx, k -> k);
        for (int k = 0; k < max; k++) {      // partial Fisher–Yates
            int r = k + random.nextInt(n - k);
            int t = idx[k];
            idx[k] = idx[r];
            idx[r] = t;
        }
        int[] keep = Arrays.copyOf(idx, max);
        Arrays.sort(keep);
        return keep;
    }
}
