package org.l1embed.cli.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @TempDir
    Path dir;

    @Test
    void writesEveryFileOfABatch() throws IOException {
        Path a = dir.resolve("a.csv");
        Path b = dir.resolve("b.csv");
        AtomicFiles.writeAll(List.of(new AtomicFiles.Pending(a, out -> out.write("A\n")), new AtomicFiles.Pending(b, out -> out.write("B\n"))));
        assertEquals("A\n", Files.readString(a));
        assertEquals("B\n", Files.readString(b));
        assertEquals(List.of(a, b), listing());
    }

    @Test
    void failureWhileRenderingLeavesNeitherTargetsNorTemporaryFiles() throws IOException {
        Path a = dir.resolve("a.csv");
        Path b = Files.writeString(dir.resolve("b.csv"), "previous");
        IOException thrown = assertThrows(IOException.class, () -> AtomicFiles.writeAll(List.of(
                new AtomicFiles.Pending(a, out -> out.write("A\n")),
                new AtomicFiles.Pending(b, out -> {
                    out.write("half of B");
                    throw new IOException("disk full");
                }))));
        assertEquals("disk full", thrown.getMessage());
        assertFalse(Files.exists(a));
        assertEquals("previous", Files.readString(b), "an existing target is untouched");
        assertEquals(List.of(b), listing());
    }

    @Test
    void refusesATargetInAMissingDirectoryBeforeRendering() {
        Path target = dir.resolve("missing").resolve("a.csv");
        NoSuchFileException e = assertThrows(NoSuchFileException.class,
                () -> AtomicFiles.write(target, out -> {
                    throw new AssertionError("must not render");
                }));
        assertEquals(dir.resolve("missing").toString(), e.getFile());
    }

    @Test
    void refusesADirectoryAsTarget() throws IOException {
        Path target = Files.createDirectory(dir.resolve("out.csv"));
        assertThrows(IOException.class, () -> AtomicFiles.write(target, out -> out.write("x")));
    }

    private List<Path> listing() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }
}
