package org.l1embed.hls.write;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import org.l1embed.hls.render.GeneratedFile;

/**
 * Writes a project directory atomically. The target must not exist, be empty, or be replaced on request
 * ({@code overwrite}); a non-empty target is refused before anything is written.
 */
public final class ProjectWriter {

    private ProjectWriter() {
    }

    /**
     * Writes {@code files} as the directory {@code target}.
     *
     * @throws IllegalArgumentException if the target is a file, or a non-empty directory and {@code overwrite} is false
     * @throws IOException if writing fails; the target is then unchanged and no temporary directory is left
     */
    public static void write(List<GeneratedFile> files, Path target, boolean overwrite) throws IOException {
        Path dir = target.toAbsolutePath().normalize();
        boolean exists = Files.exists(dir);
        if (exists && !Files.isDirectory(dir)) {
            throw new IllegalArgumentException("output " + target + " exists and is not a directory");
        }
        if (exists && !overwrite && !isEmpty(dir)) {
            throw new IllegalArgumentException("output directory " + target + " is not empty; choose another directory or ask "
                    + "to overwrite it (--overwrite)");
        }
        Path parent = dir.getParent();
        Files.createDirectories(parent);
        Path staging = Files.createTempDirectory(parent, "." + dir.getFileName() + ".l1embed-tmp-");
        try {
            readableByAll(staging);   // temporary directories are owner-only; a project is shared with colleagues
            for (GeneratedFile f : files) {
                Path p = staging.resolve(f.path()).normalize();
                if (!p.startsWith(staging)) {
                    throw new IllegalArgumentException("generated file " + f.path() + " would leave the project directory");
                }
                Files.createDirectories(p.getParent());
                Files.writeString(p, f.content(), StandardCharsets.UTF_8);
            }
            replace(staging, dir, exists);
        } catch (IOException | RuntimeException e) {
            deleteTree(staging);
            throw e;
        }
    }

    private static void replace(Path staging, Path dir, boolean exists) throws IOException {
        if (!exists) {
            move(staging, dir);
            return;
        }
        Path old = Files.createTempDirectory(dir.getParent(), "." + dir.getFileName() + ".l1embed-old-");
        Files.delete(old);
        move(dir, old);
        try {
            move(staging, dir);
        } catch (IOException e) {
            move(old, dir);   // put the previous project back
            throw e;
        }
        deleteTree(old);
    }

    private static void readableByAll(Path dir) throws IOException {
        if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            return !s.iterator().hasNext();
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
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
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
