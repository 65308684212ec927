package org.l1embed.quantization.bundle;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.TreeMap;
import org.l1embed.quantization.network.Dense;
import org.l1embed.quantization.network.InputSpec;
import org.l1embed.quantization.network.NetworkSpec;
import org.l1embed.quantization.network.Preprocessing;
import org.l1embed.quantization.network.Relu;
import org.l1embed.quantization.network.Tensor;

/** Small bundle contents for the bundle tests. */
final class Bundles {

    private Bundles() {
    }

    static NetworkSpec network() {
        return new NetworkSpec("tiny", new InputSpec(List.of(3), new Preprocessing.Standardize(Tensor.vector(0.5, -1, 2),
                Tensor.vector(1.5, 0.25, 3)), null), List.of(
                Dense.floating("d1", Tensor.matrix(3, 2, new double[] {0.1, -0.2, 0.3, 1e-9, -7.25, 2}), Tensor.vector(0.5, -0.125)),
                new Relu("r1", 2, null),
                Dense.floating("latent", Tensor.matrix(2, 1, new double[] {0.75, -1.0 / 3}), Tensor.vector(0.0))));
    }

    /** Stand-in bytes: the bundle treats model.onnx as opaque. */
    static byte[] onnx() {
        byte[] b = new byte[300];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (i * 31 + 7);
        }
        return b;
    }

    static Provenance provenance() {
        ObjectNode config = JsonNodeFactory.instance.objectNode();
        config.put("epochs", 20);
        config.put("learningRate", 1e-3);
        config.putArray("hiddenWidths").add(96).add(64);
        config.putObject("optimizer").put("name", "adam").put("beta1", 0.9);
        ObjectNode metrics = JsonNodeFactory.instance.objectNode();
        metrics.put("auc", 0.9312);
        metrics.put("loss", 4.25);
        TreeMap<String, Long> seeds = new TreeMap<>();
        seeds.put("init", 1L);
        seeds.put("shuffle", -7L);
        return new Provenance(config, seeds, "sha256:" + "ab".repeat(32), "0.1.0-SNAPSHOT+git.59c14b7", metrics,
                Instant.parse("2025-03-01T12:34:56.789Z"));
    }

    static BundleWriter writer() {
        return new BundleWriter(network(), onnx(), provenance())
                .withExtraFile("README.md", "# tiny\n\nA test bundle.\n".getBytes(StandardCharsets.UTF_8));
    }
}
