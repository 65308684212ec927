package org.l1embed.training.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointTest {

    private static Checkpoint sample(float marker) {
        Map<String, float[]> variables = new LinkedHashMap<>();
        variables.put("encoder/dense_0/kernel", new float[] {marker, -0f, Float.MIN_VALUE, Float.MAX_VALUE});
        variables.put("encoder/dense_0/bias", new float[] {1e-30f});
        Map<String, float[]> best = Map.of("encoder/dense_0/kernel", new float[] {7, 8, 9, 10});
        return new Checkpoint("model-ä", "training", "data", new TrainerState(3, 300, 1, 0.5, 2, false),
                List.of(new EpochSummary(0, 100, 4.0, 3.9, 1e-3, 1.5, 60_000), new EpochSummary(1, 200, 3.5, Double.NaN, 9e-4, 1.4, 61_000)),
                variables, best);
    }

    @Test
    void roundTripsBitForBit(@TempDir Path dir) {
        Checkpoint written = sample(0.1f);
        Path file = dir.resolve("sub/checkpoint.l1ckpt");
        written.write(file);
        Checkpoint read = Checkpoint.read(file);
        assertEquals(written.modelKey(), read.modelKey());
        assertEquals(written.trainingKey(), read.trainingKey());
        assertEquals(written.dataKey(), read.dataKey());
        assertEquals(written.state(), read.state());
        assertEquals(written.history(), read.history());
        assertEquals(List.copyOf(written.variables().keySet()), List.copyOf(read.variables().keySet()));
        for (String name : written.variables().keySet()) {
            assertArrayEquals(written.variables().get(name), read.variables().get(name), name);
        }
        assertArrayEquals(written.bestVariables().get("encoder/dense_0/kernel"), read.bestVariables().get("encoder/dense_0/kernel"));
    }

    @Test
    void replacesAtomicallyAndLeavesNoTemporaryFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("checkpoint.l1ckpt");
        sample(1f).write(file);
        sample(2f).write(file);
        assertEquals(2f, Checkpoint.read(file).variables().get("encoder/dense_0/kernel")[0]);
        try (var files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList());
        }
    }

    @Test
    void refusesCorruptTruncatedForeignAndNewerFiles(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("c.l1ckpt");
        sample(1f).write(file);
        byte[] good = Files.readAllBytes(file);

        byte[] flipped = good.clone();
        flipped[good.length / 2] ^= 0x10;
        Files.write(file, flipped);
        IllegalArgumentException crc = assertThrows(IllegalArgumentException.class, () -> Checkpoint.read(file));
        assertTrue(crc.getMessage().contains("is corrupt: CRC32 stored"), crc.getMessage());

        Files.write(file, java.util.Arrays.copyOf(good, good.length - 20));
        assertThrows(IllegalArgumentException.class, () -> Checkpoint.read(file));

        Files.writeString(file, "not a checkpoint at all");
        IllegalArgumentException foreign = assertThrows(IllegalArgumentException.class, () -> Checkpoint.read(file));
        assertTrue(foreign.getMessage().contains("is not an l1embed checkpoint"), foreign.getMessage());

        byte[] newer = good.clone();
        ByteBuffer.wrap(newer).putInt(8, 2);
        CRC32 c = new CRC32();
        c.update(newer, 0, newer.length - 8);
        ByteBuffer.wrap(newer).putLong(newer.length - 8, c.getValue());
        Files.write(file, newer);
        IllegalArgumentException version = assertThrows(IllegalArgumentException.class, () -> Checkpoint.read(file));
        assertTrue(version.getMessage().contains("has format version 2; this code reads version 1"), version.getMessage());
    }

    @Test
    void copiesTheValuesItIsGiven() {
        float[] kernel = {1, 2};
        Checkpoint c = new Checkpoint("m", "t", "d", TrainerState.initial(), List.of(), Map.of("k", kernel), Map.of());
        kernel[0] = 99;
        assertEquals(1f, c.variables().get("k")[0]);
    }
}
