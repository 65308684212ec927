package org.l1embed.quantization.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StagedDirectoryTest {

    @TempDir
    Path tmp;

    @Test
    void commitMovesTheStagingDirectoryToTheTargetAndCloseLeavesNothingElse() throws IOException {
        Path target = tmp.resolve("out");
        try (StagedDirectory s = StagedDirectory.beside(target, "output directory", StagedDirectory.TargetCheck.replaceAny())) {
            Files.writeString(s.path().resolve("a.txt"), "a");
            s.commit();
        }
        assertEquals("a", Files.readString(target.resolve("a.txt")));
        assertEquals(List.of("out"), names(tmp));
    }

    @Test
    void anUncommittedDirectoryIsDeletedOnClose() throws IOException {
        try (StagedDirectory s = StagedDirectory.beside(tmp.resolve("out"), "output directory", StagedDirectory.TargetCheck.replaceAny())) {
            Files.writeString(s.path().resolve("a.txt"), "a");
        }
        assertEquals(List.of(), names(tmp));
    }

    @Test
    void removeStaleDeletesLeftStagingDirectoriesOfThatTargetOnly() throws IOException {
        Files.createDirectories(tmp.resolve(".out.l1embed-tmp-123/sub"));
        Files.writeString(tmp.resolve(".out.l1embed-tmp-123/sub/x"), "x");
        Files.createDirectories(tmp.resolve(".out.l1embed-tmp-456"));
        Files.createDirectories(tmp.resolve(".other.l1embed-tmp-789"));
        Files.createDirectories(tmp.resolve("out"));
        assertEquals(2, StagedDirectory.removeStale(tmp.resolve("out")));
        assertEquals(List.of(".other.l1embed-tmp-789", "out"), names(tmp));
    }

    @Test
    void anOldTargetIsKeptWhileItIsTheOnlyCopy() throws IOException {
        Files.createDirectories(tmp.resolve(".out.l1embed-old-1"));
        assertEquals(0, StagedDirectory.removeStale(tmp.resolve("out")));
        Files.createDirectories(tmp.resolve("out"));
        assertEquals(1, StagedDirectory.removeStale(tmp.resolve("out")));
        assertEquals(List.of("out"), names(tmp));
    }

    @Test
    void aSignalledJvmDeletesItsOpenStagingDirectory() throws Exception {
        Path target = tmp.resolve("out");
        String classpath = Path.of(StagedDirectory.class.getProtectionDomain().getCodeSource().getLocation().toURI()) + File.pathSeparator
                + Path.of(Holder.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", classpath,
                Holder.class.getName(), target.toString()).redirectErrorStream(true).start();
        try {
            String line = new String(p.getInputStream().readNBytes(Holder.READY.length()), StandardCharsets.UTF_8);
            assertEquals(Holder.READY, line, "the child opened its staging directory");
            assertEquals(1, names(tmp).size(), "the staging directory exists while the child runs");
            p.destroy();   // SIGTERM: shutdown hooks run
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        } finally {
            p.destroyForcibly();
        }
        assertEquals(List.of(), names(tmp));
        assertFalse(Files.exists(target));
    }

    /** The child process: opens a staging directory, writes into it, says so and waits to be signalled. */
    public static final class Holder {
        static final String READY = "staged\n";

        public static void main(String[] args) throws Exception {
            StagedDirectory s = StagedDirectory.beside(Path.of(args[0]), "output directory", StagedDirectory.TargetCheck.replaceAny());
            Files.writeString(s.path().resolve("partial.txt"), "half-written");
            System.out.print(READY);
            System.out.flush();
            Thread.sleep(60_000);
        }
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
