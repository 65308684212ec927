package org.l1embed.service;

import org.l1embed.quantization.network.Dense;
import org.l1embed.quantization.network.Layer;
import org.l1embed.quantization.network.LeakyRelu;
import org.l1embed.quantization.network.NetworkSpec;

/**
 * A rigorous bound on |ONNX Runtime's float32 output − the double-precision forward pass| for the fixture networks
 * (Dense, LeakyReLU, ReLU, both sides fed the same float32-preprocessed inputs).
 *
 * <p>For a Dense output {@code y_j = b_j + Σ_i x_i w_ij} computed in float32 in any order, with inputs carrying
 * error {@code e_i}: {@code |Δy_j| <= Σ_i |w_ij| e_i + γ_{n+2} (|b_j| + Σ_i |x_i| |w_ij| + Σ_i |w_ij| e_i)}, with
 * {@code γ_k = k u / (1 − k u)}, {@code u = 2^-24} (Higham, Accuracy and Stability of Numerical Algorithms, §3.1).
 * ReLU does not increase the error; LeakyReLU multiplies it by at most max(1, α) and adds one rounding (u |y|).
 * The fixture's weights, biases and α are exact in float32, so constants add no error. The bound is doubled for
 * headroom against fused multiply-adds and the like, which only make the true error smaller.
 */
public final class Float32Bound {

    private static final double U = 0x1p-24;

    private Float32Bound() {
    }

    private static double gamma(int k) {
        return k * U / (1 - k * U);
    }

    /** Per output, the bound for one event's network inputs (after preprocessing). */
    public static double[] bound(NetworkSpec spec, double[] input) {
        double[] x = input.clone();
        double[] e = new double[x.length];
        for (Layer layer : spec.layers()) {
            double[] y = new double[layer.outputSize()];
            double[] ey = new double[layer.outputSize()];
            switch (layer.kind()) {
                case DENSE -> {
                    Dense d = (Dense) layer;
                    double g = gamma(d.inputs() + 2);
                    for (int j = 0; j < d.outputs(); j++) {
                        double acc = d.bias().get(j);
                        double mag = Math.abs(d.bias().get(j));
                        double propagated = 0;
                        for (int i = 0; i < d.inputs(); i++) {
                            double w = d.weights().get(i, j);
                            acc += x[i] * w;
                            mag += Math.abs(x[i] * w);
                            propagated += Math.abs(w) * e[i];
                        }
                        y[j] = acc;
                        ey[j] = propagated + g * (mag + propagated);
                    }
                }
                case RELU -> {
                    for (int i = 0; i < y.length; i++) {
                        y[i] = Math.max(x[i], 0);
                        ey[i] = e[i];
                    }
                }
                case LEAKY_RELU -> {
                    double alpha = ((LeakyRelu) layer).alpha();
                    for (int i = 0; i < y.length; i++) {
                        y[i] = x[i] > 0 ? x[i] : alpha * x[i];
                        ey[i] = e[i] * Math.max(1, alpha) + U * Math.abs(y[i]);
                    }
                }
                default -> throw new IllegalArgumentException("the bound covers dense, relu and leaky_relu, got " + layer.kind());
            }
            x = y;
            e = ey;
        }
        for (int i = 0; i < e.length; i++) {
            e[i] *= 2;
        }
        return e;
    }
}
