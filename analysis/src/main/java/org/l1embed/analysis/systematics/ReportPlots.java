package org.l1embed.analysis.systematics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.l1embed.analysis.plot.Chart;
import org.l1embed.analysis.plot.ChartGrid;
import org.l1embed.analysis.plot.LegendPosition;
import org.l1embed.analysis.plot.LineStyle;
import org.l1embed.analysis.plot.Marker;
import org.l1embed.analysis.plot.OkabeIto;
import org.l1embed.analysis.plot.Series;
import org.l1embed.analysis.stats.PolynomialFit;
import org.l1embed.analysis.systematics.SystematicsReport.ClosureAtNu;
import org.l1embed.analysis.systematics.SystematicsReport.LogRatioAtNu;
import org.l1embed.analysis.systematics.SystematicsReport.LogRatioBins;
import org.l1embed.analysis.systematics.SystematicsReport.MeanShift;
import org.l1embed.analysis.systematics.SystematicsReport.VariantResult;

/** The figures of a {@link SystematicsReport}; what each shows is described in docs/systematics.md. */
final class ReportPlots {

    /** p-values below this are drawn at it on the log axis (the JSON keeps the exact value). */
    static final double P_FLOOR = 1e-16;

    private static final String NU_LABEL = "ν (jet energy scale: pT · e^ν)";
    private static final int FIT_POINTS = 61;

    private ReportPlots() {
    }

    static List<String> write(SystematicsReport report, Path dir) throws IOException {
        Files.createDirectories(dir);
        List<String> names = new ArrayList<>();
        String meanShift = "mean_shift.png";
        meanShift(report).write(dir.resolve(meanShift));
        names.add(meanShift);
        for (double nu : largestAbsNus(report.nus())) {
            String name = "log_ratio_nu" + SystematicsReport.formatNu(nu) + ".png";
            logRatio(report, nu).write(dir.resolve(name));
            names.add(name);
        }
        String closure = "closure_pvalues.png";
        closure(report).write(dir.resolve(closure));
        names.add(closure);
        return List.copyOf(names);
    }

    static double[] largestAbsNus(double[] nus) {
        double max = 0;
        for (double v : nus) {
            max = Math.max(max, Math.abs(v));
        }
        List<Double> out = new ArrayList<>();
        for (double v : nus) {
            if (Math.abs(v) == max) {
                out.add(v);
            }
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** One panel per variant, shared y range: points per dimension, solid linear and dashed quadratic fits. */
    static ChartGrid meanShift(SystematicsReport report) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (VariantResult v : report.variants()) {
            for (MeanShift m : v.meanShifts()) {
                for (double s : m.shift()) {
                    lo = Math.min(lo, s);
                    hi = Math.max(hi, s);
                }
            }
        }
        double pad = hi > lo ? 0.08 * (hi - lo) : 0.5;
        double[] nus = report.variants().get(0).meanShifts().get(0).nu();
        double nuLo = Math.min(0, nus[1]);
        double nuHi = Math.max(0, nus[nus.length - 1]);
        double[] grid = new double[FIT_POINTS];
        for (int i = 0; i < FIT_POINTS; i++) {
            grid[i] = nuLo + (nuHi - nuLo) * i / (FIT_POINTS - 1);
        }
        List<Chart> charts = new ArrayList<>();
        for (VariantResult v : report.variants()) {
            Chart.Builder b = Chart.builder(v.name() + ": latent mean shift (solid: linear fit, dashed: quadratic)")
                    .xLabel(NU_LABEL).yLabel("mean(z_ν) − mean(z_0)")
                    .yRange(lo - pad, hi + pad).legend(LegendPosition.TOP_LEFT);
            for (MeanShift m : v.meanShifts()) {
                OkabeIto colour = OkabeIto.cycle(m.dim());
                b.add(Series.line("dim " + m.dim() + " linear", grid, evaluate(m.linear(), grid), colour)
                        .hiddenFromLegend());
                b.add(Series.line("dim " + m.dim() + " quadratic", grid, evaluate(m.quadratic(), grid), colour)
                        .withStyle(LineStyle.DASHED).hiddenFromLegend());
                b.add(Series.points(String.format(Locale.ROOT, "dim %d: slope %.3g, R² %.4f", m.dim(),
                        m.linear().coefficients()[1], m.linear().rSquared()), m.nu(), m.shift(), colour));
            }
            charts.add(b.build());
        }
        return ChartGrid.of(charts.size(), charts);
    }

    /** Rows: variants; columns: latent dimensions. Empirical points with errors, learned as a line. */
    static ChartGrid logRatio(SystematicsReport report, double nu) {
        List<Chart> charts = new ArrayList<>();
        for (VariantResult v : report.variants()) {
            LogRatioAtNu at = v.logRatios().stream().filter(l -> l.nu() == nu).findFirst().orElseThrow();
            for (LogRatioBins bins : at.dims()) {
                Chart.Builder b = Chart.builder(String.format(Locale.ROOT, "%s, dim %d, ν=%s: r=%s", v.name(),
                        bins.dim(), SystematicsReport.formatNu(nu), Double.isNaN(bins.correlation()) ? "n/a"
                                : String.format(Locale.ROOT, "%.3f", bins.correlation())))
                        .size(480, 360).xLabel("z_" + bins.dim() + " (bin centre)")
                        .yLabel("log p_ν/p_0").legend(LegendPosition.TOP_LEFT);
                double[][] emp = finite(bins.centres(), bins.empirical(), bins.empiricalError());
                double[][] learned = finite(bins.centres(), bins.learned(), null);
                boolean any = false;
                if (emp[0].length > 0) {
                    b.add(Series.points("empirical", emp[0], emp[1], OkabeIto.BLACK).withErrors(emp[2]));
                    any = true;
                }
                if (learned[0].length > 0) {
                    b.add(Series.line("learned f", learned[0], learned[1], OkabeIto.VERMILLION));
                    b.add(Series.points("learned f", learned[0], learned[1], OkabeIto.VERMILLION)
                            .withMarker(Marker.SQUARE).hiddenFromLegend());
                    any = true;
                }
                if (!any) {
                    b.add(Series.line("no usable bins", new double[] {0, 1}, new double[] {0, 0}, OkabeIto.BLACK));
                }
                charts.add(b.build());
            }
        }
        return ChartGrid.of(report.latentDim(), charts);
    }

    /** One panel per dimension: KS p-value vs ν, reweighted (solid) and unweighted (dashed), per variant. */
    static ChartGrid closure(SystematicsReport report) {
        int d = report.latentDim();
        double[] nus = report.nus();
        List<Chart> charts = new ArrayList<>();
        for (int k = 0; k < d; k++) {
            Chart.Builder b = Chart.builder("dim " + k + ": KS p-value, nominal vs shifted")
                    .size(600, 420).logY(true).xLabel(NU_LABEL).yLabel("KS p-value")
                    .legend(LegendPosition.BOTTOM_RIGHT);
            int vi = 0;
            for (VariantResult v : report.variants()) {
                double[] rew = new double[nus.length];
                double[] unw = new double[nus.length];
                for (int j = 0; j < nus.length; j++) {
                    ClosureAtNu c = v.closures().get(j);
                    rew[j] = Math.max(P_FLOOR, c.dims().get(k).ksReweighted().pValue());
                    unw[j] = Math.max(P_FLOOR, c.dims().get(k).ksUnweighted().pValue());
                }
                OkabeIto colour = OkabeIto.cycle(vi++);
                b.add(Series.line(v.name() + ", reweighted by e^f", nus, rew, colour));
                b.add(Series.points(v.name() + " rew", nus, rew, colour).hiddenFromLegend());
                b.add(Series.line(v.name() + ", not reweighted", nus, unw, colour).withStyle(LineStyle.DASHED));
                b.add(Series.points(v.name() + " unw", nus, unw, colour).withMarker(Marker.SQUARE)
                        .hiddenFromLegend());
            }
            b.add(Series.line("p = 0.05", new double[] {nus[0], nus[nus.length - 1]}, new double[] {0.05, 0.05},
                    OkabeIto.BLACK).withStyle(LineStyle.DASHED));
            charts.add(b.build());
        }
        return ChartGrid.of(Math.min(d, 2), charts);
    }

    private static double[] evaluate(PolynomialFit fit, double[] x) {
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = fit.valueAt(x[i]);
        }
        return y;
    }

    /** The points where y (and the error, if given) is finite. */
    private static double[][] finite(double[] x, double[] y, double[] err) {
        int n = 0;
        for (int i = 0; i < x.length; i++) {
            if (Double.isFinite(y[i]) && (err == null || Double.isFinite(err[i]))) {
                n++;
            }
        }
        double[][] out = new double[3][n];
        int at = 0;
        for (int i = 0; i < x.length; i++) {
            if (Double.isFinite(y[i]) && (err == null || Double.isFinite(err[i]))) {
                out[0][at] = x[i];
                out[1][at] = y[i];
                out[2][at] = err == null ? 0 : err[i];
                at++;
            }
        }
        return out;
    }
}
