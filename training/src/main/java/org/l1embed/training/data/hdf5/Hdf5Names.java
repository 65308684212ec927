package org.l1embed.training.data.hdf5;

import java.util.List;

/** Dataset names of the ADC2021 layout and of l1embed's additions ({@code docs/event-data.md}). */
public final class Hdf5Names {

    /** float32 (N, 19, 4): the events. Required. */
    public static final String PARTICLES = "Particles";
    /** Integer (N,): one {@link org.l1embed.events.Process} label per event, 0–7. Optional (l1embed's addition). */
    public static final String LABELS = "Labels";
    /** float32 or float64 (N,): one weight per event. Optional (l1embed's addition). */
    public static final String WEIGHTS = "Weights";
    /** Fixed-length strings (4,): the feature names. Written, never required. */
    public static final String PARTICLES_NAMES = "Particles_Names";
    /** Fixed-length strings (4,): the object kinds with their class ids. Written, never required. */
    public static final String PARTICLES_CLASSES = "Particles_Classes";

    /** The content of {@link #PARTICLES_CLASSES} as in the public ADC2021 files. */
    public static final List<String> CLASS_NAMES = List.of("MET_class_1", "Four_Ele_class_2", "Four_Mu_class_3", "Ten_Jet_class_4");

    private Hdf5Names() {
    }
}
