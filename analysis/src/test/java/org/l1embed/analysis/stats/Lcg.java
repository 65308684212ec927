package org.l1embed.analysis.stats;

/**
 * The deterministic generator the oracle values were computed with, defined identically in Python:
 *
 * <pre>
 * class Lcg:
 *     def __init__(s, seed): s.x = seed % 2**64
 *     def u(s):
 *         s.x = (6364136223846793005*s.x + 1442695040888963407) % 2**64
 *         return (s.x >> 11) * 2.0**-53
 *     def normal(s):                      # Irwin–Hall: arithmetic only, so both languages agree bit for bit
 *         t = 0.0
 *         for _ in range(12): t += s.u()
 *         return t - 6.0
 * def normals(seed, n, shift=0.0, decimals=None):
 *     g = Lcg(seed); a = np.array([g.normal() + shift for _ in range(n)])
 *     return np.round(a, decimals) if decimals is not None else a
 * </pre>
 */
final class Lcg {

    private long x;

    Lcg(long seed) {
        x = seed;
    }

    double u() {
        x = 6364136223846793005L * x + 1442695040888963407L;
        return (x >>> 11) * 0x1.0p-53;
    }

    double normal() {
        double t = 0;
        for (int i = 0; i < 12; i++) {
            t += u();
        }
        return t - 6.0;
    }

    static double[] normals(long seed, int n, double shift) {
        Lcg g = new Lcg(seed);
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = g.normal() + shift;
        }
        return a;
    }

    /** As numpy.round(a, decimals): multiply, round half to even, divide. */
    static double[] normals(long seed, int n, double shift, int decimals) {
        double[] a = normals(seed, n, shift);
        double scale = Math.pow(10, decimals);
        for (int i = 0; i < n; i++) {
            a[i] = Math.rint(a[i] * scale) / scale;
        }
        return a;
    }
}
