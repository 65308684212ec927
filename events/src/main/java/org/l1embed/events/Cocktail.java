package org.l1embed.events;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The Standard Model background cocktail: how many of N background events each process gets.
 */
public final class Cocktail {

    private Cocktail() {
    }

    /**
     * Splits {@code total} events among {@code backgrounds} in proportion to their cocktail fractions
     * ({@link Process#cocktailFraction()}, renormalized over the processes given), by the largest-remainder
     * method: each gets ⌊total·f⌋, and the events left over go one each to the largest remainders (ties to the
     * lower label). The counts sum to {@code total} exactly; a small process may get 0.
     *
     * @return counts in label order (unmodifiable)
     * @throws IllegalArgumentException if {@code total < 0}, the collection is empty or holds a signal
     */
    public static Map<Process, Long> split(long total, Collection<Process> backgrounds) {
        if (total < 0) {
            throw new IllegalArgumentException("total must be >= 0, got " + total);
        }
        if (backgrounds.isEmpty()) {
            throw new IllegalArgumentException("no background process to split " + total + " events among");
        }
        List<Process> ps = new ArrayList<>();
        double sum = 0;
        for (Process p : Process.values()) {
            if (backgrounds.contains(p)) {
                if (p.isSignal()) {
                    throw new IllegalArgumentException(p + " is a signal, not part of the background cocktail");
                }
                ps.add(p);
                sum += p.cocktailFraction();
            }
        }
        Map<Process, Long> counts = new EnumMap<>(Process.class);
        double[] remainders = new double[ps.size()];
        long assigned = 0;
        for (int i = 0; i < ps.size(); i++) {
            double exact = total * (ps.get(i).cocktailFraction() / sum);
            long base = (long) Math.floor(exact);
            counts.put(ps.get(i), base);
            remainders[i] = exact - base;
            assigned += base;
        }
        for (long left = total - assigned; left > 0; left--) {
            int best = 0;
            for (int i = 1; i < remainders.length; i++) {
                if (remainders[i] > remainders[best]) {
                    best = i;
                }
            }
            counts.merge(ps.get(best), 1L, Long::sum);
            remainders[best] = -1;
        }
        return Collections.unmodifiableMap(counts);
    }
}
