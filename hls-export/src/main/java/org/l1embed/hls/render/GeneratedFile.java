package org.l1embed.hls.render;

import java.util.Objects;

/**
 * One file of a generated project.
 *
 * @param path    relative path with '/' separators, e.g. {@code firmware/defines.h}
 * @param content the file's text (UTF-8, '\n' line ends)
 */
public record GeneratedFile(String path, String content) {

    public GeneratedFile {
        Objects.requireNonNull(content, "content");
        if (path == null || path.isEmpty() || path.startsWith("/") || path.contains("..") || path.contains("\\")) {
            throw new IllegalArgumentException("generated file path must be relative, '/'-separated and stay inside the project, got '"
                    + path + "'");
        }
    }
}
