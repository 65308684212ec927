package org.l1embed.quantization.bundle;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import org.l1embed.quantization.files.StagedDirectory;

/**
 * What a bundle writer does when its target already exists. There is no default: callers say which they mean.
 */
public enum ExistingTarget {

    /**
     * Refuse an existing target, except an empty directory (for a bundle directory). Nothing is written.
     */
    REFUSE,

    /**
     * Replace an existing target. For a bundle directory only a directory that is empty or holds a
     * {@code checksums.sha256} (a previous bundle, possibly damaged) is replaced; any other non-empty directory is
     * refused, so a mistyped path never deletes unrelated files. For a zip file, an existing regular file.
     */
    REPLACE;

    /** The check of a non-empty bundle directory this choice implies. */
    StagedDirectory.TargetCheck check() {
        return switch (this) {
            case REFUSE -> StagedDirectory.TargetCheck.refuse("bundle directory", "choose another directory or replace it "
                    + "(ExistingTarget.REPLACE)");
            case REPLACE -> dir -> {
                if (!Files.exists(dir.resolve(Checksums.FILE_NAME), LinkOption.NOFOLLOW_LINKS)) {
                    throw new IllegalArgumentException("bundle directory " + dir + " is not empty and is not a model bundle (no "
                            + Checksums.FILE_NAME + "); refusing to replace it");
                }
            };
        };
    }
}
