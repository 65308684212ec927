/**
 * Separation of signal from background by a score: {@link org.l1embed.analysis.metrics.Roc} (AUC with ties counted
 * half, thresholds that never exceed a background acceptance, efficiency at the trigger's acceptances with the
 * threshold and a flag when the background sample cannot resolve them, ROC and efficiency-vs-rate curves) and
 * {@link org.l1embed.analysis.metrics.RocBootstrap} (seeded bootstrap uncertainties, identical with or without
 * threads). Nothing here plots or reads files; definitions are in docs/analysis.md.
 */
package org.l1embed.analysis.metrics;
