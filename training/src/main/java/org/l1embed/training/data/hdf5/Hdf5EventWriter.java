package org.l1embed.training.data.hdf5;

import static org.l1embed.events.EventLayout.FEATURES;
import static org.l1embed.events.EventLayout.FLOATS_PER_EVENT;
import static org.l1embed.events.EventLayout.OBJECTS;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.DatasetCreationOptions;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import org.l1embed.events.EventLayout;
import org.l1embed.events.EventSet;

/**
 * Writes events as an HDF5 file in the ADC2021 layout ({@code docs/event-data.md}): {@code Particles} float32
 * (N, 19, 4), {@code Labels} int32 (N,), {@code Weights} float32 (N,) when the events have weights,
 * {@code Particles_Names} and {@code Particles_Classes} as fixed-length ASCII strings, and optional string
 * attributes on the root group (in key order).
 *
 * <p>The file is written to a temporary file next to the target and then moved onto it, so a failure never
 * leaves a partial file. Output is deterministic: the same events, storage and attributes give the same bytes.
 * jhdf needs the whole dataset in memory as a Java array, so writing N events takes about 700 bytes per event
 * of heap besides the events themselves.
 */
public final class Hdf5EventWriter {

    private Hdf5EventWriter() {
    }

    /** Writes {@code events} to {@code file} without attributes. */
    public static void write(Path file, EventSet events, Hdf5Storage storage) throws IOException {
        write(file, events, storage, Map.of());
    }

    /**
     * Writes {@code events} to {@code file}, replacing it if it exists.
     *
     * @param attributes string attributes for the root group (e.g. provenance); written in key order
     * @throws IllegalArgumentException if there are no events (a file of 0 events is not readable back)
     * @throws IOException              if the file cannot be written
     */
    public static void write(Path file, EventSet events, Hdf5Storage storage, Map<String, String> attributes)
            throws IOException {
        Objects.requireNonNull(storage, "storage");
        int n = events.size();
        if (n == 0) {
            throw new IllegalArgumentException(file + ": refusing to write 0 events (readers reject empty files)");
        }
        Path dir = file.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new NoSuchFileException(String.valueOf(dir), null, "directory does not exist (for output " + file + ")");
        }
        Path tmp = dir.resolve("." + file.getFileName() + "." + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
        try {
            writeFile(tmp, events, storage, new TreeMap<>(attributes));
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (RuntimeException e) {
            throw new IOException(file + ": cannot write HDF5 file: " + e.getMessage(), e);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void writeFile(Path path, EventSet events, Hdf5Storage storage, TreeMap<String, String> attributes) {
        int n = events.size();
        try (WritableHdfFile out = HdfFile.write(path)) {
            out.putDataset(Hdf5Names.PARTICLES, nested(events.particles(), n), options(storage, n, true));
            out.putDataset(Hdf5Names.LABELS, events.labels().clone(), options(storage, n, false));
            if (events.hasWeights()) {
                out.putDataset(Hdf5Names.WEIGHTS, events.weights().clone(), options(storage, n, false));
            }
            out.putDataset(Hdf5Names.PARTICLES_NAMES, EventLayout.FEATURE_NAMES.toArray(new String[0]));
            out.putDataset(Hdf5Names.PARTICLES_CLASSES, Hdf5Names.CLASS_NAMES.toArray(new String[0]));
            for (Map.Entry<String, String> a : attributes.entrySet()) {
                out.putAttribute(a.getKey(), a.getValue());
            }
        }
    }

    /** jhdf takes the shape from the array: (N, 19, 4) must be a float[N][19][4]. */
    private static float[][][] nested(float[] flat, int n) {
        float[][][] out = new float[n][OBJECTS][FEATURES];
        int i = 0;
        for (int e = 0; e < n; e++) {
            float[][] event = out[e];
            for (int r = 0; r < OBJECTS; r++) {
                System.arraycopy(flat, i, event[r], 0, FEATURES);
                i += FEATURES;
            }
        }
        assert i == n * FLOATS_PER_EVENT;
        return out;
    }

    private static DatasetCreationOptions options(Hdf5Storage storage, int n, boolean particles) {
        if (storage instanceof Hdf5Storage.Chunked c) {
            int events = Math.min(c.chunkEvents(), n);
            DatasetCreationOptions.Builder b = DatasetCreationOptions.builder();
            b = particles ? b.chunkDimensions(events, OBJECTS, FEATURES) : b.chunkDimensions(events);
            return c.deflateLevel() > 0 ? b.deflate(c.deflateLevel()).build() : b.build();
        }
        // Hdf5Storage is sealed: the only other kind is Contiguous.
        return DatasetCreationOptions.DEFAULT;
    }
}
