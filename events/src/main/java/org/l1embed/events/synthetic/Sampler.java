package org.l1embed.events.synthetic;

import org.l1embed.events.SplitMix64;

/**
 * Random variates for the generator, from one {@link SplitMix64} stream. Transcendental functions come from
 * {@link StrictMath} (fdlibm), whose results are specified bit for bit, so that a seed gives the same events on
 * every JVM. Not thread-safe.
 */
final class Sampler {

    private final SplitMix64 random;
    private double spareGaussian;
    private boolean hasSpare;

    /** The cosine and sine of the last angle drawn by {@link #azimuth()}. */
    double cos;
    double sin;

    Sampler(long seed) {
        this.random = new SplitMix64(seed);
    }

    /** Uniform in [0, 1). */
    double uniform() {
        return random.nextDouble();
    }

    /** Uniform in [a, b). */
    double uniform(double a, double b) {
        return a + (b - a) * random.nextDouble();
    }

    /** True with probability p. */
    boolean chance(double p) {
        return random.nextDouble() < p;
    }

    /** Standard normal, Marsaglia's polar method (two variates per accepted pair; the second is kept). */
    double gaussian() {
        if (hasSpare) {
            hasSpare = false;
            return spareGaussian;
        }
        double u;
        double v;
        double s;
        do {
            u = 2 * random.nextDouble() - 1;
            v = 2 * random.nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        double f = Math.sqrt(-2 * StrictMath.log(s) / s);
        spareGaussian = v * f;
        hasSpare = true;
        return u * f;
    }

    /** Normal with mean 0 and width sigma, redrawn until |x| &lt; limit. */
    double truncatedGaussian(double sigma, double limit) {
        double x;
        do {
            x = sigma * gaussian();
        } while (Math.abs(x) >= limit);
        return x;
    }

    /** Exponential with the given mean. */
    double exponential(double mean) {
        return -mean * StrictMath.log(random.nextDoubleNonZero());
    }

    /** Gamma with shape 2 and the given scale (mean 2·scale): the sum of two exponentials, one logarithm. */
    double gamma2(double scale) {
        return -scale * StrictMath.log(random.nextDoubleNonZero() * random.nextDoubleNonZero());
    }

    /** Power law p(x) ∝ x^(−index) for x ≥ min (index &gt; 1), by inversion. */
    double powerLaw(double min, double index) {
        return min * StrictMath.pow(random.nextDoubleNonZero(), -1.0 / (index - 1.0));
    }

    /** Relativistic-width-free Breit–Wigner (Cauchy) with mass m and width Γ, truncated to [lo, hi], by inversion. */
    double breitWigner(double m, double width, double lo, double hi) {
        double a = StrictMath.atan(2 * (lo - m) / width);
        double b = StrictMath.atan(2 * (hi - m) / width);
        return m + 0.5 * width * StrictMath.tan(a + (b - a) * random.nextDouble());
    }

    /** A uniform azimuth in [−π, π); its cosine and sine are left in {@link #cos} and {@link #sin}. */
    double azimuth() {
        double phi = Math.PI * (2 * random.nextDouble() - 1);
        cos = StrictMath.cos(phi);
        sin = StrictMath.sin(phi);
        return phi;
    }
}
