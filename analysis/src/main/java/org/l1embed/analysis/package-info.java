/**
 * Analysis of embeddings: anomaly scores fitted on background ({@code score}), ROC curves, AUC and signal
 * efficiency at a fixed background acceptance — the trigger figure of merit ({@code metrics}), linear probes
 * ({@code probe}). Plain Java on primitive arrays; depends only on {@code quantization}.
 */
package org.l1embed.analysis;
