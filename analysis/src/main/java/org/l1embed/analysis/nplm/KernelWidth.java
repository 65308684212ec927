package org.l1embed.analysis.nplm;

/**
 * The Gaussian kernel width σ, in units of the reference-standardized features: either fixed, or a percentile of
 * the pairwise distances between reference events (the NPLM convention: the 90th percentile on ~2000 events).
 */
public sealed interface KernelWidth {

    /** The default: 90th percentile of pairwise distances on 2000 reference events. */
    static KernelWidth defaultPercentile() {
        return new Percentile(90, 2000);
    }

    /**
     * A fixed width.
     *
     * @param sigma σ &gt; 0, finite, in standardized units
     */
    record Fixed(double sigma) implements KernelWidth {
        public Fixed {
            if (!(sigma > 0) || Double.isInfinite(sigma)) {
                throw new IllegalArgumentException("kernel width: sigma must be positive and finite, got sigma="
                        + sigma);
            }
        }
    }

    /**
     * σ = the given percentile of the Euclidean distances between all pairs of {@code events} reference events
     * drawn without replacement (seeded by the fit's seed); all reference events if there are fewer. Percentiles
     * interpolate linearly between order statistics (numpy's default).
     *
     * @param percentile in (0, 100]
     * @param events number of events, ≥ 2
     */
    record Percentile(double percentile, int events) implements KernelWidth {
        public Percentile {
            if (!(percentile > 0 && percentile <= 100)) {
                throw new IllegalArgumentException("kernel width: percentile must be in (0, 100], got percentile="
                        + percentile);
            }
            if (events < 2) {
                throw new IllegalArgumentException("kernel width: events must be >= 2, got events=" + events);
            }
        }
    }
}
