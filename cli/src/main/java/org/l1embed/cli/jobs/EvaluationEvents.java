package org.l1embed.cli.jobs;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.l1embed.events.EventSet;
import org.l1embed.events.JetEnergyScale;
import org.l1embed.events.ObjectThresholds;
import org.l1embed.events.Process;
import org.l1embed.events.synthetic.SyntheticEvents;
import org.l1embed.training.data.hdf5.Hdf5DatasetLoader;

/**
 * The events of an evaluation, split for it: the background, shuffled with the seed, in two disjoint halves — the
 * <em>fit</em> half (anomaly scores are fitted on it; the NPLM reference sample is drawn from it) and the <em>test</em>
 * half (ROC curves and trigger efficiencies are measured on it; NPLM pseudo-data are drawn from it) — and the events of
 * each signal present. Raw ADC2021 events; representations are computed from them by the caller.
 *
 * @param source         where the events came from, for the report
 * @param fitBackground  background events the scores are fitted on
 * @param testBackground background events the metrics are measured on
 * @param signals        signal process → its events, in {@link Process} order; signals without events are absent
 * @param shifted        the test half of the background with the jet energy scale shifted
 */
public record EvaluationEvents(String source, EventSet fitBackground, EventSet testBackground, Map<Process, EventSet> signals,
                               ShiftedBackground shifted) {

    /** The test half of the background with every jet's pT scaled by e^ν, MET recomputed and the thresholds applied after. */
    @FunctionalInterface
    public interface ShiftedBackground {
        /**
         * @throws IllegalArgumentException if ν is not finite or beyond what the events allow
         */
        EventSet testBackground(double nu);
    }

    /** Added to the seed of synthetic evaluation events, far from the seeds {@code train} and {@code quantize} use. */
    public static final long SYNTHETIC_SEED_OFFSET = 7_000_003L;

    /** The fewest background events an evaluation accepts (each half needs enough for a covariance and a toy). */
    public static final int MIN_BACKGROUND = 200;

    public EvaluationEvents {
        signals = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(signals));
    }

    /**
     * Synthetic events: {@code background} events of the background cocktail and {@code max(500, background/10)} of each
     * signal, from the seed {@code seed + }{@value #SYNTHETIC_SEED_OFFSET}.
     *
     * @throws IllegalArgumentException if {@code background < }{@value #MIN_BACKGROUND}
     */
    public static EvaluationEvents synthetic(int background, long seed) {
        if (background < MIN_BACKGROUND) {
            throw new IllegalArgumentException("synthetic must be >= " + MIN_BACKGROUND + " background events, got synthetic=" + background);
        }
        SyntheticEvents gen = new SyntheticEvents(seed + SYNTHETIC_SEED_OFFSET);
        EventSet bg = gen.cocktail(background, 0.0);
        Map<Process, EventSet> signals = new LinkedHashMap<>();
        int perSignal = Math.max(500, background / 10);
        for (Process p : Process.signals()) {
            signals.put(p, gen.generate(p, perSignal));
        }
        // The same generated events with the jet energy scale shifted (jets kept down to the generator's floor, thresholds
        // after the shift), so that the shifted test half holds exactly the test events, shifted.
        return split("synthetic (seed " + (seed + SYNTHETIC_SEED_OFFSET) + ")", bg, signals, seed,
                (order, nu) -> new SyntheticEvents(seed + SYNTHETIC_SEED_OFFSET).cocktail(background, nu).subset(order));
    }

    /**
     * The events of the HDF5 files in {@code directory} (one per process, or with {@code Labels}; see
     * {@link Hdf5DatasetLoader}), every event used.
     *
     * @throws IllegalArgumentException if they hold fewer than {@value #MIN_BACKGROUND} background events
     */
    public static EvaluationEvents hdf5(Path directory, long seed) throws IOException {
        EventSet all = Hdf5DatasetLoader.load(Hdf5DatasetLoader.sourcesIn(directory));
        List<Integer> bg = new ArrayList<>();
        Map<Process, List<Integer>> sig = new LinkedHashMap<>();
        for (int e = 0; e < all.size(); e++) {
            Process p = all.process(e);
            if (p.isSignal()) {
                sig.computeIfAbsent(p, k -> new ArrayList<>()).add(e);
            } else {
                bg.add(e);
            }
        }
        if (bg.size() < MIN_BACKGROUND) {
            throw new IllegalArgumentException(directory + ": the files hold " + bg.size() + " background events; an evaluation needs at least "
                    + MIN_BACKGROUND);
        }
        Map<Process, EventSet> signals = new LinkedHashMap<>();
        for (Process p : Process.signals()) {
            if (sig.containsKey(p)) {
                signals.put(p, all.subset(sig.get(p).stream().mapToInt(Integer::intValue).toArray()));
            }
        }
        EventSet background = all.subset(bg.stream().mapToInt(Integer::intValue).toArray());
        // Stored events are already thresholded: a downward shift moves jets out, but no jet below threshold can come in.
        return split("HDF5 files in " + directory, background, signals, seed,
                (order, nu) -> JetEnergyScale.apply(background.subset(order), nu, ObjectThresholds.DEFAULT));
    }

    private static EvaluationEvents split(String source, EventSet background, Map<Process, EventSet> signals, long seed,
                                          java.util.function.BiFunction<int[], Double, EventSet> shiftedSubset) {
        int[] order = shuffled(background.size(), seed);
        int half = background.size() / 2;
        int[] test = java.util.Arrays.copyOfRange(order, half, order.length);
        return new EvaluationEvents(source, background.subset(java.util.Arrays.copyOfRange(order, 0, half)), background.subset(test),
                signals, nu -> shiftedSubset.apply(test, nu));
    }

    /** 0..n−1 in a seeded Fisher–Yates order. */
    static int[] shuffled(int n, long seed) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }
}
