package org.l1embed.hls.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.l1embed.hls.render.GeneratedFile;

class ProjectWriterTest {

    private static final List<GeneratedFile> FILES = List.of(new GeneratedFile("a.txt", "a\n"), new GeneratedFile("sub/b.txt", "b\n"));

    private static List<String> listing(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }

    @Test
    void writesANewDirectoryAndLeavesNoStagingBehind(@TempDir Path tmp) throws IOException {
        ProjectWriter.write(FILES, tmp.resolve("p"), false);
        assertEquals(List.of("", "p", "p/a.txt", "p/sub", "p/sub/b.txt"), listing(tmp));
        assertEquals("b\n", Files.readString(tmp.resolve("p/sub/b.txt")));
    }

    @Test
    void refusesANonEmptyDirectoryWithoutTouchingIt(@TempDir Path tmp) throws IOException {
        Path p = Files.createDirectories(tmp.resolve("p"));
        Files.writeString(p.resolve("keep.txt"), "mine");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ProjectWriter.write(FILES, p, false));
        assertTrue(e.getMessage().contains("is not empty"), e.getMessage());
        assertEquals(List.of("", "p", "p/keep.txt"), listing(tmp));
    }

    @Test
    void replacesANonEmptyDirectoryWhenAsked(@TempDir Path tmp) throws IOException {
        Path p = Files.createDirectories(tmp.resolve("p"));
        Files.writeString(p.resolve("old.txt"), "old");
        ProjectWriter.write(FILES, p, true);
        assertEquals(List.of("", "p", "p/a.txt", "p/sub", "p/sub/b.txt"), listing(tmp));
    }

    @Test
    void aFailureMidwayLeavesNothing(@TempDir Path tmp) throws IOException {
        // "sub" is a file first, then a directory is needed under it: writing the third file fails.
        List<GeneratedFile> bad = List.of(new GeneratedFile("a.txt", "a"), new GeneratedFile("sub", "x"), new GeneratedFile("sub/c.txt", "c"));
        assertThrows(IOException.class, () -> ProjectWriter.write(bad, tmp.resolve("p"), false));
        assertEquals(List.of(""), listing(tmp));
        assertFalse(Files.exists(tmp.resolve("p")));
    }
}
