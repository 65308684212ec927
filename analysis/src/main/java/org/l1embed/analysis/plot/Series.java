package org.l1embed.analysis.plot;

/**
 * One data series of a {@link Chart}. Records validate their data on construction: a series needs at least one
 * point (a step histogram at least one bin), arrays of matching length, and finite values; failures are
 * {@link IllegalArgumentException}s naming the series, the array and the index. Arrays are copied in and out.
 */
public sealed interface Series permits Series.Line, Series.Points, Series.Step, Series.Band {

    /** Legend text; never blank. */
    String name();

    OkabeIto colour();

    /** Whether the series gets a legend entry. */
    boolean inLegend();

    /** A solid line through (x_i, y_i) in the given order. */
    static Line line(String name, double[] x, double[] y, OkabeIto colour) {
        return new Line(name, x, y, colour, LineStyle.SOLID, true);
    }

    /** Filled circles at (x_i, y_i), opaque, no error bars. */
    static Points points(String name, double[] x, double[] y, OkabeIto colour) {
        return new Points(name, x, y, null, colour, Marker.CIRCLE, 1.0, true);
    }

    /**
     * A dense cloud: filled circles at {@link #SCATTER_OPACITY} so that overlaps show density (use a small
     * {@link Chart.Builder#markerSize}).
     */
    static Points scatter(String name, double[] x, double[] y, OkabeIto colour) {
        return new Points(name, x, y, null, colour, Marker.CIRCLE, SCATTER_OPACITY, true);
    }

    /** Opacity of {@link #scatter} points. */
    double SCATTER_OPACITY = 0.35;

    /** Opacity of a {@link Band}'s fill. */
    double BAND_OPACITY = 0.25;

    /** A shaded band between lower[i] and upper[i] over x (e.g. a ±1σ or 68 % interval). */
    static Band band(String name, double[] x, double[] lower, double[] upper, OkabeIto colour) {
        return new Band(name, x, lower, upper, colour, true);
    }

    /** A step histogram: contents[i] over [edges[i], edges[i+1]]. */
    static Step step(String name, double[] edges, double[] contents, OkabeIto colour) {
        return new Step(name, edges, contents, colour, LineStyle.SOLID, true);
    }

    /** A polyline. */
    record Line(String name, double[] x, double[] y, OkabeIto colour, LineStyle style, boolean inLegend)
            implements Series {

        public Line {
            checkName(name);
            x = finite(name, "x", x);
            y = finite(name, "y", y);
            sameLength(name, "x", x, "y", y);
            java.util.Objects.requireNonNull(colour, "colour");
            java.util.Objects.requireNonNull(style, "style");
        }

        public Line withStyle(LineStyle newStyle) {
            return new Line(name, x, y, colour, newStyle, inLegend);
        }

        public Line hiddenFromLegend() {
            return new Line(name, x, y, colour, style, false);
        }

        @Override
        public double[] x() {
            return x.clone();
        }

        @Override
        public double[] y() {
            return y.clone();
        }
    }

    /**
     * Markers with optional symmetric y error bars.
     *
     * @param yErrors half-lengths of the error bars, finite and ≥ 0, or null for none
     * @param opacity alpha of the markers, in (0, 1]
     */
    record Points(String name, double[] x, double[] y, double[] yErrors, OkabeIto colour, Marker marker,
            double opacity, boolean inLegend) implements Series {

        public Points {
            checkName(name);
            x = finite(name, "x", x);
            y = finite(name, "y", y);
            sameLength(name, "x", x, "y", y);
            if (yErrors != null) {
                yErrors = finite(name, "yErrors", yErrors);
                sameLength(name, "x", x, "yErrors", yErrors);
                for (int i = 0; i < yErrors.length; i++) {
                    if (yErrors[i] < 0) {
                        throw new IllegalArgumentException("series '" + name + "': yErrors[" + i
                                + "] must be >= 0, got " + yErrors[i]);
                    }
                }
            }
            java.util.Objects.requireNonNull(colour, "colour");
            java.util.Objects.requireNonNull(marker, "marker");
            if (!(opacity > 0 && opacity <= 1)) {
                throw new IllegalArgumentException("series '" + name + "': opacity must be in (0, 1], got " + opacity);
            }
        }

        public Points withErrors(double[] errors) {
            return new Points(name, x, y, errors, colour, marker, opacity, inLegend);
        }

        public Points withMarker(Marker newMarker) {
            return new Points(name, x, y, yErrors, colour, newMarker, opacity, inLegend);
        }

        public Points withOpacity(double newOpacity) {
            return new Points(name, x, y, yErrors, colour, marker, newOpacity, inLegend);
        }

        public Points hiddenFromLegend() {
            return new Points(name, x, y, yErrors, colour, marker, opacity, false);
        }

        public boolean hasErrors() {
            return yErrors != null;
        }

        @Override
        public double[] x() {
            return x.clone();
        }

        @Override
        public double[] y() {
            return y.clone();
        }

        @Override
        public double[] yErrors() {
            return yErrors == null ? null : yErrors.clone();
        }
    }

    /**
     * A step histogram.
     *
     * @param edges strictly increasing bin edges, length contents.length + 1
     * @param contents bin contents
     */
    record Step(String name, double[] edges, double[] contents, OkabeIto colour, LineStyle style, boolean inLegend)
            implements Series {

        public Step {
            checkName(name);
            contents = finite(name, "contents", contents);
            edges = edges == null ? null : edges.clone();
            if (edges == null || edges.length != contents.length + 1) {
                throw new IllegalArgumentException("series '" + name + "': edges must have contents.length + 1 = "
                        + (contents.length + 1) + " values, got " + (edges == null ? "null" : edges.length));
            }
            finite(name, "edges", edges);
            for (int i = 1; i < edges.length; i++) {
                if (!(edges[i] > edges[i - 1])) {
                    throw new IllegalArgumentException("series '" + name + "': edges must be strictly increasing, got "
                            + "edges[" + (i - 1) + "]=" + edges[i - 1] + ", edges[" + i + "]=" + edges[i]);
                }
            }
            java.util.Objects.requireNonNull(colour, "colour");
            java.util.Objects.requireNonNull(style, "style");
        }

        public Step withStyle(LineStyle newStyle) {
            return new Step(name, edges, contents, colour, newStyle, inLegend);
        }

        public Step hiddenFromLegend() {
            return new Step(name, edges, contents, colour, style, false);
        }

        @Override
        public double[] edges() {
            return edges.clone();
        }

        @Override
        public double[] contents() {
            return contents.clone();
        }
    }

    /**
     * A filled band between two curves over the same x.
     *
     * @param lower lower edge, with lower[i] &lt;= upper[i]
     * @param upper upper edge
     */
    record Band(String name, double[] x, double[] lower, double[] upper, OkabeIto colour, boolean inLegend)
            implements Series {

        public Band {
            checkName(name);
            x = finite(name, "x", x);
            lower = finite(name, "lower", lower);
            upper = finite(name, "upper", upper);
            sameLength(name, "x", x, "lower", lower);
            sameLength(name, "x", x, "upper", upper);
            for (int i = 0; i < x.length; i++) {
                if (lower[i] > upper[i]) {
                    throw new IllegalArgumentException("series '" + name + "': lower[" + i + "]=" + lower[i]
                            + " must be <= upper[" + i + "]=" + upper[i]);
                }
            }
            java.util.Objects.requireNonNull(colour, "colour");
        }

        public Band hiddenFromLegend() {
            return new Band(name, x, lower, upper, colour, false);
        }

        @Override
        public double[] x() {
            return x.clone();
        }

        @Override
        public double[] lower() {
            return lower.clone();
        }

        @Override
        public double[] upper() {
            return upper.clone();
        }
    }

    private static void checkName(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("series name must not be blank, got " + (name == null ? "null"
                    : "'" + name + "'"));
        }
    }

    private static double[] finite(String series, String array, double[] values) {
        if (values == null || values.length == 0) {
            throw new IllegalArgumentException("series '" + series + "': " + array + " is empty; need at least one "
                    + "value");
        }
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException("series '" + series + "': " + array + "[" + i + "] is "
                        + values[i] + "; values must be finite");
            }
        }
        return values.clone();
    }

    private static void sameLength(String series, String nameA, double[] a, String nameB, double[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("series '" + series + "': " + nameA + " has " + a.length
                    + " values but " + nameB + " has " + b.length);
        }
    }
}
