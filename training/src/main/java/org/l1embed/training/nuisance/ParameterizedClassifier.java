package org.l1embed.training.nuisance;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The learned density-ratio model on the latent space, evaluated in plain Java (double accumulation):
 * {@code f(z, ν) = Σ_{k=1..order} a_k(z)·(ν/range)^k}, each {@code a_k} an MLP of Dense layers with LeakyReLU
 * between them and a single linear output. Trained so that {@code f(z, ν) ≈ log(n_ν(z)/n_0(z))}.
 *
 * <p>ν is divided by {@code range} so that the MLP outputs are of order one whatever the size of the nuisance;
 * the coefficient of ν^k in the physics.md form {@code f = Σ a_k(z)·ν^k} is {@code a_k(z)/range^k}.
 *
 * @param latentSize     d, the length of z
 * @param range          the ν scale (the training range), &gt; 0
 * @param leakyReluAlpha LeakyReLU slope for negative inputs
 * @param terms          one MLP per power k = 1..order
 */
public record ParameterizedClassifier(int latentSize, double range, double leakyReluAlpha, List<Mlp> terms) {

    /** One Dense layer: {@code kernel} is {@code [inputs, outputs]} row-major. */
    public record DenseLayer(int inputs, int outputs, float[] kernel, float[] bias) {
        public DenseLayer {
            if (kernel.length != inputs * outputs || bias.length != outputs) {
                throw new IllegalArgumentException("kernel must hold inputs*outputs=" + inputs * outputs
                        + " values and bias outputs=" + outputs + ", got kernel.length=" + kernel.length
                        + ", bias.length=" + bias.length);
            }
            kernel = kernel.clone();
            bias = bias.clone();
        }

        @Override
        public float[] kernel() {
            return kernel.clone();
        }

        @Override
        public float[] bias() {
            return bias.clone();
        }
    }

    /** Dense layers with LeakyReLU after all but the last; the last has one output. */
    public record Mlp(List<DenseLayer> layers) {
        public Mlp {
            layers = List.copyOf(layers);
            if (layers.isEmpty() || layers.get(layers.size() - 1).outputs() != 1) {
                throw new IllegalArgumentException("an MLP term needs at least one layer and a single output");
            }
        }
    }

    public ParameterizedClassifier {
        Objects.requireNonNull(terms, "terms must not be null");
        terms = List.copyOf(terms);
        if (terms.isEmpty()) {
            throw new IllegalArgumentException("terms must not be empty (order >= 1)");
        }
        if (!(range > 0) || !Double.isFinite(range)) {
            throw new IllegalArgumentException("range must be finite and > 0, got range=" + range);
        }
        for (Mlp m : terms) {
            if (m.layers().get(0).inputs() != latentSize) {
                throw new IllegalArgumentException("every term must take latentSize=" + latentSize + " inputs, got "
                        + m.layers().get(0).inputs());
            }
        }
    }

    /** The highest power of ν. */
    public int order() {
        return terms.size();
    }

    /**
     * {@code a_k(z)} for k = 1..order (index k−1), in units where ν is measured in multiples of {@link #range}.
     *
     * @throws IllegalArgumentException if {@code z.length != latentSize}
     */
    public double[] coefficients(float[] z) {
        if (z.length != latentSize) {
            throw new IllegalArgumentException("z must have latentSize=" + latentSize + " values, got z.length=" + z.length);
        }
        double[] out = new double[terms.size()];
        for (int k = 0; k < terms.size(); k++) {
            double[] h = new double[z.length];
            for (int i = 0; i < z.length; i++) {
                h[i] = z[i];
            }
            List<DenseLayer> layers = terms.get(k).layers();
            for (int l = 0; l < layers.size(); l++) {
                DenseLayer d = layers.get(l);
                float[] w = d.kernel;
                double[] next = new double[d.outputs()];
                for (int o = 0; o < d.outputs(); o++) {
                    double s = d.bias[o];
                    for (int i = 0; i < d.inputs(); i++) {
                        s += h[i] * w[i * d.outputs() + o];
                    }
                    next[o] = l + 1 < layers.size() && s < 0 ? s * leakyReluAlpha : s;
                }
                h = next;
            }
            out[k] = h[0];
        }
        return out;
    }

    /**
     * f(z, ν), the learned log(n_ν(z)/n_0(z)).
     *
     * @throws IllegalArgumentException if {@code z.length != latentSize} or ν is not finite
     */
    public double logRatio(float[] z, double nu) {
        if (!Double.isFinite(nu)) {
            throw new IllegalArgumentException("nu must be finite, got nu=" + nu);
        }
        double[] a = coefficients(z);
        double t = nu / range;
        double power = 1;
        double f = 0;
        for (double ak : a) {
            power *= t;
            f += ak * power;
        }
        return f;
    }

    /** A builder-free helper for the fine-tuner: groups flat layer lists into terms. */
    static ParameterizedClassifier of(int latentSize, double range, double alpha, List<List<DenseLayer>> terms) {
        List<Mlp> mlps = new ArrayList<>();
        for (List<DenseLayer> t : terms) {
            mlps.add(new Mlp(t));
        }
        return new ParameterizedClassifier(latentSize, range, alpha, mlps);
    }
}
