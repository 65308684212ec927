package org.l1embed.analysis.systematics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.l1embed.analysis.stats.BinnedChiSquared;
import org.l1embed.analysis.stats.Binning;
import org.l1embed.analysis.stats.Chi2Result;
import org.l1embed.analysis.stats.Histogram;
import org.l1embed.analysis.stats.KolmogorovSmirnov;
import org.l1embed.analysis.stats.KsResult;
import org.l1embed.analysis.stats.PolynomialFit;
import org.l1embed.analysis.systematics.SystematicsReport.ClosureAtNu;
import org.l1embed.analysis.systematics.SystematicsReport.DimClosure;
import org.l1embed.analysis.systematics.SystematicsReport.LogRatioAtNu;
import org.l1embed.analysis.systematics.SystematicsReport.LogRatioBins;
import org.l1embed.analysis.systematics.SystematicsReport.MeanShift;
import org.l1embed.analysis.systematics.SystematicsReport.VariantResult;

/** The numerics of {@link SystematicsReport} for one encoder variant. */
final class VariantAnalysis {

    private VariantAnalysis() {
    }

    static VariantResult analyse(EncoderVariant variant, int d, int bins) {
        List<ShiftSample> samples = variant.samples();
        int n = samples.size();
        double[] nu = new double[n + 1];
        double[][] shift = new double[d][n + 1];
        List<LogRatioAtNu> logRatios = new ArrayList<>();
        List<ClosureAtNu> closures = new ArrayList<>();
        for (int j = 0; j < n; j++) {
            ShiftSample s = samples.get(j);
            nu[j + 1] = s.nu();
            double[] f = s.logRatio();
            double fMax = Arrays.stream(f).max().orElseThrow();
            double[] expF = new double[f.length];       // e^{f − max f}: never overflows
            double sumExp = 0;
            for (int i = 0; i < f.length; i++) {
                expF[i] = Math.exp(f[i] - fMax);
                sumExp += expF[i];
            }
            double[] weights = new double[f.length];     // e^f normalised to sum N
            for (int i = 0; i < f.length; i++) {
                weights[i] = expF[i] * f.length / sumExp;
            }
            double meanExpF = Math.exp(fMax + Math.log(sumExp / f.length));

            List<LogRatioBins> dims = new ArrayList<>();
            List<DimClosure> tests = new ArrayList<>();
            for (int k = 0; k < d; k++) {
                double[] z0 = s.nominalColumn(d, k);
                double[] zn = s.shiftedColumn(d, k);
                shift[k][j + 1] = mean(zn) - mean(z0);
                double[] edges = distinctValues(z0, zn) ? Binning.quantileEdges(bins, z0, zn) : null;
                dims.add(logRatioBins(k, edges, z0, zn, expF, fMax));
                double[] unit0 = ones(z0.length);
                double[] unitN = ones(zn.length);
                KsResult ksRew = KolmogorovSmirnov.test(z0, weights, zn, unitN);
                KsResult ksUnw = KolmogorovSmirnov.test(z0, unit0, zn, unitN);
                Chi2Result chiRew = edges == null ? null : BinnedChiSquared.test(edges, z0, weights, zn, unitN);
                Chi2Result chiUnw = edges == null ? null : BinnedChiSquared.test(edges, z0, unit0, zn, unitN);
                tests.add(new DimClosure(k, ksRew, chiRew, ksUnw, chiUnw));
            }
            double[] pooled = pooledAgreement(dims);
            logRatios.add(new LogRatioAtNu(s.nu(), meanExpF, pooled[0], pooled[1], dims));
            closures.add(new ClosureAtNu(s.nu(), tests));
        }
        // ν = 0 sits first with Δ = 0; the held-out values follow in ascending order
        List<MeanShift> meanShifts = new ArrayList<>();
        for (int k = 0; k < d; k++) {
            meanShifts.add(new MeanShift(k, nu, shift[k], PolynomialFit.fit(nu, shift[k], 1),
                    PolynomialFit.fit(nu, shift[k], 2)));
        }
        return new VariantResult(variant.name(), meanShifts, logRatios, closures);
    }

    private static LogRatioBins logRatioBins(int k, double[] edges, double[] z0, double[] zn, double[] expF,
            double fMax) {
        if (edges == null) {
            double[] none = new double[0];
            return new LogRatioBins(k, none, new long[0], new long[0], none, none, none, Double.NaN, Double.NaN);
        }
        Histogram h0 = Binning.histogram(edges, z0, expF);
        Histogram hn = Binning.histogram(edges, zn, ones(zn.length));
        long[] n0 = h0.entries();
        long[] nn = hn.entries();
        double[] sumExp = h0.sum();
        double bigN = z0.length;
        double bigM = zn.length;
        int b = n0.length;
        double[] empirical = new double[b];
        double[] error = new double[b];
        double[] learned = new double[b];
        for (int i = 0; i < b; i++) {
            learned[i] = n0[i] > 0 && sumExp[i] > 0 ? fMax + Math.log(sumExp[i] / n0[i]) : Double.NaN;
            if (n0[i] > 0 && nn[i] > 0) {
                empirical[i] = Math.log((nn[i] / bigM) / (n0[i] / bigN));
                error[i] = Math.sqrt(Math.max(0, 1.0 / nn[i] - 1.0 / bigM + 1.0 / n0[i] - 1.0 / bigN));
            } else {
                empirical[i] = Double.NaN;
                error[i] = Double.NaN;
            }
        }
        double[] agreement = agreement(List.<double[][]>of(new double[][] {learned, empirical, error}));
        return new LogRatioBins(k, edges, n0, nn, empirical, error, learned, agreement[0], agreement[1]);
    }

    private static double[] pooledAgreement(List<LogRatioBins> dims) {
        List<double[][]> parts = new ArrayList<>();
        for (LogRatioBins l : dims) {
            parts.add(new double[][] {l.learned(), l.empirical(), l.empiricalError()});
        }
        return agreement(parts);
    }

    /**
     * Weighted correlation and weighted mean absolute difference of learned vs empirical over all usable bins
     * (both values finite and the error positive), weights 1/σ². NaN where fewer than two bins are usable or a
     * variance vanishes.
     */
    private static double[] agreement(List<double[][]> parts) {
        double sw = 0;
        double sl = 0;
        double se = 0;
        int used = 0;
        for (double[][] p : parts) {
            for (int i = 0; i < p[0].length; i++) {
                if (usable(p, i)) {
                    double w = 1 / (p[2][i] * p[2][i]);
                    sw += w;
                    sl += w * p[0][i];
                    se += w * p[1][i];
                    used++;
                }
            }
        }
        if (used < 2) {
            return new double[] {Double.NaN, Double.NaN};
        }
        double ml = sl / sw;
        double me = se / sw;
        double cov = 0;
        double vl = 0;
        double ve = 0;
        double mad = 0;
        for (double[][] p : parts) {
            for (int i = 0; i < p[0].length; i++) {
                if (usable(p, i)) {
                    double w = 1 / (p[2][i] * p[2][i]);
                    double dl = p[0][i] - ml;
                    double de = p[1][i] - me;
                    cov += w * dl * de;
                    vl += w * dl * dl;
                    ve += w * de * de;
                    mad += w * Math.abs(p[0][i] - p[1][i]);
                }
            }
        }
        double corr = vl > 0 && ve > 0 ? cov / Math.sqrt(vl * ve) : Double.NaN;
        return new double[] {corr, mad / sw};
    }

    private static boolean usable(double[][] p, int i) {
        return Double.isFinite(p[0][i]) && Double.isFinite(p[1][i]) && p[2][i] > 0;
    }

    private static boolean distinctValues(double[] a, double[] b) {
        double first = a[0];
        for (double v : a) {
            if (v != first) {
                return true;
            }
        }
        for (double v : b) {
            if (v != first) {
                return true;
            }
        }
        return false;
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    private static double[] ones(int n) {
        double[] w = new double[n];
        Arrays.fill(w, 1);
        return w;
    }
}
