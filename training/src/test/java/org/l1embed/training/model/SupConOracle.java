package org.l1embed.training.model;

/**
 * Plain double-precision SupCon and NT-Xent, written straight from the formulas (no max shift, no masks as
 * matrices): the independent reference the TensorFlow graph is compared with.
 */
final class SupConOracle {

    private SupConOracle() {
    }

    /** SupCon L_out, anchors without positives excluded, 0 when no anchor has a positive. */
    static double supCon(double[][] z, int[] labels, double temperature) {
        double[][] u = normalise(z);
        int n = u.length;
        double sum = 0;
        int anchors = 0;
        for (int i = 0; i < n; i++) {
            double denominator = 0;
            for (int a = 0; a < n; a++) {
                if (a != i) {
                    denominator += Math.exp(dot(u[i], u[a]) / temperature);
                }
            }
            double logDenominator = Math.log(denominator);
            double positives = 0;
            int count = 0;
            for (int p = 0; p < n; p++) {
                if (p != i && labels[p] == labels[i]) {
                    positives += dot(u[i], u[p]) / temperature - logDenominator;
                    count++;
                }
            }
            if (count > 0) {
                sum += -positives / count;
                anchors++;
            }
        }
        return anchors == 0 ? 0.0 : sum / anchors;
    }

    /**
     * NT-Xent (SimCLR): rows {@code k} and {@code k + n} are the two views of event k; the mean over all 2n anchors
     * of {@code −log(exp(s(i, partner)) / Σ_{a≠i} exp(s(i,a)))}.
     */
    static double ntXent(double[][] z, double temperature) {
        double[][] u = normalise(z);
        int twoN = u.length;
        int n = twoN / 2;
        double sum = 0;
        for (int i = 0; i < twoN; i++) {
            int partner = i < n ? i + n : i - n;
            double denominator = 0;
            for (int a = 0; a < twoN; a++) {
                if (a != i) {
                    denominator += Math.exp(dot(u[i], u[a]) / temperature);
                }
            }
            sum += -Math.log(Math.exp(dot(u[i], u[partner]) / temperature) / denominator);
        }
        return sum / twoN;
    }

    private static double[][] normalise(double[][] z) {
        double[][] u = new double[z.length][];
        for (int i = 0; i < z.length; i++) {
            double norm = Math.sqrt(dot(z[i], z[i]) + 1e-12);
            u[i] = new double[z[i].length];
            for (int k = 0; k < z[i].length; k++) {
                u[i][k] = z[i][k] / norm;
            }
        }
        return u;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int k = 0; k < a.length; k++) {
            s += a[k] * b[k];
        }
        return s;
    }
}
