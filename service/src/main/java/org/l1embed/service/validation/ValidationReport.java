package org.l1embed.service.validation;

import java.util.List;
import org.l1embed.quantization.fixed.FixedType;
import org.l1embed.quantization.network.LayerKind;

/**
 * The figures of a validation and its verdict.
 *
 * @param events         events compared
 * @param maxAbsDiff     per output, the largest |float − fixed|
 * @param meanAbsDiff    per output, the mean |float − fixed|
 * @param tolerance      the tolerance of {@code agreementRate}
 * @param agreementRate  the fraction of events whose every output agrees within the tolerance
 * @param inputOverflows input values that overflowed the input type
 * @param layers         overflow counts per layer, in network order
 * @param testbench      the check of the stored testbench vectors
 * @param failures       one line per failed rule; empty when the verdict is PASS
 */
public record ValidationReport(int events, double[] maxAbsDiff, double[] meanAbsDiff, double tolerance, double agreementRate,
                               long inputOverflows, List<LayerOverflows> layers, TestbenchResult testbench, List<String> failures) {

    public ValidationReport {
        maxAbsDiff = maxAbsDiff.clone();
        meanAbsDiff = meanAbsDiff.clone();
        layers = List.copyOf(layers);
        failures = List.copyOf(failures);
    }

    @Override
    public double[] maxAbsDiff() {
        return maxAbsDiff.clone();
    }

    @Override
    public double[] meanAbsDiff() {
        return meanAbsDiff.clone();
    }

    /** True when no rule failed. */
    public boolean passed() {
        return failures.isEmpty();
    }

    /** Input overflows plus every layer's accumulator and result overflows. */
    public long totalOverflows() {
        return inputOverflows + layers.stream().mapToLong(l -> l.accumulatorOverflows() + l.resultOverflows()).sum();
    }

    /**
     * One layer's overflow counts over all events.
     *
     * @param size values per event the layer outputs
     */
    public record LayerOverflows(String name, LayerKind kind, FixedType resultType, int size, long accumulatorOverflows,
                                 long resultOverflows) {
    }
}
