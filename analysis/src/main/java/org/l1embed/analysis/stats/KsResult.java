package org.l1embed.analysis.stats;

/**
 * Result of a two-sample Kolmogorov–Smirnov test.
 *
 * @param statistic D = sup_x |F_A(x) − F_B(x)|, in [0, 1]
 * @param pValue asymptotic p-value Q_KS(√(n_A·n_B/(n_A+n_B))·D), in [0, 1]
 * @param effectiveSizeA n_eff of sample A, (Σw)²/Σw² (the sample size for unit weights)
 * @param effectiveSizeB n_eff of sample B
 */
public record KsResult(double statistic, double pValue, double effectiveSizeA, double effectiveSizeB) {
}
