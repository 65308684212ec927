/**
 * Analysis of embeddings: anomaly scores fitted on background ({@code score}), ROC curves, AUC and signal
 * efficiency at a fixed background acceptance — the trigger figure of merit ({@code metrics}), linear probes
 * ({@code probe}), two-sample tests, fits and special functions ({@code stats}), PNG charts drawn with Java2D
 * ({@code plot}), and the systematics report of a nuisance-parameterized latent space ({@code systematics}).
 * Plain Java on primitive arrays; depends only on {@code quantization} (and Jackson for JSON reports).
 */
package org.l1embed.analysis;
