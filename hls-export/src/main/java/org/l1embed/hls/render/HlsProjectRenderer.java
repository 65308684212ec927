package org.l1embed.hls.render;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.l1embed.hls.design.HlsDesign;
import org.l1embed.hls.design.TestbenchVectors;

/**
 * Renders a whole HLS project: every file, in a fixed order, from the planned design and the testbench vectors.
 * The project README comes last because it lists the checksums of all other files.
 */
public final class HlsProjectRenderer {

    private HlsProjectRenderer() {
    }

    /** The files of the project. Deterministic: the same design and vectors give the same files, byte for byte. */
    public static List<GeneratedFile> render(HlsDesign design, TestbenchVectors vectors) {
        List<GeneratedFile> files = new ArrayList<>();
        files.addAll(FirmwareRenderer.render(design));
        files.add(DefinesRenderer.render(design));
        files.add(ParametersRenderer.render(design));
        files.addAll(WeightsRenderer.render(design));
        files.addAll(KernelFiles.render());
        files.addAll(TestbenchRenderer.render(design, vectors));
        files.add(BuildScriptRenderer.render(design));
        files.add(LayersJsonRenderer.render(design));
        files.add(Hls4mlConfigRenderer.render(design));
        files.add(ReadmeRenderer.render(design, vectors, List.copyOf(files), version()));
        java.util.Set<String> paths = new java.util.HashSet<>();
        for (GeneratedFile f : files) {
            if (!paths.add(f.path().toLowerCase(java.util.Locale.ROOT))) {
                throw new IllegalArgumentException("two generated files would be written to " + f.path()
                        + " (names that differ only in case collide on some file systems); rename the project or layer");
            }
        }
        return List.copyOf(files);
    }

    /** The l1embed version written into provenance. */
    static String version() {
        try (InputStream in = HlsProjectRenderer.class.getResourceAsStream("/org/l1embed/hls/version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the l1embed version", e);
        }
    }
}
