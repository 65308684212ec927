package org.l1embed.analysis.systematics;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.l1embed.analysis.stats.Binning;
import org.l1embed.analysis.stats.Chi2Result;
import org.l1embed.analysis.stats.KsResult;
import org.l1embed.analysis.stats.PolynomialFit;

/**
 * The systematics report for one or more encoder variants (see {@code docs/systematics.md} for every
 * convention). Per variant:
 *
 * <ul>
 *   <li><b>mean shift</b>: per latent dimension k, Δ_k(ν) = mean(z_ν,k) − mean(z_0,k), fitted with polynomials of
 *       degree 1 and 2 in ν (intercept free) over the points (0, 0) — the nominal point, included by
 *       construction — and (ν_j, Δ_k(ν_j));</li>
 *   <li><b>log-ratio</b>: per ν and k, in bins at the pooled quantiles of z_0,k and z_ν,k, the empirical
 *       log(p_ν(bin)/p_0(bin)) with its statistical error and the learned log(mean of e^f over the nominal events
 *       in the bin), summarised by their weighted correlation and weighted mean absolute difference (weights
 *       1/σ² of the empirical values);</li>
 *   <li><b>closure</b>: per ν and k, weighted KS and χ² tests of the nominal sample with weights e^f (normalised
 *       to sum to N) against the shifted sample, and the same tests with unit weights as the no-reweighting
 *       reference.</li>
 * </ul>
 *
 * Immutable once computed; {@link #toJson()}, {@link #toTable()} and {@link #writePlots(Path)} render it.
 */
public final class SystematicsReport {

    /** Schema tag written into the JSON. */
    public static final String SCHEMA = "l1embed.systematics/1";

    private final int latentDim;
    private final int bins;
    private final double[] nus;
    private final List<VariantResult> variants;

    private SystematicsReport(int latentDim, int bins, double[] nus, List<VariantResult> variants) {
        this.latentDim = latentDim;
        this.bins = bins;
        this.nus = nus;
        this.variants = variants;
    }

    /** {@link #compute(int, List, int)} with {@link Binning#DEFAULT_BINS} bins. */
    public static SystematicsReport compute(int latentDim, List<EncoderVariant> variants) {
        return compute(latentDim, variants, Binning.DEFAULT_BINS);
    }

    /**
     * Computes the report.
     *
     * @param latentDim d ≥ 1, the latent size
     * @param variants at least one; distinct names; all with the same set of ν values
     * @param bins requested quantile bins per dimension (≥ 2; fewer result where pooled values tie)
     * @throws IllegalArgumentException if the shapes do not match d, names repeat, or the ν sets differ
     */
    public static SystematicsReport compute(int latentDim, List<EncoderVariant> variants, int bins) {
        if (latentDim < 1) {
            throw new IllegalArgumentException("latentDim must be >= 1, got " + latentDim);
        }
        if (bins < 2) {
            throw new IllegalArgumentException("bins must be >= 2, got " + bins);
        }
        if (variants == null || variants.isEmpty()) {
            throw new IllegalArgumentException("need at least one encoder variant, got none");
        }
        double[] nus = variants.get(0).nus();
        Set<String> names = new HashSet<>();
        for (EncoderVariant v : variants) {
            if (!names.add(v.name())) {
                throw new IllegalArgumentException("variant name '" + v.name() + "' appears twice");
            }
            if (!Arrays.equals(nus, v.nus())) {
                throw new IllegalArgumentException("all variants need the same nu values: '" + variants.get(0).name()
                        + "' has " + Arrays.toString(nus) + ", '" + v.name() + "' has " + Arrays.toString(v.nus()));
            }
            for (ShiftSample s : v.samples()) {
                s.checkShape(v.name(), latentDim);
            }
        }
        List<VariantResult> results = new ArrayList<>();
        for (EncoderVariant v : variants) {
            results.add(VariantAnalysis.analyse(v, latentDim, bins));
        }
        return new SystematicsReport(latentDim, bins, nus, List.copyOf(results));
    }

    public int latentDim() {
        return latentDim;
    }

    /** Requested bins per dimension. */
    public int bins() {
        return bins;
    }

    /** The held-out ν values, ascending (without 0). */
    public double[] nus() {
        return nus.clone();
    }

    /** One result per variant, in input order. */
    public List<VariantResult> variants() {
        return variants;
    }

    // ---- result types ----------------------------------------------------------------------------------------

    /** Everything computed for one encoder variant. */
    public record VariantResult(String name, List<MeanShift> meanShifts, List<LogRatioAtNu> logRatios,
            List<ClosureAtNu> closures) {

        public VariantResult {
            meanShifts = List.copyOf(meanShifts);
            logRatios = List.copyOf(logRatios);
            closures = List.copyOf(closures);
        }
    }

    /**
     * Mean shift of one latent dimension against ν.
     *
     * @param nu 0 followed by the held-out values, ascending after the 0
     * @param shift Δ at each ν (exactly 0 at ν = 0)
     * @param linear degree-1 fit, coefficients {c0, c1}
     * @param quadratic degree-2 fit, coefficients {c0, c1, c2}
     */
    public record MeanShift(int dim, double[] nu, double[] shift, PolynomialFit linear, PolynomialFit quadratic) {

        public MeanShift {
            nu = nu.clone();
            shift = shift.clone();
        }

        @Override
        public double[] nu() {
            return nu.clone();
        }

        @Override
        public double[] shift() {
            return shift.clone();
        }
    }

    /**
     * Learned against empirical log-ratio at one ν.
     *
     * @param meanExpF mean of e^f over all nominal events (1 for a normalised density ratio)
     * @param correlation weighted correlation over all dimensions' bins
     * @param meanAbsDifference weighted mean |learned − empirical| over all dimensions' bins
     * @param dims one entry per latent dimension
     */
    public record LogRatioAtNu(double nu, double meanExpF, double correlation, double meanAbsDifference,
            List<LogRatioBins> dims) {

        public LogRatioAtNu {
            dims = List.copyOf(dims);
        }
    }

    /**
     * Binned log-ratios of one dimension at one ν. Arrays have one value per bin; bins where either sample is
     * empty have NaN empirical values (and NaN learned where the nominal sample is empty).
     *
     * @param edges quantile bin edges of the pooled samples (empty when all pooled values are equal)
     * @param nominalCounts nominal events per bin
     * @param shiftedCounts shifted events per bin
     * @param empirical log((m_b/M)/(n_b/N))
     * @param empiricalError √(1/m_b − 1/M + 1/n_b − 1/N) (multinomial, samples treated as independent)
     * @param learned log(Σ_{i∈b} e^{f_i} / n_b)
     */
    public record LogRatioBins(int dim, double[] edges, long[] nominalCounts, long[] shiftedCounts,
            double[] empirical, double[] empiricalError, double[] learned, double correlation,
            double meanAbsDifference) {

        public LogRatioBins {
            edges = edges.clone();
            nominalCounts = nominalCounts.clone();
            shiftedCounts = shiftedCounts.clone();
            empirical = empirical.clone();
            empiricalError = empiricalError.clone();
            learned = learned.clone();
        }

        @Override
        public double[] edges() {
            return edges.clone();
        }

        @Override
        public long[] nominalCounts() {
            return nominalCounts.clone();
        }

        @Override
        public long[] shiftedCounts() {
            return shiftedCounts.clone();
        }

        @Override
        public double[] empirical() {
            return empirical.clone();
        }

        @Override
        public double[] empiricalError() {
            return empiricalError.clone();
        }

        @Override
        public double[] learned() {
            return learned.clone();
        }

        /** Bin midpoints. */
        public double[] centres() {
            double[] c = new double[Math.max(0, edges.length - 1)];
            for (int i = 0; i < c.length; i++) {
                c[i] = 0.5 * (edges[i] + edges[i + 1]);
            }
            return c;
        }
    }

    /** Closure tests at one ν, one entry per latent dimension. */
    public record ClosureAtNu(double nu, List<DimClosure> dims) {

        public ClosureAtNu {
            dims = List.copyOf(dims);
        }

        /** The smallest reweighted KS p-value over the dimensions. */
        public double minKsReweighted() {
            return dims.stream().mapToDouble(d -> d.ksReweighted().pValue()).min().orElse(Double.NaN);
        }

        /** The smallest unweighted KS p-value over the dimensions. */
        public double minKsUnweighted() {
            return dims.stream().mapToDouble(d -> d.ksUnweighted().pValue()).min().orElse(Double.NaN);
        }
    }

    /**
     * Closure tests of one dimension. The χ² results are null when the pooled values of the dimension are all
     * equal (no bins can be formed).
     */
    public record DimClosure(int dim, KsResult ksReweighted, Chi2Result chi2Reweighted, KsResult ksUnweighted,
            Chi2Result chi2Unweighted) {
    }

    // ---- rendering -------------------------------------------------------------------------------------------

    /**
     * The report as JSON (field names in {@code docs/systematics.md}); non-finite numbers are written as null.
     */
    public ObjectNode toJson() {
        return ReportJson.render(this);
    }

    /** A compact fixed-width text summary: mean-shift fits per dimension, then one row per variant and ν. */
    public String toTable() {
        StringBuilder sb = new StringBuilder();
        sb.append("mean shift vs nu (fits include the nominal point (0, 0))\n");
        sb.append(String.format(Locale.ROOT, "%-10s %4s %12s %10s %12s %12s %10s%n", "variant", "dim",
                "slope(lin)", "R2(lin)", "c1(quad)", "c2(quad)", "R2(quad)"));
        for (VariantResult v : variants) {
            for (MeanShift m : v.meanShifts()) {
                sb.append(String.format(Locale.ROOT, "%-10s %4d %12.5g %10.6f %12.5g %12.5g %10.6f%n", v.name(),
                        m.dim(), m.linear().coefficients()[1], m.linear().rSquared(), m.quadratic().coefficients()[1],
                        m.quadratic().coefficients()[2], m.quadratic().rSquared()));
            }
        }
        sb.append("\nlog-ratio agreement and closure (p-values: minimum over dimensions)\n");
        sb.append(String.format(Locale.ROOT, "%-10s %8s %8s %8s %8s %11s %11s %11s %11s%n", "variant", "nu",
                "mean e^f", "corr", "MAD", "KS p rew", "KS p none", "chi2 p rew", "chi2 p none"));
        for (VariantResult v : variants) {
            for (int j = 0; j < v.closures().size(); j++) {
                ClosureAtNu c = v.closures().get(j);
                LogRatioAtNu l = v.logRatios().get(j);
                sb.append(String.format(Locale.ROOT, "%-10s %8.4f %8.4f %8.4f %8.4f %11.3e %11.3e %11.3e %11.3e%n",
                        v.name(), c.nu(), l.meanExpF(), l.correlation(), l.meanAbsDifference(),
                        c.minKsReweighted(), c.minKsUnweighted(), minChi2(c, true), minChi2(c, false)));
            }
        }
        return sb.toString();
    }

    private static double minChi2(ClosureAtNu c, boolean reweighted) {
        double min = Double.NaN;
        for (DimClosure d : c.dims()) {
            Chi2Result r = reweighted ? d.chi2Reweighted() : d.chi2Unweighted();
            if (r != null && !(r.pValue() >= min)) {
                min = r.pValue();
            }
        }
        return min;
    }

    /**
     * Writes {@code mean_shift.png}, {@code log_ratio_nu<ν>.png} for the ν values of largest |ν| (both signs when
     * both are present; ν printed as a plain decimal, e.g. {@code log_ratio_nu-0.045.png}) and
     * {@code closure_pvalues.png} into {@code dir} (created if needed), each atomically.
     *
     * @return the file names written, in that order
     * @throws IOException if a file cannot be written
     */
    public List<String> writePlots(Path dir) throws IOException {
        return ReportPlots.write(this, dir);
    }

    /** ν for titles and file names: 6 significant digits, so 0.9·0.05 reads 0.045, not 0.045000000000000005. */
    static String formatNu(double nu) {
        return new BigDecimal(nu).round(new java.math.MathContext(6)).stripTrailingZeros().toPlainString();
    }

    static ArrayNode array(JsonNodeFactory f, double[] values) {
        ArrayNode a = f.arrayNode();
        for (double v : values) {
            if (Double.isFinite(v)) {
                a.add(v);
            } else {
                a.addNull();
            }
        }
        return a;
    }
}
