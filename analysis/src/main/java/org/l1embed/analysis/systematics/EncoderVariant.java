package org.l1embed.analysis.systematics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One encoder (e.g. "before" or "after" nuisance fine-tuning) with its samples at the held-out ν values.
 *
 * @param name non-blank label used in tables, JSON and figure legends
 * @param samples one per ν, distinct ν values; stored sorted by ν
 */
public record EncoderVariant(String name, List<ShiftSample> samples) {

    public EncoderVariant {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("variant name must not be blank, got "
                    + (name == null ? "null" : "'" + name + "'"));
        }
        if (samples == null || samples.size() < 2) {
            throw new IllegalArgumentException("variant '" + name + "': need samples at >= 2 nu values (for the "
                    + "degree-2 mean-shift fit through the origin), got " + (samples == null ? 0 : samples.size()));
        }
        List<ShiftSample> sorted = new ArrayList<>(samples);
        sorted.sort(Comparator.comparingDouble(ShiftSample::nu));
        Set<Double> seen = new HashSet<>();
        for (ShiftSample s : sorted) {
            if (!seen.add(s.nu())) {
                throw new IllegalArgumentException("variant '" + name + "': nu=" + s.nu() + " appears twice");
            }
        }
        samples = List.copyOf(sorted);
    }

    /** The ν values, ascending. */
    public double[] nus() {
        return samples.stream().mapToDouble(ShiftSample::nu).toArray();
    }
}
