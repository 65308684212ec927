package org.l1embed.training.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.l1embed.quantization.bundle.ExistingTarget;
import org.l1embed.quantization.bundle.ModelBundle;
import org.l1embed.quantization.bundle.Provenance;
import org.l1embed.quantization.emulator.FloatNetwork;
import org.l1embed.quantization.network.NetworkSpec;

class BundleExporterTest {

    private static Provenance provenance() {
        TreeMap<String, Long> seeds = new TreeMap<>();
        seeds.put("init", 1L);
        return new Provenance(JsonNodeFactory.instance.objectNode().put("epochs", 2), seeds, "synthetic:seed=1,events=1000",
                "0.1.0-test", JsonNodeFactory.instance.objectNode().put("auc", 0.5), Instant.parse("2025-03-01T00:00:00Z"));
    }

    @Test
    void bundleModelLoadsInOrtAndItsMetadataPointsAtTheBundledNetworkJson(@TempDir Path dir) throws IOException, OrtException {
        NetworkSpec spec = OnnxExporterTest.everyKind();
        BundleExporter.writer(spec, provenance()).withExtraFile("README.md", "# every_kind\n".getBytes(StandardCharsets.UTF_8))
                .write(dir.resolve("bundle"), ExistingTarget.REFUSE);
        ModelBundle bundle = ModelBundle.read(dir.resolve("bundle"));
        assertEquals(spec, bundle.network());
        assertEquals(List.of("README.md"), bundle.extraFiles());
        try (OrtSession session = OnnxRuntimeAgreementTest.session(Files.readAllBytes(bundle.modelOnnx()))) {
            assertEquals(bundle.checksums().get(ModelBundle.NETWORK_JSON),
                    session.getMetadata().getCustomMetadataValue(OnnxExporter.META_NETWORK_SHA256).orElseThrow());
            assertEquals("0.1.0-test", session.getMetadata().getCustomMetadataValue(OnnxExporter.META_VERSION).orElseThrow());
            float[] event = {0, 2.5f, -1, 4, 0, 7};
            float[] features = new float[6];
            spec.input().preprocessing().apply(event, features);
            double[] want = new FloatNetwork(spec).forward(new double[] {features[0], features[1], features[2], features[3],
                    features[4], features[5]});
            float[] got = OnnxRuntimeAgreementTest.run(session, event, 1, 6);
            for (int j = 0; j < want.length; j++) {
                assertEquals(want[j], got[j], 1e-5 * (1 + Math.abs(want[j])), "output " + j);
            }
        }
    }

    @Test
    void sameSpecAndProvenanceGiveTheSameBundleBytes(@TempDir Path dir) throws IOException {
        NetworkSpec spec = OnnxExporterTest.everyKind();
        BundleExporter.write(spec, provenance(), dir.resolve("a"), ExistingTarget.REFUSE);
        BundleExporter.write(spec, provenance(), dir.resolve("b"), ExistingTarget.REFUSE);
        for (String f : List.of("checksums.sha256", "model.onnx", "network.json", "provenance.json")) {
            assertArrayEquals(Files.readAllBytes(dir.resolve("a").resolve(f)), Files.readAllBytes(dir.resolve("b").resolve(f)), f);
        }
        ModelBundle.toZip(dir.resolve("a"), dir.resolve("a.zip"));
        ModelBundle.toZip(dir.resolve("b"), dir.resolve("b.zip"));
        assertArrayEquals(Files.readAllBytes(dir.resolve("a.zip")), Files.readAllBytes(dir.resolve("b.zip")));
    }
}
