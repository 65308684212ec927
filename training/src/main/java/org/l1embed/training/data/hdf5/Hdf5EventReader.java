package org.l1embed.training.data.hdf5;

import static org.l1embed.events.EventLayout.FEATURES;
import static org.l1embed.events.EventLayout.FLOATS_PER_EVENT;
import static org.l1embed.events.EventLayout.OBJECTS;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Node;
import io.jhdf.object.datatype.DataType;
import io.jhdf.object.datatype.FixedPoint;
import io.jhdf.object.datatype.FloatingPoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.DoubleBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.TreeSet;
import org.l1embed.events.EventLayout;
import org.l1embed.events.EventSet;
import org.l1embed.events.Process;

/**
 * Reads events from an HDF5 file in the ADC2021 layout ({@code docs/event-data.md}), in blocks with bounded
 * memory:
 * <ul>
 *   <li>{@code Particles}: float32 (either byte order), shape (N, 19, 4), N ≥ 1 — required;</li>
 *   <li>{@code Labels}: any integer type, shape (N,), values 0–7 — optional; without it every event gets the
 *       label of the process given to {@link #open(Path, Process)};</li>
 *   <li>{@code Weights}: float32 or float64, shape (N,) — optional.</li>
 * </ul>
 * Contiguous, chunked (any chunk shape, any filter jhdf decodes: deflate/gzip, shuffle, LZF, …) and compact
 * storage are read through jhdf's fast paths; a block costs its own size in memory, never the whole file.
 * Every block is validated as it is read: a NaN or infinite value, a label outside 0–7 or a non-finite weight
 * is reported with the file, the dataset and the event's index in the file.
 *
 * <p>Not thread-safe: one reader per thread. Close it to release the file.
 */
public final class Hdf5EventReader implements AutoCloseable {

    /** Default events per block of {@link #blocks(int)}: 65 536 events = 19 MiB of particles. */
    public static final int DEFAULT_BLOCK_EVENTS = 65_536;

    private final Path file;
    private final String where;
    private final HdfFile hdf;
    private final RowReader particles;
    private final RowReader labels;
    private final boolean labelsSigned;
    private final RowReader weights;
    private final Process process;
    private final long size;

    private Hdf5EventReader(Path file, HdfFile hdf, Process process) throws IOException {
        this.file = file;
        this.where = file.toString();
        this.hdf = hdf;
        this.process = process;
        Dataset p = dataset(Hdf5Names.PARTICLES, true);
        checkParticles(p);
        this.size = p.getDimensionsAsLong()[0];
        this.particles = RowReader.of(hdf, p, where);
        Dataset l = dataset(Hdf5Names.LABELS, false);
        if (l != null) {
            checkVector(l, size);
            int bytes = l.getDataType().getSize();
            if (!(l.getDataType() instanceof FixedPoint f) || !(bytes == 1 || bytes == 2 || bytes == 4 || bytes == 8)) {
                throw new IllegalArgumentException(where + ": dataset '" + Hdf5Names.LABELS + "' has type "
                        + describe(l.getDataType()) + ", expected an integer type");
            }
            this.labelsSigned = f.isSigned();
            this.labels = RowReader.of(hdf, l, where);
        } else if (process == null) {
            throw new IllegalArgumentException(where + ": no '" + Hdf5Names.LABELS + "' dataset and no process given for "
                    + "its events; name the process (e.g. a file named after it, W.h5) or add a per-event '"
                    + Hdf5Names.LABELS + "' dataset (integers 0-7)");
        } else {
            this.labels = null;
            this.labelsSigned = true;
        }
        Dataset w = dataset(Hdf5Names.WEIGHTS, false);
        if (w != null) {
            checkVector(w, size);
            if (!(w.getDataType() instanceof FloatingPoint f) || !(f.getSize() == 4 || f.getSize() == 8)) {
                throw new IllegalArgumentException(where + ": dataset '" + Hdf5Names.WEIGHTS + "' has type "
                        + describe(w.getDataType()) + ", expected float32 or float64");
            }
            this.weights = RowReader.of(hdf, w, where);
        } else {
            this.weights = null;
        }
    }

    /**
     * Opens a file whose events are labelled by its own {@code Labels} dataset.
     *
     * @throws NoSuchFileException      if the file does not exist
     * @throws IOException              if it cannot be read as HDF5
     * @throws IllegalArgumentException if {@code Particles} is missing or has the wrong type or shape, the file
     *                                  holds 0 events, {@code Labels} is missing, or {@code Labels} or
     *                                  {@code Weights} has the wrong type or length
     */
    public static Hdf5EventReader open(Path file) throws IOException {
        return open(file, null);
    }

    /**
     * Opens a file; events get labels from its {@code Labels} dataset when it has one (which then wins),
     * else the label of {@code process}. {@code process} may be {@code null} when the file has labels.
     *
     * @throws NoSuchFileException      if the file does not exist
     * @throws IOException              if it cannot be read as HDF5
     * @throws IllegalArgumentException as {@link #open(Path)}, except that a missing {@code Labels} is fine when a
     *                                  process is given
     */
    public static Hdf5EventReader open(Path file, Process process) throws IOException {
        if (!Files.exists(file)) {
            throw new NoSuchFileException(file.toString(), null, "no such file");
        }
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": not a regular file");
        }
        HdfFile hdf;
        try {
            hdf = new HdfFile(file);
        } catch (RuntimeException e) {
            throw new IOException(file + ": not a readable HDF5 file (" + e.getMessage() + ")", e);
        }
        try {
            return new Hdf5EventReader(file, hdf, process);
        } catch (IOException | RuntimeException e) {
            hdf.close();
            throw e;
        }
    }

    /** The file being read. */
    public Path file() {
        return file;
    }

    /** Number of events in the file. */
    public long size() {
        return size;
    }

    /** True when the file has a per-event {@code Labels} dataset. */
    public boolean hasLabels() {
        return labels != null;
    }

    /** True when the file has a {@code Weights} dataset. */
    public boolean hasWeights() {
        return weights != null;
    }

    /**
     * Events {@code first .. first+count-1}, validated.
     *
     * @throws IndexOutOfBoundsException if the range is not inside the file
     * @throws IOException               if the data cannot be read or decoded
     * @throws IllegalArgumentException  if a value is NaN or infinite, a label is outside 0–7, or a weight is not
     *                                   finite; the message names the file, the dataset and the event
     */
    public EventSet read(long first, int count) throws IOException {
        if (first < 0 || count < 0 || first > size - count) {
            throw new IndexOutOfBoundsException("events " + first + ".." + (first + count) + " outside 0.." + size
                    + " of " + where);
        }
        if (count > EventLayout.MAX_EVENTS) {
            throw new IllegalArgumentException("cannot read " + count + " events at once: at most " + EventLayout.MAX_EVENTS
                    + " fit in one event set");
        }
        float[] p = new float[count * FLOATS_PER_EVENT];
        particles.read(first, count).asFloatBuffer().get(p);
        int[] l = new int[count];
        if (labels != null) {
            readLabels(first, count, l);
        } else {
            Arrays.fill(l, process.label());
        }
        float[] w = null;
        if (weights != null) {
            w = new float[count];
            ByteBuffer b = weights.read(first, count);
            if (weights.elementSize == 4) {
                b.asFloatBuffer().get(w);
            } else {
                DoubleBuffer d = b.asDoubleBuffer();
                for (int i = 0; i < count; i++) {
                    w[i] = (float) d.get(i);
                }
            }
        }
        return EventSet.validated(p, l, w, where, first);
    }

    /**
     * All events of the file.
     *
     * @throws IllegalArgumentException if the file holds more than {@link EventLayout#MAX_EVENTS} events (use
     *                                  {@link #blocks(int)}), or as {@link #read}
     */
    public EventSet readAll() throws IOException {
        if (size > EventLayout.MAX_EVENTS) {
            throw new IllegalArgumentException(where + ": " + size + " events do not fit in one event set (at most "
                    + EventLayout.MAX_EVENTS + "); read it in blocks");
        }
        return read(0, (int) size);
    }

    /**
     * The events in consecutive blocks of {@code blockSize} (the last may be smaller), read lazily: only the
     * current block is in memory. Errors surface from {@link Iterator#next()} as {@link UncheckedIOException}
     * (I/O) or {@link IllegalArgumentException} (invalid values).
     */
    public Iterator<EventSet> blocks(int blockSize) {
        if (blockSize < 1) {
            throw new IllegalArgumentException("blockSize must be >= 1, got blockSize=" + blockSize);
        }
        return new Iterator<>() {
            private long next;

            @Override
            public boolean hasNext() {
                return next < size;
            }

            @Override
            public EventSet next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                int count = (int) Math.min(blockSize, size - next);
                try {
                    EventSet block = read(next, count);
                    next += count;
                    return block;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
    }

    private void readLabels(long first, int count, int[] out) throws IOException {
        ByteBuffer b = labels.read(first, count);
        int size = labels.elementSize;
        for (int i = 0; i < count; i++) {
            long v = switch (size) {
                case 1 -> labelsSigned ? b.get(i) : Byte.toUnsignedLong(b.get(i));
                case 2 -> labelsSigned ? b.getShort(2 * i) : Short.toUnsignedLong(b.getShort(2 * i));
                case 4 -> labelsSigned ? b.getInt(4 * i) : Integer.toUnsignedLong(b.getInt(4 * i));
                default -> b.getLong(8 * i);
            };
            boolean tooLargeUnsigned = !labelsSigned && size == 8 && v < 0;
            if (tooLargeUnsigned || !Process.isValidLabel(v)) {
                throw new IllegalArgumentException(where + ": dataset '" + Hdf5Names.LABELS + "', event " + (first + i)
                        + ": label " + (tooLargeUnsigned ? Long.toUnsignedString(v) : Long.toString(v))
                        + " is out of range, expected 0.." + (Process.COUNT - 1));
            }
            out[i] = (int) v;
        }
    }

    private Dataset dataset(String name, boolean required) throws IOException {
        Node node;
        try {
            node = hdf.getChildren().get(name);
        } catch (RuntimeException e) {
            throw new IOException(where + ": cannot list the datasets of the file: " + e.getMessage(), e);
        }
        if (node == null) {
            if (required) {
                throw new IllegalArgumentException(where + ": no dataset '" + name + "' (expected float32 of shape (N, 19, 4));"
                        + " the file has " + childNames());
            }
            return null;
        }
        if (!(node instanceof Dataset d)) {
            throw new IllegalArgumentException(where + ": '" + name + "' is a " + node.getType() + ", expected a dataset");
        }
        return d;
    }

    private String childNames() {
        TreeSet<String> names = new TreeSet<>(hdf.getChildren().keySet());
        return names.isEmpty() ? "no datasets" : "only " + names;
    }

    private void checkParticles(Dataset p) {
        DataType type = p.getDataType();
        if (!(type instanceof FloatingPoint) || type.getSize() != 4) {
            throw new IllegalArgumentException(where + ": dataset '" + Hdf5Names.PARTICLES + "' has type " + describe(type)
                    + ", expected float32");
        }
        long[] dims = p.getDimensionsAsLong();
        if (dims.length != 3 || dims[1] != OBJECTS || dims[2] != FEATURES) {
            throw new IllegalArgumentException(where + ": dataset '" + Hdf5Names.PARTICLES + "' has shape " + shape(dims)
                    + ", expected (N, " + OBJECTS + ", " + FEATURES + ")");
        }
        if (dims[0] == 0) {
            throw new IllegalArgumentException(where + ": dataset '" + Hdf5Names.PARTICLES + "' holds 0 events");
        }
    }

    private void checkVector(Dataset d, long n) {
        long[] dims = d.getDimensionsAsLong();
        if (dims.length != 1 || dims[0] != n) {
            throw new IllegalArgumentException(where + ": dataset '" + d.getName() + "' has shape " + shape(dims)
                    + ", expected (" + n + ",): one value per event of '" + Hdf5Names.PARTICLES + "'");
        }
    }

    private static String shape(long[] dims) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < dims.length; i++) {
            sb.append(i > 0 ? ", " : "").append(dims[i]);
        }
        return sb.append(dims.length == 1 ? ",)" : ")").toString();
    }

    private static String describe(DataType type) {
        if (type instanceof FloatingPoint) {
            return type.getSize() * 8 + "-bit float";
        } else if (type instanceof FixedPoint f) {
            return type.getSize() * 8 + "-bit " + (f.isSigned() ? "signed" : "unsigned") + " integer";
        }
        return type.getClass().getSimpleName() + " (" + type.getSize() + " bytes)";
    }

    @Override
    public void close() {
        hdf.close();
    }
}
