package org.l1embed.events;

import static org.l1embed.events.EventLayout.FEATURES;
import static org.l1embed.events.EventLayout.FLOATS_PER_EVENT;
import static org.l1embed.events.EventLayout.OBJECTS;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A block of labelled events in the ADC2021 layout: {@code particles} (N × 19 × 4 float32, row-major, see
 * {@link EventLayout}), one {@link Process} label per event and optional per-event weights.
 *
 * <p>Immutable by convention: the accessors return the backing arrays without copying, for speed, and callers
 * must not modify them; every operation returns a new set. Construction validates: array lengths agree, every
 * particle value and weight is finite, every label is in 0–7. Layout conventions (ordering, zero padding,
 * class ids) are not checked here, because real files are accepted as they are.
 */
public final class EventSet {

    /** Dataset names used in messages; they are also the HDF5 dataset names ({@code docs/event-data.md}). */
    private static final String PARTICLES = "Particles";
    private static final String LABELS = "Labels";
    private static final String WEIGHTS = "Weights";

    private final float[] particles;
    private final int[] labels;
    private final float[] weights;

    private EventSet(float[] particles, int[] labels, float[] weights) {
        this.particles = particles;
        this.labels = labels;
        this.weights = weights;
    }

    /**
     * Events without weights; the arrays are taken over, not copied.
     *
     * @throws IllegalArgumentException if lengths disagree, a value is NaN or infinite, or a label is not 0–7
     */
    public static EventSet of(float[] particles, int[] labels) {
        return validated(particles, labels, null, null, 0);
    }

    /**
     * Events with optional weights ({@code null}: none); the arrays are taken over, not copied.
     *
     * @throws IllegalArgumentException if lengths disagree, a value or weight is NaN or infinite, or a label is
     *                                  not 0–7
     */
    public static EventSet of(float[] particles, int[] labels, float[] weights) {
        return validated(particles, labels, weights, null, 0);
    }

    /**
     * Like {@link #of(float[], int[], float[])}, with messages that name where the events came from: {@code
     * source} (a file, or {@code null}) and the index of the first event within it, so that an error names the
     * file, the dataset and the event's index in the file, e.g. {@code W.h5: dataset 'Particles', event 1207:
     * η of muon 2 is NaN}.
     */
    public static EventSet validated(float[] particles, int[] labels, float[] weights, String source, long firstEvent) {
        Objects.requireNonNull(particles, "particles");
        Objects.requireNonNull(labels, "labels");
        String prefix = source == null ? "" : source + ": ";
        if (particles.length % FLOATS_PER_EVENT != 0) {
            throw new IllegalArgumentException(prefix + "dataset '" + PARTICLES + "': length " + particles.length
                    + " is not a multiple of " + FLOATS_PER_EVENT + " (19 objects × 4 features per event)");
        }
        int n = particles.length / FLOATS_PER_EVENT;
        if (labels.length != n) {
            throw new IllegalArgumentException(prefix + "dataset '" + LABELS + "': " + labels.length
                    + " labels for " + n + " events, expected one per event");
        }
        if (weights != null && weights.length != n) {
            throw new IllegalArgumentException(prefix + "dataset '" + WEIGHTS + "': " + weights.length
                    + " weights for " + n + " events, expected one per event");
        }
        checkFinite(particles, prefix, firstEvent);
        for (int i = 0; i < n; i++) {
            if (!Process.isValidLabel(labels[i])) {
                throw new IllegalArgumentException(prefix + "dataset '" + LABELS + "', event " + (firstEvent + i)
                        + ": label " + labels[i] + " is out of range, expected 0.." + (Process.COUNT - 1));
            }
        }
        if (weights != null) {
            for (int i = 0; i < n; i++) {
                if (!Float.isFinite(weights[i])) {
                    throw new IllegalArgumentException(prefix + "dataset '" + WEIGHTS + "', event " + (firstEvent + i)
                            + ": weight is " + weights[i] + ", expected a finite number");
                }
            }
        }
        return new EventSet(particles, labels, weights);
    }

    private static void checkFinite(float[] particles, String prefix, long firstEvent) {
        for (int i = 0; i < particles.length; i++) {
            if (!Float.isFinite(particles[i])) {
                int event = i / FLOATS_PER_EVENT;
                int row = (i % FLOATS_PER_EVENT) / FEATURES;
                int feature = i % FEATURES;
                throw new IllegalArgumentException(prefix + "dataset '" + PARTICLES + "', event " + (firstEvent + event)
                        + ": " + EventLayout.featureName(feature) + " of " + ObjectType.describeRow(row)
                        + " (row " + row + ") is " + particles[i] + ", expected a finite number");
            }
        }
    }

    /** Number of events. */
    public int size() {
        return labels.length;
    }

    /** The particle values, N × 19 × 4 row-major (see {@link EventLayout}); the backing array: do not modify. */
    public float[] particles() {
        return particles;
    }

    /** The labels (0–7, see {@link Process#label()}); the backing array: do not modify. */
    public int[] labels() {
        return labels;
    }

    /** True when the events carry weights. */
    public boolean hasWeights() {
        return weights != null;
    }

    /** The per-event weights, or {@code null} when there are none; the backing array: do not modify. */
    public float[] weights() {
        return weights;
    }

    /** The weight of event {@code event}: its stored weight, or 1 when the set has no weights. */
    public float weight(int event) {
        Objects.checkIndex(event, size());
        return weights == null ? 1f : weights[event];
    }

    /** The label of event {@code event}. */
    public int label(int event) {
        return labels[event];
    }

    /** The process of event {@code event}. */
    public Process process(int event) {
        return Process.ofLabel(labels[event]);
    }

    /** Feature {@code feature} of row {@code row} of event {@code event}. */
    public float value(int event, int row, int feature) {
        Objects.checkIndex(event, size());
        Objects.checkIndex(row, OBJECTS);
        Objects.checkIndex(feature, FEATURES);
        return particles[EventLayout.index(event, row, feature)];
    }

    /** Number of events per label, indexed by label (length 8). */
    public long[] countsByLabel() {
        long[] counts = new long[Process.COUNT];
        for (int label : labels) {
            counts[label]++;
        }
        return counts;
    }

    /**
     * The network inputs: N × 57 floats, per event the (pT, η, φ) of the 19 objects in row order
     * ({@code pT₀, η₀, φ₀, pT₁, η₁, φ₁, …}); the class ids are dropped, empty slots stay zero. Raw values: no
     * scaling is applied here (preprocessing belongs to the model).
     */
    public float[] networkFeatures() {
        return EventLayout.networkFeatures(particles);
    }

    /**
     * The events at {@code indices}, in that order (repeats allowed); copies.
     *
     * @throws IndexOutOfBoundsException if an index is outside 0..size()-1
     */
    public EventSet subset(int[] indices) {
        int n = size();
        float[] p = new float[indices.length * FLOATS_PER_EVENT];
        int[] l = new int[indices.length];
        float[] w = weights == null ? null : new float[indices.length];
        for (int i = 0; i < indices.length; i++) {
            int src = Objects.checkIndex(indices[i], n);
            System.arraycopy(particles, src * FLOATS_PER_EVENT, p, i * FLOATS_PER_EVENT, FLOATS_PER_EVENT);
            l[i] = labels[src];
            if (w != null) {
                w[i] = weights[src];
            }
        }
        return new EventSet(p, l, w);
    }

    /** Events {@code from} (inclusive) to {@code to} (exclusive); copies. */
    public EventSet slice(int from, int to) {
        Objects.checkFromToIndex(from, to, size());
        return new EventSet(
                Arrays.copyOfRange(particles, from * FLOATS_PER_EVENT, to * FLOATS_PER_EVENT),
                Arrays.copyOfRange(labels, from, to),
                weights == null ? null : Arrays.copyOfRange(weights, from, to));
    }

    /** The sets one after the other; see {@link #concat(List)}. */
    public static EventSet concat(EventSet... sets) {
        return concat(List.of(sets));
    }

    /**
     * The sets one after the other, copied into new arrays. When some sets have weights and others do not, the
     * events without weights get weight 1; when none has weights, neither does the result.
     *
     * @throws IllegalArgumentException if the total exceeds {@link EventLayout#MAX_EVENTS}
     */
    public static EventSet concat(List<EventSet> sets) {
        long total = 0;
        boolean anyWeights = false;
        for (EventSet s : sets) {
            total += s.size();
            anyWeights |= s.hasWeights();
        }
        if (total > EventLayout.MAX_EVENTS) {
            throw new IllegalArgumentException("cannot concatenate " + total + " events: at most "
                    + EventLayout.MAX_EVENTS + " fit in one event set");
        }
        int n = (int) total;
        float[] p = new float[n * FLOATS_PER_EVENT];
        int[] l = new int[n];
        float[] w = anyWeights ? new float[n] : null;
        int at = 0;
        for (EventSet s : sets) {
            int k = s.size();
            System.arraycopy(s.particles, 0, p, at * FLOATS_PER_EVENT, k * FLOATS_PER_EVENT);
            System.arraycopy(s.labels, 0, l, at, k);
            if (w != null) {
                if (s.weights != null) {
                    System.arraycopy(s.weights, 0, w, at, k);
                } else {
                    Arrays.fill(w, at, at + k, 1f);
                }
            }
            at += k;
        }
        return new EventSet(p, l, w);
    }

    @Override
    public String toString() {
        return "EventSet[" + size() + " events" + (hasWeights() ? ", weighted" : "") + "]";
    }
}
