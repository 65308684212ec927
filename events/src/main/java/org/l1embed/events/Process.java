package org.l1embed.events;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The physics processes of the ADC2021 dataset and their integer labels: the Standard Model background
 * cocktail (labels 0–3) and four new-physics signals (labels 4–7).
 *
 * <p>The label is what a per-event {@code Labels} dataset holds and what supervised contrastive training uses
 * as the class. The short name ({@link #toString()}, parsed back by {@link #parse}) names files
 * ({@code W.h5}) and is what the command line accepts; for signals it is the name of the public ADC2021 file.
 */
public enum Process {
    /** W → ℓν (ℓ = e, μ); 59.2 % of the background cocktail. */
    W(0, "W", 0.592),
    /** QCD multijet with a lepton from heavy-flavour decay (or a fake e/γ); 33.8 % of the cocktail. */
    QCD(1, "QCD", 0.338),
    /** Z → ℓℓ (ℓ = e, μ); 6.7 % of the cocktail. */
    Z(2, "Z", 0.067),
    /** Top-quark pair production with at least one leptonic W decay; 0.3 % of the cocktail. */
    TTBAR(3, "ttbar", 0.003),
    /** Neutral scalar A → Z*Z* → 4ℓ (signal). */
    A_TO_4L(4, "Ato4l", 0.0),
    /** Leptoquark → bτ (signal). */
    LQ_TO_B_TAU(5, "leptoquark", 0.0),
    /** Neutral scalar h⁰ → ττ (signal). */
    H0_TO_TAU_TAU(6, "hToTauTau", 0.0),
    /** Charged scalar h± → τν (signal). */
    HPM_TO_TAU_NU(7, "hChToTauNu", 0.0);

    /** Number of labels; valid labels are {@code 0 .. COUNT - 1}. */
    public static final int COUNT = 8;

    private static final Process[] BY_LABEL = values();

    private final int label;
    private final String shortName;
    private final double cocktailFraction;

    Process(int label, String shortName, double cocktailFraction) {
        this.label = label;
        this.shortName = shortName;
        this.cocktailFraction = cocktailFraction;
    }

    /** The integer label, 0–7; equal to the position in {@link #values()}. */
    public int label() {
        return label;
    }

    /** True for the four new-physics signals (labels 4–7), false for the background cocktail. */
    public boolean isSignal() {
        return label >= 4;
    }

    /** The short name used in file names and on the command line, e.g. {@code ttbar}, {@code Ato4l}. */
    public String shortName() {
        return shortName;
    }

    /**
     * The process's share of the Standard Model background cocktail (fractions of events after the lepton
     * filter: 0.592, 0.338, 0.067, 0.003, summing to 1); 0 for signals.
     */
    public double cocktailFraction() {
        return cocktailFraction;
    }

    /** The short name; {@link #parse} reads it back. */
    @Override
    public String toString() {
        return shortName;
    }

    /**
     * The process with a label.
     *
     * @throws IllegalArgumentException if the label is not in 0–7
     */
    public static Process ofLabel(int label) {
        if (label < 0 || label >= COUNT) {
            throw new IllegalArgumentException("label must be in 0.." + (COUNT - 1) + ", got " + label);
        }
        return BY_LABEL[label];
    }

    /** True when {@code label} is a valid process label (0–7). */
    public static boolean isValidLabel(long label) {
        return label >= 0 && label < COUNT;
    }

    /**
     * Reads a process from its short name or its enum constant name, ignoring case ({@code ttbar},
     * {@code TTBAR}, {@code a_to_4l}).
     *
     * @throws IllegalArgumentException naming the accepted names if {@code text} is none of them
     */
    public static Process parse(String text) {
        String t = text.strip();
        for (Process p : BY_LABEL) {
            if (p.shortName.equalsIgnoreCase(t) || p.name().equalsIgnoreCase(t)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown process '" + text + "', expected one of " + shortNames(List.of(BY_LABEL)));
    }

    /**
     * The process a file holds, judged from its name: a short name as the whole stem ({@code W.h5},
     * {@code ttbar.hdf5}), or the prefix of a public ADC2021 signal file ({@code Ato4l_lepFilter_13TeV.h5},
     * {@code leptoquark_LOWMASS_lepFilter_13TeV.h5}, {@code hToTauTau_13TeV_PU20.h5},
     * {@code hChToTauNu_13TeV_PU20.h5}). Empty for anything else, e.g. the unlabelled
     * {@code background_for_training.h5}.
     */
    public static Optional<Process> fromFileName(String fileName) {
        String stem = fileName;
        int dot = stem.lastIndexOf('.');
        if (dot > 0) {
            stem = stem.substring(0, dot);
        }
        for (Process p : BY_LABEL) {
            if (p.shortName.equalsIgnoreCase(stem)) {
                return Optional.of(p);
            }
        }
        for (Process p : BY_LABEL) {
            if (p.isSignal() && stem.toLowerCase(Locale.ROOT).startsWith(p.shortName.toLowerCase(Locale.ROOT) + "_")) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** The four background processes, in label order. */
    public static List<Process> backgrounds() {
        List<Process> out = new ArrayList<>();
        for (Process p : BY_LABEL) {
            if (!p.isSignal()) {
                out.add(p);
            }
        }
        return List.copyOf(out);
    }

    /** The four signal processes, in label order. */
    public static List<Process> signals() {
        List<Process> out = new ArrayList<>();
        for (Process p : BY_LABEL) {
            if (p.isSignal()) {
                out.add(p);
            }
        }
        return List.copyOf(out);
    }

    /** {@code "W, QCD, ..."}: the short names of {@code processes}, for messages. */
    public static String shortNames(List<Process> processes) {
        StringBuilder sb = new StringBuilder();
        for (Process p : processes) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(p.shortName);
        }
        return sb.toString();
    }
}
