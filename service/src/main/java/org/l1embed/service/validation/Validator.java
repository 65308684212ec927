package org.l1embed.service.validation;

import static org.l1embed.service.errors.ServiceException.failedPrecondition;

import ai.onnxruntime.OrtException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.l1embed.events.Cocktail;
import org.l1embed.events.EventLayout;
import org.l1embed.events.EventSet;
import org.l1embed.events.Process;
import org.l1embed.events.synthetic.SyntheticEvents;
import org.l1embed.hls.bundle.BundleTestbench;
import org.l1embed.quantization.emulator.EmulationResult;
import org.l1embed.quantization.fixed.FixedType;
import org.l1embed.quantization.network.NetworkSpec;
import org.l1embed.service.errors.ServiceException;
import org.l1embed.service.events.DecodedEvents;
import org.l1embed.service.inference.FixedModel;
import org.l1embed.service.metrics.ServiceMetrics;
import org.l1embed.service.repository.LoadedModel;

/**
 * Validates a quantized model: the float model ({@code model.onnx} in ONNX Runtime, float32) against the bit-accurate
 * emulator on the same raw events, the overflow counts of the emulator, and the service's emulation path against the
 * bundle's stored testbench vectors. Events are processed in blocks of {@value #BLOCK_EVENTS}, so a million generated
 * events never sit in memory at once.
 *
 * <p>Verdict: FAIL when any set threshold fails, and also whenever stored testbench vectors are not reproduced bit for
 * bit (bit-exactness is an invariant, never a threshold); {@code require_testbench_bit_exact} additionally fails a
 * bundle that stores none. Every mismatching stored output is counted in the service's emulation-mismatch counter
 * ({@link ServiceMetrics#emulationMismatches}; Prometheus {@code l1embed_emulation_mismatches_total}), tagged with the
 * model's name and version.
 */
@ApplicationScoped
public class Validator {

    /** Events per block. */
    static final int BLOCK_EVENTS = 16_384;

    private final ServiceMetrics metrics;

    public Validator(ServiceMetrics metrics) {
        this.metrics = metrics;
    }

    /**
     * Runs a validation.
     *
     * @throws ServiceException FAILED_PRECONDITION for a float model, or generated events for a model whose input is not
     *                          the 57 ADC2021 network features
     */
    public ValidationReport validate(LoadedModel model, EventSource source, Thresholds thresholds) {
        FixedModel fixed = model.fixedModel().orElseThrow(() -> failedPrecondition(model.key().label()
                + " is a float model (network '" + model.bundle().network().name() + "' has no fixed-point types); "
                + "validation compares a quantized bundle with its float network"));
        Figures f = new Figures(model.bundle().network(), thresholds.agreementTolerance());
        if (source instanceof EventSource.Given g) {   // Java 17: no pattern switch over the sealed sources
            f.add(model, fixed, g.events());
        } else if (source instanceof EventSource.Generated g) {
            if (!model.input().takesAdcFeatures()) {
                throw failedPrecondition(model.key().label() + " takes " + model.input().size() + " input values, not the "
                        + EventLayout.NETWORK_FEATURES + " ADC2021 network features of generated events; send events instead");
            }
            generate(g, block -> f.add(model, fixed, block));
        } else {
            throw new IllegalStateException("unknown event source " + source);
        }
        TestbenchResult tb = model.testbench().map(t -> check(fixed, t)).orElse(TestbenchResult.absent());
        metrics.emulationMismatches(model.key(), tb.mismatchedOutputs());
        return f.report(tb, thresholds);
    }

    /** The cocktail of {@code SyntheticEvents.cocktail(count, 0)}, event for event, in blocks. */
    static void generate(EventSource.Generated g, Consumer<DecodedEvents> sink) {
        SyntheticEvents gen = new SyntheticEvents(g.seed());
        for (Map.Entry<Process, Long> e : Cocktail.split(g.count(), Process.backgrounds()).entrySet()) {
            long n = e.getValue();
            for (long first = 0; first < n; first += BLOCK_EVENTS) {
                int count = (int) Math.min(BLOCK_EVENTS, n - first);
                EventSet block = gen.generate(e.getKey(), first, count, 0.0);
                sink.accept(new DecodedEvents(count, EventLayout.NETWORK_FEATURES, block.networkFeatures()));
            }
        }
    }

    /** The service's path (raw features → preprocessing → emulator) against stored vectors. */
    static TestbenchResult check(FixedModel fixed, BundleTestbench tb) {
        DecodedEvents raw = new DecodedEvents(tb.events(), tb.inputSize(), tb.rawFeatures());
        float[] inputs = fixed.networkInputs(raw);
        float[] stored = tb.networkInputs();
        long inputMismatches = 0;
        for (int k = 0; k < inputs.length; k++) {
            if (Float.floatToRawIntBits(inputs[k]) != Float.floatToRawIntBits(stored[k])) {
                inputMismatches++;
            }
        }
        long[] out = fixed.emulateRaw(raw);
        long[] expected = tb.expected();
        int d = tb.outputSize();
        int events = 0;
        long outputs = 0;
        for (int e = 0; e < tb.events(); e++) {
            boolean differs = false;
            for (int j = 0; j < d; j++) {
                if (out[e * d + j] != expected[e * d + j]) {
                    outputs++;
                    differs = true;
                }
            }
            if (differs) {
                events++;
            }
        }
        return new TestbenchResult(true, tb.events(), events, expected.length, outputs, inputMismatches);
    }

    /** Running figures over the blocks of one validation. */
    private static final class Figures {
        private final NetworkSpec spec;
        private final double tolerance;
        private final int outputs;
        private final FixedType outputType;
        private final double[] max;
        private final double[] sum;
        private final long[] accumulatorOverflows;
        private final long[] resultOverflows;
        private long inputOverflows;
        private long agreeing;
        private int events;

        Figures(NetworkSpec spec, double tolerance) {
            this.spec = spec;
            this.tolerance = tolerance;
            this.outputs = spec.outputSize();
            this.outputType = spec.outputType();
            this.max = new double[outputs];
            this.sum = new double[outputs];
            this.accumulatorOverflows = new long[spec.layers().size()];
            this.resultOverflows = new long[spec.layers().size()];
        }

        void add(LoadedModel model, FixedModel fixed, DecodedEvents block) {
            float[] floats;
            try {
                floats = model.floatModel().embed(block);
            } catch (OrtException e) {
                throw new IllegalStateException("ONNX Runtime failed on " + model.key().label() + ": " + e.getMessage(), e);
            }
            EmulationResult r = fixed.emulate(block, false);
            long[] raw = r.raw();
            for (int e = 0; e < block.count(); e++) {
                boolean agrees = true;
                for (int j = 0; j < outputs; j++) {
                    double d = Math.abs((double) floats[e * outputs + j] - outputType.toDouble(raw[e * outputs + j]));
                    max[j] = Double.isNaN(d) || Double.isNaN(max[j]) ? Double.NaN : Math.max(max[j], d);
                    sum[j] += d;
                    agrees &= d <= tolerance;
                }
                if (agrees) {
                    agreeing++;
                }
            }
            inputOverflows += r.inputOverflows();
            for (int l = 0; l < r.layers().size(); l++) {
                accumulatorOverflows[l] += r.layers().get(l).accumulatorOverflows();
                resultOverflows[l] += r.layers().get(l).resultOverflows();
            }
            events += block.count();
        }

        ValidationReport report(TestbenchResult tb, Thresholds t) {
            double[] mean = new double[outputs];
            for (int j = 0; j < outputs; j++) {
                mean[j] = sum[j] / events;
            }
            List<ValidationReport.LayerOverflows> layers = new ArrayList<>();
            for (int l = 0; l < spec.layers().size(); l++) {
                var layer = spec.layers().get(l);
                layers.add(new ValidationReport.LayerOverflows(layer.name(), layer.kind(), layer.outputType().orElseThrow(),
                        layer.outputSize(), accumulatorOverflows[l], resultOverflows[l]));
            }
            double rate = (double) agreeing / events;
            ValidationReport partial = new ValidationReport(events, max, mean, tolerance, rate, inputOverflows, layers, tb, List.of());
            return new ValidationReport(events, max, mean, tolerance, rate, inputOverflows, layers, tb, failures(partial, t));
        }

        private List<String> failures(ValidationReport r, Thresholds t) {
            List<String> out = new ArrayList<>();
            TestbenchResult tb = r.testbench();
            if (tb.present() && !tb.bitExact()) {
                out.add("testbench: " + tb.mismatchedOutputs() + " of " + tb.outputsCompared() + " stored raw outputs (in "
                        + tb.mismatches() + " of " + tb.vectors() + " events) and " + tb.inputMismatches()
                        + " network input values differ from the emulator; stored testbench vectors must be reproduced bit for bit");
            }
            if (t.requireTestbenchBitExact() && !tb.present()) {
                out.add(Thresholds.FIELD + ".require_testbench_bit_exact: the bundle stores no testbench vectors (testbench/)");
            }
            if (t.maxAbsDiff() != null) {
                int j = worst(r.maxAbsDiff());
                if (!(r.maxAbsDiff()[j] <= t.maxAbsDiff())) {
                    out.add(Thresholds.FIELD + ".max_abs_diff: output " + j + " has max |float - fixed| " + r.maxAbsDiff()[j]
                            + " > " + t.maxAbsDiff());
                }
            }
            if (t.meanAbsDiff() != null) {
                int j = worst(r.meanAbsDiff());
                if (!(r.meanAbsDiff()[j] <= t.meanAbsDiff())) {
                    out.add(Thresholds.FIELD + ".mean_abs_diff: output " + j + " has mean |float - fixed| " + r.meanAbsDiff()[j]
                            + " > " + t.meanAbsDiff());
                }
            }
            if (t.minAgreementRate() != null && !(r.agreementRate() >= t.minAgreementRate())) {
                out.add(Thresholds.FIELD + ".min_agreement_rate: " + agreeing + " of " + r.events() + " events agree within tolerance "
                        + r.tolerance() + ", rate " + r.agreementRate() + " < " + t.minAgreementRate());
            }
            if (t.maxOverflows() != null && r.totalOverflows() > t.maxOverflows()) {
                long acc = r.layers().stream().mapToLong(ValidationReport.LayerOverflows::accumulatorOverflows).sum();
                long res = r.layers().stream().mapToLong(ValidationReport.LayerOverflows::resultOverflows).sum();
                out.add(Thresholds.FIELD + ".max_overflows: " + r.totalOverflows() + " overflows (input " + r.inputOverflows()
                        + ", accumulators " + acc + ", results " + res + ") > " + t.maxOverflows());
            }
            return out;
        }

        /** The index of the largest value (NaN counts as largest). */
        private static int worst(double[] v) {
            int w = 0;
            for (int j = 1; j < v.length; j++) {
                if (Double.isNaN(v[j]) || v[j] > v[w]) {
                    if (!Double.isNaN(v[w])) {
                        w = j;
                    }
                }
            }
            return w;
        }
    }
}
