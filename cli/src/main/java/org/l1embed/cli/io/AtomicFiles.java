package org.l1embed.cli.io;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes output files all or nothing: each file's content is written to a hidden temporary file in the
 * target's directory ({@code .name.<random>.tmp}), and only when every content of a batch has been written
 * without error are the temporary files moved onto their targets (an atomic rename where the file system
 * supports it). A failure while rendering therefore leaves no output file, not even a partial one, and no
 * temporary file. Files are UTF-8 and get the default permissions of new files.
 */
public final class AtomicFiles {

    private AtomicFiles() {
    }

    /** Renders one file's content. */
    @FunctionalInterface
    public interface Content {
        void writeTo(Writer out) throws IOException;
    }

    /**
     * One file of a batch.
     *
     * @param target  where the file ends up
     * @param content what it holds
     */
    public record Pending(Path target, Content content) {
        public Pending {
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(content, "content");
        }
    }

    /**
     * Checks, before any work is done, that {@code target} could be written: its directory exists and it is
     * not itself a directory.
     *
     * @throws IOException naming the path when it could not
     */
    public static void checkWritable(Path target) throws IOException {
        Path dir = directoryOf(target);
        if (!Files.exists(dir)) {
            throw new NoSuchFileException(dir.toString(), null, "directory does not exist (for output " + target + ")");
        }
        if (!Files.isDirectory(dir)) {
            throw new NotDirectoryException(dir.toString());
        }
        if (Files.isDirectory(target)) {
            throw new FileAlreadyExistsException(target.toString(), null, "is a directory, expected a file name");
        }
    }

    /** Writes one file atomically; see the class comment. */
    public static void write(Path target, Content content) throws IOException {
        writeAll(List.of(new Pending(target, content)));
    }

    /**
     * Writes a batch of files: all contents first, then all moves.
     *
     * @throws IOException if a file cannot be written; no target has been touched unless a move itself failed
     */
    public static void writeAll(List<Pending> files) throws IOException {
        for (Pending f : files) {
            checkWritable(f.target());
        }
        List<Path> temporaries = new ArrayList<>();
        try {
            for (Pending f : files) {
                Path tmp = createTemporary(f.target());
                temporaries.add(tmp);
                try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8, StandardOpenOption.WRITE)) {
                    f.content().writeTo(out);
                }
            }
            for (int i = 0; i < files.size(); i++) {
                move(temporaries.get(i), files.get(i).target());
            }
        } finally {
            for (Path tmp : temporaries) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    private static Path createTemporary(Path target) throws IOException {
        Path dir = directoryOf(target);
        for (int attempt = 0; ; attempt++) {
            Path tmp = dir.resolve("." + target.getFileName() + "." + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
            try {
                // CREATE_NEW rather than Files.createTempFile, whose owner-only permissions the target would inherit.
                return Files.createFile(tmp);
            } catch (FileAlreadyExistsException e) {
                if (attempt > 16) {
                    throw e;
                }
            }
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static Path directoryOf(Path target) {
        Path parent = target.toAbsolutePath().getParent();
        return parent == null ? target.toAbsolutePath().getRoot() : parent;
    }
}
