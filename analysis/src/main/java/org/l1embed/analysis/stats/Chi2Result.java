package org.l1embed.analysis.stats;

/**
 * Result of a binned two-sample χ² test.
 *
 * @param statistic χ² ≥ 0
 * @param degreesOfFreedom bins used (not empty in both histograms) minus one, ≥ 1
 * @param pValue χ² survival function at the statistic, in [0, 1]
 */
public record Chi2Result(double statistic, int degreesOfFreedom, double pValue) {
}
