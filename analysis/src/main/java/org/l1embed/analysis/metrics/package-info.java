/** ROC curves, AUC (Mann–Whitney, ties counted half) and signal efficiency at a fixed background acceptance. */
package org.l1embed.analysis.metrics;
