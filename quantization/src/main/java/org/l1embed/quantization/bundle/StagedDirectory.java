package org.l1embed.quantization.bundle;

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
 * A temporary directory beside a target directory that becomes the target by rename once it is complete, so a
 * failure never leaves a half-written bundle. Closing an uncommitted staging directory deletes it.
 */
final class StagedDirectory implements AutoCloseable {

    private final Path target;
    private final ExistingTarget existing;
    private final Path staging;
    private boolean committed;

    private StagedDirectory(Path target, ExistingTarget existing, Path staging) {
        this.target = target;
        this.existing = existing;
        this.staging = staging;
    }

    /**
     * Checks the target and creates the staging directory beside it (creating missing parents).
     *
     * @throws IllegalArgumentException if the target may not be written (see {@link ExistingTarget})
     */
    static StagedDirectory beside(Path target, ExistingTarget existing) throws IOException {
        Path dir = target.toAbsolutePath().normalize();
        if (dir.getParent() == null) {
            throw new IllegalArgumentException("bundle directory " + target + " has no parent directory");
        }
        checkTarget(dir, existing);
        Files.createDirectories(dir.getParent());
        Path staging = Files.createTempDirectory(dir.getParent(), "." + dir.getFileName() + ".l1embed-tmp-");
        if (staging.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            // Temporary directories are owner-only; a bundle is shared with colleagues and services.
            Files.setPosixFilePermissions(staging, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        return new StagedDirectory(dir, existing, staging);
    }

    /** The staging directory to fill. */
    Path path() {
        return staging;
    }

    /** The absolute, normalised target directory. */
    Path target() {
        return target;
    }

    /**
     * Renames the staging directory to the target. An existing target is first renamed aside and deleted only
     * once the new directory is in place; if the second rename fails, it is put back.
     */
    void commit() throws IOException {
        checkTarget(target, existing);
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
        if (!committed) {
            deleteTree(staging);
        }
    }

    /** Refuses a target that is not a directory, or a non-empty one unless {@code REPLACE} and it is a bundle. */
    static void checkTarget(Path dir, ExistingTarget existing) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            throw new IllegalArgumentException("bundle directory " + dir + " exists and is not a directory");
        }
        if (isEmpty(dir)) {
            return;
        }
        switch (existing) {
            case REFUSE -> throw new IllegalArgumentException("bundle directory " + dir + " is not empty; choose another "
                    + "directory or replace it (ExistingTarget.REPLACE)");
            case REPLACE -> {
                if (!Files.exists(dir.resolve(Checksums.FILE_NAME), LinkOption.NOFOLLOW_LINKS)) {
                    throw new IllegalArgumentException("bundle directory " + dir + " is not empty and is not a model bundle (no "
                            + Checksums.FILE_NAME + "); refusing to replace it");
                }
            }
        }
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            return !s.iterator().hasNext();
        }
    }

    static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    static void deleteTree(Path root) throws IOException {
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
