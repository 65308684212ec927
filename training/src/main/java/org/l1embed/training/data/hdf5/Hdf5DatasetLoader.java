package org.l1embed.training.data.hdf5;

import static org.l1embed.events.EventLayout.FLOATS_PER_EVENT;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.l1embed.events.DatasetSplit;
import org.l1embed.events.EventLayout;
import org.l1embed.events.EventSet;
import org.l1embed.events.Process;
import org.l1embed.events.SplitFractions;

/**
 * Turns several HDF5 files into one labelled dataset: one file per process (labelled by the process given or
 * recognized from the file name) or files with a per-event {@code Labels} dataset, or a mix. Then shuffled
 * and split into training, validation and test events with a seed ({@link DatasetSplit}), deterministically:
 * the same files, limits, fractions and seed always give the same three sets.
 */
public final class Hdf5DatasetLoader {

    private Hdf5DatasetLoader() {
    }

    /**
     * One input file.
     *
     * @param file    the HDF5 file
     * @param process the label of its events when it has no {@code Labels} dataset, or {@code null}
     */
    public record Source(Path file, Process process) {
        public Source {
            Objects.requireNonNull(file, "file");
        }

        /** A file labelled by its {@code Labels} dataset, or else by its name ({@link Process#fromFileName}). */
        public static Source of(Path file) {
            Path name = file.getFileName();
            return new Source(file, name == null ? null : Process.fromFileName(name.toString()).orElse(null));
        }

        /** A file whose events (without a {@code Labels} dataset) are all {@code process}. */
        public static Source of(Path file, Process process) {
            return new Source(file, Objects.requireNonNull(process, "process"));
        }
    }

    /**
     * The {@code .h5} and {@code .hdf5} files directly in {@code directory} (not hidden, sorted by name), each
     * labelled as {@link Source#of(Path)} does.
     *
     * @throws NoSuchFileException      if the directory does not exist
     * @throws NotDirectoryException    if it is not a directory
     * @throws IllegalArgumentException if it holds no such file
     */
    public static List<Source> sourcesIn(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            throw new NoSuchFileException(directory.toString(), null, "no such directory");
        }
        if (!Files.isDirectory(directory)) {
            throw new NotDirectoryException(directory.toString());
        }
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            for (Path p : entries) {
                String name = p.getFileName().toString();
                String lower = name.toLowerCase(Locale.ROOT);
                if (!name.startsWith(".") && (lower.endsWith(".h5") || lower.endsWith(".hdf5")) && Files.isRegularFile(p)) {
                    files.add(p);
                }
            }
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException(directory + ": no .h5 or .hdf5 files in the directory");
        }
        files.sort(null);
        List<Source> out = new ArrayList<>();
        for (Path f : files) {
            out.add(Source.of(f));
        }
        return List.copyOf(out);
    }

    /** All events of all sources; see {@link #load(List, long)}. */
    public static EventSet load(List<Source> sources) throws IOException {
        return load(sources, Long.MAX_VALUE);
    }

    /**
     * The first {@code maxEventsPerFile} events of every source (all when a file has fewer), in source order,
     * as one event set. When some files have weights, events of files without get weight 1.
     *
     * @throws IllegalArgumentException if there are no sources, a file is invalid (see {@link Hdf5EventReader}),
     *                                  or the total exceeds {@link EventLayout#MAX_EVENTS}
     * @throws IOException              if a file cannot be read
     */
    public static EventSet load(List<Source> sources, long maxEventsPerFile) throws IOException {
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("no input files");
        }
        if (maxEventsPerFile < 1) {
            throw new IllegalArgumentException("maxEventsPerFile must be >= 1, got maxEventsPerFile=" + maxEventsPerFile);
        }
        List<Hdf5EventReader> readers = new ArrayList<>();
        try {
            long total = 0;
            boolean anyWeights = false;
            for (Source s : sources) {
                Hdf5EventReader r = Hdf5EventReader.open(s.file(), s.process());
                readers.add(r);
                total += Math.min(r.size(), maxEventsPerFile);
                anyWeights |= r.hasWeights();
            }
            if (total > EventLayout.MAX_EVENTS) {
                throw new IllegalArgumentException(total + " events do not fit in one event set (at most "
                        + EventLayout.MAX_EVENTS + "); limit the events per file");
            }
            int n = (int) total;
            float[] particles = new float[n * FLOATS_PER_EVENT];
            int[] labels = new int[n];
            float[] weights = anyWeights ? new float[n] : null;
            int at = 0;
            for (Hdf5EventReader r : readers) {
                long limit = Math.min(r.size(), maxEventsPerFile);
                for (long first = 0; first < limit; ) {
                    int count = (int) Math.min(Hdf5EventReader.DEFAULT_BLOCK_EVENTS, limit - first);
                    EventSet block = r.read(first, count);
                    System.arraycopy(block.particles(), 0, particles, at * FLOATS_PER_EVENT, count * FLOATS_PER_EVENT);
                    System.arraycopy(block.labels(), 0, labels, at, count);
                    if (weights != null) {
                        if (block.hasWeights()) {
                            System.arraycopy(block.weights(), 0, weights, at, count);
                        } else {
                            Arrays.fill(weights, at, at + count, 1f);
                        }
                    }
                    at += count;
                    first += count;
                }
            }
            return EventSet.of(particles, labels, weights);
        } finally {
            for (Hdf5EventReader r : readers) {
                r.close();
            }
        }
    }

    /**
     * Loads the sources ({@link #load(List, long)}) and splits the events: shuffled with {@code seed}, cut by
     * {@code fractions}.
     */
    public static DatasetSplit loadSplit(List<Source> sources, long maxEventsPerFile, SplitFractions fractions, long seed)
            throws IOException {
        return DatasetSplit.of(load(sources, maxEventsPerFile), fractions, seed);
    }

    /** Every {@code .h5}/{@code .hdf5} file of a directory ({@link #sourcesIn}), loaded and split. */
    public static DatasetSplit loadSplit(Path directory, SplitFractions fractions, long seed) throws IOException {
        return loadSplit(sourcesIn(directory), Long.MAX_VALUE, fractions, seed);
    }
}
