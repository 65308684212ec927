package org.l1embed.events;

import java.util.List;

/**
 * The ADC2021 event layout (Govorkova et al., arXiv:2107.02157) as constants and index arithmetic.
 *
 * <p>An event is 19 objects × 4 features, float32, stored row-major: the value of feature {@code f} of object
 * (row) {@code r} of event {@code e} is at {@code e * 76 + r * 4 + f}. Features are pT (GeV), η, φ (radians,
 * in [−π, π]) and the class id ({@link ObjectType#classId()}, 0 for an empty slot). Rows: 0 MET, 1–4 e/γ, 5–8
 * muons, 9–18 jets ({@link ObjectType}).
 *
 * <p>The same numbers per kind of object, with helpers, are in {@link ObjectType}.
 *
 * <p>The network sees 57 features per event: the first three features of each of the 19 objects, object-major
 * ({@code pT₀, η₀, φ₀, pT₁, …}); see {@link #networkFeatures(float[])}.
 */
public final class EventLayout {

    /** Row of MET. */
    public static final int MET_ROW = 0;
    /** First e/γ row; e/γ occupy {@value #EGAMMA_SLOTS} rows. */
    public static final int FIRST_EGAMMA_ROW = MET_ROW + 1;
    /** Number of e/γ slots. */
    public static final int EGAMMA_SLOTS = 4;
    /** First muon row; muons occupy {@value #MUON_SLOTS} rows. */
    public static final int FIRST_MUON_ROW = FIRST_EGAMMA_ROW + EGAMMA_SLOTS;
    /** Number of muon slots. */
    public static final int MUON_SLOTS = 4;
    /** First jet row; jets occupy {@value #JET_SLOTS} rows. */
    public static final int FIRST_JET_ROW = FIRST_MUON_ROW + MUON_SLOTS;
    /** Number of jet slots. */
    public static final int JET_SLOTS = 10;
    /** Objects (rows) per event: {@value}. */
    public static final int OBJECTS = FIRST_JET_ROW + JET_SLOTS;

    /** Class id of MET. */
    public static final int MET_CLASS_ID = 1;
    /** Class id of an e/γ. */
    public static final int EGAMMA_CLASS_ID = 2;
    /** Class id of a muon. */
    public static final int MUON_CLASS_ID = 3;
    /** Class id of a jet. */
    public static final int JET_CLASS_ID = 4;

    /** e/γ acceptance: |η| strictly below {@value}. */
    public static final double EGAMMA_MAX_ABS_ETA = 3.0;
    /** Muon acceptance: |η| strictly below {@value}. */
    public static final double MUON_MAX_ABS_ETA = 2.1;
    /** Jet acceptance: |η| strictly below {@value}. */
    public static final double JET_MAX_ABS_ETA = 4.0;
    /** Features per object: pT, η, φ, class id. */
    public static final int FEATURES = 4;
    /** Floats per event: {@value}. */
    public static final int FLOATS_PER_EVENT = OBJECTS * FEATURES;
    /** Features per object that the network sees: pT, η, φ. */
    public static final int NETWORK_FEATURES_PER_OBJECT = 3;
    /** Network input features per event: {@value} = 19 × (pT, η, φ). */
    public static final int NETWORK_FEATURES = OBJECTS * NETWORK_FEATURES_PER_OBJECT;

    /** Feature index of pT (GeV). */
    public static final int PT = 0;
    /** Feature index of η. */
    public static final int ETA = 1;
    /** Feature index of φ (radians). */
    public static final int PHI = 2;
    /** Feature index of the class id. */
    public static final int CLASS = 3;

    /** Class id of an empty slot. */
    public static final int EMPTY_CLASS_ID = 0;

    /** The names of the four features as stored in {@code Particles_Names}. */
    public static final List<String> FEATURE_NAMES = List.of("Pt", "Eta", "Phi", "Class");

    /**
     * The event filter of the dataset: the leading e/γ or the leading muon has pT ≥ {@value} GeV. Every
     * event in the public files, and every generated event, passes it.
     */
    public static final double TRIGGER_LEPTON_PT = 23.0;

    /** The largest number of events an {@link EventSet} can hold: its float array is indexed by int. */
    public static final int MAX_EVENTS = Integer.MAX_VALUE / FLOATS_PER_EVENT;

    private EventLayout() {
    }

    /** Index of feature {@code feature} of row {@code row} of event {@code event} in a particles array. */
    public static int index(int event, int row, int feature) {
        return event * FLOATS_PER_EVENT + row * FEATURES + feature;
    }

    /** The name of a feature index (0–3): {@code pT}, {@code η}, {@code φ}, {@code class id}. */
    public static String featureName(int feature) {
        return switch (feature) {
            case PT -> "pT";
            case ETA -> "η";
            case PHI -> "φ";
            case CLASS -> "class id";
            default -> throw new IllegalArgumentException("feature must be in 0..3, got " + feature);
        };
    }

    /**
     * The network inputs of the events in a particles array: N × {@value #NETWORK_FEATURES} floats, per event the
     * (pT, η, φ) of the 19 objects in row order ({@code pT₀, η₀, φ₀, pT₁, η₁, φ₁, …}); the class ids are dropped,
     * empty slots stay zero. Raw values: no scaling is applied here (preprocessing belongs to the model). This is the
     * one definition of the mapping; {@link EventSet#networkFeatures()} and the service's [N, 19, 4] decoding use it.
     *
     * @param particles N × 19 × 4 values, row-major (N ≥ 0); not modified
     * @return a new array of N × 57 values
     * @throws IllegalArgumentException if the length is not a multiple of {@value #FLOATS_PER_EVENT}
     */
    public static float[] networkFeatures(float[] particles) {
        if (particles.length % FLOATS_PER_EVENT != 0) {
            throw new IllegalArgumentException("particles: length " + particles.length + " is not a multiple of "
                    + FLOATS_PER_EVENT + " (19 objects × 4 features per event)");
        }
        int n = particles.length / FLOATS_PER_EVENT;
        float[] out = new float[n * NETWORK_FEATURES];
        int src = 0;
        int dst = 0;
        for (int e = 0; e < n; e++) {
            for (int r = 0; r < OBJECTS; r++) {
                out[dst] = particles[src];
                out[dst + 1] = particles[src + 1];
                out[dst + 2] = particles[src + 2];
                src += FEATURES;
                dst += NETWORK_FEATURES_PER_OBJECT;
            }
        }
        return out;
    }

    /**
     * True when event {@code event} of {@code particles} passes the lepton filter: leading e/γ pT ≥ 23 GeV or
     * leading muon pT ≥ 23 GeV (the leading object is the first slot of its kind).
     */
    public static boolean passesTrigger(float[] particles, int event) {
        return particles[index(event, ObjectType.EGAMMA.firstRow(), PT)] >= TRIGGER_LEPTON_PT
                || particles[index(event, ObjectType.MUON.firstRow(), PT)] >= TRIGGER_LEPTON_PT;
    }
}
