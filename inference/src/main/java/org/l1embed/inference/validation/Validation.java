package org.l1embed.inference.validation;

import ai.onnxruntime.OrtException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.l1embed.events.Cocktail;
import org.l1embed.events.EventLayout;
import org.l1embed.events.EventSet;
import org.l1embed.events.Process;
import org.l1embed.events.synthetic.SyntheticEvents;
import org.l1embed.hls.bundle.BundleTestbench;
import org.l1embed.inference.FeatureBatch;
import org.l1embed.inference.FixedModel;
import org.l1embed.inference.FloatModel;
import org.l1embed.quantization.emulator.EmulationResult;
import org.l1embed.quantization.fixed.FixedType;
import org.l1embed.quantization.network.NetworkSpec;

/**
 * One validation of a quantized model against its float parent: the float model ({@code model.onnx} in ONNX Runtime,
 * float32) and the bit-accurate emulator on the same raw events, block by block ({@link #add}), then the verdict
 * ({@link #report}). Per output the largest and mean |float − fixed|, the fraction of events whose every output agrees
 * within a tolerance, and the emulator's overflow counts per layer; and the emulation path (raw features → the bundle's
 * preprocessing → emulator) against the bundle's stored testbench vectors ({@link #check}).
 *
 * <p>Verdict: FAIL when any set threshold fails, and also whenever stored testbench vectors are not reproduced bit for
 * bit (bit-exactness is an invariant, never a threshold); {@code requireTestbenchBitExact} additionally fails a bundle
 * that stores none.
 *
 * <p>Used by the service's {@code Validate} RPC and by {@code l1embed validate}, so a CI gate and a running service
 * reach the same verdict on the same bundle and events. Not thread-safe: one validation, one thread.
 */
public final class Validation {

    /** Events per generated block: a million generated events never sit in memory at once. */
    public static final int BLOCK_EVENTS = 16_384;

    private final String label;
    private final FloatModel floatModel;
    private final FixedModel fixedModel;
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

    /**
     * @param label      the model for messages, e.g. {@code model 'adc' version '2'}
     * @param spec       the quantized network both backends implement
     * @param tolerance  an event agrees when every output's |float − fixed| is at most this
     */
    public Validation(String label, FloatModel floatModel, FixedModel fixedModel, NetworkSpec spec, double tolerance) {
        this.label = Objects.requireNonNull(label, "label");
        this.floatModel = Objects.requireNonNull(floatModel, "floatModel");
        this.fixedModel = Objects.requireNonNull(fixedModel, "fixedModel");
        this.spec = Objects.requireNonNull(spec, "spec");
        this.tolerance = tolerance;
        this.outputs = spec.outputSize();
        this.outputType = spec.outputType();
        this.max = new double[outputs];
        this.sum = new double[outputs];
        this.accumulatorOverflows = new long[spec.layers().size()];
        this.resultOverflows = new long[spec.layers().size()];
    }

    /** Compares both backends on one block of raw events. */
    public void add(FeatureBatch block) {
        float[] floats;
        try {
            floats = floatModel.embed(block);
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime failed on " + label + ": " + e.getMessage(), e);
        }
        EmulationResult r = fixedModel.emulate(block, false);
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

    /**
     * The synthetic ADC2021 background cocktail of {@code SyntheticEvents} at the nominal jet energy scale (each
     * background process's share of {@code count}, event for event the events of {@code SyntheticEvents.cocktail}), as
     * blocks of 57 raw network features.
     */
    public static void generate(int count, long seed, Consumer<FeatureBatch> sink) {
        SyntheticEvents gen = new SyntheticEvents(seed);
        for (Map.Entry<Process, Long> e : Cocktail.split(count, Process.backgrounds()).entrySet()) {
            long n = e.getValue();
            for (long first = 0; first < n; first += BLOCK_EVENTS) {
                int c = (int) Math.min(BLOCK_EVENTS, n - first);
                EventSet block = gen.generate(e.getKey(), first, c, 0.0);
                sink.accept(new FeatureBatch(c, EventLayout.NETWORK_FEATURES, block.networkFeatures()));
            }
        }
    }

    /** The emulation path (raw features → preprocessing → emulator) against stored vectors, bit for bit. */
    public static TestbenchResult check(FixedModel fixed, BundleTestbench tb) {
        FeatureBatch raw = new FeatureBatch(tb.events(), tb.inputSize(), tb.rawFeatures());
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
        int mismatchedEvents = 0;
        long mismatchedOutputs = 0;
        for (int e = 0; e < tb.events(); e++) {
            boolean differs = false;
            for (int j = 0; j < d; j++) {
                if (out[e * d + j] != expected[e * d + j]) {
                    mismatchedOutputs++;
                    differs = true;
                }
            }
            if (differs) {
                mismatchedEvents++;
            }
        }
        return new TestbenchResult(true, tb.events(), mismatchedEvents, expected.length, mismatchedOutputs, inputMismatches);
    }

    /** Events compared so far. */
    public int events() {
        return events;
    }

    /**
     * The figures and the verdict.
     *
     * @param tb the stored testbench's check ({@link #check}), or {@link TestbenchResult#absent()}
     * @throws IllegalStateException if no event was compared
     */
    public ValidationReport report(TestbenchResult tb, Thresholds t) {
        if (events == 0) {
            throw new IllegalStateException("validation of " + label + ": no events were compared");
        }
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
        ValidationReport figures = new ValidationReport(events, max, mean, tolerance, rate, inputOverflows, layers, tb, List.of());
        return new ValidationReport(events, max, mean, tolerance, rate, inputOverflows, layers, tb, checks(figures, t));
    }

    private List<ValidationReport.Check> checks(ValidationReport r, Thresholds t) {
        List<ValidationReport.Check> out = new ArrayList<>();
        TestbenchResult tb = r.testbench();
        if (tb.present()) {
            out.add(new ValidationReport.Check("testbench", tb.bitExact(), tb.bitExact()
                    ? "all " + tb.outputsCompared() + " stored raw outputs of " + tb.vectors() + " events and their network inputs "
                            + "reproduced bit for bit"
                    : tb.mismatchedOutputs() + " of " + tb.outputsCompared() + " stored raw outputs (in " + tb.mismatches() + " of "
                            + tb.vectors() + " events) and " + tb.inputMismatches() + " network input values differ from the "
                            + "emulator; stored testbench vectors must be reproduced bit for bit"));
        } else if (t.requireTestbenchBitExact()) {
            out.add(new ValidationReport.Check(t.names().of("require_testbench_bit_exact"), false,
                    "the bundle stores no testbench vectors (testbench/)"));
        }
        if (t.maxAbsDiff() != null) {
            int j = worst(r.maxAbsDiff());
            double v = r.maxAbsDiff()[j];
            boolean ok = v <= t.maxAbsDiff();
            out.add(new ValidationReport.Check(t.names().of("max_abs_diff"), ok,
                    "output " + j + " has max |float - fixed| " + v + (ok ? " <= " : " > ") + t.maxAbsDiff()));
        }
        if (t.meanAbsDiff() != null) {
            int j = worst(r.meanAbsDiff());
            double v = r.meanAbsDiff()[j];
            boolean ok = v <= t.meanAbsDiff();
            out.add(new ValidationReport.Check(t.names().of("mean_abs_diff"), ok,
                    "output " + j + " has mean |float - fixed| " + v + (ok ? " <= " : " > ") + t.meanAbsDiff()));
        }
        if (t.minAgreementRate() != null) {
            boolean ok = r.agreementRate() >= t.minAgreementRate();
            out.add(new ValidationReport.Check(t.names().of("min_agreement_rate"), ok, agreeing + " of " + r.events()
                    + " events agree within tolerance " + r.tolerance() + ", rate " + r.agreementRate() + (ok ? " >= " : " < ")
                    + t.minAgreementRate()));
        }
        if (t.maxOverflows() != null) {
            long acc = r.layers().stream().mapToLong(ValidationReport.LayerOverflows::accumulatorOverflows).sum();
            long res = r.layers().stream().mapToLong(ValidationReport.LayerOverflows::resultOverflows).sum();
            boolean ok = r.totalOverflows() <= t.maxOverflows();
            out.add(new ValidationReport.Check(t.names().of("max_overflows"), ok, r.totalOverflows() + " overflows (input "
                    + r.inputOverflows() + ", accumulators " + acc + ", results " + res + ")" + (ok ? " <= " : " > ") + t.maxOverflows()));
        }
        return out;
    }

    /** The index of the largest value (NaN counts as largest). */
    private static int worst(double[] v) {
        int w = 0;
        for (int j = 1; j < v.length; j++) {
            if (!Double.isNaN(v[w]) && (Double.isNaN(v[j]) || v[j] > v[w])) {
                w = j;
            }
        }
        return w;
    }
}
