package org.l1embed.training.quantize.ptq;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.l1embed.quantization.fixed.FixedType;

/**
 * Float versus fixed point on one set of network inputs.
 *
 * @param events             events compared
 * @param outputs            latent values per event
 * @param meanAbsDeltaLatent mean over events and outputs of |emulator value − float value|, in latent units
 * @param maxAbsDeltaLatent  the largest such difference
 * @param inputType          the quantized network's input type
 * @param inputOverflows     input values outside the input type's range (saturated or wrapped, per its mode)
 * @param layers             per layer, in network order
 */
public record QuantizationReport(int events, int outputs, double meanAbsDeltaLatent, double maxAbsDeltaLatent,
                                 FixedType inputType, long inputOverflows, List<LayerOverflows> layers) {

    public QuantizationReport {
        Objects.requireNonNull(inputType, "inputType");
        layers = List.copyOf(layers);
    }

    /**
     * One layer's overflow counts.
     *
     * @param accumulatorOverflows conversions into the accumulator that overflowed (dense layers; 0 otherwise)
     * @param resultOverflows      conversions into the result type that overflowed
     */
    public record LayerOverflows(String name, FixedType resultType, long accumulatorOverflows, long resultOverflows) {
    }

    /** Overflows of the input and of every layer, summed. */
    public long totalOverflows() {
        return inputOverflows + layers.stream().mapToLong(l -> l.accumulatorOverflows() + l.resultOverflows()).sum();
    }

    /** The report as a JSON object (for {@code provenance.json} metrics); layers keyed by name, in network order. */
    public ObjectNode toJson() {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("events", events);
        n.put("meanAbsDeltaLatent", meanAbsDeltaLatent);
        n.put("maxAbsDeltaLatent", maxAbsDeltaLatent);
        n.put("inputType", inputType.toString());
        n.put("inputOverflows", inputOverflows);
        ObjectNode ls = n.putObject("layers");
        for (LayerOverflows l : layers) {
            ObjectNode o = ls.putObject(l.name());
            o.put("resultType", l.resultType().toString());
            o.put("accumulatorOverflows", l.accumulatorOverflows());
            o.put("resultOverflows", l.resultOverflows());
        }
        return n;
    }

    /** A fixed-width text table: summary lines, then layer, result type and overflow counts. */
    public String toTable() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "events %d, latent size %d: mean |Δlatent| %.6g, max |Δlatent| %.6g%n", events, outputs,
                meanAbsDeltaLatent, maxAbsDeltaLatent));
        sb.append(String.format(Locale.ROOT, "%-16s %-36s %14s %14s%n", "layer", "result type", "acc. overflows", "overflows"));
        sb.append(String.format(Locale.ROOT, "%-16s %-36s %14s %14d%n", "input", inputType, "-", inputOverflows));
        for (LayerOverflows l : layers) {
            sb.append(String.format(Locale.ROOT, "%-16s %-36s %14d %14d%n", l.name(), l.resultType(), l.accumulatorOverflows(),
                    l.resultOverflows()));
        }
        return sb.toString();
    }
}
