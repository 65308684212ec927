/**
 * Small, self-contained statistics on primitive arrays: the regularized incomplete gamma function and the χ²
 * survival function, weighted two-sample Kolmogorov–Smirnov and binned χ² tests, quantile bin edges, and
 * polynomial least squares. Pure JDK, deterministic, no plotting and no knowledge of latents or nuisances
 * (that lives in {@code systematics}).
 */
package org.l1embed.analysis.stats;
