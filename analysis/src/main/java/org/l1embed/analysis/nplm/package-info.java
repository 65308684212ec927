/**
 * The NPLM goodness-of-fit test (New Physics Learning Machine, d'Agnolo &amp; Wulzer; kernel version Letizia et
 * al., arXiv:2204.02317): a Gaussian-kernel model f(x) fitted by weighted logistic regression of a data sample
 * against a (weighted) reference sample, its test statistic t, null toys, the χ² fit of their distribution, and
 * significances.
 *
 * <p>Entry point {@link org.l1embed.analysis.nplm.NplmTest#fit}; settings in
 * {@link org.l1embed.analysis.nplm.NplmSettings}. Both samples are standardized with the reference's mean and
 * standard deviation, never the data's own. The kernel matrix is computed in parallel row chunks on primitive
 * arrays; no class here knows about latents, bundles or nuisances (a nuisance-aware test passes per-event reference
 * weights). General special functions live in {@code stats}, not here.
 */
package org.l1embed.analysis.nplm;
