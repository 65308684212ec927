package org.l1embed.training.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OrtSession;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.l1embed.quantization.bundle.ExistingTarget;
import org.l1embed.quantization.bundle.ModelBundle;
import org.l1embed.quantization.bundle.Provenance;
import org.l1embed.quantization.emulator.EmulationResult;
import org.l1embed.quantization.emulator.Emulator;
import org.l1embed.quantization.fixed.Overflow;
import org.l1embed.quantization.fixed.Rounding;
import org.l1embed.quantization.network.BatchNormFolding;
import org.l1embed.quantization.network.InputSpec;
import org.l1embed.quantization.network.NetworkSpec;
import org.l1embed.quantization.network.Preprocessing;
import org.l1embed.quantization.profile.Profiler;
import org.l1embed.training.model.ModelConfig;
import org.l1embed.training.preprocess.PtStandardization;
import org.l1embed.training.train.FeatureTransform;
import org.l1embed.training.train.LabelledData;
import org.l1embed.training.train.Trainer;
import org.l1embed.training.train.TrainingConfig;

/**
 * A model trained with TF Java, exported to the bundle: ONNX Runtime runs its model.onnx (preprocessing included) and
 * matches TF's latents; its network.json quantizes (profiler) and runs in the bit-accurate emulator.
 */
class TrainedModelExportTest {

    /** Raw-like events: 19 objects × (pT, η, φ), some slots empty, 4 classes with different pT scales. */
    private static LabelledData events(int n, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] x = new float[n * 57];
        int[] y = new int[n];
        for (int e = 0; e < n; e++) {
            y[e] = rnd.nextInt(4);
            for (int o = 0; o < 19; o++) {
                if (rnd.nextInt(3) == 0) {
                    continue;   // empty slot: all zeros
                }
                x[e * 57 + o * 3] = (float) (20 + 15 * y[e] + 10 * rnd.nextDouble());
                x[e * 57 + o * 3 + 1] = (float) rnd.nextDouble(-2.5, 2.5);
                x[e * 57 + o * 3 + 2] = (float) rnd.nextDouble(-Math.PI, Math.PI);
            }
        }
        return new LabelledData(x, y, 57);
    }

    @Test
    void onnxRuntimeMatchesTensorFlowAndTheNetworkRunsInTheEmulator(@TempDir Path tmp) throws Exception {
        LabelledData train = events(3000, 1);
        LabelledData test = events(500, 2);
        Preprocessing pre = PtStandardization.fit(train.x(), 57);
        TrainingConfig config = TrainingConfig.defaults().withEpochs(2, 0).withBatchSize(256);
        NetworkSpec spec;
        float[] tfLatents;
        try (Trainer trainer = Trainer.builder(ModelConfig.defaults(), config).transform(FeatureTransform.of(pre))
                .log(new PrintStream(new ByteArrayOutputStream())).build()) {
            trainer.fit(train, null);
            spec = BatchNormFolding.apply(trainer.encoderSpec("encoder", new InputSpec(List.of(19, 3), pre, null)));
            tfLatents = trainer.embed(PtStandardization.applyAll(pre, test.x(), 57));
        }
        Provenance provenance = new Provenance(com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode(),
                new TreeMap<>(), "test", "test", com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode(),
                Instant.EPOCH);
        BundleExporter.write(spec, provenance, tmp.resolve("bundle"), ExistingTarget.REFUSE);
        ModelBundle bundle = ModelBundle.read(tmp.resolve("bundle"));

        // ONNX Runtime on raw events (preprocessing inside the graph) vs TF on preprocessed events
        float[] ortLatents;
        try (OrtSession session = OnnxRuntimeAgreementTest.session(java.nio.file.Files.readAllBytes(tmp.resolve("bundle/model.onnx")))) {
            ortLatents = OnnxRuntimeAgreementTest.run(session, test.x(), 500, 57);
        }
        double worst = 0;
        for (int i = 0; i < tfLatents.length; i++) {
            double scale = Math.max(1.0, Math.abs(tfLatents[i]));
            worst = Math.max(worst, Math.abs(ortLatents[i] - tfLatents[i]) / scale);
        }
        // Float32 in both, different operation order (TF's BatchNorm unfolded, ONNX folded): agreement to ~1e-4.
        assertTrue(worst < 1e-4, "largest relative difference ONNX Runtime vs TF: " + worst);

        // the bundle's network.json, quantized from a profile, runs in the emulator
        float[] inputs = PtStandardization.applyAll(pre, test.x(), 57);
        NetworkSpec quantized = Profiler.propose(bundle.network(), Profiler.profile(bundle.network(), inputs), 16, 1,
                Rounding.RND_CONV, Rounding.RND_CONV, Overflow.SAT);
        EmulationResult r = Emulator.compile(quantized).emulate(inputs, false);
        assertEquals(500 * spec.outputSize(), r.raw().length);
        assertEquals(0, r.inputOverflows());
    }
}
