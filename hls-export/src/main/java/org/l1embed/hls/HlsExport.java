package org.l1embed.hls;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.l1embed.hls.config.HlsConfig;
import org.l1embed.hls.design.HlsDesign;
import org.l1embed.hls.design.TestbenchVectors;
import org.l1embed.hls.render.GeneratedFile;
import org.l1embed.hls.render.HlsProjectRenderer;
import org.l1embed.hls.write.ProjectWriter;

/**
 * The export in one call: plan (validate, name, estimate) → testbench vectors from the emulator → render →
 * write atomically. Every check runs before anything is written.
 */
public final class HlsExport {

    private HlsExport() {
    }

    /** Renders the project with {@code config.testbenchEvents()} generated testbench events. */
    public static List<GeneratedFile> render(org.l1embed.quantization.network.NetworkSpec spec, HlsConfig config) {
        HlsDesign design = HlsDesign.plan(spec, config);
        return HlsProjectRenderer.render(design, TestbenchVectors.generate(spec, config.testbenchEvents(), config.seed()));
    }

    /** Renders the project with the given testbench events (network inputs, events back to back). */
    public static List<GeneratedFile> render(org.l1embed.quantization.network.NetworkSpec spec, HlsConfig config,
                                             float[] testbenchInputs) {
        HlsDesign design = HlsDesign.plan(spec, config);
        int n = spec.input().size();
        if (testbenchInputs.length == 0 || testbenchInputs.length % n != 0) {
            throw new IllegalArgumentException("testbench inputs: expected a positive multiple of " + n + " values, got "
                    + testbenchInputs.length);
        }
        return HlsProjectRenderer.render(design, TestbenchVectors.of(spec, testbenchInputs));
    }

    /** Renders and writes the project into {@code dir}; see {@link ProjectWriter#write}. */
    public static List<GeneratedFile> export(org.l1embed.quantization.network.NetworkSpec spec, HlsConfig config, Path dir,
                                             boolean overwrite) throws IOException {
        List<GeneratedFile> files = render(spec, config);
        ProjectWriter.write(files, dir, overwrite);
        return files;
    }
}
