package org.l1embed.training.export;

import java.io.IOException;
import java.nio.file.Path;
import org.l1embed.quantization.bundle.BundleWriter;
import org.l1embed.quantization.bundle.ExistingTarget;
import org.l1embed.quantization.bundle.ModelBundle;
import org.l1embed.quantization.bundle.Provenance;
import org.l1embed.quantization.network.NetworkSpec;

/**
 * A trained network as a model bundle: {@code network.json}, the {@code model.onnx} that {@link OnnxExporter}
 * writes (recording {@link Provenance#codeVersion()} as the l1embed version), {@code provenance.json} and the
 * checksums ({@code docs/model-bundle.md}).
 */
public final class BundleExporter {

    private BundleExporter() {
    }

    /**
     * A bundle writer holding the spec, its ONNX model and the provenance; add extra files
     * ({@link BundleWriter#withExtraFile}) before writing.
     *
     * @throws IllegalArgumentException if the spec cannot be exported to ONNX ({@link OnnxExporter#toModel})
     */
    public static BundleWriter writer(NetworkSpec spec, Provenance provenance) {
        byte[] onnx = new OnnxExporter(provenance.codeVersion()).toBytes(spec);
        return new BundleWriter(spec, onnx, provenance);
    }

    /**
     * Writes the bundle of {@code spec} as the directory {@code target}, atomically.
     *
     * @throws IllegalArgumentException if the spec cannot be exported, or the target may not be written
     *                                  ({@link ExistingTarget}); nothing is written
     * @throws IOException if writing fails; the target is then unchanged
     */
    public static ModelBundle write(NetworkSpec spec, Provenance provenance, Path target, ExistingTarget existing) throws IOException {
        return writer(spec, provenance).write(target, existing);
    }
}
