package org.l1embed.analysis.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * An immutable chart rendered to PNG by XChart: title, axis labels, linear or log10 x and y axes, grid, legend, and
 * any number of {@link Series} drawn in the order added. XChart types never leave this package: a chart is
 * translated into a fresh {@code XYChart} each time it is rendered.
 *
 * <p>Axis limits follow the data (error bars, bands and the base of step histograms included) unless fixed with
 * {@link Builder#xRange}/{@link Builder#yRange}. On a log axis every value that sets a position on it must be
 * &gt; 0 (refused otherwise, naming the series and index); the exception is a step histogram on a log-y axis, whose
 * empty bins are drawn down to the bottom of the axis (the fixed lower limit, or the decade below the smallest
 * positive value of the chart).
 *
 * <p>Rendering needs no display: this class sets {@code java.awt.headless=true} unless the property is already
 * set, and only draws into a {@link BufferedImage}. Output is deterministic: the same chart gives the same PNG
 * bytes on the same JVM (text rendering depends on the installed fonts, so bytes may differ between machines).
 */
public final class Chart {

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    public static final int DEFAULT_WIDTH = 800;
    public static final int DEFAULT_HEIGHT = 560;
    /** Marker diameter in pixels unless set with {@link Builder#markerSize}. */
    public static final int DEFAULT_MARKER_SIZE = 7;

    private static final Color FOREGROUND = new Color(0x222222);
    private static final Color GRID = new Color(0xE3E3E3);
    private static final Color BORDER = new Color(0x888888);
    private static final float LINE_WIDTH = 1.8f;

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final boolean logX;
    private final boolean logY;
    private final double[] xRange;
    private final double[] yRange;
    private final LegendPosition legend;
    private final int width;
    private final int height;
    private final int markerSize;
    private final List<Series> series;

    private Chart(Builder b) {
        this.title = b.title;
        this.xLabel = b.xLabel;
        this.yLabel = b.yLabel;
        this.logX = b.logX;
        this.logY = b.logY;
        this.xRange = b.xRange;
        this.yRange = b.yRange;
        this.legend = b.legend;
        this.width = b.width;
        this.height = b.height;
        this.markerSize = b.markerSize;
        this.series = List.copyOf(b.series);
        if (series.isEmpty()) {
            throw new IllegalArgumentException("chart '" + title + "': no series; add at least one");
        }
        if (logX) {
            for (Series s : series) {
                positive(s.name(), s instanceof Series.Step ? "edges" : "x", xValues(s), "log-x");
            }
        }
        if (logY) {
            checkLogY();
        }
    }

    /** Starts a chart with a title (may be empty, not null). */
    public static Builder builder(String title) {
        return new Builder(title);
    }

    public String title() {
        return title;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public List<Series> series() {
        return series;
    }

    /** Renders to an RGB image of {@link #width()} × {@link #height()}. */
    public BufferedImage toImage() {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            paint(g);
        } finally {
            g.dispose();
        }
        return image;
    }

    /** The chart as PNG bytes. */
    public byte[] toPng() {
        return Png.encode(toImage());
    }

    /**
     * Writes the PNG atomically (temporary file in the same directory, then a move), creating the directory.
     *
     * @throws IOException if the file cannot be written
     */
    public void write(Path file) throws IOException {
        Png.writeAtomically(toPng(), file);
    }

    /** Paints the whole chart at the graphics' origin, {@link #width()} × {@link #height()} (for {@link ChartGrid}). */
    void paint(Graphics2D g) {
        toXChart().paint(g, width, height);
    }

    // ---- validation ----------------------------------------------------------------------------------------

    private void checkLogY() {
        for (Series s : series) {
            if (s instanceof Series.Line l) {
                positive(s.name(), "y", l.y(), "log-y");
            } else if (s instanceof Series.Points p) {
                positive(s.name(), "y", p.y(), "log-y");
                if (p.hasErrors()) {
                    double[] y = p.y();
                    double[] e = p.yErrors();
                    for (int i = 0; i < y.length; i++) {
                        if (!(y[i] - e[i] > 0)) {
                            throw new IllegalArgumentException("series '" + s.name() + "': error bar " + i
                                    + " reaches y - yErrors = " + (y[i] - e[i]) + "; must stay > 0 on a log-y "
                                    + "axis (use a band)");
                        }
                    }
                }
            } else if (s instanceof Series.Step st) {
                double[] c = st.contents();
                boolean any = false;
                for (int i = 0; i < c.length; i++) {
                    if (c[i] < 0) {
                        throw new IllegalArgumentException("series '" + s.name() + "': contents[" + i + "]="
                                + c[i] + " must be >= 0 on a log-y axis");
                    }
                    any |= c[i] > 0;
                }
                if (!any) {
                    throw new IllegalArgumentException("series '" + s.name()
                            + "': all contents are 0; nothing to draw on a log-y axis");
                }
            } else if (s instanceof Series.Band b) {
                positive(s.name(), "lower", b.lower(), "log-y");
            }
        }
    }

    private static void positive(String name, String array, double[] v, String axis) {
        for (int i = 0; i < v.length; i++) {
            if (!(v[i] > 0)) {
                throw new IllegalArgumentException("series '" + name + "': " + array + "[" + i + "]=" + v[i]
                        + " must be > 0 on a " + axis + " axis");
            }
        }
    }

    private static double[] xValues(Series s) {
        if (s instanceof Series.Line l) {
            return l.x();
        } else if (s instanceof Series.Points p) {
            return p.x();
        } else if (s instanceof Series.Step st) {
            return st.edges();
        } else if (s instanceof Series.Band b) {
            return b.x();
        }
        throw new AssertionError("unknown series type " + s);
    }

    /** The y of a step histogram's base: 0, or on a log-y axis the bottom of the axis. */
    private double stepBase() {
        if (!logY) {
            return 0;
        }
        if (yRange != null) {
            return yRange[0];
        }
        double min = Double.POSITIVE_INFINITY;
        for (Series s : series) {
            double[] ys = s instanceof Series.Line l ? l.y()
                    : s instanceof Series.Points p ? p.y()
                    : s instanceof Series.Step st ? st.contents()
                    : ((Series.Band) s).lower();
            for (double v : ys) {
                if (v > 0) {
                    min = Math.min(min, v);
                }
            }
        }
        double decade = Math.pow(10, Math.floor(Math.log10(min)));
        return decade < min ? decade : decade / 10;
    }

    // ---- translation to XChart -----------------------------------------------------------------------------

    private XYChart toXChart() {
        XYChart chart = new XYChart(width, height);
        chart.setTitle(title);
        chart.setXAxisTitle(xLabel);
        chart.setYAxisTitle(yLabel);
        XYStyler st = chart.getStyler();
        st.setChartTitleVisible(!title.isEmpty());
        st.setAntiAlias(true);
        st.setChartBackgroundColor(Color.WHITE);
        st.setPlotBackgroundColor(Color.WHITE);
        st.setPlotBorderColor(BORDER);
        st.setPlotGridLinesColor(GRID);
        st.setPlotGridLinesStroke(new BasicStroke(1f));
        st.setChartFontColor(FOREGROUND);
        st.setAxisTickLabelsColor(FOREGROUND);
        st.setChartTitleBoxVisible(false);
        st.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        st.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        st.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        st.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        st.setLegendBackgroundColor(new Color(255, 255, 255, 225));
        st.setLegendBorderColor(new Color(0xAAAAAA));
        st.setMarkerSize(markerSize);
        st.setErrorBarsColorSeriesColor(true);
        st.setToolTipsEnabled(false);
        st.setXAxisLogarithmic(logX);
        st.setYAxisLogarithmic(logY);
        double[] xr = xRange != null ? xRange : dataRange(true);
        double[] yr = yRange != null ? yRange : dataRange(false);
        st.setXAxisLogarithmicDecadeOnly(!logX || decades(xr) > 2);
        st.setYAxisLogarithmicDecadeOnly(!logY || decades(yr) > 2);
        // a custom label function makes XChart place ticks linearly, so log axes keep its own decade labels
        if (!logX) {
            st.setxAxisTickLabelsFormattingFunction(linearLabels(xr));
        }
        if (!logY) {
            st.setyAxisTickLabelsFormattingFunction(linearLabels(yr));
        }
        switch (legend) {
            case TOP_RIGHT -> st.setLegendPosition(Styler.LegendPosition.InsideNE);
            case TOP_LEFT -> st.setLegendPosition(Styler.LegendPosition.InsideNW);
            case BOTTOM_RIGHT -> st.setLegendPosition(Styler.LegendPosition.InsideSE);
            case BOTTOM_LEFT -> st.setLegendPosition(Styler.LegendPosition.InsideSW);
            case OUTSIDE_RIGHT -> st.setLegendPosition(Styler.LegendPosition.OutsideE);
            case NONE -> st.setLegendVisible(false);
        }
        boolean anyInLegend = series.stream().anyMatch(Series::inLegend);
        if (!anyInLegend) {
            st.setLegendVisible(false);
        }
        if (xRange != null) {
            st.setXAxisMin(xRange[0]);
            st.setXAxisMax(xRange[1]);
        }
        if (yRange != null) {
            st.setYAxisMin(yRange[0]);
            st.setYAxisMax(yRange[1]);
        }
        for (int i = 0; i < series.size(); i++) {
            add(chart, "#" + i, series.get(i));
        }
        return chart;
    }

    /** [min, max] of the values placed on the x or y axis (error bars, band edges and step bases included). */
    private double[] dataRange(boolean x) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            double[][] parts;
            if (x) {
                parts = new double[][] {xValues(s)};
            } else if (s instanceof Series.Line l) {
                parts = new double[][] {l.y()};
            } else if (s instanceof Series.Points p) {
                double[] y = p.y();
                double[] e = p.hasErrors() ? p.yErrors() : new double[y.length];
                double[] low = new double[y.length];
                double[] high = new double[y.length];
                for (int i = 0; i < y.length; i++) {
                    low[i] = y[i] - e[i];
                    high[i] = y[i] + e[i];
                }
                parts = new double[][] {low, high};
            } else if (s instanceof Series.Step st) {
                parts = new double[][] {st.contents(), {stepBase()}};
            } else {
                Series.Band b = (Series.Band) s;
                parts = new double[][] {b.lower(), b.upper()};
            }
            for (double[] part : parts) {
                for (double v : part) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        return new double[] {lo, hi};
    }

    private static double decades(double[] range) {
        return Math.log10(range[1] / range[0]);
    }

    /**
     * Tick labels for a linear axis: rounded to two decimals below the range's order of magnitude, trailing zeros
     * dropped, so labels show neither binary rounding (0.30000000000000004) nor "-0".
     */
    static java.util.function.Function<Double, String> linearLabels(double[] range) {
        double span = range[1] - range[0];
        double magnitude = span > 0 ? span : Math.max(Math.abs(range[0]), 1);
        int decimals = Math.max(0, Math.min(12, 2 - (int) Math.floor(Math.log10(magnitude))));
        return v -> {
            java.math.BigDecimal d = java.math.BigDecimal.valueOf(v)
                    .setScale(decimals, java.math.RoundingMode.HALF_EVEN).stripTrailingZeros();
            if (d.signum() == 0) {
                return "0";
            }
            java.math.BigDecimal abs = d.abs();
            if (abs.compareTo(java.math.BigDecimal.valueOf(1_000_000)) >= 0) {
                return String.format(java.util.Locale.ROOT, "%.3g", v);
            }
            return d.toPlainString();
        };
    }

    /** Adds one series under a unique key (XChart refuses repeated names); the legend shows its label. */
    private void add(XYChart chart, String key, Series s) {
        Color colour = s.colour().color();
        XYSeries x;
        if (s instanceof Series.Line l) {
            x = chart.addSeries(key, l.x(), l.y());
            x.setXYSeriesRenderStyle(XYSeriesRenderStyle.Line);
            x.setMarker(SeriesMarkers.NONE);
            x.setLineStyle(stroke(l.style()));
            x.setLineColor(colour);
        } else if (s instanceof Series.Points p) {
            x = p.hasErrors() ? chart.addSeries(key, p.x(), p.y(), p.yErrors()) : chart.addSeries(key, p.x(), p.y());
            x.setXYSeriesRenderStyle(XYSeriesRenderStyle.Scatter);
            x.setMarker(switch (p.marker()) {
                case CIRCLE -> SeriesMarkers.CIRCLE;
                case SQUARE -> SeriesMarkers.SQUARE;
                case TRIANGLE -> SeriesMarkers.TRIANGLE_UP;
                case DIAMOND -> SeriesMarkers.DIAMOND;
            });
            Color c = withAlpha(colour, p.opacity());
            x.setMarkerColor(c);
            x.setLineColor(c);
        } else if (s instanceof Series.Step st) {
            double[][] xy = stepOutline(st.edges(), st.contents(), stepBase());
            x = chart.addSeries(key, xy[0], xy[1]);
            x.setXYSeriesRenderStyle(XYSeriesRenderStyle.Line);
            x.setMarker(SeriesMarkers.NONE);
            x.setLineStyle(stroke(st.style()));
            x.setLineColor(colour);
        } else if (s instanceof Series.Band b) {
            double[][] xy = bandOutline(b.x(), b.lower(), b.upper());
            x = chart.addSeries(key, xy[0], xy[1]);
            x.setXYSeriesRenderStyle(XYSeriesRenderStyle.PolygonArea);
            x.setMarker(SeriesMarkers.NONE);
            Color fill = withAlpha(colour, Series.BAND_OPACITY);
            x.setFillColor(fill);
            x.setLineColor(fill);
            x.setLineStyle(new BasicStroke(0.5f));
        } else {
            throw new AssertionError("unknown series type " + s);
        }
        x.setLabel(s.name());
        x.setShowInLegend(s.inLegend());
    }

    /** The outline of a step histogram: up from the base at the first edge, along each bin, down at the last. */
    static double[][] stepOutline(double[] edges, double[] contents, double base) {
        int n = contents.length;
        double[] x = new double[2 * n + 2];
        double[] y = new double[2 * n + 2];
        x[0] = edges[0];
        y[0] = base;
        for (int i = 0; i < n; i++) {
            double c = contents[i] > base || !(base > 0) ? contents[i] : base;
            x[1 + 2 * i] = edges[i];
            y[1 + 2 * i] = c;
            x[2 + 2 * i] = edges[i + 1];
            y[2 + 2 * i] = c;
        }
        x[2 * n + 1] = edges[n];
        y[2 * n + 1] = base;
        return new double[][] {x, y};
    }

    /** The closed outline of a band: along the upper edge, back along the lower one. */
    static double[][] bandOutline(double[] x, double[] lower, double[] upper) {
        int n = x.length;
        double[] px = new double[2 * n];
        double[] py = new double[2 * n];
        for (int i = 0; i < n; i++) {
            px[i] = x[i];
            py[i] = upper[i];
            px[2 * n - 1 - i] = x[i];
            py[2 * n - 1 - i] = lower[i];
        }
        return new double[][] {px, py};
    }

    private static BasicStroke stroke(LineStyle style) {
        return switch (style) {
            case SOLID -> new BasicStroke(LINE_WIDTH, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND);
            case DASHED -> new BasicStroke(LINE_WIDTH, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f,
                    new float[] {7f, 5f}, 0f);
        };
    }

    private static Color withAlpha(Color c, double opacity) {
        return new Color(c.getRed(), c.getGreen(), c.getBlue(), (int) Math.round(255 * opacity));
    }

    /** Collects the parts of a {@link Chart}; not thread-safe, {@link #build()} validates. */
    public static final class Builder {

        private final String title;
        private String xLabel = "";
        private String yLabel = "";
        private boolean logX;
        private boolean logY;
        private double[] xRange;
        private double[] yRange;
        private LegendPosition legend = LegendPosition.TOP_RIGHT;
        private int width = DEFAULT_WIDTH;
        private int height = DEFAULT_HEIGHT;
        private int markerSize = DEFAULT_MARKER_SIZE;
        private final List<Series> series = new ArrayList<>();

        private Builder(String title) {
            this.title = Objects.requireNonNull(title, "title");
        }

        public Builder xLabel(String label) {
            this.xLabel = Objects.requireNonNull(label, "xLabel");
            return this;
        }

        public Builder yLabel(String label) {
            this.yLabel = Objects.requireNonNull(label, "yLabel");
            return this;
        }

        /** A log10 x axis; every x (step edges included) must then be &gt; 0. */
        public Builder logX(boolean log) {
            this.logX = log;
            return this;
        }

        /** A log10 y axis; see the class comment for what must be &gt; 0. */
        public Builder logY(boolean log) {
            this.logY = log;
            return this;
        }

        /**
         * Fixed x limits.
         *
         * @throws IllegalArgumentException unless both are finite and lo &lt; hi
         */
        public Builder xRange(double lo, double hi) {
            this.xRange = range("xRange", lo, hi);
            return this;
        }

        /**
         * Fixed y limits.
         *
         * @throws IllegalArgumentException unless both are finite and lo &lt; hi
         */
        public Builder yRange(double lo, double hi) {
            this.yRange = range("yRange", lo, hi);
            return this;
        }

        public Builder legend(LegendPosition position) {
            this.legend = Objects.requireNonNull(position, "legend");
            return this;
        }

        /**
         * Image size in pixels.
         *
         * @throws IllegalArgumentException if width &lt; 200 or height &lt; 150
         */
        public Builder size(int w, int h) {
            if (w < 200 || h < 150) {
                throw new IllegalArgumentException("chart size must be at least 200x150, got " + w + "x" + h);
            }
            this.width = w;
            this.height = h;
            return this;
        }

        /**
         * Marker diameter in pixels for every point series of this chart (small, e.g. 2–3, for dense scatter).
         *
         * @throws IllegalArgumentException unless 1 &lt;= pixels &lt;= 40
         */
        public Builder markerSize(int pixels) {
            if (pixels < 1 || pixels > 40) {
                throw new IllegalArgumentException("markerSize must be in 1..40 pixels, got " + pixels);
            }
            this.markerSize = pixels;
            return this;
        }

        public Builder add(Series s) {
            series.add(Objects.requireNonNull(s, "series"));
            return this;
        }

        /**
         * @throws IllegalArgumentException if there is no series, or a value cannot be shown on a log axis
         */
        public Chart build() {
            if (logY && yRange != null && !(yRange[0] > 0)) {
                throw new IllegalArgumentException("chart '" + title + "': yRange must be > 0 on a log-y axis, got "
                        + yRange[0] + ".." + yRange[1]);
            }
            if (logX && xRange != null && !(xRange[0] > 0)) {
                throw new IllegalArgumentException("chart '" + title + "': xRange must be > 0 on a log-x axis, got "
                        + xRange[0] + ".." + xRange[1]);
            }
            return new Chart(this);
        }

        private static double[] range(String what, double lo, double hi) {
            if (!Double.isFinite(lo) || !Double.isFinite(hi) || !(lo < hi)) {
                throw new IllegalArgumentException(what + " must be finite with lo < hi, got " + lo + ".." + hi);
            }
            return new double[] {lo, hi};
        }
    }
}
