package org.l1embed.analysis.metrics;

/**
 * A figure of merit with its bootstrap uncertainty.
 *
 * @param value  on the full (not resampled) samples
 * @param std    standard deviation of the replicas (n − 1 in the denominator; 0 with one replica)
 * @param low68  16th percentile of the replicas
 * @param high68 84th percentile of the replicas
 */
public record Estimate(double value, double std, double low68, double high68) {
}
