package org.l1embed.training.nuisance;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/** The nuisance parameters a fine-tuning can be parameterized by. */
public enum Nuisance {
    /** Jet energy scale: every jet's pT times e^ν ({@link org.l1embed.events.JetEnergyScale}). */
    JES;

    /**
     * The nuisance with this name, case-insensitive.
     *
     * @throws IllegalArgumentException naming the known nuisances when the name is unknown
     */
    public static Nuisance parse(String text) {
        Objects.requireNonNull(text, "nuisance name must not be null");
        for (Nuisance n : values()) {
            if (n.name().equals(text.trim().toUpperCase(Locale.ROOT))) {
                return n;
            }
        }
        throw new IllegalArgumentException("unknown nuisance '" + text + "'; known: " + Arrays.toString(values()));
    }
}
