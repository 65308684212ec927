package org.l1embed.analysis.nplm;

/**
 * The M×M dense linear algebra of the preconditioner: Cholesky factors stored as upper-triangular U (UᵀU = A) in
 * row-major full matrices, so every inner loop runs along a row.
 */
final class Dense {

    private Dense() {
    }

    /**
     * Factors the symmetric positive-definite {@code a} (upper triangle read) in place into upper U with UᵀU = a + εI,
     * where ε starts at M·2.2e-16 times the mean diagonal and grows tenfold until every pivot is positive (Falkon's
     * jitter: the Gaussian K_MM is numerically rank-deficient; the jitter changes the preconditioner, never the
     * solution).
     *
     * @throws ArithmeticException if no jitter up to the mean diagonal makes it positive definite
     */
    /** An upper Cholesky factor and the jitter ε that was added to the diagonal before factoring. */
    record Factor(double[] upper, double jitter) {
    }

    static Factor choleskyWithJitter(double[] a, int m, String what) {
        double meanDiagonal = 0;
        for (int i = 0; i < m; i++) {
            meanDiagonal += a[i * m + i];
        }
        meanDiagonal = Math.max(meanDiagonal / m, Double.MIN_NORMAL);
        for (double eps = m * 0x1.0p-52 * meanDiagonal; eps <= meanDiagonal; eps *= 10) {
            double[] u = a.clone();
            for (int i = 0; i < m; i++) {
                u[i * m + i] += eps;
            }
            if (factorUpper(u, m)) {
                return new Factor(u, eps);
            }
        }
        throw new ArithmeticException("nplm: " + what + " is not positive definite even with jitter "
                + meanDiagonal);
    }

    /** In-place upper Cholesky; false on a non-positive pivot. The strict lower triangle is zeroed. */
    static boolean factorUpper(double[] a, int m) {
        for (int k = 0; k < m; k++) {
            double pivot = a[k * m + k];
            if (!(pivot > 0) || Double.isInfinite(pivot)) {
                return false;
            }
            double r = Math.sqrt(pivot);
            a[k * m + k] = r;
            double inv = 1 / r;
            int rowK = k * m;
            for (int j = k + 1; j < m; j++) {
                a[rowK + j] *= inv;
            }
            for (int i = k + 1; i < m; i++) {
                double f = a[rowK + i];
                if (f != 0) {
                    int rowI = i * m;
                    for (int j = i; j < m; j++) {
                        a[rowI + j] -= f * a[rowK + j];
                    }
                }
            }
        }
        for (int i = 1; i < m; i++) {
            for (int j = 0; j < i; j++) {
                a[i * m + j] = 0;
            }
        }
        return true;
    }

    /** x with U·x = b (back substitution). */
    static double[] solveUpper(double[] u, int m, double[] b) {
        double[] x = new double[m];
        for (int i = m - 1; i >= 0; i--) {
            double s = b[i];
            int row = i * m;
            for (int j = i + 1; j < m; j++) {
                s -= u[row + j] * x[j];
            }
            x[i] = s / u[row + i];
        }
        return x;
    }

    /** x with Uᵀ·x = b (forward substitution, row-oriented). */
    static double[] solveUpperTransposed(double[] u, int m, double[] b) {
        double[] x = b.clone();
        for (int i = 0; i < m; i++) {
            int row = i * m;
            double xi = x[i] / u[row + i];
            x[i] = xi;
            for (int j = i + 1; j < m; j++) {
                x[j] -= u[row + j] * xi;
            }
        }
        return x;
    }

    /** U·v for upper-triangular U. */
    static double[] upperTimes(double[] u, int m, double[] v) {
        double[] y = new double[m];
        for (int i = 0; i < m; i++) {
            double s = 0;
            int row = i * m;
            for (int j = i; j < m; j++) {
                s += u[row + j] * v[j];
            }
            y[i] = s;
        }
        return y;
    }

    /** Uᵀ·v for upper-triangular U (row-oriented accumulation). */
    static double[] upperTransposedTimes(double[] u, int m, double[] v) {
        double[] y = new double[m];
        for (int i = 0; i < m; i++) {
            double vi = v[i];
            int row = i * m;
            for (int j = i; j < m; j++) {
                y[j] += u[row + j] * vi;
            }
        }
        return y;
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /**
     * The upper triangle of scale·T·diag(w)·Tᵀ for upper-triangular T, rows computed in parallel (each row by one
     * task, so the result does not depend on the thread count).
     */
    static double[] upperTimesDiagonalTimesTransposed(double[] t, int m, double[] w, double scale, KernelMatrix runner) {
        double[] tt = new double[m * m];   // Tᵀ, row j holds column j of T: nonzero for k ≤ j
        for (int i = 0; i < m; i++) {
            for (int j = i; j < m; j++) {
                tt[j * m + i] = t[i * m + j];
            }
        }
        double[] c = new double[m * m];
        runner.parallel(m, i -> {
            int rowI = i * m;
            for (int j = i; j < m; j++) {
                double f = scale * t[rowI + j] * w[j];
                if (f != 0) {
                    int rowJ = j * m;
                    // C_ik += T_ij w_j T_kj for i ≤ k ≤ j
                    for (int k = i; k <= j; k++) {
                        c[rowI + k] += f * tt[rowJ + k];
                    }
                }
            }
        });
        return c;
    }
}
