package org.l1embed.quantization.bundle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SortedMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.l1embed.quantization.network.NetworkJson;

class BundleWriterTest {

    @TempDir
    Path tmp;

    @Test
    void writesTheFourFilesAndExtrasAndReadsBackTheSameBundle() throws IOException {
        Path dir = tmp.resolve("bundle");
        ModelBundle written = Bundles.writer().write(dir, ExistingTarget.REFUSE);
        assertEquals(List.of("README.md", "checksums.sha256", "model.onnx", "network.json", "provenance.json"), list(dir));

        ModelBundle read = ModelBundle.read(dir);
        assertEquals(written, read);
        assertEquals(Bundles.network(), read.network());
        assertEquals(Bundles.provenance(), read.provenance());
        assertEquals(List.of(), read.networkNotes());
        assertEquals(List.of("README.md"), read.extraFiles());
        assertArrayEquals(Bundles.onnx(), Files.readAllBytes(read.modelOnnx()));
        assertEquals(NetworkJson.toJson(Bundles.network()), Files.readString(read.networkJson()));
        assertEquals(Bundles.provenance().toJson(), Files.readString(read.provenanceJson()));
    }

    @Test
    void checksumsListEveryOtherFileSortedInSha256sumFormat() throws IOException {
        Path dir = tmp.resolve("bundle");
        Bundles.writer().withExtraFile("docs/notes.txt", new byte[] {1, 2, 3}).write(dir, ExistingTarget.REFUSE);
        StringBuilder expected = new StringBuilder();
        for (String p : List.of("README.md", "docs/notes.txt", "model.onnx", "network.json", "provenance.json")) {
            expected.append(Checksums.sha256Hex(Files.readAllBytes(dir.resolve(p)))).append("  ").append(p).append('\n');
        }
        assertEquals(expected.toString(), Files.readString(dir.resolve("checksums.sha256")));
    }

    @Test
    void gnuSha256sumVerifiesTheBundle() throws Exception {
        Path dir = tmp.resolve("bundle");
        Bundles.writer().withExtraFile("docs/notes.txt", new byte[] {1, 2, 3}).write(dir, ExistingTarget.REFUSE);
        Process p;
        try {
            p = new ProcessBuilder("sha256sum", "--strict", "-c", "checksums.sha256").directory(dir.toFile())
                    .redirectErrorStream(true).start();
        } catch (IOException e) {
            Assumptions.abort("sha256sum is not installed: " + e.getMessage());
            return;
        }
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), out);
        assertEquals(5, out.lines().filter(l -> l.endsWith(": OK")).count(), out);
    }

    @Test
    void sameInputsGiveTheSameBytes() throws IOException {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        Bundles.writer().write(a, ExistingTarget.REFUSE);
        new BundleWriter(Bundles.network(), Bundles.onnx(), Bundles.provenance())
                .withExtraFile("README.md", "# tiny\n\nA test bundle.\n".getBytes(StandardCharsets.UTF_8))
                .write(b, ExistingTarget.REFUSE);
        assertEquals(list(a), list(b));
        for (String p : list(a)) {
            assertArrayEquals(Files.readAllBytes(a.resolve(p)), Files.readAllBytes(b.resolve(p)), p);
        }
        SortedMap<String, byte[]> r1 = Bundles.writer().render();
        SortedMap<String, byte[]> r2 = Bundles.writer().render();
        assertEquals(r1.keySet(), r2.keySet());
        r1.forEach((p, bytes) -> assertArrayEquals(bytes, r2.get(p), p));
    }

    @Test
    void refusesANonEmptyTargetAndLeavesItAlone() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("bundle"));
        Files.writeString(dir.resolve("precious.txt"), "keep me");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Bundles.writer().write(dir, ExistingTarget.REFUSE));
        assertTrue(e.getMessage().contains("is not empty"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Bundles.writer().write(dir, ExistingTarget.REPLACE));
        assertTrue(e.getMessage().contains("is not a model bundle (no checksums.sha256); refusing to replace it"), e.getMessage());
        assertEquals(List.of("precious.txt"), list(dir));
        assertEquals(List.of("bundle"), names(tmp), "no temporary directory is left");
    }

    @Test
    void refusesATargetThatIsAFile() throws IOException {
        Path file = Files.writeString(tmp.resolve("bundle"), "x");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Bundles.writer().write(file, ExistingTarget.REPLACE));
        assertTrue(e.getMessage().endsWith("exists and is not a directory"), e.getMessage());
    }

    @Test
    void writesIntoAnEmptyDirectoryAndCreatesMissingParents() throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        Bundles.writer().write(empty, ExistingTarget.REFUSE);
        ModelBundle.read(empty);
        Path deep = tmp.resolve("x/y/bundle");
        Bundles.writer().write(deep, ExistingTarget.REFUSE);
        ModelBundle.read(deep);
    }

    @Test
    void replacesAnExistingBundleOnlyWhenAsked() throws IOException {
        Path dir = tmp.resolve("bundle");
        Bundles.writer().withExtraFile("old.txt", new byte[] {1}).write(dir, ExistingTarget.REFUSE);
        assertThrows(IllegalArgumentException.class, () -> Bundles.writer().write(dir, ExistingTarget.REFUSE));
        ModelBundle replaced = Bundles.writer().write(dir, ExistingTarget.REPLACE);
        assertEquals(List.of("README.md"), replaced.extraFiles());
        assertEquals(replaced, ModelBundle.read(dir));
        assertEquals(List.of("bundle"), names(tmp), "the previous bundle and the staging directory are gone");
    }

    @Test
    void refusesExtraFilesThatWouldClash() {
        BundleWriter w = Bundles.writer();
        assertTrue(message(() -> w.withExtraFile("network.json", new byte[0])).contains("would replace one of the bundle's own files"));
        assertTrue(message(() -> w.withExtraFile("checksums.sha256", new byte[0])).contains("would replace"));
        assertEquals("extra file 'README.md' is given twice", message(() -> w.withExtraFile("README.md", new byte[0])));
        assertTrue(message(() -> w.withExtraFile("README.md/x", new byte[0])).contains("one is a directory of the other"));
        assertTrue(message(() -> w.withExtraFile("model.onnx/x", new byte[0])).contains("would need model.onnx to be a directory"));
        assertTrue(message(() -> w.withExtraFile("../escape", new byte[0])).startsWith("bundle file path '../escape' is not allowed"));
        assertEquals("model.onnx must not be empty, got 0 bytes",
                message(() -> new BundleWriter(Bundles.network(), new byte[0], Bundles.provenance())));
    }

    @Test
    void writerIsImmutable() {
        BundleWriter base = new BundleWriter(Bundles.network(), Bundles.onnx(), Bundles.provenance());
        base.withExtraFile("README.md", new byte[] {1});
        assertFalse(base.render().containsKey("README.md"));
        byte[] content = {1, 2};
        BundleWriter w = base.withExtraFile("x", content);
        content[0] = 9;
        w.render().get("x")[1] = 9;
        assertArrayEquals(new byte[] {1, 2}, w.render().get("x"));
    }

    static List<String> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString().replace('\\', '/')).sorted().toList();
        }
    }

    static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static String message(org.junit.jupiter.api.function.Executable e) {
        return assertThrows(IllegalArgumentException.class, e).getMessage();
    }
}
