package org.l1embed.training.train;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything needed to continue training at an epoch boundary: what it was trained with (model, training and
 * data keys, compared on resume), the trainer state, the epoch history, every model variable (weights,
 * BatchNorm running statistics, optimiser moments) bit for bit, and the variables of the best validation epoch
 * (for early stopping). One file holds it all, so one atomic rename keeps everything consistent.
 *
 * <p>File format (big-endian, version {@value #VERSION}): the magic {@code L1EMBCKP}, the version, three
 * length-prefixed UTF-8 keys, the state, the history, the variables and the best variables (each: count, then
 * name, length, IEEE-754 bits), and a CRC32
 * of all preceding bytes. {@link #write} is atomic: the bytes go to a temporary file in the same directory, are
 * forced to disk, and the file is renamed over the target, so a reader sees the old or the new checkpoint,
 * never a partial one.
 *
 * @param modelKey    the model configuration as text
 * @param trainingKey the training configuration as text (without progress settings)
 * @param dataKey     fingerprints of the training and validation data
 * @param state       the trainer state
 * @param history     one summary per finished epoch
 * @param variables     variable values by name, in the model's order
 * @param bestVariables the values at the best validation epoch; empty when there is none
 */
public record Checkpoint(String modelKey, String trainingKey, String dataKey, TrainerState state,
                         List<EpochSummary> history, Map<String, float[]> variables, Map<String, float[]> bestVariables) {

    /** The format version this code writes and reads. */
    public static final int VERSION = 1;

    private static final byte[] MAGIC = "L1EMBCKP".getBytes(StandardCharsets.US_ASCII);

    public Checkpoint {
        Objects.requireNonNull(modelKey, "modelKey");
        Objects.requireNonNull(trainingKey, "trainingKey");
        Objects.requireNonNull(dataKey, "dataKey");
        Objects.requireNonNull(state, "state");
        history = List.copyOf(history);
        variables = deepCopy(variables);
        bestVariables = deepCopy(bestVariables);
    }

    private static Map<String, float[]> deepCopy(Map<String, float[]> values) {
        Map<String, float[]> copy = new LinkedHashMap<>();
        values.forEach((name, value) -> copy.put(name, value.clone()));
        return Collections.unmodifiableMap(copy);
    }

    /**
     * Writes this checkpoint to {@code file} atomically (temporary file, fsync, rename).
     *
     * @throws UncheckedIOException if writing fails (the previous file, if any, is left intact)
     */
    public void write(Path file) {
        byte[] bytes = encode();
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = dir.resolve(file.getFileName() + ".tmp");
        try {
            Files.createDirectories(dir);
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw new UncheckedIOException("cannot write checkpoint " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads a checkpoint.
     *
     * @throws UncheckedIOException     if the file cannot be read
     * @throws IllegalArgumentException if it is not a checkpoint, has another version, or is corrupt
     */
    public static Checkpoint read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read checkpoint " + file + ": " + e.getMessage(), e);
        }
        if (bytes.length < MAGIC.length + Integer.BYTES + Long.BYTES
                || !Arrays.equals(Arrays.copyOf(bytes, MAGIC.length), MAGIC)) {
            throw new IllegalArgumentException(file + " is not an l1embed checkpoint (no L1EMBCKP header)");
        }
        long computed = StateEncoding.crc32(bytes, bytes.length - Long.BYTES);
        long stored = StateEncoding.storedCrc32(bytes);
        if (stored != computed) {
            throw new IllegalArgumentException("checkpoint " + file + " is corrupt: CRC32 stored " + Long.toHexString(stored)
                    + ", computed " + Long.toHexString(computed));
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes, MAGIC.length, bytes.length - MAGIC.length))) {
            int version = in.readInt();
            if (version != VERSION) {
                throw new IllegalArgumentException("checkpoint " + file + " has format version " + version
                        + "; this code reads version " + VERSION);
            }
            String modelKey = StateEncoding.readString(in);
            String trainingKey = StateEncoding.readString(in);
            String dataKey = StateEncoding.readString(in);
            TrainerState state = new TrainerState(in.readInt(), in.readLong(), in.readInt(), in.readDouble(), in.readInt(),
                    in.readBoolean());
            int epochs = in.readInt();
            List<EpochSummary> history = new ArrayList<>();
            for (int i = 0; i < epochs; i++) {
                history.add(new EpochSummary(in.readInt(), in.readLong(), in.readDouble(), in.readDouble(), in.readDouble(),
                        in.readDouble(), in.readDouble()));
            }
            Map<String, float[]> variables = StateEncoding.readVariables(in);
            Map<String, float[]> bestVariables = StateEncoding.readVariables(in);
            return new Checkpoint(modelKey, trainingKey, dataKey, state, history, variables, bestVariables);
        } catch (IOException e) {
            throw new IllegalArgumentException("checkpoint " + file + " is truncated or malformed: " + e.getMessage(), e);
        }
    }

    private byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.write(MAGIC);
            out.writeInt(VERSION);
            StateEncoding.writeString(out, modelKey);
            StateEncoding.writeString(out, trainingKey);
            StateEncoding.writeString(out, dataKey);
            out.writeInt(state.epochsCompleted());
            out.writeLong(state.steps());
            out.writeInt(state.bestEpoch());
            out.writeDouble(state.bestValidationLoss());
            out.writeInt(state.epochsWithoutImprovement());
            out.writeBoolean(state.earlyStopped());
            out.writeInt(history.size());
            for (EpochSummary s : history) {
                out.writeInt(s.epoch());
                out.writeLong(s.steps());
                out.writeDouble(s.trainLoss());
                out.writeDouble(s.validationLoss());
                out.writeDouble(s.learningRate());
                out.writeDouble(s.seconds());
                out.writeDouble(s.eventsPerSecond());
            }
            StateEncoding.writeVariables(out, variables);
            StateEncoding.writeVariables(out, bestVariables);
            out.flush();
            out.writeLong(StateEncoding.crc32(bytes.toByteArray(), bytes.size()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
