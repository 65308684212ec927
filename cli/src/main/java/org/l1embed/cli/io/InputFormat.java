package org.l1embed.cli.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/** The event input formats, chosen by file extension. */
public enum InputFormat {
    /** Comma-separated text, one event per line: see {@link CsvInputs}. */
    CSV,
    /** A NumPy array file: see {@link NpyInputs}. */
    NPY;

    /**
     * The format of a file, from its extension ({@code .csv} or {@code .npy}, any case).
     *
     * @throws IllegalArgumentException naming the file when the extension is neither
     */
    public static InputFormat of(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".csv")) {
            return CSV;
        }
        if (name.endsWith(".npy")) {
            return NPY;
        }
        throw new IllegalArgumentException(file + ": unknown input format; expected a file ending in .csv or .npy");
    }

    /**
     * Reads events of {@code features} values each from {@code file} in this format.
     *
     * @throws IOException if the file cannot be read
     * @throws IllegalArgumentException naming the file, the place and the value when the content is invalid
     */
    public InputMatrix read(Path file, int features) throws IOException {
        return switch (this) {
            case CSV -> CsvInputs.read(file, features);
            case NPY -> NpyInputs.read(file, features);
        };
    }

    /** Reads {@code file} in the format its extension names; see {@link #read(Path, int)}. */
    public static InputMatrix readAny(Path file, int features) throws IOException {
        return of(file).read(file, features);
    }
}
