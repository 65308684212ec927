package org.l1embed.analysis.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.Stroke;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An immutable chart rendered to PNG with Java2D: title, axis labels, a linear x axis, a linear or log10 y axis,
 * ticks at "nice" values (1, 2 or 5 × 10^k for linear axes, whole decades for log), light grid lines, a legend,
 * and any number of {@link Series}, drawn in the order added and clipped to the plot area.
 *
 * <p>Axis limits are the data range (error bars included; step histograms include 0 on a linear y axis) padded
 * by 3 % and rounded out to ticks, unless fixed with {@link Builder#xRange}/{@link Builder#yRange}. On a log-y
 * axis every point and line value must be &gt; 0 (refused otherwise); error bars and empty histogram bins that
 * reach below the axis are cut at its bottom.
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

    private static final Color BACKGROUND = Color.WHITE;
    private static final Color FOREGROUND = new Color(0x222222);
    private static final Color GRID = new Color(0xE3E3E3);
    private static final String FONT = Font.SANS_SERIF;
    private static final int MARGIN_LEFT = 78;
    private static final int MARGIN_RIGHT = 22;
    private static final int MARGIN_TOP = 40;
    private static final int MARGIN_BOTTOM = 56;

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final boolean logY;
    private final double[] xRange;
    private final double[] yRange;
    private final LegendPosition legend;
    private final int width;
    private final int height;
    private final List<Series> series;
    private final Axis xAxis;
    private final Axis yAxis;

    private Chart(Builder b) {
        this.title = b.title;
        this.xLabel = b.xLabel;
        this.yLabel = b.yLabel;
        this.logY = b.logY;
        this.xRange = b.xRange;
        this.yRange = b.yRange;
        this.legend = b.legend;
        this.width = b.width;
        this.height = b.height;
        this.series = List.copyOf(b.series);
        if (series.isEmpty()) {
            throw new IllegalArgumentException("chart '" + title + "': no series; add at least one");
        }
        if (logY) {
            checkPositive();
        }
        this.xAxis = resolveX();
        this.yAxis = resolveY();
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

    /** The plot area (inside the axes) in image pixels. */
    public Rectangle plotArea() {
        return plotArea(new Rectangle(0, 0, width, height));
    }

    /** Image pixel coordinates of a data point (for annotation and tests; y must be &gt; 0 on a log axis). */
    public Point2D toPixel(double x, double y) {
        return toPixel(plotArea(), x, y);
    }

    /** Renders to an RGB image of {@link #width()} × {@link #height()}. */
    public BufferedImage toImage() {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            render(g, new Rectangle(0, 0, width, height));
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

    // ---- layout and scales -------------------------------------------------------------------------------

    private static Rectangle plotArea(Rectangle cell) {
        return new Rectangle(cell.x + MARGIN_LEFT, cell.y + MARGIN_TOP,
                cell.width - MARGIN_LEFT - MARGIN_RIGHT, cell.height - MARGIN_TOP - MARGIN_BOTTOM);
    }

    private Point2D toPixel(Rectangle plot, double x, double y) {
        double fx = (x - xAxis.min()) / (xAxis.max() - xAxis.min());
        double fy = (yAxis.toAxis(y) - yAxis.min()) / (yAxis.max() - yAxis.min());
        return new Point2D.Double(plot.x + fx * plot.width, plot.y + plot.height - fy * plot.height);
    }

    private double pixelYClamped(Rectangle plot, double y) {
        if (logY && !(y > 0)) {
            return plot.y + plot.height + 2;    // below the axis: cut by the clip
        }
        return toPixel(plot, xAxis.min(), y).getY();
    }

    private void checkPositive() {
        for (Series s : series) {
            if (s instanceof Series.Line l) {
                positive(s.name(), "y", l.y());
            } else if (s instanceof Series.Points p) {
                positive(s.name(), "y", p.y());
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
            }
        }
    }

    private static void positive(String name, String array, double[] v) {
        for (int i = 0; i < v.length; i++) {
            if (!(v[i] > 0)) {
                throw new IllegalArgumentException("series '" + name + "': " + array + "[" + i + "]=" + v[i]
                        + " must be > 0 on a log-y axis");
            }
        }
    }

    private Axis resolveX() {
        if (xRange != null) {
            return Axis.linearFixed(xRange[0], xRange[1]);
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            double[] xs = xValues(s);
            for (double v : xs) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        return Axis.linearAuto(lo, hi);
    }

    private static double[] xValues(Series s) {
        if (s instanceof Series.Line l) {
            return l.x();
        } else if (s instanceof Series.Points p) {
            return p.x();
        } else if (s instanceof Series.Step st) {
            return st.edges();
        }
        throw new AssertionError("unknown series type " + s);
    }

    private Axis resolveY() {
        if (yRange != null) {
            return logY ? Axis.logFixed(yRange[0], yRange[1]) : Axis.linearFixed(yRange[0], yRange[1]);
        }
        double[] range = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (Series s : series) {
            if (s instanceof Series.Line l) {
                include(range, l.y(), null, 0);
            } else if (s instanceof Series.Points p) {
                include(range, p.y(), p.yErrors(), +1);
                include(range, p.y(), p.yErrors(), -1);
            } else if (s instanceof Series.Step st) {
                include(range, st.contents(), null, 0);
                if (!logY) {
                    include(range, new double[] {0}, null, 0);
                }
            }
        }
        return logY ? Axis.logAuto(range[0], range[1]) : Axis.linearAuto(range[0], range[1]);
    }

    private void include(double[] range, double[] y, double[] err, int sign) {
        for (int i = 0; i < y.length; i++) {
            double v = err == null ? y[i] : y[i] + sign * err[i];
            if (logY && !(v > 0)) {
                continue;       // lower error bars and empty bins below a log axis do not set its range
            }
            range[0] = Math.min(range[0], v);
            range[1] = Math.max(range[1], v);
        }
    }

    // ---- drawing -------------------------------------------------------------------------------------------

    /** Draws the whole chart into a cell of a larger image (used by {@link ChartGrid}). */
    void render(Graphics2D g, Rectangle cell) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.setColor(BACKGROUND);
        g.fill(cell);
        Rectangle plot = plotArea(cell);

        drawGridAndTicks(g, plot);
        Shape oldClip = g.getClip();
        g.clip(plot);
        for (Series s : series) {
            drawSeries(g, plot, s);
        }
        g.setClip(oldClip);
        g.setColor(FOREGROUND);
        g.setStroke(new BasicStroke(1f));
        g.draw(new Rectangle2D.Double(plot.x, plot.y, plot.width, plot.height));
        drawLabels(g, cell, plot);
        drawLegend(g, plot);
    }

    private void drawGridAndTicks(Graphics2D g, Rectangle plot) {
        g.setFont(new Font(FONT, Font.PLAIN, 12));
        FontMetrics fm = g.getFontMetrics();
        g.setStroke(new BasicStroke(1f));
        for (Axis.Tick t : xAxis.ticks()) {
            double px = plot.x + (t.position() - xAxis.min()) / (xAxis.max() - xAxis.min()) * plot.width;
            g.setColor(GRID);
            g.draw(new Line2D.Double(px, plot.y, px, plot.y + plot.height));
            g.setColor(FOREGROUND);
            g.draw(new Line2D.Double(px, plot.y + plot.height, px, plot.y + plot.height + 5));
            g.drawString(t.label(), (float) (px - fm.stringWidth(t.label()) / 2.0),
                    plot.y + plot.height + 7 + fm.getAscent());
        }
        for (Axis.Tick t : yAxis.ticks()) {
            double py = plot.y + plot.height - (t.position() - yAxis.min()) / (yAxis.max() - yAxis.min()) * plot.height;
            g.setColor(GRID);
            g.draw(new Line2D.Double(plot.x, py, plot.x + plot.width, py));
            g.setColor(FOREGROUND);
            g.draw(new Line2D.Double(plot.x - 5, py, plot.x, py));
            g.drawString(t.label(), (float) (plot.x - 8 - fm.stringWidth(t.label())),
                    (float) (py + fm.getAscent() / 2.0 - 1));
        }
    }

    private void drawLabels(Graphics2D g, Rectangle cell, Rectangle plot) {
        g.setColor(FOREGROUND);
        g.setFont(new Font(FONT, Font.BOLD, 15));
        FontMetrics fm = g.getFontMetrics();
        g.drawString(title, (float) (plot.getCenterX() - fm.stringWidth(title) / 2.0), cell.y + 12 + fm.getAscent());
        g.setFont(new Font(FONT, Font.PLAIN, 13));
        fm = g.getFontMetrics();
        g.drawString(xLabel, (float) (plot.getCenterX() - fm.stringWidth(xLabel) / 2.0),
                cell.y + cell.height - 10);
        AffineTransform saved = g.getTransform();
        g.translate(cell.x + 6 + fm.getAscent(), plot.getCenterY() + fm.stringWidth(yLabel) / 2.0);
        g.rotate(-Math.PI / 2);
        g.drawString(yLabel, 0, 0);
        g.setTransform(saved);
    }

    private static Stroke stroke(LineStyle style) {
        return switch (style) {
            case SOLID -> new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
            case DASHED -> new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f,
                    new float[] {8f, 5f}, 0f);
        };
    }

    private void drawSeries(Graphics2D g, Rectangle plot, Series s) {
        g.setColor(s.colour().color());
        if (s instanceof Series.Line l) {
            double[] x = l.x();
            double[] y = l.y();
            Path2D.Double path = new Path2D.Double();
            for (int i = 0; i < x.length; i++) {
                Point2D p = toPixel(plot, x[i], y[i]);
                if (i == 0) {
                    path.moveTo(p.getX(), p.getY());
                } else {
                    path.lineTo(p.getX(), p.getY());
                }
            }
            g.setStroke(stroke(l.style()));
            g.draw(path);
        } else if (s instanceof Series.Points p) {
            double[] x = p.x();
            double[] y = p.y();
            double[] err = p.yErrors();
            g.setStroke(new BasicStroke(1.3f));
            for (int i = 0; i < x.length; i++) {
                Point2D c = toPixel(plot, x[i], y[i]);
                if (err != null && err[i] > 0) {
                    double top = pixelYClamped(plot, y[i] + err[i]);
                    double bottom = pixelYClamped(plot, y[i] - err[i]);
                    g.draw(new Line2D.Double(c.getX(), top, c.getX(), bottom));
                    g.draw(new Line2D.Double(c.getX() - 3, top, c.getX() + 3, top));
                    g.draw(new Line2D.Double(c.getX() - 3, bottom, c.getX() + 3, bottom));
                }
                g.fill(marker(p.marker(), c.getX(), c.getY()));
            }
        } else if (s instanceof Series.Step st) {
            double[] e = st.edges();
            double[] c = st.contents();
            double base = logY ? plot.y + plot.height + 2 : pixelYClamped(plot, 0);
            Path2D.Double path = new Path2D.Double();
            path.moveTo(toPixel(plot, e[0], 1).getX(), base);
            for (int i = 0; i < c.length; i++) {
                double py = pixelYClamped(plot, c[i]);
                path.lineTo(toPixel(plot, e[i], 1).getX(), py);
                path.lineTo(toPixel(plot, e[i + 1], 1).getX(), py);
            }
            path.lineTo(toPixel(plot, e[e.length - 1], 1).getX(), base);
            g.setStroke(stroke(st.style()));
            g.draw(path);
        }
    }

    private static Shape marker(Marker m, double x, double y) {
        double r = 3.8;
        return switch (m) {
            case CIRCLE -> new Ellipse2D.Double(x - r, y - r, 2 * r, 2 * r);
            case SQUARE -> new Rectangle2D.Double(x - r * 0.9, y - r * 0.9, 1.8 * r, 1.8 * r);
            case TRIANGLE -> {
                Path2D.Double t = new Path2D.Double();
                t.moveTo(x, y - 1.2 * r);
                t.lineTo(x + 1.1 * r, y + 0.8 * r);
                t.lineTo(x - 1.1 * r, y + 0.8 * r);
                t.closePath();
                yield t;
            }
        };
    }

    private void drawLegend(Graphics2D g, Rectangle plot) {
        List<Series> entries = new ArrayList<>();
        for (Series s : series) {
            if (s.inLegend()) {
                entries.add(s);
            }
        }
        if (legend == LegendPosition.NONE || entries.isEmpty()) {
            return;
        }
        g.setFont(new Font(FONT, Font.PLAIN, 12));
        FontMetrics fm = g.getFontMetrics();
        int row = fm.getHeight() + 2;
        int sample = 26;
        int textWidth = 0;
        for (Series s : entries) {
            textWidth = Math.max(textWidth, fm.stringWidth(s.name()));
        }
        int boxW = 8 + sample + 6 + textWidth + 8;
        int boxH = 6 + row * entries.size() + 2;
        int inset = 8;
        int bx = switch (legend) {
            case TOP_LEFT, BOTTOM_LEFT -> plot.x + inset;
            case TOP_RIGHT, BOTTOM_RIGHT, NONE -> plot.x + plot.width - inset - boxW;
        };
        int by = switch (legend) {
            case TOP_LEFT, TOP_RIGHT, NONE -> plot.y + inset;
            case BOTTOM_LEFT, BOTTOM_RIGHT -> plot.y + plot.height - inset - boxH;
        };
        g.setColor(new Color(255, 255, 255, 225));
        g.fill(new Rectangle2D.Double(bx, by, boxW, boxH));
        g.setColor(new Color(0xAAAAAA));
        g.setStroke(new BasicStroke(1f));
        g.draw(new Rectangle2D.Double(bx, by, boxW, boxH));
        for (int i = 0; i < entries.size(); i++) {
            Series s = entries.get(i);
            double cy = by + 4 + row * i + row / 2.0;
            double x0 = bx + 8;
            g.setColor(s.colour().color());
            if (s instanceof Series.Line l) {
                g.setStroke(stroke(l.style()));
                g.draw(new Line2D.Double(x0, cy, x0 + sample, cy));
            } else if (s instanceof Series.Points p) {
                if (p.hasErrors()) {
                    g.setStroke(new BasicStroke(1.3f));
                    g.draw(new Line2D.Double(x0 + sample / 2.0, cy - 6, x0 + sample / 2.0, cy + 6));
                }
                g.fill(marker(p.marker(), x0 + sample / 2.0, cy));
            } else if (s instanceof Series.Step st) {
                g.setStroke(stroke(st.style()));
                Path2D.Double path = new Path2D.Double();
                path.moveTo(x0, cy + 5);
                path.lineTo(x0 + sample / 3.0, cy + 5);
                path.lineTo(x0 + sample / 3.0, cy - 5);
                path.lineTo(x0 + 2 * sample / 3.0, cy - 5);
                path.lineTo(x0 + 2 * sample / 3.0, cy + 5);
                path.lineTo(x0 + sample, cy + 5);
                g.draw(path);
            }
            g.setColor(FOREGROUND);
            g.drawString(s.name(), (float) (x0 + sample + 6), (float) (cy + fm.getAscent() / 2.0 - 1));
        }
    }

    /** Collects the parts of a {@link Chart}; {@link #build()} validates them. Not thread-safe. */
    public static final class Builder {
        private final String title;
        private String xLabel = "";
        private String yLabel = "";
        private boolean logY;
        private double[] xRange;
        private double[] yRange;
        private LegendPosition legend = LegendPosition.TOP_RIGHT;
        private int width = DEFAULT_WIDTH;
        private int height = DEFAULT_HEIGHT;
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

        public Builder logY(boolean log) {
            this.logY = log;
            return this;
        }

        /**
         * Fixes the x limits.
         *
         * @throws IllegalArgumentException unless lo &lt; hi, both finite
         */
        public Builder xRange(double lo, double hi) {
            this.xRange = range("xRange", lo, hi);
            return this;
        }

        /**
         * Fixes the y limits (data units; both &gt; 0 for a log axis, checked at {@link #build()}).
         *
         * @throws IllegalArgumentException unless lo &lt; hi, both finite
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

        public Builder add(Series s) {
            series.add(Objects.requireNonNull(s, "series"));
            return this;
        }

        /**
         * @throws IllegalArgumentException if there is no series, or a value cannot be shown on a log-y axis
         */
        public Chart build() {
            if (logY && yRange != null && !(yRange[0] > 0)) {
                throw new IllegalArgumentException("chart '" + title + "': yRange must be > 0 on a log-y axis, got "
                        + yRange[0] + ".." + yRange[1]);
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
