package org.l1embed.cli.io;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Path;
import org.l1embed.quantization.network.NetworkJson;
import org.l1embed.quantization.network.NetworkSpec;

/**
 * {@code network.json} files, read and written through {@link NetworkJson} (which owns the format); this
 * class only adds the file name to decoding errors and writes atomically with {@link AtomicFiles}.
 */
public final class NetworkFile {

    private NetworkFile() {
    }

    /**
     * Reads a network and the notes made while reading it (e.g. resolved {@code "auto"} accumulators).
     *
     * @throws IOException if the file cannot be read
     * @throws IllegalArgumentException naming the file, the JSON path, the value and the rule for invalid content
     */
    public static NetworkJson.Parsed read(Path file) throws IOException {
        try {
            return NetworkJson.read(file);
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(file + ": not valid UTF-8 text", e);
        }
    }

    /** Writes a network atomically, in {@link NetworkJson#toJson}'s deterministic form. */
    public static void write(NetworkSpec spec, Path file) throws IOException {
        String json = NetworkJson.toJson(spec);
        AtomicFiles.write(file, out -> out.write(json));
    }
}
