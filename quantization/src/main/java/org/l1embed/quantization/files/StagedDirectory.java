package org.l1embed.quantization.files;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A temporary directory beside a target directory that becomes the target by rename once it is complete. Closing an
 * uncommitted staging directory deletes it. An existing target is checked by a {@link TargetCheck} before anything
 * is written and again at commit; it is renamed aside, replaced, and deleted only once the new directory is in place
 * (put back if the rename fails).
 *
 * <p>An uncommitted staging directory is also deleted when the JVM is shut down by a signal (Ctrl-C, SIGTERM) while it
 * is open, so an interrupted job leaves no half-written directory; after {@code kill -9} it stays, named
 * {@code .<target>.l1embed-tmp-*}, and {@link #removeStale(Path)} removes it.
 */
public final class StagedDirectory implements AutoCloseable {

    /** Decides whether an existing, non-empty target may be replaced; throws {@link IllegalArgumentException} if not. */
    @FunctionalInterface
    public interface TargetCheck {
        void checkNonEmpty(Path dir) throws IOException;

        /** Refuses any non-empty target, naming it as {@code what} (e.g. "output directory") with a hint. */
        static TargetCheck refuse(String what, String hint) {
            return dir -> {
                throw new IllegalArgumentException(what + " " + dir + " is not empty; " + hint);
            };
        }

        /** Replaces any target. */
        static TargetCheck replaceAny() {
            return dir -> { };
        }
    }

    private final Path target;
    private final String what;
    private final TargetCheck check;
    private final Path staging;
    private final Thread cleanup;
    private volatile boolean committed;

    private StagedDirectory(Path target, String what, TargetCheck check, Path staging) {
        this.target = target;
        this.what = what;
        this.check = check;
        this.staging = staging;
        this.cleanup = new Thread(this::deleteIfUncommitted, "l1embed-staging-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
    }

    /**
     * Checks the target and creates the staging directory beside it (creating missing parents). The staging
     * directory is readable by everyone (temporary directories are owner-only; outputs are shared).
     *
     * @param what how messages name the target, e.g. "bundle directory"
     * @throws IllegalArgumentException if the target is not a directory, or non-empty and refused by {@code check}
     */
    public static StagedDirectory beside(Path target, String what, TargetCheck check) throws IOException {
        Path dir = target.toAbsolutePath().normalize();
        if (dir.getParent() == null) {
            throw new IllegalArgumentException(what + " " + target + " has no parent directory");
        }
        checkTarget(dir, what, check);
        Files.createDirectories(dir.getParent());
        Path staging = Files.createTempDirectory(dir.getParent(), "." + dir.getFileName() + ".l1embed-tmp-");
        if (staging.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(staging, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        return new StagedDirectory(dir, what, check, staging);
    }

    /** The staging directory to fill. */
    public Path path() {
        return staging;
    }

    /** The absolute, normalised target directory. */
    public Path target() {
        return target;
    }

    /** Renames the staging directory to the target (the target is checked again first). */
    public void commit() throws IOException {
        checkTarget(target, what, check);
        if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            move(staging, target);
        } else {
            Path old = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".l1embed-old-");
            Files.delete(old);
            move(target, old);
            try {
                move(staging, target);
            } catch (IOException | RuntimeException e) {
                move(old, target);
                throw e;
            }
            deleteTree(old);
        }
        committed = true;
    }

    @Override
    public void close() throws IOException {
        try {
            Runtime.getRuntime().removeShutdownHook(cleanup);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or about to: it deletes the staging directory
        }
        if (!committed) {
            deleteTree(staging);
        }
    }

    private void deleteIfUncommitted() {
        if (!committed) {
            try {
                deleteTree(staging);
            } catch (IOException | RuntimeException e) {
                // best effort while the JVM exits; removeStale() clears what is left
            }
        }
    }

    /**
     * Deletes the staging directories that an earlier process left beside {@code target} when it was killed outright,
     * and a renamed-aside old target when the new target is in place. Only for a caller that owns the target's parent directory: a
     * concurrent writer's staging directory would be deleted too.
     *
     * @return how many were removed
     */
    public static int removeStale(Path target) throws IOException {
        Path dir = target.toAbsolutePath().normalize();
        Path parent = dir.getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            return 0;
        }
        String staging = "." + dir.getFileName() + ".l1embed-tmp-";
        String old = "." + dir.getFileName() + ".l1embed-old-";
        int removed = 0;
        try (DirectoryStream<Path> s = Files.newDirectoryStream(parent)) {
            for (Path p : s) {
                String name = p.getFileName().toString();
                // an old target is only garbage once the new one is in place; otherwise it is the only copy
                if (name.startsWith(staging) || (name.startsWith(old) && Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS))) {
                    deleteTree(p);
                    removed++;
                }
            }
        }
        return removed;
    }

    private static void checkTarget(Path dir, String what, TargetCheck check) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            throw new IllegalArgumentException(what + " " + dir + " exists and is not a directory");
        }
        if (!isEmpty(dir)) {
            check.checkNonEmpty(dir);
        }
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            return !s.iterator().hasNext();
        }
    }

    /** Renames, atomically where the file system can. */
    public static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    /** Deletes a directory tree (without following links); nothing if it does not exist. */
    public static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
                if (exc != null) {
                    throw exc;
                }
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
