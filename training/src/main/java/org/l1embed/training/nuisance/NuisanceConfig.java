package org.l1embed.training.nuisance;

import java.util.Objects;

/**
 * What a nuisance fine-tuning learns: ν is drawn uniformly from [−range, range] independently for every event
 * pair, the classifier is {@code f(z, ν) = Σ_{k=1..order} a_k(z)·ν^k}, and the total loss is
 * {@code L_SupCon + lambda·L_param}.
 *
 * @param nuisance the nuisance parameter
 * @param range    half-width of the ν interval, finite and &gt; 0 (for JES a log-scale: 0.05 is ±5 %)
 * @param order    highest power of ν, 1 or 2
 * @param lambda   weight of the parameterized-classifier loss, finite and &gt;= 0 (physics.md used 0.1 and 0.5)
 */
public record NuisanceConfig(Nuisance nuisance, double range, int order, double lambda) {

    public NuisanceConfig {
        Objects.requireNonNull(nuisance, "nuisance must not be null");
        if (!(range > 0) || !Double.isFinite(range)) {
            throw new IllegalArgumentException("range must be finite and > 0, got range=" + range);
        }
        if (order < 1 || order > 2) {
            throw new IllegalArgumentException("order must be 1 or 2, got order=" + order);
        }
        if (!(lambda >= 0) || !Double.isFinite(lambda)) {
            throw new IllegalArgumentException("lambda must be finite and >= 0, got lambda=" + lambda);
        }
    }

    /** A config whose nuisance is given by name ({@link Nuisance#parse}). */
    public static NuisanceConfig of(String nuisance, double range, int order, double lambda) {
        return new NuisanceConfig(Nuisance.parse(nuisance), range, order, lambda);
    }
}
