package org.l1embed.service.kserve;

import ai.onnxruntime.OrtException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.l1embed.inference.FeatureBatch;
import org.l1embed.inference.FloatModel;
import org.l1embed.inference.InferenceDevice;
import org.l1embed.inference.OnnxSessions;
import org.l1embed.quantization.bundle.ModelBundle;
import org.l1embed.quantization.emulator.Emulator;
import org.l1embed.quantization.network.NetworkSpec;
import org.l1embed.service.Requests;

/** The reference answers of the fixture bundles, computed in the test's process without the service. */
public final class InProcessModels {

    private InProcessModels() {
    }

    /** The latents of ONNX Runtime on a session of its own (CPU, 1 thread, as the service runs it). */
    public static float[] floatLatents(Path bundleDir, float[] features, int events) {
        try {
            ModelBundle bundle = ModelBundle.read(bundleDir);
            try (FloatModel model = FloatModel.open(new OnnxSessions(InferenceDevice.CPU, 1), Files.readAllBytes(bundle.modelOnnx()),
                    bundle.network().input().size(), bundle.network().outputSize(),
                    bundle.checksums().get(ModelBundle.NETWORK_JSON))) {
                return model.embed(new FeatureBatch(events, bundle.network().input().size(), features));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (OrtException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The emulator's raw outputs on the preprocessed features. */
    public static long[] emulatedRaw(Path bundleDir, float[] features) {
        NetworkSpec spec = network(bundleDir);
        return Emulator.compile(spec).emulateRaw(Requests.preprocessed(spec, features));
    }

    public static NetworkSpec network(Path bundleDir) {
        try {
            return ModelBundle.read(bundleDir).network();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
