/**
 * Analysis of embeddings: anomaly scores fitted on background ({@code score}), ROC curves, AUC and signal
 * efficiency at fixed background acceptances — the trigger figures of merit — with bootstrap uncertainties
 * ({@code metrics}), the NPLM signal-agnostic kernel test with toys, significances and its systematics-aware form
 * ({@code nplm}), linear probes ({@code probe}), two-sample tests, fits and special functions ({@code stats}), PNG
 * charts rendered with XChart behind a small project API ({@code plot}), and the systematics report of a
 * nuisance-parameterized latent space ({@code systematics}). Plain Java on primitive arrays; depends only on
 * {@code quantization}, Jackson for JSON reports and XChart for PNGs.
 */
package org.l1embed.analysis;
