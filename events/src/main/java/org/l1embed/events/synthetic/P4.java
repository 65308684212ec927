package org.l1embed.events.synthetic;

/**
 * A four-momentum (GeV) in the detector frame: z along the beam. Immutable; only the generator uses it.
 */
final class P4 {

    final double px;
    final double py;
    final double pz;
    final double e;

    P4(double px, double py, double pz, double e) {
        this.px = px;
        this.py = py;
        this.pz = pz;
        this.e = e;
    }

    /** From transverse momentum components, rapidity y and mass m: E = mT·cosh y, pz = mT·sinh y. */
    static P4 ofRapidity(double px, double py, double y, double m) {
        double mt = Math.sqrt(m * m + px * px + py * py);
        double ey = StrictMath.exp(y);
        double inv = 1 / ey;
        return new P4(px, py, 0.5 * mt * (ey - inv), 0.5 * mt * (ey + inv));
    }

    double pt() {
        return Math.sqrt(px * px + py * py);
    }

    /** Pseudorapidity η = asinh(pz / pT); the caller ensures pT &gt; 0. */
    double eta() {
        double q = pz / pt();
        double a = Math.abs(q);
        double eta = StrictMath.log(a + Math.sqrt(a * a + 1));
        return q < 0 ? -eta : eta;
    }

    double mass() {
        double m2 = e * e - px * px - py * py - pz * pz;
        return m2 > 0 ? Math.sqrt(m2) : 0;
    }

    /**
     * Two-body decay into masses m1 and m2, isotropic in the rest frame; returns the daughters in this frame.
     * Requires m1 + m2 &lt; mass.
     */
    P4[] decay(double m1, double m2, Sampler s) {
        double m = mass();
        double sum = m1 + m2;
        double diff = m1 - m2;
        double p = Math.sqrt(Math.max(0, (m * m - sum * sum) * (m * m - diff * diff))) / (2 * m);
        double cosTheta = 2 * s.uniform() - 1;
        double sinTheta = Math.sqrt(Math.max(0, 1 - cosTheta * cosTheta));
        s.azimuth();
        double x = p * sinTheta * s.cos;
        double y = p * sinTheta * s.sin;
        double z = p * cosTheta;
        double gamma = e / m;
        P4 a = new P4(x, y, z, Math.sqrt(p * p + m1 * m1)).boost(px / e, py / e, pz / e, gamma);
        P4 b = new P4(-x, -y, -z, Math.sqrt(p * p + m2 * m2)).boost(px / e, py / e, pz / e, gamma);
        return new P4[] {a, b};
    }

    /**
     * This momentum boosted by velocity β (from a parent's rest frame to the frame where the parent moves with
     * β); γ is passed in (E/m of the parent) because 1/√(1−β²) loses precision for fast parents.
     */
    P4 boost(double bx, double by, double bz, double gamma) {
        double b2 = bx * bx + by * by + bz * bz;
        if (b2 <= 0) {
            return this;
        }
        double bp = bx * px + by * py + bz * pz;
        double g2 = (gamma - 1) / b2;
        double k = g2 * bp + gamma * e;
        return new P4(px + k * bx, py + k * by, pz + k * bz, gamma * (e + bp));
    }

    /** The same direction with every component multiplied by f (collinear fraction of a massless momentum). */
    P4 scale(double f) {
        return new P4(f * px, f * py, f * pz, f * e);
    }
}
