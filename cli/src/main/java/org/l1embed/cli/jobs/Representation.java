package org.l1embed.cli.jobs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.l1embed.events.EventLayout;
import org.l1embed.events.EventSet;
import org.l1embed.events.Process;
import org.l1embed.quantization.network.NetworkSpec;
import org.l1embed.training.preprocess.PtStandardization;

/**
 * The evaluation events in one representation, row-major {@code [events, dimension]}: the bundle's embedding, or one of
 * the baselines the method is judged against (the raw 57 features after the bundle's preprocessing, and the
 * physics-inspired 6-D selection of {@link Baselines}).
 *
 * @param name        short name used in the report ({@code embedding}, {@code raw57}, {@code sixD})
 * @param description what it is, for the report
 * @param dimension   values per event
 * @param fit         the fit half of the background
 * @param test        the test half of the background
 * @param signals     signal → its events
 */
public record Representation(String name, String description, int dimension, float[] fit, float[] test, Map<Process, float[]> signals) {

    public Representation {
        signals = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(signals));
    }

    /** Events of {@code fit} (background). */
    public int fitEvents() {
        return fit.length / dimension;
    }

    /** Events of {@code test} (background). */
    public int testEvents() {
        return test.length / dimension;
    }

    /**
     * The three representations of the comparison, embedding first.
     *
     * @param network the bundle's network (57 inputs with stored preprocessing; float or quantized — a quantized one is
     *                run through the bit-accurate emulator, so its latent is what the firmware computes)
     */
    public static List<Representation> all(EvaluationEvents events, NetworkSpec network) {
        List<Representation> out = new ArrayList<>();
        int d = network.outputSize();
        out.add(of("embedding", (network.isQuantized() ? "fixed-point latent (bit-accurate emulator) of " : "float latent of ")
                + "network '" + network.name() + "'", d, events, raw -> embed(network, raw)));
        out.add(of("raw57", "the 57 network inputs after the bundle's preprocessing", EventLayout.NETWORK_FEATURES, events,
                raw -> preprocessed(network, raw)));
        out.add(of("sixD", "physics-inspired 6-D selection: pT of MET, two leading e/gamma, two leading muons, leading jet (GeV)",
                6, events, Baselines::sixD));
        return List.copyOf(out);
    }

    /** The bundle's latent of raw events (network features, {@code [events, 57]}). */
    static float[] embed(NetworkSpec network, float[] raw) {
        return QuantizeJob.latents(network, preprocessed(network, raw));
    }

    private static float[] preprocessed(NetworkSpec network, float[] raw) {
        return PtStandardization.applyAll(network.input().preprocessing(), raw, EventLayout.NETWORK_FEATURES);
    }

    private static Representation of(String name, String description, int d, EvaluationEvents events,
                                     java.util.function.UnaryOperator<float[]> map) {
        Map<Process, float[]> signals = new LinkedHashMap<>();
        for (Map.Entry<Process, EventSet> s : events.signals().entrySet()) {
            signals.put(s.getKey(), map.apply(s.getValue().networkFeatures()));
        }
        return new Representation(name, description, d, map.apply(events.fitBackground().networkFeatures()),
                map.apply(events.testBackground().networkFeatures()), signals);
    }
}
