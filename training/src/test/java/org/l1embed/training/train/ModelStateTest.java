package org.l1embed.training.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.zip.CRC32;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.l1embed.training.model.ContrastiveModel;
import org.l1embed.training.model.LatentBlock;
import org.l1embed.training.model.ModelConfig;
import org.l1embed.training.model.OptimizerConfig;

/** The model state file: exact round trip through bytes and back into a model, and every refusal. */
class ModelStateTest {

    private static final int FEATURES = 12;
    private static final ModelConfig SMALL = ModelConfig.defaults().withInputSize(FEATURES)
            .withEncoder(List.of(16, 8), 3).withHead(List.of(8, 10)).withSeed(5);
    private static final OptimizerConfig OPTIMIZER = new OptimizerConfig(OptimizerConfig.Kind.ADAMW, 0.85, 0.995, 3e-8, 0.1 + 0.2);

    private static ModelState trained;
    private static float[] inputs;
    private static float[] latents;

    /** A few training steps, so that weights, running statistics and Adam moments are all away from their start. */
    @BeforeAll
    static void train() {
        SplittableRandom rng = new SplittableRandom(1);
        try (ContrastiveModel model = ContrastiveModel.create(SMALL, OPTIMIZER, true)) {
            for (int step = 1; step <= 4; step++) {
                model.trainStep(gaussian(rng, 32 * FEATURES), rng.ints(32, 0, 3).toArray(), 1e-2, step);
            }
            trained = ModelState.of(model);
            inputs = gaussian(rng, 200 * FEATURES);
            latents = model.embed(inputs);
        }
    }

    private static float[] gaussian(SplittableRandom rng, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (rng.nextGaussian() * 1.5 + 0.3);
        }
        return x;
    }

    @Test
    void restoredModelEmbedsBitForBitLikeTheSavedOne() {
        ModelState read = ModelState.parse(trained.toBytes(), "state");
        assertEquals(SMALL, read.model());
        assertEquals(OPTIMIZER, read.optimizer());
        try (ContrastiveModel restored = read.restore(true)) {
            assertArrayEquals(latents, restored.embed(inputs), "embed() after the round trip, compared with equality");
            Map<String, float[]> values = restored.variableValues();
            assertEquals(List.copyOf(trained.variables().keySet()), List.copyOf(values.keySet()));
            for (String name : values.keySet()) {
                assertArrayEquals(bits(trained.variable(name)), bits(values.get(name)), name);
            }
            assertArrayEquals(trained.toBytes(), ModelState.of(restored).toBytes(), "the restored model saves the same bytes");
        }
    }

    @Test
    void holdsTheOptimiserMomentsAndRunningStatistics() {
        assertTrue(trained.variables().keySet().containsAll(List.of("encoder/dense_0/kernel/adam_m", "encoder/dense_0/kernel/adam_v",
                "encoder/batch_norm_0/running_mean", "head/dense_1/kernel")), trained.variables().keySet().toString());
        assertTrue(nonZero(trained.variable("encoder/dense_0/kernel/adam_v")));
    }

    @Test
    void bytesFollowTheDocumentedLayout() throws IOException {
        Map<String, float[]> variables = new LinkedHashMap<>();
        variables.put("a", new float[] {-0f, Float.NaN, Float.MIN_VALUE});
        variables.put("ü", new float[] {});
        ModelState state = new ModelState(SMALL, OPTIMIZER, variables);
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(expected);
        out.write("L1EMBMST".getBytes(StandardCharsets.US_ASCII));
        out.writeInt(1);
        byte[] model = SMALL.toJson().getBytes(StandardCharsets.UTF_8);
        out.writeInt(model.length);
        out.write(model);
        byte[] optimizer = "{\"kind\":\"ADAMW\",\"beta1\":0.85,\"beta2\":0.995,\"epsilon\":3.0E-8,\"weightDecay\":0.30000000000000004}"
                .getBytes(StandardCharsets.UTF_8);
        out.writeInt(optimizer.length);
        out.write(optimizer);
        out.writeInt(2);
        out.writeInt(1);
        out.write('a');
        out.writeInt(3);
        out.writeInt(0x80000000);
        out.writeInt(0x7fc00000);
        out.writeInt(1);
        out.writeInt(2);
        out.write(new byte[] {(byte) 0xc3, (byte) 0xbc});
        out.writeInt(0);
        CRC32 crc = new CRC32();
        crc.update(expected.toByteArray());
        out.writeLong(crc.getValue());
        assertArrayEquals(expected.toByteArray(), state.toBytes());
        assertArrayEquals(state.toBytes(), ModelState.parse(state.toBytes(), "x").toBytes());
    }

    @Test
    void readsAFileAndNamesAMissingOne(@TempDir Path dir) throws IOException {
        Path file = Files.write(dir.resolve("model_state.bin"), trained.toBytes());
        assertArrayEquals(trained.toBytes(), ModelState.read(file).toBytes());
        assertThrows(NoSuchFileException.class, () -> ModelState.read(dir.resolve("missing.bin")));
    }

    @Test
    void refusesAForeignFile() {
        byte[] foreign = "L1EMBCKP and then some more bytes".getBytes(StandardCharsets.US_ASCII);
        assertEquals("f.bin: not an l1embed model state (no L1EMBMST header)", refusal(foreign));
        assertEquals("f.bin: not an l1embed model state (no L1EMBMST header)", refusal(new byte[0]));
    }

    @Test
    void refusesACorruptFile() {
        byte[] bytes = trained.toBytes();
        bytes[bytes.length / 2] ^= 0x10;
        assertTrue(refusal(bytes).startsWith("f.bin: model state is corrupt: CRC32 stored "), refusal(bytes));
    }

    @Test
    void refusesAnotherVersion() {
        byte[] bytes = trained.toBytes();
        ByteBuffer.wrap(bytes).putInt(8, 2);
        assertEquals("f.bin: model state has format version 2; this code reads version 1", refusal(withCrc(bytes)));
    }

    @Test
    void refusesTruncatedAndTrailingBytes() {
        byte[] bytes = trained.toBytes();
        byte[] truncated = withCrc(Arrays.copyOf(bytes, bytes.length - 100));
        assertTrue(refusal(truncated).startsWith("f.bin: model state is truncated or malformed: "), refusal(truncated));
        byte[] longer = new byte[bytes.length + 4];
        System.arraycopy(bytes, 0, longer, 0, bytes.length - 8);
        String trailing = refusal(withCrc(longer));
        assertTrue(trailing.contains("4 unexpected bytes after the variables"), trailing);
    }

    @Test
    void refusesAnInvalidConfigNamingTheField() {
        ModelState state = new ModelState(SMALL, OPTIMIZER, Map.of());
        byte[] bytes = state.toBytes();
        String json = SMALL.toJson();
        String bad = json.replace("\"latentSize\":3", "\"latentSize\":0");
        byte[] patched = new String(bytes, StandardCharsets.ISO_8859_1).replace(json, bad).getBytes(StandardCharsets.ISO_8859_1);
        assertEquals("f.bin: latentSize must be > 0, got latentSize=0", refusal(withCrc(patched)));
    }

    @Test
    void restoreRefusesVariablesOfAnotherModel() {
        ModelState other = new ModelState(SMALL.withLatentBlock(LatentBlock.DENSE), OPTIMIZER, trained.variables());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> other.restore(true));
        assertTrue(e.getMessage().startsWith("model state does not match its model config: unknown variables [encoder/batch_norm_2/"),
                e.getMessage());
        ModelState wider = new ModelState(SMALL.withEncoder(List.of(17, 8), 3), OPTIMIZER, trained.variables());
        IllegalArgumentException size = assertThrows(IllegalArgumentException.class, () -> wider.restore(true));
        assertTrue(size.getMessage().contains("variable 'encoder/dense_0/kernel' needs 204 values"), size.getMessage());
    }

    private static String refusal(byte[] bytes) {
        return assertThrows(IllegalArgumentException.class, () -> ModelState.parse(bytes, "f.bin")).getMessage();
    }

    /** The bytes with their last 8 replaced by the CRC32 of the rest, as a writer would have stored it. */
    private static byte[] withCrc(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bytes.length - 8);
        ByteBuffer.wrap(bytes).putLong(bytes.length - 8, crc.getValue());
        return bytes;
    }

    private static int[] bits(float[] values) {
        int[] out = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = Float.floatToRawIntBits(values[i]);
        }
        return out;
    }

    private static boolean nonZero(float[] values) {
        for (float v : values) {
            if (v != 0) {
                return true;
            }
        }
        return false;
    }
}
