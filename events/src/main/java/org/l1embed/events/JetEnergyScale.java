package org.l1embed.events;

import static org.l1embed.events.EventLayout.CLASS;
import static org.l1embed.events.EventLayout.ETA;
import static org.l1embed.events.EventLayout.FEATURES;
import static org.l1embed.events.EventLayout.FLOATS_PER_EVENT;
import static org.l1embed.events.EventLayout.PHI;
import static org.l1embed.events.EventLayout.PT;

import java.util.Arrays;

/**
 * The jet-energy-scale nuisance: every jet's pT is multiplied by e^ν, MET is recomputed from the shifted jets,
 * and then the object thresholds are applied, so that jets migrate across the jet threshold (physics.md;
 * Tong, Grosso, Harris). Works on any {@link EventSet}: generated events or events read from files.
 *
 * <p>Arithmetic, per event (doubles unless stated):
 * <ul>
 *   <li>the scale factor is {@code s = StrictMath.exp(ν)}; a jet's new pT is the float
 *       {@code (float) (pT * s)}, i.e. the double product rounded once to float;</li>
 *   <li>with {@code δ = newPt − pT} (from the two floats), MET's vector becomes
 *       {@code (MET·cos φ_MET − Σ δ·cos φ_jet, MET·sin φ_MET − Σ δ·sin φ_jet)} over all jet rows (sines and
 *       cosines from {@link StrictMath}), stored as its length and {@code atan2} angle rounded to float, η = 0,
 *       class id 1. When every δ is 0 (ν = 0) MET is left untouched, bit for bit;</li>
 *   <li>then, in each kind, the objects with pT not strictly above their threshold are removed and the rest
 *       move up, keeping their order; freed slots become all zeros. Removing an object does not change MET:
 *       its energy was measured, it is just not in the record.</li>
 * </ul>
 * A uniform scale keeps the jets' decreasing-pT order. For events read from files, only downward migration is
 * possible (jets below the file's threshold were never stored); generated events can migrate both ways (the
 * generator keeps jets down to a lower floor until the shift is applied, see {@code docs/generator.md}).
 */
public final class JetEnergyScale {

    private JetEnergyScale() {
    }

    /** {@link #apply} with {@link ObjectThresholds#DEFAULT}. */
    public static EventSet withJes(EventSet events, double nu) {
        return apply(events, nu, ObjectThresholds.DEFAULT);
    }

    /**
     * The events with every jet's pT scaled by e^ν, MET recomputed and the thresholds applied; labels and
     * weights are kept. ν = 0 only applies the thresholds, so events that already satisfy them come back
     * unchanged, bit for bit.
     *
     * @throws IllegalArgumentException if ν is not finite
     */
    public static EventSet apply(EventSet events, double nu, ObjectThresholds thresholds) {
        if (!Double.isFinite(nu)) {
            throw new IllegalArgumentException("nu must be finite, got nu=" + nu);
        }
        float[] src = events.particles();
        float[] dst = Arrays.copyOf(src, src.length);
        shiftInPlace(dst, 0, events.size(), StrictMath.exp(nu), thresholds);
        return EventSet.of(dst, events.labels().clone(), events.hasWeights() ? events.weights().clone() : null);
    }

    /**
     * The kernel of {@link #apply}: shifts events {@code first .. first+count-1} of a particles array in
     * place, with scale factor {@code scale} (= e^ν).
     */
    static void shiftInPlace(float[] p, int first, int count, double scale, ObjectThresholds thresholds) {
        ObjectType jet = ObjectType.JET;
        for (int e = first; e < first + count; e++) {
            int base = e * FLOATS_PER_EVENT;
            double dx = 0;
            double dy = 0;
            boolean changed = false;
            for (int r = jet.firstRow(); r < jet.endRow(); r++) {
                int i = base + r * FEATURES;
                float old = p[i + PT];
                float shifted = (float) (old * scale);
                if (shifted != old) {
                    double delta = (double) shifted - old;
                    double phi = p[i + PHI];
                    dx += delta * StrictMath.cos(phi);
                    dy += delta * StrictMath.sin(phi);
                    p[i + PT] = shifted;
                    changed = true;
                }
            }
            if (changed) {
                int m = base + ObjectType.MET.firstRow() * FEATURES;
                double met = p[m + PT];
                double phi = p[m + PHI];
                double mx = met * StrictMath.cos(phi) - dx;
                double my = met * StrictMath.sin(phi) - dy;
                p[m + PT] = (float) Math.sqrt(mx * mx + my * my);
                p[m + ETA] = 0f;
                p[m + PHI] = (float) StrictMath.atan2(my, mx);
                p[m + CLASS] = ObjectType.MET.classId();
            }
            applyThreshold(p, base, ObjectType.EGAMMA, thresholds.egammaPt());
            applyThreshold(p, base, ObjectType.MUON, thresholds.muonPt());
            applyThreshold(p, base, jet, thresholds.jetPt());
        }
    }

    /** Removes the objects of one kind with pT not above {@code min}, moving the kept ones up in order. */
    private static void applyThreshold(float[] p, int base, ObjectType type, double min) {
        int write = base + type.firstRow() * FEATURES;
        int end = base + type.endRow() * FEATURES;
        for (int read = write; read < end; read += FEATURES) {
            boolean empty = p[read + PT] == 0f && p[read + CLASS] == 0f && p[read + ETA] == 0f && p[read + PHI] == 0f;
            if (!empty && p[read + PT] > min) {
                if (read != write) {
                    System.arraycopy(p, read, p, write, FEATURES);
                }
                write += FEATURES;
            }
        }
        Arrays.fill(p, write, end, 0f);
    }
}
