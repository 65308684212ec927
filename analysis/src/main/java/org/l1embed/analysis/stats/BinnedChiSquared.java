package org.l1embed.analysis.stats;

/**
 * χ² homogeneity test of two weighted histograms with the same bins (Gagunashvili, "Comparison of weighted and
 * unweighted histograms", arXiv:physics/0605123; ROOT {@code TH1::Chi2Test} option "WW"):
 *
 * <pre>
 *   χ² = Σ_i (W_B·a_i − W_A·b_i)² / (W_B²·σ²_a,i + W_A²·σ²_b,i)
 *      = Σ_i (a_i/W_A − b_i/W_B)² / (σ²_a,i/W_A² + σ²_b,i/W_B²)
 * </pre>
 *
 * where a_i, b_i are the bin sums of weights, σ² the bin sums of squared weights and W the histogram totals.
 * Bins empty in both histograms (σ²_a = σ²_b = 0) are skipped; ndf = (bins used) − 1, the one constraint being
 * the common normalisation. Unlike ROOT, a bin empty in only one histogram is used as it is (that side
 * contributes no variance), rather than given an estimated variance; with quantile bins of pooled samples
 * such bins are rare. For unit weights this is the Pearson-type test with variances estimated from each
 * histogram, asymptotically equivalent to the usual unweighted two-sample χ².
 */
public final class BinnedChiSquared {

    private BinnedChiSquared() {
    }

    /**
     * Tests weighted sample A against weighted sample B in the given bins.
     *
     * @throws IllegalArgumentException if the edges are invalid, a value or weight is invalid, a histogram
     *     sums to zero inside the edges, or fewer than two bins are non-empty
     */
    public static Chi2Result test(double[] edges, double[] a, double[] weightsA, double[] b, double[] weightsB) {
        return test(Binning.histogram(edges, a, weightsA), Binning.histogram(edges, b, weightsB));
    }

    /**
     * Tests two filled histograms.
     *
     * @throws IllegalArgumentException if the edges differ, a histogram sums to zero, or fewer than two bins are
     *     non-empty
     */
    public static Chi2Result test(Histogram a, Histogram b) {
        double[] edgesA = a.edges();
        double[] edgesB = b.edges();
        if (!java.util.Arrays.equals(edgesA, edgesB)) {
            throw new IllegalArgumentException("chi-squared test: histograms must have identical edges");
        }
        double[] ca = a.sum();
        double[] cb = b.sum();
        double[] va = a.sumSquares();
        double[] vb = b.sumSquares();
        double wa = a.total();
        double wb = b.total();
        if (!(wa > 0)) {
            throw new IllegalArgumentException("chi-squared test: histogram A sums to " + wa + " inside the edges");
        }
        if (!(wb > 0)) {
            throw new IllegalArgumentException("chi-squared test: histogram B sums to " + wb + " inside the edges");
        }
        double chi2 = 0;
        int used = 0;
        for (int i = 0; i < ca.length; i++) {
            if (va[i] == 0 && vb[i] == 0) {
                continue;
            }
            used++;
            double delta = wb * ca[i] - wa * cb[i];
            chi2 += delta * delta / (wb * wb * va[i] + wa * wa * vb[i]);
        }
        if (used < 2) {
            throw new IllegalArgumentException("chi-squared test: need at least two non-empty bins, got " + used);
        }
        int ndf = used - 1;
        return new Chi2Result(chi2, ndf, ChiSquared.survival(chi2, ndf));
    }
}
