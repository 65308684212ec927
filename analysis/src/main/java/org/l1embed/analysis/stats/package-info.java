/**
 * Small, self-contained statistics on primitive arrays: the regularized incomplete gamma function and the χ²
 * survival function (also in log space), the standard normal tail and its inverses (significances), digamma and
 * trigamma, weighted two-sample Kolmogorov–Smirnov and binned χ² tests, quantile bin edges, and
 * polynomial least squares. Pure JDK, deterministic, no plotting and no knowledge of latents or nuisances
 * (that lives in {@code systematics}).
 */
package org.l1embed.analysis.stats;
