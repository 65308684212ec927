package org.l1embed.analysis.plot;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Several charts of equal size in one image, filled row by row, {@code columns} per row; unused cells are white.
 * Same determinism and atomic writing as {@link Chart}. {@link PairPlot} builds one for the pairs of a point cloud.
 */
public final class ChartGrid {

    private final int columns;
    private final List<Chart> charts;

    private ChartGrid(int columns, List<Chart> charts) {
        this.columns = columns;
        this.charts = charts;
    }

    /**
     * @throws IllegalArgumentException if columns &lt; 1, there are no charts, or charts differ in size
     */
    public static ChartGrid of(int columns, List<Chart> charts) {
        if (columns < 1) {
            throw new IllegalArgumentException("columns must be >= 1, got " + columns);
        }
        if (charts.isEmpty()) {
            throw new IllegalArgumentException("a chart grid needs at least one chart");
        }
        Chart first = charts.get(0);
        for (int i = 1; i < charts.size(); i++) {
            Chart c = charts.get(i);
            if (c.width() != first.width() || c.height() != first.height()) {
                throw new IllegalArgumentException("all charts in a grid must have the same size: chart 0 is "
                        + first.width() + "x" + first.height() + ", chart " + i + " ('" + c.title() + "') is "
                        + c.width() + "x" + c.height());
            }
        }
        return new ChartGrid(columns, List.copyOf(charts));
    }

    public int columns() {
        return columns;
    }

    public List<Chart> charts() {
        return charts;
    }

    public int width() {
        return Math.min(columns, charts.size()) * charts.get(0).width();
    }

    public int height() {
        return ((charts.size() + columns - 1) / columns) * charts.get(0).height();
    }

    public BufferedImage toImage() {
        int w = charts.get(0).width();
        int h = charts.get(0).height();
        BufferedImage image = new BufferedImage(width(), height(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            for (int i = 0; i < charts.size(); i++) {
                Graphics2D cell = (Graphics2D) g.create((i % columns) * w, (i / columns) * h, w, h);
                try {
                    charts.get(i).paint(cell);
                } finally {
                    cell.dispose();
                }
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    public byte[] toPng() {
        return Png.encode(toImage());
    }

    /**
     * Writes the PNG atomically, creating the directory.
     *
     * @throws IOException if the file cannot be written
     */
    public void write(Path file) throws IOException {
        Png.writeAtomically(toPng(), file);
    }
}
