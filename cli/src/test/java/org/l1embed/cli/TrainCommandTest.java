package org.l1embed.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainCommandTest {

    @Test
    void needsExactlyOneDataSource(@TempDir Path tmp) {
        String out = tmp.resolve("b").toString();
        assertTrue(CliRun.of("train", "--out", out).assertUsageError().contains("--data"));
        assertTrue(CliRun.of("train", "--data", tmp.toString(), "--synthetic", "10", "--out", out).assertUsageError()
                .contains("mutually exclusive"));
    }

    @Test
    void namesTheDirectoryWithoutHdf5FilesAndWritesNothing(@TempDir Path tmp) throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        String message = CliRun.of("train", "--data", empty.toString(), "--out", tmp.resolve("b").toString()).assertFailure();
        assertTrue(message.contains(empty.toString()), message);
        assertFalse(Files.exists(tmp.resolve("b")));
    }

    @Test
    void refusesAnOutputItWouldOnlyRefuseAfterTraining(@TempDir Path tmp) throws Exception {
        Path out = Files.createDirectories(tmp.resolve("o"));
        Files.writeString(out.resolve("notes.txt"), "mine");
        // 200 000 events would take minutes to generate and train on: the refusal comes first.
        assertEquals("l1embed: --out: " + out + " is not empty; expected a new or empty directory, or --overwrite to replace the model "
                + "bundle there", CliRun.of("train", "--synthetic", "200000", "--out", out.toString()).assertFailure());
        assertEquals("mine", Files.readString(out.resolve("notes.txt")));
        try (var entries = Files.list(tmp)) {
            assertEquals(java.util.List.of(out), entries.toList(), "no checkpoint or staging directory beside it");
        }
    }

    @Test
    void refusesAnUnknownMode(@TempDir Path tmp) {
        assertEquals("l1embed: --mode must be supcon or simclr, got 'byol'",
                CliRun.of("train", "--synthetic", "1000", "--mode", "byol", "--out", tmp.resolve("b").toString()).assertFailure());
    }
}
