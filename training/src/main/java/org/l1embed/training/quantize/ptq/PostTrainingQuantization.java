package org.l1embed.training.quantize.ptq;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.l1embed.quantization.emulator.EmulationResult;
import org.l1embed.quantization.emulator.Emulator;
import org.l1embed.quantization.emulator.FloatNetwork;
import org.l1embed.quantization.fixed.FixedType;
import org.l1embed.quantization.network.AccumulatorRule;
import org.l1embed.quantization.network.BatchNorm;
import org.l1embed.quantization.network.Dense;
import org.l1embed.quantization.network.Layer;
import org.l1embed.quantization.network.LeakyRelu;
import org.l1embed.quantization.network.Linear;
import org.l1embed.quantization.network.NetworkSpec;
import org.l1embed.quantization.network.Relu;
import org.l1embed.quantization.profile.NetworkProfile;
import org.l1embed.quantization.profile.Profiler;

/**
 * Post-training quantization in two named passes: propose types from the ranges the float network reaches on
 * calibration inputs ({@link Profiler#profile}, {@link Profiler#propose}), then replace the types a
 * {@link PrecisionConfig} names explicitly (re-deriving the auto accumulator of every dense layer whose accumulator is
 * not named, because its input, weight or bias type may have changed). And the comparison of the result with the
 * float network ({@link #report}).
 *
 * <p>Calibration inputs are network inputs: the spec's preprocessing already applied
 * ({@link org.l1embed.quantization.network.Preprocessing#apply}), events back to back.
 */
public final class PostTrainingQuantization {

    private PostTrainingQuantization() {
    }

    /**
     * The quantized copy of {@code floatSpec} (its fixed-point types, if any, are ignored).
     *
     * @param calibration network inputs, {@code inputSize} values per event
     * @throws IllegalArgumentException if the calibration length is not a positive multiple of the input size or holds
     *                                  a non-finite value, if the config names a layer the network does not have or a
     *                                  role the layer's kind does not have, or if a resulting layer is invalid
     */
    public static NetworkSpec quantize(NetworkSpec floatSpec, float[] calibration, PrecisionConfig config) {
        NetworkProfile profile = Profiler.profile(floatSpec, calibration);
        NetworkSpec proposed = Profiler.propose(floatSpec, profile, config.effectiveConstantWidth(), config.width(), config.marginBits(),
                config.constantRounding(), config.dataRounding(), config.overflow());
        return applyOverrides(proposed, config);
    }

    /**
     * The pass that replaces types of a quantized spec with those {@code config} names.
     *
     * @throws IllegalArgumentException naming the unknown layer (and the layers there are) or the unknown role (and
     *                                  the roles of that layer's kind)
     */
    public static NetworkSpec applyOverrides(NetworkSpec quantized, PrecisionConfig config) {
        quantized.requireQuantized();
        Set<String> names = new TreeSet<>();
        quantized.layers().forEach(l -> names.add(l.name()));
        for (String layer : config.layerTypes().keySet()) {
            if (!names.contains(layer)) {
                throw new IllegalArgumentException("precision config: layers." + layer + ": network '" + quantized.name()
                        + "' has no layer '" + layer + "'; its layers are " + layerNames(quantized));
            }
        }
        FixedType previous = config.inputType() != null ? config.inputType() : quantized.input().type();
        List<Layer> layers = new ArrayList<>();
        for (Layer layer : quantized.layers()) {
            Map<String, FixedType> o = config.layerTypes().getOrDefault(layer.name(), Map.of());
            Layer typed = switch (layer.kind()) {
                case DENSE -> {
                    Dense d = (Dense) layer;
                    requireRoles(d, o, Set.of("weight", "bias", "accumulator", "result"));
                    FixedType w = o.getOrDefault("weight", d.weightType());
                    FixedType b = o.getOrDefault("bias", d.biasType());
                    FixedType acc = o.containsKey("accumulator") ? o.get("accumulator") : AccumulatorRule.auto(previous, w, b, d.inputs());
                    yield d.withTypes(w, b, acc, o.getOrDefault("result", d.resultType()));
                }
                case BATCH_NORM -> {
                    BatchNorm b = (BatchNorm) layer;
                    requireRoles(b, o, Set.of("scale", "shift", "result"));
                    yield new BatchNorm(b.name(), b.size(), b.gamma(), b.beta(), b.mean(), b.variance(), b.epsilon(),
                            o.getOrDefault("scale", b.scaleType()), o.getOrDefault("shift", b.shiftType()),
                            o.getOrDefault("result", b.resultType()));
                }
                case LEAKY_RELU -> {
                    LeakyRelu r = (LeakyRelu) layer;
                    requireRoles(r, o, Set.of("alpha", "result"));
                    yield new LeakyRelu(r.name(), r.size(), r.alpha(), o.getOrDefault("alpha", r.alphaType()),
                            o.getOrDefault("result", r.resultType()));
                }
                case RELU -> {
                    requireRoles(layer, o, Set.of("result"));
                    yield new Relu(layer.name(), layer.inputSize(), o.getOrDefault("result", layer.resultType()));
                }
                case LINEAR -> {
                    requireRoles(layer, o, Set.of("result"));
                    yield new Linear(layer.name(), layer.inputSize(), o.getOrDefault("result", layer.resultType()));
                }
            };
            layers.add(typed);
            previous = typed.resultType();
        }
        return new NetworkSpec(quantized.name(), quantized.input().withType(config.inputType() != null ? config.inputType()
                : quantized.input().type()), layers);
    }

    /**
     * Compares the quantized network with the float one on the same network inputs: the emulator's output values
     * against {@link FloatNetwork}'s (inputs as float32, as both read them), and the emulator's overflow counts.
     *
     * @throws IllegalArgumentException if the specs differ in input or output size, or the inputs are not a positive
     *                                  multiple of the input size or hold a non-finite value
     */
    public static QuantizationReport report(NetworkSpec floatSpec, NetworkSpec quantized, float[] inputs) {
        if (floatSpec.input().size() != quantized.input().size() || floatSpec.outputSize() != quantized.outputSize()) {
            throw new IllegalArgumentException("float and quantized networks differ in shape: " + floatSpec.input().size() + " → "
                    + floatSpec.outputSize() + " vs " + quantized.input().size() + " → " + quantized.outputSize());
        }
        EmulationResult fixed = Emulator.compile(quantized).emulate(inputs, false);
        double[] expected = new FloatNetwork(floatSpec).forwardAll(inputs);
        int outputs = floatSpec.outputSize();
        double sum = 0;
        double max = 0;
        for (int e = 0; e < fixed.events(); e++) {
            for (int j = 0; j < outputs; j++) {
                double d = Math.abs(fixed.value(e, j) - expected[e * outputs + j]);
                sum += d;
                max = Math.max(max, d);
            }
        }
        List<QuantizationReport.LayerOverflows> layers = new ArrayList<>();
        for (EmulationResult.LayerReport l : fixed.layers()) {
            layers.add(new QuantizationReport.LayerOverflows(l.name(), l.resultType(), l.accumulatorOverflows(), l.resultOverflows()));
        }
        return new QuantizationReport(fixed.events(), outputs, sum / ((double) fixed.events() * outputs), max,
                quantized.input().type(), fixed.inputOverflows(), layers);
    }

    private static void requireRoles(Layer layer, Map<String, FixedType> given, Set<String> roles) {
        for (String role : given.keySet()) {
            if (!roles.contains(role)) {
                throw new IllegalArgumentException("precision config: layers." + layer.name() + "." + role + ": a "
                        + layer.kind().jsonName() + " layer has no tensor '" + role + "'; its roles are " + new TreeSet<>(roles));
            }
        }
    }

    private static String layerNames(NetworkSpec spec) {
        return spec.layers().stream().map(Layer::name).toList().toString();
    }
}
