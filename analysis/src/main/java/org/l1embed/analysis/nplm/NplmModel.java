package org.l1embed.analysis.nplm;

/**
 * A fitted NPLM model f(x) = Σⱼ αⱼ exp(−‖z(x) − x̃ⱼ‖²/2σ²), where z(x) standardizes x with the reference's mean and
 * standard deviation and x̃ⱼ are the centres in standardized units. f estimates ln(n_data(x)/n_ref(x)), the log ratio
 * of the data and (weighted) reference densities. Immutable; accessors return copies.
 */
public final class NplmModel {

    private final double[] mean;
    private final double[] std;
    private final double[] centres;   // M × d, standardized
    private final double sigma;
    private final double[] alpha;

    NplmModel(double[] mean, double[] std, double[] centres, double sigma, double[] alpha) {
        this.mean = mean;
        this.std = std;
        this.centres = centres;
        this.sigma = sigma;
        this.alpha = alpha;
    }

    /** Number of features d. */
    public int dimension() {
        return mean.length;
    }

    /** M, the number of centres. */
    public int centreCount() {
        return alpha.length;
    }

    /** The kernel width σ in standardized units. */
    public double sigma() {
        return sigma;
    }

    /** The coefficients α (length M). */
    public double[] alpha() {
        return alpha.clone();
    }

    /** The centres in standardized units, row-major M × d. */
    public double[] standardizedCentres() {
        return centres.clone();
    }

    /** The reference mean per feature, the standardization's offset. */
    public double[] mean() {
        return mean.clone();
    }

    /** The reference standard deviation per feature, the standardization's scale. */
    public double[] standardDeviation() {
        return std.clone();
    }

    /**
     * f at one event in input (unstandardized) units.
     *
     * @throws IllegalArgumentException if the event does not have d features
     */
    public double evaluate(double[] event) {
        if (event.length != mean.length) {
            throw new IllegalArgumentException("nplm model: event must have " + mean.length + " features, got "
                    + event.length);
        }
        int d = mean.length;
        double f = 0;
        double g = 1 / (2 * sigma * sigma);
        for (int j = 0; j < alpha.length; j++) {
            double s = 0;
            for (int k = 0; k < d; k++) {
                double t = (event[k] - mean[k]) / std[k] - centres[j * d + k];
                s += t * t;
            }
            f += alpha[j] * Math.exp(-g * s);
        }
        return f;
    }

    /**
     * f at every event of a sample.
     *
     * @throws IllegalArgumentException if the sample's dimension is not d
     */
    public double[] evaluate(Sample events) {
        if (events.dimension() != mean.length) {
            throw new IllegalArgumentException("nplm model: sample dimension " + events.dimension() + " must equal "
                    + mean.length);
        }
        double[] f = new double[events.size()];
        double[] row = new double[mean.length];
        for (int e = 0; e < f.length; e++) {
            for (int k = 0; k < row.length; k++) {
                row[k] = events.value(e, k);
            }
            f[e] = evaluate(row);
        }
        return f;
    }
}
