package org.l1embed.quantization.bundle;

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
    REPLACE
}
