package org.l1embed.analysis.stats;

/**
 * Least-squares polynomial y ≈ Σ_{k=0}^{degree} c_k x^k (intercept included).
 *
 * <p>Solved by Householder QR of the Vandermonde matrix in the centred and scaled variable t = (x − x̄)/s,
 * s = max|x − x̄|, then converted back to powers of x; this is well conditioned for the small degrees used
 * here. R² = 1 − SS_res/SS_tot with SS_tot = Σ(y − ȳ)² (NaN when all y are equal); the residual standard
 * deviation is √(SS_res/(n − degree − 1)) (NaN when n = degree + 1).
 *
 * @param coefficients c_0 … c_degree (lowest power first; {@code numpy.polyfit} returns them reversed)
 * @param rSquared coefficient of determination
 * @param residualStd residual standard deviation
 */
public record PolynomialFit(double[] coefficients, double rSquared, double residualStd) {

    public PolynomialFit {
        coefficients = coefficients.clone();
    }

    @Override
    public double[] coefficients() {
        return coefficients.clone();
    }

    public int degree() {
        return coefficients.length - 1;
    }

    /** The fitted polynomial at x (Horner). */
    public double valueAt(double x) {
        double v = 0;
        for (int k = coefficients.length - 1; k >= 0; k--) {
            v = v * x + coefficients[k];
        }
        return v;
    }

    /**
     * Fits a polynomial of the given degree.
     *
     * @param degree ≥ 0
     * @throws IllegalArgumentException if lengths differ, a value is not finite, degree &lt; 0, or there are fewer
     *     than degree + 1 distinct x values
     */
    public static PolynomialFit fit(double[] x, double[] y, int degree) {
        if (degree < 0) {
            throw new IllegalArgumentException("degree must be >= 0, got " + degree);
        }
        if (x.length != y.length) {
            throw new IllegalArgumentException("x length " + x.length + " must equal y length " + y.length);
        }
        int n = x.length;
        int p = degree + 1;
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(x[i]) || !Double.isFinite(y[i])) {
                throw new IllegalArgumentException("point " + i + " must be finite, got x=" + x[i] + ", y=" + y[i]);
            }
        }
        long distinct = java.util.Arrays.stream(x).distinct().count();
        if (distinct < p) {
            throw new IllegalArgumentException("a degree-" + degree + " fit needs at least " + p
                    + " distinct x values, got " + distinct);
        }
        double mean = 0;
        for (double v : x) {
            mean += v;
        }
        mean /= n;
        double scale = 0;
        for (double v : x) {
            scale = Math.max(scale, Math.abs(v - mean));
        }
        if (scale == 0) {
            scale = 1;   // only possible for degree 0 with a single distinct x
        }
        double[][] a = new double[n][p];
        double[] rhs = y.clone();
        for (int i = 0; i < n; i++) {
            double t = (x[i] - mean) / scale;
            double pow = 1;
            for (int k = 0; k < p; k++) {
                a[i][k] = pow;
                pow *= t;
            }
        }
        double[] inScaled = solveQr(a, rhs, p);
        double[] coefficients = unscale(inScaled, mean, scale);

        double yMean = 0;
        for (double v : y) {
            yMean += v;
        }
        yMean /= n;
        double ssRes = 0;
        double ssTot = 0;
        for (int i = 0; i < n; i++) {
            double t = (x[i] - mean) / scale;
            double fitted = 0;
            for (int k = p - 1; k >= 0; k--) {
                fitted = fitted * t + inScaled[k];
            }
            double r = y[i] - fitted;
            ssRes += r * r;
            ssTot += (y[i] - yMean) * (y[i] - yMean);
        }
        double r2 = ssTot == 0 ? Double.NaN : 1 - ssRes / ssTot;
        double residualStd = n > p ? Math.sqrt(ssRes / (n - p)) : Double.NaN;
        return new PolynomialFit(coefficients, r2, residualStd);
    }

    /** Householder QR least squares; a is n×p (overwritten), b length n (overwritten). */
    private static double[] solveQr(double[][] a, double[] b, int p) {
        int n = a.length;
        for (int k = 0; k < p; k++) {
            double norm = 0;
            for (int i = k; i < n; i++) {
                norm = Math.hypot(norm, a[i][k]);
            }
            double alpha = a[k][k] > 0 ? -norm : norm;
            double[] v = new double[n];
            v[k] = a[k][k] - alpha;
            for (int i = k + 1; i < n; i++) {
                v[i] = a[i][k];
            }
            double vv = 0;
            for (int i = k; i < n; i++) {
                vv += v[i] * v[i];
            }
            if (vv == 0) {
                continue;
            }
            for (int j = k; j < p; j++) {
                double dot = 0;
                for (int i = k; i < n; i++) {
                    dot += v[i] * a[i][j];
                }
                double f = 2 * dot / vv;
                for (int i = k; i < n; i++) {
                    a[i][j] -= f * v[i];
                }
            }
            double dot = 0;
            for (int i = k; i < n; i++) {
                dot += v[i] * b[i];
            }
            double f = 2 * dot / vv;
            for (int i = k; i < n; i++) {
                b[i] -= f * v[i];
            }
        }
        double[] c = new double[p];
        for (int k = p - 1; k >= 0; k--) {
            double s = b[k];
            for (int j = k + 1; j < p; j++) {
                s -= a[k][j] * c[j];
            }
            c[k] = s / a[k][k];
        }
        return c;
    }

    /** Coefficients of Σ a_j ((x − m)/s)^j in powers of x. */
    private static double[] unscale(double[] a, double m, double s) {
        int p = a.length;
        double[] c = new double[p];
        for (int j = 0; j < p; j++) {
            double aj = a[j] / Math.pow(s, j);
            double binom = 1;
            for (int k = 0; k <= j; k++) {
                // C(j, k) · (−m)^{j−k}
                c[k] += aj * binom * Math.pow(-m, j - k);
                binom = binom * (j - k) / (k + 1);
            }
        }
        return c;
    }
}
