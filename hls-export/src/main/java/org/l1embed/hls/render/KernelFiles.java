package org.l1embed.hls.render;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code firmware/kernels/*.h}: l1embed's own layer kernels. They are hand-written C++ sources kept as resources
 * of this module (not generated), copied verbatim into every project.
 */
final class KernelFiles {

    static final List<String> NAMES = List.of("l1embed_dense.h", "l1embed_activations.h", "l1embed_batchnorm.h");

    private KernelFiles() {
    }

    static List<GeneratedFile> render() {
        List<GeneratedFile> files = new ArrayList<>();
        for (String name : NAMES) {
            try (InputStream in = KernelFiles.class.getResourceAsStream("/org/l1embed/hls/kernels/" + name)) {
                if (in == null) {
                    throw new IllegalStateException("kernel resource " + name + " is missing from the l1embed-hls-export jar");
                }
                files.add(new GeneratedFile("firmware/kernels/" + name, new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read kernel resource " + name, e);
            }
        }
        return files;
    }
}
