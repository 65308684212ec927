package org.l1embed.inference.validation;

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
 * @param checks         every rule that was checked, in a fixed order: the stored testbench vectors (when present or
 *                       required), then each set threshold
 */
public record ValidationReport(int events, double[] maxAbsDiff, double[] meanAbsDiff, double tolerance, double agreementRate,
                               long inputOverflows, List<LayerOverflows> layers, TestbenchResult testbench, List<Check> checks) {

    public ValidationReport {
        maxAbsDiff = maxAbsDiff.clone();
        meanAbsDiff = meanAbsDiff.clone();
        layers = List.copyOf(layers);
        checks = List.copyOf(checks);
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
        return checks.stream().allMatch(Check::passed);
    }

    /** One line per failed rule; empty when the verdict is PASS. */
    public List<String> failures() {
        return checks.stream().filter(c -> !c.passed()).map(c -> c.name() + ": " + c.message()).toList();
    }

    /** Input overflows plus every layer's accumulator and result overflows. */
    public long totalOverflows() {
        return inputOverflows + layers.stream().mapToLong(l -> l.accumulatorOverflows() + l.resultOverflows()).sum();
    }

    /**
     * One rule and its outcome.
     *
     * @param name    the rule as the user spells it ({@code testbench}, or a threshold's name)
     * @param passed  whether it holds
     * @param message the measured figure against the rule, e.g. {@code output 2 has max |float - fixed| 0.004 <= 0.01}
     */
    public record Check(String name, boolean passed, String message) {
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
