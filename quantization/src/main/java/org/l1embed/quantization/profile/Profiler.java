package org.l1embed.quantization.profile;

import java.util.ArrayList;
import java.util.List;
import org.l1embed.quantization.emulator.FloatNetwork;
import org.l1embed.quantization.fixed.FixedType;
import org.l1embed.quantization.fixed.Overflow;
import org.l1embed.quantization.fixed.Rounding;
import org.l1embed.quantization.network.AccumulatorRule;
import org.l1embed.quantization.network.BatchNorm;
import org.l1embed.quantization.network.Dense;
import org.l1embed.quantization.network.Layer;
import org.l1embed.quantization.network.LeakyRelu;
import org.l1embed.quantization.network.Linear;
import org.l1embed.quantization.network.NetworkSpec;
import org.l1embed.quantization.network.Relu;
import org.l1embed.quantization.network.Tensor;

/**
 * Precision profiling: runs the float network on sample inputs, records per layer the range of every tensor
 * (weights, biases, outputs), and proposes fixed-point types of a given total width whose integer bits cover
 * the observed ranges. Accumulators are proposed as the never-overflowing {@link AccumulatorRule#auto}.
 */
public final class Profiler {

    /** The widths of the types {@code propose} makes: 1 to this many bits. */
    public static final int MAX_PROPOSED_WIDTH = 32;

    private Profiler() {
    }

    /**
     * Profiles a network (its fixed-point types, if any, are ignored) on {@code inputs}, which hold network inputs
     * (already preprocessed: the spec's preprocessing is not applied here) for events back to back.
     *
     * @throws IllegalArgumentException if the input length is not a multiple of the input size or a value is not finite
     */
    public static NetworkProfile profile(NetworkSpec spec, float[] inputs) {
        int n = spec.input().size();
        if (inputs.length == 0 || inputs.length % n != 0) {
            throw new IllegalArgumentException("inputs: expected a positive multiple of " + n + " values, got " + inputs.length);
        }
        int layers = spec.layers().size();
        double[] outMin = filled(layers, Double.POSITIVE_INFINITY);
        double[] outMax = filled(layers, Double.NEGATIVE_INFINITY);
        double inMin = Double.POSITIVE_INFINITY;
        double inMax = Double.NEGATIVE_INFINITY;
        FloatNetwork net = new FloatNetwork(spec);
        int events = inputs.length / n;
        double[] x = new double[n];
        for (int e = 0; e < events; e++) {
            for (int i = 0; i < n; i++) {
                float v = inputs[e * n + i];
                if (!Float.isFinite(v)) {
                    throw new IllegalArgumentException("inputs: event " + e + ", feature " + i + " is " + v + "; inputs must be finite");
                }
                x[i] = v;
                inMin = Math.min(inMin, v);
                inMax = Math.max(inMax, v);
            }
            net.forward(x, (l, values) -> {
                for (double v : values) {
                    outMin[l] = Math.min(outMin[l], v);
                    outMax[l] = Math.max(outMax[l], v);
                }
            });
        }
        List<TensorProfile> tensors = new ArrayList<>();
        tensors.add(new TensorProfile("input", "input", inMin, inMax, (long) events * n));
        for (int l = 0; l < layers; l++) {
            Layer layer = spec.layers().get(l);
            switch (layer.kind()) {
                case DENSE -> {
                    Dense d = (Dense) layer;
                    tensors.add(constant(d.name(), "weight", d.weights()));
                    tensors.add(constant(d.name(), "bias", d.bias()));
                }
                case BATCH_NORM -> {
                    BatchNorm b = (BatchNorm) layer;
                    double[] scale = new double[b.size()];
                    double[] shift = new double[b.size()];
                    for (int i = 0; i < b.size(); i++) {
                        scale[i] = b.scale(i);
                        shift[i] = b.shift(i);
                    }
                    tensors.add(constant(b.name(), "scale", Tensor.vector(scale)));
                    tensors.add(constant(b.name(), "shift", Tensor.vector(shift)));
                }
                case LEAKY_RELU -> tensors.add(constant(layer.name(), "alpha", Tensor.vector(((LeakyRelu) layer).alpha())));
                case RELU, LINEAR -> { }
            }
            tensors.add(new TensorProfile(layer.name(), "result", outMin[l], outMax[l], (long) events * layer.outputSize()));
        }
        return new NetworkProfile(events, tensors);
    }

    /**
     * A quantized copy of {@code spec} with types proposed from {@code profile}: every tensor gets
     * {@code width} bits, signed if a negative value was seen, integer bits from the observed range plus
     * {@code marginBits} — one more where the observed extreme would round past the range (a maximum just
     * below a power of two rounding up); constants (weights, biases, scales, alpha) use {@code constantRounding} and data
     * (input, results) {@code dataRounding}; all use {@code overflow}. Accumulators: the auto rule.
     */
    public static NetworkSpec propose(NetworkSpec spec, NetworkProfile profile, int width, int marginBits,
                                      Rounding constantRounding, Rounding dataRounding, Overflow overflow) {
        return propose(spec, profile, width, width, marginBits, constantRounding, dataRounding, overflow);
    }

    /**
     * As {@link #propose(NetworkSpec, NetworkProfile, int, int, Rounding, Rounding, Overflow)}, with one width for the
     * constants (weights, biases, BatchNorm scales and shifts, LeakyReLU alphas) and another for the data (the input and
     * every layer result) — hls4ml's usual split of narrow weights and wider activations.
     *
     * @throws IllegalArgumentException if a width is outside 1..32 or {@code marginBits} outside 0..16
     */
    public static NetworkSpec propose(NetworkSpec spec, NetworkProfile profile, int constantWidth, int width, int marginBits,
                                      Rounding constantRounding, Rounding dataRounding, Overflow overflow) {
        if (width < 1 || width > MAX_PROPOSED_WIDTH) {
            throw new IllegalArgumentException("width must be in 1.." + MAX_PROPOSED_WIDTH + " for proposed types, got width=" + width);
        }
        if (constantWidth < 1 || constantWidth > MAX_PROPOSED_WIDTH) {
            throw new IllegalArgumentException("constantWidth must be in 1.." + MAX_PROPOSED_WIDTH + " for proposed types, got constantWidth="
                    + constantWidth);
        }
        if (marginBits < 0 || marginBits > 16) {
            throw new IllegalArgumentException("marginBits must be in 0..16, got marginBits=" + marginBits);
        }
        Proposer p = new Proposer(profile, width, marginBits, overflow);
        Proposer c = new Proposer(profile, constantWidth, marginBits, overflow);
        FixedType previous = p.type("input", "input", dataRounding);
        List<Layer> layers = new ArrayList<>();
        for (Layer layer : spec.layers()) {
            String name = layer.name();
            FixedType result = p.type(name, "result", dataRounding);
            Layer typed = switch (layer.kind()) {
                case DENSE -> {
                    Dense d = (Dense) layer;
                    FixedType w = c.type(name, "weight", constantRounding);
                    FixedType b = c.type(name, "bias", constantRounding);
                    yield d.withTypes(w, b, AccumulatorRule.auto(previous, w, b, d.inputs()), result);
                }
                case BATCH_NORM -> {
                    BatchNorm b = (BatchNorm) layer;
                    yield new BatchNorm(name, b.size(), b.gamma(), b.beta(), b.mean(), b.variance(), b.epsilon(),
                            c.type(name, "scale", constantRounding), c.type(name, "shift", constantRounding), result);
                }
                case RELU -> new Relu(name, layer.inputSize(), result);
                case LEAKY_RELU -> {
                    LeakyRelu lr = (LeakyRelu) layer;
                    yield new LeakyRelu(name, lr.size(), lr.alpha(), c.type(name, "alpha", constantRounding), result);
                }
                case LINEAR -> new Linear(name, layer.inputSize(), result);
            };
            layers.add(typed);
            previous = result;
        }
        return new NetworkSpec(spec.name(), spec.input().withType(p.type("input", "input", dataRounding)), layers);
    }

    private record Proposer(NetworkProfile profile, int width, int marginBits, Overflow overflow) {
        FixedType type(String layer, String role, Rounding rounding) {
            TensorProfile t = profile.find(layer, role);
            FixedType type = new FixedType(width, t.integerBitsNeeded() + marginBits, t.needsSign(), rounding, overflow);
            if (type.quantizeDetailed(t.max()).overflowed() || type.quantizeDetailed(t.min()).overflowed()) {
                type = new FixedType(width, type.integerBits() + 1, type.signed(), rounding, overflow);
            }
            return type;
        }
    }

    private static TensorProfile constant(String layer, String role, Tensor t) {
        return new TensorProfile(layer, role, t.min(), t.max(), t.size());
    }

    private static double[] filled(int n, double v) {
        double[] a = new double[n];
        java.util.Arrays.fill(a, v);
        return a;
    }
}
