package org.l1embed.events.synthetic;

import static org.l1embed.events.EventLayout.FLOATS_PER_EVENT;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.l1embed.events.Cocktail;
import org.l1embed.events.EventLayout;
import org.l1embed.events.EventSet;
import org.l1embed.events.JetEnergyScale;
import org.l1embed.events.ObjectThresholds;
import org.l1embed.events.Process;
import org.l1embed.events.SplitMix64;

/**
 * Seeded generator of Level-1 trigger events in the ADC2021 layout for every {@link Process}: a fast toy
 * simulation with the processes' characteristic objects, falling pT spectra, detector resolution, acceptance,
 * MET from momentum balance, and the dataset's lepton filter (every event has a leading e/γ or muon with
 * pT ≥ 23 GeV; events are redrawn until one passes). The physics is documented in {@code docs/generator.md}.
 *
 * <p>Deterministic: event {@code k} of process {@code p} depends only on the seed, {@code p} and {@code k}
 * (each event has its own random stream), so any block of events can be generated on its own and the same
 * seed always gives the same bytes. Jet-energy-scale variants ({@link #generate(Process, long, int, double)})
 * are the same events with every jet scaled by e^ν — nominal and shifted samples are correlated event by event.
 *
 * <p>Thread-safe: instances are immutable; each call uses its own working state.
 */
public final class SyntheticEvents {

    /** Events generated per internal block (bounds the working memory of the jet-energy-scale step). */
    private static final int BLOCK = 4096;
    /** Redraws allowed per event before giving up (only settings that make the filter unreachable get there). */
    private static final int MAX_ATTEMPTS = 1_000_000;

    /**
     * Detector-level settings of the generator.
     *
     * @param thresholds         the record's object thresholds, applied after any jet-energy-scale shift
     * @param jetFloorPt         jets are generated and kept down to this measured pT (GeV), below the record's jet
     *                           threshold, so that a positive shift can lift them across it; in (0, jet threshold]
     * @param metNoiseConstant   constant term of the MET resolution, GeV per component, ≥ 0
     * @param metNoiseStochastic stochastic term, GeV^½ per component (times √ΣET), ≥ 0
     */
    public record Settings(ObjectThresholds thresholds, double jetFloorPt, double metNoiseConstant,
                           double metNoiseStochastic) {

        /** Thresholds {@link ObjectThresholds#DEFAULT}, jet floor 10 GeV, MET noise 3 GeV + 0.3·√ΣET per component. */
        public static final Settings DEFAULT = new Settings(ObjectThresholds.DEFAULT, 10.0, 3.0, 0.3);

        public Settings {
            Objects.requireNonNull(thresholds, "thresholds");
            if (!(jetFloorPt > 0 && jetFloorPt <= thresholds.jetPt())) {
                throw new IllegalArgumentException("jetFloorPt must be in (0, jet threshold " + thresholds.jetPt()
                        + "] GeV, got jetFloorPt=" + jetFloorPt);
            }
            if (!(metNoiseConstant >= 0 && Double.isFinite(metNoiseConstant))) {
                throw new IllegalArgumentException("metNoiseConstant must be a finite number >= 0, got metNoiseConstant="
                        + metNoiseConstant);
            }
            if (!(metNoiseStochastic >= 0 && Double.isFinite(metNoiseStochastic))) {
                throw new IllegalArgumentException("metNoiseStochastic must be a finite number >= 0, got metNoiseStochastic="
                        + metNoiseStochastic);
            }
        }

        /** A copy without the MET noise term: MET is then exactly −Σ of the kept objects' transverse momenta. */
        public Settings withoutMetNoise() {
            return new Settings(thresholds, jetFloorPt, 0, 0);
        }

        /** A copy with other thresholds (the jet floor is lowered to the jet threshold if needed). */
        public Settings withThresholds(ObjectThresholds t) {
            return new Settings(t, Math.min(jetFloorPt, t.jetPt()), metNoiseConstant, metNoiseStochastic);
        }

        /**
         * The largest ν for which upward migration is complete: every jet that a shift can lift above the
         * threshold was kept, i.e. ln(jet threshold / jet floor) (0.405 by default).
         */
        public double maxNu() {
            return StrictMath.log(thresholds.jetPt() / jetFloorPt);
        }
    }

    private final long seed;
    private final Settings settings;

    /** A generator with {@link Settings#DEFAULT}. */
    public SyntheticEvents(long seed) {
        this(seed, Settings.DEFAULT);
    }

    public SyntheticEvents(long seed, Settings settings) {
        this.seed = seed;
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    public long seed() {
        return seed;
    }

    public Settings settings() {
        return settings;
    }

    /** Events 0..n-1 of {@code process}, nominal jet energy scale. */
    public EventSet generate(Process process, int n) {
        return generate(process, 0, n, 0.0);
    }

    /** Events 0..n-1 of {@code process} with jets scaled by e^ν. */
    public EventSet generate(Process process, int n, double nu) {
        return generate(process, 0, n, nu);
    }

    /**
     * Events {@code first .. first+n-1} of {@code process} with every jet's pT scaled by e^ν, MET recomputed
     * and the thresholds applied after the shift ({@link JetEnergyScale}); ν = 0 is the nominal sample. All
     * labels are {@code process.label()}; no weights.
     *
     * @throws IllegalArgumentException if n &lt; 0, n exceeds {@link EventLayout#MAX_EVENTS}, first &lt; 0, or ν is
     *                                  not finite or above {@link Settings#maxNu()}
     */
    public EventSet generate(Process process, long first, int n, double nu) {
        Objects.requireNonNull(process, "process");
        if (n < 0 || n > EventLayout.MAX_EVENTS) {
            throw new IllegalArgumentException("n must be in 0.." + EventLayout.MAX_EVENTS + ", got n=" + n);
        }
        if (first < 0) {
            throw new IllegalArgumentException("first must be >= 0, got first=" + first);
        }
        if (!Double.isFinite(nu) || nu > settings.maxNu()) {
            throw new IllegalArgumentException("nu must be finite and <= " + settings.maxNu()
                    + " (ln(jet threshold / jet floor): larger shifts would lift jets the generator did not keep), got nu=" + nu);
        }
        float[] out = new float[n * FLOATS_PER_EVENT];
        float[] block = new float[Math.min(n, BLOCK) * FLOATS_PER_EVENT];
        int[] blockLabels = new int[Math.min(n, BLOCK)];
        Arrays.fill(blockLabels, process.label());
        EventBuilder builder = new EventBuilder(settings);
        for (int start = 0; start < n; start += BLOCK) {
            int count = Math.min(BLOCK, n - start);
            for (int i = 0; i < count; i++) {
                generateOne(process, first + start + i, builder, block, i);
            }
            float[] extended = count == blockLabels.length ? block : Arrays.copyOf(block, count * FLOATS_PER_EVENT);
            int[] labels = count == blockLabels.length ? blockLabels : Arrays.copyOf(blockLabels, count);
            EventSet shifted = JetEnergyScale.apply(EventSet.of(extended, labels), nu, settings.thresholds());
            System.arraycopy(shifted.particles(), 0, out, start * FLOATS_PER_EVENT, count * FLOATS_PER_EVENT);
        }
        int[] labels = new int[n];
        Arrays.fill(labels, process.label());
        return EventSet.of(out, labels);
    }

    /**
     * A background sample of {@code n} events split among the four background processes by the cocktail
     * fractions ({@link Cocktail#split}), in label order (not shuffled), with jets scaled by e^ν.
     */
    public EventSet cocktail(int n, double nu) {
        Map<Process, Long> counts = Cocktail.split(n, Process.backgrounds());
        List<EventSet> parts = new ArrayList<>();
        for (Map.Entry<Process, Long> e : counts.entrySet()) {
            parts.add(generate(e.getKey(), 0, Math.toIntExact(e.getValue()), nu));
        }
        return EventSet.concat(parts);
    }

    private void generateOne(Process process, long index, EventBuilder builder, float[] out, int slot) {
        Sampler sampler = new Sampler(SplitMix64.derive(seed, ((long) process.label() << 56) ^ index));
        ProcessModels models = new ProcessModels(sampler, builder, settings.jetFloorPt());
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            builder.reset(sampler);
            models.generate(process);
            if (builder.write(out, slot)) {
                return;
            }
        }
        throw new IllegalStateException("no event of " + process + " passed the lepton filter in " + MAX_ATTEMPTS
                + " attempts; check the thresholds " + settings.thresholds());
    }
}
