package org.l1embed.quantization.emulator;

import org.l1embed.quantization.network.BatchNorm;
import org.l1embed.quantization.network.Dense;
import org.l1embed.quantization.network.Layer;
import org.l1embed.quantization.network.LeakyRelu;
import org.l1embed.quantization.network.NetworkSpec;

/**
 * The float (double-precision) forward pass of a {@link NetworkSpec}, ignoring all fixed-point types: the
 * reference that quantized results are measured against, and what precision profiling observes.
 */
public final class FloatNetwork {

    private final NetworkSpec spec;

    public FloatNetwork(NetworkSpec spec) {
        this.spec = spec;
    }

    /** Receives every layer's output during a forward pass. */
    @FunctionalInterface
    public interface Observer {
        void layerOutput(int layerIndex, double[] values);
    }

    /** Forward pass for one event of network inputs; returns the outputs. */
    public double[] forward(double[] input) {
        return forward(input, null);
    }

    /**
     * Forward pass for many events of network inputs, each value widened from float32 (as the emulator reads them).
     *
     * @param inputs {@code [N, inputSize]} row-major
     * @return {@code [N, outputSize]} row-major
     * @throws IllegalArgumentException if the length is not a whole number of events
     */
    public double[] forwardAll(float[] inputs) {
        int n = spec.input().size();
        if (inputs.length % n != 0) {
            throw new IllegalArgumentException("inputs: expected a multiple of " + n + " values, got " + inputs.length);
        }
        int events = inputs.length / n;
        int outputs = spec.outputSize();
        double[] out = new double[events * outputs];
        double[] x = new double[n];
        for (int e = 0; e < events; e++) {
            for (int i = 0; i < n; i++) {
                x[i] = inputs[e * n + i];
            }
            System.arraycopy(forward(x, null), 0, out, e * outputs, outputs);
        }
        return out;
    }

    /** Forward pass for one event, reporting every layer's output to {@code observer} (may be null). */
    public double[] forward(double[] input, Observer observer) {
        if (input.length != spec.input().size()) {
            throw new IllegalArgumentException("input: expected " + spec.input().size() + " values, got " + input.length);
        }
        double[] x = input;
        for (int l = 0; l < spec.layers().size(); l++) {
            x = layer(spec.layers().get(l), x);
            if (observer != null) {
                observer.layerOutput(l, x);
            }
        }
        return x;
    }

    private static double[] layer(Layer layer, double[] x) {
        double[] y = new double[layer.outputSize()];
        switch (layer.kind()) {
            case DENSE -> {
                Dense d = (Dense) layer;
                for (int j = 0; j < d.outputs(); j++) {
                    double acc = d.bias().get(j);
                    for (int i = 0; i < d.inputs(); i++) {
                        acc += x[i] * d.weights().get(i, j);
                    }
                    y[j] = acc;
                }
            }
            case BATCH_NORM -> {
                BatchNorm b = (BatchNorm) layer;
                for (int i = 0; i < y.length; i++) {
                    y[i] = x[i] * b.scale(i) + b.shift(i);
                }
            }
            case RELU -> {
                for (int i = 0; i < y.length; i++) {
                    y[i] = Math.max(x[i], 0.0);
                }
            }
            case LEAKY_RELU -> {
                double alpha = ((LeakyRelu) layer).alpha();
                for (int i = 0; i < y.length; i++) {
                    y[i] = x[i] > 0 ? x[i] : alpha * x[i];
                }
            }
            case LINEAR -> System.arraycopy(x, 0, y, 0, y.length);
        }
        return y;
    }
}
