package org.l1embed.cli.io;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Events read from an input file: {@code events × features} finite float32 values, event-major (the layout
 * {@link org.l1embed.quantization.emulator.Emulator#emulateRaw(float[])} takes).
 *
 * <p>The value array is handed over, not copied, because inputs can hold millions of events: the reader
 * that made it keeps no reference, and callers must not modify it.
 *
 * @param source   the file the values came from (for messages)
 * @param events   number of events, at least 1
 * @param features values per event, at least 1
 * @param values   {@code events · features} finite values
 */
public record InputMatrix(Path source, int events, int features, float[] values) {

    public InputMatrix {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(values, "values");
        if (events < 1 || features < 1) {
            throw new IllegalArgumentException(source + ": events and features must be >= 1, got events=" + events
                    + ", features=" + features);
        }
        if ((long) events * features != values.length) {
            throw new IllegalArgumentException(source + ": " + events + " events of " + features + " features need "
                    + (long) events * features + " values, got " + values.length);
        }
    }

    /** Value {@code feature} of event {@code event}. */
    public float get(int event, int feature) {
        return values[event * features + feature];
    }
}
