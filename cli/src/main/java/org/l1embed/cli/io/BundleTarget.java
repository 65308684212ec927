package org.l1embed.cli.io;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import org.l1embed.quantization.bundle.Checksums;

/**
 * The check, before any work, of a directory a job will write a model bundle to: it refuses up front what the bundle
 * writer ({@code ExistingTarget} rules) would only refuse once everything is computed.
 */
public final class BundleTarget {

    private BundleTarget() {
    }

    /**
     * Refuses a path that is not a directory, cannot become one or sits in a directory that cannot be written (the
     * bundle is staged beside it), a non-empty directory without {@code overwrite}, and with it one that holds no
     * previous bundle.
     *
     * @param option how the user gave the path, e.g. {@code --out}; it starts every message
     * @throws IllegalArgumentException naming the option, the path and what is expected
     */
    public static void check(String option, Path out, boolean overwrite) throws IOException {
        String expected = "expected a new or empty directory";
        Path target = out.toAbsolutePath().normalize();
        Path parent = target.getParent();
        if (parent == null) {
            throw new IllegalArgumentException(option + ": " + out + " has no parent directory to stage the bundle in; " + expected);
        }
        Path existing = parent;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing != null && !Files.isDirectory(existing)) {
            throw new IllegalArgumentException(option + ": " + out + " cannot be created, " + existing + " is not a directory; " + expected);
        }
        if (existing != null && !Files.isWritable(existing)) {
            throw new IllegalArgumentException(option + ": " + out + " cannot be written, " + existing + " is not writable; " + expected
                    + " in a writable one");
        }
        if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new IllegalArgumentException(option + ": " + out + " exists and is not a directory; " + expected);
        }
        boolean empty;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(target)) {
            empty = !entries.iterator().hasNext();
        }
        if (empty) {
            return;
        }
        if (!overwrite) {
            throw new IllegalArgumentException(option + ": " + out + " is not empty; " + expected + ", or --overwrite to replace the "
                    + "model bundle there");
        }
        if (!Files.exists(target.resolve(Checksums.FILE_NAME), LinkOption.NOFOLLOW_LINKS)) {
            throw new IllegalArgumentException(option + ": " + out + " is not empty and is not a model bundle (no " + Checksums.FILE_NAME
                    + "), so --overwrite does not replace it; " + expected + ", or a previous bundle");
        }
    }
}
