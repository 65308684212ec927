package org.l1embed.quantization.emulator;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.l1embed.quantization.fixed.FixedType;
import org.l1embed.quantization.network.LayerKind;

/**
 * The outcome of a detailed emulation: raw outputs, overflow counts per layer and (optionally) every layer's
 * raw output. The arrays are the caller's (not copied); equality compares their contents.
 *
 * @param events         number of events
 * @param outputs        values per event
 * @param outputType     the type of the raw outputs
 * @param raw            {@code events × outputs} raw values, event-major
 * @param inputOverflows input values that overflowed the input type
 * @param layers         per layer, in network order
 */
public record EmulationResult(int events, int outputs, FixedType outputType, long[] raw, long inputOverflows,
                              List<LayerReport> layers) {

    public EmulationResult {
        layers = List.copyOf(layers);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EmulationResult r && events == r.events && outputs == r.outputs && outputType.equals(r.outputType)
                && Arrays.equals(raw, r.raw) && inputOverflows == r.inputOverflows && layers.equals(r.layers);
    }

    @Override
    public int hashCode() {
        return Objects.hash(events, outputs, outputType, Arrays.hashCode(raw), inputOverflows, layers);
    }

    @Override
    public String toString() {
        return "EmulationResult[events=" + events + ", outputs=" + outputs + ", outputType=" + outputType
                + ", inputOverflows=" + inputOverflows + ", layers=" + layers + "]";
    }

    /** Raw output {@code j} of event {@code e}. */
    public long raw(int e, int j) {
        return raw[e * outputs + j];
    }

    /** The value of output {@code j} of event {@code e} (exact for widths up to 53 bits). */
    public double value(int e, int j) {
        return outputType.toDouble(raw(e, j));
    }

    /**
     * One layer's counts and trace.
     *
     * @param accumulatorOverflows conversions into the accumulator (Dense) that overflowed
     * @param resultOverflows      conversions into the result type that overflowed (saturated or wrapped, per the type's mode)
     * @param trace                null unless requested: {@code events × size} raw outputs of this layer
     */
    public record LayerReport(String name, LayerKind kind, FixedType resultType, long accumulatorOverflows,
                              long resultOverflows, long[] trace) {

        @Override
        public boolean equals(Object o) {
            return o instanceof LayerReport r && name.equals(r.name) && kind == r.kind && resultType.equals(r.resultType)
                    && accumulatorOverflows == r.accumulatorOverflows && resultOverflows == r.resultOverflows
                    && Arrays.equals(trace, r.trace);
        }

        @Override
        public int hashCode() {
            return Objects.hash(name, kind, resultType, accumulatorOverflows, resultOverflows, Arrays.hashCode(trace));
        }

        @Override
        public String toString() {
            return "LayerReport[" + name + " (" + kind.jsonName() + "), result " + resultType + ", accumulator overflows "
                    + accumulatorOverflows + ", result overflows " + resultOverflows
                    + (trace == null ? "" : ", trace of " + trace.length + " values") + "]";
        }
    }
}
