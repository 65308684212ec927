package org.l1embed.analysis.nplm;

/**
 * An independent, deliberately plain solve of the NPLM objective for small problems: the full N×M kernel matrix,
 * the Hessian formed densely, a textbook lower Cholesky. Shares no code with the production solver.
 */
final class DenseOracle {

    final double[][] k;      // N × M, rows: data then reference
    final double[][] kmm;
    final double[] weights;  // per pooled row: 1 for data, w_i for reference
    final int nData;
    final double lambda;

    /**
     * @param data      standardized data events [N_D][d]
     * @param reference standardized reference events [N_R][d]
     * @param refWeights per reference event
     * @param centres   standardized centres [M][d]
     */
    DenseOracle(double[][] data, double[][] reference, double[] refWeights, double[][] centres, double sigma,
                double lambda) {
        int n = data.length + reference.length;
        this.nData = data.length;
        this.lambda = lambda;
        this.k = new double[n][centres.length];
        this.weights = new double[n];
        for (int i = 0; i < n; i++) {
            double[] xi = i < nData ? data[i] : reference[i - nData];
            weights[i] = i < nData ? 1 : refWeights[i - nData];
            for (int j = 0; j < centres.length; j++) {
                k[i][j] = gauss(xi, centres[j], sigma);
            }
        }
        this.kmm = new double[centres.length][centres.length];
        for (int a = 0; a < centres.length; a++) {
            for (int b = 0; b < centres.length; b++) {
                kmm[a][b] = gauss(centres[a], centres[b], sigma);
            }
        }
    }

    private static double gauss(double[] a, double[] b, double sigma) {
        double s = 0;
        for (int q = 0; q < a.length; q++) {
            s += (a[q] - b[q]) * (a[q] - b[q]);
        }
        return Math.exp(-s / (2 * sigma * sigma));
    }

    double[] f(double[] alpha) {
        double[] f = new double[k.length];
        for (int i = 0; i < k.length; i++) {
            for (int j = 0; j < alpha.length; j++) {
                f[i] += k[i][j] * alpha[j];
            }
        }
        return f;
    }

    double loss(double[] alpha) {
        double[] f = f(alpha);
        double s = 0;
        for (int i = 0; i < f.length; i++) {
            double z = i < nData ? -f[i] : f[i];
            s += weights[i] * Math.log1p(Math.exp(z));
        }
        double pen = 0;
        for (int a = 0; a < alpha.length; a++) {
            for (int b = 0; b < alpha.length; b++) {
                pen += alpha[a] * kmm[a][b] * alpha[b];
            }
        }
        return s + 0.5 * lambda * pen;
    }

    /** The Newton step Δ = −H⁻¹∇L at alpha. */
    double[] newtonStep(double[] alpha) {
        int m = alpha.length;
        double[] f = f(alpha);
        double[] g = new double[m];
        double[][] h = new double[m][m];
        for (int i = 0; i < f.length; i++) {
            double p = 1 / (1 + Math.exp(-f[i]));
            double r = i < nData ? -(1 - p) : weights[i] * p;
            double c = weights[i] * p * (1 - p);
            for (int a = 0; a < m; a++) {
                g[a] += r * k[i][a];
                for (int b = 0; b < m; b++) {
                    h[a][b] += c * k[i][a] * k[i][b];
                }
            }
        }
        for (int a = 0; a < m; a++) {
            for (int b = 0; b < m; b++) {
                g[a] += lambda * kmm[a][b] * alpha[b];
                h[a][b] += lambda * kmm[a][b];
            }
        }
        double[][] l = new double[m][m];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j <= i; j++) {
                double s = h[i][j];
                for (int q = 0; q < j; q++) {
                    s -= l[i][q] * l[j][q];
                }
                l[i][j] = i == j ? Math.sqrt(s) : s / l[j][j];
            }
        }
        double[] y = new double[m];
        for (int i = 0; i < m; i++) {
            double s = -g[i];
            for (int q = 0; q < i; q++) {
                s -= l[i][q] * y[q];
            }
            y[i] = s / l[i][i];
        }
        double[] x = new double[m];
        for (int i = m - 1; i >= 0; i--) {
            double s = y[i];
            for (int q = i + 1; q < m; q++) {
                s -= l[q][i] * x[q];
            }
            x[i] = s / l[i][i];
        }
        return x;
    }

    /** The minimizer, by damped Newton until the step stops changing α. */
    double[] minimize() {
        double[] alpha = new double[kmm.length];
        for (int it = 0; it < 200; it++) {
            double[] step = newtonStep(alpha);
            double before = loss(alpha);
            double s = 1;
            double[] next = new double[alpha.length];
            for (int h = 0; h < 60; h++) {
                for (int j = 0; j < alpha.length; j++) {
                    next[j] = alpha[j] + s * step[j];
                }
                if (loss(next) <= before) {
                    break;
                }
                s /= 2;
            }
            double size = 0;
            double scale = 0;
            for (int j = 0; j < alpha.length; j++) {
                size = Math.max(size, Math.abs(next[j] - alpha[j]));
                scale = Math.max(scale, Math.abs(next[j]));
            }
            alpha = next;
            if (size <= 1e-15 * (1 + scale)) {
                break;
            }
        }
        return alpha;
    }

    double t(double[] alpha) {
        double[] f = f(alpha);
        double s = 0;
        for (int i = 0; i < f.length; i++) {
            s += i < nData ? f[i] : -weights[i] * Math.expm1(f[i]);
        }
        return 2 * s;
    }
}
