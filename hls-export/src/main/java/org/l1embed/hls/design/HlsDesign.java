package org.l1embed.hls.design;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.l1embed.hls.config.HlsConfig;
import org.l1embed.hls.estimate.Estimator;
import org.l1embed.hls.estimate.LayerEstimate;
import org.l1embed.quantization.emulator.Emulator;
import org.l1embed.quantization.fixed.FixedType;
import org.l1embed.quantization.network.BatchNorm;
import org.l1embed.quantization.network.Dense;
import org.l1embed.quantization.network.Layer;
import org.l1embed.quantization.network.LeakyRelu;
import org.l1embed.quantization.network.NetworkJson;
import org.l1embed.quantization.network.NetworkSpec;

/**
 * A quantized network planned for one HLS configuration: validated, every tensor given a typedef, every layer
 * given its reuse factor and estimate. Renderers read only this.
 *
 * @param spec           the quantized network
 * @param config         the configuration
 * @param input          the typedef of the network input
 * @param layers         the layers, in order
 * @param networkSha256  SHA-256 of the network's canonical JSON ({@link NetworkJson#toJson}), for provenance
 */
public record HlsDesign(NetworkSpec spec, HlsConfig config, TensorType input, List<HlsLayer> layers, String networkSha256) {

    /** Widest constant (weight, bias, scale, shift, alpha) written as an exact double literal. */
    public static final int MAX_CONSTANT_WIDTH = 53;
    /** Widest output the testbench compares exactly (through {@code to_double()}). */
    public static final int MAX_OUTPUT_WIDTH = 53;
    /** Most fractional bits of a constant or output: 2^-1074 is the smallest double. */
    public static final int MAX_FRACTIONAL_BITS = 1074;
    /** Most integer bits of a constant or output: doubles end below 2^1024. */
    public static final int MAX_INTEGER_BITS = 1024;

    public HlsDesign {
        layers = List.copyOf(layers);
    }

    /**
     * Validates and plans a design.
     *
     * @throws IllegalArgumentException naming the layer, the field, the value and the rule, for: a float network,
     *     a layer name that is not a C identifier, a reuse factor for an unknown or non-dense layer, a reuse factor
     *     that does not divide n_in·n_out (the valid ones are listed), a layer over the unroll limit, a constant
     *     wider than 53 bits, an output wider than 53 bits, a type the emulator cannot compute in 64 bits
     */
    public static HlsDesign plan(NetworkSpec spec, HlsConfig config) {
        spec.requireQuantized();
        checkReuseFactorNames(spec, config);
        Estimator estimator = new Estimator(config.part());
        TensorType input = new TensorType("input", "input_t", spec.input().type());
        List<HlsLayer> layers = new ArrayList<>();
        TensorType previous = input;
        java.util.Map<String, String> lowerCaseNames = new java.util.HashMap<>();
        for (int i = 0; i < spec.layers().size(); i++) {
            Layer layer = spec.layers().get(i);
            requireIdentifier(i, layer);
            String clash = lowerCaseNames.put(layer.name().toLowerCase(java.util.Locale.ROOT), layer.name());
            if (clash != null) {
                throw new IllegalArgumentException("layers[" + i + "]: layer names '" + clash + "' and '" + layer.name()
                        + "' differ only in case; they would give the same macros and include guards, and the same file names "
                        + "on case-insensitive file systems; rename one");
            }
            HlsLayer planned = planLayer(i, layer, previous, config, estimator);
            layers.add(planned);
            previous = planned.result();
        }
        Emulator.compile(spec);   // the testbench's reference: refuses types it cannot compute exactly
        FixedType out = spec.outputType();
        if (out.width() > MAX_OUTPUT_WIDTH || !inDoubleRange(out)) {
            throw new IllegalArgumentException("output type " + out + " must have at most " + MAX_OUTPUT_WIDTH + " bits, at most "
                    + MAX_FRACTIONAL_BITS + " fractional and " + MAX_INTEGER_BITS + " integer bits: the testbench compares outputs "
                    + "exactly through to_double()");
        }
        return new HlsDesign(spec, config, input, layers, Sha256.of(NetworkJson.toJson(spec)));
    }

    private static HlsLayer planLayer(int index, Layer layer, TensorType in, HlsConfig config, Estimator estimator) {
        String n = layer.name();
        return switch (layer.kind()) {
            case DENSE -> {
                Dense d = (Dense) layer;
                int rf = config.reuseFactorOf(n);
                checkReuse(index, d, rf);
                requireConstantWidth(index, d, "weight", d.weightType());
                requireConstantWidth(index, d, "bias", d.biasType());
                LayerEstimate e = estimator.dense(d.inputs(), d.outputs(), rf, in.type(), d.weightType(), d.biasType(),
                        d.accumulatorType());
                TensorType w = tensor(n, "weight", d.weightType());
                TensorType b = tensor(n, "bias", d.biasType());
                yield new HlsLayer(index, d, in, List.of(w, b, tensor(n, "accum", d.accumulatorType()), tensor(n, "result", d.resultType())),
                        rf, e, List.of(constant(w, new int[] {d.inputs(), d.outputs()}, d.weights().toArray()),
                                constant(b, new int[] {d.outputs()}, d.bias().toArray())));
            }
            case BATCH_NORM -> {
                BatchNorm b = (BatchNorm) layer;
                requireConstantWidth(index, b, "scale", b.scaleType());
                requireConstantWidth(index, b, "shift", b.shiftType());
                LayerEstimate e = estimator.batchNorm(b.size(), in.type(), b.scaleType(),
                        HlsLayer.batchNormSum(in.type(), b.scaleType(), b.shiftType()));
                double[] scale = new double[b.size()];
                double[] shift = new double[b.size()];
                for (int k = 0; k < b.size(); k++) {
                    scale[k] = b.scale(k);
                    shift[k] = b.shift(k);
                }
                TensorType sc = tensor(n, "scale", b.scaleType());
                TensorType sh = tensor(n, "shift", b.shiftType());
                yield new HlsLayer(index, b, in, List.of(sc, sh, tensor(n, "result", b.resultType())), 1, e,
                        List.of(constant(sc, new int[] {b.size()}, scale), constant(sh, new int[] {b.size()}, shift)));
            }
            case LEAKY_RELU -> {
                LeakyRelu lr = (LeakyRelu) layer;
                requireConstantWidth(index, lr, "alpha", lr.alphaType());
                LayerEstimate e = estimator.leakyRelu(lr.size(), in.type(), lr.alphaType(), lr.resultType());
                TensorType a = tensor(n, "alpha", lr.alphaType());
                yield new HlsLayer(index, lr, in, List.of(a, tensor(n, "result", lr.resultType())), 1, e,
                        List.of(constant(a, new int[0], new double[] {lr.alpha()})));
            }
            case RELU, LINEAR -> new HlsLayer(index, layer, in, List.of(tensor(n, "result", layer.resultType())), 1,
                    estimator.selectOrCast(layer.outputSize(), layer.resultType()), List.of());
        };
    }

    /** A constant quantized with its own type's rounding and overflow modes, as the emulator quantizes it. */
    private static ConstantTensor constant(TensorType t, int[] shape, double[] values) {
        long[] raw = new long[values.length];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = t.type().quantize(values[i]);
        }
        return new ConstantTensor(t.typedef().substring(0, t.typedef().length() - 2), t, shape, raw);
    }

    private static TensorType tensor(String layer, String role, FixedType type) {
        return new TensorType(role, layer + "_" + role + "_t", type);
    }

    /**
     * The reuse factors a dense layer of {@code nIn × nOut} accepts, ascending: the divisors of {@code nIn·nOut} whose
     * rounds stay within the unroll limit ({@code nIn·nOut / rf <= }{@link Estimator#UNROLL_LIMIT}).
     */
    public static List<Integer> validReuseFactors(int nIn, int nOut) {
        int products = nIn * nOut;
        int min = (products + Estimator.UNROLL_LIMIT - 1) / Estimator.UNROLL_LIMIT;
        List<Integer> valid = new ArrayList<>();
        for (int k = Math.max(1, min); k <= products; k++) {
            if (products % k == 0) {
                valid.add(k);
            }
        }
        return List.copyOf(valid);
    }

    /** Reuse factor rule ({@link #validReuseFactors}): it divides n_in·n_out, and one round stays within the unroll limit. */
    private static void checkReuse(int index, Dense d, int rf) {
        int products = d.inputs() * d.outputs();
        String where = "layers[" + index + "] (" + d.name() + ", " + d.inputs() + "x" + d.outputs() + " = " + products
                + " multiplications)";
        if (validReuseFactors(d.inputs(), d.outputs()).contains(rf)) {
            return;
        }
        if (rf > products || products % rf != 0) {
            throw new IllegalArgumentException(where + ": reuse factor " + rf + " must divide n_in*n_out = " + products
                    + " so that every round performs the same number of multiplications; valid: " + divisors(products));
        }
        if (products / rf > Estimator.UNROLL_LIMIT) {
            String valid = divisorsFrom(products, (products + Estimator.UNROLL_LIMIT - 1) / Estimator.UNROLL_LIMIT);
            throw new IllegalArgumentException(where + ": reuse factor " + rf + " unrolls " + (products / rf)
                    + " multiplications in one round, over the HLS unroll limit of " + Estimator.UNROLL_LIMIT
                    + "; valid reuse factors: " + valid);
        }
    }

    static String divisors(int n) {
        return divisorsFrom(n, 1);
    }

    private static String divisorsFrom(int n, int min) {
        List<String> d = new ArrayList<>();
        for (int k = Math.max(1, min); k <= n; k++) {
            if (n % k == 0) {
                d.add(Integer.toString(k));
            }
        }
        return String.join(", ", d);
    }

    private static void checkReuseFactorNames(NetworkSpec spec, HlsConfig config) {
        Set<String> dense = spec.layers().stream().filter(l -> l instanceof Dense).map(Layer::name)
                .collect(Collectors.toCollection(TreeSet::new));
        for (String name : config.reuseFactors().keySet()) {
            if (!dense.contains(name)) {
                throw new IllegalArgumentException("reuse factor given for '" + name + "', which is not a dense layer of network '"
                        + spec.name() + "'; dense layers: " + String.join(", ", dense));
            }
        }
    }

    private static void requireIdentifier(int index, Layer layer) {
        if (!layer.name().matches("[A-Za-z][A-Za-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("layers[" + index + "]: layer name '" + layer.name()
                    + "' is not a C identifier (a letter, then letters, digits or '_'); rename the layer to export it");
        }
    }

    private static void requireConstantWidth(int index, Layer layer, String role, FixedType type) {
        if (type.width() > MAX_CONSTANT_WIDTH) {
            throw new IllegalArgumentException("layers[" + index + "] (" + layer.name() + "): " + role + " type " + type
                    + " is wider than " + MAX_CONSTANT_WIDTH + " bits; constants are written as exact double literals, "
                    + "which hold 53 bits");
        }
        if (!inDoubleRange(type)) {
            throw new IllegalArgumentException("layers[" + index + "] (" + layer.name() + "): " + role + " type " + type
                    + " needs at most " + MAX_FRACTIONAL_BITS + " fractional and " + MAX_INTEGER_BITS + " integer bits; constants "
                    + "are written as exact double literals, whose exponents end there");
        }
    }

    /** Every value raw·2^-F of the type is a double: F <= 1074 (the smallest subnormal) and I <= 1024. */
    private static boolean inDoubleRange(FixedType t) {
        return t.fractionalBits() <= MAX_FRACTIONAL_BITS && t.integerBits() <= MAX_INTEGER_BITS;
    }

    /** All typedefs in order: the input, then each layer's. */
    public List<TensorType> typedefs() {
        List<TensorType> all = new ArrayList<>();
        all.add(input);
        layers.forEach(l -> all.addAll(l.types()));
        return List.copyOf(all);
    }

    /** The typedef of the network output. */
    public TensorType output() {
        return layers.get(layers.size() - 1).result();
    }

    /** Sum of layer latencies, in cycles. */
    public int latencyCycles() {
        return layers.stream().mapToInt(l -> l.estimate().latencyCycles()).sum();
    }

    /** True when every reuse factor is 1: the top function is pipelined as a whole and takes an event every cycle. */
    public boolean fullyPipelined() {
        return layers.stream().allMatch(l -> l.reuseFactor() == 1);
    }

    /**
     * Estimated cycles between two events: 1 when {@link #fullyPipelined()}, else the latency (each dense layer
     * pipelines its own rounds, and the layers run one after another).
     */
    public int initiationInterval() {
        return fullyPipelined() ? 1 : latencyCycles();
    }

    /** Latency in nanoseconds, exactly: cycles × clock period. */
    public java.math.BigDecimal latencyNs() {
        return java.math.BigDecimal.valueOf(config.clockPeriodNs()).multiply(java.math.BigDecimal.valueOf(latencyCycles()))
                .stripTrailingZeros();
    }

    public long dsp() {
        return layers.stream().mapToLong(l -> l.estimate().dsp()).sum();
    }

    public long lut() {
        return layers.stream().mapToLong(l -> l.estimate().lut()).sum();
    }
}
