package org.l1embed.training.export;

import org.l1embed.quantization.network.BatchNorm;
import org.l1embed.quantization.network.Dense;
import org.l1embed.quantization.network.Layer;
import org.l1embed.quantization.network.LeakyRelu;
import org.l1embed.quantization.network.NetworkSpec;

/**
 * A rigorous bound on how far a float32 evaluation of a network's layers (the ONNX model in ONNX Runtime) can be
 * from the exact result, for one event whose network inputs are exact (they are: the float32 preprocessing
 * inside the graph gives the same bits as {@code Preprocessing.apply}, which the reference also uses).
 *
 * <p>Standard forward error analysis (Higham, <i>Accuracy and Stability of Numerical Algorithms</i>, 2nd ed.,
 * §3.1, 3.5), with unit roundoff {@code u = 2^-24} and {@code γ_k = k·u / (1 - k·u)}. Each layer maps a magnitude
 * bound {@code M ≥ |x|} and an error bound {@code E ≥ |x̂ - x|} to new ones:
 * <ul>
 *   <li>Dense (MatMul + Add, float32 weights and bias): a dot product of n terms in any order, with or without
 *       FMA, has relative error per term ≤ γ_n; weight rounding and the bias addition add two more roundings:
 *       {@code E'_j = Σ E_i|w_ij| + γ_{n+2}·(Σ (M_i+E_i)|w_ij| + |b_j|)}, {@code M'_j = Σ M_i|w_ij| + |b_j|}.
 *   <li>BatchNorm (Mul + Add, float32 scale and shift): {@code E' = E|s| + γ_3·((M+E)|s| + |t|)}, {@code M' = M|s| + |t|}.
 *   <li>LeakyRelu (Lipschitz constant {@code L = max(1, |α|)}, float32 α, one product):
 *       {@code E' = L·E + γ_2·|α|·(M+E)}, {@code M' = L·M}. Relu and Identity are exact and 1-Lipschitz: unchanged.
 * </ul>
 * The double-precision reference has its own error, about 2^29 times smaller; {@link #tolerance} adds
 * {@code 2^-40·M} for it, and a tiny absolute term for float32 underflow.
 */
final class Float32ErrorBound {

    static final double U = 0x1p-24;

    private Float32ErrorBound() {
    }

    /** Per-output tolerance: the bound for ONNX Runtime's float32 outputs vs. the double reference. */
    static double[] tolerance(NetworkSpec spec, double[] features) {
        double[] m = new double[features.length];
        for (int i = 0; i < m.length; i++) {
            m[i] = Math.abs(features[i]);
        }
        double[] e = new double[features.length];
        for (Layer layer : spec.layers()) {
            double[][] me = step(layer, m, e);
            m = me[0];
            e = me[1];
        }
        double[] tol = new double[m.length];
        for (int j = 0; j < tol.length; j++) {
            tol[j] = e[j] + 0x1p-40 * m[j] + 1e-35;
        }
        return tol;
    }

    /** Magnitude bound of every output, {@code M} above. */
    static double[] magnitude(NetworkSpec spec, double[] features) {
        double[] m = new double[features.length];
        for (int i = 0; i < m.length; i++) {
            m[i] = Math.abs(features[i]);
        }
        for (Layer layer : spec.layers()) {
            m = step(layer, m, new double[m.length])[0];
        }
        return m;
    }

    static double gamma(int k) {
        return k * U / (1 - k * U);
    }

    private static double[][] step(Layer layer, double[] m, double[] e) {
        int n = layer.outputSize();
        double[] m2 = new double[n];
        double[] e2 = new double[n];
        switch (layer.kind()) {
            case DENSE -> {
                Dense d = (Dense) layer;
                double g = gamma(d.inputs() + 2);
                for (int j = 0; j < n; j++) {
                    double mag = 0;
                    double prop = 0;
                    double hat = 0;
                    for (int i = 0; i < d.inputs(); i++) {
                        double w = Math.abs(d.weights().get(i, j));
                        mag += m[i] * w;
                        prop += e[i] * w;
                        hat += (m[i] + e[i]) * w;
                    }
                    double b = Math.abs(d.bias().get(j));
                    m2[j] = mag + b;
                    e2[j] = prop + g * (hat + b);
                }
            }
            case BATCH_NORM -> {
                BatchNorm bn = (BatchNorm) layer;
                for (int i = 0; i < n; i++) {
                    double s = Math.abs(bn.scale(i));
                    double t = Math.abs(bn.shift(i));
                    m2[i] = m[i] * s + t;
                    e2[i] = e[i] * s + gamma(3) * ((m[i] + e[i]) * s + t);
                }
            }
            case LEAKY_RELU -> {
                double a = Math.abs(((LeakyRelu) layer).alpha());
                double lip = Math.max(1, a);
                for (int i = 0; i < n; i++) {
                    m2[i] = lip * m[i];
                    e2[i] = lip * e[i] + gamma(2) * a * (m[i] + e[i]);
                }
            }
            case RELU, LINEAR -> {
                System.arraycopy(m, 0, m2, 0, n);
                System.arraycopy(e, 0, e2, 0, n);
            }
        }
        return new double[][] {m2, e2};
    }
}
